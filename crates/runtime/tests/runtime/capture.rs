//! A minimal `tracing` subscriber that records spans and events as text, so tests can check
//! what the runtime would hand to an application's real subscriber.

use std::fmt::Write;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Default)]
struct Recorder {
    lines: Mutex<Vec<String>>,
}

struct Capture(Arc<Recorder>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.0.lines.lock().expect("not poisoned").push(line);
    }
}

impl Subscriber for Capture {
    /// Only the runtime's own spans and events; hyper's connection logs are not ours to check.
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("whatsapp_sdk_runtime")
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Fields(&mut line));
        let mut lines = self.0.lines.lock().expect("not poisoned");
        lines.push(line);
        Id::from_u64(lines.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut lines = self.0.lines.lock().expect("not poisoned");
        if let Some(line) = usize::try_from(span.into_u64())
            .ok()
            .and_then(|i| lines.get_mut(i - 1))
        {
            values.record(&mut Fields(line));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = String::from("event");
        event.record(&mut Fields(&mut line));
        self.push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Runs `future` with the capturing subscriber as the default for this thread.
pub(crate) async fn records<T>(future: impl Future<Output = T>) -> (Vec<String>, T) {
    let recorder = Arc::new(Recorder::default());
    let dispatch = tracing::Dispatch::new(Capture(Arc::clone(&recorder)));
    let _guard = tracing::dispatcher::set_default(&dispatch);
    let output = future.await;
    let lines = recorder.lines.lock().expect("not poisoned").clone();
    (lines, output)
}
