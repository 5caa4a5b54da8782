//! The typed events a webhook delivery holds, the same for every provider.

use std::fmt;
use std::time::SystemTime;

use serde_json::value::RawValue;

use crate::message::{Contact, Location, Reaction};
use crate::{MediaId, MessageId, Provider, Recipient};

/// One thing a provider told the webhook about: an incoming message, a status change of a
/// sent message, an error report, or something the SDK does not model.
///
/// A delivery can hold many events (several entries, changes, messages, statuses); the
/// receiver returns all of them, in the order of the payload.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundContent, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"messages":[{"from":"16315551234","id":"ABGGFlA5FpafAgo6tHcNmNjXmuSf",
///     "timestamp":"1518694235","type":"text","text":{"body":"Hello"}}]}"#;
/// let events = webhook::parse(Provider::OnPrem, body)?;
/// match &events[0] {
///     InboundEvent::Message(message) => {
///         assert_eq!(message.from.id.to_string(), "16315551234");
///         assert!(matches!(&message.content, InboundContent::Text(text) if text == "Hello"));
///     }
///     other => panic!("expected a message, got {other:?}"),
/// }
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
// Events are built once and handed on in a `Vec`; boxing the large variants would cost an
// allocation per event on the receiving path for no gain.
#[allow(clippy::large_enum_variant)]
pub enum InboundEvent {
    /// A message someone sent (or, where the provider reports them, one this account sent
    /// from another device: see [`InboundMessage::from_me`]).
    Message(InboundMessage),
    /// A sent message was accepted, delivered, read, played, failed or deleted.
    Status(StatusUpdate),
    /// The provider reports errors not tied to one message (the Cloud API's `value.errors`,
    /// the on-premises client's top-level `errors`).
    Error(ErrorEvent),
    /// Anything else: other webhook fields and event types, or an item whose shape the
    /// SDK does not know. Its raw JSON is kept.
    Unknown(UnknownEvent),
}

impl InboundEvent {
    /// The provider that sent it.
    pub fn provider(&self) -> Provider {
        match self {
            InboundEvent::Message(m) => m.provider,
            InboundEvent::Status(s) => s.provider,
            InboundEvent::Error(e) => e.provider,
            InboundEvent::Unknown(u) => u.provider,
        }
    }

    /// A key that is the same every time the provider delivers this event again, and
    /// different for every other event: what de-duplication stores remember.
    pub fn dedup_key(&self) -> &str {
        match self {
            InboundEvent::Message(m) => &m.dedup_key,
            InboundEvent::Status(s) => &s.dedup_key,
            InboundEvent::Error(e) => &e.dedup_key,
            InboundEvent::Unknown(u) => &u.dedup_key,
        }
    }

    /// The event's JSON as the provider sent it (the message, status or item object).
    pub fn raw(&self) -> &RawValue {
        match self {
            InboundEvent::Message(m) => &m.raw,
            InboundEvent::Status(s) => &s.raw,
            InboundEvent::Error(e) => &e.raw,
            InboundEvent::Unknown(u) => &u.raw,
        }
    }

    /// When it happened, where the payload says.
    pub fn timestamp(&self) -> Option<SystemTime> {
        match self {
            InboundEvent::Message(m) => m.timestamp,
            InboundEvent::Status(s) => s.timestamp,
            InboundEvent::Error(_) | InboundEvent::Unknown(_) => None,
        }
    }

    /// The message, if this is one.
    pub fn as_message(&self) -> Option<&InboundMessage> {
        match self {
            InboundEvent::Message(m) => Some(m),
            _ => None,
        }
    }

    /// The status update, if this is one.
    pub fn as_status(&self) -> Option<&StatusUpdate> {
        match self {
            InboundEvent::Status(s) => Some(s),
            _ => None,
        }
    }
}

/// A sender or recipient: the id to address them by, other ids the payload gave for the
/// same person, and their profile name.
///
/// ```
/// use whatsapp_sdk::webhook::Party;
///
/// let party = Party::new("16315551234".parse()?)
///     .with_alternate("16315551234@s.whatsapp.net".parse()?)
///     .with_name("Kerry Fisher");
/// assert_eq!(party.name.as_deref(), Some("Kerry Fisher"));
/// assert!(party.is("16315551234@s.whatsapp.net"));
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Party {
    /// The id the provider gave first: reply to this one.
    pub id: Recipient,
    /// Other ids of the same person in the payload (a Cloud API contact's `wa_id`, a Whapi
    /// or WhatsHooked chat id such as `…@s.whatsapp.net` or `…@lid`), without repeats.
    pub alternates: Vec<Recipient>,
    /// The profile name, when the payload has one.
    pub name: Option<String>,
}

