//! The common types as the Cloud API's generated request types, and its answers as `Sent`.
//!
//! Pure functions: no I/O, so each mapping is tested against golden JSON without a server.

use whatsapp_sdk_cloud::types::{self, builder};

use crate::adapter::build;
use crate::error::Result;
use crate::message::{
    ButtonParameter, Buttons, Contact, Content, HeaderParameter, List, Parameter, ParameterValue,
    PhoneKind, PlaceKind, Template,
};
use crate::{MediaSource, Message, MessageId, Provider, Recipient, Sent};

const PROVIDER: Provider = Provider::Cloud;
const OPERATION: &str = "send_message";

/// The `sendMessage` body for `message` to `to`. Media given as bytes must have been uploaded
/// already (see `adapter::with_uploaded_media`); the capability check has refused groups.
pub(crate) fn request(to: &Recipient, message: &Message) -> Result<types::SendMessageRequest> {
    use types::SendMessageRequestType as Type;
    // The struct itself rather than its builder: the builder holds every field as a
    // `Result`, moved on each setter and checked again by `try_from`, which callgrind showed
    // costs more than the rest of the mapping; the field types already hold checked values.
    let mut body = types::SendMessageRequest {
        audio: None,
        biz_opaque_callback_data: None,
        contacts: Vec::new(),
        context: message
            .reply_to()
            .map(|reply_to| types::SendMessageRequestContext {
                message_id: Some(reply_to.as_str().to_owned()),
            }),
        document: None,
        image: None,
        interactive: None,
        location: None,
        message_id: None,
        messaging_product: types::SendMessageRequestMessagingProduct::Whatsapp,
        reaction: None,
        recipient_type: None,
        status: None,
        sticker: None,
        template: None,
        text: None,
        to: Some(to.user().to_owned()),
        type_: None,
        video: None,
    };
    let type_ = match message.content() {
        Content::Text(text) => {
            let mut t = builder::TextMessage::default().body(text.body());
            if text.preview_url() {
                t = t.preview_url(true);
            }
            body.text = Some(build(PROVIDER, OPERATION, t)?);
            Type::Text
        }
        Content::Image(image) => {
            body.image = Some(media_object(image.source(), image.caption())?);
            Type::Image
        }
        Content::Video(video) => {
            body.video = Some(media_object(video.source(), video.caption())?);
            Type::Video
        }
        Content::Audio(audio) => {
            let (id, link) = reference(audio.source());
            body.audio = Some(types::AudioObject { id, link });
            Type::Audio
        }
        Content::Document(document) => {
            body.document = Some(document_object(
                document.source(),
                document.caption(),
                document.file_name(),
            ));
            Type::Document
        }
        Content::Sticker(sticker) => {
            let (id, link) = reference(sticker.source());
            body.sticker = Some(types::StickerObject { id, link });
            Type::Sticker
        }
        Content::Location(location) => {
            body.location = Some(types::LocationMessage {
                latitude: location.latitude(),
                longitude: location.longitude(),
                name: location.name().map(str::to_owned),
                address: location.address().map(str::to_owned),
            });
            Type::Location
        }
        Content::Contacts(contacts) => {
            body.contacts = contacts.iter().map(contact).collect();
            Type::Contacts
        }
        Content::Template(template) => {
            body.template = Some(template_message(template)?);
            Type::Template
        }
        Content::Buttons(buttons) => {
            body.interactive = Some(buttons_message(buttons)?);
            Type::Interactive
        }
        Content::List(list) => {
            body.interactive = Some(list_message(list)?);
            Type::Interactive
        }
        Content::Reaction(reaction) => {
            body.reaction = Some(types::ReactionMessage {
                message_id: reaction.message_id().as_str().to_owned(),
                // The Cloud API removes a reaction when the emoji is empty.
                emoji: reaction.emoji().unwrap_or_default().to_owned(),
            });
            Type::Reaction
        }
    };
    body.type_ = Some(type_);
    Ok(body)
}

/// The `sendMessage` body that marks `id` read: `{messaging_product, status: read, message_id}`.
pub(crate) fn mark_read(id: &MessageId) -> Result<types::SendMessageRequest> {
    let body = builder::SendMessageRequest::default()
        .messaging_product(types::SendMessageRequestMessagingProduct::Whatsapp)
        .status(Some(types::SendMessageRequestStatus::Read))
        .message_id(Some(id.as_str().to_owned()));
    build(PROVIDER, "mark_read", body)
}

/// The id of the sent message, and the answer (written as JSON when asked for).
pub(crate) fn sent(response: types::SendMessageResponse) -> Sent {
    let id = response
        .messages
        .iter()
        .find_map(|m| m.id.clone())
        .map(MessageId::new);
    Sent::deferred(id, PROVIDER, move || {
        serde_json::to_value(response).unwrap_or_default()
    })
}

