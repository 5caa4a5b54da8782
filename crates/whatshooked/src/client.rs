//! Building a [`Client`]: the instance's base URL, one of three credentials, shared settings.

use reqwest::header::HeaderName;
use whatsapp_sdk_runtime::{Credential, Error, Secret, Settings};

use crate::Client;

pub(crate) const PROVIDER: &str = "whatshooked";

/// Environment variable [`ClientBuilder::from_env`] reads the base URL from (required).
pub const ENV_BASE_URL: &str = "WHATSHOOKED_BASE_URL";
/// Environment variable for an API key, sent as `x-api-key`.
pub const ENV_API_KEY: &str = "WHATSHOOKED_API_KEY";
/// Environment variable for a bearer token.
pub const ENV_TOKEN: &str = "WHATSHOOKED_TOKEN";
/// Environment variable for a basic-auth user name.
pub const ENV_USERNAME: &str = "WHATSHOOKED_USERNAME";
/// Environment variable for the basic-auth password.
pub const ENV_PASSWORD: &str = "WHATSHOOKED_PASSWORD";

/// The header of the spec's `apiKey` security scheme.
const API_KEY_HEADER: HeaderName = HeaderName::from_static("x-api-key");

/// The spec marks the health check `security: []`: it is sent without credentials.
const UNAUTHENTICATED: &[&str] = &["health_check"];

whatsapp_sdk_runtime::impl_client_hooks!(Client);

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from [`ENV_BASE_URL`] and one of [`ENV_API_KEY`], [`ENV_TOKEN`] or
    /// [`ENV_USERNAME`]/[`ENV_PASSWORD`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }
}

/// Configures a [`Client`]; [`build`](Self::build) checks everything and fails with a
/// [`Error::Config`] naming the setting at fault.
///
/// WhatsHooked is self-hosted, so the base URL is required. It accepts any one of an API key,
/// a bearer token or basic auth; the last credential set is the one sent. An instance without
/// auth needs none. `Debug` never shows a key, token or password.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    credential: Option<Credential>,
    settings: Settings,
}

impl ClientBuilder {
    /// A builder with the settings found in the environment; see [`Client::from_env`].
    /// Setters called afterwards override them. With several credentials set, the API key
    /// wins over the token, and the token over basic auth.
    pub fn from_env() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let mut builder = Self {
            base_url: lookup(ENV_BASE_URL),
            ..Self::default()
        };
        if let Some(username) = lookup(ENV_USERNAME) {
            builder = builder.with_basic_auth(username, lookup(ENV_PASSWORD).unwrap_or_default());
        }
        if let Some(token) = lookup(ENV_TOKEN) {
            builder = builder.with_bearer_token(token);
        }
        if let Some(key) = lookup(ENV_API_KEY) {
            builder = builder.with_api_key(key);
        }
        builder
    }

    /// The instance, e.g. `https://hooks.example.com` (required).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Authenticates with an API key in the `x-api-key` header.
    pub fn with_api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credential = Some(Credential::ApiKeyHeader {
            name: API_KEY_HEADER,
            key: key.into(),
        });
        self
    }

    /// Authenticates with a bearer token.
    pub fn with_bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credential = Some(Credential::Bearer(token.into()));
        self
    }

    /// Authenticates with HTTP basic auth.
    pub fn with_basic_auth(
        mut self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        self.credential = Some(Credential::Basic {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    whatsapp_sdk_runtime::builder_settings!();

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.ok_or_else(|| {
            Error::config(
                PROVIDER,
                "base_url",
                format!("is required (WhatsHooked is self-hosted); call `with_base_url` or set {ENV_BASE_URL}"),
            )
        })?;
        let base_url = whatsapp_sdk_runtime::base_url(PROVIDER, "base_url", &base_url)?;
        let (http, runtime) = self.settings.build(
            PROVIDER,
            concat!("whatsapp-sdk-whatshooked/", env!("CARGO_PKG_VERSION")),
            self.credential,
            UNAUTHENTICATED.iter().map(|op| (*op, None)).collect(),
        )?;
        Ok(Client::new_with_client(&base_url, http, runtime))
    }
}
