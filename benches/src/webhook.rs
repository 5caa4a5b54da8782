//! Webhook verify + parse on the same Cloud API batches: the facade's receiver (signature check
//! included) and its parser alone, `serde_json::Value` on the same bytes, and the peers'
//! webhook entry points.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use criterion::{Criterion, Throughput};
use http::HeaderMap;
use whatsapp_sdk::webhook::{self, WebhookReceiver, test_util};
use whatsapp_sdk::{Provider, Secret};

use crate::payloads::{Mix, cloud_batch};
use crate::report::Report;
use crate::send::SIZES;

pub(crate) const BATCHES: [usize; 3] = [1, 10, 100];
const APP_SECRET: &str = "bench-app-secret";

/// The contenders of the main webhook table.
pub(crate) const FACADE_RECEIVE: &str = "facade-receive";
pub(crate) const FACADE_PARSE: &str = "facade-parse";
pub(crate) const VALUE: &str = "serde_json-value";
pub(crate) const BUSINESS_RS: &str = "whatsapp-business-rs";
pub(crate) const WACLOUDAPI: &str = "wacloudapi";

/// whatsapp-business-rs's handler: counts the events its service hands on.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl whatsapp_business_rs::server::Handler for Counter {
    async fn handle(
        &self,
        _ctx: whatsapp_business_rs::server::EventContext,
        _event: whatsapp_business_rs::server::Event,
    ) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

struct Case {
    body: Vec<u8>,
    headers: HeaderMap,
    signature: String,
}

impl Case {
    fn new(events: usize, mix: Mix) -> Result<Case, String> {
        let secret = Secret::new(APP_SECRET);
        let body = cloud_batch(events, mix);
        let headers = test_util::cloud_headers(&secret, &body);
        let signature = headers
            .get("x-hub-signature-256")
            .and_then(|v| v.to_str().ok())
            .ok_or("no signature header")?
            .to_owned();
        Ok(Case {
            body,
            headers,
            signature,
        })
    }
}

fn business_rs_request(case: &Case) -> Result<http::Request<Bytes>, String> {
    http::Request::builder()
        .method(http::Method::POST)
        .uri("/webhook")
        .header("x-hub-signature-256", &case.signature)
        .header("content-type", "application/json")
        .body(Bytes::from(case.body.clone()))
        .map_err(|e| e.to_string())
}