/// A media source as `(id, link)`; bytes were replaced by an id before mapping.
fn reference(source: &MediaSource) -> (Option<String>, Option<String>) {
    match source {
        MediaSource::Id(id) => (Some(id.as_str().to_owned()), None),
        MediaSource::Link(url) => (None, Some(url.as_str().to_owned())),
        MediaSource::Bytes(_) => (None, None),
    }
}

fn media_object(source: &MediaSource, caption: Option<&str>) -> Result<types::MediaObject> {
    let (id, link) = reference(source);
    let mut object = builder::MediaObject::default().id(id).link(link);
    if let Some(caption) = caption {
        object = object.caption(Some(build(PROVIDER, OPERATION, caption)?));
    }
    build(PROVIDER, OPERATION, object)
}

fn document_object(
    source: &MediaSource,
    caption: Option<&str>,
    file_name: Option<&str>,
) -> types::DocumentObject {
    let (id, link) = reference(source);
    types::DocumentObject {
        id,
        link,
        caption: caption.map(str::to_owned),
        filename: file_name.map(str::to_owned),
    }
}

fn contact(contact: &Contact) -> types::ContactObject {
    use types::{
        ContactObjectAddressesItemType as AddressType, ContactObjectEmailsItemType as EmailType,
        ContactObjectPhonesItemType as PhoneType, ContactObjectUrlsItemType as UrlType,
    };
    let place = |kind: Option<PlaceKind>| kind.map(|k| matches!(k, PlaceKind::Work));
    types::ContactObject {
        name: types::ContactObjectName {
            formatted_name: contact.formatted_name().to_owned(),
            first_name: contact.first_name().map(str::to_owned),
            last_name: contact.last_name().map(str::to_owned),
            middle_name: None,
            prefix: None,
            suffix: None,
        },
        phones: contact
            .phones()
            .iter()
            .map(|p| types::ContactObjectPhonesItem {
                phone: Some(p.number.clone()),
                type_: p.kind.map(|k| match k {
                    PhoneKind::Cell => PhoneType::Cell,
                    PhoneKind::Main => PhoneType::Main,
                    PhoneKind::IPhone => PhoneType::Iphone,
                    PhoneKind::Home => PhoneType::Home,
                    PhoneKind::Work => PhoneType::Work,
                }),
                wa_id: p.wa_id.clone(),
            })
            .collect(),
        emails: contact
            .emails()
            .iter()
            .map(|e| types::ContactObjectEmailsItem {
                email: Some(e.email.clone()),
                type_: place(e.kind).map(|work| {
                    if work {
                        EmailType::Work
                    } else {
                        EmailType::Home
                    }
                }),
            })
            .collect(),
        urls: contact
            .urls()
            .iter()
            .map(|u| types::ContactObjectUrlsItem {
                url: Some(u.url.clone()),
                type_: place(u.kind).map(|work| if work { UrlType::Work } else { UrlType::Home }),
            })
            .collect(),
        addresses: contact
            .addresses()
            .iter()
            .map(|a| types::ContactObjectAddressesItem {
                street: a.street.clone(),
                city: a.city.clone(),
                state: a.state.clone(),
                zip: a.zip.clone(),
                country: a.country.clone(),
                country_code: a.country_code.clone(),
                type_: place(a.kind).map(|work| {
                    if work {
                        AddressType::Work
                    } else {
                        AddressType::Home
                    }
                }),
            })
            .collect(),
        org: contact.organization().map(|o| types::ContactObjectOrg {
            company: Some(o.company.clone()),
            department: None,
            title: o.title.clone(),
        }),
        birthday: contact.birthday().map(str::to_owned),
    }
}

fn template_message(template: &Template) -> Result<types::TemplateMessage> {
    use types::{TemplateComponentSubType as SubType, TemplateComponentType as Kind};
    let mut components = Vec::new();
    if let Some(header) = template.header() {
        components.push(component(
            Kind::Header,
            None,
            None,
            vec![header_parameter(header)],
        ));
    }
    if !template.body().is_empty() {
        components.push(component(
            Kind::Body,
            None,
            None,
            template.body().iter().map(parameter).collect(),
        ));
    }
    for button in template.buttons() {
        let (sub_type, value) = match button {
            ButtonParameter::QuickReply { payload, .. } => (
                SubType::QuickReply,
                bare(types::TemplateParameterType::Payload).with_payload(payload),
            ),
            ButtonParameter::Url { text, .. } => (
                SubType::Url,
                bare(types::TemplateParameterType::Text).with_text(text),
            ),
            ButtonParameter::CopyCode { code, .. } => (
                SubType::CopyCode,
                bare(types::TemplateParameterType::CouponCode).with_coupon(code),
            ),
        };
        components.push(component(
            Kind::Button,
            Some(sub_type),
            Some(button.index().to_string()),
            vec![value],
        ));
    }
    let language: types::TemplateMessageLanguage = build(
        PROVIDER,
        OPERATION,
        builder::TemplateMessageLanguage::default().code(template.language()),
    )?;
    build(
        PROVIDER,
        OPERATION,
        builder::TemplateMessage::default()
            .name(template.name())
            .language(language)
            .components(components),
    )
}

