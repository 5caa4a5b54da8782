//! What the gateway checks in a send beyond its body's schema: a non-empty text within the
//! spec's typing time, coordinates on Earth, whole vCards, buttons and rows with ids and titles,
//! and a `media` that names one file the message can carry.

use base64::Engine;
use serde_json::Value;
use whatsapp_sdk_whapi::types;

use super::super::server::Context;
use super::super::{Answer, errors};
use super::{PROVIDER, error, storage};

/// What the gateway checks beyond the body's schema.
pub(super) fn check(kind: &str, sent: &Value, context: &Context) -> Result<(), Answer> {
    let invalid = |reason: &str| Err(errors::invalid(PROVIDER, reason));
    match kind {
        "text" => {
            if text(sent, "/body").is_none() {
                return invalid("`body` is empty");
            }
            // The spec's bounds, which the generated `f64` does not hold.
            let typing = sent["typing_time"].as_f64().unwrap_or_default();
            if !(0.0..=60.0).contains(&typing) {
                return invalid("`typing_time` must be between 0 and 60 seconds");
            }
        }
        "image" | "video" | "audio" | "document" | "sticker" => {
            media(kind, sent["media"].as_str().unwrap_or_default(), context)?;
        }
        "location" => {
            let latitude = sent["latitude"].as_f64().unwrap_or(f64::NAN);
            let longitude = sent["longitude"].as_f64().unwrap_or(f64::NAN);
            if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
                return invalid("`latitude` must be within ±90 and `longitude` within ±180");
            }
        }
        "contact" => card(sent, "")?,
        "contact_list" => {
            let Some(list) = sent["list"].as_array().filter(|l| !l.is_empty()) else {
                return invalid("`list` has no contacts");
            };
            for (i, entry) in list.iter().enumerate() {
                card(entry, &format!("list[{i}]."))?;
            }
        }
        "interactive" => interactive(sent, context)?,
        _ => {}
    }
    Ok(())
}

/// A non-blank string at `pointer`.
fn text<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
}

/// A contact card: its shown `name` and a whole vCard.
fn card(value: &Value, at: &str) -> Result<(), Answer> {
    if text(value, "/name").is_none() {
        return Err(errors::invalid(PROVIDER, &format!("`{at}name` is empty")));
    }
    let vcard = value["vcard"].as_str().unwrap_or_default().trim();
    if !(vcard.starts_with("BEGIN:VCARD") && vcard.ends_with("END:VCARD")) {
        return Err(errors::invalid(
            PROVIDER,
            &format!("`{at}vcard` is not a vCard from BEGIN:VCARD to END:VCARD"),
        ));
    }
    Ok(())
}

/// Buttons (the spec's default `type`) need buttons, a list needs rows, both a body text; a
/// header image or video goes in `media`.
fn interactive(sent: &Value, context: &Context) -> Result<(), Answer> {
    let invalid = |reason: &str| Err(errors::invalid(PROVIDER, reason));
    if text(sent, "/body/text").is_none() {
        return invalid("`body.text` is empty");
    }
    match sent["type"].as_str().unwrap_or("button") {
        "button" => {
            let buttons = sent["action"]["buttons"].as_array().map_or(&[][..], |b| b);
            if buttons.is_empty() {
                return invalid("a `button` message needs `action.buttons`");
            }
            if let Some(i) = buttons
                .iter()
                .position(|b| text(b, "/id").is_none() || text(b, "/title").is_none())
            {
                return invalid(&format!(
                    "`action.buttons[{i}]` needs an `id` and a `title`"
                ));
            }
        }
        "list" => {
            let sections = sent["action"]["list"]["sections"]
                .as_array()
                .map_or(&[][..], |s| s);
            if sections.is_empty() {
                return invalid("a `list` message needs `action.list.sections`");
            }
            for (i, section) in sections.iter().enumerate() {
                let rows = section["rows"].as_array().map_or(&[][..], |r| r);
                if rows.is_empty() {
                    return invalid(&format!("`action.list.sections[{i}]` has no rows"));
                }
                if let Some(j) = rows
                    .iter()
                    .position(|r| text(r, "/id").is_none() || text(r, "/title").is_none())
                {
                    return invalid(&format!(
                        "`action.list.sections[{i}].rows[{j}]` needs an `id` and a `title`"
                    ));
                }
            }
        }
        _ => {}
    }
    if let Some(reference) = sent["media"].as_str() {
        media("interactive", reference, context)?;
    }
    Ok(())
}

/// `media` names one file: a stored media id (which must exist and fit the message), an
/// HTTP(S) URL, or base64 (plain or a `data:` URL).
pub(super) fn media(kind: &str, reference: &str, context: &Context) -> Result<(), Answer> {
    if reference.parse::<types::MediaId>().is_ok() {
        let Some(stored) = storage::stored(reference, context) else {
            return Err(error(404, "Media with specified id not found"));
        };
        if !fits(kind, &stored.mime_type) {
            return Err(error(
                415,
                &format!(
                    "Unsupported media type: a {kind} message cannot carry {}",
                    stored.mime_type
                ),
            ));
        }
        return Ok(());
    }
    if reference.starts_with("http://") || reference.starts_with("https://") {
        return match url::Url::parse(reference) {
            Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
            _ => Err(errors::invalid(PROVIDER, "`media` is not a valid URL")),
        };
    }
    let data = match reference.strip_prefix("data:") {
        Some(rest) => rest.split_once(";base64,").map(|(_, data)| data),
        None => Some(reference),
    };
    let engine = base64::engine::general_purpose::STANDARD;
    match data.map(|data| engine.decode(data)) {
        Some(Ok(bytes)) if !bytes.is_empty() => Ok(()),
        _ => Err(errors::invalid(
            PROVIDER,
            "`media` is neither a media id, an HTTP(S) URL nor base64",
        )),
    }
}

/// Whether a stored file of `mime_type` can be sent as a `kind` message.
fn fits(kind: &str, mime_type: &str) -> bool {
    let essence = mime_type.split(';').next().unwrap_or_default().trim();
    match kind {
        "image" | "sticker" => essence.starts_with("image/"),
        "video" => essence.starts_with("video/"),
        "audio" => essence.starts_with("audio/"),
        "interactive" => essence.starts_with("image/") || essence.starts_with("video/"),
        _ => true,
    }
}
