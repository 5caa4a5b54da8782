//! Whapi.Cloud's webhook (`WebhookPayload` in `specs/whapi/openapi.yaml`): `messages`,
//! `messages_updates`, `messages_removed` and `statuses`, with `event{type, method}` and
//! `channel_id`. Chats, contacts, groups, presences, labels, calls and channel events become
//! one [`UnknownEvent`](super::UnknownEvent) named `<type>.<method>` (`chats.post`).

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::WebhookError;
use super::event::{
    DeliveryStatus, InboundContent, InboundEvent, InboundMedia, InboundMessage, Party,
    ReplyContext, StatusUpdate, UnknownEvent,
};
use super::meta::{Choice, MetaReaction};
use super::{de, meta, vcard};
use crate::{MediaId, MessageId, Provider, Recipient};

const PROVIDER: Provider = Provider::Whapi;

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    messages: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    messages_updates: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    messages_removed: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    statuses: Vec<&'a RawValue>,
    #[serde(default)]
    event: Option<Event>,
    #[serde(default, deserialize_with = "de::text")]
    channel_id: Option<String>,
}

#[derive(Deserialize)]
struct Event {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    method: Option<String>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    chat_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    from: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    from_me: Option<bool>,
    #[serde(default, deserialize_with = "de::text")]
    from_name: Option<String>,
    #[serde(default, deserialize_with = "de::number")]
    timestamp: Option<f64>,
    #[serde(default)]
    context: Option<Context>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    link_preview: Option<&'a RawValue>,
    #[serde(borrow, default)]
    image: Option<&'a RawValue>,
    #[serde(borrow, default)]
    video: Option<&'a RawValue>,
    #[serde(borrow, default)]
    short: Option<&'a RawValue>,
    #[serde(borrow, default)]
    gif: Option<&'a RawValue>,
    #[serde(borrow, default)]
    audio: Option<&'a RawValue>,
    #[serde(borrow, default)]
    voice: Option<&'a RawValue>,
    #[serde(borrow, default)]
    document: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sticker: Option<&'a RawValue>,
    #[serde(borrow, default)]
    location: Option<&'a RawValue>,
    #[serde(borrow, default)]
    live_location: Option<&'a RawValue>,
    #[serde(borrow, default)]
    contact: Option<&'a RawValue>,
    #[serde(borrow, default)]
    contact_list: Option<&'a RawValue>,
    #[serde(borrow, default)]
    reply: Option<&'a RawValue>,
    #[serde(borrow, default)]
    action: Option<&'a RawValue>,
}

impl<'a> Message<'a> {
    /// The content object for `kind`, where the message has one.
    fn content_object(&self, kind: &str) -> Option<&'a RawValue> {
        match kind {
            "text" => self.text,
            "link_preview" => self.link_preview.or(self.text),
            "image" => self.image,
            "video" => self.video,
            "short" => self.short.or(self.video),
            "gif" => self.gif.or(self.video),
            "audio" => self.audio,
            "voice" => self.voice.or(self.audio),
            "document" | "documentWithCaption" => self.document,
            "sticker" => self.sticker,
            "location" => self.location,
            "live_location" => self.live_location.or(self.location),
            "contact" => self.contact,
            "contact_list" => self.contact_list,
            "reply" => self.reply,
            "action" => self.action,
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct Context {
    #[serde(default, deserialize_with = "de::text")]
    quoted_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    quoted_author: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    forwarded: Option<bool>,
}

#[derive(Deserialize)]
struct Text {
    #[serde(default, deserialize_with = "de::text")]
    body: Option<String>,
}

#[derive(Deserialize)]
struct Media {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    link: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    mime_type: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    sha256: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    caption: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    file_name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    filename: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    animated: Option<bool>,
}

#[derive(Deserialize)]
struct Card {
    #[serde(default, deserialize_with = "de::text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    vcard: Option<String>,
}

#[derive(Deserialize)]
struct Cards {
    #[serde(default, deserialize_with = "de::list")]
    list: Vec<Card>,
}

#[derive(Deserialize)]
struct Reply {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default)]
    buttons_reply: Option<Choice>,
    #[serde(default)]
    list_reply: Option<Choice>,
}

