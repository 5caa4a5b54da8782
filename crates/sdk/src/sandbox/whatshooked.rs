//! WhatsHooked as the sandbox imitates it, for the sandbox's `business-api` account
//! ([`Sandbox::WHATSHOOKED_ACCOUNT_ID`]): the send operations the messenger uses
//! (`POST /api/send`, `/api/send/{image,video,document,audio,sticker,location,contacts,
//! interactive,template,reaction}`), `markAsRead` (`POST /api/messages/read`) and `uploadMedia`
//! (`POST /api/media/upload`).
//!
//! The spec (`specs/whatshooked/openapi.json`) answers every send and mark-read with
//! `StatusOk`, `{"status": "ok"}`, and fails them with a plain-text `Error`: 400 "Bad request /
//! invalid JID", 401 "Unauthorized", 500 "Send failed". A `business-api` account forwards to
//! Meta's Cloud API, so the free-form objects (`interactive`, template components) are checked
//! for the Cloud API's shapes and the upload is answered as Meta answers it.

use base64::Engine;
use http::Method;
use serde_json::{Value, json};
use whatsapp_sdk_whatshooked::types::{
    InteractiveObjectType, MarkAsReadBody, SendAudioBody, SendContactsBody, SendDocumentBody,
    SendImageBody, SendInteractiveBody, SendLocationBody, SendMessageBody, SendReactionBody,
    SendStickerBody, SendTemplateBody, SendVideoBody, StatusOk,
};

use super::server::{Context, Incoming, authorized};
use super::state::{State, StoredMedia};
use super::{Answer, Sandbox, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::WhatsHooked;

/// The servers of the JIDs WhatsApp uses: people, groups, linked ids, broadcasts, channels.
const JID_SERVERS: [&str; 6] = [
    "s.whatsapp.net",
    "c.us",
    "g.us",
    "lid",
    "broadcast",
    "newsletter",
];

/// A request's problem, answered with the spec's plain-text 400.
type Checked = Result<(), String>;

pub(crate) fn handle(request: &Incoming, context: &Context) -> Answer {
    if !authorized(PROVIDER, request) && !basic_password_is_the_token(request) {
        return errors::unauthorized(PROVIDER);
    }
    let segments = request.segments();
    let Some(rest) = segments.strip_prefix(&["api"]) else {
        return errors::not_found(PROVIDER, &request.path);
    };
    match (&request.method, rest) {
        (&Method::POST, ["send"]) => send::<SendMessageBody>(request, text),
        (&Method::POST, ["send", "image"]) => send::<SendImageBody>(request, image),
        (&Method::POST, ["send", "video"]) => send::<SendVideoBody>(request, video),
        (&Method::POST, ["send", "document"]) => send::<SendDocumentBody>(request, document),
        (&Method::POST, ["send", "audio"]) => send::<SendAudioBody>(request, audio),
        (&Method::POST, ["send", "sticker"]) => send::<SendStickerBody>(request, sticker),
        (&Method::POST, ["send", "location"]) => send::<SendLocationBody>(request, location),
        (&Method::POST, ["send", "contacts"]) => send::<SendContactsBody>(request, contacts),
        (&Method::POST, ["send", "interactive"]) => {
            send::<SendInteractiveBody>(request, interactive)
        }
        (&Method::POST, ["send", "template"]) => send::<SendTemplateBody>(request, template),
        (&Method::POST, ["send", "reaction"]) => send::<SendReactionBody>(request, reaction),
        (&Method::POST, ["messages", "read"]) => mark_read(request),
        (&Method::POST, ["media", "upload"]) => upload(request, context),
        _ => errors::not_found(PROVIDER, &request.path),
    }
}

/// HTTP Basic, the spec's third scheme: any user name, the sandbox's token as the password.
fn basic_password_is_the_token(request: &Incoming) -> bool {
    request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
        })
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .is_some_and(|pair| {
            pair.split_once(':')
                .is_some_and(|(_, password)| password == Sandbox::TOKEN)
        })
}

