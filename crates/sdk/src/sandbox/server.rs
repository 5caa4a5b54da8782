//! The loopback HTTP server: records each request, answers from the queue or from the
//! provider's imitation.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{HeaderMap, Method, Request, Response};
use bytes::Bytes;

use super::state::State;
use super::{Answer, Recorded, errors};
use crate::Provider;

/// Bodies above this are refused with 413, so a runaway client cannot exhaust memory.
pub(crate) const MAX_BODY_BYTES: usize = 128 * 1024 * 1024;

/// What every provider handler gets: the request, below its provider's prefix.
#[derive(Debug)]
pub(crate) struct Incoming {
    pub(crate) method: Method,
    /// The path below the provider's prefix, e.g. `/v23.0/106540352242922/messages`.
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Incoming {
    /// The path's non-empty segments, percent-decoding left to the handler.
    pub(crate) fn segments(&self) -> Vec<&str> {
        self.path.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// A header's value as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The token of an `Authorization: Bearer` header.
    pub(crate) fn bearer(&self) -> Option<&str> {
        self.header("authorization")?.strip_prefix("Bearer ")
    }

    /// The parts of a multipart body.
    pub(crate) fn parts(&self) -> Vec<super::Part> {
        super::record::multipart(self.header("content-type"), &self.body)
    }

    /// The body decoded as the provider's request type `T`, with the JSON as sent.
    ///
    /// Fails, naming the place, when the body is not JSON, does not fit `T`, or carries a
    /// field `T` does not have (serde would drop it silently; a real provider may not).
    pub(crate) fn typed<T>(&self) -> Result<(T, serde_json::Value), String>
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let sent: serde_json::Value =
            serde_json::from_slice(&self.body).map_err(|e| format!("the body is not JSON: {e}"))?;
        let typed: T = serde_json::from_value(sent.clone()).map_err(|e| e.to_string())?;
        let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
        if let Some(pointer) = unknown_field(&sent, &back, String::new()) {
            return Err(format!("`{pointer}` is not a field of the request"));
        }
        Ok((typed, sent))
    }
}

/// The first place where `sent` has something `typed` (its decoded and re-encoded copy) lost.
fn unknown_field(
    sent: &serde_json::Value,
    typed: &serde_json::Value,
    at: String,
) -> Option<String> {
    use serde_json::Value;
    match (sent, typed) {
        (Value::Object(sent), Value::Object(typed)) => sent.iter().find_map(|(key, value)| {
            let here = format!("{at}/{key}");
            match typed.get(key) {
                Some(kept) => unknown_field(value, kept, here),
                // An explicit null and an absent optional field say the same.
                None if value.is_null() => None,
                None => Some(here),
            }
        }),
        (Value::Array(sent), Value::Array(typed)) => sent
            .iter()
            .zip(typed)
            .enumerate()
            .find_map(|(i, (s, t))| unknown_field(s, t, format!("{at}/{i}"))),
        _ => None,
    }
}

/// Shared between the server task and the sandbox handle.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) state: Arc<State>,
    /// `http://127.0.0.1:<port>`, for links the sandbox hands out (media URLs).
    pub(crate) root: String,
}

/// The one handler: every request of every provider goes through it.
pub(crate) async fn handle(
    Shared(context): Shared<Arc<Context>>,
    request: Request<Body>,
) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let (provider, rest) = super::split_prefix(&path);
    let (body, too_large) = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => (bytes, false),
        Err(_) => (Bytes::new(), true),
    };
    let incoming = Incoming {
        method: parts.method,
        path: rest.to_owned(),
        query,
        headers: parts.headers,
        body,
    };
    let answer = match provider {
        None => Answer::text(404, format!("no provider is served at `{path}`")),
        Some(provider) if too_large => errors::invalid(provider, "the body is too large"),
        Some(provider) => context
            .state
            .next_queued(provider)
            .unwrap_or_else(|| super::dispatch(provider, &incoming, &context)),
    };
    context.state.record(Recorded {
        provider,
        method: incoming.method,
        path: incoming.path,
        query: incoming.query,
        headers: incoming.headers,
        body: incoming.body,
        status: answer.status.as_u16(),
        response: answer.body.clone(),
    });
    into_response(answer)
}

fn into_response(answer: Answer) -> Response<Body> {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    for (name, value) in answer.headers {
        response.headers_mut().append(name, value);
    }
    response
}

/// Whether `provider` was asked with its sandbox credential; the handlers' first check.
pub(crate) fn authorized(provider: Provider, incoming: &Incoming) -> bool {
    let token = super::Sandbox::TOKEN;
    match provider {
        Provider::Cloud | Provider::OnPrem | Provider::Whapi => incoming.bearer() == Some(token),
        Provider::YCloud => incoming.header("x-api-key") == Some(token),
        Provider::WhatsHooked => {
            incoming.header("x-api-key") == Some(token) || incoming.bearer() == Some(token)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unknown_fields_are_found_where_they_are() {
        assert_eq!(
            unknown_field(&json!({"a": 1}), &json!({"a": 1, "b": 2}), String::new()),
            None
        );
        assert_eq!(
            unknown_field(&json!({"a": {"x": 1}}), &json!({"a": {}}), String::new()).as_deref(),
            Some("/a/x")
        );
        assert_eq!(
            unknown_field(
                &json!({"l": [{}, {"y": 1}]}),
                &json!({"l": [{}, {}]}),
                String::new()
            )
            .as_deref(),
            Some("/l/1/y")
        );
        assert_eq!(
            unknown_field(&json!({"n": null}), &json!({}), String::new()),
            None
        );
    }
}
