use std::time::Duration;

use whatsapp_sdk_cloud::Error;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{builder, fast_retries, fixture, received, text_message};

const PHONE: &str = "106540352242922";

fn phone_json() -> serde_json::Value {
    serde_json::json!({ "id": PHONE, "verified_name": "Shop" })
}

/// Mounts `first` for the first `times` requests of `verb`, then `then` for the rest.
async fn answer(
    server: &MockServer,
    verb: &str,
    times: u64,
    first: ResponseTemplate,
    then: ResponseTemplate,
) {
    Mock::given(method(verb))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .respond_with(then)
        .mount(server)
        .await;
}

async fn get_phone(client: &whatsapp_sdk_cloud::Client) -> Result<String, Error> {
    let phone = client
        .get_phone_number()
        .phone_number_id(PHONE)
        .send()
        .await?;
    Ok(phone.into_inner().id.unwrap_or_default())
}

#[tokio::test]
async fn get_answered_503_twice_then_200_succeeds_on_the_third_attempt() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        2,
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_json(phone_json()),
    )
    .await;

    let id = get_phone(&builder(&server).build().expect("valid"))
        .await
        .expect("third attempt succeeds");
    assert_eq!(id, PHONE);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn retry_after_is_honoured_instead_of_the_backoff() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        1,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        ResponseTemplate::new(200).set_body_json(phone_json()),
    )
    .await;
    // The backoff alone (an hour) would pass the deadline and give up; Retry-After: 1 fits.
    let policy = fast_retries()
        .with_initial_backoff(Duration::from_secs(3600))
        .with_max_backoff(Duration::from_secs(3600))
        .with_deadline(Duration::from_secs(30));
    let client = builder(&server)
        .with_retry_policy(policy)
        .build()
        .expect("valid");

    assert_eq!(get_phone(&client).await.expect("retried after 1 s"), PHONE);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn exhausted_attempts_return_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("overloaded"))
        .mount(&server)
        .await;
    let client = builder(&server)
        .with_retry_policy(fast_retries().with_max_attempts(4))
        .build()
        .expect("valid");

    let error = get_phone(&client).await.expect_err("always 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(error.is_retryable());
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn post_answered_503_is_not_retried_by_default() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        1,
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_json(fixture("send_message_response.json")),
    )
    .await;

    let error = builder(&server)
        .build()
        .expect("valid")
        .send_message()
        .phone_number_id(PHONE)
        .body(text_message())
        .send()
        .await
        .expect_err("the 503 is returned, not retried");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn post_answered_503_is_retried_when_the_caller_opts_in() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        1,
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_json(fixture("send_message_response.json")),
    )
    .await;
    let client = builder(&server)
        .with_retry_policy(fast_retries().with_retry_non_idempotent(true))
        .build()
        .expect("valid");

    client
        .send_message()
        .phone_number_id(PHONE)
        .body(text_message())
        .send()
        .await
        .expect("second attempt succeeds");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the replayed body is the same"
    );
}

#[tokio::test]
async fn post_answered_429_is_retried_because_it_was_refused_before_processing() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        1,
        ResponseTemplate::new(429).insert_header("retry-after", "0"),
        ResponseTemplate::new(200).set_body_json(fixture("send_message_response.json")),
    )
    .await;

    builder(&server)
        .build()
        .expect("valid")
        .send_message()
        .phone_number_id(PHONE)
        .body(text_message())
        .send()
        .await
        .expect("second attempt succeeds");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn no_retry_starts_past_the_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let client = builder(&server)
        .with_retry_policy(
            fast_retries()
                .with_max_attempts(5)
                .with_deadline(Duration::from_secs(10)),
        )
        .build()
        .expect("valid");

    let error = get_phone(&client)
        .await
        .expect_err("waiting 120 s would pass the 10 s deadline");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn per_attempt_timeout_ends_a_slow_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(phone_json())
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .with_timeout(Duration::from_millis(200))
        .with_retry_policy(fast_retries().with_max_attempts(2))
        .build()
        .expect("valid");

    let error = get_phone(&client)
        .await
        .expect_err("every attempt times out");
    assert!(
        matches!(
            error,
            Error::Transport {
                operation: "get_phone_number",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(
        received(&server).await.len(),
        2,
        "a timed-out GET is retried"
    );
}