/// `StatusOk`, as every send and `markAsRead` answers.
fn ok() -> Answer {
    let status = StatusOk {
        status: "ok".to_owned(),
    };
    match serde_json::to_value(status) {
        Ok(body) => Answer::json(200, &body),
        Err(e) => errors::refused(PROVIDER, &format!("the sandbox's answer failed: {e}")),
    }
}

/// A send: the body decoded as the operation's generated type `T`, then the checks every send
/// shares (the account, the recipient) and `check`, the operation's own.
fn send<T>(request: &Incoming, check: fn(&T) -> Checked) -> Answer
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let (body, sent) = match request.typed::<T>() {
        Ok(parsed) => parsed,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    let outcome = account(&sent)
        .and_then(|()| recipient(&sent["to"]))
        .and_then(|()| check(&body));
    match outcome {
        Ok(()) => ok(),
        Err(reason) => errors::invalid(PROVIDER, &reason),
    }
}

/// The account the request names is the sandbox's (the bridge sends from its configured
/// accounts only).
fn account(sent: &Value) -> Checked {
    match sent["account_id"].as_str() {
        Some(Sandbox::WHATSHOOKED_ACCOUNT_ID) => Ok(()),
        Some(other) => Err(format!("account `{other}` not found")),
        None => Err("account_id is required".into()),
    }
}

/// "Phone number or WhatsApp JID": a number's digits (a leading `+` allowed), or
/// `<user>@<server>` for a server WhatsApp has.
fn recipient(to: &Value) -> Checked {
    let to = to.as_str().unwrap_or_default();
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let valid = match to.split_once('@') {
        None => number(to.strip_prefix('+').unwrap_or(to)),
        Some((user, server)) => {
            // A device (`:12`) may follow the user, and old group ids are `<creator>-<time>`.
            let user = user.split_once(':').map_or(user, |(user, _)| user);
            user.split('-').all(number) && JID_SERVERS.contains(&server)
        }
    };
    if valid {
        Ok(())
    } else {
        Err(format!("invalid JID `{to}`"))
    }
}

fn non_empty(field: &str, value: &str) -> Checked {
    if value.trim().is_empty() {
        Err(format!("{field} is required"))
    } else {
        Ok(())
    }
}

/// Media travels as `format: byte`, standard base64 (OpenAPI 3.0 §4.4, RFC 4648 §4), of a file
/// whose MIME type is of the kind the operation sends (`prefix`, or any for documents).
fn media(field: &str, data: &str, mime_type: &str, prefix: &str) -> Checked {
    let file = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("{field} is not base64: {e}"))?;
    if file.is_empty() {
        return Err(format!("{field} is empty"));
    }
    let essence = mime_type.split(';').next().unwrap_or_default().trim();
    let (kind, subtype) = essence.split_once('/').unwrap_or_default();
    if kind.is_empty() || subtype.is_empty() {
        return Err(format!("mime_type `{mime_type}` is not a MIME type"));
    }
    if !essence.to_ascii_lowercase().starts_with(prefix) {
        return Err(format!("mime_type `{mime_type}` is not {prefix}…"));
    }
    Ok(())
}

fn text(body: &SendMessageBody) -> Checked {
    non_empty("text", &body.text)
}

/// The MIME type sent, or the one the spec says the server applies when it is absent.
fn mime<'a>(sent: &'a Option<String>, default: &'a str) -> &'a str {
    sent.as_deref().unwrap_or(default)
}

fn image(body: &SendImageBody) -> Checked {
    media(
        "image_data",
        &body.image_data,
        mime(&body.mime_type, "image/jpeg"),
        "image/",
    )
}

fn video(body: &SendVideoBody) -> Checked {
    media(
        "video_data",
        &body.video_data,
        mime(&body.mime_type, "video/mp4"),
        "video/",
    )
}

fn audio(body: &SendAudioBody) -> Checked {
    media(
        "audio_data",
        &body.audio_data,
        mime(&body.mime_type, "audio/mpeg"),
        "audio/",
    )
}

