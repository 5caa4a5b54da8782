//! The on-premises API's error body, `{"errors": [{"code", "title", "details", "href"}],
//! "meta": {..}}` (the spec's `Response`, openapi.yaml:2692-2712), read into the facade's error
//! kinds.
//!
//! No operation of the spec declares an error status, so every failure arrives as an
//! unexpected status with this body as untyped JSON; a 200 whose `errors` is not empty is a
//! failure too ("Only returned with a failed request", openapi.yaml:2704).
//!
//! The spec's `Error.code` says "See the <https://developers.facebook.com/docs/whatsapp/api/errors>
//! for more information" (openapi.yaml:1895-1897): the codes below are that reference's, for
//! the on-premises client. The spec's own examples hold one real code, 470 (the Webhook-Status
//! example, openapi.yaml:3216-3219); the others are placeholders (`1234`).

use crate::Provider;
use crate::adapter::{ErrorDetails, code_text};
use crate::error::{Error, ErrorKind, ProviderError};

/// 470: "Failed to send message because you are outside the support window for freeform
/// messages to this user" (openapi.yaml:3219).
const OUTSIDE_WINDOW: &[i64] = &[470];
/// 429 "Rate limit hit", 471 "Spam rate limit hit", 1015 "Too many requests".
const RATE_LIMITED: &[i64] = &[429, 471, 1015];
/// 1005 "Access denied".
const AUTH: &[i64] = &[1005];
/// 1013 "User is not valid", 1026 "Receiver incapable".
const RECIPIENT: &[i64] = &[1013, 1026];
/// 1011 "Service not ready", 1016 "System overloaded".
const TRANSIENT: &[i64] = &[1011, 1016];
/// 2000 "Template param count mismatch" to 2014 "Expected namespace is empty": the template
/// (HSM) errors. The later 20xx codes are about interactive lists and catalogs.
const TEMPLATE: std::ops::RangeInclusive<i64> = 2000..=2014;
/// 1006 "Resource not found": for the media operations, the file.
const NOT_FOUND: i64 = 1006;

/// The operations whose "not found" means a media file.
const MEDIA_OPERATIONS: &[&str] = &["download_media", "upload_media"];

/// The first error of `body`, and the kind its code implies for `operation`.
pub(crate) fn details(
    operation: &str,
    status: http::StatusCode,
    body: &serde_json::Value,
) -> ErrorDetails {
    let error = &body["errors"][0];
    let title = error["title"].as_str().filter(|t| !t.is_empty());
    let details = error["details"].as_str().filter(|d| !d.is_empty());
    let message = match (title, details) {
        (Some(title), Some(details)) if !title.contains(details) => {
            Some(format!("{title}: {details}"))
        }
        (Some(title), _) => Some(title.to_owned()),
        (None, details) => details.map(str::to_owned),
    };
    let media = MEDIA_OPERATIONS.contains(&operation);
    let kind = error["code"]
        .as_i64()
        .and_then(|code| kind(code, media))
        .or_else(|| (media && status == http::StatusCode::NOT_FOUND).then_some(ErrorKind::Media));
    ErrorDetails {
        code: code_text(&error["code"]),
        subcode: None,
        message,
        kind,
    }
}

fn kind(code: i64, media: bool) -> Option<ErrorKind> {
    let kinds: [(&[i64], ErrorKind); 5] = [
        (OUTSIDE_WINDOW, ErrorKind::OutsideServiceWindow),
        (RATE_LIMITED, ErrorKind::RateLimited),
        (AUTH, ErrorKind::Auth),
        (RECIPIENT, ErrorKind::Recipient),
        (TRANSIENT, ErrorKind::Transient),
    ];
    if TEMPLATE.contains(&code) {
        return Some(ErrorKind::Template);
    }
    if code == NOT_FOUND && media {
        return Some(ErrorKind::Media);
    }
    kinds
        .iter()
        .find(|(codes, _)| codes.contains(&code))
        .map(|(_, kind)| *kind)
}