#[derive(Deserialize)]
struct Action<'a> {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    target: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    emoji: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    edited_type: Option<String>,
    #[serde(borrow, default)]
    edited_content: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Update<'a> {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(borrow, default)]
    trigger: Option<&'a RawValue>,
    #[serde(borrow, default)]
    after_update: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Status {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    recipient_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    viewer_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    timestamp: Option<String>,
    #[serde(default, deserialize_with = "de::list")]
    errors: Vec<Error>,
}

#[derive(Deserialize)]
struct Error {
    #[serde(default, deserialize_with = "de::text")]
    code: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    details: Option<String>,
}

pub(super) fn parse(body: &str) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body.as_bytes())?;
    let payload: Payload<'_> =
        serde_json::from_str(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let account = de::non_empty(payload.channel_id);
    let account = account.as_deref();
    let mut events = Vec::with_capacity(
        payload.messages.len()
            + payload.messages_updates.len()
            + payload.messages_removed.len()
            + payload.statuses.len(),
    );
    events.extend(payload.messages.iter().map(|m| message(account, m)));
    events.extend(payload.messages_updates.iter().map(|u| update(account, u)));
    events.extend(payload.messages_removed.iter().map(|r| removed(account, r)));
    events.extend(payload.statuses.iter().map(|s| status(account, s)));
    if events.is_empty() {
        // Chats, contacts, groups, presences, labels, calls, channel and user events.
        let (kind, method) = match &payload.event {
            Some(event) => (event.kind.as_deref(), event.method.as_deref()),
            None => (None, None),
        };
        let kind = match (kind, method) {
            (Some(kind), Some(method)) if !kind.is_empty() => format!("{kind}.{method}"),
            (Some(kind), _) if !kind.is_empty() => kind.to_owned(),
            _ => "unknown".to_owned(),
        };
        let raw = whole(body)?;
        events.push(InboundEvent::Unknown(UnknownEvent {
            provider: PROVIDER,
            dedup_key: de::digest_key(PROVIDER, &kind, &raw),
            kind,
            reason: None,
            raw,
        }));
    }
    Ok(events)
}

/// The whole body as a raw value, for events kept as they are.
fn whole(body: &str) -> Result<Box<RawValue>, WebhookError> {
    serde_json::from_str::<&RawValue>(body)
        .map(RawValue::to_owned)
        .map_err(|e| WebhookError::malformed(PROVIDER, "", e))
}

/// A message as Whapi writes it, with the id and sender read and its content typed.
fn read_message(account: Option<&str>, raw: &RawValue) -> Result<InboundMessage, String> {
    let parsed: Message<'_> = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let id = de::non_empty(parsed.id.clone()).ok_or("the message has no `id`")?;
    let chat_id = parsed.chat_id.as_deref().and_then(de::recipient);
    let sender = parsed.from.as_deref().and_then(de::recipient);
    let group = matches!(chat_id, Some(Recipient::Group(_)));
    let (from, chat) = match (sender, chat_id) {
        (Some(from), Some(chat)) => {
            let mut party = Party::new(from);
            if !group {
                party = party.with_alternate(chat.clone());
            }
            (party, chat)
        }
        (Some(from), None) => (Party::new(from.clone()), from),
        (None, Some(chat)) if !group => (Party::new(chat.clone()), chat),
        _ => return Err("the message has no valid `from` or `chat_id`".into()),
    };
    let from = match de::non_empty(parsed.from_name.clone()) {
        Some(name) => from.with_name(name),
        None => from,
    };
    let kind = de::non_empty(parsed.kind.clone()).unwrap_or_else(|| "text".into());
    let content = match parsed.content_object(&kind) {
        Some(object) => content(&kind, object),
        None => InboundContent::Unknown { kind: kind.clone() },
    };
    let context = parsed.context.map(|c| ReplyContext {
        message_id: de::non_empty(c.quoted_id).map(MessageId::new),
        from: c.quoted_author.as_deref().and_then(de::recipient),
        forwarded: c.forwarded.unwrap_or(false),
    });
    Ok(InboundMessage {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["message", &id]),
        id: MessageId::new(id),
        wamid: None,
        from,
        to: None,
        chat,
        account: account.map(str::to_owned),
        from_me: parsed.from_me.unwrap_or(false),
        timestamp: parsed.timestamp.and_then(de::unix_seconds),
        content,
        context,
        errors: Vec::new(),
        raw: raw.to_owned(),
    })
}

