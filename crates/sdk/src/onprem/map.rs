//! The common types as the on-premises API's generated request types, and its answers as
//! `Sent` and media ids.
//!
//! Pure functions: no I/O, so each mapping is tested against golden JSON without a server.
//!
//! Several fields the spec marks required are optional in WhatsApp's own documentation: the
//! caption of an image, video or document, a document's `filename`, a location's `name` and
//! `address`, an email's and an address's `type` and every part of an address. The facade
//! leaves them out when the caller does; the generated types cannot, so they carry an empty
//! text, which WhatsApp shows as nothing.

use whatsapp_sdk_onprem::types::{self, builder};

use super::error;
use crate::adapter::build;
use crate::capability::Feature;
use crate::error::{Error, Result, ValidationError, Violation};
use crate::message::{Contact, Content, Parameter, ParameterValue, PhoneKind, PlaceKind, Template};
use crate::{MediaId, MediaSource, Message, MessageId, Provider, Recipient, Sent};

const PROVIDER: Provider = Provider::OnPrem;
const OPERATION: &str = "send_message";

/// The messenger's settings a request may need.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Settings<'a> {
    /// The media provider links are fetched through (configured on the server under
    /// `/settings/application/media/providers`).
    pub(crate) media_provider: Option<&'a str>,
    /// The namespace of the business's message templates.
    pub(crate) template_namespace: Option<&'a str>,
}

/// What cannot be mapped although the capability check let it through: a bug, reported
/// rather than sent wrong.
#[derive(Debug, thiserror::Error)]
enum NotMapped {
    #[error("media given as bytes must be uploaded before the request is built")]
    NotUploaded,
}

/// The `SendMessage` body for `message` to `to`. Media given as bytes must have been uploaded
/// already (see `adapter::with_uploaded_media`).
pub(crate) fn request(
    to: &Recipient,
    message: &Message,
    settings: Settings<'_>,
) -> Result<types::SendMessageRequestBody> {
    use types::MessageType as Type;
    if message.reply_to().is_some() {
        return Err(unsupported(Feature::ReplyTo));
    }
    let mut body = builder::SendMessageRequestBody::default().to(to.user().to_owned());
    if matches!(to, Recipient::Group(_)) {
        // "recipient_type is required when using group" (openapi.yaml:2757-2766).
        body = body.recipient_type(types::SendMessageRequestBodyRecipientType::Group);
    }
    body = match message.content() {
        Content::Text(text) => {
            let body = body.type_(Type::Text).text(Some(build(
                PROVIDER,
                OPERATION,
                builder::Text::default().body(text.body()),
            )?));
            // A top-level field here, not inside `text` as on the Cloud API.
            if text.preview_url() {
                body.preview_url(Some(true))
            } else {
                body
            }
        }
        Content::Image(image) => {
            let caption = image.caption().unwrap_or_default();
            let image = match reference(image.source(), settings)? {
                Reference::Id(id) => types::Image::Id(build(
                    PROVIDER,
                    OPERATION,
                    builder::ImageById::default().id(id).caption(caption),
                )?),
                Reference::Link { link, provider } => types::Image::Provider(build(
                    PROVIDER,
                    OPERATION,
                    builder::ImageByProvider::default()
                        .link(link)
                        .provider(provider)
                        .caption(caption),
                )?),
            };
            body.type_(Type::Image).image(Some(image))
        }
        Content::Video(video) => {
            let caption = video.caption().unwrap_or_default();
            let video = match reference(video.source(), settings)? {
                Reference::Id(id) => types::Video::Id(build(
                    PROVIDER,
                    OPERATION,
                    builder::VideoById::default().id(id).caption(caption),
                )?),
                Reference::Link { link, provider } => types::Video::Provider(build(
                    PROVIDER,
                    OPERATION,
                    builder::VideoByProvider::default()
                        .link(link)
                        .provider(provider)
                        .caption(caption),
                )?),
            };
            body.type_(Type::Video).video(Some(video))
        }
        Content::Audio(audio) => {
            let audio = match reference(audio.source(), settings)? {
                Reference::Id(id) => types::Audio::Id(build(
                    PROVIDER,
                    OPERATION,
                    builder::AudioById::default().id(id),
                )?),
                Reference::Link { link, provider } => types::Audio::Provider(build(
                    PROVIDER,
                    OPERATION,
                    builder::AudioByProvider::default()
                        .link(link)
                        .provider(provider),
                )?),
            };
            body.type_(Type::Audio).audio(Some(audio))
        }
        Content::Document(document) => {
            let caption = document.caption().unwrap_or_default();
            let filename = document.file_name().unwrap_or_default();
            let document = match reference(document.source(), settings)? {
                Reference::Id(id) => types::Document::Id(build(
                    PROVIDER,
                    OPERATION,
                    builder::DocumentById::default()
                        .id(id)
                        .caption(caption)
                        .filename(filename),
                )?),
                Reference::Link { link, provider } => types::Document::Provider(build(
                    PROVIDER,
                    OPERATION,
                    builder::DocumentByProvider::default()
                        .link(link)
                        .provider(provider)
                        .caption(caption)
                        .filename(filename),
                )?),
            };
            body.type_(Type::Document).document(Some(document))
        }
        Content::Location(location) => {
            // The spec types the coordinates as strings (openapi.yaml:2253-2258).
            let location = builder::Location::default()
                .latitude(location.latitude().to_string())
                .longitude(location.longitude().to_string())
                .name(location.name().unwrap_or_default())
                .address(location.address().unwrap_or_default());
            body.type_(Type::Location)
                .location(Some(build(PROVIDER, OPERATION, location)?))
        }
        Content::Contacts(contacts) => body
            .type_(Type::Contacts)
            .contacts(contacts.iter().map(contact).collect::<Result<Vec<_>>>()?),
        Content::Template(template) => {
            let namespace = settings
                .template_namespace
                .ok_or_else(|| unsupported(Feature::Template))?;
            body.type_(Type::Hsm).hsm(Some(hsm(template, namespace)?))
        }
        Content::Sticker(_) => return Err(unsupported(Feature::Sticker)),
        Content::Buttons(_) => return Err(unsupported(Feature::Buttons)),
        Content::List(_) => return Err(unsupported(Feature::List)),
        Content::Reaction(_) => return Err(unsupported(Feature::Reaction)),
    };
    build(PROVIDER, OPERATION, body)
}

