//! Each provider's error answers, in the shape its spec documents: what the sandbox sends for
//! a wrong credential, an invalid body, an unknown path, a rate limit or a refusal.

use std::time::Duration;

use serde_json::json;

use super::Answer;
use crate::{ErrorKind, Provider};

/// The Graph API's error body (`ErrorResponse` in the Cloud spec).
pub(crate) fn graph(code: i64, message: &str, details: &str) -> serde_json::Value {
    json!({"error": {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details},
        "fbtrace_id": "ASandboxTraceId"
    }})
}

/// The on-premises API's `Response` with one `Error` in `errors`.
fn onprem(code: i64, title: &str, details: &str) -> serde_json::Value {
    json!({
        "errors": [{"code": code, "title": title, "details": details}],
        "meta": {"api_status": "stable", "version": "sandbox"}
    })
}

/// An on-premises error answer: `status` with the `Response` body holding one `Error`.
pub(crate) fn onprem_answer(status: u16, code: i64, title: &str, details: &str) -> Answer {
    Answer::json(status, &onprem(code, title, details))
}

/// Whapi's `ResponseError`.
pub(crate) fn whapi(code: i64, message: &str) -> serde_json::Value {
    json!({"error": {"code": code, "message": message}})
}

/// YCloud's `ErrorResponse`.
fn ycloud(status: u16, code: &str, message: &str) -> serde_json::Value {
    json!({"error": {"status": status, "code": code, "message": message, "requestId": "req_sandbox"}})
}

/// YCloud's `ErrorResponse` for a send the WhatsApp Business API refused: Meta's error, as the
/// Cloud API gives it, in `whatsappApiError`.
pub(crate) fn ycloud_whatsapp(code: i64, message: &str, details: &str) -> serde_json::Value {
    let mut body = ycloud(400, "WHATSAPP_API_ERROR", "WhatsApp refused the message.");
    body["error"]["whatsappApiError"] = json!({
        "message": message,
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details},
        "fbtrace_id": "ASandboxTraceId"
    });
    body
}

/// A request without the right credential.
pub(crate) fn unauthorized(provider: Provider) -> Answer {
    match provider {
        Provider::Cloud => Answer::json(
            401,
            &graph(
                190,
                "Invalid OAuth access token - Cannot parse access token",
                "The access token is missing or not the sandbox's.",
            ),
        ),
        Provider::OnPrem => {
            Answer::json(401, &onprem(1005, "Access denied", "Invalid credentials."))
        }
        Provider::Whapi => Answer::json(
            401,
            &whapi(401, "Need channel authorization for send message"),
        ),
        Provider::YCloud => Answer::json(401, &ycloud(401, "UNAUTHORIZED", "Invalid API key.")),
        Provider::WhatsHooked => Answer::text(401, "Unauthorized"),
    }
}

/// A body the provider's request type does not accept; `details` says why.
pub(crate) fn invalid(provider: Provider, details: &str) -> Answer {
    match provider {
        Provider::Cloud => Answer::json(400, &graph(100, "(#100) Invalid parameter", details)),
        Provider::OnPrem => {
            Answer::json(400, &onprem(1009, "Parameter value is not valid", details))
        }
        Provider::Whapi => Answer::json(
            400,
            &whapi(400, &format!("Wrong request parameters: {details}")),
        ),
        Provider::YCloud => Answer::json(400, &ycloud(400, "INVALID_ARGUMENT", details)),
        Provider::WhatsHooked => Answer::text(400, format!("Bad request: {details}")),
    }
}

/// A path or method the provider does not have.
pub(crate) fn not_found(provider: Provider, what: &str) -> Answer {
    match provider {
        Provider::Cloud => Answer::json(
            400,
            &graph(100, "Unsupported request - method type or path", what),
        ),
        Provider::OnPrem => Answer::json(404, &onprem(1006, "Resource not found", what)),
        Provider::Whapi => Answer::json(404, &whapi(404, what)),
        Provider::YCloud => Answer::json(
            404,
            &ycloud(404, "NOT_FOUND", "The requested resource does not exist."),
        ),
        Provider::WhatsHooked => Answer::text(404, format!("Not found: {what}")),
    }
}

