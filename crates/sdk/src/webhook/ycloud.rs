//! YCloud's webhook events (`Event` in `specs/ycloud/openapi.yaml`): one event per delivery,
//! `{id, type, apiVersion, createTime, …}`. `whatsapp.inbound_message.received` carries a
//! `whatsappInboundMessage` (Meta's message object, re-cased), `whatsapp.message.updated` a
//! `whatsappMessage` with its new `status`. Every other type (templates, phone numbers,
//! business accounts, SMS, email, voice) becomes an [`UnknownEvent`](super::UnknownEvent) of
//! that type.

use std::time::SystemTime;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::de;
use super::error::WebhookError;
use super::event::{
    Conversation, DeliveryStatus, EventError, InboundContent, InboundEvent, InboundMessage, Party,
    Pricing, ReplyContext, StatusUpdate, UnknownEvent,
};
use super::meta::{self, Button, Card, ErrorData, Interactive, Media, MetaReaction, Place};
use crate::{MessageId, Provider};

const PROVIDER: Provider = Provider::YCloud;

#[derive(Deserialize)]
struct Event<'a> {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, rename = "createTime", deserialize_with = "de::text")]
    create_time: Option<String>,
    #[serde(borrow, default, rename = "whatsappInboundMessage")]
    inbound: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "whatsappMessage")]
    outbound: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Inbound {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    wamid: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    waba_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    from: Option<String>,
    #[serde(default)]
    customer_profile: Option<Profile>,
    #[serde(default, deserialize_with = "de::text")]
    to: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    send_time: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default)]
    text: Option<Text>,
    #[serde(default)]
    image: Option<Media>,
    #[serde(default)]
    video: Option<Media>,
    #[serde(default)]
    audio: Option<Media>,
    #[serde(default)]
    document: Option<Media>,
    #[serde(default)]
    sticker: Option<Media>,
    #[serde(default)]
    location: Option<Place>,
    #[serde(default, deserialize_with = "de::list")]
    contacts: Vec<Card>,
    #[serde(default)]
    interactive: Option<Interactive>,
    #[serde(default)]
    button: Option<Button>,
    #[serde(default)]
    reaction: Option<MetaReaction>,
    #[serde(default)]
    context: Option<Context>,
    #[serde(default, deserialize_with = "de::list")]
    errors: Vec<meta::Error>,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(default, deserialize_with = "de::text")]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Text {
    #[serde(default, deserialize_with = "de::text")]
    body: Option<String>,
}

