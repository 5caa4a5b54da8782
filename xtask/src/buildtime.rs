//! `cargo xtask buildtime`: what choosing the SDK costs at build time. Cold `cargo build
//! --release` of three tiny applications that send one Cloud API text:
//!
//! - `floor`: reqwest (rustls, json) + serde + tokio, the request written by hand;
//! - `cloud`: the facade with only its `cloud` feature;
//! - `full`: the facade with all five providers.
//!
//! Each is written under `target/buildtime/<app>/` with the workspace's `Cargo.lock` (so every
//! shared dependency is the same release), its dependencies fetched first (untimed), then built
//! offline into an empty target directory of its own, which is deleted afterwards. The build
//! runs in a child of a fresh `cargo xtask` process, whose `getrusage(RUSAGE_CHILDREN)` then
//! gives that build's peak resident memory (of its largest process, in practice one rustc).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::provider::repo_root;

const START: &str = "<!-- buildtime:start (written by `cargo xtask buildtime --write`) -->";
const END: &str = "<!-- buildtime:end -->";

/// One application to build.
struct App {
    name: &'static str,
    what: &'static str,
    dependencies: String,
    main: &'static str,
}

/// What one cold build took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// Wall-clock seconds of `cargo build --release`.
    pub seconds: f64,
    /// Peak resident memory of its largest process, in KiB.
    pub peak_kib: u64,
    /// Compilation units cargo reported (`Compiling` lines).
    pub crates: usize,
}

const FLOOR_MAIN: &str = r#"use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Text<'a> { body: &'a str }

#[derive(Serialize)]
struct Body<'a> {
    messaging_product: &'static str,
    text: Text<'a>,
    to: &'a str,
    #[serde(rename = "type")]
    type_: &'static str,
}

#[derive(Deserialize)]
struct Sent { messages: Vec<Id> }

#[derive(Deserialize)]
struct Id { id: String }

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("WHATSAPP_CLOUD_ACCESS_TOKEN")?;
    let phone = std::env::var("WHATSAPP_CLOUD_PHONE_NUMBER_ID")?;
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()?;
    let sent: Sent = client
        .post(format!("https://graph.facebook.com/v23.0/{phone}/messages"))
        .bearer_auth(token)
        .timeout(std::time::Duration::from_secs(30))
        .json(&Body { messaging_product: "whatsapp", text: Text { body: "Hello" }, to: "14155550123", type_: "text" })
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    for id in sent.messages {
        println!("{}", id.id);
    }
    Ok(())
}
"#;

const CLOUD_MAIN: &str = r#"use whatsapp_sdk::cloud::CloudMessenger;
use whatsapp_sdk::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let messenger = CloudMessenger::from_env()?;
    let sent = messenger.send_text(&"+14155550123".parse()?, "Hello").await?;
    println!("{:?}", sent.id);
    Ok(())
}
"#;

const FULL_MAIN: &str = r#"use whatsapp_sdk::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Any of the five providers, chosen by WHATSAPP_SDK_PROVIDER.
    let messenger = whatsapp_sdk::from_env()?;
    let sent = messenger.send_text(&"+14155550123".parse()?, "Hello").await?;
    println!("{:?}", sent.id);
    Ok(())
}
"#;

fn apps(root: &Path) -> Vec<App> {
    let sdk = root.join("crates/sdk");
    let sdk = sdk.display();
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt-multi-thread"] }"#;
    vec![
        App {
            name: "floor",
            what: "reqwest (rustls, json) + serde + tokio, by hand",
            dependencies: format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"rustls\"] }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\n{tokio}\n"
            ),
            main: FLOOR_MAIN,
        },
        App {
            name: "cloud",
            what: "whatsapp-sdk, feature `cloud` only",
            dependencies: format!(
                "whatsapp-sdk = {{ path = \"{sdk}\", default-features = false, features = [\"cloud\"] }}\n{tokio}\n"
            ),
            main: CLOUD_MAIN,
        },
        App {
            name: "full",
            what: "whatsapp-sdk, all five providers (`full`)",
            dependencies: format!(
                "whatsapp-sdk = {{ path = \"{sdk}\", features = [\"full\"] }}\n{tokio}\n"
            ),
            main: FULL_MAIN,
        },
    ]
}