impl Party {
    /// A party known by `id` only.
    pub fn new(id: Recipient) -> Self {
        Party {
            id,
            alternates: Vec::new(),
            name: None,
        }
    }

    /// Adds another id, unless it is the main id or already known.
    pub fn with_alternate(mut self, id: Recipient) -> Self {
        if id != self.id && !self.alternates.contains(&id) {
            self.alternates.push(id);
        }
        self
    }

    /// Sets the profile name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Whether `id` (as text: digits, `+` number or chat id) names this party.
    pub fn is(&self, id: &str) -> bool {
        let id = id.trim();
        std::iter::once(&self.id)
            .chain(&self.alternates)
            .any(|known| known.to_string() == id || known.chat_id() == id)
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.id.fmt(f)
    }
}

/// A message someone sent to the account.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"id":"evt_1","type":"whatsapp.inbound_message.received","apiVersion":"v2",
///   "createTime":"2026-03-02T08:15:30.120Z","whatsappInboundMessage":{"id":"65f2c3a1e4b0a7d1c9e8f012",
///   "wamid":"wamid.HBgNODYxMzgwMDAwMDAwMBUCABIYFDNBMEI3MjA2RkRGOUFCNTRFQUM0AA==","from":"+8613800000000",
///   "to":"+16315551111","type":"text","text":{"body":"Hi"}}}"#;
/// let events = webhook::parse(Provider::YCloud, body)?;
/// let InboundEvent::Message(message) = &events[0] else { unreachable!() };
/// assert_eq!(message.text(), Some("Hi"));
/// assert_eq!(message.id.as_str(), "65f2c3a1e4b0a7d1c9e8f012"); // mark it read with this
/// assert!(message.reply_id().as_str().starts_with("wamid.")); // quote or react with this
/// assert_eq!(message.chat.to_string(), "+8613800000000");
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InboundMessage {
    /// The provider that delivered it.
    pub provider: Provider,
    /// The provider's id for it: use it to mark it read.
    pub id: MessageId,
    /// WhatsApp's own `wamid.…` id where the payload carries one: the same as `id` on the
    /// Cloud API, next to YCloud's own id on YCloud. Replies and reactions need it; see
    /// [`reply_id`](Self::reply_id).
    pub wamid: Option<MessageId>,
    /// Who sent it.
    pub from: Party,
    /// The account's number it was sent to, where the payload says.
    pub to: Option<Party>,
    /// Where a reply goes: the group for a group message, else the sender.
    pub chat: Recipient,
    /// The provider's id of the receiving account: the Cloud API's `phone_number_id`,
    /// Whapi's `channel_id`, YCloud's `wabaId`, WhatsHooked's `account_id`.
    pub account: Option<String>,
    /// Whether the account itself sent it (Whapi and WhatsHooked report messages sent from
    /// the phone or through the API too). A bot must not answer these.
    pub from_me: bool,
    /// When it was sent.
    pub timestamp: Option<SystemTime>,
    /// What it carries.
    pub content: InboundContent,
    /// The message it replies to or was forwarded from.
    pub context: Option<ReplyContext>,
    /// Errors the provider attached (the Cloud API's `errors` on an `unsupported` message).
    pub errors: Vec<EventError>,
    /// See [`InboundEvent::dedup_key`].
    pub dedup_key: String,
    /// The message object as received, for fields the SDK does not model.
    pub raw: Box<RawValue>,
}

impl InboundMessage {
    /// The text of a text message, or the caption of a media message.
    pub fn text(&self) -> Option<&str> {
        match &self.content {
            InboundContent::Text(text) => Some(text),
            InboundContent::Image(media)
            | InboundContent::Video(media)
            | InboundContent::Document(media) => media.caption.as_deref(),
            _ => None,
        }
    }

    /// The id to quote in a reply or react to: the `wamid` where there is one, else `id`.
    pub fn reply_id(&self) -> &MessageId {
        self.wamid.as_ref().unwrap_or(&self.id)
    }
}

