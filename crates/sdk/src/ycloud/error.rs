//! YCloud's error body, `{"error": {"status", "code", "message", "target", "docUrl",
//! "requestId", "whatsappApiError"}}`, and a failed message's `errorCode`, `errorMessage` and
//! `whatsappApiError`, read into the facade's error kinds.
//!
//! [`ProviderError::code`](crate::ProviderError::code) is YCloud's own code (`NOT_FOUND`);
//! [`subcode`](crate::ProviderError::subcode) is the WhatsApp code from `whatsappApiError`,
//! which YCloud passes on from Meta when "we tried to request the WhatsApp Business API and got
//! an error response" (the spec). The spec types that code as a string but gives integers as
//! examples, as Meta sends it; both are read.
//!
//! The kind comes from, in order: the WhatsApp code, by Meta's Cloud API error codes (the
//! reference the spec links for `whatsappApiError`); YCloud's code, by the values its spec
//! documents; the HTTP status.

use crate::adapter::{ErrorDetails, code_text};
use crate::error::ErrorKind;

/// YCloud's codes as its spec documents them: `NOT_FOUND` (the `Error.code` example, "The
/// requested resource does not exist."), `INTERNAL_SERVER_ERROR` (the `errorCode` example of a
/// failed message), and the `errorCode`s of recipients `filterUnsubscribed` and
/// `filterBlocked` skip.
const YCLOUD_CODES: &[(&str, ErrorKind)] = &[
    ("NOT_FOUND", ErrorKind::Rejected),
    ("INTERNAL_SERVER_ERROR", ErrorKind::Transient),
    ("RECIPIENT_UNSUBSCRIBED", ErrorKind::Recipient),
    ("RECIPIENT_IN_BLOCK_LIST", ErrorKind::Recipient),
];

/// An error answer: the body's `error` object.
pub(crate) fn details(_status: http::StatusCode, body: &serde_json::Value) -> ErrorDetails {
    read(&body["error"], "code", "message")
}

/// A message YCloud answered with `status: failed`.
pub(crate) fn failed(message: &serde_json::Value) -> ErrorDetails {
    read(message, "errorCode", "errorMessage")
}

