//! Node, npm and the pinned Prism in `tests/contract/node_modules`.
//!
//! Prism is installed locally with `npm ci`, from the lockfile, so every machine mocks with the
//! same Prism and nothing is installed globally.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::processes::Processes;
use crate::error::{Error, Result};
use crate::provider::read_to_string;

/// The npm package that provides the mock server.
pub(super) const PRISM_PACKAGE: &str = "@stoplight/prism-cli";

/// Bound on `npm ci`; it takes seconds with a warm npm cache, a minute or so without.
const INSTALL_LIMIT: Duration = Duration::from_secs(600);

/// What to tell someone without Node: the command cannot install Node itself.
const NODE_NEEDED: &str = "`cargo xtask contract` needs Node.js 20 and npm on PATH. Install \
them with the system package manager (e.g. NodeSource's `nodejs` package, which includes npm) \
or from https://nodejs.org/; Prism itself is then installed by this command into \
tests/contract/node_modules with `npm ci`, never globally";

/// Fails with installation advice unless `node` and `npm` run; returns their versions.
pub(super) fn check() -> Result<(String, String)> {
    Ok((version_of("node")?, version_of("npm")?))
}

/// `<tool> --version`, trimmed.
fn version_of(tool: &str) -> Result<String> {
    let output = Command::new(tool).arg("--version").output().map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            format!("`{tool}` is not on PATH")
        } else {
            format!("cannot run `{tool} --version`: {e}")
        };
        Error::Tool(format!("{why}. {NODE_NEEDED}."))
    })?;
    if !output.status.success() {
        return Err(Error::Tool(format!(
            "`{tool} --version` failed with {}. {NODE_NEEDED}.",
            output.status
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Runs `npm ci` in `dir` unless the Prism version pinned in its `package.json` is installed.
pub(super) fn ensure_prism(dir: &Path, processes: &Processes) -> Result<()> {
    let pinned = pinned_version(&read_to_string(&dir.join("package.json"))?)?;
    let installed_manifest = dir
        .join("node_modules")
        .join(PRISM_PACKAGE)
        .join("package.json");
    let installed = match std::fs::read_to_string(&installed_manifest) {
        Ok(text) => Some(installed_version(&text)?),
        Err(_) => None,
    };
    // npm (7 and later) writes this hidden lockfile last, and `npm ci` first deletes
    // node_modules: without it, an earlier install was cut short and may lack Prism's dependencies.
    let complete = dir
        .join("node_modules")
        .join(".package-lock.json")
        .is_file();
    let shown = dir.display();
    match installed {
        Some(v) if v == pinned && complete => {
            println!("Prism {pinned} is installed in {shown}/node_modules");
            return Ok(());
        }
        Some(v) if v != pinned => {
            println!("{shown}/node_modules has Prism {v}, but {pinned} is pinned");
        }
        Some(_) => println!("{shown}/node_modules is incomplete; an earlier install was cut short"),
        None => println!("Prism {pinned} is not installed in {shown}/node_modules"),
    }
    println!("running `npm ci --no-audit --no-fund` in {shown}");
    let started = Instant::now();
    let status = processes.run_bounded(
        "npm ci",
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
        INSTALL_LIMIT,
    )?;
    if !status.success() {
        return Err(Error::Tool(format!(
            "`npm ci` in {shown} failed with {status}"
        )));
    }
    let now = installed_version(&read_to_string(&installed_manifest)?)?;
    if now != pinned {
        // npm ci installs what package-lock.json says; it disagreeing means the lock is stale.
        return Err(Error::Tool(format!(
            "`npm ci` installed Prism {now} but package.json pins {pinned}; update package-lock.json"
        )));
    }
    println!(
        "installed Prism {now} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The exact Prism version `package.json` pins (in devDependencies or dependencies).
pub(super) fn pinned_version(package_json: &str) -> Result<String> {
    let doc = parse(package_json, "package.json")?;
    let version = ["devDependencies", "dependencies"]
        .iter()
        .find_map(|section| doc.get(section)?.get(PRISM_PACKAGE)?.as_str())
        .ok_or_else(|| Error::Usage(format!("package.json does not depend on {PRISM_PACKAGE}")))?;
    // A range would let two machines mock with different Prism releases.
    let exact = version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
        && !version.split(['.', '-', '+']).any(|part| part == "x");
    if !exact {
        return Err(Error::Usage(format!(
            "package.json must pin an exact {PRISM_PACKAGE} version, not `{version}`"
        )));
    }
    Ok(version.to_owned())
}

/// The `version` of an installed package's `package.json`.
pub(super) fn installed_version(package_json: &str) -> Result<String> {
    parse(package_json, PRISM_PACKAGE)?
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::Tool(format!("the installed {PRISM_PACKAGE} has no version")))
}

fn parse(text: &str, what: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::Usage(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pinned_version() {
        let json = r#"{"devDependencies": {"@stoplight/prism-cli": "5.14.2"}}"#;
        assert_eq!(pinned_version(json).unwrap(), "5.14.2");
        let json = r#"{"dependencies": {"@stoplight/prism-cli": "5.15.0-beta.1"}}"#;
        assert_eq!(pinned_version(json).unwrap(), "5.15.0-beta.1");
    }

    #[test]
    fn rejects_ranges_and_a_missing_pin() {
        for range in [
            "^5.14.2",
            "~5.14.2",
            ">=5",
            "5.x",
            "*",
            "latest",
            "5.14.2 || 6",
        ] {
            let json = format!(r#"{{"devDependencies": {{"@stoplight/prism-cli": "{range}"}}}}"#);
            assert!(pinned_version(&json).is_err(), "{range}");
        }
        assert!(pinned_version(r#"{"devDependencies": {}}"#).is_err());
        assert!(pinned_version("not json").is_err());
    }

    #[test]
    fn the_checked_in_pin_is_exact_and_matches_the_lockfile() {
        let dir = crate::provider::repo_root().join("tests").join("contract");
        let pinned = pinned_version(&read_to_string(&dir.join("package.json")).unwrap()).unwrap();
        let lock: Value =
            serde_json::from_str(&read_to_string(&dir.join("package-lock.json")).unwrap()).unwrap();
        let locked = &lock["packages"][format!("node_modules/{PRISM_PACKAGE}")]["version"];
        assert_eq!(locked.as_str(), Some(pinned.as_str()));
    }

    #[test]
    fn reads_the_installed_version() {
        let json = r#"{"name": "@stoplight/prism-cli", "version": "5.14.2"}"#;
        assert_eq!(installed_version(json).unwrap(), "5.14.2");
        assert!(installed_version(r#"{"name": "x"}"#).is_err());
    }
}
