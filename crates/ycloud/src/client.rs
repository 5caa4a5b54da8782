//! Building a [`Client`]: base URL, API key, shared settings.

use reqwest::header::HeaderName;
use whatsapp_sdk_runtime::{Credential, Error, Secret, Settings};

use crate::Client;

pub(crate) const PROVIDER: &str = "ycloud";

/// The API server used when no base URL is set (the spec's server).
pub const DEFAULT_BASE_URL: &str = "https://api.ycloud.com/v2";

/// Environment variable [`ClientBuilder::from_env`] reads the API key from.
pub const ENV_API_KEY: &str = "YCLOUD_API_KEY";
/// Environment variable for the base URL (optional).
pub const ENV_BASE_URL: &str = "YCLOUD_BASE_URL";

/// The header of the spec's `api_key` security scheme.
const API_KEY_HEADER: HeaderName = HeaderName::from_static("x-api-key");

whatsapp_sdk_runtime::impl_client_hooks!(Client);

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from [`ENV_API_KEY`] and [`ENV_BASE_URL`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }
}

/// Configures a [`Client`]; [`build`](Self::build) checks everything and fails with a
/// [`Error::Config`] naming the setting at fault.
///
/// `Debug` never shows the API key.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<Secret>,
    settings: Settings,
}

impl ClientBuilder {
    /// A builder with the settings found in the environment; see [`Client::from_env`].
    /// Setters called afterwards override them.
    pub fn from_env() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            base_url: lookup(ENV_BASE_URL),
            api_key: lookup(ENV_API_KEY).map(Secret::from),
            settings: Settings::default(),
        }
    }

    /// The API server. Default [`DEFAULT_BASE_URL`].
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The API key from the YCloud console, sent as `X-API-Key`.
    pub fn with_api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    whatsapp_sdk_runtime::builder_settings!();

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = whatsapp_sdk_runtime::base_url(
            PROVIDER,
            "base_url",
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
        )?;
        let key = self.api_key.ok_or_else(|| {
            Error::config(
                PROVIDER,
                "api_key",
                format!("is required; call `with_api_key` or set {ENV_API_KEY}"),
            )
        })?;
        let credential = Credential::ApiKeyHeader {
            name: API_KEY_HEADER,
            key,
        };
        let (http, runtime) = self.settings.build(
            PROVIDER,
            concat!("whatsapp-sdk-ycloud/", env!("CARGO_PKG_VERSION")),
            Some(credential),
            Vec::new(),
        )?;
        Ok(Client::new_with_client(&base_url, http, runtime))
    }
}
