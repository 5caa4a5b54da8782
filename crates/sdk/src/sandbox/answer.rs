//! What the sandbox answers: a status, headers and a body.

use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER};

use crate::Provider;

/// An HTTP answer, queued with [`Sandbox::answer_next`](super::Sandbox::answer_next) to
/// replace the sandbox's own answer to a provider's next request.
///
/// ```
/// use std::time::Duration;
/// use whatsapp_sdk::Provider;
/// use whatsapp_sdk::sandbox::Answer;
///
/// let limited = Answer::rate_limited(Provider::Cloud, Duration::from_secs(2));
/// assert_eq!(limited.status().as_u16(), 429);
/// let closed = Answer::outside_service_window(Provider::Cloud);
/// assert_eq!(closed.status().as_u16(), 400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
}

impl Answer {
    /// A JSON answer.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Answer {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: vec![(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            body: Bytes::from(body.to_string()),
        }
    }

    /// A plain-text answer.
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        Answer {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: vec![(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            body: Bytes::from(body.into()),
        }
    }

    /// A binary answer of `content_type`.
    pub fn bytes(status: u16, content_type: &str, body: Bytes) -> Self {
        let content_type = HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        Answer {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: vec![(CONTENT_TYPE, content_type)],
            body,
        }
    }

    /// The same answer with one more header; an invalid name or value is ignored.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.push((name, value));
        }
        self
    }

    /// `provider`'s own "too many requests" answer: HTTP 429 with `Retry-After`.
    pub fn rate_limited(provider: Provider, retry_after: Duration) -> Self {
        let seconds = retry_after.as_secs().max(1).to_string();
        super::errors::rate_limited(provider).with_header(RETRY_AFTER.as_str(), &seconds)
    }

    /// `provider`'s answer to a free-form message outside the 24-hour customer-service window:
    /// Meta's code 131047 from the Cloud API, and relayed in `whatsappApiError` by YCloud's
    /// `sendDirectly`. The other providers report a closed window after the fact (the
    /// on-premises API in a status webhook) or not at all, so for them this is a generic
    /// refusal.
    pub fn outside_service_window(provider: Provider) -> Self {
        const TITLE: &str = "(#131047) Re-engagement message";
        const DETAILS: &str = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
        match provider {
            Provider::Cloud => Answer::json(400, &super::errors::graph(131047, TITLE, DETAILS)),
            Provider::YCloud => {
                Answer::json(400, &super::errors::ycloud_whatsapp(131047, TITLE, DETAILS))
            }
            other => super::errors::refused(
                other,
                "more than 24 hours have passed since the customer last replied",
            ),
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}
