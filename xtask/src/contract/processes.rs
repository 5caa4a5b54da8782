//! Every process `cargo xtask contract` starts, so that none outlives it.
//!
//! Mocks left running would hold ports and CPU after the command is gone, so each child is
//! registered here as it is spawned and killed by PID when the registry is dropped (success,
//! error, panic) or when the xtask is interrupted.
//!
//! On Unix each child leads a process group of its own (whose ID is its PID), and the whole group
//! is killed: killing `cargo build` or `npm ci` alone would orphan the rustc or script processes
//! they started. The group ID cannot be reused meanwhile, since the leader is reaped only after.

use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Exit code after Ctrl-C, by shell convention 128 + SIGINT.
pub(super) const INTERRUPTED: i32 = 130;

/// How often a running child is polled; short enough that waiting adds no noticeable delay.
const POLL: Duration = Duration::from_millis(100);

/// The children still running, killed together when this is dropped.
#[derive(Debug, Default)]
pub(super) struct Processes {
    state: Arc<Mutex<State>>,
}

/// What the registry and the interrupt handler share.
#[derive(Debug, Default)]
struct State {
    children: Vec<Tracked>,
    /// Set by the interrupt handler: nothing new may start, and the command ends with 130.
    interrupted: bool,
}

/// One registered child.
#[derive(Debug)]
struct Tracked {
    name: String,
    child: Child,
}

impl Processes {
    /// Kills every registered child and exits with [`INTERRUPTED`] on Ctrl-C (and on SIGTERM or
    /// SIGHUP, so a cancelled CI job does not leave mocks behind either). Once per process.
    pub(super) fn stop_on_interrupt(&self) -> Result<()> {
        let state = Arc::clone(&self.state);
        ctrlc::set_handler(move || {
            eprintln!("interrupted; stopping the processes this command started");
            stop_all(&state, true);
            std::process::exit(INTERRUPTED);
        })
        .map_err(|e| Error::Tool(format!("cannot install the Ctrl-C handler: {e}")))
    }

    /// Spawns `command` and registers it under `name`; returns its PID.
    pub(super) fn spawn(&self, name: &str, command: &mut Command) -> Result<u32> {
        // Spawned under the lock, so an interrupt either sees the child or prevents it.
        let mut state = lock(&self.state);
        if state.interrupted {
            return Err(Error::Tool(format!("interrupted before starting {name}")));
        }
        own_group(command);
        let child = command
            .spawn()
            .map_err(|e| Error::Tool(format!("cannot start {name}: {e}")))?;
        let pid = child.id();
        state.children.push(Tracked {
            name: name.to_owned(),
            child,
        });
        Ok(pid)
    }

    /// The child's exit status if it has ended (it is then unregistered), `None` while it runs.
    pub(super) fn try_wait(&self, pid: u32) -> Result<Option<ExitStatus>> {
        let mut state = lock(&self.state);
        let Some(index) = state.children.iter().position(|t| t.child.id() == pid) else {
            return Err(Error::Tool(format!("process {pid} is not registered")));
        };
        let tracked = &mut state.children[index];
        let status = tracked
            .child
            .try_wait()
            .map_err(|e| Error::Tool(format!("cannot poll {}: {e}", tracked.name)))?;
        if status.is_some() {
            state.children.remove(index);
        }
        Ok(status)
    }