/// What an [`InboundMessage`] carries.
///
/// ```
/// use whatsapp_sdk::webhook::InboundContent;
///
/// fn describe(content: &InboundContent) -> String {
///     match content {
///         InboundContent::Text(text) => format!("text: {text}"),
///         InboundContent::ButtonReply { id, .. } => format!("tapped button {id}"),
///         InboundContent::Reaction(reaction) => match reaction.emoji() {
///             Some(emoji) => format!("reacted {emoji}"),
///             None => "took a reaction back".into(),
///         },
///         InboundContent::Unknown { kind } => format!("a `{kind}` message"),
///         _ => "something else".into(),
///     }
/// }
/// assert_eq!(describe(&InboundContent::Text("hi".into())), "text: hi");
/// assert_eq!(describe(&InboundContent::Unknown { kind: "order".into() }), "a `order` message");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InboundContent {
    /// Text.
    Text(String),
    /// An image.
    Image(InboundMedia),
    /// A video.
    Video(InboundMedia),
    /// An audio file or voice note ([`InboundMedia::voice`]).
    Audio(InboundMedia),
    /// A document.
    Document(InboundMedia),
    /// A sticker.
    Sticker(InboundMedia),
    /// A location.
    Location(Location),
    /// Contact cards.
    Contacts(Vec<Contact>),
    /// A reaction to a message, or its removal ([`Reaction::emoji`] is `None`).
    Reaction(Reaction),
    /// A tap on a reply button of an interactive message.
    ButtonReply {
        /// The button's id, as sent.
        id: String,
        /// Its title.
        title: String,
    },
    /// A choice from an interactive list.
    ListReply {
        /// The row's id, as sent.
        id: String,
        /// Its title.
        title: String,
        /// Its description.
        description: Option<String>,
    },
    /// A tap on a template's quick-reply button.
    QuickReply {
        /// The payload set for the button.
        payload: String,
        /// The button's text.
        text: String,
    },
    /// The sender edited an earlier message.
    Edit {
        /// The message edited.
        message_id: MessageId,
        /// Its new content.
        content: Box<InboundContent>,
    },
    /// The sender deleted an earlier message for everyone.
    Delete {
        /// The message deleted.
        message_id: MessageId,
    },
    /// A kind the SDK does not model (orders, polls, system notices, `unsupported`, …);
    /// the message's [`raw`](InboundMessage::raw) JSON has it.
    Unknown {
        /// The provider's name for the kind (its `type`).
        kind: String,
    },
}

/// A media file in an incoming message.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundContent, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"messages":[{"from":"16315551234","id":"ABGGFlA5FpafAgo6tHcNmNjXmuSh","type":"voice",
///   "timestamp":"1521497955","voice":{"id":"463eb7ec-ff4e-4d9b-b110-1879cbd411b2","mime_type":"audio/ogg; codecs=opus"}}]}"#;
/// let events = webhook::parse(Provider::OnPrem, body)?;
/// let InboundEvent::Message(message) = &events[0] else { unreachable!() };
/// let InboundContent::Audio(audio) = &message.content else { unreachable!() };
/// assert!(audio.voice);
/// assert_eq!(audio.id.as_ref().map(|id| id.as_str()), Some("463eb7ec-ff4e-4d9b-b110-1879cbd411b2"));
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InboundMedia {
    /// The provider's media id; download it with
    /// [`Messenger::download_media`](crate::Messenger::download_media).
    pub id: Option<MediaId>,
    /// A link to the file, where the provider gives one (YCloud, Whapi, WhatsHooked).
    pub link: Option<String>,
    /// Its MIME type.
    pub mime_type: Option<String>,
    /// Its SHA-256 checksum, as the provider wrote it.
    pub sha256: Option<String>,
    /// The caption.
    pub caption: Option<String>,
    /// The file name on the sender's device.
    pub file_name: Option<String>,
    /// An audio message recorded as a voice note.
    pub voice: bool,
    /// An animated sticker.
    pub animated: bool,
    /// The file itself, where the provider sends it inline (WhatsHooked's `media_base64`).
    pub data: Option<bytes::Bytes>,
}

