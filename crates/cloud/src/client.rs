//! Building a [`Client`]: Graph API host and version, access token, shared settings.

use whatsapp_sdk_runtime::{Credential, Error, Secret, Settings};

use crate::Client;

pub(crate) const PROVIDER: &str = "cloud";

/// Graph API host used when no base URL is set.
pub const DEFAULT_BASE_URL: &str = "https://graph.facebook.com";
/// Graph API version used when none is set.
///
/// The vendored spec describes v21.0, which Meta retires on 2027-01-21; the default is v23.0 so
/// that clients keep working after that date. The generated types follow v21.0's description:
/// fields Meta added in later versions are ignored when an answer is decoded, and can be sent
/// only through the facade's provider fields (or a newer spec). Set
/// [`ClientBuilder::with_api_version`] to pin another version.
pub const DEFAULT_API_VERSION: &str = "v23.0";

/// Environment variable [`ClientBuilder::from_env`] reads the access token from.
pub const ENV_ACCESS_TOKEN: &str = "WHATSAPP_CLOUD_ACCESS_TOKEN";
/// Environment variable for the Graph API host (optional).
pub const ENV_BASE_URL: &str = "WHATSAPP_CLOUD_BASE_URL";
/// Environment variable for the Graph API version, e.g. `v23.0` (optional).
pub const ENV_API_VERSION: &str = "WHATSAPP_CLOUD_API_VERSION";

whatsapp_sdk_runtime::impl_client_hooks!(Client);

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from [`ENV_ACCESS_TOKEN`], [`ENV_BASE_URL`] and [`ENV_API_VERSION`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }
}

/// Configures a [`Client`]; [`build`](Self::build) checks everything and fails with a
/// [`Error::Config`] naming the setting at fault.
///
/// `Debug` never shows the access token.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    /// Whether `base_url` is used as given, with no API version appended.
    base_url_is_versioned: bool,
    api_version: Option<String>,
    access_token: Option<Secret>,
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
            base_url_is_versioned: false,
            api_version: lookup(ENV_API_VERSION),
            access_token: lookup(ENV_ACCESS_TOKEN).map(Secret::from),
            settings: Settings::default(),
        }
    }

    /// The Graph API host, without the version. Default [`DEFAULT_BASE_URL`].
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self.base_url_is_versioned = false;
        self
    }

    /// A base URL used exactly as given, with no API version appended: one that already ends
    /// with it (`https://gateway.example.com/graph/v23.0`) or a server that routes without it,
    /// such as a mock of the spec. [`with_api_version`](Self::with_api_version) then has no
    /// effect.
    pub fn with_versioned_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self.base_url_is_versioned = true;
        self
    }

    /// The Graph API version, e.g. `v24.0`. Default [`DEFAULT_API_VERSION`]; the types were
    /// generated from v21.0's description, and the operations here have kept their shapes since.
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// A system-user or user access token with the `whatsapp_business_messaging` permission.
    pub fn with_access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    whatsapp_sdk_runtime::builder_settings!();

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let host = whatsapp_sdk_runtime::base_url(
            PROVIDER,
            "base_url",
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
        )?;
        let version = self
            .api_version
            .as_deref()
            .unwrap_or(DEFAULT_API_VERSION)
            .trim();
        if !is_graph_version(version) {
            return Err(Error::config(
                PROVIDER,
                "api_version",
                format!("`{version}` is not a Graph API version like `v23.0`"),
            ));
        }
        let token = self.access_token.ok_or_else(|| {
            Error::config(
                PROVIDER,
                "access_token",
                format!("is required; call `with_access_token` or set {ENV_ACCESS_TOKEN}"),
            )
        })?;
        let (http, runtime) = self.settings.build(
            PROVIDER,
            concat!("whatsapp-sdk-cloud/", env!("CARGO_PKG_VERSION")),
            Some(Credential::Bearer(token)),
            Vec::new(),
        )?;
        let base_url = if self.base_url_is_versioned {
            host
        } else {
            format!("{host}/{version}")
        };
        Ok(Client::new_with_client(&base_url, http, runtime))
    }
}

/// `v<major>.<minor>`, as Graph API paths spell versions.
fn is_graph_version(version: &str) -> bool {
    version
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            [major, minor]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_versions() {
        for ok in ["v21.0", "v23.0", "v3.10"] {
            assert!(is_graph_version(ok), "{ok}");
        }
        for bad in ["21.0", "v21", "v21.", "vx.0", "v21.0/", ""] {
            assert!(!is_graph_version(bad), "{bad}");
        }
    }
}
