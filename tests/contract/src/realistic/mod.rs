//! Calls with complete bodies for every message kind each provider's send operation offers,
//! with optional parameters set, and calls that ask the published mock for an error answer
//! (Prism's `Prefer: code=`), which must decode into the operation's typed error body.
//!
//! The bodies are written here from each spec's schema and documented formats (the generated
//! calls send the spec's own example or the smallest valid body, which for Cloud's
//! `sendMessage` was a `text` message with no `text`).

pub(crate) mod cloud;
pub(crate) mod onprem;
pub(crate) mod whapi;
pub(crate) mod whatshooked;
pub(crate) mod ycloud;

use std::future::Future;
use std::pin::Pin;

use progenitor_client::ResponseValue;
use whatsapp_sdk_runtime::Error;

/// The error statuses the error calls ask for.
pub(crate) const ERROR_STATUSES: [&str; 3] = ["400", "401", "404"];

/// An error call in flight: `Ok` when the answer was the expected error with its body decoded.
pub(crate) type ErrorRun<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

/// A call whose answer must be an error with status `status`.
pub(crate) struct ErrorCall<C> {
    /// The operation, as the report names it.
    pub operation: &'static str,
    /// The status asked for.
    pub status: &'static str,
    /// Sends the request.
    pub run: for<'a> fn(&'a C) -> ErrorRun<'a>,
}

/// `json` as the body type `T`.
pub(crate) fn body<T: serde::de::DeserializeOwned>(json: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(json).map_err(|e| format!("the body does not fit its type: {e}"))
}

/// Checks that `result` is the error `status` with a body decoded as `E`, or with no body
/// when `E` is `()` (the spec describes none).
pub(crate) fn expect_error<T, E: 'static>(
    result: Result<ResponseValue<T>, Error>,
    status: &str,
) -> Result<(), String> {
    match result {
        Ok(value) => Err(format!(
            "answered {} instead of HTTP {status}",
            value.status()
        )),
        Err(Error::Api(api)) if api.status.as_str() == status => {
            if let Some(violations) = api
                .headers
                .get("sl-violations")
                .and_then(|v| v.to_str().ok())
                && violations.contains("\"response\"")
            {
                return Err(format!(
                    "the HTTP {status} answer breaks its own schema: {violations}"
                ));
            }
            let wants_body = std::any::TypeId::of::<E>() != std::any::TypeId::of::<()>();
            if wants_body && api.typed_body::<E>().is_none() {
                Err(format!(
                    "HTTP {status} body not decoded as the spec's error type: {:?}",
                    api.body
                ))
            } else {
                Ok(())
            }
        }
        Err(Error::Api(api)) => Err(format!(
            "answered HTTP {} instead of {status}: {:?}",
            api.status, api.body
        )),
        Err(other) => Err(other.to_string()),
    }
}
