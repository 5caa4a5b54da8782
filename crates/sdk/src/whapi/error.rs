//! Whapi.Cloud's error body, the spec's `ResponseError` `{"error": {"code", "message",
//! "details", "href", "support"}}`, read into the facade's error kinds.
//!
//! The spec documents its error codes only by a link, so the kind comes from the HTTP status
//! and what the spec says that status means for the operation:
//!
//! | status | spec's description | kind |
//! |---|---|---|
//! | 400 | "Wrong request parameters" | `Rejected` |
//! | 401 | "Need channel authorization for …" | `Auth` |
//! | 402 | "Trial version limit exceeded" | `Auth`: the channel's plan forbids it |
//! | 403 | sends: "It is forbidden to send to this group/recipient" | `Recipient` |
//! | 404 | media sends: "Media with specified id not found"; `getMedia`: "Specified media not found" | `Media` |
//! | 404 | mark read, reactions: "Specified message not found" | `Rejected` |
//! | 413 | media sends: "Request media too large" | `Media` |
//! | 413 | text, location, contact sends: "Request body too large" | `Rejected` |
//! | 415 | "Unsupported media type" | `Media` |
//! | 429 | "Too many requests" | `RateLimited` |
//! | 500 | "Internal Error" | `Transient` |

use crate::adapter::{ErrorDetails, code_text, kind_from_status};
use crate::error::ErrorKind;

/// The send operations whose body carries a media file (the spec's 404, 413 and 415 on them
/// are about that file). The interactive send can carry a header image, and the spec gives it
/// the same answers.
const MEDIA_SENDS: &[&str] = &[
    "send_message_image",
    "send_message_video",
    "send_message_audio",
    "send_message_document",
    "send_message_sticker",
    "send_message_interactive",
];

/// The error of `operation` (the provider crate's operation id) with `status` and `body`.
pub(crate) fn details(
    operation: &str,
    status: http::StatusCode,
    body: &serde_json::Value,
) -> ErrorDetails {
    let error = &body["error"];
    let message = error["message"].as_str().filter(|m| !m.is_empty());
    let details = error["details"].as_str().filter(|d| !d.is_empty());
    let message = match (message, details) {
        (Some(message), Some(details)) if !message.contains(details) => {
            Some(format!("{message}: {details}"))
        }
        (Some(message), _) => Some(message.to_owned()),
        (None, details) => details.map(str::to_owned),
    };
    ErrorDetails {
        code: code_text(&error["code"]),
        subcode: None,
        message,
        kind: Some(kind(operation, status)),
    }
}

fn kind(operation: &str, status: http::StatusCode) -> ErrorKind {
    let media_send = MEDIA_SENDS.contains(&operation);
    let send = operation.starts_with("send_message_");
    match status.as_u16() {
        402 => ErrorKind::Auth,
        403 if send => ErrorKind::Recipient,
        404 if media_send || operation == "get_media" => ErrorKind::Media,
        404 => ErrorKind::Rejected,
        413 if send && !media_send => ErrorKind::Rejected,
        _ => kind_from_status(status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kind_of(operation: &str, status: u16) -> Option<ErrorKind> {
        let body = json!({"error": {"code": status, "message": "m"}});
        details(
            operation,
            http::StatusCode::from_u16(status).unwrap(),
            &body,
        )
        .kind
    }

    #[test]
    fn every_documented_status_of_the_sends_has_its_kind() {
        for (status, text, media) in [
            (400, ErrorKind::Rejected, ErrorKind::Rejected),
            (401, ErrorKind::Auth, ErrorKind::Auth),
            (402, ErrorKind::Auth, ErrorKind::Auth),
            (403, ErrorKind::Recipient, ErrorKind::Recipient),
            (404, ErrorKind::Rejected, ErrorKind::Media),
            (413, ErrorKind::Rejected, ErrorKind::Media),
            (415, ErrorKind::Media, ErrorKind::Media),
            (429, ErrorKind::RateLimited, ErrorKind::RateLimited),
            (500, ErrorKind::Transient, ErrorKind::Transient),
        ] {
            for operation in [
                "send_message_text",
                "send_message_location",
                "send_message_contact",
                "send_message_contact_list",
            ] {
                assert_eq!(
                    kind_of(operation, status),
                    Some(text),
                    "{operation} {status}"
                );
            }
            for operation in MEDIA_SENDS {
                assert_eq!(
                    kind_of(operation, status),
                    Some(media),
                    "{operation} {status}"
                );
            }
        }
    }

    #[test]
    fn the_other_operations_statuses_have_theirs() {
        for (operation, status, kind) in [
            ("mark_message_as_read", 400, ErrorKind::Rejected),
            ("mark_message_as_read", 401, ErrorKind::Auth),
            ("mark_message_as_read", 404, ErrorKind::Rejected),
            ("mark_message_as_read", 500, ErrorKind::Transient),
            ("react_to_message", 402, ErrorKind::Auth),
            ("react_to_message", 404, ErrorKind::Rejected),
            ("remove_react_from_message", 401, ErrorKind::Auth),
            ("remove_react_from_message", 404, ErrorKind::Rejected),
            ("upload_media", 400, ErrorKind::Rejected),
            ("upload_media", 401, ErrorKind::Auth),
            ("upload_media", 500, ErrorKind::Transient),
            ("get_media", 400, ErrorKind::Rejected),
            ("get_media", 404, ErrorKind::Media),
            ("get_media", 500, ErrorKind::Transient),
            // Undocumented on these, so the status decides.
            ("mark_message_as_read", 403, ErrorKind::Auth),
            ("upload_media", 413, ErrorKind::Media),
        ] {
            assert_eq!(
                kind_of(operation, status),
                Some(kind),
                "{operation} {status}"
            );
        }
    }

    #[test]
    fn code_message_and_details_are_read_from_the_body() {
        let body = json!({"error": {
            "code": 403,
            "message": "forbidden",
            "details": "the recipient blocked this channel",
            "href": "https://whapi.cloud/docs/whatsapp/api/errors",
            "support": "support@whapi.cloud"
        }});
        let found = details("send_message_text", http::StatusCode::FORBIDDEN, &body);
        assert_eq!(found.code.as_deref(), Some("403"));
        assert_eq!(
            found.message.as_deref(),
            Some("forbidden: the recipient blocked this channel")
        );
        assert_eq!(found.subcode, None);
        let only_details =
            json!({"error": {"code": 400, "message": "", "details": "to is invalid"}});
        let found = details(
            "send_message_text",
            http::StatusCode::BAD_REQUEST,
            &only_details,
        );
        assert_eq!(found.message.as_deref(), Some("to is invalid"));
        let not_json = details(
            "send_message_text",
            http::StatusCode::BAD_GATEWAY,
            &serde_json::Value::String("<html>bad gateway</html>".into()),
        );
        assert_eq!(not_json.code, None);
        assert_eq!(not_json.message, None);
        assert_eq!(not_json.kind, Some(ErrorKind::Transient));
    }
}
