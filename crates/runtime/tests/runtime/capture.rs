//! A minimal `tracing` subscriber that records spans and events as text, so tests can check
//! what the runtime would hand to an application's real subscriber.
//!
//! It is installed once as the global default and records only on a thread inside
//! [`records`]. A per-test scoped subscriber (`set_default`) was flaky: the tests run in
//! parallel, and a thread without a subscriber that registers the runtime's callsites while
//! another test creates its subscriber can leave them cached as "never interested", so that
//! test saw no span at all (about 1 run in 30).

use std::cell::RefCell;
use std::fmt::Write;
use std::future::Future;
use std::sync::Once;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

thread_local! {
    /// The lines recorded on this thread, while a `records` call is running on it.
    static LINES: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

struct Capture;

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

/// Span ids for spans of threads that record nothing; never looked up.
const UNRECORDED: u64 = u64::MAX;

impl Subscriber for Capture {
    /// Only the runtime's own spans and events; hyper's connection logs are not ours to check.
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("whatsapp_sdk_runtime")
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Fields(&mut line));
        let index = LINES.with_borrow_mut(|lines| {
            lines.as_mut().map(|lines| {
                lines.push(line);
                lines.len() as u64
            })
        });
        Id::from_u64(index.unwrap_or(UNRECORDED))
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        LINES.with_borrow_mut(|lines| {
            if let Some(line) = lines.as_mut().and_then(|lines| {
                usize::try_from(span.into_u64())
                    .ok()
                    .and_then(|i| lines.get_mut(i.checked_sub(1)?))
            }) {
                values.record(&mut Fields(line));
            }
        });
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = String::from("event");
        event.record(&mut Fields(&mut line));
        LINES.with_borrow_mut(|lines| {
            if let Some(lines) = lines {
                lines.push(line);
            }
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Runs `future` on this thread (a `#[tokio::test]` runtime is current-thread) and returns
/// what the runtime recorded meanwhile.
pub(crate) async fn records<T>(future: impl Future<Output = T>) -> (Vec<String>, T) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(Capture)
            .expect("no other global subscriber in this test binary");
    });
    LINES.set(Some(Vec::new()));
    let output = future.await;
    let lines = LINES.take().unwrap_or_default();
    (lines, output)
}
