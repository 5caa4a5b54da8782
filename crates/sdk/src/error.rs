//! The facade's one error type, and what an application needs to decide how to react.

use std::fmt;
use std::time::Duration;

use crate::{Feature, Provider};

/// `Result` with [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A boxed error from a lower layer, kept as a `source` without naming its type in the API.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything a [`Messenger`](crate::Messenger) call can fail with.
///
/// Every variant after [`Invalid`](Error::Invalid) and [`Unsupported`](Error::Unsupported) names
/// the provider. Those two mean nothing was sent. Use the predicates
/// ([`is_rate_limited`](Error::is_rate_limited), [`is_outside_service_window`](Error::is_outside_service_window),
/// [`is_retryable`](Error::is_retryable), …) or [`kind`](Error::kind) to decide what to do.
///
/// ```
/// use whatsapp_sdk::{Error, ErrorKind, Message};
///
/// let error: Error = Message::text("").unwrap_err().into();
/// assert!(matches!(error, Error::Invalid(_)));
/// assert_eq!(error.kind(), ErrorKind::Invalid);
/// assert!(!error.is_retryable());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The message or an argument breaks a WhatsApp rule; nothing was sent.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The provider cannot do what was asked (see [`Capabilities`](crate::Capabilities));
    /// nothing was sent.
    #[error("{provider} does not support {feature}")]
    Unsupported {
        /// The provider asked.
        provider: Provider,
        /// What it cannot do.
        feature: Feature,
    },
    /// The provider answered with an error.
    #[error(transparent)]
    Provider(Box<ProviderError>),
    /// The request did not complete: connection, TLS or timeout.
    #[error("{provider} `{operation}`: request failed: {source}")]
    Transport {
        /// The provider asked.
        provider: Provider,
        /// The provider operation, as the provider crate names it (`send_message`).
        operation: &'static str,
        /// What failed; a `whatsapp_sdk_runtime::Error` for the provider crates' calls.
        #[source]
        source: BoxError,
    },
    /// The provider answered success with a body the SDK cannot read.
    #[error("{provider} `{operation}`: unexpected answer: {source}")]
    Decode {
        /// The provider asked.
        provider: Provider,
        /// The provider operation.
        operation: &'static str,
        /// What did not match.
        #[source]
        source: BoxError,
    },
    /// The provider crate refused to build the request from the values given.
    #[error("{provider} `{operation}`: invalid request: {source}")]
    Request {
        /// The provider asked.
        provider: Provider,
        /// The provider operation.
        operation: &'static str,
        /// Why.
        #[source]
        source: BoxError,
    },
    /// The messenger is not configured correctly (a missing variable, a bad base URL).
    #[error("{provider}: invalid configuration: {source}")]
    Config {
        /// The provider being configured.
        provider: Provider,
        /// What is wrong.
        #[source]
        source: BoxError,
    },
}

/// What an application should do about an [`Error`], as far as the SDK can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The message or arguments break a rule the SDK checks; fix the input.
    Invalid,
    /// The provider cannot do this at all; use another feature or provider.
    Unsupported,
    /// Too many requests or messages; wait ([`Error::retry_after`]) and retry.
    RateLimited,
    /// The 24-hour customer-service window with this user is closed: only a template
    /// message can start a conversation now.
    OutsideServiceWindow,
    /// The template does not exist, is not approved, or its parameters do not fit it.
    Template,
    /// The recipient is not a valid WhatsApp user, cannot receive this message, or is not
    /// allowed (for example, not on a test number's allow list).
    Recipient,
    /// The credentials are invalid, expired or lack a permission.
    Auth,
    /// A media file could not be uploaded, fetched or used.
    Media,
    /// A temporary provider or network failure; retrying later can succeed.
    Transient,
    /// The provider rejected the request for another reason (see the code and message).
    Rejected,
    /// The SDK could not read a success answer.
    Decode,
    /// The messenger is misconfigured.
    Config,
}

