//! The message and status objects Meta's APIs share: the on-premises client's webhook
//! introduced them and the Cloud API's `value.messages[]` / `value.statuses[]` kept them.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::de;
use super::event::{
    Conversation, ErrorEvent, EventError, InboundContent, InboundEvent, InboundMedia,
    InboundMessage, Party, Pricing, ReplyContext, StatusUpdate, UnknownEvent,
};
use crate::message::{Contact, ContactAddress, Location, PhoneKind, PlaceKind, Reaction};
use crate::{MediaId, MessageId, Provider, Recipient};

/// What a message or status is read against: who delivered it, and what the enclosing
/// object says about the account and the senders.
pub(super) struct Scope<'s> {
    pub(super) provider: Provider,
    pub(super) account: Option<&'s str>,
    pub(super) to: Option<&'s Party>,
    pub(super) contacts: &'s [Profile],
    /// The Cloud API's ids are WhatsApp's `wamid`s.
    pub(super) ids_are_wamids: bool,
}

/// `contacts[]`: a sender's profile.
#[derive(Debug, Deserialize)]
pub(super) struct Profile {
    #[serde(default, deserialize_with = "de::any_text")]
    wa_id: Option<String>,
    #[serde(default)]
    profile: de::Lenient<ProfileName>,
}

#[derive(Debug, Deserialize)]
struct ProfileName {
    #[serde(default, deserialize_with = "de::any_text")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Message<'a> {
    #[serde(borrow, default, deserialize_with = "de::cow")]
    from: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(borrow, default, deserialize_with = "de::cow")]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "type", deserialize_with = "de::cow")]
    kind: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "de::text")]
    group_id: Option<String>,
    #[serde(default)]
    text: Option<Text>,
    #[serde(default)]
    image: Option<Media>,
    #[serde(default)]
    video: Option<Media>,
    #[serde(default)]
    audio: Option<Media>,
    #[serde(default)]
    voice: Option<Media>,
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
    errors: Vec<Error>,
}

