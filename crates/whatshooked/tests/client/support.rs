use whatsapp_sdk_whatshooked::{Client, ClientBuilder, RetryPolicy};
use wiremock::MockServer;

pub(crate) const KEY: &str = "wh-api-key-123";
pub(crate) const TOKEN: &str = "wh-bearer-token-456";
pub(crate) const PASSWORD: &str = "wh-password-789";

pub(crate) fn base(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::never())
}

pub(crate) fn fixture(name: &str) -> serde_json::Value {
    whatsapp_sdk_testkit::fixture!(name)
}

pub(crate) use whatsapp_sdk_testkit::received;
