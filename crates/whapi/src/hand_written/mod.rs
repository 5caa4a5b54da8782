//! What progenitor does not generate from the whapi spec (see `specs/whapi/codegen.toml`), on
//! the same client, hooks and error type as the generated operations:
//!
//! - `downloads`: the three operations whose success body is a file, not JSON;
//! - `multipart`: the `multipart/form-data` variant of 29 operations whose JSON variant is
//!   generated, so a media field can carry a file;
//! - `raw`: the raw-bytes variant of three upload operations.

mod downloads;
mod multipart;
mod raw;

use whatsapp_sdk_runtime::Error;

use crate::client::PROVIDER;

pub use downloads::{GroupIcon, LoginUserImageParams, MediaOrJson};

/// Checks a path parameter against the spec's schema for it, as the generated builders do, and
/// percent-encodes it for the URL.
///
/// An empty value is refused even where the spec's pattern allows it (`ContactID`, `ProductID`):
/// it would turn `/contacts/{ContactID}` into `/contacts/`, another operation.
fn path_segment<T>(operation: &'static str, name: &str, value: &str) -> Result<String, Error>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    if value.is_empty() {
        return Err(Error::invalid_request(
            PROVIDER,
            operation,
            format!("`{name}` is empty"),
        ));
    }
    value.parse::<T>().map_err(|e| {
        Error::invalid_request(PROVIDER, operation, format!("`{name}` is invalid: {e}"))
    })?;
    Ok(progenitor_client::encode_path(value))
}

/// Sends through the runtime and turns an error status into [`Error::Api`] whose body is also
/// decoded as the spec's `ResponseError`, as the generated operations do.
async fn send(
    client: &crate::Client,
    request: reqwest::RequestBuilder,
    operation: &'static str,
) -> Result<reqwest::Response, Error> {
    let response = whatsapp_sdk_runtime::call::send(client, request, operation).await?;
    whatsapp_sdk_runtime::call::check::<crate::types::ResponseError>(PROVIDER, operation, response)
        .await
}