/// The `MarkMessageAsRead` body, `{"status": "read"}` (openapi.yaml:2279-2288).
pub(crate) fn mark_read() -> Result<types::MarkMessageAsReadRequestBody> {
    build(
        PROVIDER,
        "mark_message_as_read",
        builder::MarkMessageAsReadRequestBody::default().status("read"),
    )
}

/// The id of the sent message (`messages[0].id`), and the answer as JSON; a failure when the
/// answer lists errors.
pub(crate) fn sent(status: http::StatusCode, response: &types::MessageResponse) -> Result<Sent> {
    let raw = serde_json::to_value(response).unwrap_or_default();
    if let Some(failure) = error::in_success(OPERATION, status, raw.clone()) {
        return Err(failure);
    }
    let id = response
        .messages
        .iter()
        .find_map(|m| m.id.clone())
        .map(MessageId::new);
    Ok(Sent::new(id, PROVIDER, raw))
}

/// The id of an uploaded file (`media[0].id`); a failure when the answer lists errors or
/// holds no id.
pub(crate) fn uploaded(
    status: http::StatusCode,
    response: &types::UploadMediaResponse,
) -> Result<MediaId> {
    const UPLOAD: &str = "upload_media";
    let raw = serde_json::to_value(response).unwrap_or_default();
    if let Some(failure) = error::in_success(UPLOAD, status, raw) {
        return Err(failure);
    }
    response
        .media
        .iter()
        .find_map(|m| m.id.clone())
        .map(MediaId::new)
        .ok_or_else(|| Error::Decode {
            provider: PROVIDER,
            operation: UPLOAD,
            source: "the answer has no `media[0].id`".into(),
        })
}

fn unsupported(feature: Feature) -> Error {
    Error::Unsupported {
        provider: PROVIDER,
        feature,
    }
}

