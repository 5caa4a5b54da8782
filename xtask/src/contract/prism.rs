//! One Prism mock per provider, serving the provider's published spec on a loopback port.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::processes::Processes;
use crate::error::{Error, Result};
use crate::provider::Provider;

/// Prism's CLI inside `tests/contract/`: the `bin.prism` of its `package.json`.
const ENTRY: &str = "node_modules/@stoplight/prism-cli/dist/index.js";

/// Bound on one mock's start; Prism parses the spec first, which takes a few seconds.
const START_LIMIT: Duration = Duration::from_secs(180);

/// How often the port is tried while Prism starts.
const POLL: Duration = Duration::from_millis(100);

/// Lines of the log shown when a mock fails to start.
const TAIL_LINES: usize = 30;

/// What a mock serves and how it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The published spec, answering from its examples, with `--errors`: judges requests.
    Published,
    /// The corrected copy, answering with values generated from its schemas (`--dynamic`) with
    /// this seed: exercises the decoders.
    Answers(u64),
}

/// A started mock.
#[derive(Debug)]
pub(super) struct Mock {
    /// Provider folder name.
    pub provider: &'static str,
    /// What it does.
    pub role: Role,
    /// Loopback port it listens on.
    pub port: u16,
    /// Its PID in the process registry.
    pid: u32,
    /// Where its stdout and stderr go.
    pub log: PathBuf,
    /// When it was spawned, to report how long its start took.
    started: Instant,
}

impl Mock {
    /// `http://127.0.0.1:<port>`, the base URL the contract binary calls.
    pub(super) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// A loopback port that was free a moment ago.
///
/// The listener is dropped before Prism binds the port, so another process could take it in
/// between; Prism would then exit with EADDRINUSE and [`wait_ready`] reports it with the log.
pub(super) fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| Error::Tool(format!("cannot bind a loopback port: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Tool(format!("cannot read the bound port: {e}")))?
        .port();
    Ok(port)
}

/// Spawns Prism for `provider` in `role`, logging to `log_dir/prism-<provider>[-seed-N].log`.
///
/// A published mock serves the upstream spec byte for byte; an answer mock serves `copy`, the
/// upstream spec with the overlay and the contract-correcting passes
/// (`normalize::MOCK_PASSES`), since answers generated from a spec that requires an undeclared
/// name can never be valid.
pub(super) fn start(
    processes: &Processes,
    tools_dir: &Path,
    provider: &Provider,
    role: Role,
    copy: &Path,
    log_dir: &Path,
) -> Result<Mock> {
    let spec = match role {
        Role::Published => provider.upstream_path()?,
        Role::Answers(_) => copy.to_path_buf(),
    };
    let port = free_port()?;
    let log = log_dir.join(match role {
        Role::Published => format!("prism-{}.log", provider.name),
        Role::Answers(seed) => format!("prism-{}-seed-{seed}.log", provider.name),
    });
    let out = File::create(&log).map_err(|e| Error::io(&log, e))?;
    let err = out.try_clone().map_err(|e| Error::io(&log, e))?;
    let mut command = Command::new("node");
    command
        .arg(tools_dir.join(ENTRY))
        .arg("mock")
        .arg(&spec)
        .args(["-h", "127.0.0.1", "-p", &port.to_string()]);
    match role {
        Role::Published => {
            command.arg("--errors");
        }
        Role::Answers(seed) => {
            command.args(["--dynamic", "--seed", &seed.to_string()]);
        }
    }
    command
        // Prism forks a worker when NODE_ENV=production; one process is what the registry kills.
        .arg("--multiprocess=false")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    let started = Instant::now();
    let pid = processes.spawn(&format!("Prism for {}", provider.name), &mut command)?;
    Ok(Mock {
        provider: provider.name,
        role,
        port,
        pid,
        log,
        started,
    })
}

/// Waits until `mock` accepts TCP connections; returns how long it took since its spawn.
pub(super) fn wait_ready(processes: &Processes, mock: &Mock) -> Result<Duration> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, mock.port));
    loop {
        if let Some(status) = processes.try_wait(mock.pid)? {
            return Err(failed(
                mock,
                &format!("Prism exited with {status} before listening"),
            ));
        }
        if TcpStream::connect_timeout(&addr, POLL).is_ok() {
            return Ok(mock.started.elapsed());
        }
        if mock.started.elapsed() > START_LIMIT {
            return Err(failed(
                mock,
                &format!(
                    "Prism did not listen on port {} within {} s",
                    mock.port,
                    START_LIMIT.as_secs()
                ),
            ));
        }
        std::thread::sleep(POLL);
    }
}

/// A start failure with the end of the mock's log, which says why.
fn failed(mock: &Mock, what: &str) -> Error {
    let text = std::fs::read_to_string(&mock.log).unwrap_or_default();
    Error::Tool(format!(
        "{}: {what}; last lines of {}:\n{}",
        mock.provider,
        mock.log.display(),
        tail(&text, TAIL_LINES)
    ))
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::node::PRISM_PACKAGE;

    #[test]
    fn free_port_can_be_bound_again() {
        let port = free_port().unwrap();
        assert_ne!(port, 0);
        TcpListener::bind((Ipv4Addr::LOCALHOST, port)).unwrap();
    }

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
        assert_eq!(tail("", 5), "");
    }

    #[test]
    fn the_entry_is_prisms_bin() {
        // If Prism moved its CLI, every mock would fail to start with a bare node error.
        let path = crate::provider::repo_root().join("tests/contract/package-lock.json");
        let lock: serde_json::Value =
            serde_json::from_str(&crate::provider::read_to_string(&path).unwrap()).unwrap();
        let package = format!("node_modules/{PRISM_PACKAGE}");
        let bin = lock["packages"][&package]["bin"]["prism"].as_str().unwrap();
        assert_eq!(format!("{package}/{}", bin.trim_start_matches("./")), ENTRY);
    }
}
