//! The one error type of every provider crate.

use std::any::Any;
use std::fmt;

use bytes::Bytes;
use futures::TryStreamExt;
use progenitor_client::ByteStream;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Everything that can go wrong building, sending or decoding a provider request.
///
/// Each variant names the provider and, once a request exists, the operation id (the spec's
/// `operationId` in snake case), so a log line alone says which call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be built: a setting is missing or invalid.
    #[error("{provider}: invalid client configuration: `{field}` {reason}")]
    Config {
        /// Provider crate, e.g. `cloud`.
        provider: &'static str,
        /// The builder setting or environment variable at fault.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The request could not be built from the arguments given (a required parameter missing,
    /// a value outside the spec's constraints).
    #[error("{provider} `{operation}`: invalid request: {reason}")]
    InvalidRequest {
        /// Provider crate.
        provider: &'static str,
        /// Operation id.
        operation: &'static str,
        /// What is wrong, as the request builder reported it.
        reason: String,
    },
    /// The provider answered with a status the operation does not treat as success.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request did not complete: connection, TLS, timeout or body streaming failed.
    #[error("{provider} `{operation}`: request failed: {source}")]
    Transport {
        /// Provider crate.
        provider: &'static str,
        /// Operation id.
        operation: &'static str,
        /// The underlying error, with its URL removed (it may carry a token or phone number).
        #[source]
        source: reqwest::Error,
    },
    /// A success response whose body does not match the spec's schema.
    #[error("{provider} `{operation}`: response body does not match the spec: {source}")]
    Decode {
        /// Provider crate.
        provider: &'static str,
        /// Operation id.
        operation: &'static str,
        /// The body as received.
        body: Bytes,
        /// Where decoding stopped.
        #[source]
        source: serde_json::Error,
    },
}

/// A response with a status the operation does not treat as success.
pub struct ApiError {
    /// Provider crate.
    pub provider: &'static str,
    /// Operation id.
    pub operation: &'static str,
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body, decoded as far as the spec allows.
    pub body: ErrorBody,
    typed: Option<Box<dyn Any + Send + Sync>>,
}

impl ApiError {
    /// The body as the spec's error type for this operation, e.g.
    /// `error.typed_body::<whatsapp_sdk_cloud::types::ErrorResponse>()`. `None` when the spec
    /// describes no body for this status or `T` is another type.
    pub fn typed_body<T: Any>(&self) -> Option<&T> {
        self.typed.as_deref()?.downcast_ref()
    }

    /// Whether sending the request again could succeed: 408, 429 and 5xx.
    pub fn is_retryable(&self) -> bool {
        is_retryable_status(self.status)
    }