/// A media file as the spec references it: an uploaded id, or a link with the media provider
/// that fetches it.
enum Reference {
    Id(String),
    Link {
        link: String,
        provider: types::Provider,
    },
}

fn reference(source: &MediaSource, settings: Settings<'_>) -> Result<Reference> {
    match source {
        MediaSource::Id(id) => Ok(Reference::Id(id.as_str().to_owned())),
        MediaSource::Link(url) => {
            // Every `*ByProvider` requires `provider` (DocumentByProvider: openapi.yaml:1858-1862).
            let name = settings
                .media_provider
                .ok_or_else(|| unsupported(Feature::MediaFromLink))?;
            Ok(Reference::Link {
                link: url.as_str().to_owned(),
                provider: build(PROVIDER, OPERATION, builder::Provider::default().name(name))?,
            })
        }
        MediaSource::Bytes(_) => Err(Error::Request {
            provider: PROVIDER,
            operation: OPERATION,
            source: Box::new(NotMapped::NotUploaded),
        }),
    }
}

/// The legacy template: `namespace`, `element_name`, `language` and positional
/// `localizable_params` (openapi.yaml:2138-2167). Header, button and named parameters have no
/// place in it; the capability check refuses them.
fn hsm(template: &Template, namespace: &str) -> Result<types::Hsm> {
    if template.header().is_some() {
        return Err(unsupported(Feature::TemplateHeader));
    }
    if !template.buttons().is_empty() {
        return Err(unsupported(Feature::TemplateButtons));
    }
    if template.uses_named_parameters() {
        return Err(unsupported(Feature::TemplateNamedParameters));
    }
    let params = template
        .body()
        .iter()
        .enumerate()
        .map(|(i, p)| localizable_param(i, p))
        .collect::<Result<Vec<_>>>()?;
    // `deterministic`: the template is rendered in the language asked for or not at all;
    // `fallback` may render it in another language the business has.
    let language: types::Language = build(
        PROVIDER,
        OPERATION,
        builder::Language::default()
            .code(template.language())
            .policy(types::LanguagePolicy::Deterministic),
    )?;
    build(
        PROVIDER,
        OPERATION,
        builder::Hsm::default()
            .namespace(namespace)
            .element_name(template.name())
            .language(language)
            .localizable_params(params),
    )
}

fn localizable_param(index: usize, parameter: &Parameter) -> Result<types::LocalizableParam> {
    // The builder's `default` setter (the spec's field) hides `Default::default`.
    let new = <builder::LocalizableParam as Default>::default;
    let param = match parameter.value() {
        ParameterValue::Text(text) => new().default(text.as_str()),
        ParameterValue::Currency {
            fallback,
            code,
            amount_1000,
        } => {
            // `amount_1000` is an int32 here (openapi.yaml:1690-1693).
            let amount = i32::try_from(*amount_1000).map_err(|_| {
                ValidationError::new(
                    format!("template.body[{index}].currency.amount_1000"),
                    Violation::OutOfRange {
                        min: f64::from(i32::MIN),
                        max: f64::from(i32::MAX),
                        actual: *amount_1000 as f64,
                    },
                )
            })?;
            let currency = build(
                PROVIDER,
                OPERATION,
                builder::Currency::default()
                    .currency_code(code.as_str())
                    .amount_1000(amount),
            )?;
            new().default(fallback.as_str()).currency(Some(currency))
        }
        // The facade's date-time is text shown as given, which is what `default` is; the
        // spec's `date_time` object would ask the server to format a date it is not given.
        ParameterValue::DateTime { fallback } => new().default(fallback.as_str()),
    };
    build(PROVIDER, OPERATION, param)
}

/// "Standard Values: CELL, MAIN, IPHONE, HOME, WORK" (openapi.yaml:2527).
fn phone_type(kind: PhoneKind) -> &'static str {
    match kind {
        PhoneKind::Cell => "CELL",
        PhoneKind::Main => "MAIN",
        PhoneKind::IPhone => "IPHONE",
        PhoneKind::Home => "HOME",
        PhoneKind::Work => "WORK",
    }
}

