//! Encoding: a common `Message` mapped to each provider's generated request type and
//! serialized to the JSON bytes its adapter sends, per message kind; time and allocations.

use std::hint::black_box;

use criterion::Criterion;
use stats_alloc::Region;
use whatsapp_sdk::{Provider, Recipient};

use crate::payloads::messages;
use crate::report::Report;

/// Calls per allocation count (the count is exact; this only averages over warm caches).
const COUNTED: u64 = 1_000;

pub(crate) fn bench(c: &mut Criterion, report: &mut Report) -> Result<(), String> {
    let to: Recipient = crate::contenders::TO.parse().map_err(|e| format!("{e}"))?;
    for (kind, message) in messages()? {
        let name = format!("encode-{kind}");
        let mut group = c.benchmark_group(&name);
        for provider in Provider::ALL {
            let Ok(bytes) = whatsapp_sdk::bench::encode(provider, &to, &message) else {
                // The provider cannot send this kind (the capability table says which).
                report.unsupported(kind, provider);
                continue;
            };
            let region = Region::new(crate::GLOBAL);
            for _ in 0..COUNTED {
                black_box(whatsapp_sdk::bench::encode(provider, &to, black_box(&message)).ok());
            }
            let change = region.change();
            report.allocations(
                kind,
                provider,
                bytes.len(),
                change.allocations as f64 / COUNTED as f64,
                change.bytes_allocated as f64 / COUNTED as f64,
            );
            group.bench_function(provider.as_str(), |b| {
                b.iter(|| whatsapp_sdk::bench::encode(provider, &to, black_box(&message)))
            });
            report.ran(&name, provider.as_str());
        }
        group.finish();
    }
    Ok(())
}
