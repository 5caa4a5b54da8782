//! `cargo xtask <command>`; run `cargo xtask help` for the list.

use std::process::ExitCode;

use xtask::coverage;
use xtask::error::{Error, Result};
use xtask::provider::{Provider, read_to_string, repo_root};

const HELP: &str = "\
cargo xtask generate [--provider NAME] [--check]
    Normalize specs/<provider>/ and regenerate crates/<provider>/src/generated.rs.
    --check writes nothing and fails when a checked-in file is stale.
cargo xtask coverage [--write]
    Count each provider's operations: generated, hand-written, callable, missing.
    --write puts the table into README.md between its coverage markers.
cargo xtask contract [--provider NAME]
    Start a Prism mock of each provider's published spec on a free loopback port and run the
    whatsapp-sdk-contract binary against them; its exit status is the result. Needs Node 20 and
    npm; Prism is installed into tests/contract/node_modules with `npm ci` when missing.
    Mock logs: target/contract/prism-<provider>.log.
cargo xtask buildtime [--write] [--timings] [--app floor|cloud|full]
    Cold `cargo build --release` of a hand-written reqwest app (the floor), an app on the facade
    with only `cloud`, and one with all five providers: seconds, peak memory, ratios to the floor.
    --write puts the table into BENCHMARKS.md; --timings keeps cargo's timing report of each.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode> {
    let (command, rest) = args
        .split_first()
        .map(|(c, r)| (c.as_str(), r))
        .unwrap_or(("help", &[]));
    if command == "buildtime" {
        return xtask::buildtime::run(rest);
    }
    let mut flags = Flags::parse(rest)?;
    match command {
        "generate" => generate(&mut flags),
        "coverage" => coverage_cmd(&mut flags),
        "contract" => xtask::contract::run(&flags.providers()?),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Error::Usage(format!("unknown command `{other}`\n\n{HELP}"))),
    }
}

#[derive(Debug, Default)]
struct Flags {
    check: bool,
    write: bool,
    provider: Option<String>,
}

impl Flags {
    fn parse(args: &[String]) -> Result<Flags> {
        let mut flags = Flags::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--check" => flags.check = true,
                "--write" => flags.write = true,
                "--provider" => {
                    let name = iter
                        .next()
                        .ok_or_else(|| Error::Usage("--provider needs a name".into()))?;
                    flags.provider = Some(name.clone());
                }
                other => {
                    return Err(Error::Usage(format!(
                        "unknown argument `{other}`\n\n{HELP}"
                    )));
                }
            }
        }
        Ok(flags)
    }

    fn providers(&self) -> Result<Vec<Provider>> {
        match &self.provider {
            Some(name) => Ok(vec![Provider::named(name)?]),
            None => Ok(Provider::all()),
        }
    }
}

fn generate(flags: &mut Flags) -> Result<ExitCode> {
    let providers = flags.providers()?;
    let changed = xtask::generate::run(&providers, flags.check)?;
    let root = repo_root();
    for path in &changed {
        let shown = path.strip_prefix(&root).unwrap_or(path).display();
        println!("{} {shown}", if flags.check { "stale:" } else { "wrote:" });
    }
    if flags.check && !changed.is_empty() {
        let scope = flags
            .provider
            .as_ref()
            .map(|p| format!(" --provider {p}"))
            .unwrap_or_default();
        eprintln!(
            "generated files are out of date; run `cargo xtask generate{scope}` and commit the result"
        );
        return Ok(ExitCode::FAILURE);
    }
    if changed.is_empty() {
        println!(
            "generated files are up to date ({} providers)",
            providers.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn coverage_cmd(flags: &mut Flags) -> Result<ExitCode> {
    let rows = flags
        .providers()?
        .iter()
        .map(coverage::row)
        .collect::<Result<Vec<_>>>()?;
    let table = coverage::markdown(&rows);
    print!("{table}");
    for row in rows.iter().filter(|r| !r.missing.is_empty()) {
        eprintln!(
            "{}: operations not callable: {}",
            row.provider,
            row.missing.join(", ")
        );
    }
    if flags.write {
        let path = repo_root().join("README.md");
        let readme = read_to_string(&path)?;
        let updated = coverage::splice(&readme, &table)?;
        std::fs::write(&path, updated).map_err(|e| Error::io(&path, e))?;
        println!("wrote README.md");
    }
    let missing = rows.iter().any(|r| !r.missing.is_empty());
    Ok(if missing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
