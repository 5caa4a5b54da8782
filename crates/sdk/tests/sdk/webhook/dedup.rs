//! De-duplication through the receiver with in-process stores.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;
use whatsapp_sdk::webhook::{
    DedupError, DedupStore, InboundEvent, MemoryDedup, WebhookError, WebhookReceiver,
};
use whatsapp_sdk::{Provider, Secret};

use crate::webhook::support::sample;

fn cloud() -> WebhookReceiver {
    WebhookReceiver::cloud(Secret::new("meta-app-secret"))
}

fn ids(events: &[InboundEvent]) -> Vec<String> {
    events.iter().map(|e| e.dedup_key().to_owned()).collect()
}

#[tokio::test]
async fn a_redelivery_is_reported_as_duplicates_and_clones_share_the_memory() {
    let receiver = cloud();
    let body = sample(Provider::Cloud, "multi_entry.json");
    let headers = receiver.sign(&body);
    let first = receiver.receive_once(&headers, &body).await.unwrap();
    assert_eq!(first.events.len(), 5);
    assert!(first.duplicates.is_empty());
    let again = receiver
        .clone()
        .receive_once(&headers, &body)
        .await
        .unwrap();
    assert!(again.events.is_empty());
    assert_eq!(ids(&again.duplicates), ids(&first.events));

    // Another payload sharing one message: only the new events are new.
    let overlap = sample(Provider::Cloud, "text.json");
    let delivery = receiver
        .receive_once(&receiver.sign(&overlap), &overlap)
        .await
        .unwrap();
    assert_eq!(delivery.events.len(), 1);

    let unshared = cloud();
    let fresh = unshared.receive_once(&headers, &body).await.unwrap();
    assert_eq!(
        fresh.events.len(),
        5,
        "separate receivers keep separate memories"
    );
    let off = cloud().without_dedup();
    for _ in 0..2 {
        assert_eq!(
            off.receive_once(&headers, &body)
                .await
                .unwrap()
                .events
                .len(),
            5
        );
    }
}

#[tokio::test]
async fn the_same_event_twice_in_one_payload_is_handed_on_once() {
    let receiver = WebhookReceiver::header_secret(
        Provider::Whapi,
        http::HeaderName::from_static("x-secret"),
        Secret::new("whapi-secret"),
    );
    let body = br#"{"messages":[
        {"id":"PsqXn5SAD5v7HRA-wHqB9tKI","type":"text","chat_id":"14155550123@s.whatsapp.net","from":"14155550123","from_me":false,"timestamp":1712995245,"text":{"body":"hi"}},
        {"id":"PsqXn5SAD5v7HRA-wHqB9tKI","type":"text","chat_id":"14155550123@s.whatsapp.net","from":"14155550123","from_me":false,"timestamp":1712995245,"text":{"body":"hi"}}]}"#;
    let delivery = receiver
        .receive_once(&receiver.sign(body), body)
        .await
        .unwrap();
    assert_eq!((delivery.events.len(), delivery.duplicates.len()), (1, 1));
}

#[tokio::test]
async fn a_released_delivery_is_handed_on_again() {
    let receiver = cloud();
    let body = sample(Provider::Cloud, "statuses.json");
    let headers = receiver.sign(&body);
    let first = receiver.receive_once(&headers, &body).await.unwrap();
    assert_eq!(first.events.len(), 4);
    // Processing failed: give the events back so the provider's retry is not a duplicate.
    receiver.release(&first).await.unwrap();
    let retry = receiver.receive_once(&headers, &body).await.unwrap();
    assert_eq!(ids(&retry.events), ids(&first.events));
    let third = receiver.receive_once(&headers, &body).await.unwrap();
    assert!(third.events.is_empty());
    // Releasing a delivery of duplicates frees nothing another attempt holds.
    receiver.release(&third).await.unwrap();
    assert!(
        receiver
            .receive_once(&headers, &body)
            .await
            .unwrap()
            .events
            .is_empty()
    );
}

/// A store that can be switched off, and that can fail after writing (a lost answer).
#[derive(Debug, Clone, Default)]
struct Flaky {
    memory: MemoryDedup,
    down: Arc<AtomicBool>,
    lose_answer: Arc<AtomicBool>,
}

#[async_trait]
impl DedupStore for Flaky {
    async fn claim(&self, keys: &[&str], token: &str) -> Result<Vec<bool>, DedupError> {
        if self.down.load(Ordering::SeqCst) {
            return Err(DedupError::new("connection refused"));
        }
        let claimed = self.memory.claim(keys, token).await?;
        if self.lose_answer.swap(false, Ordering::SeqCst) {
            return Err(DedupError::new("connection reset after the write"));
        }
        Ok(claimed)
    }

    async fn release(&self, keys: &[&str], token: &str) -> Result<(), DedupError> {
        if self.down.load(Ordering::SeqCst) {
            return Err(DedupError::new("connection refused"));
        }
        self.memory.release(keys, token).await
    }
}

#[tokio::test]
async fn a_store_failure_is_reported_and_nothing_is_dropped_or_doubled() {
    let store = Flaky::default();
    let receiver = cloud().with_dedup(store.clone());
    let body = sample(Provider::Cloud, "media.json");
    let headers = receiver.sign(&body);

    store.down.store(true, Ordering::SeqCst);
    let error = receiver.receive_once(&headers, &body).await.unwrap_err();
    assert!(matches!(error, WebhookError::Store { .. }), "{error:?}");
    assert_eq!(error.status(), http::StatusCode::SERVICE_UNAVAILABLE);
    assert!(error.to_string().contains("connection refused"));

    store.down.store(false, Ordering::SeqCst);
    store.lose_answer.store(true, Ordering::SeqCst);
    let error = receiver.receive_once(&headers, &body).await.unwrap_err();
    assert!(matches!(error, WebhookError::Store { .. }));

    // The provider retries: every event is handed on exactly once.
    let retry = receiver.receive_once(&headers, &body).await.unwrap();
    assert_eq!(retry.events.len(), 5);
    let again = receiver.receive_once(&headers, &body).await.unwrap();
    assert_eq!((again.events.len(), again.duplicates.len()), (0, 5));
}