fn component(
    type_: types::TemplateComponentType,
    sub_type: Option<types::TemplateComponentSubType>,
    index: Option<String>,
    parameters: Vec<types::TemplateParameter>,
) -> types::TemplateComponent {
    types::TemplateComponent {
        type_,
        sub_type,
        index,
        parameters,
    }
}

/// A parameter of `type_` with no value yet.
fn bare(type_: types::TemplateParameterType) -> types::TemplateParameter {
    types::TemplateParameter {
        type_,
        coupon_code: None,
        currency: None,
        date_time: None,
        document: None,
        image: None,
        location: None,
        parameter_name: None,
        payload: None,
        text: None,
        video: None,
    }
}

trait ParameterValues {
    fn with_text(self, text: &str) -> Self;
    fn with_payload(self, payload: &str) -> Self;
    fn with_coupon(self, code: &str) -> Self;
}

impl ParameterValues for types::TemplateParameter {
    fn with_text(mut self, text: &str) -> Self {
        self.text = Some(text.to_owned());
        self
    }

    fn with_payload(mut self, payload: &str) -> Self {
        self.payload = Some(payload.to_owned());
        self
    }

    fn with_coupon(mut self, code: &str) -> Self {
        self.coupon_code = Some(code.to_owned());
        self
    }
}

fn parameter(parameter: &Parameter) -> types::TemplateParameter {
    use types::TemplateParameterType as Type;
    let mut mapped = match parameter.value() {
        ParameterValue::Text(text) => bare(Type::Text).with_text(text),
        ParameterValue::Currency {
            fallback,
            code,
            amount_1000,
        } => types::TemplateParameter {
            currency: Some(types::TemplateParameterCurrency {
                fallback_value: Some(fallback.clone()),
                code: Some(code.clone()),
                amount_1000: Some(*amount_1000),
            }),
            ..bare(Type::Currency)
        },
        ParameterValue::DateTime { fallback } => types::TemplateParameter {
            date_time: Some(types::TemplateParameterDateTime {
                fallback_value: Some(fallback.clone()),
            }),
            ..bare(Type::DateTime)
        },
    };
    mapped.parameter_name = parameter.name().map(str::to_owned);
    mapped
}

fn header_parameter(header: &HeaderParameter) -> types::TemplateParameter {
    use types::TemplateParameterType as Type;
    let media = |source: &MediaSource| {
        let (id, link) = reference(source);
        types::MediaObject {
            id,
            link,
            caption: None,
        }
    };
    match header {
        HeaderParameter::Text(text) => parameter(text),
        HeaderParameter::Image(source) => types::TemplateParameter {
            image: Some(media(source)),
            ..bare(Type::Image)
        },
        HeaderParameter::Video(source) => types::TemplateParameter {
            video: Some(media(source)),
            ..bare(Type::Video)
        },
        HeaderParameter::Document { source, file_name } => types::TemplateParameter {
            document: Some(document_object(source, None, file_name.as_deref())),
            ..bare(Type::Document)
        },
        HeaderParameter::Location(location) => types::TemplateParameter {
            location: Some(types::LocationMessage {
                latitude: location.latitude(),
                longitude: location.longitude(),
                name: location.name().map(str::to_owned),
                address: location.address().map(str::to_owned),
            }),
            ..bare(Type::Location)
        },
    }
}

/// Body, header and footer of an interactive message.
fn frame(
    interactive: builder::InteractiveMessage,
    body: &str,
    header: Option<&str>,
    footer: Option<&str>,
) -> Result<builder::InteractiveMessage> {
    let mut interactive = interactive.body(Some(build(
        PROVIDER,
        OPERATION,
        builder::InteractiveMessageBody::default().text(body),
    )?));
    if let Some(header) = header {
        interactive = interactive.header(Some(types::InteractiveMessageHeader {
            type_: Some(types::InteractiveMessageHeaderType::Text),
            text: Some(header.to_owned()),
            image: None,
            video: None,
            document: None,
        }));
    }
    if let Some(footer) = footer {
        interactive = interactive.footer(Some(build(
            PROVIDER,
            OPERATION,
            builder::InteractiveMessageFooter::default()
                .text(Some(build(PROVIDER, OPERATION, footer)?)),
        )?));
    }
    Ok(interactive)
}

