use whatsapp_sdk_whatshooked::ClientBuilder;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, PASSWORD, TOKEN, base, fixture, received};

/// Lists accounts with `configure`'s credential and returns the request the server saw.
async fn list_accounts_with(
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> wiremock::Request {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/accounts"))
        .and(header(
            "user-agent",
            concat!("whatsapp-sdk-whatshooked/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("accounts.json")))
        .expect(1)
        .mount(&server)
        .await;
    let accounts = configure(base(&server))
        .build()
        .expect("valid")
        .list_accounts()
        .send()
        .await
        .expect("mock answers 200")
        .into_inner();
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[1].id, "meta");
    received(&server).await.remove(0)
}

#[tokio::test]
async fn api_key_goes_in_x_api_key() {
    let request = list_accounts_with(|b| b.with_api_key(KEY)).await;
    assert_eq!(request.headers["x-api-key"], KEY);
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn bearer_token_goes_in_authorization() {
    let request = list_accounts_with(|b| b.with_bearer_token(TOKEN)).await;
    assert_eq!(
        request.headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
    assert!(request.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn basic_auth_goes_in_authorization() {
    let request = list_accounts_with(|b| b.with_basic_auth("ops", PASSWORD)).await;
    // base64("ops:wh-password-789")
    assert_eq!(
        request.headers["authorization"],
        "Basic b3BzOndoLXBhc3N3b3JkLTc4OQ=="
    );
}

#[tokio::test]
async fn the_last_credential_set_is_the_one_sent() {
    let request = list_accounts_with(|b| b.with_api_key(KEY).with_bearer_token(TOKEN)).await;
    assert_eq!(
        request.headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
    assert!(request.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn health_check_is_sent_without_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "status": "ok" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    base(&server)
        .with_api_key(KEY)
        .build()
        .expect("valid")
        .health_check()
        .send()
        .await
        .expect("mock answers 200");
    let request = &received(&server).await[0];
    assert!(request.headers.get("x-api-key").is_none());
    assert!(request.headers.get("authorization").is_none());
}
