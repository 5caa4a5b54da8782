//! The state every provider `Client` carries next to its `reqwest::Client`, and what it does
//! around each request.

use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

use crate::RetryPolicy;
use crate::auth::Prepared;
use crate::retry::Verdict;

/// Per-client settings applied to every request: credentials, User-Agent, timeout, retries.
///
/// Built by each provider crate's `ClientBuilder`; reachable read-only through the client.
#[derive(Debug, Clone)]
pub struct Runtime {
    pub(crate) provider: &'static str,
    pub(crate) credential: Option<Prepared>,
    pub(crate) per_operation: Vec<(&'static str, Option<Prepared>)>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: RetryPolicy,
}

/// progenitor adds `api-version: <spec info.version>` to every request; no provider reads it.
const PROGENITOR_API_VERSION: HeaderName = HeaderName::from_static("api-version");

/// What generated operations accept: JSON first, and plain text, in which some specs declare
/// their error answers (WhatsHooked's `Error` is "Plain-text error message") and proxies answer.
/// progenitor asks for JSON only, which a server that negotiates by `Accept` (Prism does) answers
/// with a JSON success instead of the error asked for.
const ACCEPT_JSON_OR_TEXT: HeaderValue =
    HeaderValue::from_static("application/json, text/plain;q=0.5");

impl Runtime {
    /// The provider crate this runtime belongs to, e.g. `cloud`.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        self.user_agent.to_str().unwrap_or_default()
    }

    /// Adds credentials and User-Agent; the `pre` hook of every operation.
    #[doc(hidden)]
    pub fn prepare(&self, request: &mut reqwest::Request, operation: &str) {
        let headers = request.headers_mut();
        headers.remove(PROGENITOR_API_VERSION);
        headers.insert(USER_AGENT, self.user_agent.clone());
        if headers.get(ACCEPT).is_some_and(|v| v == "application/json") {
            headers.insert(ACCEPT, ACCEPT_JSON_OR_TEXT);
        }
        let credential = self
            .per_operation
            .iter()
            .find(|(id, _)| *id == operation)
            .map_or(self.credential.as_ref(), |(_, credential)| {
                credential.as_ref()
            });
        if let Some(credential) = credential {
            credential.apply(request);
        }
    }

    /// Sends `request`, retrying as the policy allows; the `exec` hook of every operation.
    ///
    /// Returns the last attempt's outcome: a response of any status, or the transport error.
    #[doc(hidden)]
    pub async fn execute(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
        operation: &'static str,
    ) -> reqwest::Result<reqwest::Response> {
        let started = Instant::now();
        let deadline = self.retry.deadline().map(|budget| started + budget);
        let method = request.method().clone();
        let mut attempt = 1;
        loop {
            // Streams and multipart forms cannot be replayed; they get one attempt.
            let replay = (attempt < self.retry.max_attempts())
                .then(|| request.try_clone())
                .flatten();
            let timeout = match (self.timeout, deadline) {
                (timeout, None) => timeout,
                (None, Some(deadline)) => Some(deadline.saturating_duration_since(Instant::now())),
                (Some(timeout), Some(deadline)) => {
                    Some(timeout.min(deadline.saturating_duration_since(Instant::now())))
                }
            };
            if let Some(timeout) = timeout {
                *request.timeout_mut() = Some(timeout);
            }
            let span = tracing::debug_span!(
                "whatsapp_sdk.request",
                provider = self.provider,
                operation,
                method = %method,
                attempt,
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let sent = Instant::now();
            let outcome = http.execute(request).instrument(span.clone()).await;
            span.record("latency_ms", sent.elapsed().as_millis() as u64);
            match &outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                }
                Err(error) => {
                    span.in_scope(
                        || tracing::debug!(error = %DisplayWithoutUrl(error), "attempt failed"),
                    );
                }
            }
            let Verdict::Retry(asked) = self.retry.verdict(&method, &outcome) else {
                return outcome;
            };
            let Some(next) = replay else {
                return outcome;
            };
            let wait = asked.unwrap_or_else(|| self.retry.backoff(attempt));
            if deadline.is_some_and(|deadline| Instant::now() + wait >= deadline) {
                span.in_scope(|| {
                    tracing::debug!(
                        wait_ms = wait.as_millis() as u64,
                        "retry would pass the deadline"
                    )
                });
                return outcome;
            }
            span.in_scope(|| tracing::debug!(wait_ms = wait.as_millis() as u64, "retrying"));
            drop(outcome);
            tokio::time::sleep(wait).await;
            request = next;
            attempt += 1;
        }
    }
}

/// Formats a `reqwest::Error` without the URL it carries (which may hold a query token).
struct DisplayWithoutUrl<'a>(&'a reqwest::Error);

impl std::fmt::Display for DisplayWithoutUrl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut error: &dyn std::error::Error = self.0;
        if let Some(url) = self.0.url() {
            // reqwest's own message is "<kind> for url (<url>)"; print the kind and the causes.
            let own = self.0.to_string();
            let own = own.replace(&format!(" for url ({url})"), "");
            f.write_str(&own)?;
        } else {
            write!(f, "{error}")?;
        }
        while let Some(source) = error.source() {
            write!(f, ": {source}")?;
            error = source;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;

    fn request(accept: Option<&'static str>) -> reqwest::Request {
        let mut request = reqwest::Request::new(
            reqwest::Method::POST,
            "http://127.0.0.1/api/send".parse().expect("a URL"),
        );
        if let Some(accept) = accept {
            request
                .headers_mut()
                .insert(ACCEPT, HeaderValue::from_static(accept));
        }
        request
    }

    #[test]
    fn generated_json_only_accepts_also_take_plain_text_errors() {
        let (_, runtime) = Settings::default()
            .build("whatshooked", "x/1", None, Vec::new())
            .expect("valid settings");
        let mut json = request(Some("application/json"));
        runtime.prepare(&mut json, "send_message");
        assert_eq!(json.headers()[ACCEPT], "application/json, text/plain;q=0.5");
        // A hand-written operation's own choice, or none, is left alone.
        let mut image = request(Some("image/png"));
        runtime.prepare(&mut image, "get_media");
        assert_eq!(image.headers()[ACCEPT], "image/png");
        let mut none = request(None);
        runtime.prepare(&mut none, "upload_media");
        assert!(none.headers().get(ACCEPT).is_none());
    }
}
