//! The common types as WhatsHooked's generated request types, one send operation per kind,
//! and its answers as `Sent` and media ids.
//!
//! Pure functions: no I/O, so each mapping is tested against golden JSON without a server.
//!
//! Where the spec types a field as a free-form object (`InteractiveObject.action` and
//! `header`, `TemplateComponent.parameters`) it names WhatsApp's own message parts ("WhatsApp
//! interactive message", "A component of a message template") without their shape; the
//! adapter fills them with the shapes of Meta's Cloud API, the API a `business-api` account
//! sends through.

use base64::Engine as _;
use serde_json::{Map, Value, json};
use whatsapp_sdk_whatshooked::types::{self, builder};

use crate::adapter::{build, code_text};
use crate::capability::Feature;
use crate::error::{Error, Result};
use crate::message::{
    Buttons, Content, HeaderParameter, List, Parameter, ParameterValue, Template,
};
use crate::{MediaId, MediaSource, MediaUpload, Message, MessageId, Provider, Recipient, Sent};

const PROVIDER: Provider = Provider::WhatsHooked;

/// One send request, each for its own generated operation.
#[derive(Debug, Clone)]
pub(crate) enum Request {
    /// `sendMessage`, `POST /api/send`.
    Text(types::SendMessageBody),
    /// `sendImage`, `POST /api/send/image`.
    Image(types::SendImageBody),
    /// `sendVideo`, `POST /api/send/video`.
    Video(types::SendVideoBody),
    /// `sendDocument`, `POST /api/send/document`.
    Document(types::SendDocumentBody),
    /// `sendAudio`, `POST /api/send/audio`.
    Audio(types::SendAudioBody),
    /// `sendSticker`, `POST /api/send/sticker`.
    Sticker(types::SendStickerBody),
    /// `sendLocation`, `POST /api/send/location`.
    Location(types::SendLocationBody),
    /// `sendInteractive`, `POST /api/send/interactive`.
    Interactive(types::SendInteractiveBody),
    /// `sendTemplate`, `POST /api/send/template`.
    Template(types::SendTemplateBody),
    /// `sendReaction`, `POST /api/send/reaction`.
    Reaction(types::SendReactionBody),
}

/// What a request type cannot carry, or a state the capability check should have prevented:
/// refused rather than sent with something left out.
#[derive(Debug, thiserror::Error)]
enum NotCarried {
    #[error("template media must be uploaded and referenced by id")]
    HeaderMedia,
}

