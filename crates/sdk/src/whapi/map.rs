//! The common types as Whapi.Cloud's generated request types, one per message kind, and its
//! answers as `Sent`.
//!
//! Pure functions: no I/O, so each mapping is tested against golden JSON without a server.

use whatsapp_sdk_whapi::types::{self, builder};

use super::vcard;
use crate::adapter::build;
use crate::error::{Error, ErrorKind, ProviderError, Result, ValidationError, Violation};
use crate::message::{Buttons, Contact, Content, List};
use crate::{MediaSource, Message, MessageId, Provider, Recipient, Sent};

const PROVIDER: Provider = Provider::Whapi;

/// A message as the Whapi operation that sends it, with that operation's typed request.
#[derive(Debug, Clone)]
pub(crate) enum Request {
    /// `sendMessageText`.
    Text(types::SenderText),
    /// `sendMessageImage`.
    Image(types::SenderImage),
    /// `sendMessageVideo`.
    Video(types::SenderVideo),
    /// `sendMessageAudio`.
    Audio(types::SenderAudio),
    /// `sendMessageDocument`.
    Document(types::SenderDocument),
    /// `sendMessageSticker`.
    Sticker(types::SenderSticker),
    /// `sendMessageLocation`.
    Location(types::SenderLocation),
    /// `sendMessageContact`: one card.
    Contact(types::SenderContact),
    /// `sendMessageContactList`: several cards.
    ContactList(types::SenderContactList),
    /// `sendMessageInteractive`: reply buttons or a list.
    Interactive(types::SenderInteractive),
    /// `reactToMessage`: `PUT /messages/{MessageID}/reaction`.
    React {
        message_id: types::MessageId,
        body: types::ReactToMessage,
    },
    /// `removeReactFromMessage`: `DELETE /messages/{MessageID}/reaction`, no body.
    RemoveReaction { message_id: types::MessageId },
}

/// Sets `to` (and `quoted` for a reply) on a `Sender*` builder; each body type has its own
/// newtypes for them, so this cannot be a function.
macro_rules! addressed {
    ($builder:ident, $quoted:ident, $operation:expr, $address:expr) => {{
        let address: &Address = $address;
        let body = builder::$builder::default().to(address.chat_id.as_str());
        match &address.quoted {
            Some(id) => body.quoted(build::<types::$quoted, _>(
                PROVIDER,
                $operation,
                id.as_str(),
            )?),
            None => body,
        }
    }};
}

/// Where a message goes, checked against the spec's patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Address {
    chat_id: String,
    quoted: Option<String>,
}

/// Checks that `to` and the message `message` replies to can be written as Whapi wants them,
/// before anything is uploaded or sent.
pub(crate) fn address(to: &Recipient, message: &Message) -> Result<Address> {
    // `Sender.to` is `^[\d-]{9,31}(@[\w\.]{1,})?$`: the chat id form takes a person, a group
    // and a `@lid` user alike, where bare digits would lose the group's server.
    let chat_id = to.chat_id();
    chat_id
        .parse::<types::SenderTextTo>()
        .map_err(|_| ValidationError::new("recipient", Violation::Format {
            expected: "a Whapi chat id: 9 to 31 digits or dashes, then `@s.whatsapp.net`, `@g.us` or another server",
        }))?;
    let quoted = message
        .reply_to()
        .map(|id| message_id("reply_to", id).map(String::from))
        .transpose()?;
    Ok(Address { chat_id, quoted })
}

/// `message` with a document's shown name made explicit: once its bytes are uploaded and
/// replaced by an id, the upload's own file name is gone (the raw upload sends none), and
/// `sendMessageDocument` has only its `filename` to show.
pub(crate) fn with_document_name(message: &Message) -> Message {
    let mut message = message.clone();
    if let Content::Document(document) = message.content_mut()
        && document.file_name.is_none()
    {
        document.file_name = document
            .file_name()
            .filter(|name| !name.trim().is_empty())
            .map(str::to_owned);
    }
    message
}