/// The failure a success answer reports in its `errors`, if it reports one.
pub(crate) fn in_success(
    operation: &'static str,
    status: http::StatusCode,
    body: serde_json::Value,
) -> Option<Error> {
    let failed = body["errors"].as_array().is_some_and(|e| !e.is_empty());
    if !failed {
        return None;
    }
    let found = details(operation, status, &body);
    Some(Error::Provider(Box::new(ProviderError {
        provider: Provider::OnPrem,
        operation,
        status,
        code: found.code,
        subcode: None,
        message: found.message,
        kind: found.kind.unwrap_or(ErrorKind::Rejected),
        retry_after: None,
        body,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(code: i64, title: &str) -> serde_json::Value {
        json!({"errors": [{"code": code, "title": title}], "meta": {"api_status": "stable", "version": "2.41.2"}})
    }

    #[test]
    fn the_specs_own_code_is_the_closed_service_window() {
        // The Webhook-Status example's error, verbatim (openapi.yaml:3217-3219).
        let title = "Failed to send message because you are outside the support window for freeform messages to this user. Please use a valid HSM notification or reconsider.";
        let found = details(
            "send_message",
            http::StatusCode::BAD_REQUEST,
            &body(470, title),
        );
        assert_eq!(found.kind, Some(ErrorKind::OutsideServiceWindow));
        assert_eq!(found.code.as_deref(), Some("470"));
        assert_eq!(found.message.as_deref(), Some(title));
    }

    #[test]
    fn documented_codes_map_to_kinds() {
        for (code, kind) in [
            (429, ErrorKind::RateLimited),
            (471, ErrorKind::RateLimited),
            (1015, ErrorKind::RateLimited),
            (1005, ErrorKind::Auth),
            (1013, ErrorKind::Recipient),
            (1026, ErrorKind::Recipient),
            (1011, ErrorKind::Transient),
            (1016, ErrorKind::Transient),
            (2000, ErrorKind::Template),
            (2001, ErrorKind::Template),
            (2014, ErrorKind::Template),
        ] {
            let found = details(
                "send_message",
                http::StatusCode::BAD_REQUEST,
                &body(code, "t"),
            );
            assert_eq!(found.kind, Some(kind), "{code}");
            assert_eq!(found.code, Some(code.to_string()));
        }
        for code in [1000, 1006, 1008, 2015, 2023, 1234] {
            let found = details(
                "send_message",
                http::StatusCode::BAD_REQUEST,
                &body(code, "t"),
            );
            assert_eq!(found.kind, None, "{code} goes by the status");
        }
    }

    #[test]
    fn not_found_means_the_file_for_media_operations_only() {
        let not_found = body(1006, "Resource not found");
        for operation in ["download_media", "upload_media"] {
            let found = details(operation, http::StatusCode::NOT_FOUND, &not_found);
            assert_eq!(found.kind, Some(ErrorKind::Media), "{operation}");
        }
        assert_eq!(
            details("send_message", http::StatusCode::NOT_FOUND, &not_found).kind,
            None
        );
        assert_eq!(
            details("download_media", http::StatusCode::NOT_FOUND, &json!(null)).kind,
            Some(ErrorKind::Media)
        );
    }

    #[test]
    fn title_and_details_make_the_message() {
        // The spec's Response example (openapi.yaml:2694-2701).
        let example = json!({
            "errors": [{"code": 1234, "details": "optional-detailed-error-message", "title": "error-code-title"}],
            "meta": {"api_status": "deprecated", "version": "whatsapp-business-api-client-version"}
        });
        let found = details("send_message", http::StatusCode::BAD_REQUEST, &example);
        assert_eq!(
            found.message.as_deref(),
            Some("error-code-title: optional-detailed-error-message")
        );
        assert_eq!(found.code.as_deref(), Some("1234"));
        let only_details = json!({"errors": [{"details": "no title"}]});
        let found = details("send_message", http::StatusCode::BAD_REQUEST, &only_details);
        assert_eq!(found.message.as_deref(), Some("no title"));
        assert_eq!(found.code, None);
        let not_json = details(
            "send_message",
            http::StatusCode::BAD_GATEWAY,
            &json!("gateway"),
        );
        assert_eq!(
            (not_json.code, not_json.message, not_json.kind),
            (None, None, None)
        );
    }

    #[test]
    fn a_success_answer_with_errors_is_a_failure() {
        let answer = body(1013, "User is not valid");
        let error = in_success("send_message", http::StatusCode::OK, answer.clone())
            .expect("errors in a 200 are a failure");
        let provider = error.provider_error().expect("a provider error");
        assert_eq!(provider.status, http::StatusCode::OK);
        assert_eq!(provider.code.as_deref(), Some("1013"));
        assert_eq!(provider.message.as_deref(), Some("User is not valid"));
        assert_eq!(provider.kind, ErrorKind::Recipient);
        assert_eq!(provider.body, answer);
        let unknown = in_success("send_message", http::StatusCode::OK, body(1000, "Generic"));
        assert_eq!(unknown.map(|e| e.kind()), Some(ErrorKind::Rejected));
        let fine = json!({"messages": [{"id": "gBEGkYiEB1VXAglK1ZEqA1YKPrU"}], "errors": []});
        assert!(in_success("send_message", http::StatusCode::OK, fine).is_none());
    }
}