/// `cargo xtask buildtime [--write] [--timings] [--app NAME]`.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut write = false;
    let mut timings = false;
    let mut only = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--write" => write = true,
            "--timings" => timings = true,
            "--app" => only = iter.next().cloned(),
            // The measuring child: builds the app in DIR and prints what it took.
            "--one" => {
                let dir = iter
                    .next()
                    .ok_or_else(|| Error::Usage("--one needs a directory".into()))?;
                return one(Path::new(dir), iter.any(|a| a == "--timings"));
            }
            other => {
                return Err(Error::Usage(format!(
                    "buildtime: unknown argument `{other}`"
                )));
            }
        }
    }
    let root = repo_root();
    let scratch = root.join("target/buildtime");
    let load_before = load();
    let mut rows = Vec::new();
    for app in apps(&root) {
        if only.as_deref().is_some_and(|o| o != app.name) {
            continue;
        }
        let dir = scratch.join(app.name);
        write_app(&dir, &app, &root)?;
        // An earlier run that was interrupted leaves its target directory behind; a build on
        // top of it is not cold (it once measured 9 crates instead of 120).
        let stale = dir.join("target");
        if stale.exists() {
            std::fs::remove_dir_all(&stale).map_err(|e| Error::io(&stale, e))?;
        }
        // Downloads are not build time.
        cargo(&dir, &["fetch", "--quiet"])?;
        eprintln!("buildtime: building `{}` cold ({})", app.name, app.what);
        let exe = std::env::current_exe().map_err(|e| Error::io(Path::new("xtask"), e))?;
        let mut child = Command::new(exe);
        child.args(["buildtime", "--one"]).arg(&dir);
        if timings {
            child.arg("--timings");
        }
        let output = child
            .output()
            .map_err(|e| Error::Tool(format!("cannot run the measuring xtask: {e}")))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let measured = parse_measured(&stdout).ok_or_else(|| {
            Error::Tool(format!(
                "building `{}` failed:\n{}",
                app.name,
                String::from_utf8_lossy(&output.stderr)
            ))
        })?;
        if timings {
            let report = dir.join("target/cargo-timings/cargo-timing.html");
            let kept = root.join(format!("target/buildtime-{}-timings.html", app.name));
            std::fs::copy(&report, &kept).map_err(|e| Error::io(&report, e))?;
            eprintln!("buildtime: timings of `{}` in {}", app.name, kept.display());
        }
        // Cold builds take gigabytes; the next one starts from nothing anyway.
        let target = dir.join("target");
        std::fs::remove_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        eprintln!(
            "buildtime: `{}` {:.1} s, {} MiB peak, {} crates",
            app.name,
            measured.seconds,
            measured.peak_kib / 1024,
            measured.crates
        );
        rows.push((app, measured));
    }
    let table = markdown(&rows, load_before, load());
    print!("{table}");
    if write {
        let path = root.join("BENCHMARKS.md");
        let text = crate::provider::read_to_string(&path)?;
        let updated = splice(&text, &table)?;
        std::fs::write(&path, updated).map_err(|e| Error::io(&path, e))?;
        println!("wrote BENCHMARKS.md");
    }
    Ok(ExitCode::SUCCESS)
}

fn write_app(dir: &Path, app: &App, root: &Path) -> Result<()> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| Error::io(&src, e))?;
    let manifest = format!(
        "[package]\nname = \"buildtime-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Its own workspace, not a member of the repository's.\n[workspace]\n\n[dependencies]\n{}",
        app.name, app.dependencies
    );
    let files: [(PathBuf, &str); 2] = [
        (dir.join("Cargo.toml"), manifest.as_str()),
        (src.join("main.rs"), app.main),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    let lock = root.join("Cargo.lock");
    let copy = dir.join("Cargo.lock");
    std::fs::copy(&lock, &copy).map_err(|e| Error::io(&lock, e))?;
    Ok(())
}

fn cargo(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| Error::Tool(format!("cannot run cargo: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Tool(format!(
            "`cargo {}` in {} failed with {status}",
            args.join(" "),
            dir.display()
        )))
    }
}