fn message(account: Option<&str>, raw: &RawValue) -> InboundEvent {
    match read_message(account, raw) {
        Ok(message) => InboundEvent::Message(message),
        Err(reason) => meta::unknown(PROVIDER, "message", reason, raw),
    }
}

/// A content object typed by the message's `type`; a kind the SDK does not model, or an
/// object that does not fit its kind, is [`InboundContent::Unknown`].
fn content(kind: &str, object: &RawValue) -> InboundContent {
    typed(kind, object).unwrap_or_else(|| InboundContent::Unknown {
        kind: kind.to_owned(),
    })
}

fn typed(kind: &str, object: &RawValue) -> Option<InboundContent> {
    let json = object.get();
    let media = || serde_json::from_str::<Media>(json).ok().map(into_media);
    Some(match kind {
        "text" | "link_preview" => InboundContent::Text(
            serde_json::from_str::<Text>(json)
                .ok()?
                .body
                .unwrap_or_default(),
        ),
        "image" => InboundContent::Image(media()?),
        "video" | "short" | "gif" => InboundContent::Video(media()?),
        "audio" => InboundContent::Audio(media()?),
        "voice" => InboundContent::Audio(InboundMedia {
            voice: true,
            ..media()?
        }),
        "document" | "documentWithCaption" => InboundContent::Document(media()?),
        "sticker" => InboundContent::Sticker(media()?),
        "location" | "live_location" => {
            let place: meta::Place = serde_json::from_str(json).ok()?;
            InboundContent::Location(place.into_location()?)
        }
        "contact" => {
            let card: Card = serde_json::from_str(json).ok()?;
            InboundContent::Contacts(vec![into_contact(card)])
        }
        "contact_list" => {
            let cards: Cards = serde_json::from_str(json).ok()?;
            InboundContent::Contacts(cards.list.into_iter().map(into_contact).collect())
        }
        "reply" => {
            let reply: Reply = serde_json::from_str(json).ok()?;
            match (reply.kind.as_deref(), reply.buttons_reply, reply.list_reply) {
                (Some("buttons_reply") | None, Some(choice), _) => InboundContent::ButtonReply {
                    id: strip_button_prefix(choice.id()),
                    title: choice.title(),
                },
                (Some("list_reply") | None, _, Some(choice)) => InboundContent::ListReply {
                    id: strip_list_prefix(choice.id()),
                    description: choice.description(),
                    title: choice.title(),
                },
                (other, _, _) => InboundContent::Unknown {
                    kind: format!("reply.{}", other.unwrap_or("unknown")),
                },
            }
        }
        "action" => action(object)?,
        _ => return None,
    })
}

/// Whapi prefixes the ids of buttons it sends (`ButtonsV3:<id>`) and list rows
/// (`ListV3:<id>`); the facade's user set `<id>`.
fn strip_button_prefix(id: String) -> String {
    match id.split_once(':') {
        Some((prefix, rest)) if prefix.starts_with("ButtonsV") => rest.to_owned(),
        _ => id,
    }
}

fn strip_list_prefix(id: String) -> String {
    match id.split_once(':') {
        Some((prefix, rest)) if prefix.starts_with("ListV") => rest.to_owned(),
        _ => id,
    }
}

fn action(object: &RawValue) -> Option<InboundContent> {
    let action: Action<'_> = serde_json::from_str(object.get()).ok()?;
    let kind = action.kind.unwrap_or_default();
    Some(match kind.as_str() {
        "reaction" => MetaReaction::from_parts(action.target, action.emoji).into_content()?,
        "edit" | "edited" => {
            let edited_kind = action.edited_type.unwrap_or_else(|| "text".into());
            InboundContent::Edit {
                message_id: MessageId::new(de::non_empty(action.target)?),
                content: Box::new(match action.edited_content {
                    Some(edited) => content(&edited_kind, edited),
                    None => InboundContent::Unknown { kind: edited_kind },
                }),
            }
        }
        "delete" => InboundContent::Delete {
            message_id: MessageId::new(de::non_empty(action.target)?),
        },
        _ => InboundContent::Unknown {
            kind: format!("action.{kind}"),
        },
    })
}

fn into_media(media: Media) -> InboundMedia {
    InboundMedia {
        id: de::non_empty(media.id).map(MediaId::new),
        link: de::non_empty(media.link),
        mime_type: de::non_empty(media.mime_type),
        sha256: de::non_empty(media.sha256),
        caption: de::non_empty(media.caption),
        file_name: de::non_empty(media.file_name.or(media.filename)),
        voice: false,
        animated: media.animated.unwrap_or(false),
        data: None,
    }
}

