//! Choosing the provider at run time from the environment.

use crate::error::{Error, Result};
use crate::{DynMessenger, Provider};

/// The variable naming the provider [`from_env`] builds a messenger for: `cloud` (the
/// default), `onprem`, `whapi`, `ycloud` or `whatshooked`.
pub const ENV_PROVIDER: &str = "WHATSAPP_SDK_PROVIDER";

/// A messenger for the provider named by [`ENV_PROVIDER`], configured from that provider's
/// documented variables (each adapter's `from_env`: `CloudMessenger`, `OnPremMessenger`,
/// `WhapiMessenger`, `YCloudMessenger`, `WhatsHookedMessenger`).
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
        #[cfg(feature = "onprem")]
        Provider::OnPrem => Ok(Box::new(crate::onprem::OnPremMessenger::from_env_with(&lookup)?)),
        #[cfg(feature = "whapi")]
        Provider::Whapi => Ok(Box::new(crate::whapi::WhapiMessenger::from_env_with(&lookup)?)),
        #[cfg(feature = "ycloud")]
        Provider::YCloud => Ok(Box::new(crate::ycloud::YCloudMessenger::from_env_with(&lookup)?)),
        #[cfg(feature = "whatshooked")]
        Provider::WhatsHooked => Ok(Box::new(
            crate::whatshooked::WhatsHookedMessenger::from_env_with(&lookup)?,
        )),
        // Reached for the providers whose feature is off.
        #[allow(unreachable_patterns)]
        other => Err(Error::Config {
            provider: other,
            source: format!(
                "{ENV_PROVIDER} is `{other}`, but whatsapp-sdk was built without its `{other}` feature"
            )
            .into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_variable_picks_the_adapter() {
        let cases: [(&[(&str, &str)], Provider); 5] = [
            (
                &[
                    ("WHATSAPP_CLOUD_ACCESS_TOKEN", "t"),
                    ("WHATSAPP_CLOUD_PHONE_NUMBER_ID", "1065"),
                ],
                Provider::Cloud,
            ),
            (
                &[
                    ("WHATSAPP_SDK_PROVIDER", "onprem"),
                    ("WHATSAPP_ONPREM_BASE_URL", "https://wa.example.com/v1"),
                    ("WHATSAPP_ONPREM_ACCESS_TOKEN", "t"),
                ],
                Provider::OnPrem,
            ),
            (
                &[("WHATSAPP_SDK_PROVIDER", "whapi"), ("WHAPI_TOKEN", "t")],
                Provider::Whapi,
            ),
            (
                &[
                    ("WHATSAPP_SDK_PROVIDER", "YCloud"),
                    ("YCLOUD_API_KEY", "k"),
                    ("YCLOUD_FROM", "+14155550100"),
                ],
                Provider::YCloud,
            ),
            (
                &[
                    ("WHATSAPP_SDK_PROVIDER", "whatshooked"),
                    ("WHATSHOOKED_BASE_URL", "http://127.0.0.1:8080"),
                    ("WHATSHOOKED_API_KEY", "k"),
                    ("WHATSHOOKED_ACCOUNT_ID", "main"),
                ],
                Provider::WhatsHooked,
            ),
        ];
        for (pairs, provider) in cases {
            let messenger =
                from_env_with(lookup(pairs)).unwrap_or_else(|e| panic!("{provider}: {e}"));
            assert_eq!(messenger.provider(), provider);
        }
    }

    #[test]
    fn a_missing_setting_names_the_provider() {
        let error = from_env_with(lookup(&[("WHATSAPP_SDK_PROVIDER", "whapi")])).unwrap_err();
        assert_eq!(error.provider(), Some(Provider::Whapi));
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}
