//! Cloud API `sendMessage` with each message kind, a reply, a read receipt, and its errors.

use serde_json::json;
use whatsapp_sdk_cloud::{Client, types};

use super::{ErrorCall, ErrorRun, body, expect_error};
use crate::run::{Call, Run, finish};

const PHONE_NUMBER_ID: &str = "106540352242922";

/// `sendMessage` with `kind`'s complete body.
fn message(kind: &str) -> serde_json::Value {
    let link = "https://example.com/contract.jpg";
    let mut message = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "15551234567",
        "type": kind,
        "biz_opaque_callback_data": "order-1234",
    });
    let content = match kind {
        "text" => {
            json!({"body": "Your order has shipped: https://example.com/o/1234", "preview_url": true})
        }
        "image" => json!({"link": link, "caption": "Your receipt"}),
        "video" => {
            json!({"link": "https://example.com/contract.mp4", "caption": "How to assemble"})
        }
        "audio" => json!({"id": "1234567890123456"}),
        "document" => {
            json!({"link": "https://example.com/contract.pdf", "caption": "Invoice", "filename": "invoice.pdf"})
        }
        "sticker" => json!({"id": "1234567890123457"}),
        "location" => {
            json!({"latitude": 37.4847, "longitude": -122.1477, "name": "Head office", "address": "1 Hacker Way, Menlo Park, CA"})
        }
        "contacts" => json!([{
            "name": {"formatted_name": "Jane Doe", "first_name": "Jane", "last_name": "Doe"},
            "birthday": "1990-01-31",
            "phones": [{"phone": "+1 555 123 4567", "type": "WORK", "wa_id": "15551234567"}],
            "emails": [{"email": "jane@example.com", "type": "WORK"}],
            "org": {"company": "Example Inc.", "department": "Sales", "title": "Manager"},
            "urls": [{"url": "https://example.com", "type": "WORK"}],
            "addresses": [{"street": "1 Hacker Way", "city": "Menlo Park", "state": "CA", "zip": "94025", "country": "United States", "country_code": "US", "type": "WORK"}]
        }]),
        "interactive" => json!({
            "type": "button",
            "header": {"type": "text", "text": "Delivery"},
            "body": {"text": "When should we deliver?"},
            "footer": {"text": "Reply with a button"},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": "today", "title": "Today"}},
                {"type": "reply", "reply": {"id": "tomorrow", "title": "Tomorrow"}}
            ]}
        }),
        "template" => json!({
            "name": "order_update",
            "language": {"code": "en_US", "policy": "deterministic"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "1234"}]}]
        }),
        "reaction" => {
            json!({"message_id": "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", "emoji": "\u{1F44D}"})
        }
        _ => json!({}),
    };
    message[kind] = content;
    message
}

macro_rules! send {
    ($name:ident, $kind:literal) => {
        fn $name(client: &Client) -> Run<'_> {
            Box::pin(async move {
                let body: types::SendMessageRequest = body(message($kind))?;
                Ok(finish(
                    client
                        .send_message()
                        .phone_number_id(PHONE_NUMBER_ID)
                        .body(body)
                        .send()
                        .await,
                ))
            })
        }
    };
}

send!(text, "text");
send!(image, "image");
send!(video, "video");
send!(audio, "audio");
send!(document, "document");
send!(sticker, "sticker");
send!(location, "location");
send!(contacts, "contacts");
send!(interactive, "interactive");
send!(template, "template");
send!(reaction, "reaction");

fn reply(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let mut json = message("text");
        json["context"] =
            json!({"message_id": "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"});
        let body: types::SendMessageRequest = body(json)?;
        Ok(finish(
            client
                .send_message()
                .phone_number_id(PHONE_NUMBER_ID)
                .body(body)
                .send()
                .await,
        ))
    })
}

fn mark_read(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let body: types::SendMessageRequest = body(json!({
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
            "to": "15551234567",
            "type": "text"
        }))?;
        Ok(finish(
            client
                .send_message()
                .phone_number_id(PHONE_NUMBER_ID)
                .body(body)
                .send()
                .await,
        ))
    })
}

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    vec![
        Call::new("sendMessage (text)", text),
        Call::new("sendMessage (image)", image),
        Call::new("sendMessage (video)", video),
        Call::new("sendMessage (audio)", audio),
        Call::new("sendMessage (document)", document),
        Call::new("sendMessage (sticker)", sticker),
        Call::new("sendMessage (location)", location),
        Call::new("sendMessage (contacts)", contacts),
        Call::new("sendMessage (interactive)", interactive),
        Call::new("sendMessage (template)", template),
        Call::new("sendMessage (reaction)", reaction),
        Call::new("sendMessage (reply)", reply),
        Call::new("sendMessage (mark as read)", mark_read),
    ]
}

fn send_error<'a>(client: &'a Client, status: &'static str) -> ErrorRun<'a> {
    Box::pin(async move {
        let body: types::SendMessageRequest = body(message("text"))?;
        let result = client
            .send_message()
            .phone_number_id(PHONE_NUMBER_ID)
            .body(body)
            .send()
            .await;
        expect_error::<_, types::ErrorResponse>(result, status)
    })
}

/// `sendMessage`'s documented errors.
pub(crate) fn error_calls() -> Vec<ErrorCall<Client>> {
    vec![
        ErrorCall {
            operation: "sendMessage",
            status: "400",
            run: |c| send_error(c, "400"),
        },
        ErrorCall {
            operation: "sendMessage",
            status: "401",
            run: |c| send_error(c, "401"),
        },
    ]
}
