use std::time::Duration;

use whatsapp_sdk_cloud::{Client, RetryPolicy, types};
use wiremock::MockServer;

pub(crate) const TOKEN: &str = "EAAG-test-token-123";

/// A client for `server` with fast retries, so retry tests take milliseconds.
pub(crate) fn client(server: &MockServer) -> Client {
    builder(server).build().expect("valid test client")
}

pub(crate) fn builder(server: &MockServer) -> whatsapp_sdk_cloud::ClientBuilder {
    Client::builder()
        .with_base_url(server.uri())
        .with_access_token(TOKEN)
        .with_retry_policy(fast_retries())
}

pub(crate) fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

pub(crate) fn fixture(name: &str) -> serde_json::Value {
    whatsapp_sdk_testkit::fixture!(name)
}

pub(crate) fn text_message() -> types::SendMessageRequest {
    serde_json::from_value(fixture("send_message_text.json")).expect("fixture matches the type")
}

pub(crate) use whatsapp_sdk_testkit::received;