fn buttons_message(buttons: &Buttons) -> Result<types::InteractiveMessage> {
    let items = buttons
        .buttons()
        .iter()
        .map(|b| {
            let reply = builder::InteractiveMessageActionButtonsItemReply::default()
                .id(Some(build(PROVIDER, OPERATION, b.id.as_str())?))
                .title(Some(build(PROVIDER, OPERATION, b.title.as_str())?));
            Ok(types::InteractiveMessageActionButtonsItem {
                type_: Some(types::InteractiveMessageActionButtonsItemType::Reply),
                reply: Some(build(PROVIDER, OPERATION, reply)?),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let action: types::InteractiveMessageAction = build(
        PROVIDER,
        OPERATION,
        builder::InteractiveMessageAction::default().buttons(items),
    )?;
    let interactive = builder::InteractiveMessage::default()
        .type_(types::InteractiveMessageType::Button)
        .action(action);
    build(
        PROVIDER,
        OPERATION,
        frame(
            interactive,
            buttons.body(),
            buttons.header(),
            buttons.footer(),
        )?,
    )
}

fn list_message(list: &List) -> Result<types::InteractiveMessage> {
    let sections = list
        .sections()
        .iter()
        .map(|section| {
            let rows = section
                .rows()
                .iter()
                .map(|row| {
                    let mut item = builder::ListSectionRowsItem::default()
                        .id(Some(build(PROVIDER, OPERATION, row.id.as_str())?))
                        .title(Some(build(PROVIDER, OPERATION, row.title.as_str())?));
                    if let Some(description) = &row.description {
                        item = item.description(Some(build(
                            PROVIDER,
                            OPERATION,
                            description.as_str(),
                        )?));
                    }
                    build(PROVIDER, OPERATION, item)
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(types::ListSection {
                title: section.title().map(str::to_owned),
                rows,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let action: types::InteractiveMessageAction = build(
        PROVIDER,
        OPERATION,
        builder::InteractiveMessageAction::default()
            .button(Some(build(PROVIDER, OPERATION, list.button())?))
            .sections(sections),
    )?;
    let interactive = builder::InteractiveMessage::default()
        .type_(types::InteractiveMessageType::List)
        .action(action);
    build(
        PROVIDER,
        OPERATION,
        frame(interactive, list.body(), list.header(), list.footer())?,
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::message::{ListSection, Reaction, Text};

    fn to() -> Recipient {
        "+14155550123".parse().unwrap()
    }

    fn json_of(message: Message) -> serde_json::Value {
        serde_json::to_value(request(&to(), &message).unwrap()).unwrap()
    }

    #[test]
    fn a_text_carries_only_what_was_set() {
        let message = Message::new(Text::new("hi").with_preview_url(true))
            .unwrap()
            .in_reply_to("wamid.1")
            .unwrap();
        assert_eq!(
            json_of(message),
            json!({
                "messaging_product": "whatsapp",
                "to": "14155550123",
                "type": "text",
                "text": {"body": "hi", "preview_url": true},
                "context": {"message_id": "wamid.1"}
            })
        );
    }

    #[test]
    fn named_template_parameters_carry_their_names() {
        let template = Template::new("order_update", "en_US")
            .with_body_parameter(Parameter::text("Ada").named("customer"))
            .with_button(ButtonParameter::Url {
                index: 1,
                text: "track/1234".into(),
            });
        let body = json_of(Message::new(template).unwrap());
        assert_eq!(
            body["template"]["components"],
            json!([
                {"type": "body", "parameters": [{"type": "text", "text": "Ada", "parameter_name": "customer"}]},
                {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "track/1234"}]}
            ])
        );
        assert_eq!(body["template"]["language"]["code"], "en_US");
    }

    #[test]
    fn lists_and_reaction_removals_follow_the_graph_shapes() {
        let list = List::new("Pick", "Open").with_section(ListSection::new("Slots").with_row(
            "a",
            "09:00",
            Some("Morning"),
        ));
        let body = json_of(Message::new(list).unwrap());
        assert_eq!(body["type"], "interactive");
        assert_eq!(
            body["interactive"],
            json!({
                "type": "list",
                "body": {"text": "Pick"},
                "action": {"button": "Open", "sections": [{"title": "Slots", "rows": [{"id": "a", "title": "09:00", "description": "Morning"}]}]}
            })
        );
        let removal = json_of(Message::new(Reaction::remove("wamid.9")).unwrap());
        assert_eq!(
            removal["reaction"],
            json!({"message_id": "wamid.9", "emoji": ""})
        );
    }

    #[test]
    fn mark_read_is_status_and_message_id_only() {
        let body = serde_json::to_value(mark_read(&MessageId::from("wamid.7")).unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.7"})
        );
    }
}