/// An error answer from a provider: HTTP status, the provider's own code and message, and the
/// body as received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProviderError {
    /// Who answered.
    pub provider: Provider,
    /// The provider operation, as the provider crate names it (`send_message`).
    pub operation: &'static str,
    /// The HTTP status.
    pub status: http::StatusCode,
    /// The provider's error code (Graph's `error.code`, YCloud's `error.code`, …), as text.
    pub code: Option<String>,
    /// The provider's finer code when it has one (Graph's `error_subcode`).
    pub subcode: Option<String>,
    /// The provider's error message.
    pub message: Option<String>,
    /// What the SDK makes of it.
    pub kind: ErrorKind,
    /// How long the provider asked to wait, from `Retry-After`.
    pub retry_after: Option<Duration>,
    /// The error body: JSON as received (decoded through the spec's error type where the spec
    /// describes one), a JSON string for a text body, `null` for none.
    pub body: serde_json::Value,
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}`: HTTP {}",
            self.provider, self.operation, self.status
        )?;
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
            if let Some(subcode) = &self.subcode {
                write!(f, "/{subcode}")?;
            }
        }
        if let Some(message) = &self.message {
            write!(f, ": {}", clip(message))?;
        }
        Ok(())
    }
}

impl std::error::Error for ProviderError {}

/// Keeps one-line error messages readable when a provider answers with a whole page.
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 300;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

impl Error {
    /// The provider involved, for every error but [`Error::Invalid`].
    pub fn provider(&self) -> Option<Provider> {
        match self {
            Error::Invalid(_) => None,
            Error::Unsupported { provider, .. }
            | Error::Transport { provider, .. }
            | Error::Decode { provider, .. }
            | Error::Request { provider, .. }
            | Error::Config { provider, .. } => Some(*provider),
            Error::Provider(error) => Some(error.provider),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) | Error::Request { .. } => ErrorKind::Invalid,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::Provider(error) => error.kind,
            Error::Transport { .. } => {
                if self.is_retryable() {
                    ErrorKind::Transient
                } else {
                    ErrorKind::Rejected
                }
            }
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Config { .. } => ErrorKind::Config,
        }
    }

    /// The provider's error answer, when it gave one.
    pub fn provider_error(&self) -> Option<&ProviderError> {
        match self {
            Error::Provider(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status of the provider's error answer.
    pub fn status(&self) -> Option<http::StatusCode> {
        self.provider_error().map(|e| e.status)
    }

    /// The validation failure, when the input was at fault.
    pub fn validation(&self) -> Option<&ValidationError> {
        match self {
            Error::Invalid(error) => Some(error),
            _ => None,
        }
    }

    /// Too many requests: wait [`retry_after`](Self::retry_after) (or back off) and retry.
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimited
    }

    /// The 24-hour customer-service window is closed; send a template instead.
    pub fn is_outside_service_window(&self) -> bool {
        self.kind() == ErrorKind::OutsideServiceWindow
    }

    /// The template is missing, unapproved, or its parameters do not match it.
    pub fn is_template_error(&self) -> bool {
        self.kind() == ErrorKind::Template
    }

    /// The recipient is invalid or cannot receive the message.
    pub fn is_recipient_error(&self) -> bool {
        self.kind() == ErrorKind::Recipient
    }

    /// The credentials are invalid, expired or lack permission.
    pub fn is_auth_error(&self) -> bool {
        self.kind() == ErrorKind::Auth
    }

    /// Whether the same call could succeed later: rate limits, transient provider failures,
    /// connection failures and timeouts. The provider client has already retried as its retry
    /// policy allows; this is for applications that queue work.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Provider(error) => {
                matches!(error.kind, ErrorKind::RateLimited | ErrorKind::Transient)
            }
            Error::Transport { source, .. } => source
                .downcast_ref::<whatsapp_sdk_runtime::Error>()
                .is_some_and(whatsapp_sdk_runtime::Error::is_retryable),
            _ => false,
        }
    }

    /// How long the provider asked to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.provider_error().and_then(|e| e.retry_after)
    }
}

/// A value that breaks a WhatsApp rule, found before anything was sent.
///
/// [`field`](Self::field) is the path inside the message (`buttons[3].title`,
/// `template.body[0]`); [`violation`](Self::violation) says which rule.
///
/// ```
/// use whatsapp_sdk::{Message, Violation};
///
/// let error = Message::text("x".repeat(5000)).unwrap_err();
/// assert_eq!(error.field(), "text.body");
/// assert_eq!(error.violation(), &Violation::TooLong { max: 4096, actual: 5000 });
/// assert_eq!(error.to_string(), "`text.body`: 5000 characters, at most 4096 allowed");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("`{field}`: {violation}")]
pub struct ValidationError {
    field: String,
    violation: Violation,
}

