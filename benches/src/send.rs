//! Per-request latency over loopback: one contender at a time sends the same text again and
//! again, on a single-threaded client runtime, so each iteration is one full request.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use serde_json::Value;

use crate::contenders::{Contender, Kind};
use crate::payloads::{TEXT, text_of};
use crate::report::Report;
use crate::server::Server;

/// Text sizes of the scaling table, in bytes (4096 is the Cloud API's limit for a text body).
pub(crate) const SIZES: [usize; 3] = [16, 1024, 4096];

pub(crate) fn client_runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

/// Sends one message through each contender and checks what reached the server: the facade,
/// the raw client and the hand-written POST send byte-identical JSON and the same headers;
/// the peers send the same message with the fields they always add, which the report lists.
pub(crate) fn check_wire(server: &Server, report: &mut Report) -> Result<(), String> {
    let rt = client_runtime()?;
    let mut bodies = Vec::new();
    for kind in Kind::ALL {
        let contender = Contender::new(kind, &server.url())?;
        server.record();
        let id = rt.block_on(contender.send(TEXT))?;
        let recorded = server.take_recorded();
        let [request] = &recorded[..] else {
            return Err(format!(
                "{}: {} requests reached the server",
                kind.id(),
                recorded.len()
            ));
        };
        if !id.starts_with("wamid.") {
            return Err(format!("{}: decoded id {id:?}", kind.id()));
        }
        let path = format!(
            "POST /v23.0/{}/messages HTTP/1.1",
            crate::contenders::PHONE_NUMBER_ID
        );
        if request.request_line != path {
            return Err(format!("{}: sent `{}`", kind.id(), request.request_line));
        }
        let auth = format!("Bearer {}", crate::contenders::TOKEN);
        if request.header("authorization") != Some(auth.as_str()) {
            return Err(format!("{}: no bearer token", kind.id()));
        }
        bodies.push((kind, request.clone()));
    }
    let (_, ours) = &bodies[0];
    for (kind, request) in &bodies[1..3] {
        if request.body != ours.body {
            return Err(format!(
                "{} sent {} where the facade sent {}",
                kind.id(),
                String::from_utf8_lossy(&request.body),
                String::from_utf8_lossy(&ours.body)
            ));
        }
        let names = |r: &crate::server::Recorded| {
            let mut names: Vec<String> = r.headers.iter().map(|(n, _)| n.clone()).collect();
            names.sort();
            names
        };
        if names(request) != names(ours) {
            return Err(format!(
                "{} sent headers {:?} where the facade sent {:?}",
                kind.id(),
                names(request),
                names(ours)
            ));
        }
    }
    let ours_json: Value = serde_json::from_slice(&ours.body).map_err(|e| e.to_string())?;
    for (kind, request) in &bodies {
        let theirs: Value = serde_json::from_slice(&request.body).map_err(|e| e.to_string())?;
        let Some(extra) = extra_fields(&ours_json, &theirs) else {
            return Err(format!("{} sent a different message: {theirs}", kind.id()));
        };
        report.wire(*kind, request.body.len(), &request.headers, extra);
    }
    Ok(())
}

/// The fields `theirs` adds to `ours` (as `path=value`), or `None` when a field of ours is
/// missing or different there.
fn extra_fields(ours: &Value, theirs: &Value) -> Option<Vec<String>> {
    let mut extra = Vec::new();
    walk(ours, theirs, "", &mut extra)?;
    Some(extra)
}

fn walk(ours: &Value, theirs: &Value, at: &str, extra: &mut Vec<String>) -> Option<()> {
    match (ours, theirs) {
        (Value::Object(o), Value::Object(t)) => {
            for (k, v) in o {
                walk(v, t.get(k)?, &format!("{at}/{k}"), extra)?;
            }
            for (k, v) in t {
                if !o.contains_key(k) {
                    extra.push(format!("{at}/{k}={v}"));
                }
            }
            Some(())
        }
        _ => (ours == theirs).then_some(()),
    }
}

pub(crate) fn bench(c: &mut Criterion, server: &Server, report: &mut Report) -> Result<(), String> {
    let rt = client_runtime()?;
    let mut group = c.benchmark_group("send");
    for kind in Kind::ALL {
        let contender = Contender::new(kind, &server.url())?;
        // Opens the connection before the clock starts.
        rt.block_on(contender.send(TEXT))?;
        group.bench_function(kind.id(), |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    for _ in 0..iters {
                        let id = contender.send(black_box(TEXT)).await;
                        black_box(id.expect("the loopback server answers every send"));
                    }
                    start.elapsed()
                })
            })
        });
        report.ran("send", kind.id());
    }
    group.finish();

    for size in SIZES {
        let text = text_of(size);
        let name = format!("send-{size}b");
        let mut group = c.benchmark_group(&name);
        for kind in [Kind::Facade, Kind::Reqwest] {
            let contender = Contender::new(kind, &server.url())?;
            rt.block_on(contender.send(&text))?;
            group.bench_function(kind.id(), |b| {
                b.iter_custom(|iters| {
                    rt.block_on(async {
                        let start = Instant::now();
                        for _ in 0..iters {
                            let id = contender.send(black_box(&text)).await;
                            black_box(id.expect("the loopback server answers every send"));
                        }
                        start.elapsed()
                    })
                })
            });
            report.ran(&name, kind.id());
        }
        group.finish();
    }
    Ok(())
}