/// The request that sends `message` to `to`. Media given as bytes must have been uploaded
/// already (see `adapter::with_uploaded_media`).
pub(crate) fn request(to: &Recipient, message: &Message) -> Result<Request> {
    let address = address(to, message)?;
    let address = &address;
    Ok(match message.content() {
        Content::Text(text) => {
            let mut body = addressed!(SenderText, SenderTextQuoted, "send_message_text", address)
                .body(text.body());
            // Whapi shows a link preview unless told not to; the facade's (and the Cloud API's)
            // default is none, so only an asked-for preview leaves Whapi's flag unset.
            if !text.preview_url() {
                body = body.no_link_preview(true);
            }
            Request::Text(build(PROVIDER, "send_message_text", body)?)
        }
        Content::Image(image) => {
            const OPERATION: &str = "send_message_image";
            let mut body = addressed!(SenderImage, SenderImageQuoted, OPERATION, address)
                .media(media(OPERATION, "image", image.source())?);
            if let Some(caption) = image.caption() {
                body = body.caption(caption.to_owned());
            }
            Request::Image(build(PROVIDER, OPERATION, body)?)
        }
        Content::Video(video) => {
            const OPERATION: &str = "send_message_video";
            let mut body = addressed!(SenderVideo, SenderVideoQuoted, OPERATION, address)
                .media(media(OPERATION, "video", video.source())?);
            if let Some(caption) = video.caption() {
                body = body.caption(caption.to_owned());
            }
            Request::Video(build(PROVIDER, OPERATION, body)?)
        }
        Content::Audio(audio) => {
            const OPERATION: &str = "send_message_audio";
            let body = addressed!(SenderAudio, SenderAudioQuoted, OPERATION, address).media(media(
                OPERATION,
                "audio",
                audio.source(),
            )?);
            Request::Audio(build(PROVIDER, OPERATION, body)?)
        }
        Content::Document(document) => {
            const OPERATION: &str = "send_message_document";
            let mut body = addressed!(SenderDocument, SenderDocumentQuoted, OPERATION, address)
                .media(media(OPERATION, "document", document.source())?);
            if let Some(caption) = document.caption() {
                body = body.caption(caption.to_owned());
            }
            if let Some(file_name) = document.file_name() {
                body = body.filename(file_name.to_owned());
            }
            Request::Document(build(PROVIDER, OPERATION, body)?)
        }
        Content::Sticker(sticker) => {
            const OPERATION: &str = "send_message_sticker";
            let body = addressed!(SenderSticker, SenderStickerQuoted, OPERATION, address)
                .media(media(OPERATION, "sticker", sticker.source())?);
            Request::Sticker(build(PROVIDER, OPERATION, body)?)
        }
        Content::Location(location) => {
            const OPERATION: &str = "send_message_location";
            let mut body = addressed!(SenderLocation, SenderLocationQuoted, OPERATION, address)
                .latitude(location.latitude())
                .longitude(location.longitude());
            if let Some(name) = location.name() {
                body = body.name(name.to_owned());
            }
            if let Some(address) = location.address() {
                body = body.address(address.to_owned());
            }
            Request::Location(build(PROVIDER, OPERATION, body)?)
        }
        Content::Contacts(contacts) => contacts_request(address, contacts)?,
        Content::Buttons(buttons) => Request::Interactive(buttons_request(address, buttons)?),
        Content::List(list) => Request::Interactive(list_request(address, list)?),
        Content::Reaction(reaction) => {
            let message_id = message_id("reaction.message_id", reaction.message_id())?;
            match reaction.emoji() {
                Some(emoji) => Request::React {
                    message_id,
                    body: build(
                        PROVIDER,
                        "react_to_message",
                        builder::ReactToMessage::default().emoji(types::Emoji(emoji.to_owned())),
                    )?,
                },
                None => Request::RemoveReaction { message_id },
            }
        }
        Content::Template(_) => {
            // The capability check refuses templates before mapping; Whapi has none.
            return Err(Error::Unsupported {
                provider: PROVIDER,
                feature: crate::Feature::Template,
            });
        }
    })
}

/// `id` as the spec's `MessageID`, or a validation error on `field`.
pub(crate) fn message_id(field: &str, id: &MessageId) -> Result<types::MessageId> {
    id.as_str().parse::<types::MessageId>().map_err(|_| {
        ValidationError::new(
            field,
            Violation::Format {
                expected: "a Whapi message id such as `PsqXn5SAD5v7HRA-wHqGuKMTbCs`",
            },
        )
        .into()
    })
}

/// `id` as the spec's `MediaID`, or a validation error on `field`.
pub(crate) fn media_id(field: &str, id: &crate::MediaId) -> Result<types::MediaId> {
    id.as_str().parse::<types::MediaId>().map_err(|_| {
        ValidationError::new(
            field,
            Violation::Format {
                expected: "a Whapi media id such as `jpeg-8e3b5e1c2d4a0f6e`",
            },
        )
        .into()
    })
}

