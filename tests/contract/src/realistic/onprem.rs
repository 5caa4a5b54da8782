//! On-premises `SendMessage` with each message kind it documents. Its spec declares no error
//! answer for sending, so there are no error calls.

use serde_json::json;
use whatsapp_sdk_onprem::{Client, types};

use super::{ErrorCall, body};
use crate::run::{Call, Run, finish};

fn message(kind: &str) -> serde_json::Value {
    let content = match kind {
        "text" => json!({"body": "Your order has shipped: https://example.com/o/1234"}),
        "image" => json!({"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68", "caption": "Your receipt"}),
        "video" => {
            json!({"link": "https://example.com/contract.mp4", "provider": {"name": "cdn"}, "caption": "How to assemble"})
        }
        "audio" => json!({"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd69"}),
        "document" => {
            json!({"id": "f043afd0-f0ae-4b9c-ab3d-696fb4c8cd70", "caption": "Invoice", "filename": "invoice.pdf"})
        }
        "location" => {
            json!({"latitude": "37.4847", "longitude": "-122.1477", "name": "Head office", "address": "1 Hacker Way, Menlo Park, CA"})
        }
        "contacts" => json!([{
            "name": {"formatted_name": "Jane Doe", "first_name": "Jane", "last_name": "Doe"},
            "birthday": "1990-01-31",
            "phones": [{"phone": "+1 555 123 4567", "type": "WORK", "wa_id": "15551234567"}],
            "emails": [{"email": "jane@example.com", "type": "WORK"}],
            "org": {"company": "Example Inc.", "department": "Sales", "title": "Manager"},
            "urls": [{"url": "https://example.com", "type": "WORK"}]
        }]),
        "hsm" => json!({
            "namespace": "business_a_namespace",
            "element_name": "order_update",
            "language": {"policy": "deterministic", "code": "en"},
            "localizable_params": [{"default": "1234"}]
        }),
        _ => json!({}),
    };
    let mut message = json!({
        "to": "15551234567",
        "recipient_type": "individual",
        "type": kind,
    });
    if kind == "text" {
        message["preview_url"] = json!(true);
    }
    message[kind] = content;
    message
}

macro_rules! send {
    ($name:ident, $kind:literal) => {
        fn $name(client: &Client) -> Run<'_> {
            Box::pin(async move {
                let body: types::SendMessageRequestBody = body(message($kind))?;
                Ok(finish(client.send_message().body(body).send().await))
            })
        }
    };
}

send!(text, "text");
send!(image, "image");
send!(video, "video");
send!(audio, "audio");
send!(document, "document");
send!(location, "location");
send!(contacts, "contacts");
send!(hsm, "hsm");

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    vec![
        Call::new("SendMessage (text)", text),
        Call::new("SendMessage (image)", image),
        Call::new("SendMessage (video)", video),
        Call::new("SendMessage (audio)", audio),
        Call::new("SendMessage (document)", document),
        Call::new("SendMessage (location)", location),
        Call::new("SendMessage (contacts)", contacts),
        Call::new("SendMessage (hsm)", hsm),
    ]
}

/// None: the spec documents no error answer for `SendMessage` or `MarkMessageAsRead`.
pub(crate) fn error_calls() -> Vec<ErrorCall<Client>> {
    Vec::new()
}