#[derive(Debug, Deserialize)]
struct Text {
    #[serde(default, deserialize_with = "de::text")]
    body: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Media {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    link: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    mime_type: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    sha256: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    caption: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    filename: Option<String>,
    #[serde(default, deserialize_with = "de::flag")]
    voice: Option<bool>,
    #[serde(default, deserialize_with = "de::flag")]
    animated: Option<bool>,
}

impl Media {
    pub(super) fn into_media(self) -> InboundMedia {
        InboundMedia {
            id: de::non_empty(self.id).map(MediaId::new),
            link: de::non_empty(self.link.or(self.url)),
            mime_type: de::non_empty(self.mime_type),
            sha256: de::non_empty(self.sha256),
            caption: de::non_empty(self.caption),
            file_name: de::non_empty(self.filename),
            voice: self.voice.unwrap_or(false),
            animated: self.animated.unwrap_or(false),
            data: None,
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Place {
    #[serde(default, deserialize_with = "de::number")]
    latitude: Option<f64>,
    #[serde(default, deserialize_with = "de::number")]
    longitude: Option<f64>,
    #[serde(default, deserialize_with = "de::text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    address: Option<String>,
}

impl Place {
    pub(super) fn into_location(self) -> Option<Location> {
        let mut location = Location::new(self.latitude?, self.longitude?);
        if let Some(name) = de::non_empty(self.name) {
            location = location.with_name(name);
        }
        if let Some(address) = de::non_empty(self.address) {
            location = location.with_address(address);
        }
        Some(location)
    }
}

/// A contact card in Meta's structured form (also YCloud's).
#[derive(Debug, Deserialize)]
pub(super) struct Card {
    #[serde(default)]
    name: Option<CardName>,
    #[serde(default, deserialize_with = "de::list")]
    phones: Vec<CardPhone>,
    #[serde(default, deserialize_with = "de::list")]
    emails: Vec<CardEmail>,
    #[serde(default, deserialize_with = "de::list")]
    urls: Vec<CardUrl>,
    #[serde(default, deserialize_with = "de::list")]
    addresses: Vec<CardAddress>,
    #[serde(default)]
    org: Option<CardOrg>,
    #[serde(default, deserialize_with = "de::text")]
    birthday: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardName {
    #[serde(default, deserialize_with = "de::text")]
    formatted_name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    last_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardPhone {
    #[serde(default, deserialize_with = "de::text")]
    phone: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    wa_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardEmail {
    #[serde(default, deserialize_with = "de::text")]
    email: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardUrl {
    #[serde(default, deserialize_with = "de::text")]
    url: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardAddress {
    #[serde(default, deserialize_with = "de::text")]
    street: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    city: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    state: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    zip: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    country: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    country_code: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CardOrg {
    #[serde(default, deserialize_with = "de::text")]
    company: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    title: Option<String>,
}

fn phone_kind(kind: Option<&str>) -> Option<PhoneKind> {
    match kind?.trim().to_ascii_uppercase().as_str() {
        "CELL" | "MOBILE" => Some(PhoneKind::Cell),
        "MAIN" => Some(PhoneKind::Main),
        "IPHONE" => Some(PhoneKind::IPhone),
        "HOME" => Some(PhoneKind::Home),
        "WORK" => Some(PhoneKind::Work),
        _ => None,
    }
}

fn place_kind(kind: Option<&str>) -> Option<PlaceKind> {
    match kind?.trim().to_ascii_uppercase().as_str() {
        "HOME" => Some(PlaceKind::Home),
        "WORK" => Some(PlaceKind::Work),
        _ => None,
    }
}

impl Card {
    pub(super) fn into_contact(self) -> Contact {
        let (formatted, first, last) = match self.name {
            Some(name) => (name.formatted_name, name.first_name, name.last_name),
            None => (None, None, None),
        };
        let formatted = de::non_empty(formatted).unwrap_or_else(|| {
            [first.as_deref(), last.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut contact = Contact::new(formatted);
        if let Some(first) = de::non_empty(first) {
            contact = contact.with_first_name(first);
        }
        if let Some(last) = de::non_empty(last) {
            contact = contact.with_last_name(last);
        }
        for phone in self.phones {
            let Some(number) = de::non_empty(phone.phone.or_else(|| phone.wa_id.clone())) else {
                continue;
            };
            let kind = phone_kind(phone.kind.as_deref());
            contact = match de::non_empty(phone.wa_id) {
                Some(wa_id) => contact.with_whatsapp_phone(number, wa_id, kind),
                None => contact.with_phone(number, kind),
            };
        }
        for email in self.emails {
            if let Some(address) = de::non_empty(email.email) {
                contact = contact.with_email(address, place_kind(email.kind.as_deref()));
            }
        }
        for url in self.urls {
            if let Some(link) = de::non_empty(url.url) {
                contact = contact.with_url(link, place_kind(url.kind.as_deref()));
            }
        }
        for address in self.addresses {
            let mut card = ContactAddress::new();
            card.street = de::non_empty(address.street);
            card.city = de::non_empty(address.city);
            card.state = de::non_empty(address.state);
            card.zip = de::non_empty(address.zip);
            card.country = de::non_empty(address.country);
            card.country_code = de::non_empty(address.country_code);
            card.kind = place_kind(address.kind.as_deref());
            contact = contact.with_address(card);
        }
        if let Some(org) = self.org
            && let Some(company) = de::non_empty(org.company)
        {
            contact = contact.with_organization(company, de::non_empty(org.title));
        }
        if let Some(birthday) = de::non_empty(self.birthday) {
            contact = contact.with_birthday(birthday);
        }
        contact
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Interactive {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
    #[serde(default)]
    button_reply: Option<Choice>,
    #[serde(default)]
    list_reply: Option<Choice>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Choice {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    description: Option<String>,
}

impl Choice {
    pub(super) fn id(&self) -> String {
        self.id.clone().unwrap_or_default()
    }

    pub(super) fn title(&self) -> String {
        self.title.clone().unwrap_or_default()
    }

    pub(super) fn description(&self) -> Option<String> {
        de::non_empty(self.description.clone())
    }
}

impl Interactive {
    /// A button or list reply; other interactive replies (flows' `nfm_reply`, …) are
    /// unknown kinds named `interactive.<type>`.
    pub(super) fn into_content(self) -> InboundContent {
        let kind = self.kind.unwrap_or_default();
        match (kind.as_str(), self.button_reply, self.list_reply) {
            ("button_reply" | "", Some(choice), _) => InboundContent::ButtonReply {
                id: choice.id.unwrap_or_default(),
                title: choice.title.unwrap_or_default(),
            },
            ("list_reply" | "", _, Some(choice)) => InboundContent::ListReply {
                id: choice.id.unwrap_or_default(),
                title: choice.title.unwrap_or_default(),
                description: de::non_empty(choice.description),
            },
            _ => InboundContent::Unknown {
                kind: format!("interactive.{kind}"),
            },
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Button {
    #[serde(default, deserialize_with = "de::text")]
    payload: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    text: Option<String>,
}

impl Button {
    pub(super) fn into_content(self) -> InboundContent {
        InboundContent::QuickReply {
            payload: self.payload.unwrap_or_default(),
            text: self.text.unwrap_or_default(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct MetaReaction {
    #[serde(default, deserialize_with = "de::text")]
    message_id: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    emoji: Option<String>,
}

impl MetaReaction {
    pub(super) fn from_parts(message_id: Option<String>, emoji: Option<String>) -> Self {
        MetaReaction { message_id, emoji }
    }

    /// A reaction; an absent or empty emoji is a removal.
    pub(super) fn into_content(self) -> Option<InboundContent> {
        let target = de::non_empty(self.message_id)?;
        Some(InboundContent::Reaction(match de::non_empty(self.emoji) {
            Some(emoji) => Reaction::new(target, emoji),
            None => Reaction::remove(target),
        }))
    }
}

#[derive(Debug, Deserialize)]
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

/// An error object: `code`, `title`, `message`, `error_data.details` (Cloud API), `details`
/// (on-premises).
#[derive(Debug, Deserialize)]
pub(super) struct Error {
    #[serde(default, deserialize_with = "de::text")]
    code: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    message: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    details: Option<String>,
    #[serde(default)]
    error_data: Option<ErrorData>,
}

/// `error_data`: `{details}` for message errors, a plain string for some others (YCloud's
/// `whatsappApiError` says either may come).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum ErrorData {
    Text(String),
    Object {
        #[serde(default, deserialize_with = "de::text")]
        details: Option<String>,
    },
    Other(serde::de::IgnoredAny),
}

impl ErrorData {
    pub(super) fn details(self) -> Option<String> {
        match self {
            ErrorData::Text(text) => Some(text),
            ErrorData::Object { details } => details,
            ErrorData::Other(_) => None,
        }
    }
}

impl Error {
    pub(super) fn into_error(self) -> EventError {
        EventError {
            code: de::non_empty(self.code),
            title: de::non_empty(self.title),
            message: de::non_empty(self.message),
            details: de::non_empty(
                self.details
                    .or(self.error_data.and_then(ErrorData::details)),
            ),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Status<'a> {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(borrow, default, deserialize_with = "de::cow")]
    status: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "de::cow")]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "de::cow")]
    recipient_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "de::cow")]
    recipient_type: Option<Cow<'a, str>>,
    #[serde(default)]
    conversation: Option<MetaConversation>,
    #[serde(default)]
    pricing: Option<MetaPricing>,
    #[serde(default, deserialize_with = "de::list")]
    errors: Vec<Error>,
}

#[derive(Debug, Deserialize)]
struct MetaConversation {
    #[serde(default, deserialize_with = "de::text")]
    id: Option<String>,
    #[serde(default)]
    origin: Option<Origin>,
    #[serde(default, deserialize_with = "de::text")]
    expiration_timestamp: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Origin {
    #[serde(default, rename = "type", deserialize_with = "de::text")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MetaPricing {
    #[serde(default, deserialize_with = "de::flag")]
    billable: Option<bool>,
    #[serde(default, deserialize_with = "de::text")]
    pricing_model: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    category: Option<String>,
}

/// An item the SDK could not read as what its place in the payload says it is.
pub(super) fn unknown(
    provider: Provider,
    kind: &str,
    reason: String,
    raw: &RawValue,
) -> InboundEvent {
    InboundEvent::Unknown(UnknownEvent {
        provider,
        kind: kind.to_owned(),
        reason: Some(reason),
        dedup_key: de::digest_key(provider, kind, raw),
        raw: raw.to_owned(),
    })
}

/// One `messages[]` item.
pub(super) fn message(scope: &Scope<'_>, raw: &RawValue) -> InboundEvent {
    let provider = scope.provider;
    let parsed: Message<'_> = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return unknown(provider, "message", error.to_string(), raw),
    };
    let Some(id) = de::non_empty(parsed.id) else {
        return unknown(provider, "message", "the message has no `id`".into(), raw);
    };
    let Some(from) = parsed.from.as_deref().and_then(de::recipient) else {
        return unknown(
            provider,
            "message",
            "the message has no valid `from`".into(),
            raw,
        );
    };
    let mut party = Party::new(from.clone());
    let profile = scope
        .contacts
        .iter()
        .find(|c| c.wa_id.as_deref() == parsed.from.as_deref())
        .or(match scope.contacts {
            [only] => Some(only),
            _ => None,
        });
    if let Some(profile) = profile {
        if profile.wa_id.as_deref() != parsed.from.as_deref()
            && let Some(alternate) = profile.wa_id.as_deref().and_then(de::recipient)
        {
            party = party.with_alternate(alternate);
        }
        if let Some(name) = profile.profile.0.as_ref().and_then(|p| p.name.clone()) {
            party = party.with_name(name);
        }
    }
    let chat = parsed
        .group_id
        .as_deref()
        .and_then(|g| Recipient::group(g).ok())
        .unwrap_or(from);
    let context = parsed.context.map(|c| ReplyContext {
        message_id: de::non_empty(c.id).map(MessageId::new),
        from: c.from.as_deref().and_then(de::recipient),
        forwarded: c.forwarded.unwrap_or(false) || c.frequently_forwarded.unwrap_or(false),
    });
    let timestamp = parsed.timestamp.as_deref().and_then(de::unix_time);
    let errors = parsed.errors.into_iter().map(Error::into_error).collect();
    let kind = parsed.kind.unwrap_or_default();
    let content = match kind.as_ref() {
        "text" => parsed
            .text
            .map(|t| InboundContent::Text(t.body.unwrap_or_default())),
        "image" => parsed.image.map(|m| InboundContent::Image(m.into_media())),
        "video" => parsed.video.map(|m| InboundContent::Video(m.into_media())),
        "audio" => parsed.audio.map(|m| InboundContent::Audio(m.into_media())),
        "voice" => parsed.voice.or(parsed.audio).map(|m| {
            let mut media = m.into_media();
            media.voice = true;
            InboundContent::Audio(media)
        }),
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
        "" if parsed.text.is_some() => parsed
            .text
            .map(|t| InboundContent::Text(t.body.unwrap_or_default())),
        _ => None,
    }
    .unwrap_or_else(|| InboundContent::Unknown {
        kind: if kind.is_empty() {
            "unknown".into()
        } else {
            kind.into_owned()
        },
    });
    InboundEvent::Message(InboundMessage {
        provider,
        wamid: scope.ids_are_wamids.then(|| MessageId::new(id.clone())),
        dedup_key: de::key(provider, &["message", &id]),
        id: MessageId::new(id),
        from: party,
        to: scope.to.cloned(),
        chat,
        account: scope.account.map(str::to_owned),
        from_me: false,
        timestamp,
        content,
        context,
        errors,
        raw: raw.to_owned(),
    })
}

/// One `statuses[]` item.
pub(super) fn status(scope: &Scope<'_>, raw: &RawValue) -> InboundEvent {
    let provider = scope.provider;
    let parsed: Status<'_> = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return unknown(provider, "status", error.to_string(), raw),
    };
    let Some(id) = de::non_empty(parsed.id) else {
        return unknown(provider, "status", "the status has no `id`".into(), raw);
    };
    let Some(status) = parsed.status.filter(|s| !s.trim().is_empty()) else {
        return unknown(provider, "status", "the status has no `status`".into(), raw);
    };
    let recipient = parsed.recipient_id.as_deref().and_then(|r| {
        if parsed.recipient_type.as_deref() == Some("group") {
            Recipient::group(r).ok()
        } else {
            de::recipient(r)
        }
    });
    InboundEvent::Status(StatusUpdate {
        provider,
        dedup_key: de::key(provider, &["status", &id, &status]),
        wamid: scope.ids_are_wamids.then(|| MessageId::new(id.clone())),
        message_id: MessageId::new(id),
        status: super::event::DeliveryStatus::parse(&status),
        recipient: recipient.map(Party::new),
        account: scope.account.map(str::to_owned),
        timestamp: parsed.timestamp.as_deref().and_then(de::unix_time),
        errors: parsed.errors.into_iter().map(Error::into_error).collect(),
        conversation: parsed.conversation.map(|c| Conversation {
            id: de::non_empty(c.id),
            origin: c.origin.and_then(|o| de::non_empty(o.kind)),
            expires: c.expiration_timestamp.as_deref().and_then(de::unix_time),
        }),
        pricing: parsed.pricing.map(|p| Pricing {
            billable: p.billable,
            model: de::non_empty(p.pricing_model),
            category: de::non_empty(p.category),
        }),
        raw: raw.to_owned(),
    })
}

/// An `errors[]` list outside any message.
pub(super) fn errors(scope: &Scope<'_>, raw: &RawValue) -> Option<InboundEvent> {
    let provider = scope.provider;
    let parsed: Vec<Error> = match serde_json::from_str::<Option<Vec<Error>>>(raw.get()) {
        Ok(parsed) => parsed.unwrap_or_default(),
        Err(error) => return Some(unknown(provider, "errors", error.to_string(), raw)),
    };
    if parsed.is_empty() {
        return None;
    }
    Some(InboundEvent::Error(ErrorEvent {
        provider,
        account: scope.account.map(str::to_owned),
        errors: parsed.into_iter().map(Error::into_error).collect(),
        dedup_key: de::digest_key(provider, "errors", raw),
        raw: raw.to_owned(),
    }))
}
