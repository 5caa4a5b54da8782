//! What YCloud (and the WhatsApp Business API behind it) checks in a send beyond its body's
//! schema: the account's own sender, E.164 numbers, the object the `type` names, HTTP(S) media
//! links, and the spec's "required when" rules of reactions, interactive messages and templates.

use serde_json::Value;

use super::super::Sandbox;

/// What YCloud (and the WhatsApp Business API behind it) checks beyond the body's schema.
pub(super) fn check(sent: &Value) -> Result<(), String> {
    let from = sent["from"].as_str().unwrap_or_default();
    if !e164(from) {
        return Err(format!("`from` {from:?} is not an E.164 phone number"));
    }
    if from != Sandbox::YCLOUD_FROM {
        return Err(format!(
            "`from` {from} is not a WhatsApp phone number of this account (the sandbox's is {})",
            Sandbox::YCLOUD_FROM
        ));
    }
    let to = sent["to"].as_str().unwrap_or_default();
    if !e164(to) {
        return Err(format!("`to` {to:?} is not an E.164 phone number"));
    }
    let kind = sent["type"].as_str().unwrap_or_default();
    // "Required when `type` is `…`": the object named by the type carries the message.
    let content = &sent[kind];
    let carried = match content {
        Value::Array(items) => !items.is_empty(),
        value => value.is_object(),
    };
    if !carried {
        return Err(format!("`{kind}` is required when `type` is `{kind}`"));
    }
    if let Some(context) = sent.get("context").filter(|c| !c.is_null())
        && blank(&context["message_id"])
    {
        return Err("`context.message_id` names no message".into());
    }
    match kind {
        "text" if blank(&content["body"]) => Err("`text.body` is empty".into()),
        "image" | "video" | "audio" | "document" | "sticker" => link(&content["link"], kind),
        "location" => {
            let latitude = content["latitude"].as_f64().unwrap_or(f64::NAN);
            let longitude = content["longitude"].as_f64().unwrap_or(f64::NAN);
            if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) {
                Ok(())
            } else {
                Err("`location.latitude` must be within ±90 and `longitude` within ±180".into())
            }
        }
        "reaction" => {
            if blank(&content["message_id"]) {
                Err("`reaction.message_id` names no message".into())
            } else if !content["emoji"].is_string() {
                // The spec: "**Required** when you send a `reaction` message. Set it to `""`
                // if you want to remove the emoji."
                Err("`reaction.emoji` is required; `\"\"` removes the reaction".into())
            } else {
                Ok(())
            }
        }
        "interactive" => interactive(content),
        "template" => template(content),
        _ => Ok(()),
    }
}

/// `+` and 7 to 15 digits, the first not 0.
fn e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

fn blank(value: &Value) -> bool {
    value.as_str().is_none_or(|s| s.trim().is_empty())
}

/// `link`: "Use only with HTTP/HTTPS URLs."
fn link(value: &Value, at: &str) -> Result<(), String> {
    let link = value.as_str().unwrap_or_default();
    match url::Url::parse(link) {
        Ok(url)
            if matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty()) =>
        {
            Ok(())
        }
        _ => Err(format!("`{at}.link` must be an HTTP or HTTPS URL")),
    }
}

/// The spec's rules for the two interactive types the adapter sends: `type` is required, reply
/// buttons are "up to 3", a list has 1 to 10 sections and its `action.button`.
fn interactive(content: &Value) -> Result<(), String> {
    let action = &content["action"];
    if !action.is_object() {
        return Err("`interactive.action` is required".into());
    }
    match content["type"].as_str() {
        None => Err("`interactive.type` is required".into()),
        Some("button") => {
            let buttons = action["buttons"].as_array().map_or(0, Vec::len);
            if !(1..=3).contains(&buttons) {
                return Err(format!(
                    "`interactive.action.buttons` must hold 1 to 3 buttons, not {buttons}"
                ));
            }
            body_text(content)
        }
        Some("list") => {
            let sections = action["sections"].as_array().map_or(0, Vec::len);
            if !(1..=10).contains(&sections) {
                return Err(format!(
                    "`interactive.action.sections` must hold 1 to 10 sections, not {sections}"
                ));
            }
            if blank(&action["button"]) {
                return Err("`interactive.action.button` is required for a list".into());
            }
            body_text(content)
        }
        Some(_) => Ok(()),
    }
}

fn body_text(content: &Value) -> Result<(), String> {
    if blank(&content["body"]["text"]) {
        Err("`interactive.body.text` is required".into())
    } else {
        Ok(())
    }
}

/// A template names itself and its language; the spec's "required when" rules of its
/// components and parameters hold; a media parameter is sent by link.
fn template(content: &Value) -> Result<(), String> {
    if blank(&content["name"]) || blank(&content["language"]["code"]) {
        return Err("`template.name` and `template.language.code` are required".into());
    }
    let components = content["components"].as_array().map_or(&[][..], |c| c);
    for (i, component) in components.iter().enumerate() {
        let at = format!("template.components[{i}]");
        let parameters = component["parameters"].as_array().map_or(&[][..], |p| p);
        if component["type"] == "button"
            && (component["sub_type"].is_null()
                || !component["index"].is_u64()
                || parameters.is_empty())
        {
            return Err(format!(
                "`{at}`: `sub_type`, `index` and `parameters` are required when `type` = `button`"
            ));
        }
        for (j, parameter) in parameters.iter().enumerate() {
            let at = format!("{at}.parameters[{j}]");
            let kind = parameter["type"].as_str().unwrap_or_default();
            match kind {
                "" => return Err(format!("`{at}.type` is required")),
                "text" | "payload" | "coupon_code" if blank(&parameter[kind]) => {
                    return Err(format!("`{at}.{kind}` is required when `type` = `{kind}`"));
                }
                "image" | "video" | "document" => {
                    link(&parameter[kind]["link"], &format!("{at}.{kind}"))?
                }
                _ => {}
            }
        }
    }
    Ok(())
}
