use whatsapp_sdk_whapi::{ErrorBody, types};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    TOKEN, USER_AGENT, assert_bearer_and_user_agent, builder, client, fixture, query, received,
};

#[tokio::test]
async fn a_generated_operation_sends_the_token_as_a_bearer_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("health.json")))
        .expect(1)
        .mount(&server)
        .await;

    let health = client(&server)
        .check_health()
        .wakeup(false)
        .send()
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(health.channel_id.as_deref(), Some("MANTIS-M72HC"));
    assert_eq!(health.status.text, types::ChannelStatusText::Auth);
    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    assert_eq!(query(request), [("wakeup".to_owned(), "false".to_owned())]);
    assert!(request.headers.get("api-version").is_none());
}

#[tokio::test]
async fn with_token_in_query_sends_the_token_parameter_and_no_authorization_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("health.json")))
        .expect(1)
        .mount(&server)
        .await;

    let client = builder(&server)
        .with_token_in_query(true)
        .build()
        .expect("valid");
    client
        .check_health()
        .wakeup(false)
        .send()
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_eq!(
        query(request),
        [
            ("wakeup".to_owned(), "false".to_owned()),
            ("token".to_owned(), TOKEN.to_owned())
        ]
    );
    assert!(
        request.headers.get("authorization").is_none(),
        "{:?}",
        request.headers
    );
    assert_eq!(request.headers["user-agent"], USER_AGENT);
}

#[tokio::test]
async fn with_token_in_query_covers_hand_written_operations_too() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/media/jpeg-4aa1c0a5e4a8d0fb0b5f9a1b"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(&b"\xff\xd8\xff"[..], "image/jpeg"))
        .expect(1)
        .mount(&server)
        .await;

    let client = builder(&server)
        .with_token_in_query(true)
        .build()
        .expect("valid");
    client
        .get_media("jpeg-4aa1c0a5e4a8d0fb0b5f9a1b")
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_eq!(query(request), [("token".to_owned(), TOKEN.to_owned())]);
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_application_user_agent_comes_before_the_sdk_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("health.json")))
        .mount(&server)
        .await;

    let client = builder(&server)
        .with_user_agent("shop/2.0")
        .build()
        .expect("valid");
    client
        .check_health()
        .send()
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_eq!(
        request.headers["user-agent"],
        format!("shop/2.0 {USER_AGENT}").as_str()
    );
}

#[tokio::test]
async fn error_responses_keep_status_and_the_specs_error_body() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;

    let error = client(&server)
        .delete_media()
        .media_id("jpeg-4aa1c0a5e4a8d0fb0b5f9a1b")
        .send()
        .await
        .expect_err("mock answers 404");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.operation(), Some("delete_media"));
    let api = error.api_error().expect("an API error");
    let typed = api
        .typed_body::<types::ResponseError>()
        .expect("the spec's error schema");
    assert_eq!(typed.error.code, 404);
    assert_eq!(api.body, ErrorBody::Json(fixture("error_response.json")));
    assert!(
        error
            .to_string()
            .starts_with("whapi `delete_media`: HTTP 404 Not Found: {"),
        "{error}"
    );
}