pub(crate) fn bench(c: &mut Criterion, report: &mut Report) -> Result<(), String> {
    let receiver = WebhookReceiver::cloud(Secret::new(APP_SECRET));
    let rt = crate::send::client_runtime()?;
    let counter = Counter::default();
    let service = whatsapp_business_rs::webhook_service::WebhookService::<Counter>::builder()
        .verify_payload(APP_SECRET)
        .build(counter.clone());

    for events in BATCHES {
        let case = Case::new(events, Mix::Realistic)?;
        let name = format!("webhook-{events}");
        report.webhook_size(&name, case.body.len(), events);

        // Every contender must see every event before it is timed.
        let ours = receiver
            .receive(&case.headers, &case.body)
            .map_err(|e| e.to_string())?;
        if ours.len() != events {
            return Err(format!(
                "the receiver found {} of {events} events",
                ours.len()
            ));
        }
        let theirs = wacloudapi_events(&case).map_err(|e| format!("wacloudapi: {e}"))?;
        let business_rs = rt.block_on(async {
            counter.0.store(0, Ordering::Relaxed);
            let request = business_rs_request(&case)?;
            let response = service.handle(request).await;
            for _ in 0..4 {
                tokio::task::yield_now().await;
            }
            Ok::<_, String>((response.status(), counter.0.load(Ordering::Relaxed)))
        })?;
        report.webhook_events(&name, WACLOUDAPI, theirs, events);
        if events == 1 && !wacloudapi_verifies(&case) {
            report.note(
                "wacloudapi's `webhooks::verify_signature` refuses Meta's genuine signature (it \
                 compares a `DefaultHasher` digest, not HMAC-SHA256), so its column is typed \
                 parsing and `events()` without verification: compare it with `facade-parse`",
            );
        }
        report.webhook_events(&name, BUSINESS_RS, business_rs.1, events);
        if !business_rs.0.is_success() {
            return Err(format!("whatsapp-business-rs answered {}", business_rs.0));
        }

        let mut group = c.benchmark_group(&name);
        group.throughput(Throughput::Bytes(case.body.len() as u64));
        group.bench_function(FACADE_RECEIVE, |b| {
            b.iter(|| receiver.receive(black_box(&case.headers), black_box(&case.body)))
        });
        group.bench_function(FACADE_PARSE, |b| {
            b.iter(|| webhook::parse(Provider::Cloud, black_box(&case.body)))
        });
        group.bench_function(VALUE, |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&case.body)))
        });
        group.bench_function(BUSINESS_RS, |b| {
            b.iter(|| {
                rt.block_on(async {
                    let request = business_rs_request(&case).expect("a valid request");
                    let response = service.handle(request).await;
                    // Lets the tasks it spawned per event run, as a server's runtime would.
                    tokio::task::yield_now().await;
                    response
                })
            })
        });
        group.bench_function(WACLOUDAPI, |b| {
            b.iter(|| wacloudapi_events(black_box(&case)))
        });
        group.finish();
        for id in [FACADE_RECEIVE, FACADE_PARSE, VALUE, BUSINESS_RS, WACLOUDAPI] {
            report.ran(&name, id);
        }
        for (id, median) in paired(&receiver, &case, events)? {
            report.webhook_paired(&name, id, median);
        }
    }

    // Scaling: texts of growing size in growing batches, parser against Value.
    for events in BATCHES {
        for size in SIZES {
            let case = Case::new(events, Mix::Texts(size))?;
            let name = format!("webhook-{events}x{size}b");
            report.webhook_size(&name, case.body.len(), events);
            let ours = webhook::parse(Provider::Cloud, &case.body).map_err(|e| e.to_string())?;
            if ours.len() != events {
                return Err(format!("{name}: parsed {} events", ours.len()));
            }
            let mut group = c.benchmark_group(&name);
            group.throughput(Throughput::Bytes(case.body.len() as u64));
            group.bench_function(FACADE_PARSE, |b| {
                b.iter(|| webhook::parse(Provider::Cloud, black_box(&case.body)))
            });
            group.bench_function(VALUE, |b| {
                b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&case.body)))
            });
            group.finish();
            report.ran(&name, FACADE_PARSE);
            report.ran(&name, VALUE);
        }
    }
    Ok(())
}

/// Rounds of the paired webhook measurement, and the batches parsed per contender per round
/// for a one-event batch (fewer for larger ones, so every turn takes about as long).
pub(crate) const PAIRED_ROUNDS: usize = 60;
const PAIRED_EVENTS_PER_TURN: usize = 200;