impl ValidationError {
    /// A violation of `field`.
    pub fn new(field: impl Into<String>, violation: Violation) -> Self {
        Self {
            field: field.into(),
            violation,
        }
    }

    /// The path of the value at fault.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule it breaks.
    pub fn violation(&self) -> &Violation {
        &self.violation
    }

    /// The same error under `prefix`, for a value checked inside a larger one.
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.field = if self.field.is_empty() {
            prefix.to_owned()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }
}

/// The rule a [`ValidationError`] names, with its limit.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Violation {
    /// Must not be empty (or only whitespace).
    Empty,
    /// More characters than allowed.
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// What was given.
        actual: usize,
    },
    /// More items than allowed.
    TooMany {
        /// The limit.
        max: usize,
        /// What was given.
        actual: usize,
    },
    /// Fewer items than needed.
    TooFew {
        /// The minimum.
        min: usize,
        /// What was given.
        actual: usize,
    },
    /// A number outside its range.
    OutOfRange {
        /// The lowest allowed value.
        min: f64,
        /// The highest allowed value.
        max: f64,
        /// What was given.
        actual: f64,
    },
    /// A file larger than WhatsApp accepts for its kind.
    TooLarge {
        /// The limit, in bytes.
        max_bytes: u64,
        /// The file's size.
        actual_bytes: u64,
    },
    /// A MIME type WhatsApp does not accept for this kind of media.
    MimeType {
        /// What was given.
        mime_type: String,
        /// What is accepted.
        allowed: &'static [&'static str],
    },
    /// Text that does not have the expected form.
    Format {
        /// What was expected, for people.
        expected: &'static str,
    },
    /// A value that must be unique appears twice.
    Duplicate {
        /// The repeated value.
        value: String,
    },
    /// Positional and named parameters mixed in one template component.
    MixedParameters,
    /// A provider field of [`SendOptions`](crate::SendOptions) that the provider's request
    /// type cannot carry.
    ProviderField {
        /// The provider crate's request type.
        request_type: &'static str,
        /// Why the field was refused.
        reason: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Empty => f.write_str("must not be empty"),
            Violation::TooLong { max, actual } => {
                write!(f, "{actual} characters, at most {max} allowed")
            }
            Violation::TooMany { max, actual } => {
                write!(f, "{actual} items, at most {max} allowed")
            }
            Violation::TooFew { min, actual } => write!(f, "{actual} items, at least {min} needed"),
            Violation::OutOfRange { min, max, actual } => {
                write!(f, "{actual} is outside {min}..={max}")
            }
            Violation::TooLarge {
                max_bytes,
                actual_bytes,
            } => write!(f, "{actual_bytes} bytes, at most {max_bytes} allowed"),
            Violation::MimeType { mime_type, allowed } => write!(
                f,
                "MIME type `{mime_type}` is not accepted; use one of {}",
                allowed.join(", ")
            ),
            Violation::Format { expected } => write!(f, "expected {expected}"),
            Violation::Duplicate { value } => write!(f, "`{value}` appears more than once"),
            Violation::MixedParameters => {
                f.write_str("positional and named parameters cannot be mixed")
            }
            Violation::ProviderField {
                request_type,
                reason,
            } => write!(f, "not a field of `{request_type}`: {reason}"),
        }
    }
}
