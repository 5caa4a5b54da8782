//! What every provider's `ClientBuilder` shares: timeouts, User-Agent, HTTP client, retries.

use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::{Credential, Error, RetryPolicy, Runtime};

/// Settings common to every provider client, held by each provider's `ClientBuilder`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    timeout: Option<Option<Duration>>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    retry: RetryPolicy,
}

/// Per-attempt timeout when the caller sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Connect timeout of the HTTP client built when the caller brings none.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Settings {
    /// Timeout for one attempt (connect, send, receive the whole body); `None` for no limit
    /// beyond the retry deadline. Default 30 s.
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = Some(timeout);
    }

    /// Connect timeout of the HTTP client built by `build()`. Default 10 s. Ignored when a
    /// `reqwest::Client` is supplied, which carries its own.
    pub fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = Some(timeout);
    }

    /// A product token for the application, e.g. `my-app/1.2`, sent before the SDK's own.
    pub fn set_user_agent(&mut self, user_agent: impl Into<String>) {
        self.user_agent = Some(user_agent.into());
    }

    /// Sends through this `reqwest::Client` (proxies, custom TLS roots, connection pools shared
    /// with the rest of the application) instead of building one.
    pub fn set_http_client(&mut self, client: reqwest::Client) {
        self.http_client = Some(client);
    }

    /// Replaces the retry policy.
    pub fn set_retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = policy;
    }

    /// Validates the settings and credentials and builds the HTTP client and runtime.
    ///
    /// `sdk_agent` is the provider crate's own product token (`whatsapp-sdk-cloud/0.1.0`);
    /// `per_operation` overrides the credential for the listed operation ids (`None`: send
    /// that operation without credentials, as the spec's `security: []` says).
    pub fn build(
        self,
        provider: &'static str,
        sdk_agent: &str,
        credential: Option<Credential>,
        per_operation: Vec<(&'static str, Option<Credential>)>,
    ) -> Result<(reqwest::Client, Runtime), Error> {
        for credential in credential
            .iter()
            .chain(per_operation.iter().filter_map(|(_, c)| c.as_ref()))
        {
            if let Some((field, reason)) = credential.problem() {
                return Err(Error::config(provider, field, reason));
            }
        }
        let agent = match &self.user_agent {
            Some(app) if !app.trim().is_empty() => format!("{} {sdk_agent}", app.trim()),
            _ => sdk_agent.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&agent).map_err(|_| {
            Error::config(
                provider,
                "user_agent",
                "contains characters not allowed in an HTTP header",
            )
        })?;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| {
                    Error::config(provider, "http_client", format!("cannot be built: {e}"))
                })?,
        };
        let runtime = Runtime {
            provider,
            credential: credential.as_ref().and_then(Credential::prepare),
            per_operation: per_operation
                .iter()
                .map(|(id, c)| (*id, c.as_ref().and_then(Credential::prepare)))
                .collect(),
            user_agent,
            timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
            retry: self.retry,
        };
        Ok((http, runtime))
    }
}

/// Checks a base URL and returns it without a trailing `/`, as generated code appends paths.
///
/// `field` names the setting or environment variable in the error.
pub fn base_url(provider: &'static str, field: &str, value: &str) -> Result<String, Error> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::config(
            provider,
            field,
            "is empty; give the server's http(s) URL",
        ));
    }
    let url = url::Url::parse(value).map_err(|e| {
        Error::config(
            provider,
            field,
            format!("`{value}` is not a valid URL: {e}"),
        )
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            provider,
            field,
            "must not embed credentials; use the builder's credential setters",
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::config(
            provider,
            field,
            format!("`{value}` must use http or https, not `{}`", url.scheme()),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::config(
            provider,
            field,
            format!("`{value}` has no host"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(
            provider,
            field,
            format!("`{value}` must not have a query or fragment"),
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            base_url("onprem", "base_url", " https://wa.example.com/v1/ ").expect("valid"),
            "https://wa.example.com/v1"
        );
        assert_eq!(
            base_url("onprem", "base_url", "http://127.0.0.1:8080").expect("valid"),
            "http://127.0.0.1:8080"
        );
        for (bad, needle) in [
            ("", "is empty"),
            ("wa.example.com", "not a valid URL"),
            ("ftp://wa.example.com", "must use http or https"),
            ("https://wa.example.com/?a=1", "query or fragment"),
            (
                "https://user:pw@wa.example.com",
                "must not embed credentials",
            ),
        ] {
            let error = base_url("onprem", "base_url", bad)
                .expect_err(bad)
                .to_string();
            assert!(error.contains(needle), "{bad:?}: {error}");
            assert!(
                error.starts_with("onprem: invalid client configuration: `base_url`"),
                "{error}"
            );
            assert!(!error.contains("pw@"), "{error}");
        }
    }

    #[test]
    fn user_agent_names_the_app_then_the_sdk() {
        let mut settings = Settings::default();
        settings.set_user_agent("my-app/1.2");
        let (_, runtime) = settings
            .build("cloud", "whatsapp-sdk-cloud/0.1.0", None, Vec::new())
            .expect("valid settings");
        assert_eq!(runtime.user_agent(), "my-app/1.2 whatsapp-sdk-cloud/0.1.0");
        assert_eq!(runtime.timeout(), Some(DEFAULT_TIMEOUT));
    }

    #[test]
    fn empty_credentials_are_rejected() {
        let error = Settings::default()
            .build(
                "cloud",
                "x/1",
                Some(Credential::Bearer("  ".into())),
                Vec::new(),
            )
            .expect_err("blank token");
        assert_eq!(
            error.to_string(),
            "cloud: invalid client configuration: `token` is empty"
        );
    }
}