    /// Runs `command` to completion, killing it and failing once `limit` has passed.
    pub(super) fn run_bounded(
        &self,
        name: &str,
        command: &mut Command,
        limit: Duration,
    ) -> Result<ExitStatus> {
        let started = Instant::now();
        let pid = self.spawn(name, command)?;
        loop {
            if let Some(status) = self.try_wait(pid)? {
                return Ok(status);
            }
            if started.elapsed() > limit {
                self.stop(pid);
                return Err(Error::Tool(format!(
                    "{name} did not finish within {} s; killed it (pid {pid})",
                    limit.as_secs()
                )));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Kills one child and waits for it.
    pub(super) fn stop(&self, pid: u32) {
        let mut state = lock(&self.state);
        if let Some(index) = state.children.iter().position(|t| t.child.id() == pid) {
            kill(state.children.remove(index));
        }
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        // If the handler is already stopping everything, this thread must not race it to an
        // exit with a different code (a child that died of the same Ctrl-C looks like a failure).
        if stop_all(&self.state, false) {
            std::process::exit(INTERRUPTED);
        }
    }
}

/// Kills and reaps every registered child; returns whether the command was interrupted.
fn stop_all(state: &Mutex<State>, interrupt: bool) -> bool {
    let mut state = lock(state);
    state.interrupted |= interrupt;
    for tracked in state.children.drain(..) {
        kill(tracked);
    }
    state.interrupted
}

/// Makes the child the leader of a new process group.
#[cfg(unix)]
fn own_group(command: &mut Command) {
    std::os::unix::process::CommandExt::process_group(command, 0);
}

#[cfg(not(unix))]
fn own_group(_: &mut Command) {}

/// Kills one child's process group, then the child by its PID, and reaps it (no zombie remains).
fn kill(mut tracked: Tracked) {
    let pid = tracked.child.id();
    // Errors mean the processes are already gone, which is the goal.
    #[cfg(unix)]
    if let Ok(raw) = i32::try_from(pid) {
        use nix::sys::signal::{Signal, killpg};
        let _ = killpg(nix::unistd::Pid::from_raw(raw), Signal::SIGKILL);
    }
    let _ = tracked.child.kill();
    let _ = tracked.child.wait();
    eprintln!("stopped {} (pid {pid})", tracked.name);
}

/// The state even after a panic elsewhere: killing children matters more than the panic.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_kills_running_children() {
        let processes = Processes::default();
        let pid = processes
            .spawn("sleep", Command::new("sleep").arg("30"))
            .unwrap();
        assert_eq!(processes.try_wait(pid).unwrap(), None);
        let state = Arc::clone(&processes.state);
        drop(processes);
        assert!(lock(&state).children.is_empty());
        // Reaped, so the PID no longer names a process of ours.
        let alive = Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(!alive.success());
    }

    /// Whether `pid` is a live process (a zombie awaiting its reaper counts as gone).
    #[cfg(target_os = "linux")]
    fn alive(pid: &str) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            stat.rsplit(") ")
                .next()
                .is_some_and(|s| !s.starts_with('Z'))
        })
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn drop_kills_grandchildren_too() {
        let file = std::env::temp_dir().join(format!("xtask-grandchild-{}", std::process::id()));
        let processes = Processes::default();
        let script = format!("sleep 30 & echo $! > {}; wait", file.display());
        processes
            .spawn("sh", Command::new("sh").args(["-c", &script]))
            .unwrap();
        let started = Instant::now();
        let grandchild = loop {
            match std::fs::read_to_string(&file) {
                Ok(text) if text.ends_with('\n') => break text.trim().to_owned(),
                _ if started.elapsed() > Duration::from_secs(10) => panic!("no grandchild"),
                _ => std::thread::sleep(Duration::from_millis(10)),
            }
        };
        std::fs::remove_file(&file).unwrap();
        assert!(alive(&grandchild));
        drop(processes);
        let started = Instant::now();
        while alive(&grandchild) {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "grandchild survived"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn run_bounded_kills_a_child_that_overruns() {
        let processes = Processes::default();
        let err = processes
            .run_bounded(
                "sleep",
                Command::new("sleep").arg("30"),
                Duration::from_millis(200),
            )
            .unwrap_err();
        assert!(err.to_string().contains("did not finish"), "{err}");
        assert!(lock(&processes.state).children.is_empty());
    }

    #[test]
    fn run_bounded_returns_the_exit_status() {
        let processes = Processes::default();
        let status = processes
            .run_bounded("false", &mut Command::new("false"), Duration::from_secs(10))
            .unwrap();
        assert_eq!(status.code(), Some(1));
        assert!(lock(&processes.state).children.is_empty());
    }
}
