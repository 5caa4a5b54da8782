use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client, fixture, received, text_message};

#[tokio::test]
async fn generated_operation_sends_bearer_token_user_agent_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v23.0/106540352242922/messages"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("send_message_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let sent = client(&server)
        .send_message()
        .phone_number_id("106540352242922")
        .body(text_message())
        .send()
        .await
        .expect("mock answers 200");

    assert_eq!(sent.status(), 200);
    let sent = sent.into_inner();
    assert_eq!(
        sent.messages[0].id.as_deref(),
        Some("wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA")
    );
    let request = &received(&server).await[0];
    // `recipient_type` and `preview_url` have server-side defaults: a body that leaves them
    // out is sent without them (pass `request-defaults`).
    assert_eq!(
        request.body_json::<serde_json::Value>().expect("JSON body"),
        fixture("send_message_text.json")
    );
    assert_eq!(
        request.headers["user-agent"],
        concat!("whatsapp-sdk-cloud/", env!("CARGO_PKG_VERSION"))
    );
    assert!(request.headers.get("api-version").is_none());
}

#[tokio::test]
async fn api_version_and_application_user_agent_are_configurable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v23.0/106540352242922"))
        .and(header(
            "user-agent",
            concat!("shop/2.0 whatsapp-sdk-cloud/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "106540352242922",
            "display_phone_number": "+1 555-123-4567",
            "verified_name": "Shop"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = crate::support::builder(&server)
        .with_api_version("v23.0")
        .with_user_agent("shop/2.0")
        .build()
        .expect("valid");
    let phone = client
        .get_phone_number()
        .phone_number_id("106540352242922")
        .send()
        .await
        .expect("mock answers 200")
        .into_inner();
    assert_eq!(phone.verified_name.as_deref(), Some("Shop"));
}

#[tokio::test]
async fn error_responses_keep_status_and_decoded_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;

    let error = client(&server)
        .send_message()
        .phone_number_id("106540352242922")
        .body(text_message())
        .send()
        .await
        .expect_err("mock answers 400");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.operation(), Some("send_message"));
    assert!(!error.is_retryable());
    let api = error.api_error().expect("an API error");
    let typed = api
        .typed_body::<whatsapp_sdk_cloud::types::ErrorResponse>()
        .expect("the spec's error schema");
    assert_eq!(typed.error.as_ref().and_then(|e| e.code), Some(131030));
    assert_eq!(
        api.body,
        whatsapp_sdk_cloud::ErrorBody::Json(fixture("error_response.json"))
    );
    assert!(
        error
            .to_string()
            .starts_with("cloud `send_message`: HTTP 400 Bad Request: {")
    );
}

#[tokio::test]
async fn undescribed_status_is_an_error_with_its_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(418).set_body_string("short and stout"))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_phone_number()
        .phone_number_id("1")
        .send()
        .await
        .expect_err("418 is not in the spec");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
    assert_eq!(
        error.api_error().map(|api| &api.body),
        Some(&whatsapp_sdk_cloud::ErrorBody::Text(
            "short and stout".into()
        ))
    );
}