/// "Standard Values: HOME, WORK" (openapi.yaml:1243, 2874).
fn place_type(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Home => "HOME",
        PlaceKind::Work => "WORK",
    }
}

fn contact(contact: &Contact) -> Result<types::Contact> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let name = build(
        PROVIDER,
        OPERATION,
        builder::Name::default()
            .formatted_name(contact.formatted_name())
            .first_name(contact.first_name().map(str::to_owned))
            .last_name(contact.last_name().map(str::to_owned)),
    )?;
    let phones = contact
        .phones()
        .iter()
        .map(|p| {
            build(
                PROVIDER,
                OPERATION,
                builder::Phone::default()
                    .phone(Some(p.number.clone()))
                    .type_(p.kind.map(|k| phone_type(k).to_owned()))
                    .wa_id(p.wa_id.clone()),
            )
        })
        .collect::<Result<Vec<types::Phone>>>()?;
    let emails = contact
        .emails()
        .iter()
        .map(|e| {
            build(
                PROVIDER,
                OPERATION,
                builder::Email::default()
                    .email(e.email.as_str())
                    .type_(e.kind.map(place_type).unwrap_or_default()),
            )
        })
        .collect::<Result<Vec<types::Email>>>()?;
    let urls = contact
        .urls()
        .iter()
        .map(|u| {
            build(
                PROVIDER,
                OPERATION,
                builder::Url::default()
                    .url(Some(u.url.clone()))
                    .type_(u.kind.map(|k| place_type(k).to_owned())),
            )
        })
        .collect::<Result<Vec<types::Url>>>()?;
    let addresses = contact
        .addresses()
        .iter()
        .map(|a| {
            build(
                PROVIDER,
                OPERATION,
                builder::Address::default()
                    .street(text(&a.street))
                    .city(text(&a.city))
                    .state(text(&a.state))
                    .zip(text(&a.zip))
                    .country(text(&a.country))
                    .country_code(text(&a.country_code))
                    .type_(a.kind.map(place_type).unwrap_or_default()),
            )
        })
        .collect::<Result<Vec<types::Address>>>()?;
    let org = contact
        .organization()
        .map(|o| {
            build(
                PROVIDER,
                OPERATION,
                builder::Org::default()
                    .company(o.company.as_str())
                    .title(o.title.clone()),
            )
        })
        .transpose()?;
    build(
        PROVIDER,
        OPERATION,
        builder::Contact::default()
            .name(Some(name))
            .phones(phones)
            .emails(emails)
            .urls(urls)
            .addresses(addresses)
            .org(org)
            .birthday(contact.birthday().map(str::to_owned)),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::MediaUpload;
    use crate::message::{
        Audio, ButtonParameter, Buttons, ContactAddress, Document, HeaderParameter, Image,
        Location, Reaction, Sticker, Text, Video,
    };

    const SETTINGS: Settings<'static> = Settings {
        media_provider: Some("cdn"),
        template_namespace: Some("business_a_namespace"),
    };

    fn to() -> Recipient {
        "+16505551234".parse().unwrap()
    }

    fn json_of(message: Message) -> serde_json::Value {
        serde_json::to_value(request(&to(), &message, SETTINGS).unwrap()).unwrap()
    }

    #[test]
    fn a_text_carries_the_preview_flag_only_when_asked() {
        assert_eq!(
            json_of(Message::text("hi").unwrap()),
            json!({"to": "16505551234", "type": "text", "text": {"body": "hi"}})
        );
        let preview = Message::new(Text::new("see https://example.com").with_preview_url(true));
        assert_eq!(
            json_of(preview.unwrap()),
            json!({
                "to": "16505551234",
                "type": "text",
                "text": {"body": "see https://example.com"},
                "preview_url": true
            })
        );
    }

    #[test]
    fn groups_are_addressed_by_id_with_their_recipient_type() {
        let group: Recipient = "16315558032-1530825318"
            .parse::<crate::GroupId>()
            .unwrap()
            .into();
        let body = request(&group, &Message::text("hello all").unwrap(), SETTINGS).unwrap();
        assert_eq!(
            serde_json::to_value(body).unwrap(),
            json!({"recipient_type": "group", "to": "16315558032-1530825318", "type": "text", "text": {"body": "hello all"}})
        );
        let wa_id: Recipient = "16505551234".parse().unwrap();
        let body = request(&wa_id, &Message::text("hi").unwrap(), SETTINGS).unwrap();
        assert_eq!(body.to, "16505551234");
    }

    #[test]
    fn media_by_id_carries_the_required_caption_and_filename() {
        let image = Image::new(MediaSource::id("f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68"))
            .with_caption("Menu");
        assert_eq!(
            json_of(Message::new(image).unwrap()),
            json!({
                "to": "16505551234", "type": "image",
                "image": {"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68", "caption": "Menu"}
            })
        );
        let video = Video::new(MediaSource::id("v-1"));
        assert_eq!(
            json_of(Message::new(video).unwrap())["video"],
            json!({"id": "v-1", "caption": ""})
        );
        let audio = Audio::new(MediaSource::id("a-1"));
        let body = json_of(Message::new(audio).unwrap());
        assert_eq!(body["type"], "audio");
        assert_eq!(body["audio"], json!({"id": "a-1"}));
        let document = Document::new(MediaSource::id("d-1"))
            .with_file_name("invoice.pdf")
            .with_caption("Your invoice");
        let body = json_of(Message::new(document).unwrap());
        assert_eq!(body["type"], "document");
        assert_eq!(
            body["document"],
            json!({"id": "d-1", "caption": "Your invoice", "filename": "invoice.pdf"})
        );
        let unnamed = json_of(Message::new(Document::new(MediaSource::id("d-2"))).unwrap());
        assert_eq!(
            unnamed["document"],
            json!({"id": "d-2", "caption": "", "filename": ""})
        );
    }

    #[test]
    fn media_by_link_names_the_media_provider() {
        let link = |path: &str| MediaSource::link(&format!("https://example.com/{path}")).unwrap();
        let image = json_of(Message::new(Image::new(link("cat.jpg")).with_caption("Cat")).unwrap());
        assert_eq!(
            image["image"],
            json!({"link": "https://example.com/cat.jpg", "provider": {"name": "cdn"}, "caption": "Cat"})
        );
        let video = json_of(Message::new(Video::new(link("how.mp4"))).unwrap());
        assert_eq!(
            video["video"],
            json!({"link": "https://example.com/how.mp4", "provider": {"name": "cdn"}, "caption": ""})
        );
        let audio = json_of(Message::new(Audio::new(link("note.ogg"))).unwrap());
        assert_eq!(
            audio["audio"],
            json!({"link": "https://example.com/note.ogg", "provider": {"name": "cdn"}})
        );
        let document =
            json_of(Message::new(Document::new(link("a.pdf")).with_file_name("a.pdf")).unwrap());
        assert_eq!(
            document["document"],
            json!({"link": "https://example.com/a.pdf", "provider": {"name": "cdn"}, "caption": "", "filename": "a.pdf"})
        );
        let no_provider = Settings {
            media_provider: None,
            ..SETTINGS
        };
        let error = request(
            &to(),
            &Message::new(Image::new(link("cat.jpg"))).unwrap(),
            no_provider,
        )
        .unwrap_err();
        assert!(matches!(
            error,
            Error::Unsupported {
                feature: Feature::MediaFromLink,
                ..
            }
        ));
    }

    #[test]
    fn bytes_are_never_sent_unuploaded() {
        let upload = MediaUpload::new(vec![0xff, 0xd8], "image/jpeg");
        let error =
            request(&to(), &Message::new(Image::new(upload)).unwrap(), SETTINGS).unwrap_err();
        assert!(matches!(error, Error::Request { .. }), "{error:?}");
    }

    #[test]
    fn locations_have_string_coordinates_and_every_field() {
        let shop = Location::new(37.483_307, -122.148_981)
            .with_name("Facebook HQ")
            .with_address("1 Hacker Way, Menlo Park, CA 94025");
        assert_eq!(
            json_of(Message::new(shop).unwrap()),
            json!({
                "to": "16505551234", "type": "location",
                "location": {
                    "latitude": "37.483307", "longitude": "-122.148981",
                    "name": "Facebook HQ", "address": "1 Hacker Way, Menlo Park, CA 94025"
                }
            })
        );
        let bare = json_of(Message::new(Location::new(0.5, 10.0)).unwrap());
        assert_eq!(
            bare["location"],
            json!({"latitude": "0.5", "longitude": "10", "name": "", "address": ""})
        );
    }

    #[test]
    fn contacts_follow_the_specs_example() {
        let john = Contact::new("John Smith")
            .with_first_name("John")
            .with_last_name("Smith")
            .with_phone("+1 (940) 555-1234", Some(PhoneKind::Home))
            .with_whatsapp_phone("+1 (650) 555-1234", "16505551234", Some(PhoneKind::Work))
            .with_email("test@fb.com", Some(PlaceKind::Work))
            .with_email("home@example.com", None)
            .with_url("https://www.facebook.com", Some(PlaceKind::Work))
            .with_address(
                ContactAddress::new()
                    .with_street("1 Hacker Way")
                    .with_city("Menlo Park")
                    .with_state("CA")
                    .with_zip("94025")
                    .with_country("United States", "us")
                    .with_kind(PlaceKind::Home),
            )
            .with_address(ContactAddress::new().with_city("Berlin"))
            .with_organization("WhatsApp", Some("Manager"))
            .with_birthday("2012-08-18");
        let body = json_of(Message::new(john).unwrap());
        assert_eq!(body["type"], "contacts");
        assert_eq!(
            body["contacts"],
            json!([{
                "name": {"formatted_name": "John Smith", "first_name": "John", "last_name": "Smith"},
                "phones": [
                    {"phone": "+1 (940) 555-1234", "type": "HOME"},
                    {"phone": "+1 (650) 555-1234", "type": "WORK", "wa_id": "16505551234"}
                ],
                "emails": [
                    {"email": "test@fb.com", "type": "WORK"},
                    {"email": "home@example.com", "type": ""}
                ],
                "urls": [{"url": "https://www.facebook.com", "type": "WORK"}],
                "addresses": [
                    {"street": "1 Hacker Way", "city": "Menlo Park", "state": "CA", "zip": "94025",
                     "country": "United States", "country_code": "us", "type": "HOME"},
                    {"street": "", "city": "Berlin", "state": "", "zip": "", "country": "",
                     "country_code": "", "type": ""}
                ],
                "org": {"company": "WhatsApp", "title": "Manager"},
                "birthday": "2012-08-18"
            }])
        );
        let minimal = json_of(Message::new(Contact::new("Ada")).unwrap());
        assert_eq!(
            minimal["contacts"],
            json!([{"name": {"formatted_name": "Ada"}}])
        );
    }

    #[test]
    fn templates_are_legacy_hsm_with_positional_params() {
        let template = Template::new("hello_world", "en")
            .with_body_parameter(Parameter::text("1234"))
            .with_body_parameter(Parameter::currency("$100.99", "USD", 100_990))
            .with_body_parameter(Parameter::date_time("February 25, 1977"));
        assert_eq!(
            json_of(Message::new(template).unwrap()),
            json!({
                "to": "16505551234", "type": "hsm",
                "hsm": {
                    "namespace": "business_a_namespace",
                    "element_name": "hello_world",
                    "language": {"code": "en", "policy": "deterministic"},
                    "localizable_params": [
                        {"default": "1234"},
                        {"default": "$100.99", "currency": {"currency_code": "USD", "amount_1000": 100990}},
                        {"default": "February 25, 1977"}
                    ]
                }
            })
        );
        let without = json_of(Message::new(Template::new("hello_world", "en_US")).unwrap());
        assert_eq!(without["hsm"]["localizable_params"], json!([]));
    }

    #[test]
    fn what_hsm_cannot_carry_is_refused() {
        let refused =
            |template: Template| match request(&to(), &Message::new(template).unwrap(), SETTINGS)
                .unwrap_err()
            {
                Error::Unsupported { feature, .. } => feature,
                other => panic!("not unsupported: {other:?}"),
            };
        let named = Template::new("t", "en").with_body_parameter(Parameter::text("a").named("n"));
        assert_eq!(refused(named), Feature::TemplateNamedParameters);
        let header =
            Template::new("t", "en").with_header(HeaderParameter::Text(Parameter::text("h")));
        assert_eq!(refused(header), Feature::TemplateHeader);
        let button = Template::new("t", "en").with_button(ButtonParameter::QuickReply {
            index: 0,
            payload: "p".into(),
        });
        assert_eq!(refused(button), Feature::TemplateButtons);
        let huge = Template::new("t", "en").with_body_parameter(Parameter::currency(
            "a lot",
            "USD",
            i64::from(i32::MAX) + 1,
        ));
        let error = request(&to(), &Message::new(huge).unwrap(), SETTINGS).unwrap_err();
        assert_eq!(
            error.validation().map(|v| v.field()),
            Some("template.body[0].currency.amount_1000")
        );
        let no_namespace = Settings {
            template_namespace: None,
            ..SETTINGS
        };
        let plain = Message::new(Template::new("t", "en")).unwrap();
        assert!(matches!(
            request(&to(), &plain, no_namespace),
            Err(Error::Unsupported {
                feature: Feature::Template,
                ..
            })
        ));
    }

    #[test]
    fn kinds_the_api_lacks_are_refused() {
        for (message, feature) in [
            (
                Message::new(Sticker::new(MediaSource::id("s"))).unwrap(),
                Feature::Sticker,
            ),
            (
                Message::new(Buttons::new("?").with_button("y", "Yes")).unwrap(),
                Feature::Buttons,
            ),
            (
                Message::new(Reaction::new("gBEGkYiEB1VXAglK1ZEqA1YKPrU", "👍")).unwrap(),
                Feature::Reaction,
            ),
            (
                Message::text("re").unwrap().in_reply_to("gBEGk").unwrap(),
                Feature::ReplyTo,
            ),
        ] {
            match request(&to(), &message, SETTINGS) {
                Err(Error::Unsupported { feature: f, .. }) => assert_eq!(f, feature),
                other => panic!("{feature:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn mark_read_is_status_read() {
        assert_eq!(
            serde_json::to_value(mark_read().unwrap()).unwrap(),
            json!({"status": "read"})
        );
    }

    #[test]
    fn answers_give_the_message_and_media_ids() {
        // The Message-Response example (openapi.yaml:2436-2440).
        let answer: types::MessageResponse =
            serde_json::from_value(json!({"messages": [{"id": "gBEGkYiEB1VXAglK1ZEqA1YKPrU"}]}))
                .unwrap();
        let sent = sent(http::StatusCode::CREATED, &answer).unwrap();
        assert_eq!(
            sent.id,
            Some(MessageId::from("gBEGkYiEB1VXAglK1ZEqA1YKPrU"))
        );
        assert_eq!(sent.provider, Provider::OnPrem);
        assert_eq!(
            *sent.raw(),
            json!({"messages": [{"id": "gBEGkYiEB1VXAglK1ZEqA1YKPrU"}]})
        );
        let failed: types::MessageResponse = serde_json::from_value(
            json!({"errors": [{"code": 1013, "title": "User is not valid"}]}),
        )
        .unwrap();
        assert_eq!(
            super::sent(http::StatusCode::OK, &failed)
                .unwrap_err()
                .kind(),
            crate::ErrorKind::Recipient
        );
        // The Upload-Media-Response example (openapi.yaml:2852-2866).
        let upload: types::UploadMediaResponse = serde_json::from_value(
            json!({"media": [{"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68"}]}),
        )
        .unwrap();
        assert_eq!(
            uploaded(http::StatusCode::CREATED, &upload).unwrap(),
            MediaId::from("f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68")
        );
        let empty: types::UploadMediaResponse = serde_json::from_value(json!({})).unwrap();
        assert!(matches!(
            uploaded(http::StatusCode::OK, &empty),
            Err(Error::Decode {
                operation: "upload_media",
                ..
            })
        ));
    }
}