/// `provider`'s 429 (the Cloud API's is built by [`Answer::rate_limited`]).
pub(crate) fn rate_limited(provider: Provider) -> Answer {
    match provider {
        Provider::Cloud => Answer::json(
            429,
            &graph(
                130429,
                "(#130429) Rate limit hit",
                "Cloud API message throughput has been reached.",
            ),
        ),
        Provider::OnPrem => Answer::json(429, &onprem(1015, "Too many requests", "Slow down.")),
        Provider::Whapi => Answer::json(429, &whapi(429, "Too many requests")),
        Provider::YCloud => {
            Answer::json(429, &ycloud(429, "TOO_MANY_REQUESTS", "Too many requests."))
        }
        Provider::WhatsHooked => Answer::text(429, "Too many requests"),
    }
}

/// A refusal for a reason only `message` describes.
pub(crate) fn refused(provider: Provider, message: &str) -> Answer {
    match provider {
        Provider::Cloud => Answer::json(
            400,
            &graph(131000, "(#131000) Something went wrong", message),
        ),
        Provider::OnPrem => Answer::json(400, &onprem(1000, "Generic error", message)),
        Provider::Whapi => Answer::json(400, &whapi(400, message)),
        Provider::YCloud => Answer::json(400, &ycloud(400, "FAILED_PRECONDITION", message)),
        Provider::WhatsHooked => Answer::text(500, format!("Send failed: {message}")),
    }
}

/// The error answers `provider`'s API documents, each with the kind a messenger must read it
/// as: what the conformance suite (and `examples/handle_errors`) rehearse.
pub fn documented_errors(provider: Provider) -> Vec<(&'static str, Answer, ErrorKind)> {
    let rate_limited = Answer::rate_limited(provider, Duration::from_secs(2));
    let mut errors = vec![
        ("rate limited", rate_limited, ErrorKind::RateLimited),
        ("bad credential", unauthorized(provider), ErrorKind::Auth),
    ];
    match provider {
        Provider::Cloud => errors.extend([
            (
                "customer-service window closed",
                Answer::outside_service_window(provider),
                ErrorKind::OutsideServiceWindow,
            ),
            (
                "recipient cannot receive",
                Answer::json(
                    400,
                    &graph(
                        131026,
                        "(#131026) Message Undeliverable",
                        "Unable to deliver message.",
                    ),
                ),
                ErrorKind::Recipient,
            ),
            (
                "template missing",
                Answer::json(
                    404,
                    &graph(
                        132001,
                        "(#132001) Template name does not exist in the translation",
                        "template name (order_update) does not exist in en_US",
                    ),
                ),
                ErrorKind::Template,
            ),
            (
                "service unavailable",
                Answer::json(
                    503,
                    &graph(
                        131016,
                        "(#131016) Service unavailable",
                        "A service is temporarily unavailable.",
                    ),
                ),
                ErrorKind::Transient,
            ),
        ]),
        // The spec declares a 200 only, whose `Response.errors` lists what failed; the codes
        // are those of Meta's on-premises error reference, which `Error.code` links.
        Provider::OnPrem => errors.extend([
            (
                "errors in the 200 answer",
                onprem_answer(
                    200,
                    1013,
                    "User is not valid",
                    "The recipient is not a valid WhatsApp user.",
                ),
                ErrorKind::Recipient,
            ),
            (
                "recipient cannot receive",
                onprem_answer(
                    400,
                    1026,
                    "Receiver incapable",
                    "The recipient cannot receive this message.",
                ),
                ErrorKind::Recipient,
            ),
            (
                "template missing",
                onprem_answer(
                    400,
                    2001,
                    "Template missing",
                    "No template order_update in language en_US.",
                ),
                ErrorKind::Template,
            ),
            (
                "invalid parameter",
                invalid(provider, "text.body is empty."),
                ErrorKind::Rejected,
            ),
            (
                "service not ready",
                onprem_answer(
                    503,
                    1011,
                    "Service not ready",
                    "The client is not yet ready.",
                ),
                ErrorKind::Transient,
            ),
            (
                "system overloaded",
                onprem_answer(
                    503,
                    1016,
                    "System overloaded",
                    "The system is under heavy load.",
                ),
                ErrorKind::Transient,
            ),
            (
                "internal error",
                onprem_answer(500, 1014, "Internal error", "Upstream failed."),
                ErrorKind::Transient,
            ),
        ]),
        // The send operations declare 400 "Bad request / invalid JID", 401 "Unauthorized" and
        // 500 "Send failed", each a plain-text `Error`.
        Provider::WhatsHooked => errors.extend([
            (
                "invalid JID",
                invalid(provider, "invalid JID `not-a-jid`"),
                ErrorKind::Rejected,
            ),
            (
                "send failed",
                Answer::text(500, "Send failed"),
                ErrorKind::Transient,
            ),
        ]),
        _ => errors.push((
            "internal error",
            match provider {
                Provider::OnPrem => {
                    Answer::json(500, &onprem(1014, "Internal error", "Upstream failed."))
                }
                Provider::Whapi => Answer::json(500, &whapi(500, "Internal Error")),
                Provider::YCloud => Answer::json(
                    500,
                    &ycloud(500, "INTERNAL_SERVER_ERROR", "Internal error."),
                ),
                _ => Answer::text(500, "Send failed"),
            },
            ErrorKind::Transient,
        )),
    }
    match provider {
        Provider::Whapi => errors.extend(whapi_documented()),
        Provider::YCloud => errors.extend(ycloud_documented()),
        _ => {}
    }
    errors
}

