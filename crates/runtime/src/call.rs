//! Sending a hand-written operation through the same hooks as the generated ones.

use bytes::Bytes;
use progenitor_client::{ClientInfo, ResponseValue};
use reqwest::header::CONTENT_TYPE;

use crate::{Error, Runtime};

/// A binary response body (a media file, a profile photo, a QR code) with its MIME type.
#[derive(Clone, PartialEq, Eq)]
pub struct Download {
    /// The `Content-Type` the provider sent, if any.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Bytes,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Builds `request`, runs it through the runtime's `pre` and `exec` steps (credentials,
/// User-Agent, timeout, retries, tracing) and returns the response, whatever its status.
pub async fn send<C: ClientInfo<Runtime>>(
    client: &C,
    request: reqwest::RequestBuilder,
    operation: &'static str,
) -> Result<reqwest::Response, Error> {
    let runtime = client.inner();
    let mut request = request.build().map_err(|e| Error::InvalidRequest {
        provider: runtime.provider,
        operation,
        reason: e.without_url().to_string(),
    })?;
    runtime.prepare(&mut request, operation);
    runtime
        .execute(client.client(), request, operation)
        .await
        .map_err(|e| Error::transport(runtime.provider, operation, e))
}

/// Passes a 2xx response through; any other status becomes [`Error::Api`] with its body also
/// decoded as `E`, the operation's error schema in the spec, when it matches (see
/// [`ApiError::typed_body`](crate::ApiError::typed_body)).
pub async fn check<E>(
    provider: &'static str,
    operation: &'static str,
    response: reqwest::Response,
) -> Result<reqwest::Response, Error>
where
    E: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    if response.status().is_success() {
        Ok(response)
    } else {
        Err(Error::from_response_typed::<E>(provider, operation, response).await)
    }
}

/// A 2xx response decoded as JSON into `T`; any other status as [`Error::Api`].
pub async fn json<T: serde::de::DeserializeOwned>(
    provider: &'static str,
    operation: &'static str,
    response: reqwest::Response,
) -> Result<ResponseValue<T>, Error> {
    let (status, headers, bytes) = success_body(provider, operation, response).await?;
    let inner = serde_json::from_slice(&bytes).map_err(|source| Error::Decode {
        provider,
        operation,
        body: bytes,
        source,
    })?;
    Ok(ResponseValue::new(inner, status, headers))
}

/// A 2xx response whose body the spec does not describe, which is discarded; any other
/// status as [`Error::Api`].
pub async fn empty(
    provider: &'static str,
    operation: &'static str,
    response: reqwest::Response,
) -> Result<ResponseValue<()>, Error> {
    let (status, headers, _) = success_body(provider, operation, response).await?;
    Ok(ResponseValue::new((), status, headers))
}

/// A 2xx response as bytes with its content type; any other status as [`Error::Api`].
pub async fn download(
    provider: &'static str,
    operation: &'static str,
    response: reqwest::Response,
) -> Result<ResponseValue<Download>, Error> {
    let (status, headers, bytes) = success_body(provider, operation, response).await?;
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok(ResponseValue::new(
        Download {
            content_type,
            bytes,
        },
        status,
        headers,
    ))
}

/// `value` with its inner part changed and its status and headers kept, for hand-written
/// operations whose answer is one of several shapes (an image or a link, a file or JSON).
pub fn map<T, U>(value: ResponseValue<T>, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
    let status = value.status();
    let headers = value.headers().clone();
    ResponseValue::new(f(value.into_inner()), status, headers)
}

/// Whether a response's `Content-Type` is JSON (`application/json`, `+json` suffixes).
pub fn is_json(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        })
}

async fn success_body(
    provider: &'static str,
    operation: &'static str,
    response: reqwest::Response,
) -> Result<(reqwest::StatusCode, reqwest::header::HeaderMap, Bytes), Error> {
    let status = response.status();
    if !status.is_success() {
        return Err(Error::from_response(provider, operation, response).await);
    }
    let headers = response.headers().clone();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Error::transport(provider, operation, e))?;
    Ok((status, headers, bytes))
}
