//! Building a [`Client`]: the server's base URL, credentials, shared settings.

use whatsapp_sdk_runtime::{Credential, Error, Secret, Settings};

use crate::Client;

pub(crate) const PROVIDER: &str = "onprem";

/// Environment variable [`ClientBuilder::from_env`] reads the base URL from (required).
pub const ENV_BASE_URL: &str = "WHATSAPP_ONPREM_BASE_URL";
/// Environment variable for the bearer token returned by `login_user`.
pub const ENV_ACCESS_TOKEN: &str = "WHATSAPP_ONPREM_ACCESS_TOKEN";
/// Environment variable for the admin user name `login_user` authenticates with.
pub const ENV_USERNAME: &str = "WHATSAPP_ONPREM_USERNAME";
/// Environment variable for that user's password.
pub const ENV_PASSWORD: &str = "WHATSAPP_ONPREM_PASSWORD";

/// The one operation the spec secures with HTTP basic auth instead of the bearer token.
const BASIC_AUTH_OPERATION: &str = "login_user";

whatsapp_sdk_runtime::impl_client_hooks!(Client);

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from [`ENV_BASE_URL`], [`ENV_ACCESS_TOKEN`], [`ENV_USERNAME`] and
    /// [`ENV_PASSWORD`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }
}

/// Configures a [`Client`]; [`build`](Self::build) checks everything and fails with a
/// [`Error::Config`] naming the setting at fault.
///
/// The on-premises API runs on your own servers, so there is no default base URL. Every
/// operation but `login_user` sends the bearer token; `login_user` sends the basic-auth user
/// name and password and returns a token. `Debug` never shows the token or the password.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    access_token: Option<Secret>,
    basic: Option<(String, Secret)>,
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
        let basic = match (lookup(ENV_USERNAME), lookup(ENV_PASSWORD)) {
            (Some(user), Some(password)) => Some((user, Secret::from(password))),
            (Some(user), None) => Some((user, Secret::from(""))),
            _ => None,
        };
        Self {
            base_url: lookup(ENV_BASE_URL),
            access_token: lookup(ENV_ACCESS_TOKEN).map(Secret::from),
            basic,
            settings: Settings::default(),
        }
    }

    /// The server, e.g. `https://wa.example.com:9090/v1` (required).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The bearer token `login_user` returned, sent by every other operation.
    pub fn with_access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// The admin user name and password `login_user` authenticates with (HTTP basic).
    pub fn with_basic_auth(
        mut self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        self.basic = Some((username.into(), password.into()));
        self
    }

    whatsapp_sdk_runtime::builder_settings!();

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.ok_or_else(|| {
            Error::config(
                PROVIDER,
                "base_url",
                format!("is required (the API runs on your servers); call `with_base_url` or set {ENV_BASE_URL}"),
            )
        })?;
        let base_url = whatsapp_sdk_runtime::base_url(PROVIDER, "base_url", &base_url)?;
        let basic = self.basic.map(|(username, password)| {
            (
                BASIC_AUTH_OPERATION,
                Some(Credential::Basic { username, password }),
            )
        });
        let (http, runtime) = self.settings.build(
            PROVIDER,
            concat!("whatsapp-sdk-onprem/", env!("CARGO_PKG_VERSION")),
            self.access_token.map(Credential::Bearer),
            basic.into_iter().collect(),
        )?;
        Ok(Client::new_with_client(&base_url, http, runtime))
    }
}
