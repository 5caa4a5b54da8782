//! Property tests: arbitrary bytes, arbitrary JSON and mutated samples never make a parser
//! or verifier panic, and what comes back stays in proportion to the input.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};
use proptest::prelude::*;
use serde_json::Value;
use whatsapp_sdk::webhook::{self, InboundEvent, WebhookReceiver};
use whatsapp_sdk::{Provider, Secret};

use crate::webhook::support::samples;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("text".to_owned()),
            Just("messages".to_owned()),
            Just("wamid.X".to_owned()),
            Just("14155550123@s.whatsapp.net".to_owned()),
            Just("+14155550123".to_owned()),
            ".{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        let key = prop_oneof![
            Just("object".to_owned()),
            Just("entry".to_owned()),
            Just("changes".to_owned()),
            Just("field".to_owned()),
            Just("value".to_owned()),
            Just("messages".to_owned()),
            Just("statuses".to_owned()),
            Just("errors".to_owned()),
            Just("type".to_owned()),
            Just("id".to_owned()),
            Just("from".to_owned()),
            Just("text".to_owned()),
            Just("data".to_owned()),
            Just("event".to_owned()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn check(provider: Provider, body: &[u8]) {
    if let Ok(events) = webhook::parse(provider, body) {
        // Every event stands for some bytes of the body.
        assert!(
            events.len() <= body.len(),
            "{provider}: {} events from {} bytes",
            events.len(),
            body.len()
        );
        for event in &events {
            assert!(!event.dedup_key().is_empty());
            assert!(event.raw().get().len() <= body.len());
            if let InboundEvent::Unknown(unknown) = event {
                assert!(!unknown.kind.is_empty());
            }
        }
    }
}

fn receivers() -> Vec<WebhookReceiver> {
    vec![
        WebhookReceiver::cloud(Secret::new("app")),
        WebhookReceiver::ycloud(Secret::new("endpoint")),
        WebhookReceiver::header_secret(
            Provider::Whapi,
            HeaderName::from_static("x-k"),
            Secret::new("v"),
        ),
        WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("t")),
        WebhookReceiver::basic(Provider::OnPrem, "u", Secret::new("p")),
    ]
}

/// Replaces the node at `path` (indices into objects' and arrays' children) with `new`.
fn replace(value: &mut Value, path: &[usize], new: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = new;
        return;
    };
    let child = match value {
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            &mut items[first % len]
        }
        Value::Object(map) if !map.is_empty() => {
            let len = map.len();
            map.values_mut().nth(first % len).expect("in range")
        }
        _ => {
            *value = new;
            return;
        }
    };
    replace(child, rest, new);
}

proptest! {
    // The seeds of past failures live at a fixed path, wherever this file moves.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/proptest-regressions/webhook.txt"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..2048)) {
        for provider in Provider::ALL {
            check(provider, &body);
        }
    }

    #[test]
    fn arbitrary_json_never_panics(value in json()) {
        let body = serde_json::to_vec(&value).unwrap();
        for provider in Provider::ALL {
            check(provider, &body);
        }
    }

    #[test]
    fn mutated_samples_never_panic(
        path in prop::collection::vec(any::<usize>(), 0..8),
        new in json(),
        pick in any::<usize>(),
    ) {
        for provider in Provider::ALL {
            let all = samples(provider);
            let (_, bytes) = &all[pick % all.len()];
            let mut value: Value = serde_json::from_slice(bytes).unwrap();
            replace(&mut value, &path, new.clone());
            check(provider, &serde_json::to_vec(&value).unwrap());
        }
    }

    #[test]
    fn verifiers_refuse_arbitrary_headers_without_panicking(
        body in prop::collection::vec(any::<u8>(), 0..512),
        values in prop::collection::vec(prop::collection::vec(32u8..127, 0..100), 0..3),
        seconds in any::<u32>(),
    ) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(seconds));
        for receiver in receivers() {
            for name in ["x-hub-signature-256", "ycloud-signature", "x-k", "authorization"] {
                let mut headers = HeaderMap::new();
                for value in &values {
                    if let Ok(value) = HeaderValue::from_bytes(value) {
                        headers.append(HeaderName::from_static(name), value);
                    }
                }
                prop_assert!(receiver.receive_at(&headers, &body, now).is_err());
            }
            // Signed correctly, arbitrary bytes still never panic the parser.
            let headers = receiver.sign_at(&body, now);
            let _ = receiver.receive_at(&headers, &body, now);
        }
    }
}
