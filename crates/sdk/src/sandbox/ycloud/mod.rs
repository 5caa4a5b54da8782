//! YCloud as the sandbox imitates it: `whatsapp_message-send-directly`
//! (`POST /whatsapp/messages/sendDirectly`) and `whatsapp_inbound_message-mark-as-read`
//! (`POST /whatsapp/inboundMessages/{id}/markAsRead`), with the answers and errors
//! `specs/ycloud/openapi.yaml` gives. Paths start with the `/v2` of the spec's server URL.

mod checks;
#[cfg(test)]
mod tests;

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use bytes::Bytes;
use http::{Method, StatusCode};
use serde_json::{Value, json};
use whatsapp_sdk_ycloud::types::WhatsappMessageSendRequest;

use super::server::{Context, Incoming, authorized};
use super::{Answer, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::YCloud;

/// The WhatsApp Business Account the sandbox's sender number belongs to.
const WABA_ID: &str = "102290129340398";

/// The request fields that hold a message's content (and the answer echoes).
const CONTENT: &[&str] = &[
    "text",
    "image",
    "video",
    "audio",
    "document",
    "sticker",
    "location",
    "contacts",
    "template",
    "interactive",
    "reaction",
];

pub(crate) fn handle(request: &Incoming, context: &Context) -> Answer {
    if !authorized(PROVIDER, request) {
        return errors::unauthorized(PROVIDER);
    }
    let segments = request.segments();
    match (&request.method, segments.as_slice()) {
        (&Method::POST, ["v2", "whatsapp", "messages", "sendDirectly"]) => send(request, context),
        (&Method::POST, ["v2", "whatsapp", "inboundMessages", id, "markAsRead"]) => mark_read(id),
        _ => errors::not_found(PROVIDER, &request.path),
    }
}

fn send(request: &Incoming, context: &Context) -> Answer {
    let sent = match request.typed::<WhatsappMessageSendRequest>() {
        Ok((_, sent)) => sent,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    if let Err(reason) = checks::check(&sent) {
        return errors::invalid(PROVIDER, &reason);
    }
    Answer::json(200, &message(&sent, context))
}

/// The spec's `WhatsappMessage` for an accepted send: YCloud's id (an ObjectId like the
/// spec's `627c8640675de8fc689ab9d9`), the `wamid` WhatsApp gave it, the request's content,
/// and the times it was created and sent.
fn message(sent: &Value, context: &Context) -> Value {
    let number = context.state.next_number();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let to = sent["to"].as_str().unwrap_or_default();
    // The spec's example id `627c8640675de8fc689ab9d9` is a MongoDB ObjectId: 4 bytes of
    // seconds, 5 bytes fixed per process (here per sandbox), a 3-byte counter.
    let id = format!(
        "{:08x}{:010x}{:06x}",
        now.as_secs() & 0xffff_ffff,
        fnv(context.root.as_bytes()) & 0xff_ffff_ffff,
        number & 0xff_ffff
    );
    let wamid = format!(
        "wamid.{}",
        base64::engine::general_purpose::STANDARD.encode(format!("sandbox:{to}:{number:012}"))
    );
    let time = rfc3339(now);
    let mut message = json!({
        "id": id,
        "wamid": wamid,
        "wabaId": WABA_ID,
        "from": sent["from"],
        "to": to,
        "type": sent["type"],
        "status": "sent",
        "createTime": time,
        "updateTime": time,
        "sendTime": time,
        "bizType": "whatsapp",
    });
    for field in CONTENT.iter().chain(&["context", "externalId"]) {
        if !sent[*field].is_null() {
            message[*field] = sent[*field].clone();
        }
    }
    message
}

/// Any inbound message the sandbox is asked about exists (it never sees them arrive); an id
/// that is neither YCloud's (24 hexadecimal digits) nor a `wamid` names none.
fn mark_read(id: &str) -> Answer {
    let ycloud_id = id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !(ycloud_id || id.starts_with("wamid.") && id.len() > "wamid.".len()) {
        return errors::not_found(PROVIDER, id);
    }
    // The spec documents this answer without a body.
    Answer {
        status: StatusCode::OK,
        headers: Vec::new(),
        body: Bytes::new(),
    }
}

/// FNV-1a: a stable hash for ids.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `since_epoch` in RFC 3339 with milliseconds, the spec's `2022-06-01T12:00:00.000Z`.
fn rfc3339(since_epoch: std::time::Duration) -> String {
    let seconds = since_epoch.as_secs();
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    // Howard Hinnant's `civil_from_days`, for days since 1970-01-01 (never negative here).
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60,
        since_epoch.subsec_millis()
    )
}
