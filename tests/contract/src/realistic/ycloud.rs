//! YCloud `whatsapp_message-send` with each message kind, and the documented error of
//! marking an inbound message as read.

use serde_json::json;
use whatsapp_sdk_ycloud::{Client, types};

use super::{ErrorCall, ErrorRun, body, expect_error};
use crate::run::{Call, Run, finish};

fn message(kind: &str) -> serde_json::Value {
    let media = |link: &str| json!({"link": link, "caption": "From the contract suite", "filename": "contract"});
    let content = match kind {
        "text" => {
            json!({"body": "Your order has shipped: https://example.com/o/1234", "preview_url": true})
        }
        "image" => media("https://example.com/contract.jpg"),
        "video" => media("https://example.com/contract.mp4"),
        "audio" => json!({"link": "https://example.com/contract.ogg"}),
        "document" => media("https://example.com/contract.pdf"),
        "sticker" => json!({"link": "https://example.com/contract.webp"}),
        "location" => {
            json!({"latitude": 37.4847, "longitude": -122.1477, "name": "Head office", "address": "1 Hacker Way, Menlo Park, CA"})
        }
        "contacts" => json!([{
            "name": {"formatted_name": "Jane Doe", "first_name": "Jane", "last_name": "Doe"},
            "phones": [{"phone": "+1 555 123 4567", "type": "WORK", "wa_id": "15551234567"}],
            "emails": [{"email": "jane@example.com", "type": "WORK"}]
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
    let mut message = json!({
        "from": "+15551234567",
        "to": "+15557654321",
        "type": kind,
        "externalId": "order-1234",
        "filterUnsubscribed": true,
        "filterBlocked": true,
    });
    message[kind] = content;
    message
}

macro_rules! send {
    ($name:ident, $kind:literal) => {
        fn $name(client: &Client) -> Run<'_> {
            Box::pin(async move {
                let body: types::WhatsappMessageSendRequest = body(message($kind))?;
                Ok(finish(
                    client.whatsapp_message_send().body(body).send().await,
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
        let body: types::WhatsappMessageSendRequest = body(json)?;
        Ok(finish(
            client.whatsapp_message_send().body(body).send().await,
        ))
    })
}

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    vec![
        Call::new("whatsapp_message-send (text)", text),
        Call::new("whatsapp_message-send (image)", image),
        Call::new("whatsapp_message-send (video)", video),
        Call::new("whatsapp_message-send (audio)", audio),
        Call::new("whatsapp_message-send (document)", document),
        Call::new("whatsapp_message-send (sticker)", sticker),
        Call::new("whatsapp_message-send (location)", location),
        Call::new("whatsapp_message-send (contacts)", contacts),
        Call::new("whatsapp_message-send (interactive)", interactive),
        Call::new("whatsapp_message-send (template)", template),
        Call::new("whatsapp_message-send (reaction)", reaction),
        Call::new("whatsapp_message-send (reply)", reply),
    ]
}

fn mark_read_missing(client: &Client) -> ErrorRun<'_> {
    Box::pin(async move {
        let result = client
            .whatsapp_inbound_message_mark_as_read()
            .id("wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA")
            .send()
            .await;
        expect_error::<_, types::ErrorResponse>(result, "404")
    })
}

/// The documented error of marking as read.
pub(crate) fn error_calls() -> Vec<ErrorCall<Client>> {
    vec![ErrorCall {
        operation: "whatsapp_inbound_message-mark-as-read",
        status: "404",
        run: mark_read_missing,
    }]
}