/// "Base64-encoded WebP sticker".
fn sticker(body: &SendStickerBody) -> Checked {
    media(
        "sticker_data",
        &body.sticker_data,
        mime(&body.mime_type, "image/webp"),
        "image/webp",
    )
}

fn document(body: &SendDocumentBody) -> Checked {
    media(
        "document_data",
        &body.document_data,
        mime(&body.mime_type, "application/octet-stream"),
        "",
    )?;
    non_empty("filename", body.filename.as_deref().unwrap_or("document"))
}

fn location(body: &SendLocationBody) -> Checked {
    let within = |value: f64, limit: f64| value.is_finite() && value.abs() <= limit;
    if within(body.latitude, 90.0) && within(body.longitude, 180.0) {
        Ok(())
    } else {
        Err("latitude and longitude must be within range".into())
    }
}

/// `contacts` has `minItems: 1`, and each card its `formatted_name`.
fn contacts(body: &SendContactsBody) -> Checked {
    if body.contacts.is_empty() {
        return Err("contacts must not be empty".into());
    }
    body.contacts.iter().enumerate().try_for_each(|(i, c)| {
        non_empty(
            &format!("contacts[{i}].name.formatted_name"),
            &c.name.formatted_name,
        )
    })
}

/// The Cloud API's interactive shapes: reply buttons (one to three, each with an id and a
/// title), or a list (a button text and sections of rows with ids and titles).
fn interactive(body: &SendInteractiveBody) -> Checked {
    let object = &body.interactive;
    non_empty(
        "interactive.body.text",
        object.body.text.as_deref().unwrap_or_default(),
    )?;
    if !object.header.is_empty() && object.header.get("type").and_then(Value::as_str).is_none() {
        return Err("interactive.header.type is required".into());
    }
    let action = &object.action;
    let text_of = |value: &Value, field: &str| -> Checked {
        non_empty(field, value.as_str().unwrap_or_default())
    };
    match object.type_ {
        InteractiveObjectType::Button => {
            let buttons = action
                .get("buttons")
                .and_then(Value::as_array)
                .filter(|b| (1..=3).contains(&b.len()))
                .ok_or("interactive.action.buttons must hold one to three buttons")?;
            buttons.iter().enumerate().try_for_each(|(i, button)| {
                if button["type"] != "reply" {
                    return Err(format!(
                        "interactive.action.buttons[{i}].type must be reply"
                    ));
                }
                text_of(
                    &button["reply"]["id"],
                    &format!("interactive.action.buttons[{i}].reply.id"),
                )?;
                text_of(
                    &button["reply"]["title"],
                    &format!("interactive.action.buttons[{i}].reply.title"),
                )
            })
        }
        InteractiveObjectType::List => {
            text_of(&action["button"], "interactive.action.button")?;
            let sections = action
                .get("sections")
                .and_then(Value::as_array)
                .filter(|s| !s.is_empty())
                .ok_or("interactive.action.sections must not be empty")?;
            sections.iter().enumerate().try_for_each(|(i, section)| {
                let rows = section["rows"]
                    .as_array()
                    .filter(|r| !r.is_empty())
                    .ok_or(format!(
                        "interactive.action.sections[{i}].rows must not be empty"
                    ))?;
                rows.iter().enumerate().try_for_each(|(j, row)| {
                    let at = format!("interactive.action.sections[{i}].rows[{j}]");
                    text_of(&row["id"], &format!("{at}.id"))?;
                    text_of(&row["title"], &format!("{at}.title"))
                })
            })
        }
        InteractiveObjectType::Flow => {
            if action.is_empty() {
                Err("interactive.action is required".into())
            } else {
                Ok(())
            }
        }
    }
}

