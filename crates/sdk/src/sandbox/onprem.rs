//! The on-premises WhatsApp Business API as the sandbox imitates it, below its `/v1`:
//! `SendMessage` (`POST /messages`), `MarkMessageAsRead` (`PUT /messages/{id}`), `UploadMedia`
//! (`POST /media`) and `DownloadMedia` (`GET /media/{id}`).
//!
//! The spec (`specs/onprem/openapi.yaml`) declares a `200` for each and no error status; errors
//! are its `Response` body, `{"errors": [{code, title, details}], "meta": {..}}`, with the codes
//! of Meta's on-premises error reference, which `Error.code` links.

use base64::Engine;
use http::{Method, StatusCode};
use serde_json::Value;
use whatsapp_sdk_onprem::types::{
    MarkMessageAsReadRequestBody, Message, MessageResponse, MessageType, Meta, MetaApiStatus,
    SendMessageRequestBody, SendMessageRequestBodyRecipientType, UploadMedia, UploadMediaResponse,
};

use super::server::{Context, Incoming, authorized};
use super::state::StoredMedia;
use super::{Answer, Sandbox, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::OnPrem;

/// The kinds whose object references a media file, by id or by link.
const MEDIA_KINDS: [&str; 4] = ["image", "video", "audio", "document"];

/// The request bodies `UploadMedia` declares (openapi.yaml:529-587), by MIME essence. The spec's
/// `audio/acc` is taken as the `audio/aac` it means, and its malformed key `codecs=opus` as the
/// parameter of `audio/ogg; codecs=opus`, which the essence already covers.
const UPLOAD_TYPES: [&str; 14] = [
    "application/msword",
    "application/pdf",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "audio/acc",
    "audio/aac",
    "audio/amr",
    "audio/mp4",
    "audio/mpeg",
    "audio/ogg",
    "image/jpeg",
    "image/png",
    "text/plain",
    "video/mp4",
];

pub(crate) fn handle(request: &Incoming, context: &Context) -> Answer {
    if !authorized(PROVIDER, request) {
        return errors::unauthorized(PROVIDER);
    }
    let segments = request.segments();
    match (&request.method, segments.as_slice()) {
        (&Method::POST, ["v1", "messages"]) => send(request, context),
        (&Method::PUT, ["v1", "messages", _id]) => mark_read(request),
        (&Method::POST, ["v1", "media"]) => upload(request, context),
        (&Method::GET, ["v1", "media", id]) => download(id, context),
        _ => errors::not_found(PROVIDER, &request.path),
    }
}

/// What every answer of the API carries (`Meta`, openapi.yaml:2456-2471).
fn meta() -> Meta {
    Meta {
        api_status: Some(MetaApiStatus::Stable),
        version: Some("sandbox".to_owned()),
    }
}

fn json<T: serde::Serialize>(status: u16, body: &T) -> Answer {
    match serde_json::to_value(body) {
        Ok(value) => Answer::json(status, &value),
        Err(e) => errors::refused(PROVIDER, &format!("the sandbox's answer failed: {e}")),
    }
}

/// `POST /messages`: a `SendMessageRequestBody` whose `type` names the object it carries.
fn send(request: &Incoming, context: &Context) -> Answer {
    // Checked on the JSON as sent, before decoding, which would report both as unknown fields:
    // a media object with both references (the untagged `Image`, … takes it as `*ById`, the
    // link left over), and the object the type names (the decoded type leaves an empty
    // `contacts` out).
    if let Ok(sent) = serde_json::from_slice::<Value>(&request.body) {
        for kind in MEDIA_KINDS {
            if let Some(reason) = media_problem(kind, &sent[kind]) {
                return errors::invalid(PROVIDER, &reason);
            }
        }
        if let Some(refusal) = missing_content(&sent) {
            return refusal;
        }
    }
    let (body, sent) = match request.typed::<SendMessageRequestBody>() {
        Ok(parsed) => parsed,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    if let Some(refusal) = recipient_problem(&body) {
        return refusal;
    }
    let kind = body.type_.unwrap_or(MessageType::Text);
    if let Some(refusal) = content_problem(kind, &sent) {
        return refusal;
    }
    let number = context.state.next_number();
    let answer = MessageResponse {
        errors: Vec::new(),
        messages: vec![Message {
            id: Some(message_id(&body.to, number)),
        }],
        meta: Some(meta()),
    };
    json(200, &answer)
}

/// The message's object is named by its type: `"type": "image"` needs `"image": {…}`; `type`
/// defaults to `text` (`Message-Type`, openapi.yaml:2441-2455). An unknown type is left to the
/// decoding, which names it.
fn missing_content(sent: &Value) -> Option<Answer> {
    let kind = match sent.get("type") {
        None | Some(Value::Null) => MessageType::Text,
        Some(named) => named.as_str()?.parse().ok()?,
    };
    if matches!(kind, MessageType::Voice | MessageType::Unknown) {
        return Some(errors::invalid(
            PROVIDER,
            &format!("Messages of type {kind} cannot be sent."),
        ));
    }
    let field = kind.to_string();
    let carried = match &sent[field.as_str()] {
        Value::Array(items) => !items.is_empty(),
        value => value.is_object(),
    };
    (!carried).then(|| {
        errors::onprem_answer(
            400,
            1008,
            "Required parameter is missing",
            &format!("The parameter {field} is required for type {field}."),
        )
    })
}

/// "recipient_type is required when using group" (openapi.yaml:2757-2766); `to` is then the
/// group's id, otherwise the WhatsApp id, which is the number's digits.
fn recipient_problem(body: &SendMessageRequestBody) -> Option<Answer> {
    let to = body.to.as_str();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // "individual" is what the server applies when the field is absent (the spec's default).
    match body
        .recipient_type
        .unwrap_or(SendMessageRequestBodyRecipientType::Individual)
    {
        SendMessageRequestBodyRecipientType::Individual if !digits(to) => {
            Some(errors::onprem_answer(
                400,
                1013,
                "User is not valid",
                &format!(
                    "`{to}` is not a WhatsApp id; use the wa_id the contacts endpoint returns."
                ),
            ))
        }
        // Group ids are digits, or `<creator>-<timestamp>` for groups of the older form.
        SendMessageRequestBodyRecipientType::Group
            if !to.split('-').all(digits) || to.split('-').count() > 2 =>
        {
            Some(errors::invalid(
                PROVIDER,
                &format!("`{to}` is not a group id."),
            ))
        }
        _ => None,
    }
}

/// A media object names exactly one of an uploaded `id` or a `link` with its `provider`
/// (`ImageById` or `ImageByProvider`, …).
fn media_problem(kind: &str, object: &Value) -> Option<String> {
    if !object.is_object() {
        return None;
    }
    match (object.get("id"), object.get("link")) {
        (Some(_), Some(_)) => Some(format!("{kind}: only one of id and link may be given.")),
        (None, None) => Some(format!("{kind}: one of id or link is required.")),
        _ => None,
    }
}

/// What the generated type cannot say: the media provider and the template namespace are the
/// ones this server has, a link is a URL, a location is on Earth, a contact has a name.
fn content_problem(kind: MessageType, sent: &Value) -> Option<Answer> {
    let invalid = |details: String| Some(errors::invalid(PROVIDER, &details));
    match kind {
        MessageType::Text => {
            if sent["text"]["body"]
                .as_str()
                .is_none_or(|b| b.trim().is_empty())
            {
                return invalid("text.body is empty.".into());
            }
        }
        MessageType::Image | MessageType::Video | MessageType::Audio | MessageType::Document => {
            let object = &sent[kind.to_string().as_str()];
            if let Some(link) = object.get("link").and_then(Value::as_str) {
                let parsed = url::Url::parse(link).ok();
                if !parsed.is_some_and(|u| matches!(u.scheme(), "http" | "https")) {
                    return invalid(format!("{kind}.link `{link}` is not an http(s) URL."));
                }
                let provider = object["provider"]["name"].as_str().unwrap_or_default();
                if provider != Sandbox::ONPREM_MEDIA_PROVIDER {
                    return invalid(format!(
                        "{kind}.provider.name: no media provider named `{provider}` is configured (this server has `{}`).",
                        Sandbox::ONPREM_MEDIA_PROVIDER
                    ));
                }
            }
            if object.get("id").and_then(Value::as_str) == Some("") {
                return invalid(format!("{kind}.id is empty."));
            }
        }
        MessageType::Location => {
            let coordinate = |name: &str, limit: f64| {
                sent["location"][name]
                    .as_str()
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|v| v.is_finite() && v.abs() <= limit)
            };
            if coordinate("latitude", 90.0).is_none() || coordinate("longitude", 180.0).is_none() {
                return invalid(
                    "location: latitude and longitude must be numbers in range.".into(),
                );
            }
        }
        MessageType::Contacts => {
            let unnamed = sent["contacts"].as_array().and_then(|contacts| {
                contacts.iter().position(|c| {
                    c["name"]["formatted_name"]
                        .as_str()
                        .is_none_or(|n| n.trim().is_empty())
                })
            });
            if let Some(i) = unnamed {
                return invalid(format!("contacts[{i}].name.formatted_name is required."));
            }
        }
        MessageType::Hsm => {
            let hsm = &sent["hsm"];
            let namespace = hsm["namespace"].as_str().unwrap_or_default();
            if namespace.trim().is_empty() {
                return Some(errors::onprem_answer(
                    400,
                    2014,
                    "Expected namespace is empty",
                    "hsm.namespace is empty.",
                ));
            }
            let name = hsm["element_name"].as_str().unwrap_or_default();
            if namespace != Sandbox::ONPREM_TEMPLATE_NAMESPACE || name.trim().is_empty() {
                return Some(errors::onprem_answer(
                    400,
                    2001,
                    "Template missing",
                    &format!("No template `{name}` in namespace `{namespace}`."),
                ));
            }
            if hsm["language"]["code"]
                .as_str()
                .is_none_or(|c| c.trim().is_empty())
            {
                return invalid("hsm.language.code is empty.".into());
            }
        }
        MessageType::Voice | MessageType::Unknown => {}
    }
    None
}

/// A message id in the form of the spec's (`gBEGkYiEB1VXAglK1ZEqA1YKPrU`, openapi.yaml:2394):
/// 20 bytes in URL-safe base64 without padding, 27 characters from `gBEG`, unique per send.
fn message_id(to: &str, number: u64) -> String {
    let mut bytes = vec![0x80, 0x11, 0x06];
    bytes.extend_from_slice(&fnv(to.as_bytes(), 0).to_be_bytes());
    // Multiplying by an odd number is a bijection of u64: unique like the counter, but
    // spread over every byte as a real id's are.
    bytes.extend_from_slice(&number.wrapping_mul(0x9e37_79b9_7f4a_7c15).to_be_bytes());
    bytes.push(fnv(&number.to_be_bytes(), 0).to_be_bytes()[0]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// FNV-1a over `bytes`, started from a `seed`-dependent basis.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A media id in the form of the spec's (`f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68`,
/// openapi.yaml:2846): a version-4-shaped UUID that depends only on the file, so the golden
/// files that name it stay the same whatever was uploaded before.
fn media_id(bytes: &[u8], mime_type: &str) -> String {
    let file: Vec<u8> = bytes.iter().chain(mime_type.as_bytes()).copied().collect();
    let high = fnv(&file, 0);
    let low = fnv(&file, 0x5bd1_e995);
    let high = (high & !0xf000) | 0x4000;
    let low = (low & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

/// `POST /media`: the file is the body, its MIME type the `Content-Type`.
fn upload(request: &Incoming, context: &Context) -> Answer {
    let Some(mime_type) = request.header("content-type").map(str::trim) else {
        return errors::onprem_answer(
            400,
            1008,
            "Required parameter is missing",
            "The Content-Type header is required.",
        );
    };
    let essence = mime_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !UPLOAD_TYPES.contains(&essence.as_str()) {
        return errors::invalid(
            PROVIDER,
            &format!("Media type `{mime_type}` is not supported."),
        );
    }
    if request.body.is_empty() {
        return errors::invalid(PROVIDER, "The media file is empty.");
    }
    let id = media_id(&request.body, mime_type);
    context.state.store_media(
        PROVIDER,
        id.clone(),
        StoredMedia {
            bytes: request.body.clone(),
            mime_type: mime_type.to_owned(),
        },
    );
    let answer = UploadMediaResponse {
        errors: Vec::new(),
        media: vec![UploadMedia { id: Some(id) }],
        meta: Some(meta()),
    };
    json(200, &answer)
}

/// `GET /media/{id}`: the file as uploaded, in its own `Content-Type`.
fn download(id: &str, context: &Context) -> Answer {
    match context.state.media(PROVIDER, id) {
        Some(media) => Answer::bytes(200, &media.mime_type, media.bytes),
        None => errors::not_found(PROVIDER, &format!("No media with id `{id}`.")),
    }
}

/// `PUT /messages/{id}` with `{"status": "read"}`; the spec's `200` has no content.
fn mark_read(request: &Incoming) -> Answer {
    let body = match request.typed::<MarkMessageAsReadRequestBody>() {
        Ok((body, _)) => body,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    if body.status != "read" {
        return errors::invalid(
            PROVIDER,
            &format!("status `{}` is not valid; only `read` is.", body.status),
        );
    }
    Answer {
        status: StatusCode::OK,
        headers: Vec::new(),
        body: bytes::Bytes::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bytes::Bytes;
    use http::HeaderMap;
    use serde_json::json;

    use super::*;
    use crate::sandbox::state::State;

    fn context() -> Context {
        Context {
            state: Arc::new(State::default()),
            root: "http://127.0.0.1:9".into(),
        }
    }

    fn incoming(method: Method, path: &str, content_type: &str, body: Bytes) -> Incoming {
        let mut headers = HeaderMap::new();
        let bearer = format!("Bearer {}", Sandbox::TOKEN);
        headers.insert("authorization", bearer.parse().unwrap());
        if !content_type.is_empty() {
            headers.insert("content-type", content_type.parse().unwrap());
        }
        Incoming {
            method,
            path: path.into(),
            query: None,
            headers,
            body,
        }
    }

    fn send(body: Value) -> Answer {
        let request = incoming(
            Method::POST,
            "/v1/messages",
            "application/json",
            Bytes::from(body.to_string()),
        );
        handle(&request, &context())
    }

    /// The status and the first error's code and details.
    fn refusal(answer: &Answer) -> (u16, i64, String) {
        let body: Value = serde_json::from_slice(answer.body()).unwrap();
        let error = &body["errors"][0];
        (
            answer.status().as_u16(),
            error["code"].as_i64().unwrap(),
            error["details"].as_str().unwrap_or_default().to_owned(),
        )
    }

    fn text_to(to: &str) -> Value {
        json!({"to": to, "type": "text", "text": {"body": "hi"}})
    }

    #[test]
    fn ids_have_the_specs_forms() {
        let id = message_id("14155550123", 1);
        assert_eq!(id.len(), 27, "{id}");
        assert!(id.starts_with("gBEG"), "{id}");
        assert_ne!(id, message_id("14155550123", 2));
        assert_ne!(id, message_id("14155550124", 1));

        let media = media_id(b"file", "image/png");
        let groups: Vec<usize> = media.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{media}");
        assert!(media.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
        assert_eq!(&media[14..15], "4", "version nibble: {media}");
        assert!(matches!(&media[19..20], "8" | "9" | "a" | "b"), "{media}");
        assert_eq!(media, media_id(b"file", "image/png"));
        assert_ne!(media, media_id(b"file", "image/jpeg"));
    }

    #[test]
    fn a_request_without_the_token_is_denied() {
        let mut request = incoming(
            Method::POST,
            "/v1/messages",
            "application/json",
            Bytes::new(),
        );
        request.headers.remove("authorization");
        let (status, code, _) = refusal(&handle(&request, &context()));
        assert_eq!((status, code), (401, 1005));
        let bearer = "Bearer not-the-sandbox-token".parse().unwrap();
        request.headers.insert("authorization", bearer);
        assert_eq!(refusal(&handle(&request, &context())).1, 1005);
    }

    #[test]
    fn a_message_is_answered_with_the_specs_response() {
        let answer = send(text_to("14155550123"));
        assert_eq!(answer.status().as_u16(), 200);
        let decoded: MessageResponse = serde_json::from_slice(answer.body()).unwrap();
        assert!(decoded.errors.is_empty());
        let id = decoded.messages[0].id.clone().unwrap();
        assert!(id.starts_with("gBEG") && id.len() == 27, "{id}");
        assert_eq!(
            decoded.meta.and_then(|m| m.api_status),
            Some(MetaApiStatus::Stable)
        );
        // `type` defaults to text.
        let untyped = send(json!({"to": "14155550123", "text": {"body": "hi"}}));
        assert_eq!(untyped.status().as_u16(), 200);
    }

    #[test]
    fn a_message_must_carry_the_object_its_type_names() {
        let (status, code, details) = refusal(&send(json!({"to": "1", "type": "image"})));
        assert_eq!((status, code), (400, 1008), "{details}");
        assert!(details.contains("image"), "{details}");
        let voice = send(json!({"to": "1", "type": "voice"}));
        assert_eq!(refusal(&voice).1, 1009);
        let empty = send(json!({"to": "1", "type": "contacts", "contacts": []}));
        assert_eq!(refusal(&empty).1, 1008);
    }

    #[test]
    fn bodies_outside_the_request_type_are_invalid() {
        let with_context = json!({"to": "1", "type": "text", "text": {"body": "hi"},
            "context": {"message_id": "x"}});
        let (status, code, details) = refusal(&send(with_context));
        assert_eq!((status, code), (400, 1009));
        assert!(details.contains("/context"), "{details}");
        let not_json = incoming(
            Method::POST,
            "/v1/messages",
            "application/json",
            Bytes::from("{"),
        );
        assert_eq!(refusal(&handle(&not_json, &context())).1, 1009);
        let bad_policy = json!({"to": "1", "type": "hsm", "hsm": {
            "namespace": Sandbox::ONPREM_TEMPLATE_NAMESPACE, "element_name": "t",
            "language": {"code": "en", "policy": "sometimes"}, "localizable_params": []}});
        assert_eq!(refusal(&send(bad_policy)).1, 1009);
    }

    #[test]
    fn recipients_are_wa_ids_or_group_ids() {
        let (status, code, _) = refusal(&send(text_to("+1 415 555 0123")));
        assert_eq!((status, code), (400, 1013));
        let mut group = text_to("16315558032-1530825318");
        group["recipient_type"] = json!("group");
        assert_eq!(send(group.clone()).status().as_u16(), 200);
        group["to"] = json!("120363025246125486");
        assert_eq!(send(group.clone()).status().as_u16(), 200);
        group["to"] = json!("family");
        assert_eq!(refusal(&send(group)).1, 1009);
    }

    #[test]
    fn media_names_one_reference_and_a_known_provider() {
        let image = |object: Value| send(json!({"to": "1", "type": "image", "image": object}));
        let both = image(
            json!({"id": "f043afd0", "link": "https://example.com/a.jpg",
            "provider": {"name": Sandbox::ONPREM_MEDIA_PROVIDER}, "caption": ""}),
        );
        let (status, code, details) = refusal(&both);
        assert_eq!((status, code), (400, 1009));
        assert!(details.contains("only one of id and link"), "{details}");
        let neither = image(json!({"caption": "x"}));
        assert!(refusal(&neither).2.contains("one of id or link"));
        let unknown_provider = image(json!({"link": "https://example.com/a.jpg",
            "provider": {"name": "elsewhere"}, "caption": ""}));
        assert!(refusal(&unknown_provider).2.contains("elsewhere"));
        let not_a_url = image(json!({"link": "a.jpg",
            "provider": {"name": Sandbox::ONPREM_MEDIA_PROVIDER}, "caption": ""}));
        assert!(refusal(&not_a_url).2.contains("not an http(s) URL"));
        let by_link = image(json!({"link": "https://example.com/a.jpg",
            "provider": {"name": Sandbox::ONPREM_MEDIA_PROVIDER}, "caption": ""}));
        assert_eq!(by_link.status().as_u16(), 200);
    }

    #[test]
    fn templates_come_from_the_servers_namespace() {
        let hsm = |namespace: &str| {
            send(json!({"to": "1", "type": "hsm", "hsm": {
                "namespace": namespace, "element_name": "order_update",
                "language": {"code": "en_US", "policy": "deterministic"},
                "localizable_params": [{"default": "Ada"}]}}))
        };
        assert_eq!(
            hsm(Sandbox::ONPREM_TEMPLATE_NAMESPACE).status().as_u16(),
            200
        );
        assert_eq!(refusal(&hsm("other_namespace")).1, 2001);
        assert_eq!(refusal(&hsm("")).1, 2014);
    }

    #[test]
    fn locations_and_contacts_are_checked() {
        let place = |latitude: &str| {
            send(json!({"to": "1", "type": "location", "location": {
                "latitude": latitude, "longitude": "13.4", "name": "", "address": ""}}))
        };
        assert_eq!(place("52.52").status().as_u16(), 200);
        assert_eq!(refusal(&place("91")).1, 1009);
        assert_eq!(refusal(&place("north")).1, 1009);
        let unnamed = send(json!({"to": "1", "type": "contacts",
            "contacts": [{"name": {"formatted_name": "Ada"}}, {"name": {"formatted_name": " "}}]}));
        assert!(refusal(&unnamed).2.contains("contacts[1]"));
    }

    #[test]
    fn uploads_are_kept_and_served_back_with_their_type() {
        let context = context();
        let upload = |content_type: &str, body: &'static [u8]| {
            let request = incoming(
                Method::POST,
                "/v1/media",
                content_type,
                Bytes::from_static(body),
            );
            handle(&request, &context)
        };
        let answer = upload("audio/ogg; codecs=opus", b"OggS");
        assert_eq!(answer.status().as_u16(), 200);
        let decoded: UploadMediaResponse = serde_json::from_slice(answer.body()).unwrap();
        let id = decoded.media[0].id.clone().unwrap();
        let download = incoming(Method::GET, &format!("/v1/media/{id}"), "", Bytes::new());
        let file = handle(&download, &context);
        assert_eq!(file.status().as_u16(), 200);
        assert_eq!(&file.body()[..], b"OggS");
        let content_type = file.headers.iter().find(|(n, _)| n == "content-type");
        assert_eq!(
            content_type.map(|(_, v)| v.to_str().unwrap()),
            Some("audio/ogg; codecs=opus")
        );

        assert_eq!(refusal(&upload("image/webp", b"RIFF")).1, 1009);
        assert_eq!(refusal(&upload("image/png", b"")).1, 1009);
        assert_eq!(refusal(&upload("", b"x")).1, 1008);
        let unknown = incoming(Method::GET, "/v1/media/missing", "", Bytes::new());
        let (status, code, _) = refusal(&handle(&unknown, &context));
        assert_eq!((status, code), (404, 1006));
    }

    #[test]
    fn mark_read_takes_status_read_only() {
        let read = |body: Value| {
            let request = incoming(
                Method::PUT,
                "/v1/messages/gBEGkYiEB1VXAglK1ZEqA1YKPrU",
                "application/json",
                Bytes::from(body.to_string()),
            );
            handle(&request, &context())
        };
        let answer = read(json!({"status": "read"}));
        assert_eq!(answer.status().as_u16(), 200);
        assert!(answer.body().is_empty());
        assert_eq!(refusal(&read(json!({"status": "delivered"}))).1, 1009);
        assert_eq!(refusal(&read(json!({}))).1, 1009);
    }

    #[test]
    fn other_paths_are_not_found() {
        for (method, path) in [
            (Method::GET, "/v1/messages"),
            (Method::DELETE, "/v1/media/x"),
            (Method::POST, "/messages"),
        ] {
            let request = incoming(method, path, "", Bytes::new());
            let (status, code, _) = refusal(&handle(&request, &context()));
            assert_eq!((status, code), (404, 1006), "{path}");
        }
    }
}
