//! What the benchmarks send and receive: the common messages of each kind, and Cloud API
//! webhook batches written from Meta's documented `messages` webhook format.

use serde_json::{Value, json};
use whatsapp_sdk::message::{
    ButtonParameter, Buttons, Contact, HeaderParameter, Image, List, ListSection, Location,
    Parameter, PhoneKind, Reaction, Template,
};
use whatsapp_sdk::{MediaSource, Message, MessageId};

/// The text every send benchmark sends (its size is varied only in the scaling table).
pub(crate) const TEXT: &str = "Your order #1234 has shipped and will arrive on Tuesday.";

/// A text of exactly `len` bytes (ASCII), for the scaling tables.
pub(crate) fn text_of(len: usize) -> String {
    TEXT.chars().cycle().take(len).collect()
}

/// One message of each kind the encoding table covers, by name.
pub(crate) fn messages() -> Result<Vec<(&'static str, Message)>, String> {
    let link = |url: &str| MediaSource::link(url).map_err(|e| e.to_string());
    let message = |content: whatsapp_sdk::Content| Message::new(content).map_err(|e| e.to_string());
    let template = Template::new("order_shipped", "en_US")
        .with_header(HeaderParameter::Image(link(
            "https://example.com/parcel.jpg",
        )?))
        .with_body_parameter(Parameter::text("Ada"))
        .with_body_parameter(Parameter::currency("€42.50", "EUR", 42_500))
        .with_button(ButtonParameter::QuickReply {
            index: 0,
            payload: "stop-updates".into(),
        });
    let buttons = Buttons::new("Shall we confirm your appointment?")
        .with_header("Dr. Who's practice")
        .with_footer("Reply STOP to opt out")
        .with_button("confirm", "Confirm")
        .with_button("reschedule", "Reschedule");
    let list = List::new("Pick a new time.", "Free slots").with_section(
        ListSection::new("Tuesday")
            .with_row("tue-09", "09:00", Some("With Dr. Who"))
            .with_row("tue-11", "11:30", None::<String>),
    );
    let location = Location::new(51.5014, -0.1419)
        .with_name("The practice")
        .with_address("1 Example St, London");
    let card = Contact::new("Dr. Who's practice")
        .with_phone("+44 20 7946 0958", Some(PhoneKind::Work))
        .with_url("https://example.com", None);
    Ok(vec![
        ("text", Message::text(TEXT).map_err(|e| e.to_string())?),
        (
            "image",
            message(
                Image::new(link("https://example.com/menu.jpg")?)
                    .with_caption("Today's menu")
                    .into(),
            )?,
        ),
        ("template", message(template.into())?),
        ("buttons", message(buttons.into())?),
        ("list", message(list.into())?),
        ("location", message(location.into())?),
        ("contact", message(card.into())?),
        (
            "reaction",
            message(
                Reaction::new(
                    MessageId::new("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"),
                    "👍",
                )
                .into(),
            )?,
        ),
    ])
}

/// What events a webhook batch is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mix {
    /// What a busy number receives: per four events a text, an image with a caption, a
    /// `delivered` and a `read` status (with conversation and pricing).
    Realistic,
    /// Only text messages, each with a body of this many bytes.
    Texts(usize),
}

/// A Cloud API webhook delivery of `events` events, one `changes[]` item each, as Meta batches
/// them under one WhatsApp Business Account entry.
pub(crate) fn cloud_batch(events: usize, mix: Mix) -> Vec<u8> {
    let changes: Vec<Value> = (0..events).map(|i| change(i, mix)).collect();
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "102290129340398", "changes": changes }]
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

fn change(i: usize, mix: Mix) -> Value {
    let from = format!("1631555{:04}", i % 10_000);
    let id = format!("wamid.HBgLMTYzMTU1NTEyMzQVAgASGBQzQUI{i:08}RTAzODEwMTQ0RgA=");
    let timestamp = (1_749_416_383 + i).to_string();
    let metadata =
        json!({ "display_phone_number": "15550783881", "phone_number_id": "106540352242922" });
    let contacts = json!([{ "profile": { "name": "Kerry Fisher" }, "wa_id": from }]);
    let message = |content: Value| {
        let mut message = json!({ "from": from, "id": id, "timestamp": timestamp });
        if let (Value::Object(m), Value::Object(c)) = (&mut message, content) {
            m.extend(c);
        }
        json!({
            "field": "messages",
            "value": {
                "messaging_product": "whatsapp",
                "metadata": metadata,
                "contacts": contacts,
                "messages": [message]
            }
        })
    };
    let status = |status: &str| {
        json!({
            "field": "messages",
            "value": {
                "messaging_product": "whatsapp",
                "metadata": metadata,
                "statuses": [{
                    "id": id,
                    "status": status,
                    "timestamp": timestamp,
                    "recipient_id": from,
                    "conversation": {
                        "id": "2b1a9f2e3c7d4e8f9a0b1c2d3e4f5a6b",
                        "origin": { "type": "service" }
                    },
                    "pricing": { "billable": true, "pricing_model": "CBP", "category": "service" }
                }]
            }
        })
    };
    match mix {
        Mix::Texts(len) => message(json!({ "type": "text", "text": { "body": text_of(len) } })),
        Mix::Realistic => match i % 4 {
            0 => message(
                json!({ "type": "text", "text": { "body": "Hi! Is my order on its way?" } }),
            ),
            1 => message(json!({
                "type": "image",
                "image": {
                    "caption": "The parcel arrived damaged",
                    "mime_type": "image/jpeg",
                    "sha256": "8sB2oDN0xY6iRCn0xYGcBnZ8dDAh4hGLBTFzoABTR1M=",
                    "id": "1003383421387256"
                }
            })),
            2 => status("delivered"),
            _ => status("read"),
        },
    }
}
