//! The five ways to send one Cloud API text message, each configured alike: the same server,
//! a 30 s per-request timeout, a 10 s connect timeout where the crate lets one be set,
//! reqwest's default connection pool, HTTP/1.1 over plain-http loopback. None retries: the
//! SDK's clients are built with `RetryPolicy::never()`, as the hand-written POST and the peers
//! have no retries (with its default policy the runtime clones each request before sending it,
//! for a replay after a 429 or a refused connection; see BENCHMARKS.md for that cost).

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderValue, USER_AGENT};
use serde::{Deserialize, Serialize};
use whatsapp_sdk::cloud::{CloudMessenger, api};
use whatsapp_sdk::prelude::*;

pub(crate) const TOKEN: &str = "EAAG-bench-token";
pub(crate) const PHONE_NUMBER_ID: &str = "106540352242922";
pub(crate) const TO: &str = "+14155550123";
/// The API version in every contender's URL path.
pub(crate) const VERSION: &str = "v23.0";
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Where whatsapp-business-rs (feature `test-mode`) sends instead of graph.facebook.com.
pub(crate) const BUSINESS_RS_BASE: &str = "API_BASE_URL_FOR_TESTING";

/// A contender, by the name the tables use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `whatsapp_sdk::cloud::CloudMessenger::send_text`.
    Facade,
    /// `whatsapp_sdk_cloud::Client::send_message()`: the generated client with its runtime.
    Cloud,
    /// A hand-written `reqwest` POST of the same JSON.
    Reqwest,
    /// `whatsapp-business-rs` 0.5: `client.message(from).send(to, text)`.
    BusinessRs,
    /// `wacloudapi` 0.1: `client.messages().send_text(to, text)`.
    WaCloudApi,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [
        Kind::Facade,
        Kind::Cloud,
        Kind::Reqwest,
        Kind::BusinessRs,
        Kind::WaCloudApi,
    ];

    /// The criterion id and the name in the tables.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Kind::Facade => "facade",
            Kind::Cloud => "raw-cloud",
            Kind::Reqwest => "reqwest",
            Kind::BusinessRs => "whatsapp-business-rs",
            Kind::WaCloudApi => "wacloudapi",
        }
    }

    pub(crate) fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == name)
    }
}

/// A built client of one kind, cheap to clone (every variant shares its connection pool).
#[derive(Clone)]
pub(crate) enum Contender {
    Facade(Arc<CloudMessenger>, Recipient),
    Cloud(Arc<api::Client>),
    Reqwest(Arc<Handwritten>),
    BusinessRs(whatsapp_business_rs::Client),
    WaCloudApi(wacloudapi::Client),
}

/// What the hand-written contender keeps: its client, the URL, and headers built once.
pub(crate) struct Handwritten {
    http: reqwest::Client,
    url: String,
    user_agent: HeaderValue,
}

/// The JSON body, field for field what the generated `SendMessageRequest` serializes for a
/// text (its fields in alphabetical order, absent options left out).
#[derive(Serialize)]
struct TextBody<'a> {
    messaging_product: &'static str,
    text: TextPart<'a>,
    to: &'a str,
    #[serde(rename = "type")]
    type_: &'static str,
}

#[derive(Serialize)]
struct TextPart<'a> {
    body: &'a str,
}

/// The part of the answer every contender reads: the message id.
#[derive(Deserialize)]
struct Answer {
    messages: Vec<AnswerMessage>,
}

#[derive(Deserialize)]
struct AnswerMessage {
    id: String,
}

/// The HTTP client the facade, the raw client and the hand-written POST each get one of.
fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .build()
        .map_err(|e| e.to_string())
}

/// `default` here keeps the SDK's default retry policy, for the profile role to measure what
/// it costs (callgrind.sh's last row); every timed run leaves it unset.
pub(crate) const RETRIES: &str = "WHATSAPP_SDK_BENCH_RETRIES";

fn retry_policy() -> api::RetryPolicy {
    match std::env::var(RETRIES).as_deref() {
        Ok("default") => api::RetryPolicy::default(),
        _ => api::RetryPolicy::never(),
    }
}

fn cloud_client(base: &str) -> Result<api::Client, String> {
    api::Client::builder()
        .with_base_url(base)
        .with_api_version(VERSION)
        .with_access_token(TOKEN)
        .with_timeout(TIMEOUT)
        .with_retry_policy(retry_policy())
        .with_http_client(http_client()?)
        .build()
        .map_err(|e| e.to_string())
}

