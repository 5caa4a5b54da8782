//! Offline tests of the YCloud client against wiremock: the API-key header, redaction and bad
//! input. YCloud has no hand-written operations.

use whatsapp_sdk_testkit::config_error;
use whatsapp_sdk_ycloud::{Client, ClientBuilder, Error, RetryPolicy};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "ycloud-api-key-123";

fn fixture(name: &str) -> serde_json::Value {
    whatsapp_sdk_testkit::fixture!(name)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .with_base_url(format!("{}/v2", server.uri()))
        .with_api_key(KEY)
        .with_retry_policy(RetryPolicy::never())
        .build()
        .expect("valid test client")
}

#[tokio::test]
async fn generated_operation_sends_the_api_key_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/balance"))
        .and(header("x-api-key", KEY))
        .and(header(
            "user-agent",
            concat!("whatsapp-sdk-ycloud/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("balance.json")))
        .expect(1)
        .mount(&server)
        .await;

    let balance = client(&server)
        .balance_retrieve()
        .send()
        .await
        .expect("mock answers 200")
        .into_inner();
    assert_eq!((balance.amount, balance.currency.as_str()), (12.5, "USD"));
    let request = &server.received_requests().await.expect("recording")[0];
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn error_statuses_keep_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": { "status": 401, "code": "UNAUTHORIZED", "message": "Invalid API key" }
        })))
        .mount(&server)
        .await;
    let error = client(&server)
        .balance_retrieve()
        .send()
        .await
        .expect_err("mock answers 401");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.operation(), Some("balance_retrieve"));
    assert!(error.to_string().contains("Invalid API key"), "{error}");
}

#[tokio::test]
async fn an_undecodable_success_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "amount": "twelve" })),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .balance_retrieve()
        .send()
        .await
        .expect_err("amount must be a number");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "balance_retrieve",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn the_default_server_is_the_spec_s() {
    let client = Client::builder().with_api_key(KEY).build().expect("valid");
    assert_eq!(
        whatsapp_sdk_ycloud::ClientInfo::baseurl(&client),
        "https://api.ycloud.com/v2"
    );
}

#[test]
fn missing_or_empty_keys_and_bad_urls_are_rejected() {
    assert_eq!(
        config_error(Client::builder().build()),
        "ycloud: invalid client configuration: `api_key` is required; call `with_api_key` or set YCLOUD_API_KEY"
    );
    assert!(
        config_error(Client::builder().with_api_key("").build()).ends_with("`api_key` is empty")
    );
    let error = config_error(
        Client::builder()
            .with_api_key(KEY)
            .with_base_url("api.ycloud.com/v2")
            .build(),
    );
    assert!(
        error.contains("`base_url` `api.ycloud.com/v2` is not a valid URL"),
        "{error}"
    );
}

#[test]
fn from_env_reads_the_documented_variables() {
    let env = |name: &str| match name {
        "YCLOUD_API_KEY" => Some(KEY.to_owned()),
        "YCLOUD_BASE_URL" => Some("http://127.0.0.1:9/v2".to_owned()),
        _ => None,
    };
    let client = ClientBuilder::from_env_with(env)
        .build()
        .expect("complete environment");
    assert_eq!(
        whatsapp_sdk_ycloud::ClientInfo::baseurl(&client),
        "http://127.0.0.1:9/v2"
    );
    assert!(
        config_error(ClientBuilder::from_env_with(|_| None).build()).contains("YCLOUD_API_KEY")
    );
}

#[test]
fn debug_output_never_shows_the_key() {
    let builder = Client::builder().with_api_key(KEY);
    let client = builder.clone().build().expect("valid");
    for text in [
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!text.contains(KEY), "{text}");
    }
}
