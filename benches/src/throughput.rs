//! Throughput under concurrency: 10,000 sends, 64 in flight, through one shared client on a
//! multi-threaded runtime, each contender in a process of its own. The parent reads the
//! child's peak resident memory (`VmHWM` in `/proc/<pid>/status`) after the run and before
//! the child may exit, so the figure is the whole run's, measured from outside.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::contenders::{Contender, Kind};
use crate::payloads::TEXT;
use crate::report::Report;
use crate::server::Server;

pub(crate) const SENDS: usize = 10_000;
pub(crate) const IN_FLIGHT: usize = 64;
/// Runs per contender; the contenders take turns, and the median run counts.
pub(crate) const RUNS: usize = 5;

const CONTENDER: &str = "WHATSAPP_SDK_BENCH_CONTENDER";
const SERVER: &str = "WHATSAPP_SDK_BENCH_SERVER";

/// One child's result.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub elapsed: Duration,
    /// Peak resident set of the child process, in KiB.
    pub peak_kib: u64,
}

pub(crate) fn run(server: &Server, report: &mut Report) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); Kind::ALL.len()];
    for round in 0..RUNS {
        for turn in 0..Kind::ALL.len() {
            let at = (round + turn) % Kind::ALL.len();
            let kind = Kind::ALL[at];
            runs[at].push(one(&exe, kind, server)?);
        }
    }
    for (kind, runs) in Kind::ALL.into_iter().zip(runs) {
        report.throughput(kind, runs);
    }
    Ok(())
}

fn one(exe: &std::path::Path, kind: Kind, server: &Server) -> Result<Run, String> {
    let mut child = Command::new(exe)
        .env(crate::ROLE, "throughput")
        .env(CONTENDER, kind.id())
        .env(SERVER, server.url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the {} run: {e}", kind.id()))?;
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
    }
    let peak_kib = peak_kib(child.id());
    // Closing stdin lets the child exit.
    drop(child.stdin.take());
    let status = child.wait().map_err(|e| e.to_string())?;
    let nanos: u64 = line
        .trim()
        .strip_prefix("elapsed_ns=")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("the {} run failed ({status}): {line}", kind.id()))?;
    Ok(Run {
        elapsed: Duration::from_nanos(nanos),
        peak_kib: peak_kib.ok_or("no VmHWM in /proc (Linux only)")?,
    })
}

fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// The child: one contender's run; prints `elapsed_ns=<n>` and waits for stdin to close.
pub(crate) fn child() -> Result<(), String> {
    let kind = std::env::var(CONTENDER)
        .ok()
        .and_then(|k| Kind::named(&k))
        .ok_or("no contender")?;
    let url = std::env::var(SERVER).map_err(|_| "no server")?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let contender = Contender::new(kind, &url)?;
    let elapsed = rt.block_on(async {
        // Warm-up: the pool opens its connections.
        blast(&contender, IN_FLIGHT * 4).await?;
        blast(&contender, SENDS).await
    })?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "elapsed_ns={}", elapsed.as_nanos()).map_err(|e| e.to_string())?;
    stdout.flush().map_err(|e| e.to_string())?;
    drop(stdout);
    let mut rest = String::new();
    let _ = std::io::stdin().read_line(&mut rest);
    Ok(())
}

/// `sends` sends by [`IN_FLIGHT`] tasks sharing `contender`, each taking the next send.
async fn blast(contender: &Contender, sends: usize) -> Result<Duration, String> {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let contender = contender.clone();
            let next = next.clone();
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < sends {
                    contender.send(TEXT).await?;
                }
                Ok::<_, String>(())
            })
        })
        .collect();
    for worker in workers {
        worker.await.map_err(|e| e.to_string())??;
    }
    Ok(start.elapsed())
}
