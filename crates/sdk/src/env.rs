//! Choosing the provider at run time from the environment.

use crate::error::{Error, Result};
use crate::{DynMessenger, Provider};

/// The variable naming the provider [`from_env`] builds a messenger for: `cloud` (the
/// default), `onprem`, `whapi`, `ycloud` or `whatshooked`.
pub const ENV_PROVIDER: &str = "WHATSAPP_SDK_PROVIDER";

/// A messenger for the provider named by [`ENV_PROVIDER`], configured from that provider's
/// documented variables (see each adapter's `from_env`).
///
/// The provider's cargo feature must be on; the error says so otherwise.
///
/// ```no_run
/// use whatsapp_sdk::prelude::*;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// // WHATSAPP_SDK_PROVIDER=cloud WHATSAPP_CLOUD_ACCESS_TOKEN=… WHATSAPP_CLOUD_PHONE_NUMBER_ID=…
/// let messenger = whatsapp_sdk::from_env()?;
/// messenger.send_text(&"+14155550123".parse()?, "Deploy finished").await?;
/// # Ok(()) }
/// ```
pub fn from_env() -> Result<Box<DynMessenger>> {
    from_env_with(|name| std::env::var(name).ok())
}

/// Like [`from_env`], reading variables through `lookup` (a config file, a secret store, a
/// test).
///
/// ```
/// let error = whatsapp_sdk::from_env_with(|name| match name {
///     "WHATSAPP_SDK_PROVIDER" => Some("twilio".into()),
///     _ => None,
/// })
/// .unwrap_err();
/// assert!(error.to_string().contains("unknown provider `twilio`"));
/// ```
pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Box<DynMessenger>> {
    let provider = match lookup(ENV_PROVIDER) {
        None => Provider::Cloud,
        Some(name) => name.parse().map_err(|e| Error::Config {
            provider: Provider::Cloud,
            source: Box::new(e),
        })?,
    };
    let _ = &lookup;
    match provider {
        #[cfg(feature = "cloud")]
        Provider::Cloud => Ok(Box::new(crate::cloud::CloudMessenger::from_env_with(&lookup)?)),
        other => Err(Error::Config {
            provider: other,
            source: format!(
                "{ENV_PROVIDER} is `{other}`, but whatsapp-sdk was built without its `{other}` feature"
            )
            .into(),
        }),
    }
}
