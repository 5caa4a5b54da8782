//! The axum integration, end to end over loopback: signed deliveries in, replies out through
//! an `InMemoryMessenger`, duplicates ignored, rejections with the right status.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef, State};
use axum::routing::get;
use http::StatusCode;
use whatsapp_sdk::message::Content;
use whatsapp_sdk::webhook::axum::{Events, cloud_challenge};
use whatsapp_sdk::webhook::{InboundEvent, WebhookReceiver, test_util};
use whatsapp_sdk::{InMemoryMessenger, MessengerExt, Provider, Secret};

use crate::webhook::support::sample;

#[derive(Clone)]
struct App {
    receiver: WebhookReceiver,
    messenger: InMemoryMessenger,
}

impl FromRef<App> for WebhookReceiver {
    fn from_ref(app: &App) -> Self {
        app.receiver.clone()
    }
}

/// Echoes every incoming text to its chat, the way `examples/webhook_echo` will. When a
/// reply fails, the delivery is released so the provider's retry is handed on again.
async fn echo(State(app): State<App>, Events(delivery): Events) -> StatusCode {
    for event in &delivery.events {
        if let InboundEvent::Message(message) = event
            && !message.from_me
            && let Some(text) = message.text()
            && app.messenger.send_text(&message.chat, text).await.is_err()
        {
            let _ = app.receiver.release(&delivery).await;
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    StatusCode::OK
}

async fn serve(receiver: WebhookReceiver, body_limit: usize) -> (SocketAddr, InMemoryMessenger) {
    let messenger = InMemoryMessenger::like(receiver.provider());
    let app = Router::new()
        .route("/webhook", get(cloud_challenge).post(echo))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(App {
            receiver,
            messenger: messenger.clone(),
        });
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("the bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (address, messenger)
}

fn texts(messenger: &InMemoryMessenger) -> Vec<(String, String)> {
    messenger
        .sent()
        .into_iter()
        .map(|out| match out.message.content() {
            Content::Text(text) => (out.to.to_string(), text.body().to_owned()),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn signed_deliveries_are_answered_once_and_forgeries_refused() {
    let secret = Secret::new("meta-app-secret");
    let receiver =
        WebhookReceiver::cloud(secret.clone()).with_verify_token(Secret::new("verify-token"));
    let (address, messenger) = serve(receiver, 64 * 1024).await;
    let url = format!("http://{address}/webhook");
    let client = reqwest::Client::new();
    let post = |body: Vec<u8>, headers: http::HeaderMap| {
        client.post(&url).headers(headers).body(body).send()
    };

    let body = sample(Provider::Cloud, "multi_entry.json");
    let answer = post(body.clone(), test_util::cloud_headers(&secret, &body))
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        texts(&messenger),
        [
            ("16505551234".into(), "first".into()),
            ("16315551234".into(), "second".into())
        ]
    );

    // Meta delivers the same payload again: acknowledged, not answered twice.
    let again = post(body.clone(), test_util::cloud_headers(&secret, &body))
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(messenger.sent().len(), 2);

    let mut forged = body.clone();
    forged[40] ^= 0x20;
    let refused = post(forged, test_util::cloud_headers(&secret, &body))
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let text = refused.text().await.unwrap();
    assert!(
        !text.contains("meta-app-secret") && !text.contains("sha256="),
        "{text}"
    );

    let unsigned = post(body.clone(), http::HeaderMap::new()).await.unwrap();
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);

    let garbage = b"{\"entry\":".to_vec();
    let malformed = post(garbage.clone(), test_util::cloud_headers(&secret, &garbage))
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);

    let huge = vec![b' '; 100 * 1024];
    let too_large = post(huge.clone(), test_util::cloud_headers(&secret, &huge))
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(messenger.sent().len(), 2, "no reply to anything refused");

    let handshake = client
        .get(format!(
            "{url}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-token"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(handshake.status(), StatusCode::OK);
    assert_eq!(handshake.text().await.unwrap(), "1158201444");
    let wrong = client
        .get(format!(
            "{url}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    assert!(!wrong.text().await.unwrap().contains("verify-token"));
}

#[tokio::test]
async fn the_receivers_own_cap_applies_under_a_larger_axum_limit() {
    let secret = Secret::new("whsec_0123456789abcdef");
    let receiver = WebhookReceiver::ycloud(secret.clone()).with_max_body(256);
    let (address, messenger) = serve(receiver, 1024 * 1024).await;
    let url = format!("http://{address}/webhook");
    let client = reqwest::Client::new();
    let body = sample(Provider::YCloud, "inbound_text.json");
    assert!(body.len() > 256);
    let headers = test_util::ycloud_headers(&secret, &body, std::time::SystemTime::now());
    let answer = client
        .post(&url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(messenger.sent().is_empty());
}

#[tokio::test]
async fn whapi_deliveries_skip_the_accounts_own_messages() {
    let secret = Secret::new("whapi-secret");
    let receiver = WebhookReceiver::header_secret(
        Provider::Whapi,
        http::HeaderName::from_static("x-whapi-secret"),
        secret.clone(),
    );
    let (address, messenger) = serve(receiver, 1024 * 1024).await;
    let body = sample(Provider::Whapi, "messages.json");
    let headers =
        test_util::secret_headers(http::HeaderName::from_static("x-whapi-secret"), &secret);
    let answer = reqwest::Client::new()
        .post(format!("http://{address}/webhook"))
        .headers(headers)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let replies = texts(&messenger);
    // Text messages and captions, not the account's own "Yes, until 18:00".
    assert_eq!(
        replies,
        [
            (
                "14155550123@s.whatsapp.net".into(),
                "Hi, is the shop open today?".into()
            ),
            ("14155550123@s.whatsapp.net".into(), "This one".into()),
            ("14155550123@s.whatsapp.net".into(), "My invoice".into()),
            ("120363025246125486@g.us".into(), "Group hello".into()),
        ]
    );
}
