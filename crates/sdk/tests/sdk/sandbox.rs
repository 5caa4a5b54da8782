//! The sandbox refuses, validates, injects and stops the way its documentation says.

use std::time::{Duration, Instant};

use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::{Answer, Sandbox};
use whatsapp_sdk::{ErrorKind, Provider, RetryPolicy};

fn to() -> Recipient {
    "+14155550123".parse().expect("a valid number")
}

#[tokio::test]
async fn a_wrong_token_gets_the_providers_own_401() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox
        .cloud_client()
        .with_access_token("not-the-sandbox-token")
        .build()
        .unwrap();
    let messenger =
        whatsapp_sdk::cloud::CloudMessenger::new(client, Sandbox::CLOUD_PHONE_NUMBER_ID).unwrap();
    let error = messenger.send_text(&to(), "hi").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Auth);
    let details = error.provider_error().unwrap();
    assert_eq!(details.status.as_u16(), 401);
    assert_eq!(details.code.as_deref(), Some("190"));
    assert_eq!(details.body["error"]["type"], "OAuthException");
    assert!(
        !error.to_string().contains("not-the-sandbox-token"),
        "{error}"
    );
}

#[tokio::test]
async fn an_invalid_body_gets_the_providers_validation_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.cloud_client().build().unwrap();
    // A text message without `text`: the generated type accepts it, the sandbox (like Meta)
    // answers with its validation error.
    let body: whatsapp_sdk::cloud::api::types::SendMessageRequest = serde_json::from_value(
        serde_json::json!({"messaging_product": "whatsapp", "type": "text", "to": "1"}),
    )
    .unwrap();
    let error = client
        .send_message()
        .phone_number_id(Sandbox::CLOUD_PHONE_NUMBER_ID)
        .body(body)
        .send()
        .await
        .unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.status.as_u16(), 400);
    let graph_error = match &api.body {
        whatsapp_sdk::cloud::api::ErrorBody::Json(json) => json.clone(),
        other => panic!("not JSON: {other:?}"),
    };
    assert_eq!(graph_error["error"]["code"], 100);
    assert_eq!(
        graph_error["error"]["error_data"]["details"],
        "The parameter text is required."
    );
}

#[tokio::test]
async fn an_injected_rate_limit_is_retried_after_its_retry_after() {
    let sandbox = Sandbox::start().await.unwrap();
    let messenger = sandbox
        .messenger_with_retry(Provider::Cloud, RetryPolicy::default().with_max_attempts(2))
        .unwrap();
    sandbox.answer_next(
        Provider::Cloud,
        Answer::rate_limited(Provider::Cloud, Duration::from_secs(1)),
    );
    let started = Instant::now();
    let sent = messenger.send_text(&to(), "hi").await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert!(sent.id.is_some());
    let statuses: Vec<u16> = sandbox.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);
}

#[tokio::test]
async fn nothing_listens_after_shutdown_or_drop() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();
    tokio::net::TcpStream::connect(addr)
        .await
        .expect("listening while running");
    sandbox.shutdown().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening after shutdown"
    );

    let dropped = Sandbox::start().await.unwrap();
    let addr = dropped.addr();
    drop(dropped);
    // Cancelling the server task is asynchronous; give the runtime a moment to run it.
    let deadline = Instant::now() + Duration::from_secs(5);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still listening 5 s after drop");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn uploaded_media_is_served_back_with_its_type() {
    let sandbox = Sandbox::start().await.unwrap();
    let messenger = sandbox.messenger(Provider::Cloud).unwrap();
    let upload = whatsapp_sdk::MediaUpload::new(b"%PDF-1.4 sandbox".to_vec(), "application/pdf");
    let id = messenger.upload_media(&upload).await.unwrap();
    let media = messenger.download_media(&id).await.unwrap();
    assert_eq!(&media.bytes[..], b"%PDF-1.4 sandbox");
    assert_eq!(media.mime_type.as_deref(), Some("application/pdf"));
    let unknown = messenger.download_media(&"42".into()).await.unwrap_err();
    assert_eq!(unknown.status().map(|s| s.as_u16()), Some(400));
}
