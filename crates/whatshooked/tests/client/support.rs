use whatsapp_sdk_whatshooked::{Client, ClientBuilder, RetryPolicy};
use wiremock::MockServer;

pub const KEY: &str = "wh-api-key-123";
pub const TOKEN: &str = "wh-bearer-token-456";
pub const PASSWORD: &str = "wh-password-789";

pub fn base(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::never())
}

pub fn fixture(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}
