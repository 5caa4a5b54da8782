//! `cargo bench -p whatsapp-sdk-bench`: the facade and the raw Cloud client against
//! hand-written reqwest and the other Rust WhatsApp crates, measured side by side in one run,
//! ending with every ratio as markdown tables (see BENCHMARKS.md).
//!
//! The process re-starts itself in roles, chosen by [`ROLE`]:
//! - none: picks the server's port and starts the `bench` role with whatsapp-business-rs's base
//!   URL variable set (edition 2024 makes `set_var` unsafe, and this crate forbids unsafe);
//! - `bench`: serves, runs every benchmark, prints and writes the report;
//! - `throughput`: one contender's concurrent run, in its own process so that its peak memory
//!   is measured from outside (the parent reads the child's `VmHWM` before letting it exit).

#![forbid(unsafe_code)]

mod contenders;
mod encode;
mod paired;
mod payloads;
mod report;
mod send;
mod server;
mod throughput;
mod webhook;

use std::process::{Command, ExitCode};
use std::time::Duration;

use criterion::Criterion;
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

/// Counts allocations for the encoding table; every contender pays the same few atomic adds.
#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

pub const ROLE: &str = "WHATSAPP_SDK_BENCH_ROLE";
pub const PORT: &str = "WHATSAPP_SDK_BENCH_PORT";
/// `1` to also rewrite the figures between BENCHMARKS.md's markers.
pub const WRITE: &str = "WHATSAPP_SDK_BENCH_WRITE";

fn main() -> ExitCode {
    let outcome = match std::env::var(ROLE).as_deref() {
        Ok("bench") => run(),
        Ok("throughput") => throughput::child(),
        Ok("profile") => profile(),
        Ok("profile-webhook") => webhook::profile(),
        _ => launch(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("whatsapp-sdk-bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Starts this program again in the `bench` role, with the server's port chosen and the
/// variables the peers read set.
fn launch() -> Result<(), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free loopback port: {e}"))?
        .port();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let status = Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(ROLE, "bench")
        .env(PORT, port.to_string())
        .env(
            contenders::BUSINESS_RS_BASE,
            format!("http://127.0.0.1:{port}"),
        )
        .status()
        .map_err(|e| format!("cannot start the bench process: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the bench process ended with {status}"))
    }
}

/// `WHATSAPP_SDK_BENCH_ROLE=profile WHATSAPP_SDK_BENCH_CONTENDER=<id> [WHATSAPP_SDK_BENCH_SENDS=n]
/// [WHATSAPP_SDK_BENCH_TEXT_BYTES=n]`:
/// one contender's sequential sends with the server in the same process, for a profiler
/// (`valgrind --tool=callgrind`, `perf record`) to compare contenders on.
fn profile() -> Result<(), String> {
    let kind = std::env::var("WHATSAPP_SDK_BENCH_CONTENDER")
        .ok()
        .and_then(|k| contenders::Kind::named(&k))
        .ok_or("WHATSAPP_SDK_BENCH_CONTENDER names no contender")?;
    let sends: usize = std::env::var("WHATSAPP_SDK_BENCH_SENDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let port = std::env::var(PORT)
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    // `WHATSAPP_SDK_BENCH_TEXT_BYTES=n`: a text of n bytes instead of the usual one.
    let text = match std::env::var("WHATSAPP_SDK_BENCH_TEXT_BYTES") {
        Ok(n) => payloads::text_of(n.parse().map_err(|_| "TEXT_BYTES is no number")?),
        Err(_) => payloads::TEXT.to_owned(),
    };
    let server = server::Server::start(port).map_err(|e| format!("server: {e}"))?;
    let contender = contenders::Contender::new(kind, &server.url())?;
    let rt = send::client_runtime()?;
    let start = std::time::Instant::now();
    rt.block_on(async {
        for _ in 0..sends {
            contender.send(&text).await?;
        }
        Ok::<_, String>(())
    })?;
    let elapsed = start.elapsed();
    println!(
        "{}: {sends} sends, {:.1} µs each, {} connections",
        kind.id(),
        elapsed.as_secs_f64() * 1e6 / sends as f64,
        server.connections()
    );
    Ok(())
}

fn run() -> Result<(), String> {
    let port: u16 = std::env::var(PORT)
        .ok()
        .and_then(|p| p.parse().ok())
        .ok_or("no port")?;
    let server = server::Server::start(port).map_err(|e| format!("server: {e}"))?;
    let load_before = report::load();
    let mut report = report::Report::new(report::output_dir());
    let mut criterion = Criterion::default()
        .output_directory(&report.criterion_dir())
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();

    send::check_wire(&server, &mut report)?;
    send::bench(&mut criterion, &server, &mut report)?;
    paired::run(&server, &mut report)?;
    throughput::run(&server, &mut report)?;
    encode::bench(&mut criterion, &mut report)?;
    webhook::bench(&mut criterion, &mut report)?;
    criterion.final_summary();

    report.finish(load_before, report::load())
}
