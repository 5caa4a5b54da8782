//! What each provider can do, declared as data and checked before any request.

mod declared;

use std::fmt;

use crate::error::{Error, Result};
use crate::{Message, Provider, Recipient};

/// One thing a messenger may or may not be able to do.
///
/// Adapters declare theirs in a `CAPABILITIES` constant read from the provider's published
/// API; a call that needs a feature the messenger lacks fails with
/// [`Error::Unsupported`] before any request is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Feature {
    /// Text messages.
    Text,
    /// A link preview on a text message.
    LinkPreview,
    /// Image messages.
    Image,
    /// Video messages.
    Video,
    /// Audio messages.
    Audio,
    /// Document messages.
    Document,
    /// Sticker messages.
    Sticker,
    /// Location messages.
    Location,
    /// Contact card messages.
    Contacts,
    /// Template messages.
    Template,
    /// Template parameters given by name rather than position.
    TemplateNamedParameters,
    /// A parameter for a template's header (text, media or location).
    TemplateHeader,
    /// Parameters for a template's buttons (quick-reply payloads, URL suffixes, codes).
    TemplateButtons,
    /// Interactive messages with reply buttons.
    Buttons,
    /// Interactive list messages.
    List,
    /// Reacting to a message with an emoji.
    Reaction,
    /// Removing a reaction.
    RemoveReaction,
    /// Sending a message as a reply to another.
    ReplyTo,
    /// Sending to a group.
    GroupRecipient,
    /// Media referenced by a provider media id.
    MediaFromId,
    /// Media referenced by a public link the provider fetches.
    MediaFromLink,
    /// Media given as bytes, uploaded by the adapter before the message is sent.
    MediaFromBytes,
    /// Uploading media on its own ([`Messenger::upload_media`](crate::Messenger::upload_media)).
    UploadMedia,
    /// Downloading media by id ([`Messenger::download_media`](crate::Messenger::download_media)).
    DownloadMedia,
    /// Marking a received message as read ([`Messenger::mark_read`](crate::Messenger::mark_read)).
    MarkRead,
}

impl Feature {
    /// Every feature, in declaration order (the README matrix's rows).
    pub const ALL: [Feature; 25] = [
        Feature::Text,
        Feature::LinkPreview,
        Feature::Image,
        Feature::Video,
        Feature::Audio,
        Feature::Document,
        Feature::Sticker,
        Feature::Location,
        Feature::Contacts,
        Feature::Template,
        Feature::TemplateNamedParameters,
        Feature::TemplateHeader,
        Feature::TemplateButtons,
        Feature::Buttons,
        Feature::List,
        Feature::Reaction,
        Feature::RemoveReaction,
        Feature::ReplyTo,
        Feature::GroupRecipient,
        Feature::MediaFromId,
        Feature::MediaFromLink,
        Feature::MediaFromBytes,
        Feature::UploadMedia,
        Feature::DownloadMedia,
        Feature::MarkRead,
    ];