/// The answers the spec documents for `sendMessageText` beyond 401, 429 and 500 (404 and 415
/// are documented for the media sends only), with the kinds the adapter's table gives them.
fn whapi_documented() -> Vec<(&'static str, Answer, ErrorKind)> {
    let answer =
        |status: u16, message: &str| Answer::json(status, &whapi(i64::from(status), message));
    vec![
        (
            "wrong request parameters",
            answer(400, "Wrong request parameters"),
            ErrorKind::Rejected,
        ),
        (
            "trial limit exceeded",
            answer(402, "Trial version limit exceeded"),
            ErrorKind::Auth,
        ),
        (
            "recipient forbidden",
            answer(403, "It is forbidden to send to this group/recipient"),
            ErrorKind::Recipient,
        ),
        (
            "body too large",
            answer(413, "Request body too large"),
            ErrorKind::Rejected,
        ),
    ]
}

/// YCloud documents `NOT_FOUND`, WhatsApp's own errors relayed in `whatsappApiError` by
/// `sendDirectly`, and a message answered with `status: failed` and its `errorCode` (the
/// spec's example code is `INTERNAL_SERVER_ERROR`).
fn ycloud_documented() -> Vec<(&'static str, Answer, ErrorKind)> {
    vec![
        (
            "not found",
            Answer::json(
                404,
                &ycloud(404, "NOT_FOUND", "The requested resource does not exist."),
            ),
            ErrorKind::Rejected,
        ),
        (
            "customer-service window closed",
            Answer::outside_service_window(Provider::YCloud),
            ErrorKind::OutsideServiceWindow,
        ),
        (
            "recipient cannot receive",
            Answer::json(
                400,
                &ycloud_whatsapp(
                    131026,
                    "(#131026) Message Undeliverable",
                    "Unable to deliver message.",
                ),
            ),
            ErrorKind::Recipient,
        ),
        (
            "template missing",
            Answer::json(
                400,
                &ycloud_whatsapp(
                    132001,
                    "(#132001) Template name does not exist in the translation",
                    "template name (order_update) does not exist in en_US",
                ),
            ),
            ErrorKind::Template,
        ),
        (
            "message failed",
            Answer::json(
                200,
                &json!({
                    "id": "627c8640675de8fc689ab9d9",
                    "wabaId": "102290129340398",
                    "from": super::Sandbox::YCLOUD_FROM,
                    "to": "+14155550123",
                    "type": "text",
                    "text": {"body": "hello"},
                    "status": "failed",
                    "errorCode": "INTERNAL_SERVER_ERROR",
                    "errorMessage": "The message could not be sent; try again later."
                }),
            ),
            ErrorKind::Transient,
        ),
    ]
}