/// The `media` field: a Whapi media id or a link. The gateway tells them apart by form (the
/// field also takes base64), so an id is checked against the spec's `MediaID` pattern.
fn media(operation: &'static str, kind: &str, source: &MediaSource) -> Result<String> {
    match source {
        MediaSource::Id(id) => Ok(media_id(&format!("{kind}.id"), id)?.to_string()),
        MediaSource::Link(url) => Ok(url.as_str().to_owned()),
        MediaSource::Bytes(_) => Err(Error::Request {
            provider: PROVIDER,
            operation,
            source: "media bytes reached the request mapping without being uploaded".into(),
        }),
    }
}

/// One card as `sendMessageContact`, several as `sendMessageContactList`.
fn contacts_request(address: &Address, contacts: &[Contact]) -> Result<Request> {
    if let [contact] = contacts {
        const OPERATION: &str = "send_message_contact";
        let body = addressed!(SenderContact, SenderContactQuoted, OPERATION, address)
            .name(contact.formatted_name())
            .vcard(vcard::render(contact, "contacts[0]")?);
        return Ok(Request::Contact(build(PROVIDER, OPERATION, body)?));
    }
    const OPERATION: &str = "send_message_contact_list";
    let list = contacts
        .iter()
        .enumerate()
        .map(|(i, contact)| {
            let card = builder::VCard::default()
                .name(contact.formatted_name().to_owned())
                .vcard(vcard::render(contact, &format!("contacts[{i}]"))?);
            build(PROVIDER, OPERATION, card)
        })
        .collect::<Result<Vec<types::VCard>>>()?;
    let body = addressed!(
        SenderContactList,
        SenderContactListQuoted,
        OPERATION,
        address
    )
    .list(list);
    Ok(Request::ContactList(build(PROVIDER, OPERATION, body)?))
}

const INTERACTIVE: &str = "send_message_interactive";

/// An interactive body with the text parts every interactive message shares.
fn interactive(
    address: &Address,
    type_: types::InteractiveType,
    action: types::InteractiveAction,
    body: &str,
    header: Option<&str>,
    footer: Option<&str>,
) -> Result<types::SenderInteractive> {
    let mut request = addressed!(
        SenderInteractive,
        SenderInteractiveQuoted,
        INTERACTIVE,
        address
    )
    .type_(type_)
    .action(action)
    .body(build::<types::SenderInteractiveBody, _>(
        PROVIDER,
        INTERACTIVE,
        builder::SenderInteractiveBody::default().text(body.to_owned()),
    )?);
    if let Some(header) = header {
        request = request.header(build::<types::SenderInteractiveHeader, _>(
            PROVIDER,
            INTERACTIVE,
            builder::SenderInteractiveHeader::default().text(header.to_owned()),
        )?);
    }
    if let Some(footer) = footer {
        request = request.footer(build::<types::SenderInteractiveFooter, _>(
            PROVIDER,
            INTERACTIVE,
            builder::SenderInteractiveFooter::default().text(footer.to_owned()),
        )?);
    }
    build(PROVIDER, INTERACTIVE, request)
}

/// Reply buttons are `type: button` with `quick_reply` buttons (the spec warns that buttons
/// are "not stable" on WhatsApp Web).
fn buttons_request(address: &Address, buttons: &Buttons) -> Result<types::SenderInteractive> {
    let items = buttons
        .buttons()
        .iter()
        .map(|b| {
            build(
                PROVIDER,
                INTERACTIVE,
                builder::Button::default()
                    .type_(types::ButtonType::QuickReply)
                    .id(b.id.clone())
                    .title(b.title.clone()),
            )
        })
        .collect::<Result<Vec<types::Button>>>()?;
    let action = build(
        PROVIDER,
        INTERACTIVE,
        builder::InteractiveAction::default().buttons(items),
    )?;
    interactive(
        address,
        types::InteractiveType::Button,
        action,
        buttons.body(),
        buttons.header(),
        buttons.footer(),
    )
}

