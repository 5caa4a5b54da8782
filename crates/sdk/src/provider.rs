//! The five providers, as a value applications can match on, print and parse.

use std::fmt;
use std::str::FromStr;

/// A WhatsApp provider the SDK talks to.
///
/// `Display` and `FromStr` use the short names of the cargo features and of
/// `WHATSAPP_SDK_PROVIDER`: `cloud`, `onprem`, `whapi`, `ycloud`, `whatshooked`.
///
/// ```
/// use whatsapp_sdk::Provider;
///
/// let provider: Provider = "whapi".parse()?;
/// assert_eq!(provider, Provider::Whapi);
/// assert_eq!(provider.to_string(), "whapi");
/// assert_eq!(Provider::Cloud.name(), "WhatsApp Cloud API");
/// # Ok::<(), whatsapp_sdk::ParseProviderError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provider {
    /// Meta's WhatsApp Cloud API (Graph API).
    Cloud,
    /// The legacy on-premises WhatsApp Business API client.
    OnPrem,
    /// Whapi.Cloud.
    Whapi,
    /// YCloud.
    YCloud,
    /// WhatsHooked, a self-hosted bridge.
    WhatsHooked,
}

impl Provider {
    /// Every provider, in the order the documentation lists them.
    pub const ALL: [Provider; 5] = [
        Provider::Cloud,
        Provider::OnPrem,
        Provider::Whapi,
        Provider::YCloud,
        Provider::WhatsHooked,
    ];

    /// The short name: `cloud`, `onprem`, `whapi`, `ycloud` or `whatshooked`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::Cloud => "cloud",
            Provider::OnPrem => "onprem",
            Provider::Whapi => "whapi",
            Provider::YCloud => "ycloud",
            Provider::WhatsHooked => "whatshooked",
        }
    }

    /// The product's own name, for messages meant for people.
    pub const fn name(self) -> &'static str {
        match self {
            Provider::Cloud => "WhatsApp Cloud API",
            Provider::OnPrem => "WhatsApp Business API (on-premises)",
            Provider::Whapi => "Whapi.Cloud",
            Provider::YCloud => "YCloud",
            Provider::WhatsHooked => "WhatsHooked",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no provider; see [`Provider`]'s `FromStr`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider `{input}`; expected one of cloud, onprem, whapi, ycloud, whatshooked")]
pub struct ParseProviderError {
    input: String,
}

impl FromStr for Provider {
    type Err = ParseProviderError;

    /// Accepts the short names in any letter case, surrounding whitespace ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| ParseProviderError {
                input: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for provider in Provider::ALL {
            assert_eq!(provider.to_string().parse::<Provider>(), Ok(provider));
        }
        assert_eq!(" YCloud ".parse::<Provider>(), Ok(Provider::YCloud));
    }

    #[test]
    fn unknown_names_are_refused_with_the_input() {
        let error = "twilio".parse::<Provider>().expect_err("not a provider");
        assert_eq!(
            error.to_string(),
            "unknown provider `twilio`; expected one of cloud, onprem, whapi, ycloud, whatshooked"
        );
    }
}