/// The send request for `message` to `to` from the account `account_id`. Media travels as
/// base64 in the request; a template's header media must have been uploaded already.
pub(crate) fn request(account_id: &str, to: &Recipient, message: &Message) -> Result<Request> {
    if message.reply_to().is_some() {
        return Err(unsupported(Feature::ReplyTo));
    }
    let to = recipient(to);
    Ok(match message.content() {
        Content::Text(text) => {
            if text.preview_url() {
                return Err(unsupported(Feature::LinkPreview));
            }
            Request::Text(build(
                PROVIDER,
                "send_message",
                builder::SendMessageBody::default()
                    .account_id(account_id)
                    .to(to)
                    .text(text.body()),
            )?)
        }
        Content::Image(image) => {
            let file = bytes(image.source())?;
            Request::Image(build(
                PROVIDER,
                "send_image",
                builder::SendImageBody::default()
                    .account_id(account_id)
                    .to(to)
                    .image_data(base64(file))
                    .mime_type(Some(file.mime_type().to_owned()))
                    .caption(image.caption().map(str::to_owned)),
            )?)
        }
        Content::Video(video) => {
            let file = bytes(video.source())?;
            Request::Video(build(
                PROVIDER,
                "send_video",
                builder::SendVideoBody::default()
                    .account_id(account_id)
                    .to(to)
                    .video_data(base64(file))
                    .mime_type(Some(file.mime_type().to_owned()))
                    .caption(video.caption().map(str::to_owned)),
            )?)
        }
        Content::Document(document) => {
            let file = bytes(document.source())?;
            let mut body = builder::SendDocumentBody::default()
                .account_id(account_id)
                .to(to)
                .document_data(base64(file))
                .mime_type(Some(file.mime_type().to_owned()))
                .caption(document.caption().map(str::to_owned));
            // Without a name the spec's default, `document`, is used.
            if let Some(name) = document.file_name() {
                body = body.filename(Some(name.to_owned()));
            }
            Request::Document(build(PROVIDER, "send_document", body)?)
        }
        Content::Audio(audio) => {
            let file = bytes(audio.source())?;
            Request::Audio(build(
                PROVIDER,
                "send_audio",
                builder::SendAudioBody::default()
                    .account_id(account_id)
                    .to(to)
                    .audio_data(base64(file))
                    .mime_type(Some(file.mime_type().to_owned())),
            )?)
        }
        Content::Sticker(sticker) => {
            let file = bytes(sticker.source())?;
            Request::Sticker(build(
                PROVIDER,
                "send_sticker",
                builder::SendStickerBody::default()
                    .account_id(account_id)
                    .to(to)
                    .sticker_data(base64(file))
                    .mime_type(Some(file.mime_type().to_owned())),
            )?)
        }
        Content::Location(location) => Request::Location(build(
            PROVIDER,
            "send_location",
            builder::SendLocationBody::default()
                .account_id(account_id)
                .to(to)
                .latitude(location.latitude())
                .longitude(location.longitude())
                .name(location.name().map(str::to_owned))
                .address(location.address().map(str::to_owned)),
        )?),
        // `SendContactObject` holds a name and phones only: a card would lose the rest.
        Content::Contacts(_) => return Err(unsupported(Feature::Contacts)),
        Content::Buttons(buttons) => Request::Interactive(build(
            PROVIDER,
            "send_interactive",
            builder::SendInteractiveBody::default()
                .account_id(account_id)
                .to(to)
                .interactive(buttons_object(buttons)?),
        )?),
        Content::List(list) => Request::Interactive(build(
            PROVIDER,
            "send_interactive",
            builder::SendInteractiveBody::default()
                .account_id(account_id)
                .to(to)
                .interactive(list_object(list)?),
        )?),
        Content::Template(template) => Request::Template(build(
            PROVIDER,
            "send_template",
            builder::SendTemplateBody::default()
                .account_id(account_id)
                .to(to)
                .template(template_object(template)?),
        )?),
        Content::Reaction(reaction) => {
            // The spec documents no way to take a reaction back.
            let emoji = reaction
                .emoji()
                .ok_or_else(|| unsupported(Feature::RemoveReaction))?;
            Request::Reaction(build(
                PROVIDER,
                "send_reaction",
                builder::SendReactionBody::default()
                    .account_id(account_id)
                    .to(to)
                    .message_id(reaction.message_id().as_str())
                    .emoji(emoji),
            )?)
        }
    })
}

/// The `markAsRead` body, `{account_id, message_id}`.
pub(crate) fn mark_read(account_id: &str, id: &MessageId) -> Result<types::MarkAsReadBody> {
    build(
        PROVIDER,
        "mark_as_read",
        builder::MarkAsReadBody::default()
            .account_id(account_id)
            .message_id(id.as_str()),
    )
}

/// A send's answer, `{"status": "ok"}`: WhatsHooked returns no message id.
pub(crate) fn sent(response: types::StatusOk) -> Sent {
    Sent::deferred(None, PROVIDER, move || {
        serde_json::to_value(response).unwrap_or_default()
    })
}

/// The media id in the upload's answer, "Upload response from Meta" with its shape left open
/// by the spec: Meta's media upload answers `{"id": "<media id>"}`.
pub(crate) fn uploaded(response: &Map<String, Value>) -> Result<MediaId> {
    response
        .get("id")
        .and_then(code_text)
        .map(MediaId::new)
        .ok_or_else(|| Error::Decode {
            provider: PROVIDER,
            operation: "upload_media",
            source: "the answer has no `id`".into(),
        })
}

