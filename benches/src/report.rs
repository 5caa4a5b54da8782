//! Collects what the run measured, reads criterion's medians back, and writes every table and
//! ratio as markdown: printed, saved to `target/benchmarks/latest.md`, and with
//! `WHATSAPP_SDK_BENCH_WRITE=1` put into BENCHMARKS.md between its markers. No figure in the
//! tables is typed by hand.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use whatsapp_sdk::Provider;

use crate::contenders::Kind;
use crate::throughput::Run;
use crate::webhook::{BUSINESS_RS, FACADE_PARSE, FACADE_RECEIVE, PAIRED_ROUNDS, VALUE, WACLOUDAPI};

const START: &str = "<!-- bench:start (written by `cargo bench -p whatsapp-sdk-bench` with WHATSAPP_SDK_BENCH_WRITE=1) -->";
const END: &str = "<!-- bench:end -->";

struct Wire {
    bytes: usize,
    header_bytes: usize,
    extra: Vec<String>,
}

struct Encoded {
    json_bytes: usize,
    allocations: f64,
    allocated: f64,
}

pub(crate) struct Report {
    dir: PathBuf,
    ran: Vec<(String, String)>,
    wire: BTreeMap<&'static str, Wire>,
    paired: BTreeMap<&'static str, Vec<Duration>>,
    throughput: BTreeMap<&'static str, Vec<Run>>,
    encoded: BTreeMap<(String, &'static str), Encoded>,
    unsupported: Vec<(String, &'static str)>,
    webhook_sizes: BTreeMap<String, (usize, usize)>,
    webhook_notes: Vec<String>,
    /// Paired medians of the webhook ratios, in ns per batch, by group and contender.
    webhook_paired: BTreeMap<(String, &'static str), f64>,
}

/// `target/benchmarks` of the workspace (or of `CARGO_TARGET_DIR`).
pub(crate) fn output_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("benchmarks")
}

/// The 1-minute load average, from `/proc/loadavg`.
pub(crate) fn load() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

impl Report {
    pub(crate) fn new(dir: PathBuf) -> Report {
        Report {
            dir,
            ran: Vec::new(),
            wire: BTreeMap::new(),
            paired: BTreeMap::new(),
            throughput: BTreeMap::new(),
            encoded: BTreeMap::new(),
            unsupported: Vec::new(),
            webhook_sizes: BTreeMap::new(),
            webhook_notes: Vec::new(),
            webhook_paired: BTreeMap::new(),
        }
    }

    pub(crate) fn criterion_dir(&self) -> PathBuf {
        self.dir.join("criterion")
    }

    pub(crate) fn ran(&mut self, group: &str, id: &str) {
        self.ran.push((group.to_owned(), id.to_owned()));
    }

    pub(crate) fn wire(
        &mut self,
        kind: Kind,
        bytes: usize,
        headers: &[(String, String)],
        extra: Vec<String>,
    ) {
        let header_bytes = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
        self.wire.insert(
            kind.id(),
            Wire {
                bytes,
                header_bytes,
                extra,
            },
        );
    }

    pub(crate) fn paired(&mut self, kind: Kind, sorted: Vec<Duration>) {
        self.paired.insert(kind.id(), sorted);
    }

    pub(crate) fn throughput(&mut self, kind: Kind, runs: Vec<Run>) {
        self.throughput.insert(kind.id(), runs);
    }

    pub(crate) fn unsupported(&mut self, kind: &str, provider: Provider) {
        self.unsupported.push((kind.to_owned(), provider.as_str()));
    }

    pub(crate) fn allocations(
        &mut self,
        kind: &str,
        provider: Provider,
        json_bytes: usize,
        allocations: f64,
        allocated: f64,
    ) {
        self.encoded.insert(
            (kind.to_owned(), provider.as_str()),
            Encoded {
                json_bytes,
                allocations,
                allocated,
            },
        );
    }

    pub(crate) fn webhook_size(&mut self, group: &str, bytes: usize, events: usize) {
        self.webhook_sizes.insert(group.to_owned(), (bytes, events));
    }

    pub(crate) fn webhook_paired(&mut self, group: &str, id: &'static str, median: Duration) {
        self.webhook_paired
            .insert((group.to_owned(), id), median.as_nanos() as f64);
    }

    fn paired_webhook(&self, group: &str, id: &'static str) -> Option<f64> {
        self.webhook_paired.get(&(group.to_owned(), id)).copied()
    }

    pub(crate) fn note(&mut self, note: &str) {
        self.webhook_notes.push(note.to_owned());
    }

    pub(crate) fn webhook_events(
        &mut self,
        group: &str,
        contender: &str,
        found: usize,
        expected: usize,
    ) {
        if found != expected {
            self.webhook_notes.push(format!(
                "{contender} hands on {found} events for the {expected} of `{group}`"
            ));
        }
    }

    /// Criterion's median for `group/id`, in nanoseconds, when it ran in this process.
    fn median(&self, group: &str, id: &str) -> Option<f64> {
        if !self.ran.iter().any(|(g, i)| g == group && i == id) {
            return None;
        }
        let path = self
            .criterion_dir()
            .join(group)
            .join(id)
            .join("new/estimates.json");
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        json["median"]["point_estimate"].as_f64()
    }

    fn paired_median(&self, kind: Kind) -> Option<f64> {
        let samples = self.paired.get(kind.id())?;
        Some(samples.get(samples.len() / 2)?.as_nanos() as f64)
    }

    /// Median messages per second over the runs, and the largest peak RSS in MiB.
    fn rate(&self, kind: Kind) -> Option<(f64, f64)> {
        let runs = self.throughput.get(kind.id())?;
        let mut rates: Vec<f64> = runs
            .iter()
            .map(|r| crate::throughput::SENDS as f64 / r.elapsed.as_secs_f64())
            .collect();
        rates.sort_by(f64::total_cmp);
        let peak = runs.iter().map(|r| r.peak_kib).max()? as f64 / 1024.0;
        Some((*rates.get(rates.len() / 2)?, peak))
    }

    pub(crate) fn finish(
        self,
        load_before: Option<f64>,
        load_after: Option<f64>,
    ) -> Result<(), String> {
        let mut md = String::new();
        self.machine(&mut md, load_before, load_after);
        self.ratios(&mut md);
        self.latency(&mut md);
        self.rates(&mut md);
        self.webhooks(&mut md);
        self.encoding(&mut md);
        self.scaling(&mut md);
        println!("\n{md}");
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let latest = self.dir.join("latest.md");
        std::fs::write(&latest, &md).map_err(|e| e.to_string())?;
        println!("written to {}", latest.display());
        if std::env::var(crate::WRITE).as_deref() == Ok("1") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
                return Err(format!("{} has no bench markers", path.display()));
            };
            let updated = format!("{}{START}\n\n{md}\n{}", &text[..start], &text[end..]);
            std::fs::write(&path, updated).map_err(|e| e.to_string())?;
            println!("and into {}", path.display());
        }
        Ok(())
    }

