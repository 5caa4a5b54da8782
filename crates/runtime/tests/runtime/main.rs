//! The runtime driven directly, through `call::send`, as hand-written operations use it:
//! what tracing records, what transport errors show, and which bodies are replayed.

mod capture;

use std::time::Duration;

use progenitor_client::ClientInfo;
use whatsapp_sdk_runtime::{Credential, Error, RetryPolicy, Runtime, Settings, Upload, call};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "query-token-that-must-not-leak";

/// The smallest client the runtime serves: what progenitor's generated `Client` holds.
#[derive(Debug)]
struct TestClient {
    base: String,
    http: reqwest::Client,
    runtime: Runtime,
}

impl ClientInfo<Runtime> for TestClient {
    fn api_version() -> &'static str {
        "test"
    }
    fn baseurl(&self) -> &str {
        &self.base
    }
    fn client(&self) -> &reqwest::Client {
        &self.http
    }
    fn inner(&self) -> &Runtime {
        &self.runtime
    }
}

fn test_client(base: String, policy: RetryPolicy) -> TestClient {
    let mut settings = Settings::default();
    settings.set_retry_policy(policy);
    let credential = Credential::QueryToken {
        name: "token",
        token: TOKEN.into(),
    };
    let (http, runtime) = settings
        .build("test", "whatsapp-sdk-test/0", Some(credential), Vec::new())
        .expect("valid settings");
    TestClient {
        base,
        http,
        runtime,
    }
}

fn fast() -> RetryPolicy {
    RetryPolicy::default().with_initial_backoff(Duration::from_millis(1))
}

#[tokio::test]
async fn spans_record_operation_method_attempt_and_status_but_no_credentials_or_urls() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = test_client(server.uri(), fast());

    let (records, result) = capture::records(async {
        let request = client
            .http
            .get(format!("{}/phones/15551234567", client.base));
        call::send(&client, request, "get_phone").await
    })
    .await;

    assert_eq!(result.expect("second attempt").status(), 204);
    let spans: Vec<_> = records
        .iter()
        .filter(|r| r.starts_with("span whatsapp_sdk.request"))
        .collect();
    assert_eq!(spans.len(), 2, "{records:#?}");
    for (attempt, span) in [(1, 503), (2, 204)].iter().zip(&spans) {
        for field in [
            "provider=test".to_owned(),
            "operation=get_phone".to_owned(),
            "method=GET".to_owned(),
            format!("attempt={}", attempt.0),
        ] {
            assert!(span.contains(&field), "{field} missing from {span}");
        }
    }
    let all = records.join("\n");
    assert!(
        all.contains("status=503") && all.contains("status=204"),
        "{all}"
    );
    assert!(all.contains("latency_ms="), "{all}");
    assert!(!all.contains(TOKEN), "{all}");
    assert!(!all.contains("15551234567"), "{all}");
    assert!(!all.contains("127.0.0.1"), "{all}");
    let sent = &server.received_requests().await.expect("recording")[0];
    assert_eq!(sent.url.query(), Some(format!("token={TOKEN}").as_str()));
}

#[tokio::test]
async fn transport_errors_do_not_show_the_url_or_its_query_token() {
    // Port 9 (discard) on loopback is closed in the test environment: connecting fails.
    let client = test_client("http://127.0.0.1:9".into(), RetryPolicy::never());
    let (records, result) = capture::records(async {
        let request = client.http.get(format!("{}/x", client.base));
        call::send(&client, request, "get_x").await
    })
    .await;

    let error = result.expect_err("nothing listens on port 9");
    assert!(
        matches!(
            error,
            Error::Transport {
                operation: "get_x",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable(), "a connection failure may pass");
    for text in [error.to_string(), format!("{error:?}"), records.join("\n")] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("127.0.0.1:9/x"), "{text}");
    }
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_even_when_a_retry_would_be_allowed() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = test_client(server.uri(), fast().with_max_attempts(3));
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> =
        vec![Ok(bytes::Bytes::from_static(b"abc"))];
    let upload = Upload::from_stream(
        "a.bin",
        "application/octet-stream",
        futures::stream::iter(chunks),
        Some(3),
    );
    let request = upload
        .into_request(client.http.put(format!("{}/icon", client.base)))
        .expect("valid MIME type");
    let response = call::send(&client, request, "put_icon")
        .await
        .expect("a response");

    assert_eq!(response.status(), 503);
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1
    );
}

#[tokio::test]
async fn an_in_memory_body_is_replayed_on_an_idempotent_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = test_client(server.uri(), fast().with_max_attempts(3));
    let request = client
        .http
        .put(format!("{}/icon", client.base))
        .body(&b"abc"[..]);

    call::send(&client, request, "put_icon")
        .await
        .expect("a response");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.body == b"abc"));
}

#[tokio::test]
async fn https_works_without_extra_features() {
    // Without a TLS backend reqwest refuses https URLs before connecting; with rustls compiled
    // in, the request gets as far as the (closed) port.
    let client = test_client("https://127.0.0.1:9".into(), RetryPolicy::never());
    let request = client.http.get(format!("{}/x", client.base));
    match call::send(&client, request, "get_x").await {
        Err(Error::Transport { source, .. }) => assert!(source.is_connect(), "{source:?}"),
        other => panic!("expected a connection failure, got {other:?}"),
    }
}
