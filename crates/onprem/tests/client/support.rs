use whatsapp_sdk_onprem::{Client, ClientBuilder, RetryPolicy};
use wiremock::MockServer;

pub(crate) const TOKEN: &str = "onprem-bearer-token-123";
pub(crate) const PASSWORD: &str = "onprem-admin-password-456";

pub(crate) fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .with_base_url(format!("{}/v1", server.uri()))
        .with_access_token(TOKEN)
        .with_basic_auth("admin", PASSWORD)
        .with_retry_policy(RetryPolicy::never())
}

pub(crate) fn client(server: &MockServer) -> Client {
    builder(server).build().expect("valid test client")
}

pub(crate) fn fixture(name: &str) -> serde_json::Value {
    whatsapp_sdk_testkit::fixture!(name)
}

pub(crate) use whatsapp_sdk_testkit::received;