/// A template has a name and a language; each component a type and parameters that say
/// theirs (`TemplateComponent`, "HEADER, BODY, FOOTER, BUTTONS").
fn template(body: &SendTemplateBody) -> Checked {
    let template = &body.template;
    non_empty("template.name", &template.name)?;
    non_empty(
        "template.language.code",
        template.language.code.as_deref().unwrap_or_default(),
    )?;
    template
        .components
        .iter()
        .enumerate()
        .try_for_each(|(i, component)| {
            let kind = component.type_.as_deref().unwrap_or_default();
            if !["header", "body", "footer", "button", "buttons"]
                .contains(&kind.to_ascii_lowercase().as_str())
            {
                return Err(format!(
                    "template.components[{i}].type `{kind}` is not a component"
                ));
            }
            component
                .parameters
                .iter()
                .enumerate()
                .try_for_each(|(j, parameter)| {
                    let named = parameter.get("type").and_then(Value::as_str);
                    match named.filter(|t| parameter.contains_key(*t)) {
                        Some(_) => Ok(()),
                        None => Err(format!(
                            "template.components[{i}].parameters[{j}] needs a type and its value"
                        )),
                    }
                })
        })
}

fn reaction(body: &SendReactionBody) -> Checked {
    non_empty("message_id", &body.message_id)?;
    non_empty("emoji", &body.emoji)
}

/// `markAsRead`: `{account_id, message_id}`.
fn mark_read(request: &Incoming) -> Answer {
    let (body, sent) = match request.typed::<MarkAsReadBody>() {
        Ok(parsed) => parsed,
        Err(reason) => return errors::invalid(PROVIDER, &reason),
    };
    match account(&sent).and_then(|()| non_empty("message_id", &body.message_id)) {
        Ok(()) => ok(),
        Err(reason) => errors::invalid(PROVIDER, &reason),
    }
}

