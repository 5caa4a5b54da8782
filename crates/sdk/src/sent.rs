//! What a send returns, and message ids.

use std::fmt;
use std::sync::{Arc, LazyLock};

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
///
/// ```
/// use whatsapp_sdk::{MessageId, Provider, Sent};
///
/// let sent = Sent::new(
///     Some(MessageId::from("wamid.1")),
///     Provider::Cloud,
///     serde_json::json!({"messages": [{"id": "wamid.1"}]}),
/// );
/// assert_eq!(sent.raw()["messages"][0]["id"], "wamid.1");
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct Sent {
    /// The provider's id for the new message (use it for replies, reactions and receipts).
    /// `None` where the provider's API returns none: WhatsHooked answers every send with
    /// `{"status": "ok"}`, and Whapi gives no id for a reaction; the id then arrives with the
    /// webhooks.
    pub id: Option<MessageId>,
    /// Who accepted it.
    pub provider: Provider,
    raw: Arc<LazyLock<serde_json::Value, Answer>>,
}

/// Writes the decoded answer as JSON. Deferred to the first [`Sent::raw`] call: building a
/// `serde_json::Value` for every send cost more than the rest of the facade's work on a send
/// (a map allocation per object, a string per key), and most callers only read the id.
type Answer = Box<dyn FnOnce() -> serde_json::Value + Send>;

impl Sent {
    /// A send result; for messengers outside this crate (wrappers, test doubles).
    pub fn new(id: Option<MessageId>, provider: Provider, raw: serde_json::Value) -> Self {
        Sent::deferred(id, provider, move || raw)
    }

    /// A send result whose raw answer is written by `raw` when first asked for.
    pub(crate) fn deferred(
        id: Option<MessageId>,
        provider: Provider,
        raw: impl FnOnce() -> serde_json::Value + Send + 'static,
    ) -> Self {
        Sent {
            id,
            provider,
            raw: Arc::new(LazyLock::new(Box::new(raw))),
        }
    }

    /// The provider's answer as received, for fields the common types do not carry.
    pub fn raw(&self) -> &serde_json::Value {
        LazyLock::force(&self.raw)
    }
}

impl fmt::Debug for Sent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sent")
            .field("id", &self.id)
            .field("provider", &self.provider)
            .field("raw", self.raw())
            .finish()
    }
}

impl PartialEq for Sent {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.provider == other.provider && self.raw() == other.raw()
    }
}