/// The message an incoming message replies to, or the fact that it was forwarded.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"messages":[{"from":"16315551234","id":"ABGGFlA5FpafAgo6tHcNmNjXmuSn","type":"text",
///   "text":{"body":"Yes"},"context":{"from":"16315558011","id":"gBEGkYiEB1VXAglK1ZEqA1YKPrU"}}]}"#;
/// let events = webhook::parse(Provider::OnPrem, body)?;
/// let context = events[0].as_message().and_then(|m| m.context.as_ref()).unwrap();
/// assert_eq!(context.message_id.as_ref().unwrap().as_str(), "gBEGkYiEB1VXAglK1ZEqA1YKPrU");
/// assert!(!context.forwarded);
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyContext {
    /// The id of the quoted message.
    pub message_id: Option<MessageId>,
    /// Who sent the quoted message.
    pub from: Option<Recipient>,
    /// Whether the message was forwarded.
    pub forwarded: bool,
}

/// What happened to a sent message.
///
/// ```
/// use whatsapp_sdk::webhook::{self, DeliveryStatus};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
///   "value":{"metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
///   "statuses":[{"id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI0QUY3","status":"failed","timestamp":"1749416820",
///   "recipient_id":"16505551234","errors":[{"code":131047,"title":"Re-engagement message",
///   "error_data":{"details":"More than 24 hours have passed."}}],
///   "pricing":{"billable":false,"pricing_model":"CBP","category":"service"}}]}}]}]}"#;
/// let events = webhook::parse(Provider::Cloud, body)?;
/// let status = events[0].as_status().unwrap();
/// assert_eq!(status.status, DeliveryStatus::Failed);
/// assert_eq!(status.errors[0].code.as_deref(), Some("131047"));
/// assert_eq!(status.pricing.as_ref().and_then(|p| p.billable), Some(false));
/// assert_eq!(status.account.as_deref(), Some("106540352242922"));
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The provider that reported it.
    pub provider: Provider,
    /// The message's id, as the send answered it (see [`Sent::id`](crate::Sent::id)).
    pub message_id: MessageId,
    /// WhatsApp's `wamid.…` id, where the payload carries it next to the provider's own.
    pub wamid: Option<MessageId>,
    /// The new status.
    pub status: DeliveryStatus,
    /// Who the message was sent to, where the payload says.
    pub recipient: Option<Party>,
    /// The provider's id of the sending account (see [`InboundMessage::account`]).
    pub account: Option<String>,
    /// When the status changed.
    pub timestamp: Option<SystemTime>,
    /// Why a message failed.
    pub errors: Vec<EventError>,
    /// The Cloud API's (and YCloud's) conversation the message was billed in.
    pub conversation: Option<Conversation>,
    /// How the message is priced.
    pub pricing: Option<Pricing>,
    /// See [`InboundEvent::dedup_key`].
    pub dedup_key: String,
    /// The status object as received.
    pub raw: Box<RawValue>,
}

/// The status of a sent message.
///
/// ```
/// use whatsapp_sdk::webhook::DeliveryStatus;
///
/// assert_eq!(DeliveryStatus::parse("READ"), DeliveryStatus::Read);
/// assert_eq!(DeliveryStatus::parse("warning").as_str(), "warning");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// The provider accepted it (YCloud's `accepted`).
    Accepted,
    /// Waiting to be sent (Whapi's `pending`).
    Pending,
    /// WhatsApp's servers have it: one check mark.
    Sent,
    /// On the recipient's device: two check marks.
    Delivered,
    /// Read: two blue check marks.
    Read,
    /// A voice message was played.
    Played,
    /// It could not be sent; see [`StatusUpdate::errors`].
    Failed,
    /// The message was deleted.
    Deleted,
    /// A status the SDK does not know, as the provider wrote it.
    Other(String),
}

impl DeliveryStatus {
    /// The status for a provider's name for it, in any letter case.
    pub fn parse(status: &str) -> Self {
        match status.trim().to_ascii_lowercase().as_str() {
            "accepted" => DeliveryStatus::Accepted,
            "pending" => DeliveryStatus::Pending,
            "sent" | "server" => DeliveryStatus::Sent,
            "delivered" | "delivery" => DeliveryStatus::Delivered,
            "read" => DeliveryStatus::Read,
            "played" => DeliveryStatus::Played,
            "failed" | "error" => DeliveryStatus::Failed,
            "deleted" => DeliveryStatus::Deleted,
            _ => DeliveryStatus::Other(status.to_owned()),
        }
    }

    /// The lower-case name (`sent`, `delivered`, …), or the unknown status as given.
    pub fn as_str(&self) -> &str {
        match self {
            DeliveryStatus::Accepted => "accepted",
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Played => "played",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Deleted => "deleted",
            DeliveryStatus::Other(other) => other,
        }
    }
}

