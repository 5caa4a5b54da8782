use std::time::Duration;

use whatsapp_sdk_whapi::{Client, ClientBuilder, RetryPolicy};
use wiremock::MockServer;

pub(crate) const TOKEN: &str = "whapi-test-token-3f9a";

pub(crate) const USER_AGENT: &str = concat!("whatsapp-sdk-whapi/", env!("CARGO_PKG_VERSION"));

/// A client for `server` with the token as a bearer header.
pub(crate) fn client(server: &MockServer) -> Client {
    builder(server).build().expect("valid test client")
}

pub(crate) fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .with_base_url(server.uri())
        .with_token(TOKEN)
        .with_retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
}

pub(crate) fn fixture(name: &str) -> serde_json::Value {
    whatsapp_sdk_testkit::fixture!(name)
}

/// A fixture decoded as a typed body; panics when it does not match the type.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A valid request body for `operation` from `request_bodies.json`, typed as the operation's
/// body; panics when the fixture does not match the type.
pub(crate) fn request_body<T: serde::de::DeserializeOwned>(operation: &str) -> T {
    let bodies = fixture("request_bodies.json");
    let body = bodies
        .get(operation)
        .unwrap_or_else(|| panic!("no body for {operation}"));
    serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{operation}: {e}"))
}

pub(crate) use whatsapp_sdk_testkit::received;

/// The request's query as (name, value) pairs, decoded, in order.
pub(crate) fn query(request: &wiremock::Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Asserts the headers every request carries in the default (bearer) mode.
pub(crate) fn assert_bearer_and_user_agent(request: &wiremock::Request) {
    assert_eq!(
        request.headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
    assert_eq!(request.headers["user-agent"], USER_AGENT);
    assert!(
        query(request).iter().all(|(name, _)| name != "token"),
        "no token in the query: {}",
        request.url
    );
}