/// `uploadMedia`: multipart `account_id`, `file` and `type` (the MIME type), answered with
/// "Upload response from Meta", `{"id": "<media id>"}`.
fn upload(request: &Incoming, context: &Context) -> Answer {
    let parts = request.parts();
    let field = |name: &str| parts.iter().find(|p| p.name == name);
    let account_id = field("account_id").map(|p| String::from_utf8_lossy(&p.body).into_owned());
    if let Err(reason) = account(&json!({"account_id": account_id})) {
        return errors::invalid(PROVIDER, &reason);
    }
    let Some(file) = field("file").filter(|f| !f.body.is_empty()) else {
        return errors::invalid(PROVIDER, "file is required");
    };
    let mime_type = field("type")
        .map(|p| String::from_utf8_lossy(&p.body).trim().to_owned())
        .or_else(|| file.content_type.clone())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let id = State::media_id_for(&file.body, &mime_type);
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bytes::Bytes;
    use http::HeaderMap;

    use super::*;

    const ACCOUNT: &str = Sandbox::WHATSHOOKED_ACCOUNT_ID;
    /// "Man" in base64 (RFC 4648 §9).
    const DATA: &str = "TWFu";

    fn context() -> Context {
        Context {
            state: Arc::new(State::default()),
            root: "http://127.0.0.1:9".into(),
        }
    }

    fn incoming(path: &str, content_type: &str, body: Bytes) -> Incoming {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", Sandbox::TOKEN.parse().unwrap());
        headers.insert("content-type", content_type.parse().unwrap());
        Incoming {
            method: Method::POST,
            path: path.into(),
            query: None,
            headers,
            body,
        }
    }

    fn post(path: &str, body: Value) -> Answer {
        let request = incoming(path, "application/json", Bytes::from(body.to_string()));
        handle(&request, &context())
    }

    /// The status and the plain-text body.
    fn answered(answer: &Answer) -> (u16, String) {
        (
            answer.status().as_u16(),
            String::from_utf8_lossy(answer.body()).into_owned(),
        )
    }

    fn assert_ok(answer: &Answer) {
        assert_eq!(answer.status().as_u16(), 200, "{:?}", answered(answer));
        let decoded: StatusOk = serde_json::from_slice(answer.body()).unwrap();
        assert_eq!(decoded.status, "ok");
    }

    fn assert_bad(answer: &Answer, needle: &str) {
        let (status, text) = answered(answer);
        assert_eq!(status, 400, "{text}");
        assert!(text.starts_with("Bad request"), "{text}");
        assert!(text.contains(needle), "`{needle}` not in `{text}`");
    }

    #[test]
    fn every_scheme_of_the_spec_is_checked() {
        let body = Bytes::from(json!({"account_id": ACCOUNT, "to": "1", "text": "hi"}).to_string());
        let mut request = incoming("/api/send", "application/json", body);
        assert_ok(&handle(&request, &context()));
        request.headers.remove("x-api-key");
        assert_eq!(
            answered(&handle(&request, &context())),
            (401, "Unauthorized".to_owned())
        );
        let bearer = format!("Bearer {}", Sandbox::TOKEN);
        request
            .headers
            .insert("authorization", bearer.parse().unwrap());
        assert_ok(&handle(&request, &context()));
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("admin:{}", Sandbox::TOKEN));
        let basic = format!("Basic {basic}");
        request
            .headers
            .insert("authorization", basic.parse().unwrap());
        assert_ok(&handle(&request, &context()));
        let wrong = base64::engine::general_purpose::STANDARD.encode("admin:guess");
        let wrong = format!("Basic {wrong}");
        request
            .headers
            .insert("authorization", wrong.parse().unwrap());
        assert_eq!(answered(&handle(&request, &context())).0, 401);
    }

    #[test]
    fn sends_name_the_sandbox_account_and_a_valid_jid() {
        let text = |account: &str, to: &str| {
            post(
                "/api/send",
                json!({"account_id": account, "to": to, "text": "hi"}),
            )
        };
        for to in [
            "14155550123",
            "+14155550123",
            "14155550123@s.whatsapp.net",
            "14155550123:12@s.whatsapp.net",
            "120363025246125486@g.us",
            "16315558032-1530825318@g.us",
            "84123456789@lid",
        ] {
            assert_ok(&text(ACCOUNT, to));
        }
        for to in ["", "+1 415 555 0123", "ada@example.com", "@g.us", "1@"] {
            assert_bad(&text(ACCOUNT, to), "invalid JID");
        }
        assert_bad(
            &text("someone-else", "1"),
            "account `someone-else` not found",
        );
    }

    #[test]
    fn bodies_are_the_operations_request_types() {
        assert_bad(
            &post("/api/send", json!({"account_id": ACCOUNT, "to": "1"})),
            "text",
        );
        assert_bad(
            &post(
                "/api/send",
                json!({"account_id": ACCOUNT, "to": "1", "text": "hi", "quoted": "x"}),
            ),
            "/quoted",
        );
        assert_bad(
            &post(
                "/api/send",
                json!({"account_id": ACCOUNT, "to": "1", "text": " "}),
            ),
            "text is required",
        );
        let not_json = incoming("/api/send", "application/json", Bytes::from("{"));
        assert_bad(&handle(&not_json, &context()), "not JSON");
    }

    #[test]
    fn media_is_base64_of_the_kind_sent() {
        let send = |kind: &str, mime_type: &str, data: &str| {
            let mut body = json!({"account_id": ACCOUNT, "to": "1", "mime_type": mime_type});
            body[format!("{kind}_data")] = json!(data);
            post(&format!("/api/send/{kind}"), body)
        };
        assert_ok(&send("image", "image/png", DATA));
        assert_ok(&send("video", "video/mp4", DATA));
        assert_ok(&send("audio", "audio/ogg; codecs=opus", DATA));
        assert_ok(&send("sticker", "image/webp", DATA));
        assert_ok(&send("document", "application/pdf", DATA));
        assert_bad(&send("image", "video/mp4", DATA), "not image/");
        assert_bad(&send("sticker", "image/png", DATA), "not image/webp");
        assert_bad(&send("audio", "audio", DATA), "not a MIME type");
        assert_bad(
            &send("video", "video/mp4", "not base64!"),
            "video_data is not base64",
        );
        assert_bad(&send("image", "image/png", ""), "image_data is empty");
        // The spec's defaults: `image/jpeg`, and `document` as the file name.
        assert_ok(&post(
            "/api/send/image",
            json!({"account_id": ACCOUNT, "to": "1", "image_data": DATA}),
        ));
        assert_bad(
            &post(
                "/api/send/document",
                json!({"account_id": ACCOUNT, "to": "1", "document_data": DATA, "filename": ""}),
            ),
            "filename is required",
        );
    }

    #[test]
    fn locations_contacts_and_reactions_are_checked() {
        let place = |latitude: f64| {
            post(
                "/api/send/location",
                json!({"account_id": ACCOUNT, "to": "1", "latitude": latitude, "longitude": 13.4}),
            )
        };
        assert_ok(&place(52.52));
        assert_bad(&place(-90.5), "latitude and longitude");
        let cards = |contacts: Value| {
            post(
                "/api/send/contacts",
                json!({"account_id": ACCOUNT, "to": "1", "contacts": contacts}),
            )
        };
        assert_ok(&cards(
            json!([{"name": {"formatted_name": "Ada"}, "phones": [{"phone": "+44 20 7946 0958"}]}]),
        ));
        assert_bad(&cards(json!([])), "contacts must not be empty");
        assert_bad(
            &cards(json!([{"name": {"formatted_name": ""}}])),
            "contacts[0].name.formatted_name",
        );
        assert_bad(
            &cards(json!([{"name": {"formatted_name": "Ada"}, "emails": []}])),
            "",
        );
        let react = |emoji: &str| {
            post(
                "/api/send/reaction",
                json!({"account_id": ACCOUNT, "to": "1", "message_id": "wamid.1", "emoji": emoji}),
            )
        };
        assert_ok(&react("👍"));
        assert_bad(&react(""), "emoji is required");
    }

    #[test]
    fn interactive_messages_have_the_cloud_shapes() {
        let send = |interactive: Value| {
            post(
                "/api/send/interactive",
                json!({"account_id": ACCOUNT, "to": "1", "interactive": interactive}),
            )
        };
        let reply = |id: &str| json!({"type": "reply", "reply": {"id": id, "title": id}});
        let buttons = |items: Vec<Value>| json!({"type": "button", "body": {"text": "?"}, "action": {"buttons": items}});
        assert_ok(&send(buttons(vec![reply("a"), reply("b")])));
        assert_bad(&send(buttons(vec![])), "one to three");
        assert_bad(
            &send(buttons(vec![
                reply("a"),
                reply("b"),
                reply("c"),
                reply("d"),
            ])),
            "one to three",
        );
        assert_bad(
            &send(buttons(vec![
                json!({"type": "url", "reply": {"id": "a", "title": "a"}}),
            ])),
            "buttons[0].type must be reply",
        );
        assert_bad(&send(buttons(vec![reply("")])), "buttons[0].reply.id");
        let list = |sections: Value| {
            json!({"type": "list", "body": {"text": "?"},
                   "action": {"button": "Pick", "sections": sections}})
        };
        assert_ok(&send(list(
            json!([{"title": "T", "rows": [{"id": "r", "title": "R"}]}]),
        )));
        assert_bad(&send(list(json!([]))), "sections must not be empty");
        assert_bad(&send(list(json!([{"rows": []}]))), "sections[0].rows");
        assert_bad(
            &send(list(json!([{"rows": [{"id": "r"}]}]))),
            "sections[0].rows[0].title",
        );
        let mut no_body = buttons(vec![reply("a")]);
        no_body["body"] = json!({});
        assert_bad(&send(no_body), "interactive.body.text");
        let mut untyped_header = buttons(vec![reply("a")]);
        untyped_header["header"] = json!({"text": "Hi"});
        assert_bad(&send(untyped_header), "interactive.header.type");
        assert_bad(
            &send(json!({"type": "carousel", "body": {"text": "?"}, "action": {}})),
            "",
        );
    }

    #[test]
    fn templates_name_their_components_and_parameters() {
        let send = |template: Value| {
            post(
                "/api/send/template",
                json!({"account_id": ACCOUNT, "to": "1", "template": template}),
            )
        };
        let body = |parameters: Value| {
            json!({"name": "order_update", "language": {"code": "en_US"},
                   "components": [{"type": "body", "parameters": parameters}]})
        };
        assert_ok(&send(body(json!([{"type": "text", "text": "Ada"}]))));
        assert_ok(&send(
            json!({"name": "hello_world", "language": {"code": "en_US"}}),
        ));
        assert_bad(
            &send(body(json!([{"type": "text", "currency": {}}]))),
            "parameters[0] needs a type and its value",
        );
        assert_bad(&send(body(json!([{"text": "Ada"}]))), "parameters[0]");
        assert_bad(
            &send(
                json!({"name": "t", "language": {"code": "en"}, "components": [{"type": "sidebar"}]}),
            ),
            "components[0].type `sidebar`",
        );
        assert_bad(
            &send(json!({"name": "t", "language": {}})),
            "template.language.code",
        );
        assert_bad(
            &send(json!({"name": "", "language": {"code": "en"}})),
            "template.name",
        );
    }

    #[test]
    fn mark_read_names_the_account_and_the_message() {
        assert_ok(&post(
            "/api/messages/read",
            json!({"account_id": ACCOUNT, "message_id": "wamid.1"}),
        ));
        assert_bad(
            &post(
                "/api/messages/read",
                json!({"account_id": ACCOUNT, "message_id": ""}),
            ),
            "message_id is required",
        );
        assert_bad(
            &post(
                "/api/messages/read",
                json!({"account_id": "other", "message_id": "m"}),
            ),
            "not found",
        );
    }

    #[test]
    fn uploads_are_answered_as_meta_answers_and_kept() {
        let context = context();
        let form = |account: &str, mime_type: Option<&str>, file: &[u8]| {
            let mut body = format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"account_id\"\r\n\r\n{account}\r\n"
            )
            .into_bytes();
            if let Some(mime_type) = mime_type {
                body.extend(format!("--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n{mime_type}\r\n").bytes());
            }
            body.extend(b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n");
            body.extend(file);
            body.extend(b"\r\n--XyZ--\r\n");
            let request = incoming(
                "/api/media/upload",
                "multipart/form-data; boundary=XyZ",
                Bytes::from(body),
            );
            handle(&request, &context)
        };
        let answer = form(ACCOUNT, Some("image/png"), b"\x89PNG");
        assert_eq!(answer.status().as_u16(), 200);
        let decoded: Value = serde_json::from_slice(answer.body()).unwrap();
        let id = decoded["id"].as_str().unwrap();
        assert_eq!(id.len(), 16, "{id}");
        assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id}");
        let kept = context.state.media(PROVIDER, id).unwrap();
        assert_eq!(
            (&kept.bytes[..], kept.mime_type.as_str()),
            (&b"\x89PNG"[..], "image/png")
        );
        // Without `type`, the part's own Content-Type.
        let untyped = form(ACCOUNT, None, b"\x89PNG!");
        let untyped: Value = serde_json::from_slice(untyped.body()).unwrap();
        let kept = context
            .state
            .media(PROVIDER, untyped["id"].as_str().unwrap());
        assert_eq!(kept.unwrap().mime_type, "image/png");
        assert_bad(&form("other", Some("image/png"), b"x"), "not found");
        assert_bad(&form(ACCOUNT, Some("image/png"), b""), "file is required");
    }

    #[test]
    fn other_paths_are_not_found() {
        for path in ["/api/send/poll", "/api/messages", "/send", "/"] {
            let answer = post(path, json!({}));
            assert_eq!(answer.status().as_u16(), 404, "{path}");
        }
    }
}
