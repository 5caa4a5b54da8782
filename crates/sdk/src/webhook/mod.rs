//! Inbound webhooks (feature `webhook`): verify that a delivery is genuine, over the exact
//! bytes received, then parse it into one typed event stream, the same for all five providers.
//!
//! - [`WebhookReceiver`] checks the provider's signature or configured credential header
//!   (fail closed: a missing, malformed, wrong or stale signature, no configured secret and
//!   an oversized body each give a distinct [`WebhookError`] and no events), then parses.
//! - [`InboundEvent`] is a message, a status update, an error report, or an unknown event that
//!   keeps its raw JSON. Parsing never fails on an unknown field, type or enum value; only a
//!   body that is not JSON, or not of the provider's overall shape, is an error.
//! - [`WebhookReceiver::receive_once`] sets redeliveries aside through a [`DedupStore`]:
//!   [`MemoryDedup`] by default, `RedisDedup` (feature `redis`) for several instances.
//! - [`axum`] (feature `axum`) has an extractor and the Cloud API's handshake handler.
//! - [`test_util`] (feature `test-util`) signs payloads the way each provider does.
//!
//! | provider | verification | payload |
//! |---|---|---|
//! | Cloud API | `X-Hub-Signature-256: sha256=<hex>` (HMAC-SHA256, app secret); `GET` handshake | `object`, `entry[].changes[].value` |
//! | on-premises | a configured header, bearer or basic credential (the API documents none) | `messages`, `statuses`, `errors` |
//! | Whapi | up to five configured headers | `messages`, `messages_updates`, `messages_removed`, `statuses`, `event` |
//! | YCloud | `YCloud-Signature: t=…,s=<hex>` (HMAC-SHA256 of `{t}.{body}`), replay window | `Event` with `type` |
//! | WhatsHooked | a configured hook header, bearer or basic credential | `{type, timestamp, data}` |

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod cloud;
mod de;
mod dedup;
mod error;
mod event;
mod meta;
mod onprem;
mod receiver;
#[cfg(feature = "redis")]
mod redis;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod test_util;
mod vcard;
mod verify;
mod whapi;
mod whatshooked;
mod ycloud;

pub use dedup::{DEFAULT_TTL, DedupError, DedupStore, MemoryDedup};
pub use error::WebhookError;
pub use event::{
    Conversation, DeliveryStatus, ErrorEvent, EventError, InboundContent, InboundEvent,
    InboundMedia, InboundMessage, Party, Pricing, ReplyContext, StatusUpdate, UnknownEvent,
};
pub use receiver::{Delivery, WebhookReceiver};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisDedup;

use crate::Provider;

/// Parses a `provider` webhook body into its events, in payload order, **without verifying
/// it**: for payloads already verified elsewhere, replays from storage, and tests. Use a
/// [`WebhookReceiver`] for deliveries from the network.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundEvent, WebhookError};
/// use whatsapp_sdk::Provider;
///
/// let events = webhook::parse(Provider::Whapi, br#"{"statuses":[{"id":"PsqXn5SAD5v7HRA-wHqB9tKI","code":3,
///     "status":"read","recipient_id":"14155550123@s.whatsapp.net","timestamp":"1712995245"}],
///     "event":{"type":"statuses","method":"post"},"channel_id":"MANTIS-M72HC"}"#)?;
/// assert!(matches!(&events[..], [InboundEvent::Status(s)] if s.status.as_str() == "read"));
///
/// assert!(matches!(webhook::parse(Provider::Cloud, b"not json"), Err(WebhookError::Malformed { .. })));
/// # Ok::<(), WebhookError>(())
/// ```
pub fn parse(provider: Provider, body: &[u8]) -> Result<Vec<InboundEvent>, WebhookError> {
    // Checked once here, the text is then read with serde_json's `from_str`, which need not
    // check UTF-8 again in every string and raw value.
    let body = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(_) => {
            let error = match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                Err(error) => error,
                Ok(_) => <serde_json::Error as serde::de::Error>::custom("the body is not UTF-8"),
            };
            return Err(WebhookError::malformed(provider, "", error));
        }
    };
    match provider {
        Provider::Cloud => cloud::parse(body),
        Provider::OnPrem => onprem::parse(body),
        Provider::Whapi => whapi::parse(body),
        Provider::YCloud => ycloud::parse(body),
        Provider::WhatsHooked => whatshooked::parse(body),
    }
}