/// The ratios' own measurement, as for sends (`paired.rs`): the receiver, the parser and
/// `Value` take turns over the same batch, round after round, the order rotating, so that a
/// change in the machine's speed falls on all three alike; criterion's runs of each alone,
/// seconds apart, differed by more than the ratios on this shared machine. The median
/// round's time per batch, by contender.
fn paired(
    receiver: &WebhookReceiver,
    case: &Case,
    events: usize,
) -> Result<Vec<(&'static str, std::time::Duration)>, String> {
    type Parse<'a> = Box<dyn Fn() -> Result<(), String> + 'a>;
    let contenders: [(&'static str, Parse<'_>); 3] = [
        (
            FACADE_RECEIVE,
            Box::new(|| {
                black_box(
                    receiver
                        .receive(black_box(&case.headers), black_box(&case.body))
                        .map_err(|e| e.to_string())?,
                );
                Ok(())
            }),
        ),
        (
            FACADE_PARSE,
            Box::new(|| {
                black_box(
                    webhook::parse(Provider::Cloud, black_box(&case.body))
                        .map_err(|e| e.to_string())?,
                );
                Ok(())
            }),
        ),
        (
            VALUE,
            Box::new(|| {
                black_box(
                    serde_json::from_slice::<serde_json::Value>(black_box(&case.body))
                        .map_err(|e| e.to_string())?,
                );
                Ok(())
            }),
        ),
    ];
    let per_turn = (PAIRED_EVENTS_PER_TURN / events).max(2);
    for (_, parse) in &contenders {
        for _ in 0..per_turn {
            parse()?;
        }
    }
    let mut samples = vec![Vec::with_capacity(PAIRED_ROUNDS); contenders.len()];
    for round in 0..PAIRED_ROUNDS {
        for turn in 0..contenders.len() {
            let at = (round + turn) % contenders.len();
            let start = std::time::Instant::now();
            for _ in 0..per_turn {
                (contenders[at].1)()?;
            }
            samples[at].push(start.elapsed() / per_turn as u32);
        }
    }
    Ok(contenders
        .iter()
        .zip(samples)
        .map(|((id, _), mut rounds)| {
            rounds.sort();
            (*id, rounds[rounds.len() / 2])
        })
        .collect())
}

/// wacloudapi's typed payload and its event list. Its `verify_signature` is not run: it is
/// a placeholder (a `DefaultHasher` of key and body, not HMAC-SHA256) that refuses every
/// genuine Meta signature, which [`bench`] checks and the report states.
fn wacloudapi_events(case: &Case) -> Result<usize, String> {
    let payload: wacloudapi::webhooks::WebhookPayload =
        serde_json::from_slice(&case.body).map_err(|e| e.to_string())?;
    Ok(payload.events().len())
}

/// Whether wacloudapi accepts a genuine signature.
fn wacloudapi_verifies(case: &Case) -> bool {
    wacloudapi::webhooks::verify_signature(&case.body, &case.signature, APP_SECRET)
}

/// `WHATSAPP_SDK_BENCH_ROLE=profile-webhook WHATSAPP_SDK_BENCH_CONTENDER=facade-parse|serde_json-value
/// [WHATSAPP_SDK_BENCH_EVENTS=n] [WHATSAPP_SDK_BENCH_SENDS=iterations] [WHATSAPP_SDK_BENCH_TEXT_BYTES=n]`:
/// one parser over one realistic batch (or a batch of texts of n bytes), again and again, for
/// a profiler.
pub(crate) fn profile() -> Result<(), String> {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let events = var("WHATSAPP_SDK_BENCH_EVENTS", 1);
    let iterations = var("WHATSAPP_SDK_BENCH_SENDS", 20_000);
    // `WHATSAPP_SDK_BENCH_TEXT_BYTES=n`: a batch of texts of n bytes instead of the mix.
    let mix = match std::env::var("WHATSAPP_SDK_BENCH_TEXT_BYTES") {
        Ok(n) => Mix::Texts(n.parse().map_err(|_| "TEXT_BYTES is no number")?),
        Err(_) => Mix::Realistic,
    };
    let body = cloud_batch(events, mix);
    let contender = std::env::var("WHATSAPP_SDK_BENCH_CONTENDER").unwrap_or_default();
    let start = std::time::Instant::now();
    for _ in 0..iterations {
        match contender.as_str() {
            FACADE_PARSE => {
                black_box(
                    webhook::parse(Provider::Cloud, black_box(&body)).map_err(|e| e.to_string())?,
                );
            }
            VALUE => {
                black_box(
                    serde_json::from_slice::<serde_json::Value>(black_box(&body))
                        .map_err(|e| e.to_string())?,
                );
            }
            other => return Err(format!("no webhook contender `{other}`")),
        }
    }
    println!(
        "{contender}: {events} events, {:.0} ns per batch",
        start.elapsed().as_nanos() as f64 / iterations as f64
    );
    Ok(())
}