fn into_contact(card: Card) -> crate::message::Contact {
    vcard::parse(
        card.vcard.as_deref().unwrap_or(""),
        de::non_empty(card.name),
    )
}

/// `messages_updates[]`: an edit, with the message as it is now in `after_update`.
fn update(account: Option<&str>, raw: &RawValue) -> InboundEvent {
    let read = || -> Result<InboundMessage, String> {
        let parsed: Update<'_> = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
        let after = parsed
            .after_update
            .ok_or("the update has no `after_update`")?;
        let mut message = read_message(account, after)?;
        let target = de::non_empty(parsed.id).unwrap_or_else(|| message.id.as_str().to_owned());
        let trigger = parsed
            .trigger
            .and_then(|t| serde_json::from_str::<Message<'_>>(t.get()).ok())
            .and_then(|t| de::non_empty(t.id));
        message.dedup_key = match &trigger {
            Some(trigger) => de::key(PROVIDER, &["edit", &target, trigger]),
            None => de::digest_key(PROVIDER, &format!("edit:{target}"), raw),
        };
        let content = std::mem::replace(
            &mut message.content,
            InboundContent::Unknown {
                kind: String::new(),
            },
        );
        message.content = InboundContent::Edit {
            message_id: MessageId::new(target),
            content: Box::new(content),
        };
        if let Some(trigger) = trigger {
            message.id = MessageId::new(trigger);
        }
        message.raw = raw.to_owned();
        Ok(message)
    };
    match read() {
        Ok(message) => InboundEvent::Message(message),
        Err(reason) => meta::unknown(PROVIDER, "messages_update", reason, raw),
    }
}

/// `messages_removed[]`: the ids of messages deleted, reported as [`DeliveryStatus::Deleted`].
fn removed(account: Option<&str>, raw: &RawValue) -> InboundEvent {
    let id = match serde_json::from_str::<Option<String>>(raw.get()) {
        Ok(Some(id)) if !id.trim().is_empty() => id,
        Ok(_) => return meta::unknown(PROVIDER, "messages_removed", "an empty id".into(), raw),
        Err(error) => return meta::unknown(PROVIDER, "messages_removed", error.to_string(), raw),
    };
    InboundEvent::Status(StatusUpdate {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["status", &id, "deleted"]),
        message_id: MessageId::new(id),
        wamid: None,
        status: DeliveryStatus::Deleted,
        recipient: None,
        account: account.map(str::to_owned),
        timestamp: None,
        errors: Vec::new(),
        conversation: None,
        pricing: None,
        raw: raw.to_owned(),
    })
}

fn status(account: Option<&str>, raw: &RawValue) -> InboundEvent {
    let parsed: Status = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return meta::unknown(PROVIDER, "status", error.to_string(), raw),
    };
    let (Some(id), Some(status)) = (de::non_empty(parsed.id), de::non_empty(parsed.status)) else {
        return meta::unknown(
            PROVIDER,
            "status",
            "the status has no `id` or `status`".into(),
            raw,
        );
    };
    let recipient = parsed
        .recipient_id
        .as_deref()
        .and_then(de::recipient)
        .map(
            |chat| match parsed.viewer_id.as_deref().and_then(de::recipient) {
                // A status (story) view names the viewer; a group message the group.
                Some(viewer) => Party::new(viewer).with_alternate(chat),
                None => Party::new(chat),
            },
        );
    InboundEvent::Status(StatusUpdate {
        provider: PROVIDER,
        dedup_key: de::key(PROVIDER, &["status", &id, &status]),
        message_id: MessageId::new(id),
        wamid: None,
        status: DeliveryStatus::parse(&status),
        recipient,
        account: account.map(str::to_owned),
        timestamp: parsed.timestamp.as_deref().and_then(de::unix_time),
        errors: parsed
            .errors
            .into_iter()
            .map(|e| super::event::EventError {
                code: de::non_empty(e.code),
                title: None,
                message: de::non_empty(e.message),
                details: de::non_empty(e.details),
            })
            .collect(),
        conversation: None,
        pricing: None,
        raw: raw.to_owned(),
    })
}
