//! What a send returns, and message ids.

use std::fmt;

use crate::Provider;

/// A provider's id for a message: `wamid.…` on the Cloud API, Whapi's and YCloud's own forms.
///
/// ```
/// use whatsapp_sdk::MessageId;
///
/// let id = MessageId::from("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI");
/// assert_eq!(id.to_string(), "wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(String);

impl MessageId {
    /// Wraps a provider's message id.
    pub fn new(id: impl Into<String>) -> Self {
        MessageId(id.into())
    }

    /// The id as the provider gave it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for MessageId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for MessageId {
    fn from(value: String) -> Self {
        MessageId(value)
    }
}

impl From<&str> for MessageId {
    fn from(value: &str) -> Self {
        MessageId(value.to_owned())
    }
}

/// A message the provider accepted.
///
/// Accepted is not delivered: delivery and read receipts arrive later through webhooks.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Sent {
    /// The provider's id for the new message (use it for replies, reactions and receipts).
    /// `None` where the provider's API returns none: WhatsHooked answers every send with
    /// `{"status": "ok"}`, and Whapi gives no id for a reaction; the id then arrives with the
    /// webhooks.
    pub id: Option<MessageId>,
    /// Who accepted it.
    pub provider: Provider,
    /// The provider's answer as received, for fields the common types do not carry.
    pub raw: serde_json::Value,
}

impl Sent {
    /// A send result; for messengers outside this crate (wrappers, test doubles).
    pub fn new(id: Option<MessageId>, provider: Provider, raw: serde_json::Value) -> Self {
        Sent { id, provider, raw }
    }
}
