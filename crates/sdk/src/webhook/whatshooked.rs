//! WhatsHooked's forwarded events. The spec describes no hook payload; the nearest schema is
//! `CachedEvent.event` (`specs/whatshooked/openapi.json`), `{type, timestamp, data}`, which is
//! what a hook receives. A whole `CachedEvent` (`{id, timestamp, event}`, as the cache
//! replays it) and a bare message object (`{account_id, message_id, from, …}`) are read too.
//!
//! `message.received` becomes a message; `message.sent`, `message.delivered`,
//! `message.read` and `message.failed` become status updates; every other type (connection,
//! QR code, hook events) becomes an [`UnknownEvent`](super::UnknownEvent) of that type.

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::WebhookError;
use super::event::{
    DeliveryStatus, EventError, InboundContent, InboundEvent, InboundMedia, InboundMessage, Party,
    StatusUpdate, UnknownEvent,
};
use super::{de, meta};
use crate::{MessageId, Provider, Recipient};

const PROVIDER: Provider = Provider::WhatsHooked;

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    timestamp: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(borrow, default)]
    event: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "de::text")]
    message_id: Option<String>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(default, deserialize_with = "de::text")]
    account_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    from: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    to: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    is_group: Option<bool>,
    #[serde(default, deserialize_with = "de::text")]
    sender_name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message_type: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    mime_type: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    filename: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    media_base64: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    media_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    error: Option<String>,
}

pub(super) fn parse(body: &str) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body.as_bytes())?;
    let envelope: Envelope<'_> =
        serde_json::from_str(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let whole = || {
        serde_json::from_str::<&RawValue>(body)
            .map_err(|e| WebhookError::malformed(PROVIDER, "", e))
    };
    if let Some(event) = envelope.event {
        // A CachedEvent: the event it holds is what the hook got.
        de::require_object(PROVIDER, "/event", event.get().as_bytes())?;
        let inner: Envelope<'_> = serde_json::from_str(event.get())
            .map_err(|e| WebhookError::malformed(PROVIDER, "/event", e))?;
        return Ok(vec![read(inner, event)]);
    }
    if envelope.kind.is_none() && envelope.data.is_none() && envelope.message_id.is_some() {
        // A bare message object.
        let raw = whole()?;
        return Ok(vec![message(raw, None)]);
    }
    Ok(vec![read(envelope, whole()?)])
}

fn read(envelope: Envelope<'_>, raw: &RawValue) -> InboundEvent {
    let kind = envelope.kind.unwrap_or_default();
    let stamp = envelope.timestamp.as_deref();
    match (kind.as_str(), envelope.data) {
        ("message.received", Some(data)) => message(data, stamp),
        ("message.sent", Some(data)) => status(data, DeliveryStatus::Sent, stamp),
        ("message.delivered", Some(data)) => status(data, DeliveryStatus::Delivered, stamp),
        ("message.read", Some(data)) => status(data, DeliveryStatus::Read, stamp),
        ("message.failed", Some(data)) => status(data, DeliveryStatus::Failed, stamp),
        _ => InboundEvent::Unknown(UnknownEvent {
            provider: PROVIDER,
            dedup_key: de::digest_key(PROVIDER, &kind, raw),
            kind: if kind.is_empty() {
                "unknown".into()
            } else {
                kind
            },
            reason: None,
            raw: raw.to_owned(),
        }),
    }
}

fn data(raw: &RawValue) -> Result<Data, String> {
    serde_json::from_str(raw.get()).map_err(|e| e.to_string())
}

fn message(raw: &RawValue, stamp: Option<&str>) -> InboundEvent {
    let parsed = match data(raw) {
        Ok(parsed) => parsed,
        Err(reason) => return meta::unknown(PROVIDER, "message", reason, raw),
    };
    let Some(id) = de::non_empty(parsed.message_id) else {
        return meta::unknown(
            PROVIDER,
            "message",
            "the message has no `message_id`".into(),
            raw,
        );
    };
    let Some(from) = parsed.from.as_deref().and_then(de::recipient) else {
        return meta::unknown(
            PROVIDER,
            "message",
            "the message has no valid `from`".into(),
            raw,
        );
    };
    let to = parsed.to.as_deref().and_then(de::recipient);
    let chat = match (&from, &to) {
        (Recipient::Group(_), _) => from.clone(),
        (_, Some(group @ Recipient::Group(_))) if parsed.is_group == Some(true) => group.clone(),
        _ => from.clone(),
    };
    let mut party = Party::new(from);
    if let Some(name) = de::non_empty(parsed.sender_name) {
        party = party.with_name(name);
    }
    let kind = de::non_empty(parsed.message_type).unwrap_or_else(|| "text".into());
    let caption = de::non_empty(parsed.text.clone());
    let media = || InboundMedia {
        link: de::non_empty(parsed.media_url.clone()),
        mime_type: de::non_empty(parsed.mime_type.clone()),
        file_name: de::non_empty(parsed.filename.clone()),
        caption: caption.clone(),
        data: parsed
            .media_base64
            .as_deref()
            .filter(|b| !b.is_empty())
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .map(bytes::Bytes::from),
        ..InboundMedia::default()
    };
    let content = match kind.as_str() {
        "text" | "conversation" | "extended_text" => {
            InboundContent::Text(parsed.text.clone().unwrap_or_default())
        }
        "image" => InboundContent::Image(media()),
        "video" => InboundContent::Video(media()),
        "audio" => InboundContent::Audio(media()),
        "voice" | "ptt" => InboundContent::Audio(InboundMedia {
            voice: true,
            ..media()
        }),
        "document" => InboundContent::Document(media()),
        "sticker" => InboundContent::Sticker(InboundMedia {
            caption: None,
            ..media()
        }),
        _ => InboundContent::Unknown { kind },
    };
    let timestamp = parsed
        .timestamp
        .as_deref()
        .or(stamp)
        .and_then(de::date_time);
    InboundEvent::Message(InboundMessage {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["message", &id]),
        id: MessageId::new(id),
        wamid: None,
        from: party,
        to: to
            .filter(|t| !matches!(t, Recipient::Group(_)))
            .map(Party::new),
        chat,
        account: de::non_empty(parsed.account_id),
        from_me: false,
        timestamp,
        content,
        context: None,
        errors: Vec::new(),
        raw: raw.to_owned(),
    })
}

fn status(raw: &RawValue, status: DeliveryStatus, stamp: Option<&str>) -> InboundEvent {
    let parsed = match data(raw) {
        Ok(parsed) => parsed,
        Err(reason) => return meta::unknown(PROVIDER, "status", reason, raw),
    };
    let Some(id) = de::non_empty(parsed.message_id) else {
        return meta::unknown(
            PROVIDER,
            "status",
            "the status has no `message_id`".into(),
            raw,
        );
    };
    // Receipts name the chat that sent them (`from`); a sent message names its `to`.
    let recipient = [parsed.to.as_deref(), parsed.from.as_deref()]
        .into_iter()
        .flatten()
        .find_map(de::recipient)
        .map(Party::new);
    let errors = match de::non_empty(parsed.error) {
        Some(message) => vec![EventError {
            message: Some(message),
            ..EventError::default()
        }],
        None => Vec::new(),
    };
    InboundEvent::Status(StatusUpdate {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["status", &id, status.as_str()]),
        message_id: MessageId::new(id),
        wamid: None,
        status,
        recipient,
        account: de::non_empty(parsed.account_id),
        timestamp: parsed
            .timestamp
            .as_deref()
            .or(stamp)
            .and_then(de::date_time),
        errors,
        conversation: None,
        pricing: None,
        raw: raw.to_owned(),
    })
}
