//! Whapi.Cloud as the sandbox imitates it: the sends of `POST /messages/{kind}` the adapter
//! makes, reactions (`PUT`/`DELETE /messages/{MessageID}/reaction`), mark-read
//! (`PUT /messages/{MessageID}`) and the channel's media storage (`POST /media`,
//! `GET /media/{MediaID}`), each with the answers and errors `specs/whapi/openapi.yaml` gives.

mod checks;
mod storage;
#[cfg(test)]
mod tests;

use std::time::{SystemTime, UNIX_EPOCH};

use http::Method;
use serde_json::{Value, json};
use whatsapp_sdk_whapi::types;

use super::server::{Context, Incoming, authorized};
use super::{Answer, Sandbox, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::Whapi;

pub(crate) fn handle(request: &Incoming, context: &Context) -> Answer {
    let segments = request.segments();
    let route = Route::of(&request.method, &segments);
    if !authorized(PROVIDER, request) && !token_in_query(request) {
        return unauthorized(route);
    }
    match route {
        Route::Send(kind) => send(kind, request, context),
        Route::React(id) => react(id, request),
        Route::RemoveReaction(id) => with_message_id(id, success),
        Route::MarkRead(id) => with_message_id(id, success),
        Route::Upload => storage::upload(request, context),
        Route::Download(id) => storage::download(id, context),
        Route::Unknown => errors::not_found(PROVIDER, &request.path),
    }
}

/// The operations imitated, by method and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    Send(&'a str),
    React(&'a str),
    RemoveReaction(&'a str),
    MarkRead(&'a str),
    Upload,
    Download(&'a str),
    Unknown,
}

impl<'a> Route<'a> {
    fn of(method: &Method, segments: &[&'a str]) -> Self {
        match (method, segments) {
            (&Method::POST, ["messages", kind]) => Route::Send(kind),
            (&Method::PUT, ["messages", id, "reaction"]) => Route::React(id),
            (&Method::DELETE, ["messages", id, "reaction"]) => Route::RemoveReaction(id),
            (&Method::PUT, ["messages", id]) => Route::MarkRead(id),
            (&Method::POST, ["media"]) => Route::Upload,
            (&Method::GET, ["media", id]) => Route::Download(id),
            _ => Route::Unknown,
        }
    }
}

/// The spec's `tokenAuth` scheme: the token as the `token` query parameter.
fn token_in_query(request: &Incoming) -> bool {
    request.query.as_deref().is_some_and(|query| {
        url::form_urlencoded::parse(query.as_bytes())
            .any(|(name, value)| name == "token" && value == Sandbox::TOKEN)
    })
}

/// The 401 of each operation, with the description the spec gives it there.
fn unauthorized(route: Route<'_>) -> Answer {
    let what = match route {
        Route::Send(_) => "send message",
        Route::React(_) | Route::RemoveReaction(_) => "react to message",
        Route::MarkRead(_) => "mark as read message",
        Route::Upload => "upload media",
        // `getMedia` documents no 401; the gateway still needs the channel's token.
        Route::Download(_) | Route::Unknown => return errors::unauthorized(PROVIDER),
    };
    error(401, &format!("Need channel authorization for {what}"))
}

pub(super) fn error(status: u16, message: &str) -> Answer {
    Answer::json(status, &errors::whapi(i64::from(status), message))
}

/// The spec's `ResponseSuccess`, the answer of reactions and mark-read.
fn success() -> Answer {
    Answer::json(200, &json!({"success": true}))
}

/// Runs `then` when `id` is a `MessageID`. Whether the message exists is not checked: the
/// messages a channel reacts to or marks read are mostly ones it received, which the sandbox
/// never sees.
fn with_message_id(id: &str, then: impl FnOnce() -> Answer) -> Answer {
    match id.parse::<types::MessageId>() {
        Ok(_) => then(),
        Err(e) => errors::invalid(PROVIDER, &format!("MessageID: {e}")),
    }
}

fn react(id: &str, request: &Incoming) -> Answer {
    with_message_id(id, || match request.typed::<types::ReactToMessage>() {
        // An empty emoji is allowed: "Leave blank to remove the reaction."
        Ok(_) => success(),
        Err(reason) => errors::invalid(PROVIDER, &reason),
    })
}

/// A send: the body decoded as the operation's `Sender*` type, checked as the gateway would,
/// answered with the spec's `SentMessage`.
fn send(kind: &str, request: &Incoming, context: &Context) -> Answer {
    let decoded = match kind {
        "text" => request.typed::<types::SenderText>().map(|(_, sent)| sent),
        "image" => request.typed::<types::SenderImage>().map(|(_, sent)| sent),
        "video" => request.typed::<types::SenderVideo>().map(|(_, sent)| sent),
        "audio" => request.typed::<types::SenderAudio>().map(|(_, sent)| sent),
        "document" => request
            .typed::<types::SenderDocument>()
            .map(|(_, sent)| sent),
        "sticker" => request
            .typed::<types::SenderSticker>()
            .map(|(_, sent)| sent),
        "location" => request
            .typed::<types::SenderLocation>()
            .map(|(_, sent)| sent),
        "contact" => request
            .typed::<types::SenderContact>()
            .map(|(_, sent)| sent),
        "contact_list" => request
            .typed::<types::SenderContactList>()
            .map(|(_, sent)| sent),
        "interactive" => request
            .typed::<types::SenderInteractive>()
            .map(|(_, sent)| sent),
        _ => return errors::not_found(PROVIDER, &request.path),
    };
    let sent = match decoded {
        Ok(sent) => sent,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    if let Err(refusal) = checks::check(kind, &sent, context) {
        return refusal;
    }
    Answer::json(200, &sent_message(kind, &sent, context))
}

/// The spec's `SentMessage`: `sent` and the new `Message` with the fields it requires, the
/// chat it went to and, for the kinds whose content has no required file metadata, the content.
fn sent_message(kind: &str, sent: &Value, context: &Context) -> Value {
    let to = sent["to"].as_str().unwrap_or_default();
    // A bare number is a person's chat.
    let chat_id = if to.contains('@') {
        to.to_owned()
    } else {
        format!("{to}@s.whatsapp.net")
    };
    let mut message = json!({
        "id": message_id(&chat_id, context.state.next_number()),
        "type": kind,
        "chat_id": chat_id,
        "from_me": true,
        "source": "api",
        "status": "pending",
        "timestamp": SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    });
    let content = match kind {
        "text" => Some(json!({"body": sent["body"]})),
        "location" => Some(pick(sent, &["latitude", "longitude", "name", "address"])),
        "contact" => Some(pick(sent, &["name", "vcard"])),
        "contact_list" => Some(pick(sent, &["list"])),
        _ => None,
    };
    if let Some(content) = content {
        message[kind] = content;
    }
    if let Some(quoted) = sent["quoted"].as_str() {
        message["context"] = json!({"quoted_id": quoted});
    }
    json!({"sent": true, "message": message})
}

/// The fields of `value` named in `keys` that it has.
fn pick(value: &Value, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .filter_map(|k| value.get(*k).map(|v| ((*k).to_owned(), v.clone())))
            .collect(),
    )
}

/// A new message id in the form Whapi's have (`PsqXn5SAD5v7HRA-wHqGuKMTbCs`: 15 and 11
/// letters and digits), from the chat and a number never used before.
fn message_id(chat_id: &str, number: u64) -> String {
    let first = mix(fnv(format!("{chat_id}:{number}").as_bytes()));
    let second = mix(first ^ number);
    let third = mix(second);
    format!(
        "{}{}-{}",
        base62(first, 11),
        base62(second, 4),
        base62(third, 11)
    )
}

/// SplitMix64's finalizer: FNV alone leaves the high bits of similar inputs alike, and ids of
/// successive messages would share their first letters.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `value` in `width` letters and digits (its low digits when it needs more).
fn base62(mut value: u64, width: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// FNV-1a: a stable hash, so ids do not change between runs.
pub(super) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
