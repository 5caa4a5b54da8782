//! Reactions.

use crate::MessageId;
use crate::capability::{Capabilities, Feature};
use crate::error::{ValidationError, Violation};

/// An emoji reaction to a message, or the removal of one.
///
/// ```
/// use whatsapp_sdk::{Message, MessageId, message::Reaction};
///
/// let id = MessageId::from("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI");
/// let like = Message::new(Reaction::new(id.clone(), "👍"))?;
/// let undo = Message::new(Reaction::remove(id))?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reaction {
    pub(crate) message_id: MessageId,
    pub(crate) emoji: Option<String>,
}

impl Reaction {
    /// Reacts to `message_id` with `emoji`.
    pub fn new(message_id: impl Into<MessageId>, emoji: impl Into<String>) -> Self {
        Reaction {
            message_id: message_id.into(),
            emoji: Some(emoji.into()),
        }
    }

    /// Removes this sender's reaction from `message_id`.
    pub fn remove(message_id: impl Into<MessageId>) -> Self {
        Reaction {
            message_id: message_id.into(),
            emoji: None,
        }
    }

    /// The message reacted to.
    pub fn message_id(&self) -> &MessageId {
        &self.message_id
    }

    /// The emoji, `None` for a removal.
    pub fn emoji(&self) -> Option<&str> {
        self.emoji.as_deref()
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        if self.message_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("message_id", Violation::Empty));
        }
        match &self.emoji {
            Some(emoji) if emoji.trim().is_empty() => Err(ValidationError::new(
                "emoji",
                Violation::Format {
                    expected: "an emoji; use `Reaction::remove` to take a reaction back",
                },
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn features(&self) -> Capabilities {
        match self.emoji {
            Some(_) => Capabilities::of(&[Feature::Reaction]),
            None => Capabilities::of(&[Feature::RemoveReaction]),
        }
    }
}
