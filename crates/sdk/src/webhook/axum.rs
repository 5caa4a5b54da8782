//! axum integration (feature `axum`): an extractor that reads the body through axum (so its
//! body limits apply), verifies, parses and de-duplicates it, and a handler for the Cloud
//! API's `GET` subscription handshake.
//!
//! ```
//! use axum::{routing::get, Router};
//! use axum::extract::FromRef;
//! use whatsapp_sdk::webhook::axum::{cloud_challenge, Events};
//! use whatsapp_sdk::webhook::{InboundEvent, WebhookReceiver};
//! use whatsapp_sdk::Secret;
//!
//! #[derive(Clone)]
//! struct App {
//!     receiver: WebhookReceiver,
//! }
//!
//! // What `#[derive(FromRef)]` writes, with axum's `macros` feature.
//! impl FromRef<App> for WebhookReceiver {
//!     fn from_ref(app: &App) -> Self {
//!         app.receiver.clone()
//!     }
//! }
//!
//! async fn webhook(Events(delivery): Events) -> &'static str {
//!     for event in delivery.events {
//!         if let InboundEvent::Message(message) = event {
//!             println!("{} says {:?}", message.from, message.text());
//!         }
//!     }
//!     "ok"
//! }
//!
//! let receiver = WebhookReceiver::cloud(Secret::new("app-secret"))
//!     .with_verify_token(Secret::new("verify-token"));
//! let app: Router = Router::new()
//!     .route("/webhook", get(cloud_challenge).post(webhook))
//!     .with_state(App { receiver });
//! ```

use std::ops::Deref;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, RawQuery, Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use super::error::WebhookError;
use super::receiver::{Delivery, WebhookReceiver};

/// The verified, parsed and de-duplicated events of a delivery
/// ([`WebhookReceiver::receive_once`]). The receiver comes from the router's state through
/// `FromRef`. It consumes the body, so it must be a handler's last argument.
///
/// axum's `DefaultBodyLimit` (2 MB unless changed) applies first, then the receiver's
/// [`max_body`](WebhookReceiver::max_body); raise the former for WhatsHooked's inline media.
///
/// ```
/// use axum::{routing::post, Router};
/// use whatsapp_sdk::webhook::axum::Events;
/// use whatsapp_sdk::webhook::WebhookReceiver;
/// use whatsapp_sdk::{Provider, Secret};
///
/// async fn hook(Events(delivery): Events) -> String {
///     format!("{} new, {} again", delivery.events.len(), delivery.duplicates.len())
/// }
///
/// let receiver = WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("hook-token"));
/// let app: Router = Router::new().route("/hook", post(hook)).with_state(receiver);
/// ```
#[derive(Debug, Clone)]
pub struct Events(pub Delivery);

impl Deref for Events {
    type Target = Delivery;

    fn deref(&self) -> &Delivery {
        &self.0
    }
}

impl<S> FromRequest<S> for Events
where
    WebhookReceiver: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let receiver = WebhookReceiver::from_ref(state);
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| WebhookRejection(Rejected::Body(rejection.status())))?;
        receiver
            .receive_once(&headers, &body)
            .await
            .map(Events)
            .map_err(WebhookRejection::from)
    }
}

/// Why [`Events`] or [`cloud_challenge`] refused a request. The response is the status of
/// [`WebhookError::status`] (401, 413, 400, 403, 503, 500) with a short fixed text: it never
/// echoes a secret, a signature or the body.
///
/// ```
/// use axum::response::IntoResponse;
/// use whatsapp_sdk::webhook::axum::WebhookRejection;
/// use whatsapp_sdk::webhook::WebhookReceiver;
/// use whatsapp_sdk::Secret;
///
/// let receiver = WebhookReceiver::cloud(Secret::new("app-secret"));
/// let error = receiver.receive(&http::HeaderMap::new(), b"{}").unwrap_err();
/// let rejection = WebhookRejection::from(error);
/// assert_eq!(rejection.status(), http::StatusCode::UNAUTHORIZED);
/// assert_eq!(rejection.into_response().status(), http::StatusCode::UNAUTHORIZED);
/// ```
#[derive(Debug)]
pub struct WebhookRejection(Rejected);

#[derive(Debug)]
enum Rejected {
    Webhook(WebhookError),
    /// axum could not read the body (its length limit, a broken connection).
    Body(StatusCode),
}

impl WebhookRejection {
    /// The webhook error, unless axum itself could not read the body.
    pub fn error(&self) -> Option<&WebhookError> {
        match &self.0 {
            Rejected::Webhook(error) => Some(error),
            Rejected::Body(_) => None,
        }
    }

    /// The status answered.
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            Rejected::Webhook(error) => error.status(),
            Rejected::Body(status) => *status,
        }
    }
}

impl From<WebhookError> for WebhookRejection {
    fn from(error: WebhookError) -> Self {
        WebhookRejection(Rejected::Webhook(error))
    }
}

impl std::fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Rejected::Webhook(error) => error.fmt(f),
            Rejected::Body(status) => write!(f, "the webhook body could not be read ({status})"),
        }
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0 {
            Rejected::Webhook(error) => Some(error),
            Rejected::Body(_) => None,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let text = match status {
            StatusCode::UNAUTHORIZED => "invalid or missing webhook signature",
            StatusCode::PAYLOAD_TOO_LARGE => "webhook body too large",
            StatusCode::BAD_REQUEST => "malformed webhook payload",
            StatusCode::FORBIDDEN => "subscription refused",
            StatusCode::SERVICE_UNAVAILABLE => "temporarily unavailable, deliver again",
            _ => "webhook receiver error",
        };
        (status, text).into_response()
    }
}

/// Answers the Cloud API's `GET` subscription handshake with `hub.challenge` when
/// `hub.verify_token` matches the receiver's ([`WebhookReceiver::verify_subscription`]);
/// 403 otherwise. Route it as `GET` next to the `POST` handler (see the module example).
///
/// ```
/// use axum::extract::{RawQuery, State};
/// use whatsapp_sdk::webhook::axum::cloud_challenge;
/// use whatsapp_sdk::webhook::WebhookReceiver;
/// use whatsapp_sdk::Secret;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let receiver = WebhookReceiver::cloud(Secret::new("app-secret"))
///     .with_verify_token(Secret::new("verify-token"));
/// let query = "hub.mode=subscribe&hub.challenge=42&hub.verify_token=verify-token";
/// let answer = cloud_challenge(State(receiver), RawQuery(Some(query.into()))).await;
/// assert_eq!(answer.unwrap(), "42");
/// # });
/// ```
pub async fn cloud_challenge(
    State(receiver): State<WebhookReceiver>,
    RawQuery(query): RawQuery,
) -> Result<String, WebhookRejection> {
    receiver
        .verify_subscription(query.as_deref().unwrap_or(""))
        .map_err(WebhookRejection::from)
}
