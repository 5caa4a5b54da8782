//! A bot that answers every incoming text with the same text, through the provider it came
//! from: a verified webhook in, a reply out, each delivery handled once.
//!
//! ```sh
//! cargo run --example webhook_echo
//! ```
//!
//! With no credentials it runs against the embedded sandbox: it serves its webhook on
//! loopback, delivers itself a message signed the way Meta signs them (twice, as Meta does when
//! an acknowledgement is lost), and prints the one reply the sandbox received.
//!
//! To run it as the webhook of a real WhatsApp Business number, set
//! `WHATSAPP_CLOUD_ACCESS_TOKEN`, `WHATSAPP_CLOUD_PHONE_NUMBER_ID`, the app secret in
//! `WHATSAPP_CLOUD_APP_SECRET` and a verify token of your choice in
//! `WHATSAPP_WEBHOOK_VERIFY_TOKEN`; it then listens on `0.0.0.0:$PORT` (default 8080) at
//! `/webhook`, the callback URL to give Meta (behind your HTTPS proxy).

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::get;
use whatsapp_sdk::cloud::CloudMessenger;
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::webhook::axum::{Events, cloud_challenge};
use whatsapp_sdk::webhook::{InboundEvent, WebhookReceiver, test_util};
use whatsapp_sdk::{Provider, Secret};
use whatsapp_sdk_examples::print_requests;

/// The app secret and verify token the sandbox run signs and checks with.
const SANDBOX_APP_SECRET: &str = "sandbox-app-secret";
const SANDBOX_VERIFY_TOKEN: &str = "sandbox-verify-token";

#[derive(Clone)]
struct App {
    receiver: WebhookReceiver,
    messenger: Arc<DynMessenger>,
}

impl FromRef<App> for WebhookReceiver {
    fn from_ref(app: &App) -> Self {
        app.receiver.clone()
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let real = [
        "WHATSAPP_CLOUD_ACCESS_TOKEN",
        "WHATSAPP_CLOUD_PHONE_NUMBER_ID",
        "WHATSAPP_CLOUD_APP_SECRET",
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN",
    ]
    .iter()
    .all(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if real {
        let receiver =
            WebhookReceiver::cloud(Secret::new(std::env::var("WHATSAPP_CLOUD_APP_SECRET")?))
                .with_verify_token(Secret::new(std::env::var("WHATSAPP_WEBHOOK_VERIFY_TOKEN")?));
        let messenger: Arc<DynMessenger> = Arc::new(CloudMessenger::from_env()?);
        let port: u16 = std::env::var("PORT")
            .ok()
            .map(|p| p.parse())
            .transpose()?
            .unwrap_or(8080);
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::UNSPECIFIED, port)).await?;
        println!(
            "Answering WhatsApp webhooks at http://{}/webhook",
            listener.local_addr()?
        );
        axum::serve(listener, app(receiver, messenger)).await?;
        return Ok(());
    }

    let sandbox = Sandbox::start().await?;
    let secret = Secret::new(SANDBOX_APP_SECRET);
    let receiver =
        WebhookReceiver::cloud(secret.clone()).with_verify_token(Secret::new(SANDBOX_VERIFY_TOKEN));
    let messenger: Arc<DynMessenger> = Arc::new(sandbox.cloud_messenger()?);
    let address = serve(app(receiver, messenger)).await?;
    let url = format!("http://{address}/webhook");
    println!("No credentials: the sandbox plays the Cloud API; this bot's webhook is {url}");

    let http = reqwest::Client::new();
    let handshake = http
        .get(format!("{url}?hub.mode=subscribe&hub.verify_token={SANDBOX_VERIFY_TOKEN}&hub.challenge=1158201444"))
        .send()
        .await?;
    println!(
        "subscription handshake: HTTP {}, challenge echoed: {}",
        handshake.status().as_u16(),
        handshake.text().await? == "1158201444"
    );

    let delivery = incoming(
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFGRDkzRTA2",
        "Hello, bot!",
    );
    for attempt in ["delivery", "the same delivery again"] {
        let answer = http
            .post(&url)
            .headers(test_util::cloud_headers(&secret, &delivery))
            .body(delivery.clone())
            .send()
            .await?;
        println!("{attempt}: HTTP {}", answer.status().as_u16());
    }
    let mut forged = delivery.clone();
    if let Some(byte) = forged.iter_mut().find(|b| **b == b'!') {
        *byte = b'?';
    }
    let answer = http
        .post(&url)
        .headers(test_util::cloud_headers(&secret, &delivery))
        .body(forged)
        .send()
        .await?;
    println!("a forged delivery: HTTP {}", answer.status().as_u16());

    let replies = sandbox.requests_for(Provider::Cloud);
    println!(
        "The sandbox received {} request(s), the bot's replies:",
        replies.len()
    );
    print_requests(&mut std::io::stdout().lock(), &replies)?;
    Ok(())
}

fn app(receiver: WebhookReceiver, messenger: Arc<DynMessenger>) -> Router {
    Router::new()
        .route("/webhook", get(cloud_challenge).post(echo))
        .with_state(App {
            receiver,
            messenger,
        })
}

/// Answers each new incoming text in its chat. A delivery whose reply fails is released, so
/// the provider's retry is handled again instead of being dropped as a duplicate.
async fn echo(State(app): State<App>, Events(delivery): Events) -> StatusCode {
    for event in &delivery.events {
        if let InboundEvent::Message(message) = event
            && !message.from_me
            && let Some(text) = message.text()
            && let Err(error) = app.messenger.send_text(&message.chat, text).await
        {
            eprintln!("reply to {} failed: {error}", message.chat);
            let _ = app.receiver.release(&delivery).await;
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    StatusCode::OK
}

async fn serve(app: Router) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(address)
}

/// A Cloud API webhook delivery of one text from +1 650 555 1234, as Meta sends it.
fn incoming(id: &str, text: &str) -> Vec<u8> {
    let payload = serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881", "phone_number_id": Sandbox::CLOUD_PHONE_NUMBER_ID},
                    "contacts": [{"profile": {"name": "Ada"}, "wa_id": "16505551234"}],
                    "messages": [{
                        "from": "16505551234",
                        "id": id,
                        "timestamp": "1749416383",
                        "type": "text",
                        "text": {"body": text}
                    }]
                }
            }]
        }]
    });
    payload.to_string().into_bytes()
}