/// The measuring child: one cold, offline release build; prints `seconds=… peak_kib=… crates=…`.
#[cfg(unix)]
fn one(dir: &Path, timings: bool) -> Result<ExitCode> {
    use nix::sys::resource::{UsageWho, getrusage};
    let mut args = vec!["build", "--release", "--frozen"];
    if timings {
        args.push("--timings");
    }
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(&args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| Error::Tool(format!("cannot run cargo: {e}")))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        eprintln!("{stderr}");
        return Ok(ExitCode::FAILURE);
    }
    let usage =
        getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|e| Error::Tool(format!("getrusage: {e}")))?;
    // Linux reports ru_maxrss in KiB.
    let peak_kib = u64::try_from(usage.max_rss()).unwrap_or(0);
    let crates = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    println!("seconds={seconds:.3} peak_kib={peak_kib} crates={crates}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(unix))]
fn one(_dir: &Path, _timings: bool) -> Result<ExitCode> {
    Err(Error::Usage(
        "buildtime measures peak memory with getrusage, on Unix only".into(),
    ))
}

/// The child's `seconds=… peak_kib=… crates=…` line.
pub fn parse_measured(stdout: &str) -> Option<Measured> {
    let line = stdout.lines().find(|l| l.starts_with("seconds="))?;
    let mut seconds = None;
    let mut peak_kib = None;
    let mut crates = None;
    for field in line.split_whitespace() {
        match field.split_once('=')? {
            ("seconds", v) => seconds = v.parse().ok(),
            ("peak_kib", v) => peak_kib = v.parse().ok(),
            ("crates", v) => crates = v.parse().ok(),
            _ => {}
        }
    }
    Some(Measured {
        seconds: seconds?,
        peak_kib: peak_kib?,
        crates: crates?,
    })
}

fn load() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn markdown(rows: &[(App, Measured)], before: Option<f64>, after: Option<f64>) -> String {
    let floor = rows
        .iter()
        .find(|(a, _)| a.name == "floor")
        .map(|(_, m)| *m);
    let load = |l: Option<f64>| l.map_or("?".into(), |l| format!("{l:.2}"));
    let mut out = format!(
        "Cold `cargo build --release`, {} jobs, 1-minute load average {} before and {} after.\n\n\
         | app | what | crates compiled | seconds | ÷ floor | peak MiB (largest process) | ÷ floor |\n\
         |---|---|---:|---:|---:|---:|---:|\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load(before),
        load(after)
    );
    for (app, m) in rows {
        let ratio = |a: f64, b: Option<f64>| b.map_or("?".into(), |b| format!("{:.2}", a / b));
        out.push_str(&format!(
            "| `{}` | {} | {} | {:.1} | {} | {} | {} |\n",
            app.name,
            app.what,
            m.crates,
            m.seconds,
            ratio(m.seconds, floor.map(|f| f.seconds)),
            m.peak_kib / 1024,
            ratio(m.peak_kib as f64, floor.map(|f| f.peak_kib as f64)),
        ));
    }
    out
}

/// `text` with the part between the buildtime markers replaced by `table`.
pub fn splice(text: &str, table: &str) -> Result<String> {
    let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
        return Err(Error::Usage(format!(
            "BENCHMARKS.md has no `{START}` … `{END}` markers"
        )));
    };
    if end < start {
        return Err(Error::Usage(
            "BENCHMARKS.md's buildtime markers are out of order".into(),
        ));
    }
    Ok(format!(
        "{}{START}\n{table}{}",
        &text[..start],
        &text[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_childs_line_is_read_back() {
        let m =
            parse_measured("noise\nseconds=61.250 peak_kib=812345 crates=170\n").expect("a line");
        assert_eq!(
            m,
            Measured {
                seconds: 61.25,
                peak_kib: 812_345,
                crates: 170
            }
        );
        assert_eq!(parse_measured("seconds=1 crates=2"), None);
    }

    #[test]
    fn the_table_goes_between_the_markers_only() {
        let text = format!("intro\n{START}\nold\n{END}\nrest\n");
        let spliced = splice(&text, "new\n").expect("markers");
        assert_eq!(spliced, format!("intro\n{START}\nnew\n{END}\nrest\n"));
        assert!(splice("no markers", "x").is_err());
    }
}
