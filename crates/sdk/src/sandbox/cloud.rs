//! The Cloud API as the sandbox imitates it: `sendMessage` (messages and read receipts),
//! `uploadMedia`, `getMediaUrl` and the media file behind its URL.

use base64::Engine;
use http::Method;
use serde_json::json;
use whatsapp_sdk_cloud::types::SendMessageRequest;

use super::server::{Context, Incoming, authorized};
use super::state::StoredMedia;
use super::{Answer, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::Cloud;

pub(crate) fn handle(request: &Incoming, context: &Context) -> Answer {
    if !authorized(PROVIDER, request) {
        return errors::unauthorized(PROVIDER);
    }
    let segments = request.segments();
    match (&request.method, segments.as_slice()) {
        (&Method::GET, ["files", id]) => file(id, context),
        (method, [version, rest @ ..]) if is_version(version) => match (method, rest) {
            (&Method::POST, [_phone, "messages"]) => send(request, context),
            (&Method::POST, [_phone, "media"]) => upload(request, context),
            (&Method::GET, [id]) => media_url(id, context),
            _ => errors::not_found(PROVIDER, &request.path),
        },
        _ => errors::not_found(PROVIDER, &request.path),
    }
}

/// `v23.0`: Graph paths start with the API version.
fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && (a.to_owned() + b).bytes().all(|c| c.is_ascii_digit())
        })
}

fn send(request: &Incoming, context: &Context) -> Answer {
    let (body, sent) = match request.typed::<SendMessageRequest>() {
        Ok(parsed) => parsed,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    if body.status.is_some() {
        return match body.message_id {
            Some(_) => Answer::json(200, &json!({"success": true})),
            None => errors::invalid(PROVIDER, "The parameter message_id is required."),
        };
    }
    let (Some(to), Some(kind)) = (&body.to, sent.get("type").and_then(|t| t.as_str())) else {
        return errors::invalid(PROVIDER, "The parameters to and type are required.");
    };
    // The message's object is named by its type: `"type": "image"` needs `"image": {…}`.
    let carried = match &sent[kind] {
        serde_json::Value::Array(items) => !items.is_empty(),
        value => value.is_object(),
    };
    if !carried {
        return errors::invalid(PROVIDER, &format!("The parameter {kind} is required."));
    }
    if let Some(reason) = media_problem(&sent[kind]) {
        return errors::invalid(PROVIDER, &reason);
    }
    let id = format!(
        "wamid.{}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("sandbox:{to}:{:012}", context.state.next_number()))
    );
    Answer::json(
        200,
        &json!({
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": to}],
            "messages": [{"id": id}]
        }),
    )
}

/// A media object must name exactly one of an uploaded `id` or a `link`. (Whether the id
/// exists is, as with Meta, reported later through a status webhook, not in this answer.)
fn media_problem(object: &serde_json::Value) -> Option<String> {
    match (object.get("id"), object.get("link")) {
        (Some(_), Some(_)) => Some("Only one of id and link may be given.".into()),
        _ => None,
    }
}

fn upload(request: &Incoming, context: &Context) -> Answer {
    let parts = request.parts();
    let field = |name: &str| parts.iter().find(|p| p.name == name);
    if field("messaging_product").map(|p| &p.body[..]) != Some(b"whatsapp") {
        return errors::invalid(PROVIDER, "The parameter messaging_product is required.");
    }
    let (Some(file), Some(kind)) = (field("file"), field("type")) else {
        return errors::invalid(PROVIDER, "The parameters file and type are required.");
    };
    let mime_type = String::from_utf8_lossy(&kind.body).into_owned();
    let id = super::state::State::media_id_for(&file.body, &mime_type);
    context.state.store_media(
        PROVIDER,
        id.clone(),
        StoredMedia {
            bytes: file.body.clone(),
            mime_type,
        },
    );
    Answer::json(200, &json!({"id": id}))
}

fn media_url(id: &str, context: &Context) -> Answer {
    match context.state.media(PROVIDER, id) {
        Some(media) => Answer::json(
            200,
            &json!({
                "messaging_product": "whatsapp",
                "url": format!("{}{}/files/{id}", context.root, super::prefix(PROVIDER)),
                "mime_type": media.mime_type,
                "file_size": media.bytes.len(),
                "id": id
            }),
        ),
        None => errors::invalid(
            PROVIDER,
            &format!("Unsupported get request. Object with ID '{id}' does not exist"),
        ),
    }
}

fn file(id: &str, context: &Context) -> Answer {
    match context.state.media(PROVIDER, id) {
        Some(media) => Answer::bytes(200, &media.mime_type, media.bytes),
        None => errors::not_found(PROVIDER, id),
    }
}