    /// A short description, as error messages and the capability matrix show it.
    pub const fn description(self) -> &'static str {
        match self {
            Feature::Text => "text messages",
            Feature::LinkPreview => "link previews",
            Feature::Image => "image messages",
            Feature::Video => "video messages",
            Feature::Audio => "audio messages",
            Feature::Document => "document messages",
            Feature::Sticker => "sticker messages",
            Feature::Location => "location messages",
            Feature::Contacts => "contact messages",
            Feature::Template => "template messages",
            Feature::TemplateNamedParameters => "named template parameters",
            Feature::TemplateHeader => "template header parameters",
            Feature::TemplateButtons => "template button parameters",
            Feature::Buttons => "reply buttons",
            Feature::List => "list messages",
            Feature::Reaction => "reactions",
            Feature::RemoveReaction => "removing reactions",
            Feature::ReplyTo => "replies to a message",
            Feature::GroupRecipient => "sending to groups",
            Feature::MediaFromId => "media by id",
            Feature::MediaFromLink => "media by link",
            Feature::MediaFromBytes => "media from bytes",
            Feature::UploadMedia => "media upload",
            Feature::DownloadMedia => "media download",
            Feature::MarkRead => "marking messages read",
        }
    }

    const fn bit(self) -> u64 {
        1 << self as u32
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A set of [`Feature`]s.
///
/// ```
/// use whatsapp_sdk::{Capabilities, Feature};
///
/// let caps = Capabilities::of(&[Feature::Text, Feature::Image]);
/// assert!(caps.supports(Feature::Text));
/// assert!(!caps.supports(Feature::Sticker));
/// assert_eq!(caps.iter().collect::<Vec<_>>(), [Feature::Text, Feature::Image]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Capabilities(u64);

impl Capabilities {
    /// No feature.
    pub const NONE: Capabilities = Capabilities(0);
    /// Every feature.
    pub const ALL: Capabilities = Capabilities::of(&Feature::ALL);

    /// The set of `features`.
    pub const fn of(features: &[Feature]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < features.len() {
            bits |= features[i].bit();
            i += 1;
        }
        Capabilities(bits)
    }

    /// Whether `feature` is in the set.
    pub const fn supports(&self, feature: Feature) -> bool {
        self.0 & feature.bit() != 0
    }

    /// The set with `feature` added.
    pub const fn with(self, feature: Feature) -> Self {
        Capabilities(self.0 | feature.bit())
    }

    /// The set with `feature` removed.
    pub const fn without(self, feature: Feature) -> Self {
        Capabilities(self.0 & !feature.bit())
    }

    /// Whether every feature of `other` is in this set.
    pub const fn contains(&self, other: Capabilities) -> bool {
        self.0 & other.0 == other.0
    }

    /// The features in the set, in [`Feature::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = Feature> + '_ {
        Feature::ALL.into_iter().filter(|f| self.supports(*f))
    }

    /// The first feature of `needed` this set lacks.
    pub fn first_missing(&self, needed: Capabilities) -> Option<Feature> {
        needed.iter().find(|f| !self.supports(*f))
    }
}

impl FromIterator<Feature> for Capabilities {
    fn from_iter<I: IntoIterator<Item = Feature>>(iter: I) -> Self {
        iter.into_iter()
            .fold(Capabilities::NONE, Capabilities::with)
    }
}

/// The one place every messenger checks a send against its capabilities, before any request.
pub(crate) fn check_send(
    provider: Provider,
    capabilities: Capabilities,
    to: &Recipient,
    message: &Message,
) -> Result<()> {
    let mut needed = message.features();
    if matches!(to, Recipient::Group(_)) {
        needed = needed.with(Feature::GroupRecipient);
    }
    check(provider, capabilities, needed)
}

/// Fails with [`Error::Unsupported`] naming the first of `needed` that `capabilities` lacks.
pub(crate) fn check(
    provider: Provider,
    capabilities: Capabilities,
    needed: Capabilities,
) -> Result<()> {
    match capabilities.first_missing(needed) {
        Some(feature) => Err(Error::Unsupported { provider, feature }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_feature_once_in_bit_order() {
        for (i, feature) in Feature::ALL.iter().enumerate() {
            assert_eq!(*feature as usize, i, "{feature:?}");
        }
        assert_eq!(Capabilities::ALL.iter().count(), Feature::ALL.len());
    }

    #[test]
    fn the_first_missing_feature_is_reported() {
        let caps = Capabilities::of(&[Feature::Text]);
        let needed = Capabilities::of(&[Feature::Text, Feature::ReplyTo, Feature::Image]);
        assert_eq!(caps.first_missing(needed), Some(Feature::Image));
        let error = check(Provider::YCloud, caps, needed).unwrap_err();
        assert_eq!(error.to_string(), "ycloud does not support image messages");
    }
}
