//! Building a [`Client`]: gateway URL, channel token and where it is sent, shared settings.

use whatsapp_sdk_runtime::{Credential, Error, Secret, Settings};

use crate::Client;

pub(crate) const PROVIDER: &str = "whapi";

/// The gateway used when no base URL is set (the spec's first server).
pub const DEFAULT_BASE_URL: &str = "https://gate.whapi.cloud";

/// Environment variable [`ClientBuilder::from_env`] reads the channel token from.
pub const ENV_TOKEN: &str = "WHAPI_TOKEN";
/// Environment variable for the gateway URL (optional).
pub const ENV_BASE_URL: &str = "WHAPI_BASE_URL";

/// The query parameter of the spec's `tokenAuth` scheme.
const TOKEN_QUERY_PARAMETER: &str = "token";

whatsapp_sdk_runtime::impl_client_hooks!(Client);

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from [`ENV_TOKEN`] and [`ENV_BASE_URL`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }
}

/// Configures a [`Client`]; [`build`](Self::build) checks everything and fails with a
/// [`Error::Config`] naming the setting at fault.
///
/// `Debug` never shows the token.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    token: Option<Secret>,
    token_in_query: bool,
    settings: Settings,
}

impl ClientBuilder {
    /// A builder with the settings found in the environment; see [`Client::from_env`].
    /// Setters called afterwards override them.
    pub fn from_env() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup` (a config file,
    /// a secret store, a test).
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            base_url: lookup(ENV_BASE_URL),
            token: lookup(ENV_TOKEN).map(Secret::from),
            ..Self::default()
        }
    }

    /// The gateway. Default [`DEFAULT_BASE_URL`].
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The channel's API token from the Whapi.Cloud dashboard.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sends the token as the `token` query parameter (the spec's `tokenAuth` scheme) instead
    /// of `Authorization: Bearer` (its `bearerAuth` scheme). Default `false`.
    ///
    /// Both work; prefer the header. URLs, query included, end up in proxy, load-balancer and
    /// server access logs, so a token in the query is easier to leak.
    pub fn with_token_in_query(mut self, in_query: bool) -> Self {
        self.token_in_query = in_query;
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
        let token = self.token.ok_or_else(|| {
            Error::config(
                PROVIDER,
                "token",
                format!("is required; call `with_token` or set {ENV_TOKEN}"),
            )
        })?;
        let credential = if self.token_in_query {
            Credential::QueryToken {
                name: TOKEN_QUERY_PARAMETER,
                token,
            }
        } else {
            Credential::Bearer(token)
        };
        let (http, runtime) = self.settings.build(
            PROVIDER,
            concat!("whatsapp-sdk-whapi/", env!("CARGO_PKG_VERSION")),
            Some(credential),
            Vec::new(),
        )?;
        Ok(Client::new_with_client(&base_url, http, runtime))
    }
}
