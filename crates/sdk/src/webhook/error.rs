//! Why a webhook delivery was refused.

use std::time::Duration;

use crate::Provider;

use super::dedup::DedupError;

/// Why a delivery (or the Cloud API's subscription handshake) was refused. No events come
/// with an error: verification fails closed.
///
/// [`status`](Self::status) is the HTTP status to answer with. Messages never contain a
/// secret or a signature.
///
/// ```
/// use whatsapp_sdk::webhook::{WebhookError, WebhookReceiver};
/// use whatsapp_sdk::Secret;
///
/// let receiver = WebhookReceiver::cloud(Secret::new("app-secret"));
/// let error = receiver.receive(&http::HeaderMap::new(), b"{}").unwrap_err();
/// assert!(matches!(error, WebhookError::MissingSignature { .. }));
/// assert_eq!(error.status(), http::StatusCode::UNAUTHORIZED);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The receiver has no usable secret (it is empty or blank), so nothing can be verified.
    #[error("{provider} webhook: no secret is configured, so no delivery can be verified")]
    NoSecret {
        /// The receiver's provider.
        provider: Provider,
    },
    /// The signature or credential header is absent.
    #[error("{provider} webhook: the `{header}` header is missing")]
    MissingSignature {
        /// The receiver's provider.
        provider: Provider,
        /// The header expected.
        header: String,
    },
    /// The header is there but not in the provider's format (not `sha256=<hex>`, no `t=`
    /// or `s=`, not `Bearer …`, not valid text).
    #[error("{provider} webhook: the `{header}` header is malformed: {reason}")]
    MalformedSignature {
        /// The receiver's provider.
        provider: Provider,
        /// The header at fault.
        header: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The signature or credential does not match: the body was changed, or it was signed
    /// with another secret.
    #[error("{provider} webhook: the `{header}` signature or credential does not match")]
    BadSignature {
        /// The receiver's provider.
        provider: Provider,
        /// The header checked.
        header: String,
    },
    /// The signed timestamp is older than the replay window allows.
    #[error("{provider} webhook: the signature is {}s old, more than the {}s allowed", age.as_secs(), window.as_secs())]
    Stale {
        /// The receiver's provider.
        provider: Provider,
        /// How old.
        age: Duration,
        /// The replay window.
        window: Duration,
    },
    /// The signed timestamp lies further in the future than the replay window allows.
    #[error("{provider} webhook: the signature is dated {}s ahead, more than the {}s allowed", ahead.as_secs(), window.as_secs())]
    Future {
        /// The receiver's provider.
        provider: Provider,
        /// How far ahead.
        ahead: Duration,
        /// The replay window.
        window: Duration,
    },
    /// The body is larger than the receiver's cap.
    #[error("{provider} webhook: the body has {actual} bytes, more than the {limit} allowed")]
    TooLarge {
        /// The receiver's provider.
        provider: Provider,
        /// The cap, in bytes.
        limit: usize,
        /// The body's size (a lower bound when the body was cut off while reading).
        actual: usize,
    },
    /// The body is not JSON, or not a payload of the provider's overall shape (at the JSON
    /// pointer given).
    #[error("{provider} webhook: malformed payload at `{pointer}`: {source}")]
    Malformed {
        /// The provider whose format was expected.
        provider: Provider,
        /// Where in the payload (a JSON pointer, empty for the whole body).
        pointer: String,
        /// What the JSON parser said.
        #[source]
        source: serde_json::Error,
    },
    /// The de-duplication store failed. Nothing was handed on; let the provider deliver
    /// again (answer 503).
    #[error("{provider} webhook: {source}")]
    Store {
        /// The receiver's provider.
        provider: Provider,
        /// The store's failure.
        #[source]
        source: DedupError,
    },
    /// The Cloud API's `GET` subscription handshake was refused: `hub.mode` is not
    /// `subscribe`, the verify token does not match, or no verify token is configured.
    #[error("{provider} webhook: subscription handshake refused: {reason}")]
    Handshake {
        /// The receiver's provider.
        provider: Provider,
        /// Why.
        reason: &'static str,
    },
}

impl WebhookError {
    /// The HTTP status to answer the delivery with: 401 for a missing, malformed, wrong or
    /// stale signature, 413 for a body over the cap, 400 for a malformed payload, 403 for a
    /// refused handshake, 503 when the de-duplication store failed (so the provider delivers
    /// again) and 500 when no secret is configured.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            WebhookError::NoSecret { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            WebhookError::MissingSignature { .. }
            | WebhookError::MalformedSignature { .. }
            | WebhookError::BadSignature { .. }
            | WebhookError::Stale { .. }
            | WebhookError::Future { .. } => StatusCode::UNAUTHORIZED,
            WebhookError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            WebhookError::Malformed { .. } => StatusCode::BAD_REQUEST,
            WebhookError::Store { .. } => StatusCode::SERVICE_UNAVAILABLE,
            WebhookError::Handshake { .. } => StatusCode::FORBIDDEN,
        }
    }

    /// The provider of the receiver that refused the delivery.
    pub fn provider(&self) -> Provider {
        match self {
            WebhookError::NoSecret { provider }
            | WebhookError::MissingSignature { provider, .. }
            | WebhookError::MalformedSignature { provider, .. }
            | WebhookError::BadSignature { provider, .. }
            | WebhookError::Stale { provider, .. }
            | WebhookError::Future { provider, .. }
            | WebhookError::TooLarge { provider, .. }
            | WebhookError::Malformed { provider, .. }
            | WebhookError::Store { provider, .. }
            | WebhookError::Handshake { provider, .. } => *provider,
        }
    }

    pub(crate) fn malformed(provider: Provider, pointer: &str, source: serde_json::Error) -> Self {
        WebhookError::Malformed {
            provider,
            pointer: pointer.to_owned(),
            source,
        }
    }
}