impl Contender {
    /// A fresh client of `kind` (its own pool) sending to the server at `base`.
    pub(crate) fn new(kind: Kind, base: &str) -> Result<Contender, String> {
        Ok(match kind {
            Kind::Facade => {
                let messenger = CloudMessenger::new(cloud_client(base)?, PHONE_NUMBER_ID)
                    .map_err(|e| e.to_string())?;
                Contender::Facade(Arc::new(messenger), TO.parse().map_err(|e| format!("{e}"))?)
            }
            Kind::Cloud => Contender::Cloud(Arc::new(cloud_client(base)?)),
            Kind::Reqwest => Contender::Reqwest(Arc::new(Handwritten {
                http: http_client()?,
                url: format!("{base}/{VERSION}/{PHONE_NUMBER_ID}/messages"),
                // The same product token the SDK sends, so the heads are the same size.
                user_agent: HeaderValue::from_static(concat!("whatsapp-sdk-cloud/", "0.1.0")),
            })),
            Kind::BusinessRs => {
                // Its `test-mode` feature reads the host from this variable each time it builds
                // a URL; `main` starts the process with it set, as `set_var` would need unsafe.
                if std::env::var(BUSINESS_RS_BASE).ok().as_deref() != Some(base) {
                    return Err(format!("{BUSINESS_RS_BASE} is not {base}"));
                }
                let client = whatsapp_business_rs::client::ClientBuilder::new()
                    .timeout(TIMEOUT)
                    .api_version(VERSION)
                    .auth(TOKEN)
                    .build()
                    .map_err(|e| e.to_string())?;
                Contender::BusinessRs(client)
            }
            Kind::WaCloudApi => Contender::WaCloudApi(wacloudapi::Client::with_config(
                TOKEN,
                PHONE_NUMBER_ID,
                VERSION,
                base,
            )),
        })
    }

    /// Sends `text` to [`TO`] and returns the message id the server answered with.
    pub(crate) async fn send(&self, text: &str) -> Result<String, String> {
        match self {
            Contender::Facade(messenger, to) => {
                let sent = messenger
                    .send_text(to, text)
                    .await
                    .map_err(|e| e.to_string())?;
                sent.id
                    .map(|id| id.as_str().to_owned())
                    .ok_or_else(|| "no id".into())
            }
            Contender::Cloud(client) => {
                let body = api::types::SendMessageRequest::builder()
                    .messaging_product(api::types::SendMessageRequestMessagingProduct::Whatsapp)
                    .to(TO.trim_start_matches('+').to_owned())
                    .type_(api::types::SendMessageRequestType::Text)
                    .text(Some(api::types::TextMessage {
                        body: text.to_owned().try_into().map_err(|e| format!("{e}"))?,
                        preview_url: None,
                    }));
                let answer = client
                    .send_message()
                    .phone_number_id(PHONE_NUMBER_ID)
                    .body(body)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                answer
                    .into_inner()
                    .messages
                    .into_iter()
                    .find_map(|m| m.id)
                    .ok_or_else(|| "no id".into())
            }
            Contender::Reqwest(hand) => {
                let body = TextBody {
                    messaging_product: "whatsapp",
                    text: TextPart { body: text },
                    to: TO.trim_start_matches('+'),
                    type_: "text",
                };
                let response = hand
                    .http
                    .post(&hand.url)
                    .timeout(TIMEOUT)
                    .bearer_auth(TOKEN)
                    // The SDK's Accept (JSON first, plain-text errors too), so heads match.
                    .header(
                        ACCEPT,
                        HeaderValue::from_static("application/json, text/plain;q=0.5"),
                    )
                    .header(USER_AGENT, hand.user_agent.clone())
                    .json(&body)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !response.status().is_success() {
                    return Err(format!("status {}", response.status()));
                }
                let bytes = response.bytes().await.map_err(|e| e.to_string())?;
                let answer: Answer = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
                answer
                    .messages
                    .into_iter()
                    .next()
                    .map(|m| m.id)
                    .ok_or_else(|| "no id".into())
            }
            Contender::BusinessRs(client) => {
                let from = whatsapp_business_rs::IdentityRef::business(PHONE_NUMBER_ID);
                let to = whatsapp_business_rs::IdentityRef::user(TO.trim_start_matches('+'));
                let created = client
                    .message(from)
                    .send(to, text)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(created.message_id().to_owned())
            }
            Contender::WaCloudApi(client) => {
                let answer = client
                    .messages()
                    .send_text(TO.trim_start_matches('+'), text)
                    .await
                    .map_err(|e| e.to_string())?;
                answer
                    .messages
                    .into_iter()
                    .next()
                    .map(|m| m.id)
                    .ok_or_else(|| "no id".into())
            }
        }
    }
}