fn read(object: &serde_json::Value, code_key: &str, message_key: &str) -> ErrorDetails {
    let code = code_text(&object[code_key]);
    let whatsapp = &object["whatsappApiError"];
    let whatsapp_code = code_text(&whatsapp["code"]);
    let message = [
        object[message_key].as_str(),
        whatsapp["message"].as_str(),
        whatsapp["error_data"]["details"].as_str(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.trim().is_empty())
    .fold(None::<String>, |joined, part| match joined {
        Some(joined) if joined.contains(part) => Some(joined),
        Some(joined) => Some(format!("{joined}: {part}")),
        None => Some(part.to_owned()),
    });
    let kind = whatsapp_code
        .as_deref()
        .and_then(|code| code.parse::<i64>().ok())
        .and_then(crate::graph_codes::kind)
        .or_else(|| {
            let code = code.as_deref()?;
            YCLOUD_CODES
                .iter()
                .find(|(known, _)| *known == code)
                .map(|(_, kind)| *kind)
        });
    ErrorDetails {
        code,
        subcode: whatsapp_code,
        message,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOT_FOUND: http::StatusCode = http::StatusCode::NOT_FOUND;
    const BAD_REQUEST: http::StatusCode = http::StatusCode::BAD_REQUEST;

    #[test]
    fn the_specs_error_example_reads_as_a_rejection() {
        // The property examples of `Error`, assembled.
        let body = json!({"error": {
            "status": 404,
            "code": "NOT_FOUND",
            "message": "The requested resource does not exist.",
            "target": "",
            "docUrl": "",
            "requestId": "req_1KjtKI80IKoaJNa6n6p"
        }});
        let found = details(NOT_FOUND, &body);
        assert_eq!(found.code.as_deref(), Some("NOT_FOUND"));
        assert_eq!(found.subcode, None);
        assert_eq!(
            found.message.as_deref(),
            Some("The requested resource does not exist.")
        );
        assert_eq!(found.kind, Some(ErrorKind::Rejected));
    }

    #[test]
    fn whatsapp_codes_decide_the_kind_as_numbers_or_strings() {
        for (code, kind) in [
            (json!(131047), ErrorKind::OutsideServiceWindow),
            (json!("131047"), ErrorKind::OutsideServiceWindow),
            (json!(130429), ErrorKind::RateLimited),
            (json!(132001), ErrorKind::Template),
            (json!(131026), ErrorKind::Recipient),
            (json!(190), ErrorKind::Auth),
            (json!("200"), ErrorKind::Auth),
            (json!(131053), ErrorKind::Media),
            (json!(131000), ErrorKind::Transient),
        ] {
            // YCloud documents no code for this case; a placeholder stands in for it.
            let body = json!({"error": {
                "status": 400,
                "code": "SOME_YCLOUD_CODE",
                "message": "Failed to send the message.",
                "whatsappApiError": {"code": code, "message": "m", "type": "OAuthException"}
            }});
            let found = details(BAD_REQUEST, &body);
            assert_eq!(found.kind, Some(kind), "{code}");
            assert_eq!(found.code.as_deref(), Some("SOME_YCLOUD_CODE"));
            assert_eq!(found.subcode, code_text(&code));
        }
    }

    #[test]
    fn the_messages_join_ycloud_whatsapp_and_details() {
        // `whatsappApiError` with the spec's property examples.
        let body = json!({"error": {
            "status": 400,
            "code": "SOME_YCLOUD_CODE",
            "message": "Failed to send the message.",
            "whatsappApiError": {
                "message": "HSM Template creation failed",
                "code": 200002,
                "type": "OAuthException",
                "error_subcode": 2388109,
                "error_user_msg": "This message template cannot be created.",
                "error_user_title": "Message Cannot Be Submitted",
                "fbtrace_id": "AVGjJ7ia2zJkrHG",
                "error_data": {"details": "Template name does not exist in the translation"}
            }
        }});
        let found = details(BAD_REQUEST, &body);
        assert_eq!(
            found.message.as_deref(),
            Some(
                "Failed to send the message.: HSM Template creation failed: Template name does not exist in the translation"
            )
        );
        assert_eq!(found.subcode.as_deref(), Some("200002"));
        // 200002 is in no kind's list (nor in Graph's #200–#299), so the status decides.
        assert_eq!(found.kind, None);
    }

    #[test]
    fn ycloud_codes_decide_without_a_whatsapp_code_and_else_the_status() {
        for (code, kind) in [
            ("NOT_FOUND", Some(ErrorKind::Rejected)),
            ("INTERNAL_SERVER_ERROR", Some(ErrorKind::Transient)),
            ("RECIPIENT_UNSUBSCRIBED", Some(ErrorKind::Recipient)),
            ("RECIPIENT_IN_BLOCK_LIST", Some(ErrorKind::Recipient)),
            ("PARAM_INVALID", None),
        ] {
            let body = json!({"error": {"status": 400, "code": code}});
            assert_eq!(details(BAD_REQUEST, &body).kind, kind, "{code}");
        }
        // An unknown WhatsApp code leaves the decision to YCloud's code.
        let body = json!({"error": {"status": 500, "code": "INTERNAL_SERVER_ERROR",
            "whatsappApiError": {"code": 999999, "message": "?"}}});
        assert_eq!(
            details(http::StatusCode::INTERNAL_SERVER_ERROR, &body).kind,
            Some(ErrorKind::Transient)
        );
        let text = details(
            http::StatusCode::BAD_GATEWAY,
            &serde_json::Value::String("upstream".into()),
        );
        assert_eq!((text.code, text.message, text.kind), (None, None, None));
    }

    #[test]
    fn a_failed_message_reads_its_error_code_and_message() {
        let message = json!({
            "id": "627c8640675de8fc689ab9d9",
            "status": "failed",
            "errorCode": "RECIPIENT_IN_BLOCK_LIST",
            "errorMessage": "The recipient is in your block list."
        });
        let found = failed(&message);
        assert_eq!(found.code.as_deref(), Some("RECIPIENT_IN_BLOCK_LIST"));
        assert_eq!(
            found.message.as_deref(),
            Some("The recipient is in your block list.")
        );
        assert_eq!(found.kind, Some(ErrorKind::Recipient));
        let window = json!({
            "status": "failed",
            "errorCode": "SOME_YCLOUD_CODE",
            "whatsappApiError": {"code": 131047, "message": "Re-engagement message"}
        });
        assert_eq!(failed(&window).kind, Some(ErrorKind::OutsideServiceWindow));
    }
}