impl fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error a provider reported in a webhook: why a message failed, or an account problem.
///
/// ```
/// use whatsapp_sdk::webhook::EventError;
///
/// let mut error = EventError::default();
/// error.code = Some("131047".into());
/// error.title = Some("Re-engagement message".into());
/// assert_eq!(error.to_string(), "code 131047: Re-engagement message");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventError {
    /// The code, as text (`131047`, YCloud's `INTERNAL_SERVER_ERROR`).
    pub code: Option<String>,
    /// A short title.
    pub title: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// More detail (the Cloud API's `error_data.details`).
    pub details: Option<String>,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(code) = &self.code {
            parts.push(format!("code {code}"));
        }
        for text in [&self.title, &self.message, &self.details]
            .into_iter()
            .flatten()
        {
            if !parts.iter().any(|p| p == text) {
                parts.push(text.clone());
            }
        }
        if parts.is_empty() {
            f.write_str("unspecified error")
        } else {
            f.write_str(&parts.join(": "))
        }
    }
}

/// The conversation a message was billed in (see the example of [`StatusUpdate`]).
///
/// ```
/// use whatsapp_sdk::webhook::Conversation;
///
/// let conversation = Conversation::default();
/// assert!(conversation.id.is_none() && conversation.expires.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Conversation {
    /// Its id.
    pub id: Option<String>,
    /// Who opened it and why (`service`, `marketing`, `utility`, …).
    pub origin: Option<String>,
    /// When it expires.
    pub expires: Option<SystemTime>,
}

/// How a message is priced (see the example of [`StatusUpdate`]).
///
/// ```
/// use whatsapp_sdk::webhook::Pricing;
///
/// assert_eq!(Pricing::default().billable, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pricing {
    /// Whether it is billed.
    pub billable: Option<bool>,
    /// The pricing model (`CBP`, `PMP`).
    pub model: Option<String>,
    /// The category (`service`, `marketing`, `utility`, `authentication`).
    pub category: Option<String>,
}

/// Errors the provider reported outside any message.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"errors":[{"code":1014,"title":"Internal error","details":"Upload failed on bad image"}]}"#;
/// let events = webhook::parse(Provider::OnPrem, body)?;
/// let InboundEvent::Error(report) = &events[0] else { unreachable!() };
/// assert_eq!(report.errors[0].details.as_deref(), Some("Upload failed on bad image"));
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ErrorEvent {
    /// The provider that reported them.
    pub provider: Provider,
    /// The account concerned, where the payload says.
    pub account: Option<String>,
    /// The errors.
    pub errors: Vec<EventError>,
    /// See [`InboundEvent::dedup_key`].
    pub dedup_key: String,
    /// The errors as received.
    pub raw: Box<RawValue>,
}

/// An event the SDK does not model, kept as JSON.
///
/// ```
/// use whatsapp_sdk::webhook::{self, InboundEvent};
/// use whatsapp_sdk::Provider;
///
/// let body = br#"{"id":"evt_Rl0No3Pr6ChA8gWx","type":"whatsapp.template.reviewed","apiVersion":"v2",
///   "createTime":"2026-03-02T09:00:00.000Z","whatsappTemplate":{"name":"order_update","status":"APPROVED"}}"#;
/// let events = webhook::parse(Provider::YCloud, body)?;
/// let InboundEvent::Unknown(event) = &events[0] else { unreachable!() };
/// assert_eq!(event.kind, "whatsapp.template.reviewed");
/// let json: serde_json::Value = serde_json::from_str(event.raw.get()).unwrap();
/// assert_eq!(json["whatsappTemplate"]["status"], "APPROVED");
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The provider that sent it.
    pub provider: Provider,
    /// What the provider calls it: a Cloud API change `field` (`account_update`), a Whapi
    /// event (`chats.post`), a YCloud event `type` (`whatsapp.template.reviewed`), a
    /// WhatsHooked event `type`.
    pub kind: String,
    /// Why a known kind of item was not understood (a missing id, a field of the wrong type);
    /// `None` for kinds the SDK simply does not model.
    pub reason: Option<String>,
    /// See [`InboundEvent::dedup_key`].
    pub dedup_key: String,
    /// The item as received.
    pub raw: Box<RawValue>,
}
