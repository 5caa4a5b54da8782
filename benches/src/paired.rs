//! The overhead ratios' own measurement: the five contenders take turns in short batches of
//! sends, round after round, so that a change in the machine's load (it is shared) falls on
//! all of them alike instead of on whichever criterion happened to be measuring.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::contenders::{Contender, Kind};
use crate::payloads::TEXT;
use crate::report::Report;
use crate::send::client_runtime;
use crate::server::Server;

/// Rounds, and sends per contender per round.
pub(crate) const ROUNDS: usize = 60;
pub(crate) const BATCH: usize = 250;

pub(crate) fn run(server: &Server, report: &mut Report) -> Result<(), String> {
    let rt = client_runtime()?;
    let contenders: Vec<(Kind, Contender)> = Kind::ALL
        .into_iter()
        .map(|kind| Contender::new(kind, &server.url()).map(|c| (kind, c)))
        .collect::<Result<_, _>>()?;
    // Warm: connections open, allocator and caches settled.
    for (_, contender) in &contenders {
        for _ in 0..BATCH {
            rt.block_on(contender.send(TEXT))?;
        }
    }
    let mut per_send: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); contenders.len()];
    for round in 0..ROUNDS {
        for turn in 0..contenders.len() {
            // Each round starts with the next contender, so none always goes first.
            let at = (round + turn) % contenders.len();
            let contender = &contenders[at].1;
            let elapsed = rt.block_on(async {
                let start = Instant::now();
                for _ in 0..BATCH {
                    black_box(contender.send(black_box(TEXT)).await?);
                }
                Ok::<_, String>(start.elapsed())
            })?;
            per_send[at].push(elapsed / BATCH as u32);
        }
    }
    for ((kind, _), mut samples) in contenders.iter().zip(per_send) {
        samples.sort();
        report.paired(*kind, samples);
    }
    Ok(())
}