#[derive(Deserialize)]
struct Context {
    #[serde(default, deserialize_with = "de::text")]
    from: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    forwarded: Option<bool>,
    #[serde(default, deserialize_with = "de::flag")]
    frequently_forwarded: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outbound {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    wamid: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    waba_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    to: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    error_code: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    error_message: Option<String>,
    #[serde(default)]
    whatsapp_api_error: Option<ApiError>,
    #[serde(default)]
    conversation: Option<YConversation>,
    #[serde(default, deserialize_with = "de::text")]
    pricing_category: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    create_time: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    update_time: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    send_time: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    deliver_time: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    read_time: Option<String>,
}

#[derive(Deserialize)]
struct ApiError {
    #[serde(default, deserialize_with = "de::text")]
    code: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message: Option<String>,
    #[serde(default)]
    error_data: Option<ErrorData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YConversation {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    origin_type: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    expire_time: Option<String>,
}

pub(super) fn parse(body: &str) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body.as_bytes())?;
    let event: Event<'_> =
        serde_json::from_str(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let kind = de::non_empty(event.kind).unwrap_or_else(|| "unknown".into());
    let created = event.create_time.as_deref().and_then(de::date_time);
    let item = match (kind.as_str(), event.inbound, event.outbound) {
        ("whatsapp.inbound_message.received", Some(raw), _) => Some(inbound(raw, created)),
        ("whatsapp.message.updated", _, Some(raw)) => Some(outbound(raw, created)),
        _ => None,
    };
    if let Some(item) = item {
        return Ok(vec![item]);
    }
    let raw = serde_json::from_str::<&RawValue>(body)
        .map(RawValue::to_owned)
        .map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let dedup_key = match de::non_empty(event.id) {
        Some(id) => de::key(PROVIDER, &["event", &id]),
        None => de::digest_key(PROVIDER, &kind, &raw),
    };
    Ok(vec![InboundEvent::Unknown(UnknownEvent {
        provider: PROVIDER,
        kind,
        reason: None,
        dedup_key,
        raw,
    })])
}

fn inbound(raw: &RawValue, created: Option<SystemTime>) -> InboundEvent {
    let parsed: Inbound = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return meta::unknown(PROVIDER, "message", error.to_string(), raw),
    };
    let wamid = de::non_empty(parsed.wamid);
    let Some(id) = de::non_empty(parsed.id).or_else(|| wamid.clone()) else {
        return meta::unknown(PROVIDER, "message", "the message has no `id`".into(), raw);
    };
    let Some(from) = parsed.from.as_deref().and_then(de::phone) else {
        return meta::unknown(
            PROVIDER,
            "message",
            "the message has no valid `from`".into(),
            raw,
        );
    };
    let mut party = Party::new(from.clone());
    if let Some(name) = parsed.customer_profile.and_then(|p| de::non_empty(p.name)) {
        party = party.with_name(name);
    }
    let kind = parsed.kind.unwrap_or_default();
    let content = match kind.as_str() {
        "text" => parsed
            .text
            .map(|t| InboundContent::Text(t.body.unwrap_or_default())),
        "image" => parsed.image.map(|m| InboundContent::Image(m.into_media())),
        "video" => parsed.video.map(|m| InboundContent::Video(m.into_media())),
        "audio" => parsed.audio.map(|m| InboundContent::Audio(m.into_media())),
        "document" => parsed
            .document
            .map(|m| InboundContent::Document(m.into_media())),
        "sticker" => parsed
            .sticker
            .map(|m| InboundContent::Sticker(m.into_media())),
        "location" => parsed
            .location
            .and_then(Place::into_location)
            .map(InboundContent::Location),
        "contacts" => Some(InboundContent::Contacts(
            parsed
                .contacts
                .into_iter()
                .map(Card::into_contact)
                .collect(),
        )),
        "interactive" => parsed.interactive.map(Interactive::into_content),
        "button" => parsed.button.map(Button::into_content),
        "reaction" => parsed.reaction.and_then(MetaReaction::into_content),
        _ => None,
    }
    .unwrap_or_else(|| InboundContent::Unknown {
        kind: if kind.is_empty() {
            "unknown".into()
        } else {
            kind
        },
    });
    InboundEvent::Message(InboundMessage {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["message", &id]),
        id: MessageId::new(id),
        wamid: wamid.map(MessageId::new),
        from: party,
        to: parsed.to.as_deref().and_then(de::phone).map(Party::new),
        chat: from,
        account: de::non_empty(parsed.waba_id),
        from_me: false,
        timestamp: parsed
            .send_time
            .as_deref()
            .and_then(de::date_time)
            .or(created),
        content,
        context: parsed.context.map(|c| ReplyContext {
            message_id: de::non_empty(c.id).map(MessageId::new),
            from: c.from.as_deref().and_then(de::recipient),
            forwarded: c.forwarded.unwrap_or(false) || c.frequently_forwarded.unwrap_or(false),
        }),
        errors: parsed
            .errors
            .into_iter()
            .map(meta::Error::into_error)
            .collect(),
        raw: raw.to_owned(),
    })
}

fn outbound(raw: &RawValue, created: Option<SystemTime>) -> InboundEvent {
    let parsed: Outbound = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return meta::unknown(PROVIDER, "status", error.to_string(), raw),
    };
    let wamid = de::non_empty(parsed.wamid);
    let Some(id) = de::non_empty(parsed.id).or_else(|| wamid.clone()) else {
        return meta::unknown(PROVIDER, "status", "the message has no `id`".into(), raw);
    };
    let Some(status) = de::non_empty(parsed.status) else {
        return meta::unknown(
            PROVIDER,
            "status",
            "the message has no `status`".into(),
            raw,
        );
    };
    let status = DeliveryStatus::parse(&status);
    let stamp = match status {
        DeliveryStatus::Read => parsed.read_time.as_deref(),
        DeliveryStatus::Delivered => parsed.deliver_time.as_deref(),
        DeliveryStatus::Sent => parsed.send_time.as_deref(),
        _ => None,
    };
    let timestamp = [
        stamp,
        parsed.update_time.as_deref(),
        parsed.create_time.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(de::date_time)
    .or(created);
    let mut errors = Vec::new();
    if parsed.error_code.is_some() || parsed.error_message.is_some() {
        errors.push(EventError {
            code: de::non_empty(parsed.error_code),
            title: None,
            message: de::non_empty(parsed.error_message),
            details: None,
        });
    }
    if let Some(api) = parsed.whatsapp_api_error {
        errors.push(EventError {
            code: de::non_empty(api.code),
            title: de::non_empty(api.kind),
            message: de::non_empty(api.message),
            details: de::non_empty(api.error_data.and_then(ErrorData::details)),
        });
    }
    InboundEvent::Status(StatusUpdate {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["status", &id, status.as_str()]),
        message_id: MessageId::new(id),
        wamid: wamid.map(MessageId::new),
        status,
        recipient: parsed.to.as_deref().and_then(de::phone).map(Party::new),
        account: de::non_empty(parsed.waba_id),
        timestamp,
        errors,
        conversation: parsed.conversation.map(|c| Conversation {
            id: de::non_empty(c.id),
            origin: de::non_empty(c.origin_type),
            expires: c.expire_time.as_deref().and_then(de::date_time),
        }),
        pricing: parsed.pricing_category.map(|category| Pricing {
            billable: None,
            model: None,
            category: Some(category),
        }),
        raw: raw.to_owned(),
    })
}