/// "Phone number or WhatsApp JID" (`sendMessage`'s `to`): a number's digits, a WhatsApp id as
/// the provider gave it, a group's JID.
fn recipient(to: &Recipient) -> String {
    match to {
        Recipient::Phone(phone) => phone.digits().to_owned(),
        Recipient::WaId(id) => id.as_str().to_owned(),
        Recipient::Group(group) => group.jid(),
    }
}

fn unsupported(feature: Feature) -> Error {
    Error::Unsupported {
        provider: PROVIDER,
        feature,
    }
}

fn not_carried(operation: &'static str, reason: NotCarried) -> Error {
    Error::Request {
        provider: PROVIDER,
        operation,
        source: Box::new(reason),
    }
}

/// The file of a media message: WhatsHooked takes media only as data in the request.
fn bytes(source: &MediaSource) -> Result<&MediaUpload> {
    match source {
        MediaSource::Bytes(upload) => Ok(upload),
        MediaSource::Id(_) => Err(unsupported(Feature::MediaFromId)),
        MediaSource::Link(_) => Err(unsupported(Feature::MediaFromLink)),
    }
}

/// Standard base64 with padding (RFC 4648 §4), as `format: byte` means (OpenAPI 3.0 §4.4).
fn base64(file: &MediaUpload) -> String {
    base64::engine::general_purpose::STANDARD.encode(file.bytes())
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Type, header, body and footer of an interactive message.
fn interactive(
    type_: types::InteractiveObjectType,
    body: &str,
    header: Option<&str>,
    footer: Option<&str>,
    action: Value,
) -> Result<types::InteractiveObject> {
    let body: types::InteractiveObjectBody = build(
        PROVIDER,
        "send_interactive",
        builder::InteractiveObjectBody::default().text(Some(body.to_owned())),
    )?;
    let mut object = builder::InteractiveObject::default()
        .type_(type_)
        .body(body)
        .action(self::object(action));
    if let Some(header) = header {
        object = object.header(self::object(json!({"type": "text", "text": header})));
    }
    if let Some(footer) = footer {
        let footer: types::InteractiveObjectFooter = build(
            PROVIDER,
            "send_interactive",
            builder::InteractiveObjectFooter::default().text(Some(footer.to_owned())),
        )?;
        object = object.footer(Some(footer));
    }
    build(PROVIDER, "send_interactive", object)
}

fn buttons_object(buttons: &Buttons) -> Result<types::InteractiveObject> {
    let items: Vec<Value> = buttons
        .buttons()
        .iter()
        .map(|b| json!({"type": "reply", "reply": {"id": b.id, "title": b.title}}))
        .collect();
    interactive(
        types::InteractiveObjectType::Button,
        buttons.body(),
        buttons.header(),
        buttons.footer(),
        json!({"buttons": items}),
    )
}

fn list_object(list: &List) -> Result<types::InteractiveObject> {
    let sections: Vec<Value> = list
        .sections()
        .iter()
        .map(|section| {
            let rows: Vec<Value> = section
                .rows()
                .iter()
                .map(|row| {
                    let mut item = json!({"id": row.id, "title": row.title});
                    if let Some(description) = &row.description {
                        item["description"] = json!(description);
                    }
                    item
                })
                .collect();
            let mut value = json!({"rows": rows});
            if let Some(title) = section.title() {
                value["title"] = json!(title);
            }
            value
        })
        .collect();
    interactive(
        types::InteractiveObjectType::List,
        list.body(),
        list.header(),
        list.footer(),
        json!({"button": list.button(), "sections": sections}),
    )
}

/// `TemplateComponent` has no `sub_type` or `index`, which a button's parameter needs; the
/// capability check refuses template buttons.
fn template_object(template: &Template) -> Result<types::TemplateMessageObject> {
    if !template.buttons().is_empty() {
        return Err(unsupported(Feature::TemplateButtons));
    }
    let mut components = Vec::new();
    if let Some(header) = template.header() {
        components.push(component("header", vec![header_parameter(header)?])?);
    }
    if !template.body().is_empty() {
        components.push(component(
            "body",
            template.body().iter().map(parameter).collect(),
        )?);
    }
    let language: types::TemplateMessageObjectLanguage = build(
        PROVIDER,
        "send_template",
        builder::TemplateMessageObjectLanguage::default()
            .code(Some(template.language().to_owned())),
    )?;
    build(
        PROVIDER,
        "send_template",
        builder::TemplateMessageObject::default()
            .name(template.name())
            .language(language)
            .components(components),
    )
}

fn component(type_: &str, parameters: Vec<Map<String, Value>>) -> Result<types::TemplateComponent> {
    build(
        PROVIDER,
        "send_template",
        builder::TemplateComponent::default()
            .type_(Some(type_.to_owned()))
            .parameters(parameters),
    )
}

/// A body or text-header parameter in the Cloud API's shape, named when it is.
fn parameter(parameter: &Parameter) -> Map<String, Value> {
    let value = match parameter.value() {
        ParameterValue::Text(text) => json!({"type": "text", "text": text}),
        ParameterValue::Currency {
            fallback,
            code,
            amount_1000,
        } => json!({
            "type": "currency",
            "currency": {"fallback_value": fallback, "code": code, "amount_1000": amount_1000}
        }),
        ParameterValue::DateTime { fallback } => {
            json!({"type": "date_time", "date_time": {"fallback_value": fallback}})
        }
    };
    let mut value = object(value);
    if let Some(name) = parameter.name() {
        value.insert("parameter_name".to_owned(), json!(name));
    }
    value
}

fn header_parameter(header: &HeaderParameter) -> Result<Map<String, Value>> {
    let media_id = |source: &MediaSource| match source {
        MediaSource::Id(id) => Ok(id.as_str().to_owned()),
        _ => Err(not_carried("send_template", NotCarried::HeaderMedia)),
    };
    Ok(match header {
        HeaderParameter::Text(text) => parameter(text),
        HeaderParameter::Image(source) => {
            object(json!({"type": "image", "image": {"id": media_id(source)?}}))
        }
        HeaderParameter::Video(source) => {
            object(json!({"type": "video", "video": {"id": media_id(source)?}}))
        }
        HeaderParameter::Document { source, file_name } => {
            let mut document = json!({"id": media_id(source)?});
            if let Some(name) = file_name {
                document["filename"] = json!(name);
            }
            object(json!({"type": "document", "document": document}))
        }
        HeaderParameter::Location(location) => {
            let mut place =
                json!({"latitude": location.latitude(), "longitude": location.longitude()});
            if let Some(name) = location.name() {
                place["name"] = json!(name);
            }
            if let Some(address) = location.address() {
                place["address"] = json!(address);
            }
            object(json!({"type": "location", "location": place}))
        }
    })
}

#[cfg(test)]
impl Request {
    /// The body as it goes on the wire.
    fn to_json(&self) -> Value {
        let value = match self {
            Request::Text(b) => serde_json::to_value(b),
            Request::Image(b) => serde_json::to_value(b),
            Request::Video(b) => serde_json::to_value(b),
            Request::Document(b) => serde_json::to_value(b),
            Request::Audio(b) => serde_json::to_value(b),
            Request::Sticker(b) => serde_json::to_value(b),
            Request::Location(b) => serde_json::to_value(b),
            Request::Interactive(b) => serde_json::to_value(b),
            Request::Template(b) => serde_json::to_value(b),
            Request::Reaction(b) => serde_json::to_value(b),
        };
        value.unwrap()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::message::{
        Audio, ButtonParameter, Contact, Document, Image, ListSection, Location, Reaction, Sticker,
        Text, Video,
    };

    const ACCOUNT: &str = "acc-business";

    fn to() -> Recipient {
        "+14155550123".parse().unwrap()
    }

    fn wire(message: Message) -> Value {
        request(ACCOUNT, &to(), &message).unwrap().to_json()
    }

    fn file(bytes: &[u8], mime: &str) -> MediaUpload {
        MediaUpload::new(bytes.to_vec(), mime)
    }

    #[test]
    fn a_text_goes_to_the_number_or_jid_given() {
        assert_eq!(
            wire(Message::text("hi").unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "text": "hi"})
        );
        for (given, sent) in [
            ("14155550123@s.whatsapp.net", "14155550123@s.whatsapp.net"),
            ("84123456789@lid", "84123456789@lid"),
            ("14155550123", "14155550123"),
        ] {
            let to: Recipient = given.parse().unwrap();
            let body = request(ACCOUNT, &to, &Message::text("hi").unwrap()).unwrap();
            assert_eq!(body.to_json()["to"], sent);
        }
    }

    #[test]
    fn media_goes_as_base64_with_its_real_type() {
        // "Man" is "TWFu" (RFC 4648 §9); "Ma" is "TWE=".
        let image = Image::new(file(b"Man", "image/png")).with_caption("Menu");
        assert_eq!(
            wire(Message::new(image).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "caption": "Menu",
                   "image_data": "TWFu", "mime_type": "image/png"})
        );
        let video = Video::new(file(b"Ma", "video/mp4"));
        assert_eq!(
            wire(Message::new(video).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123",
                   "video_data": "TWE=", "mime_type": "video/mp4"})
        );
        let audio = Audio::new(file(b"Man", "audio/ogg; codecs=opus"));
        assert_eq!(
            wire(Message::new(audio).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123",
                   "audio_data": "TWFu", "mime_type": "audio/ogg; codecs=opus"})
        );
        let sticker = Sticker::new(file(b"Man", "image/webp"));
        assert_eq!(
            wire(Message::new(sticker).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123",
                   "sticker_data": "TWFu", "mime_type": "image/webp"})
        );
    }

    #[test]
    fn documents_carry_their_name_when_known() {
        let named = Document::new(file(b"Man", "application/pdf").with_file_name("invoice.pdf"))
            .with_caption("Your invoice");
        assert_eq!(
            wire(Message::new(named).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "caption": "Your invoice",
                   "document_data": "TWFu", "filename": "invoice.pdf", "mime_type": "application/pdf"})
        );
        let renamed = Document::new(file(b"Man", "text/plain").with_file_name("a.txt"))
            .with_file_name("notes.txt");
        assert_eq!(
            wire(Message::new(renamed).unwrap())["filename"],
            "notes.txt"
        );
        // No name given: none is sent, and the server applies its documented `"document"`.
        let unnamed = Document::new(file(b"Man", "text/plain"));
        assert_eq!(
            wire(Message::new(unnamed).unwrap())["filename"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn media_by_id_or_link_is_refused() {
        for (source, feature) in [
            (MediaSource::id("1"), Feature::MediaFromId),
            (
                MediaSource::link("https://example.com/a.jpg").unwrap(),
                Feature::MediaFromLink,
            ),
        ] {
            let message = Message::new(Image::new(source)).unwrap();
            match request(ACCOUNT, &to(), &message) {
                Err(Error::Unsupported { feature: f, .. }) => assert_eq!(f, feature),
                other => panic!("{feature:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn locations_keep_numbers_and_only_given_names() {
        let shop = Location::new(52.520_008, 13.404_954)
            .with_name("Our shop")
            .with_address("Alexanderplatz 1, Berlin");
        assert_eq!(
            wire(Message::new(shop).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "latitude": 52.520_008,
                   "longitude": 13.404_954, "name": "Our shop", "address": "Alexanderplatz 1, Berlin"})
        );
        let bare = wire(Message::new(Location::new(1.5, -2.25)).unwrap());
        assert_eq!(
            bare,
            json!({"account_id": "acc-business", "to": "14155550123", "latitude": 1.5, "longitude": -2.25})
        );
    }

    #[test]
    fn contact_cards_are_refused() {
        // Even a card `SendContactObject` could hold: the capability is not declared, and the
        // mapping does not second-guess the check.
        let card = Contact::new("Ada Lovelace").with_phone("+44 20 7946 0958", None);
        match request(ACCOUNT, &to(), &Message::new(card).unwrap()) {
            Err(Error::Unsupported { feature, .. }) => assert_eq!(feature, Feature::Contacts),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn buttons_and_lists_use_the_cloud_shapes() {
        let buttons = Buttons::new("Book a table?")
            .with_header("Booking")
            .with_footer("Reply within 10 minutes")
            .with_button("book", "Book it")
            .with_button("later", "Later");
        assert_eq!(
            wire(Message::new(buttons).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "interactive": {
                "type": "button",
                "header": {"type": "text", "text": "Booking"},
                "body": {"text": "Book a table?"},
                "footer": {"text": "Reply within 10 minutes"},
                "action": {"buttons": [
                    {"type": "reply", "reply": {"id": "book", "title": "Book it"}},
                    {"type": "reply", "reply": {"id": "later", "title": "Later"}}
                ]}
            }})
        );
        let list = List::new("Which slot?", "Pick a slot").with_section(
            ListSection::new("Tomorrow")
                .with_row("tue-09", "09:00", Some("Morning"))
                .with_row("tue-14", "14:00", None::<String>),
        );
        assert_eq!(
            wire(Message::new(list).unwrap())["interactive"],
            json!({
                "type": "list",
                "body": {"text": "Which slot?"},
                "action": {"button": "Pick a slot", "sections": [{"title": "Tomorrow", "rows": [
                    {"id": "tue-09", "title": "09:00", "description": "Morning"},
                    {"id": "tue-14", "title": "14:00"}
                ]}]}
            })
        );
    }

    #[test]
    fn templates_carry_header_and_body_parameters() {
        let template = Template::new("order_update", "en_US")
            .with_header(HeaderParameter::Image(MediaSource::id("1037543291543636")))
            .with_body_parameter(Parameter::text("Ada"))
            .with_body_parameter(Parameter::currency("€12.50", "EUR", 12_500))
            .with_body_parameter(Parameter::date_time("tomorrow at 9"));
        assert_eq!(
            wire(Message::new(template).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123", "template": {
                "name": "order_update",
                "language": {"code": "en_US"},
                "components": [
                    {"type": "header", "parameters": [{"type": "image", "image": {"id": "1037543291543636"}}]},
                    {"type": "body", "parameters": [
                        {"type": "text", "text": "Ada"},
                        {"type": "currency", "currency": {"fallback_value": "€12.50", "code": "EUR", "amount_1000": 12500}},
                        {"type": "date_time", "date_time": {"fallback_value": "tomorrow at 9"}}
                    ]}
                ]
            }})
        );
        let named = Template::new("welcome", "en")
            .with_header(HeaderParameter::Text(
                Parameter::text("Hi").named("greeting"),
            ))
            .with_body_parameter(Parameter::text("Ada").named("customer"));
        assert_eq!(
            wire(Message::new(named).unwrap())["template"]["components"],
            json!([
                {"type": "header", "parameters": [{"type": "text", "text": "Hi", "parameter_name": "greeting"}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Ada", "parameter_name": "customer"}]}
            ])
        );
        let plain = wire(Message::new(Template::new("hello_world", "en_US")).unwrap());
        assert_eq!(
            plain["template"],
            json!({"name": "hello_world", "language": {"code": "en_US"}})
        );
    }

    #[test]
    fn template_headers_of_every_kind() {
        let header = |header: HeaderParameter| {
            let message = Message::new(Template::new("t", "en").with_header(header)).unwrap();
            wire(message)["template"]["components"][0]["parameters"][0].clone()
        };
        assert_eq!(
            header(HeaderParameter::Video(MediaSource::id("v1"))),
            json!({"type": "video", "video": {"id": "v1"}})
        );
        assert_eq!(
            header(HeaderParameter::Document {
                source: MediaSource::id("d1"),
                file_name: Some("a.pdf".into())
            }),
            json!({"type": "document", "document": {"id": "d1", "filename": "a.pdf"}})
        );
        assert_eq!(
            header(HeaderParameter::Location(
                Location::new(1.0, 2.5).with_name("HQ")
            )),
            json!({"type": "location", "location": {"latitude": 1.0, "longitude": 2.5, "name": "HQ"}})
        );
        let unuploaded = Template::new("t", "en").with_header(HeaderParameter::Image(
            MediaSource::bytes(file(b"x", "image/png")),
        ));
        assert!(matches!(
            request(ACCOUNT, &to(), &Message::new(unuploaded).unwrap()),
            Err(Error::Request {
                operation: "send_template",
                ..
            })
        ));
        let button = Template::new("t", "en").with_button(ButtonParameter::QuickReply {
            index: 0,
            payload: "p".into(),
        });
        assert!(matches!(
            request(ACCOUNT, &to(), &Message::new(button).unwrap()),
            Err(Error::Unsupported {
                feature: Feature::TemplateButtons,
                ..
            })
        ));
    }

    #[test]
    fn reactions_name_their_message_and_removals_are_refused() {
        let like = Reaction::new("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI", "👍");
        assert_eq!(
            wire(Message::new(like).unwrap()),
            json!({"account_id": "acc-business", "to": "14155550123",
                   "message_id": "wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI", "emoji": "👍"})
        );
        let undo = Message::new(Reaction::remove("wamid.1")).unwrap();
        assert!(matches!(
            request(ACCOUNT, &to(), &undo),
            Err(Error::Unsupported {
                feature: Feature::RemoveReaction,
                ..
            })
        ));
    }

    #[test]
    fn what_no_request_carries_is_refused() {
        let preview =
            Message::new(Text::new("https://example.com").with_preview_url(true)).unwrap();
        let reply = Message::text("re").unwrap().in_reply_to("wamid.1").unwrap();
        for (message, feature) in [(preview, Feature::LinkPreview), (reply, Feature::ReplyTo)] {
            match request(ACCOUNT, &to(), &message) {
                Err(Error::Unsupported { feature: f, .. }) => assert_eq!(f, feature),
                other => panic!("{feature:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn mark_read_names_the_account_and_message() {
        let body = mark_read(ACCOUNT, &MessageId::from("wamid.7")).unwrap();
        assert_eq!(
            serde_json::to_value(body).unwrap(),
            json!({"account_id": "acc-business", "message_id": "wamid.7"})
        );
    }

    #[test]
    fn answers_carry_no_message_id_and_uploads_metas() {
        let ok: types::StatusOk = serde_json::from_value(json!({"status": "ok"})).unwrap();
        let sent = sent(ok.clone());
        assert_eq!(sent.id, None);
        assert_eq!(sent.provider, Provider::WhatsHooked);
        assert_eq!(sent.raw(), &json!({"status": "ok"}));
        let upload = object(json!({"id": "1037543291543636"}));
        assert_eq!(
            uploaded(&upload).unwrap(),
            MediaId::from("1037543291543636")
        );
        assert_eq!(
            uploaded(&object(json!({"id": 1037543291543636_u64}))).unwrap(),
            MediaId::from("1037543291543636")
        );
        assert!(matches!(
            uploaded(&object(json!({"error": "nope"}))),
            Err(Error::Decode {
                operation: "upload_media",
                ..
            })
        ));
    }
}
