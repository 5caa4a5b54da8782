//! WhatsHooked's error answers, read into the facade's error kinds.
//!
//! The spec documents no error body with a code: its `Error` schema is "Plain-text error
//! message" (`#/components/schemas/Error`), and the send operations declare 400 ("Bad request",
//! "Bad request / invalid JID" for `sendMessage`), 401 ("Unauthorized") and 500 ("Send failed";
//! "Failed" for `markAsRead`, "Upload failed" for `uploadMedia`). So the kind goes by the
//! status, and the message is the text. `specs/whatshooked/overlay.yaml` declares those answers
//! as that plain-text `Error` (the spec gives them no content), so the generated client keeps
//! their text as it keeps undeclared statuses' (403, 404, 429, 502, …); it reaches here as a
//! JSON string.

use crate::adapter::{ErrorDetails, kind_from_status};
use crate::error::ErrorKind;

pub(crate) fn details(status: http::StatusCode, body: &serde_json::Value) -> ErrorDetails {
    let message = body
        .as_str()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned);
    ErrorDetails {
        code: None,
        subcode: None,
        message,
        kind: Some(kind(status)),
    }
}

fn kind(status: http::StatusCode) -> ErrorKind {
    match status.as_u16() {
        // "Bad request / invalid JID": the request, or a recipient the bridge cannot parse;
        // the spec does not tell them apart.
        400 => ErrorKind::Rejected,
        401 => ErrorKind::Auth,
        // "Send failed" ("Failed", "Upload failed"): the bridge reports that the call did not
        // go through, without saying why (its WhatsApp Web session or Meta), so a later try
        // can succeed; the generic rule for a 5xx.
        500 => ErrorKind::Transient,
        _ => kind_from_status(status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documented_statuses_map_to_kinds() {
        for (status, kind) in [
            (400, ErrorKind::Rejected),
            (401, ErrorKind::Auth),
            (500, ErrorKind::Transient),
        ] {
            let status = http::StatusCode::from_u16(status).unwrap();
            let found = details(status, &json!("Send failed: not connected\n"));
            assert_eq!(found.kind, Some(kind), "{status}");
            assert_eq!(found.code, None);
            assert_eq!(found.message.as_deref(), Some("Send failed: not connected"));
            // An answer without a body still has its kind.
            let empty = details(status, &serde_json::Value::Null);
            assert_eq!((empty.kind, empty.message), (Some(kind), None));
        }
    }

    #[test]
    fn undeclared_statuses_keep_their_text() {
        for (status, kind) in [
            (403, ErrorKind::Auth),
            (404, ErrorKind::Rejected),
            (429, ErrorKind::RateLimited),
            (502, ErrorKind::Transient),
        ] {
            let status = http::StatusCode::from_u16(status).unwrap();
            let found = details(status, &json!("  account not connected\n"));
            assert_eq!(found.kind, Some(kind), "{status}");
            assert_eq!(found.message.as_deref(), Some("account not connected"));
        }
        assert_eq!(
            details(http::StatusCode::NOT_FOUND, &json!("   ")).message,
            None
        );
        assert_eq!(
            details(http::StatusCode::NOT_FOUND, &json!({"error": "x"})).message,
            None
        );
    }
}
