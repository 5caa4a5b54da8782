//! Loading sample payloads and reading events.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use whatsapp_sdk::Provider;
use whatsapp_sdk::webhook::{self, InboundEvent, InboundMessage, StatusUpdate, UnknownEvent};

/// The bytes of `tests/data/webhook/<provider>/<name>`.
pub(super) fn sample(provider: Provider, name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "data",
        "webhook",
        provider.as_str(),
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every sample file of `provider`.
pub(super) fn samples(provider: Provider) -> Vec<(String, Vec<u8>)> {
    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "data",
        "webhook",
        provider.as_str(),
    ]
    .iter()
    .collect();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = sample(provider, &name);
            (name, bytes)
        })
        .collect()
}

/// The events of a sample, parsed without verification.
pub(super) fn parse(provider: Provider, name: &str) -> Vec<InboundEvent> {
    webhook::parse(provider, &sample(provider, name))
        .unwrap_or_else(|e| panic!("{provider} {name}: {e}"))
}

pub(super) fn message(event: &InboundEvent) -> &InboundMessage {
    match event {
        InboundEvent::Message(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

pub(super) fn status(event: &InboundEvent) -> &StatusUpdate {
    match event {
        InboundEvent::Status(s) => s,
        other => panic!("expected a status, got {other:?}"),
    }
}

pub(super) fn unknown(event: &InboundEvent) -> &UnknownEvent {
    match event {
        InboundEvent::Unknown(u) => u,
        other => panic!("expected an unknown event, got {other:?}"),
    }
}

pub(super) fn at(seconds: u64) -> Option<SystemTime> {
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
}

pub(super) fn at_millis(millis: u64) -> Option<SystemTime> {
    Some(SystemTime::UNIX_EPOCH + Duration::from_millis(millis))
}

/// The JSON of a raw value, for comparing what was kept.
pub(super) fn json(raw: &serde_json::value::RawValue) -> serde_json::Value {
    serde_json::from_str(raw.get()).expect("raw values are JSON")
}
