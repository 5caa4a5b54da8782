//! The Graph API's error body, `{"error": {"code", "error_subcode", "message", "error_data"}}`,
//! read into the facade's error kinds.

use crate::adapter::{ErrorDetails, code_text};

pub(crate) fn details(_status: http::StatusCode, body: &serde_json::Value) -> ErrorDetails {
    let error = &body["error"];
    let code = error["code"].as_i64();
    let message = error["message"].as_str().map(str::to_owned);
    let details = error["error_data"]["details"].as_str();
    let message = match (message, details) {
        (Some(message), Some(details)) if !message.contains(details) => {
            Some(format!("{message}: {details}"))
        }
        (Some(message), _) => Some(message),
        (None, details) => details.map(str::to_owned),
    };
    ErrorDetails {
        code: code_text(&error["code"]),
        subcode: code_text(&error["error_subcode"]),
        message,
        kind: code.and_then(crate::graph_codes::kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn codes_map_to_kinds_and_details_join_the_message() {
        let body = json!({"error": {
            "message": "(#131047) Re-engagement message",
            "type": "OAuthException",
            "code": 131047,
            "error_data": {"messaging_product": "whatsapp", "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
            "fbtrace_id": "AbCdEf"
        }});
        let found = details(http::StatusCode::BAD_REQUEST, &body);
        assert_eq!(found.kind, Some(ErrorKind::OutsideServiceWindow));
        assert_eq!(found.code.as_deref(), Some("131047"));
        assert!(
            found
                .message
                .unwrap()
                .ends_with("last replied to this number.")
        );
        for (code, kind) in [
            (130429, ErrorKind::RateLimited),
            (132001, ErrorKind::Template),
            (131026, ErrorKind::Recipient),
            (190, ErrorKind::Auth),
            (200, ErrorKind::Auth),
            (131016, ErrorKind::Transient),
        ] {
            let body = json!({"error": {"code": code, "error_subcode": 2494010}});
            let found = details(http::StatusCode::BAD_REQUEST, &body);
            assert_eq!(found.kind, Some(kind), "{code}");
            assert_eq!(found.subcode.as_deref(), Some("2494010"));
        }
        assert_eq!(
            details(
                http::StatusCode::BAD_REQUEST,
                &json!({"error": {"code": 100}})
            )
            .kind,
            None
        );
    }
}