/// A list is `type: list` with `action.list`, whose `label` is the button that opens it.
fn list_request(address: &Address, list: &List) -> Result<types::SenderInteractive> {
    let sections = list
        .sections()
        .iter()
        .map(|section| {
            let rows = section
                .rows()
                .iter()
                .map(|row| {
                    let mut item = builder::InteractiveActionListSectionsItemRowsItem::default()
                        .id(row.id.clone())
                        .title(row.title.clone());
                    if let Some(description) = &row.description {
                        item = item.description(description.clone());
                    }
                    build(PROVIDER, INTERACTIVE, item)
                })
                .collect::<Result<Vec<types::InteractiveActionListSectionsItemRowsItem>>>()?;
            let mut item = builder::InteractiveActionListSectionsItem::default().rows(rows);
            if let Some(title) = section.title() {
                item = item.title(title.to_owned());
            }
            build(PROVIDER, INTERACTIVE, item)
        })
        .collect::<Result<Vec<types::InteractiveActionListSectionsItem>>>()?;
    let options = build::<types::InteractiveActionList, _>(
        PROVIDER,
        INTERACTIVE,
        builder::InteractiveActionList::default()
            .label(list.button())
            .sections(sections),
    )?;
    let action = build(
        PROVIDER,
        INTERACTIVE,
        builder::InteractiveAction::default().list(options),
    )?;
    interactive(
        address,
        types::InteractiveType::List,
        action,
        list.body(),
        list.header(),
        list.footer(),
    )
}

/// A send's answer as `Sent`: the new message's id from `message.id`. `sent: false` means the
/// gateway did not send it.
pub(crate) fn sent(operation: &'static str, answer: types::SentMessage) -> Result<Sent> {
    let raw =
        |answer: &types::SentMessage| as_received(serde_json::to_value(answer).unwrap_or_default());
    if !answer.sent {
        return Err(refused(operation, "answered `sent: false`", raw(&answer)));
    }
    let id = answer
        .message
        .as_ref()
        .map(|m| MessageId::new(m.id.clone()));
    Ok(Sent::deferred(id, PROVIDER, move || raw(&answer)))
}

/// A decoded answer written back as the gateway wrote it. The spec types its timestamps and
/// counts as `number`, which the generated types hold as `f64`; written back, the UNIX seconds
/// `1700000000` the gateway sends (the spec's examples are whole numbers) would come out as
/// `1700000000.0`, another JSON value. Whole numbers are written as integers again.
fn as_received(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            // Beyond 2^53 an `f64` no longer holds every integer; leave such numbers alone.
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                // Exact: a whole number below 2^53 fits an `i64` without loss.
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(as_received).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| (key, as_received(value)))
                .collect(),
        ),
        other => other,
    }
}

/// A send's answer read as plain JSON, for a success body the generated `SentMessage` cannot
/// decode: an echoed media message without `MediaFile.time` (the spec requires it, yet names
/// the field `timestamp`), or an enum value the spec does not list. The message went out all
/// the same, so only `sent` and `message.id` are read. `None` when the body is not a send's
/// answer at all.
pub(crate) fn sent_from_body(operation: &'static str, body: &[u8]) -> Option<Result<Sent>> {
    let raw: serde_json::Value = serde_json::from_slice(body).ok()?;
    match raw.get("sent")? {
        serde_json::Value::Bool(true) => {
            let id = raw
                .pointer("/message/id")
                .and_then(serde_json::Value::as_str)
                .map(MessageId::from);
            Some(Ok(Sent::new(id, PROVIDER, raw)))
        }
        serde_json::Value::Bool(false) => {
            Some(Err(refused(operation, "answered `sent: false`", raw)))
        }
        _ => None,
    }
}

/// A reaction's answer (`ResponseSuccess`) as `Sent`. Whapi returns no id for a reaction.
pub(crate) fn reacted(operation: &'static str, answer: &types::ResponseSuccess) -> Result<Sent> {
    let raw = succeeded(operation, answer)?;
    Ok(Sent::new(None, PROVIDER, raw))
}

/// `ResponseSuccess` as JSON, or the refusal that `success: false` is.
pub(crate) fn succeeded(
    operation: &'static str,
    answer: &types::ResponseSuccess,
) -> Result<serde_json::Value> {
    let raw = serde_json::to_value(answer).unwrap_or_default();
    if answer.success == Some(false) {
        return Err(refused(operation, "answered `success: false`", raw));
    }
    Ok(raw)
}