    fn machine(&self, md: &mut String, before: Option<f64>, after: Option<f64>) {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|c| {
                c.lines()
                    .find_map(|l| l.strip_prefix("model name"))
                    .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
            })
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        let rustc =
            std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
                .arg("--version")
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default();
        let load = |l: Option<f64>| l.map_or("?".into(), |l| format!("{l:.2}"));
        let _ = writeln!(md, "### Machine and run\n");
        let _ = writeln!(md, "| | |\n|---|---|");
        let _ = writeln!(md, "| CPU | {cpu} ({cores} cores available) |");
        let _ = writeln!(md, "| kernel | Linux {} |", kernel.trim());
        let _ = writeln!(
            md,
            "| compiler | {rustc}, `cargo bench` profile (release) |"
        );
        let _ = writeln!(
            md,
            "| 1-minute load average | {} before the run, {} after |",
            load(before),
            load(after)
        );
        let _ = writeln!(md);
    }

    fn ratios(&self, md: &mut String) {
        let _ = writeln!(md, "### Ratios\n");
        let _ = writeln!(md, "| ratio | measured | target |\n|---|---:|---|");
        let lat = |k| self.paired_median(k);
        let row = |md: &mut String, what: &str, v: Option<f64>, target: &str| {
            let v = v.map_or("not measured".into(), |v| format!("{v:.3}"));
            let _ = writeln!(md, "| {what} | {v} | {target} |");
        };
        let div = |a: Option<f64>, b: Option<f64>| Some(a? / b?);
        row(
            md,
            "latency: facade ÷ hand-written reqwest",
            div(lat(Kind::Facade), lat(Kind::Reqwest)),
            "≤ 1.05",
        );
        row(
            md,
            "latency: raw Cloud client ÷ hand-written reqwest",
            div(lat(Kind::Cloud), lat(Kind::Reqwest)),
            "≤ 1.05",
        );
        let rate = |k| self.rate(k).map(|r| r.0);
        row(
            md,
            "throughput: facade ÷ hand-written reqwest (msgs/s)",
            div(rate(Kind::Facade), rate(Kind::Reqwest)),
            "≥ 0.95",
        );
        row(
            md,
            "throughput: raw Cloud client ÷ hand-written reqwest",
            div(rate(Kind::Cloud), rate(Kind::Reqwest)),
            "≥ 0.95",
        );
        for peer in [Kind::BusinessRs, Kind::WaCloudApi] {
            row(
                md,
                &format!("latency: facade ÷ {}", peer.id()),
                div(lat(Kind::Facade), lat(peer)),
                "< 1 (ahead)",
            );
            row(
                md,
                &format!("throughput: facade ÷ {} (msgs/s)", peer.id()),
                div(rate(Kind::Facade), rate(peer)),
                "> 1 (ahead)",
            );
        }
        for events in crate::webhook::BATCHES {
            let g = format!("webhook-{events}");
            row(
                md,
                &format!("webhook, {events} events: `Value` time ÷ facade parse time (paired)"),
                div(
                    self.paired_webhook(&g, VALUE),
                    self.paired_webhook(&g, FACADE_PARSE),
                ),
                "≥ 1.0",
            );
            row(
                md,
                &format!(
                    "webhook, {events} events: `Value` time ÷ facade verify + parse time (paired)"
                ),
                div(
                    self.paired_webhook(&g, VALUE),
                    self.paired_webhook(&g, FACADE_RECEIVE),
                ),
                "(signature included)",
            );
            row(
                md,
                &format!("webhook, {events} events: {BUSINESS_RS} verify + parse time ÷ facade's"),
                div(
                    self.median(&g, BUSINESS_RS),
                    self.median(&g, FACADE_RECEIVE),
                ),
                "> 1 (ahead)",
            );
            row(
                md,
                &format!("webhook, {events} events: {WACLOUDAPI} parse time ÷ facade's"),
                div(self.median(&g, WACLOUDAPI), self.median(&g, FACADE_PARSE)),
                "> 1 (ahead)",
            );
        }
        let _ = writeln!(md);
    }

    fn latency(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "### Per-request latency (one text, sequential, loopback)\n\n\
             Paired: {} rounds in which each contender sends {} messages in turn; the median \
             round. Criterion: each contender alone, median of its samples.\n",
            crate::paired::ROUNDS,
            crate::paired::BATCH
        );
        let _ = writeln!(
            md,
            "| contender | paired median µs | ÷ reqwest | criterion median µs | body bytes | head bytes | fields added to ours |\n|---|---:|---:|---:|---:|---:|---|"
        );
        let base = self.paired_median(Kind::Reqwest);
        for kind in Kind::ALL {
            let paired = self.paired_median(kind);
            let wire = self.wire.get(kind.id());
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} |",
                kind.id(),
                us(paired),
                ratio(paired, base),
                us(self.median("send", kind.id())),
                wire.map_or("?".into(), |w| w.bytes.to_string()),
                wire.map_or("?".into(), |w| w.header_bytes.to_string()),
                wire.map_or("?".into(), |w| if w.extra.is_empty() {
                    "none".into()
                } else {
                    w.extra
                        .iter()
                        .map(|e| format!("`{e}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
            );
        }
        let _ = writeln!(md);
    }

    fn rates(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "### Throughput ({} sends, {} in flight, one shared client, {} runs each)\n",
            crate::throughput::SENDS,
            crate::throughput::IN_FLIGHT,
            crate::throughput::RUNS
        );
        let _ = writeln!(
            md,
            "| contender | msgs/s (median run) | ÷ reqwest | peak RSS MiB (largest run) |\n|---|---:|---:|---:|"
        );
        let base = self.rate(Kind::Reqwest).map(|r| r.0);
        for kind in Kind::ALL {
            let rate = self.rate(kind);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                kind.id(),
                rate.map_or("?".into(), |r| format!("{:.0}", r.0)),
                ratio(rate.map(|r| r.0), base),
                rate.map_or("?".into(), |r| format!("{:.1}", r.1)),
            );
        }
        let _ = writeln!(md);
    }

    fn webhooks(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "### Webhook verify + parse (Cloud API batches: texts, images, delivered and read statuses)\n"
        );
        let _ = writeln!(
            md,
            "Paired: {} rounds in which the receiver, the parser and `Value` take turns over the \
             same batch; the median round. Criterion: each contender alone, median of its \
             samples.\n\n\
             | events | bytes | contender | paired median µs | criterion median µs | MB/s (criterion) | ÷ facade verify + parse (criterion) |\n|---:|---:|---|---:|---:|---:|---:|",
            PAIRED_ROUNDS
        );
        for events in crate::webhook::BATCHES {
            let g = format!("webhook-{events}");
            let bytes = self.webhook_sizes.get(&g).map_or(0, |s| s.0);
            let base = self.median(&g, FACADE_RECEIVE);
            for id in [FACADE_RECEIVE, FACADE_PARSE, VALUE, BUSINESS_RS, WACLOUDAPI] {
                let m = self.median(&g, id);
                let paired = self.paired_webhook(&g, id);
                let _ = writeln!(
                    md,
                    "| {events} | {bytes} | {id} | {} | {} | {} | {} |",
                    paired.map_or("—".into(), |p| us(Some(p))),
                    us(m),
                    mbps(bytes, m),
                    ratio(m, base)
                );
            }
        }
        for note in &self.webhook_notes {
            let _ = writeln!(md, "\nNote: {note}.");
        }
        let _ = writeln!(md);
    }

    fn encoding(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "### Encoding: common `Message` → provider request type → JSON bytes\n"
        );
        let _ = writeln!(
            md,
            "ns per message / allocations per message / JSON bytes; — where the provider cannot send the kind.\n"
        );
        let _ = write!(md, "| kind |");
        for p in Provider::ALL {
            let _ = write!(md, " `{p}` |");
        }
        let _ = writeln!(md, "\n|---|{}", "---:|".repeat(Provider::ALL.len()));
        let mut kinds: Vec<&str> = Vec::new();
        for (kind, _) in self.encoded.keys() {
            if !kinds.contains(&kind.as_str()) {
                kinds.push(kind);
            }
        }
        for (kind, _) in &self.unsupported {
            if !kinds.contains(&kind.as_str()) {
                kinds.push(kind);
            }
        }
        let order: Vec<&str> = crate::payloads::messages()
            .map(|m| m.into_iter().map(|(k, _)| k).collect())
            .unwrap_or_default();
        kinds.sort_by_key(|k| order.iter().position(|o| o == k));
        for kind in kinds {
            let _ = write!(md, "| {kind} |");
            for p in Provider::ALL {
                let cell = match self.encoded.get(&(kind.to_owned(), p.as_str())) {
                    Some(e) => format!(
                        " {} / {:.0} / {} |",
                        self.median(&format!("encode-{kind}"), p.as_str())
                            .map_or("?".into(), |n| format!("{n:.0}")),
                        e.allocations,
                        e.json_bytes
                    ),
                    None => " — |".into(),
                };
                md.push_str(&cell);
            }
            md.push('\n');
        }
        let total: f64 = self.encoded.values().map(|e| e.allocated).sum();
        let _ = writeln!(
            md,
            "\nAllocated bytes per message, averaged over every cell: {:.0}.\n",
            total / self.encoded.len().max(1) as f64
        );
    }

    fn scaling(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "### Scaling: send latency by text size (criterion medians)\n"
        );
        let _ = writeln!(
            md,
            "| text bytes | facade µs | reqwest µs | facade ÷ reqwest |\n|---:|---:|---:|---:|"
        );
        for size in crate::send::SIZES {
            let g = format!("send-{size}b");
            let f = self.median(&g, Kind::Facade.id());
            let r = self.median(&g, Kind::Reqwest.id());
            let _ = writeln!(md, "| {size} | {} | {} | {} |", us(f), us(r), ratio(f, r));
        }
        let _ = writeln!(
            md,
            "\n### Scaling: webhook parse cost by batch and text size (criterion medians)\n"
        );
        let _ = writeln!(
            md,
            "| events | text bytes | body bytes | facade parse µs | ns per event | MB/s | `Value` µs | `Value` ÷ facade |\n|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for events in crate::webhook::BATCHES {
            for size in crate::send::SIZES {
                let g = format!("webhook-{events}x{size}b");
                let bytes = self.webhook_sizes.get(&g).map_or(0, |s| s.0);
                let f = self.median(&g, FACADE_PARSE);
                let v = self.median(&g, VALUE);
                let _ = writeln!(
                    md,
                    "| {events} | {size} | {bytes} | {} | {} | {} | {} | {} |",
                    us(f),
                    f.map_or("?".into(), |f| format!("{:.0}", f / events as f64)),
                    mbps(bytes, f),
                    us(v),
                    ratio(v, f)
                );
            }
        }
        let _ = writeln!(md);
    }
}

fn us(nanos: Option<f64>) -> String {
    nanos.map_or("?".into(), |n| format!("{:.1}", n / 1000.0))
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.3}", a / b),
        _ => "?".into(),
    }
}

fn mbps(bytes: usize, nanos: Option<f64>) -> String {
    nanos.map_or("?".into(), |n| format!("{:.0}", bytes as f64 / n * 1000.0))
}
