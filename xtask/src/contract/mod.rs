//! `cargo xtask contract`: the SDK's clients against Prism mocks of the published specs.
//!
//! This module only orchestrates processes: it checks for Node and npm, installs the pinned Prism
//! into `tests/contract/node_modules`, writes each provider's corrected copy of its spec
//! (`normalize::mock_copy`), starts per provider one mock of the published spec (which judges
//! requests) and one answer mock per seed of the corrected copy (whose generated answers the
//! calls decode), each on a free loopback port, and runs the `whatsapp-sdk-contract` binary
//! with the URLs in `WHATSAPP_SDK_CONTRACT_<PROVIDER>` and `..._ANSWERS` (`SEED=URL,...`).
//! Every process it starts is killed by PID when it returns, fails, panics or is interrupted.

mod node;
mod prism;
mod processes;

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::provider::{PROVIDERS, Provider, repo_root};
use processes::Processes;

/// The package whose binary calls every operation against the mocks.
const CONTRACT_PACKAGE: &str = "whatsapp-sdk-contract";

/// Bound on building that binary: a cold build compiles all five clients, slow on small machines.
const BUILD_LIMIT: Duration = Duration::from_secs(30 * 60);

/// Seeds of the answer mocks: fixed, so a CI run answers as the last one did.
pub const SEEDS: [u64; 2] = [1, 2];

/// Bound on the contract run itself; a hung request must not hold the mocks forever.
const RUN_LIMIT: Duration = Duration::from_secs(10 * 60);

/// The variable that gives the contract binary `provider`'s mock URL.
pub fn env_var(provider: &str) -> String {
    format!("WHATSAPP_SDK_CONTRACT_{}", provider.to_ascii_uppercase())
}

/// Runs the contract binary against mocks of `providers`; its exit status is the result.
pub fn run(providers: &[Provider]) -> Result<ExitCode> {
    // Dropped last, on every return path: kills whatever is still running.
    let processes = Processes::default();
    processes.stop_on_interrupt()?;
    let root = repo_root();
    let tools = root.join("tests").join("contract");

    let (node_version, npm_version) = node::check()?;
    println!("using node {node_version}, npm {npm_version}");
    node::ensure_prism(&tools, &processes)?;

    // Built before the mocks start, so they do not idle through a cold build and the run's
    // time bound measures the run alone.
    println!("building {CONTRACT_PACKAGE}");
    let status = processes.run_bounded(
        "cargo build",
        cargo(&root).args(["build", "--quiet", "--package", CONTRACT_PACKAGE]),
        BUILD_LIMIT,
    )?;
    if !status.success() {
        return Err(Error::Tool(format!(
            "building {CONTRACT_PACKAGE} failed with {status}"
        )));
    }

    let log_dir = root.join("target").join("contract");
    std::fs::create_dir_all(&log_dir).map_err(|e| Error::io(&log_dir, e))?;
    // The corrected copies the answer mocks serve.
    let mut copies = Vec::new();
    for provider in providers {
        let copy = log_dir.join(format!("{}.answers.json", provider.name));
        let doc = crate::normalize::mock_copy(provider)?;
        std::fs::write(&copy, crate::normalize::to_pretty_json(&doc))
            .map_err(|e| Error::io(&copy, e))?;
        copies.push(copy);
    }
    // All spawned before any is awaited, so their spec parsing overlaps.
    let mut mocks = Vec::new();
    for (provider, copy) in providers.iter().zip(&copies) {
        mocks.push(prism::start(
            &processes,
            &tools,
            provider,
            prism::Role::Published,
            copy,
            &log_dir,
        )?);
        for seed in SEEDS {
            mocks.push(prism::start(
                &processes,
                &tools,
                provider,
                prism::Role::Answers(seed),
                copy,
                &log_dir,
            )?);
        }
    }
    for mock in &mocks {
        let took = prism::wait_ready(&processes, mock)?;
        let log = mock.log.strip_prefix(&root).unwrap_or(&mock.log);
        let role = match mock.role {
            prism::Role::Published => "published spec".to_owned(),
            prism::Role::Answers(seed) => format!("answers, seed {seed}"),
        };
        println!(
            "{} ({role}): Prism listening at {} after {:.1} s (log: {})",
            mock.provider,
            mock.url(),
            took.as_secs_f64(),
            log.display()
        );
    }

    let mut command = cargo(&root);
    command.args(["run", "--quiet", "--package", CONTRACT_PACKAGE, "--"]);
    // Only the mocks started here: a URL left in the caller's environment could point at a
    // real account.
    for name in PROVIDERS {
        command.env_remove(env_var(name));
        command.env_remove(format!("{}_OPERATIONS", env_var(name)));
        command.env_remove(format!("{}_ANSWERS", env_var(name)));
    }
    for provider in providers {
        let mut answers = Vec::new();
        for mock in mocks.iter().filter(|m| m.provider == provider.name) {
            match mock.role {
                prism::Role::Published => {
                    command.env(env_var(mock.provider), mock.url());
                }
                prism::Role::Answers(seed) => answers.push(format!("{seed}={}", mock.url())),
            }
        }
        command.env(
            format!("{}_ANSWERS", env_var(provider.name)),
            answers.join(","),
        );
    }
    // The runner checks it called every operation the published spec has.
    for provider in providers {
        let text = crate::provider::read_to_string(&provider.upstream_path()?)?;
        let source = provider.source()?;
        let doc = crate::spec::parse(&text, &source.file)
            .map_err(|e| Error::spec(provider.name, "parse", e))?;
        let count = crate::walk::operations(&doc).len();
        command.env(
            format!("{}_OPERATIONS", env_var(provider.name)),
            count.to_string(),
        );
    }
    println!("running {CONTRACT_PACKAGE}");
    let status = processes.run_bounded(CONTRACT_PACKAGE, &mut command, RUN_LIMIT)?;
    match status.code() {
        Some(0) => {
            println!("{CONTRACT_PACKAGE} passed");
            Ok(ExitCode::SUCCESS)
        }
        Some(code) => {
            eprintln!("{CONTRACT_PACKAGE} failed with {status}");
            Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
        }
        None => Err(Error::Tool(format!("{CONTRACT_PACKAGE} ended by {status}"))),
    }
}

/// The cargo that runs this xtask (so toolchain overrides carry over), in the repository root.
fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(program);
    command.current_dir(root);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_vars_are_named_after_the_uppercased_provider() {
        let names: Vec<String> = PROVIDERS.iter().map(|p| env_var(p)).collect();
        assert_eq!(
            names,
            [
                "WHATSAPP_SDK_CONTRACT_CLOUD",
                "WHATSAPP_SDK_CONTRACT_ONPREM",
                "WHATSAPP_SDK_CONTRACT_WHAPI",
                "WHATSAPP_SDK_CONTRACT_YCLOUD",
                "WHATSAPP_SDK_CONTRACT_WHATSHOOKED",
            ]
        );
    }
}