/// A 200 answer that says the operation did not happen.
fn refused(operation: &'static str, what: &str, body: serde_json::Value) -> Error {
    Error::Provider(Box::new(ProviderError {
        provider: PROVIDER,
        operation,
        status: http::StatusCode::OK,
        code: None,
        subcode: None,
        message: Some(format!("the gateway {what}")),
        kind: ErrorKind::Rejected,
        retry_after: None,
        body,
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::message::{
        Audio, ContactAddress, Document, Image, ListSection, Location, PhoneKind, PlaceKind,
        Reaction, Sticker, Template, Text, Video,
    };
    use crate::{GroupId, MediaId};

    const QUOTED: &str = "PsqXn5SAD5v7HRA-wHqGuKMTbCs";
    const MEDIA: &str = "jpeg-8e3b5e1c2d4a0f6e";

    fn to() -> Recipient {
        "+14155550123".parse().unwrap()
    }

    fn json_of(message: Message) -> serde_json::Value {
        json_to(&to(), message)
    }

    fn json_to(to: &Recipient, message: Message) -> serde_json::Value {
        match request(to, &message).unwrap() {
            Request::Text(b) => json!({"sendMessageText": b}),
            Request::Image(b) => json!({"sendMessageImage": b}),
            Request::Video(b) => json!({"sendMessageVideo": b}),
            Request::Audio(b) => json!({"sendMessageAudio": b}),
            Request::Document(b) => json!({"sendMessageDocument": b}),
            Request::Sticker(b) => json!({"sendMessageSticker": b}),
            Request::Location(b) => json!({"sendMessageLocation": b}),
            Request::Contact(b) => json!({"sendMessageContact": b}),
            Request::ContactList(b) => json!({"sendMessageContactList": b}),
            Request::Interactive(b) => json!({"sendMessageInteractive": b}),
            Request::React { message_id, body } => {
                json!({"reactToMessage": {"MessageID": message_id, "body": body}})
            }
            Request::RemoveReaction { message_id } => {
                json!({"removeReactFromMessage": {"MessageID": message_id}})
            }
        }
    }

    fn link(url: &str) -> MediaSource {
        MediaSource::link(url).unwrap()
    }

    #[test]
    fn a_text_has_no_preview_unless_asked_and_quotes_what_it_replies_to() {
        assert_eq!(
            json_of(Message::text("see https://example.com").unwrap()),
            json!({"sendMessageText": {
                "to": "14155550123@s.whatsapp.net",
                "body": "see https://example.com",
                "no_link_preview": true
            }})
        );
        let reply = Message::new(Text::new("see https://example.com").with_preview_url(true))
            .unwrap()
            .in_reply_to(QUOTED)
            .unwrap();
        assert_eq!(
            json_of(reply),
            json!({"sendMessageText": {
                "to": "14155550123@s.whatsapp.net",
                "body": "see https://example.com",
                "quoted": QUOTED
            }})
        );
    }

    #[test]
    fn groups_and_user_ids_are_addressed_by_chat_id() {
        let group: Recipient = "120363025246125486".parse::<GroupId>().unwrap().into();
        assert_eq!(
            json_to(&group, Message::text("hi").unwrap())["sendMessageText"]["to"],
            "120363025246125486@g.us"
        );
        let lid: Recipient = "84123456789@lid".parse().unwrap();
        assert_eq!(
            json_to(&lid, Message::text("hi").unwrap())["sendMessageText"]["to"],
            "84123456789@lid"
        );
        let legacy_group: Recipient = "14155550123-1444555666@g.us".parse().unwrap();
        assert_eq!(
            json_to(&legacy_group, Message::text("hi").unwrap())["sendMessageText"]["to"],
            "14155550123-1444555666@g.us"
        );
    }

    #[test]
    fn recipients_and_ids_outside_the_specs_patterns_are_invalid() {
        let message = Message::text("hi").unwrap();
        // 7 digits are E.164, but `Sender.to` wants at least 9.
        let short: Recipient = "+6834002".parse().unwrap();
        let error = request(&short, &message).unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "recipient");
        let named: Recipient = "alice@s.whatsapp.net".parse().unwrap();
        assert_eq!(
            request(&named, &message)
                .unwrap_err()
                .validation()
                .unwrap()
                .field(),
            "recipient"
        );
        let reply = message
            .clone()
            .in_reply_to("wamid.HBgLMTQxNTU1NTAxMjM")
            .unwrap();
        assert_eq!(
            request(&to(), &reply)
                .unwrap_err()
                .validation()
                .unwrap()
                .field(),
            "reply_to"
        );
        let cloud_media_id = Message::new(Image::new(MediaSource::id("1037543291543636"))).unwrap();
        assert_eq!(
            request(&to(), &cloud_media_id)
                .unwrap_err()
                .validation()
                .unwrap()
                .field(),
            "image.id"
        );
        let reaction = Message::new(Reaction::new("wamid.X", "👍")).unwrap();
        assert_eq!(
            request(&to(), &reaction)
                .unwrap_err()
                .validation()
                .unwrap()
                .field(),
            "reaction.message_id"
        );
    }

    #[test]
    fn media_go_by_id_or_link_with_their_caption_and_file_name() {
        let image = Image::new(MediaSource::id(MEDIA)).with_caption("Menu");
        assert_eq!(
            json_of(Message::new(image).unwrap().in_reply_to(QUOTED).unwrap()),
            json!({"sendMessageImage": {
                "to": "14155550123@s.whatsapp.net",
                "media": MEDIA,
                "caption": "Menu",
                "quoted": QUOTED
            }})
        );
        let video = Video::new(link("https://example.com/how-to.mp4")).with_caption("How to");
        assert_eq!(
            json_of(Message::new(video).unwrap()),
            json!({"sendMessageVideo": {
                "to": "14155550123@s.whatsapp.net",
                "media": "https://example.com/how-to.mp4",
                "caption": "How to"
            }})
        );
        let audio = Audio::new(link("https://example.com/note.ogg"));
        assert_eq!(
            json_of(Message::new(audio).unwrap()),
            json!({"sendMessageAudio": {
                "to": "14155550123@s.whatsapp.net",
                "media": "https://example.com/note.ogg"
            }})
        );
        let document = Document::new(MediaSource::id(MEDIA))
            .with_file_name("invoice-1234.pdf")
            .with_caption("Your invoice");
        assert_eq!(
            json_of(Message::new(document).unwrap()),
            json!({"sendMessageDocument": {
                "to": "14155550123@s.whatsapp.net",
                "media": MEDIA,
                "caption": "Your invoice",
                "filename": "invoice-1234.pdf"
            }})
        );
        let sticker = Sticker::new(link("https://example.com/hi.webp"));
        assert_eq!(
            json_of(Message::new(sticker).unwrap()),
            json!({"sendMessageSticker": {
                "to": "14155550123@s.whatsapp.net",
                "media": "https://example.com/hi.webp"
            }})
        );
    }

    #[test]
    fn an_uploaded_documents_name_survives_its_upload() {
        let pdf = crate::MediaUpload::new(b"%PDF-1.7".to_vec(), "application/pdf")
            .with_file_name("invoice-1234.pdf");
        let message = with_document_name(&Message::new(Document::new(pdf)).unwrap());
        // What `adapter::with_uploaded_media` does with the bytes.
        let mut uploaded = message.clone();
        if let Content::Document(document) = uploaded.content_mut() {
            document.source = MediaSource::id(MEDIA);
        }
        assert_eq!(
            json_of(uploaded)["sendMessageDocument"],
            json!({"to": "14155550123@s.whatsapp.net", "media": MEDIA, "filename": "invoice-1234.pdf"})
        );
        let named = Document::new(MediaSource::id(MEDIA)).with_file_name("a.pdf");
        let kept = with_document_name(&Message::new(named).unwrap());
        assert_eq!(json_of(kept)["sendMessageDocument"]["filename"], "a.pdf");
        let unnamed = crate::MediaUpload::new(b"%PDF".to_vec(), "application/pdf");
        let message = with_document_name(&Message::new(Document::new(unnamed)).unwrap());
        let Content::Document(document) = message.content() else {
            unreachable!("a document stays a document")
        };
        assert_eq!(document.file_name, None);
    }

    #[test]
    fn bytes_must_be_uploaded_before_mapping() {
        let bytes = crate::MediaUpload::new(vec![0xff, 0xd8], "image/jpeg");
        let message = Message::new(Image::new(MediaSource::bytes(bytes))).unwrap();
        assert!(matches!(
            request(&to(), &message),
            Err(Error::Request {
                operation: "send_message_image",
                ..
            })
        ));
        // Once uploaded, the id the upload gave is sent.
        let uploaded = Message::new(Image::new(MediaId::from(MEDIA))).unwrap();
        assert_eq!(json_of(uploaded)["sendMessageImage"]["media"], MEDIA);
    }

    #[test]
    fn a_location_carries_its_name_and_address() {
        let shop = Location::new(52.520_008, 13.404_954)
            .with_name("Our shop")
            .with_address("Alexanderplatz 1, Berlin");
        assert_eq!(
            json_of(Message::new(shop).unwrap()),
            json!({"sendMessageLocation": {
                "to": "14155550123@s.whatsapp.net",
                "latitude": 52.520_008,
                "longitude": 13.404_954,
                "name": "Our shop",
                "address": "Alexanderplatz 1, Berlin"
            }})
        );
        assert_eq!(
            json_of(Message::new(Location::new(-33.9, 18.4)).unwrap()),
            json!({"sendMessageLocation": {
                "to": "14155550123@s.whatsapp.net",
                "latitude": -33.9,
                "longitude": 18.4
            }})
        );
    }

    #[test]
    fn one_card_is_a_contact_and_several_a_contact_list() {
        let ada = Contact::new("Ada Lovelace")
            .with_first_name("Ada")
            .with_phone("+1 415 555 0123", Some(PhoneKind::Cell));
        assert_eq!(
            json_of(
                Message::new(ada.clone())
                    .unwrap()
                    .in_reply_to(QUOTED)
                    .unwrap()
            ),
            json!({"sendMessageContact": {
                "to": "14155550123@s.whatsapp.net",
                "name": "Ada Lovelace",
                "vcard": "BEGIN:VCARD\nVERSION:3.0\nN:;Ada;;;\nFN:Ada Lovelace\nTEL;type=CELL:+1 415 555 0123\nEND:VCARD",
                "quoted": QUOTED
            }})
        );
        let bob = Contact::new("Bob")
            .with_email("bob@example.com", Some(PlaceKind::Home))
            .with_address(ContactAddress::new().with_city("Oslo"));
        assert_eq!(
            json_of(Message::new(vec![ada, bob]).unwrap()),
            json!({"sendMessageContactList": {
                "to": "14155550123@s.whatsapp.net",
                "list": [
                    {"name": "Ada Lovelace", "vcard": "BEGIN:VCARD\nVERSION:3.0\nN:;Ada;;;\nFN:Ada Lovelace\nTEL;type=CELL:+1 415 555 0123\nEND:VCARD"},
                    {"name": "Bob", "vcard": "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Bob\nEMAIL;type=HOME:bob@example.com\nADR:;;;Oslo;;;\nEND:VCARD"}
                ]
            }})
        );
        let bad = Contact::new("Eve").with_url("https://e.example\nX:1", None);
        let two = Message::new(vec![Contact::new("Ok"), bad]).unwrap();
        assert_eq!(
            request(&to(), &two)
                .unwrap_err()
                .validation()
                .unwrap()
                .field(),
            "contacts[1].urls[0].url"
        );
    }

    #[test]
    fn reply_buttons_are_quick_replies() {
        let buttons = Buttons::new("Your table for 2 at 19:00?")
            .with_header("Booking")
            .with_footer("Reply within 10 minutes")
            .with_button("book", "Book it")
            .with_button("later", "Later");
        assert_eq!(
            json_of(Message::new(buttons).unwrap().in_reply_to(QUOTED).unwrap()),
            json!({"sendMessageInteractive": {
                "to": "14155550123@s.whatsapp.net",
                "type": "button",
                "header": {"text": "Booking"},
                "body": {"text": "Your table for 2 at 19:00?"},
                "footer": {"text": "Reply within 10 minutes"},
                "action": {"buttons": [
                    {"type": "quick_reply", "id": "book", "title": "Book it"},
                    {"type": "quick_reply", "id": "later", "title": "Later"}
                ]},
                "quoted": QUOTED
            }})
        );
    }

    #[test]
    fn a_list_is_labelled_by_its_button() {
        let list = List::new("Which slot suits you?", "Pick a slot")
            .with_section(
                ListSection::new("Tomorrow")
                    .with_row("tue-09", "09:00", Some("Morning"))
                    .with_row("tue-14", "14:00", None::<String>),
            )
            .with_section(ListSection::new("Later").with_row(
                "wed-09",
                "Wed 09:00",
                None::<String>,
            ));
        assert_eq!(
            json_of(Message::new(list).unwrap()),
            json!({"sendMessageInteractive": {
                "to": "14155550123@s.whatsapp.net",
                "type": "list",
                "body": {"text": "Which slot suits you?"},
                "action": {"list": {
                    "label": "Pick a slot",
                    "sections": [
                        {"title": "Tomorrow", "rows": [
                            {"id": "tue-09", "title": "09:00", "description": "Morning"},
                            {"id": "tue-14", "title": "14:00"}
                        ]},
                        {"title": "Later", "rows": [{"id": "wed-09", "title": "Wed 09:00"}]}
                    ]
                }}
            }})
        );
        let untitled = List::new("Pick", "Open").with_section(ListSection::untitled().with_row(
            "a",
            "A",
            None::<String>,
        ));
        assert_eq!(
            json_of(Message::new(untitled).unwrap())["sendMessageInteractive"]["action"],
            json!({"list": {"label": "Open", "sections": [{"rows": [{"id": "a", "title": "A"}]}]}})
        );
    }

    #[test]
    fn reactions_put_an_emoji_and_removals_delete_it() {
        assert_eq!(
            json_of(Message::new(Reaction::new(QUOTED, "👍")).unwrap()),
            json!({"reactToMessage": {"MessageID": QUOTED, "body": {"emoji": "👍"}}})
        );
        assert_eq!(
            json_of(Message::new(Reaction::remove(QUOTED)).unwrap()),
            json!({"removeReactFromMessage": {"MessageID": QUOTED}})
        );
    }

    #[test]
    fn templates_are_refused() {
        let template = Message::new(Template::new("order_update", "en_US")).unwrap();
        assert!(matches!(
            request(&to(), &template),
            Err(Error::Unsupported {
                provider: Provider::Whapi,
                feature: crate::Feature::Template
            })
        ));
    }

    #[test]
    fn answers_give_the_new_id_or_say_nothing_was_sent() {
        let received = json!({
            "sent": true,
            "message": {
                "id": QUOTED, "type": "location", "chat_id": "14155550123@s.whatsapp.net",
                "from_me": true, "timestamp": 1_700_000_000,
                "location": {"latitude": 52.520008, "longitude": 13}
            }
        });
        let answer: types::SentMessage = serde_json::from_value(received.clone()).unwrap();
        let sent = sent("send_message_text", answer.clone()).unwrap();
        assert_eq!(sent.id, Some(MessageId::from(QUOTED)));
        assert_eq!(sent.provider, Provider::Whapi);
        // As received: the whole numbers the `f64` fields hold are not written back as
        // `1700000000.0` and `13.0`, and fractions stay.
        assert_eq!(sent.raw(), &received);
        assert_eq!(
            sent.raw()["message"]["timestamp"].as_u64(),
            Some(1_700_000_000)
        );
        assert_eq!(
            sent.raw()["message"]["location"]["longitude"].as_i64(),
            Some(13)
        );
        let no_message: types::SentMessage = serde_json::from_value(json!({"sent": true})).unwrap();
        assert_eq!(sent_fn(&no_message).unwrap().id, None);
        let refused: types::SentMessage = serde_json::from_value(json!({"sent": false})).unwrap();
        let error = sent_fn(&refused).unwrap_err();
        let provider = error.provider_error().unwrap();
        assert_eq!(provider.status, http::StatusCode::OK);
        assert_eq!(provider.kind, ErrorKind::Rejected);
        assert_eq!(provider.body, json!({"sent": false}));
    }

    fn sent_fn(answer: &types::SentMessage) -> Result<Sent> {
        sent("send_message_text", answer.clone())
    }

    #[test]
    fn an_answer_the_typed_decode_refuses_is_read_for_its_id() {
        // A message type newer than the spec's closed `MessageType` enum.
        let body = json!({
            "sent": true,
            "message": {
                "id": QUOTED, "type": "a_type_the_spec_does_not_list",
                "chat_id": "14155550123@s.whatsapp.net", "from_me": true,
                "timestamp": 1_700_000_000
            }
        });
        let bytes = serde_json::to_vec(&body).unwrap();
        assert!(serde_json::from_slice::<types::SentMessage>(&bytes).is_err());
        let sent = sent_from_body("send_message_image", &bytes)
            .unwrap()
            .unwrap();
        assert_eq!(sent.id, Some(MessageId::from(QUOTED)));
        assert_eq!(sent.raw(), &body);
        let refused = sent_from_body("send_message_image", br#"{"sent": false}"#).unwrap();
        assert_eq!(refused.unwrap_err().kind(), ErrorKind::Rejected);
        // Not a send's answer: left to the caller as the decode error it is.
        assert!(sent_from_body("send_message_image", br#"{"error": {"code": "x"}}"#).is_none());
        assert!(sent_from_body("send_message_image", b"<html>").is_none());
        assert!(sent_from_body("send_message_image", br#"{"sent": "yes"}"#).is_none());
    }

    #[test]
    fn reactions_and_receipts_fail_on_success_false() {
        let ok: types::ResponseSuccess = serde_json::from_value(json!({"success": true})).unwrap();
        let reaction = reacted("react_to_message", &ok).unwrap();
        assert_eq!(reaction.id, None);
        assert_eq!(reaction.raw(), &json!({"success": true}));
        let silent: types::ResponseSuccess = serde_json::from_value(json!({})).unwrap();
        assert!(succeeded("mark_message_as_read", &silent).is_ok());
        let failed: types::ResponseSuccess =
            serde_json::from_value(json!({"success": false})).unwrap();
        let error = succeeded("mark_message_as_read", &failed).unwrap_err();
        assert_eq!(
            error.provider_error().unwrap().operation,
            "mark_message_as_read"
        );
    }
}