    /// How long the provider asked to wait before the next request (`Retry-After`, as seconds
    /// or an HTTP date), when it said.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        crate::retry::retry_after(&self.headers, std::time::SystemTime::now())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("provider", &self.provider)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("body", &self.body)
            .field("typed", &self.typed.is_some())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}`: HTTP {}",
            self.provider, self.operation, self.status
        )?;
        match &self.body {
            ErrorBody::Empty => Ok(()),
            ErrorBody::Json(value) => write!(f, ": {}", clip(&value.to_string())),
            ErrorBody::Text(text) => write!(f, ": {}", clip(text)),
            ErrorBody::Binary(bytes) => write!(f, " ({} bytes of binary body)", bytes.len()),
        }
    }
}

/// Keeps one-line error messages readable when a provider returns a whole HTML page.
fn clip(text: &str) -> String {
    const LIMIT: usize = 300;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// An error response body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorBody {
    /// No body.
    Empty,
    /// A JSON body: the spec's error schema when it describes one, any JSON otherwise.
    Json(serde_json::Value),
    /// A body that is UTF-8 text but not JSON.
    Text(String),
    /// Anything else, as received.
    Binary(Bytes),
}

impl ErrorBody {
    /// Classifies a raw body: JSON if it parses, text if it is UTF-8, bytes otherwise.
    pub fn from_bytes(bytes: Bytes) -> Self {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Self::Empty;
        }
        if let Ok(value) = serde_json::from_slice(&bytes) {
            return Self::Json(value);
        }
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Self::Text(text),
            Err(_) => Self::Binary(bytes),
        }
    }
}

impl Error {
    /// A builder setting or environment variable that is missing or invalid.
    #[doc(hidden)]
    pub fn config(
        provider: &'static str,
        field: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self::Config {
            provider,
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Arguments that cannot make a valid request.
    #[doc(hidden)]
    pub fn invalid_request(
        provider: &'static str,
        operation: &'static str,
        reason: impl fmt::Display,
    ) -> Self {
        Self::InvalidRequest {
            provider,
            operation,
            reason: reason.to_string(),
        }
    }

    /// A request that failed in transit; the URL is dropped from the error.
    #[doc(hidden)]
    pub fn transport(
        provider: &'static str,
        operation: &'static str,
        source: reqwest::Error,
    ) -> Self {
        Self::Transport {
            provider,
            operation,
            source: source.without_url(),
        }
    }

    /// An error status with its body read and classified.
    #[doc(hidden)]
    pub async fn from_response(
        provider: &'static str,
        operation: &'static str,
        response: reqwest::Response,
    ) -> Self {
        Self::read_api(provider, operation, response, |_| None).await
    }

    /// Like [`Error::from_response`], also decoding the body as `E`, the spec's error schema,
    /// for [`ApiError::typed_body`] when it matches.
    #[doc(hidden)]
    pub async fn from_response_typed<E>(
        provider: &'static str,
        operation: &'static str,
        response: reqwest::Response,
    ) -> Self
    where
        E: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        Self::read_api(provider, operation, response, |bytes| {
            serde_json::from_slice::<E>(bytes)
                .ok()
                .map(|body| Box::new(body) as Box<dyn Any + Send + Sync>)
        })
        .await
    }

    /// Reads an error answer's body, classifies it and lets `typed` decode it as the spec's
    /// error schema.
    async fn read_api(
        provider: &'static str,
        operation: &'static str,
        response: reqwest::Response,
        typed: impl FnOnce(&Bytes) -> Option<Box<dyn Any + Send + Sync>>,
    ) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        match response.bytes().await {
            Ok(bytes) => {
                let decoded = typed(&bytes);
                let body = ErrorBody::from_bytes(bytes);
                Self::api(provider, operation, status, headers, body, decoded)
            }
            Err(error) => Self::transport(provider, operation, error),
        }
    }

    fn api(
        provider: &'static str,
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: ErrorBody,
        typed: Option<Box<dyn Any + Send + Sync>>,
    ) -> Self {
        Self::Api(Box::new(ApiError {
            provider,
            operation,
            status,
            headers,
            body,
            typed,
        }))
    }

    /// Converts what a generated operation returned, keeping its decoded error body.
    #[doc(hidden)]
    pub async fn from_generated<E>(
        provider: &'static str,
        operation: &'static str,
        error: progenitor_client::Error<E>,
    ) -> Self
    where
        E: serde::Serialize + Send + Sync + 'static,
    {
        match error {
            progenitor_client::Error::ErrorResponse(value) => {
                let status = value.status();
                let headers = value.headers().clone();
                let inner = value.into_inner();
                let body = match serde_json::to_value(&inner) {
                    Ok(serde_json::Value::Null) | Err(_) => ErrorBody::Empty,
                    Ok(json) => ErrorBody::Json(json),
                };
                Self::api(
                    provider,
                    operation,
                    status,
                    headers,
                    body,
                    Some(Box::new(inner)),
                )
            }
            other => Self::from_generated_untyped(provider, operation, other.into_untyped()).await,
        }
    }

    /// Like [`Error::from_generated`], for operations whose error body the spec leaves raw.
    #[doc(hidden)]
    pub async fn from_generated_stream(
        provider: &'static str,
        operation: &'static str,
        error: progenitor_client::Error<ByteStream>,
    ) -> Self {
        match error {
            progenitor_client::Error::ErrorResponse(value) => {
                let status = value.status();
                let headers = value.headers().clone();
                let read: Result<Vec<Bytes>, _> =
                    value.into_inner().into_inner().try_collect().await;
                match read {
                    Ok(chunks) => Self::api(
                        provider,
                        operation,
                        status,
                        headers,
                        ErrorBody::from_bytes(chunks.concat().into()),
                        None,
                    ),
                    Err(error) => Self::transport(provider, operation, error),
                }
            }
            other => Self::from_generated_untyped(provider, operation, other.into_untyped()).await,
        }
    }

    async fn from_generated_untyped(
        provider: &'static str,
        operation: &'static str,
        error: progenitor_client::Error,
    ) -> Self {
        use progenitor_client::Error as E;
        match error {
            E::InvalidRequest(reason) | E::Custom(reason) => Self::InvalidRequest {
                provider,
                operation,
                reason,
            },
            E::CommunicationError(source)
            | E::InvalidUpgrade(source)
            | E::ResponseBodyError(source) => Self::transport(provider, operation, source),
            E::InvalidResponsePayload(body, source) => Self::Decode {
                provider,
                operation,
                body,
                source,
            },
            E::UnexpectedResponse(response) => {
                Self::from_response(provider, operation, response).await
            }
            E::ErrorResponse(value) => Self::api(
                provider,
                operation,
                value.status(),
                value.headers().clone(),
                ErrorBody::Empty,
                None,
            ),
        }
    }

    /// The provider crate the error comes from.
    pub fn provider(&self) -> &'static str {
        match self {
            Self::Config { provider, .. }
            | Self::InvalidRequest { provider, .. }
            | Self::Transport { provider, .. }
            | Self::Decode { provider, .. } => provider,
            Self::Api(api) => api.provider,
        }
    }

    /// The operation id, once a request was being made.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Config { .. } => None,
            Self::InvalidRequest { operation, .. }
            | Self::Transport { operation, .. }
            | Self::Decode { operation, .. } => Some(operation),
            Self::Api(api) => Some(api.operation),
        }
    }

    /// The HTTP status, when the provider answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(api) => Some(api.status),
            _ => None,
        }
    }

    /// The provider's error response, when it answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Whether sending the same request again could succeed: a 408, 429 or 5xx answer, a
    /// connection failure or a timeout. The client has already retried as its
    /// [`RetryPolicy`](crate::RetryPolicy) allows; this is for callers that queue work.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(api) => api.is_retryable(),
            Self::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            _ => false,
        }
    }
}

fn is_retryable_status(status: StatusCode) -> bool {
    status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_classified() {
        assert_eq!(
            ErrorBody::from_bytes(Bytes::from_static(b" \n")),
            ErrorBody::Empty
        );
        assert_eq!(
            ErrorBody::from_bytes(Bytes::from_static(br#"{"error":{"code":131030}}"#)),
            ErrorBody::Json(serde_json::json!({"error": {"code": 131030}}))
        );
        assert_eq!(
            ErrorBody::from_bytes(Bytes::from_static(b"Bad Gateway")),
            ErrorBody::Text("Bad Gateway".into())
        );
        assert_eq!(
            ErrorBody::from_bytes(Bytes::from_static(&[0xff, 0xfe])),
            ErrorBody::Binary(Bytes::from_static(&[0xff, 0xfe]))
        );
    }

    #[test]
    fn display_names_provider_operation_and_status_and_clips_long_bodies() {
        let error = Error::api(
            "cloud",
            "send_message",
            StatusCode::BAD_REQUEST,
            HeaderMap::new(),
            ErrorBody::Text("x".repeat(1000)),
            None,
        );
        let text = error.to_string();
        assert!(
            text.starts_with("cloud `send_message`: HTTP 400 Bad Request: xxx"),
            "{text}"
        );
        assert!(text.chars().count() < 400, "{text}");
        assert!(!error.is_retryable());
        assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
        assert_eq!(error.operation(), Some("send_message"));
    }

    #[test]
    fn typed_bodies_downcast_to_their_own_type_only() {
        let error = Error::api(
            "ycloud",
            "op",
            StatusCode::TOO_MANY_REQUESTS,
            HeaderMap::new(),
            ErrorBody::Empty,
            Some(Box::new(42u32)),
        );
        let api = error.api_error().expect("api error");
        assert_eq!(api.typed_body::<u32>(), Some(&42));
        assert_eq!(api.typed_body::<String>(), None);
        assert!(error.is_retryable());
    }
}
