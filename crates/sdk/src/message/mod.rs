//! Messages: one small value type per kind, and [`Message`], the one validating gate.
//!
//! The parts are built infallibly with `with_*` setters; [`Message::new`] checks them all
//! against WhatsApp's rules (see [`limits`](crate::limits)), so every `Message` that exists can
//! be sent. What a message needs from a provider is [`Message::features`].

mod contact;
mod interactive;
mod location;
mod media;
mod reaction;
mod template;
mod text;

pub use contact::{
    Contact, ContactAddress, ContactEmail, ContactPhone, ContactUrl, Organization, PhoneKind,
    PlaceKind,
};
pub use interactive::{Buttons, List, ListRow, ListSection, ReplyButton};
pub use location::Location;
pub use media::{Audio, Document, Image, Sticker, Video};
pub use reaction::Reaction;
pub use template::{ButtonParameter, HeaderParameter, Parameter, ParameterValue, Template};
pub use text::Text;

use crate::capability::{Capabilities, Feature};
use crate::error::{ValidationError, Violation};
use crate::{MediaSource, MessageId};

/// A message ready to send: valid content and, optionally, the message it replies to.
///
/// ```
/// use whatsapp_sdk::{Message, MessageId, message::Buttons};
///
/// let hello = Message::text("Hello!")?;
/// let question = Message::new(
///     Buttons::new("Is the delivery time OK?")
///         .with_button("yes", "Yes")
///         .with_button("no", "No, change it"),
/// )?
/// .in_reply_to(MessageId::from("wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI"))?;
/// assert!(question.reply_to().is_some());
///
/// // Invalid messages cannot be built at all:
/// let error = Message::new(Buttons::new("Pick one").with_button("a", "x".repeat(21)))
///     .unwrap_err();
/// assert_eq!(error.field(), "buttons[0].title");
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    content: Content,
    reply_to: Option<MessageId>,
}

/// What a message carries.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// Text.
    Text(Text),
    /// An image.
    Image(Image),
    /// A video.
    Video(Video),
    /// An audio file or voice note.
    Audio(Audio),
    /// A document.
    Document(Document),
    /// A sticker.
    Sticker(Sticker),
    /// A location.
    Location(Location),
    /// Contact cards.
    Contacts(Vec<Contact>),
    /// A pre-approved template.
    Template(Template),
    /// Text with up to three reply buttons.
    Buttons(Buttons),
    /// Text with a button that opens a list of options.
    List(List),
    /// A reaction to another message, or its removal.
    Reaction(Reaction),
}

impl Message {
    /// Checks `content` against WhatsApp's rules and makes it a message.
    pub fn new(content: impl Into<Content>) -> Result<Self, ValidationError> {
        let content = content.into();
        content.validate()?;
        Ok(Message {
            content,
            reply_to: None,
        })
    }

    /// A text message.
    pub fn text(body: impl Into<String>) -> Result<Self, ValidationError> {
        Message::new(Text::new(body))
    }

    /// The same message as a reply to `id` (shown quoted above it). A reaction already names
    /// its message and cannot be a reply.
    pub fn in_reply_to(mut self, id: impl Into<MessageId>) -> Result<Self, ValidationError> {
        let id = id.into();
        if id.as_str().trim().is_empty() {
            return Err(ValidationError::new("reply_to", Violation::Empty));
        }
        if matches!(self.content, Content::Reaction(_)) {
            return Err(ValidationError::new(
                "reply_to",
                Violation::Format {
                    expected: "no reply-to on a reaction",
                },
            ));
        }
        self.reply_to = Some(id);
        Ok(self)
    }

    /// What the message carries.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// The message this one replies to.
    pub fn reply_to(&self) -> Option<&MessageId> {
        self.reply_to.as_ref()
    }

    /// The content, for adapters that replace a file's bytes by the id it was uploaded as
    /// (which keeps the message valid: an id needs no checks bytes did not pass).
    pub(crate) fn content_mut(&mut self) -> &mut Content {
        &mut self.content
    }

    /// Everything a messenger must support to send this message.
    ///
    /// ```
    /// use whatsapp_sdk::{Feature, MediaSource, MediaUpload, Message, message::Image};
    ///
    /// let image = Message::new(Image::new(MediaSource::bytes(MediaUpload::new(
    ///     vec![0xff, 0xd8, 0xff],
    ///     "image/jpeg",
    /// ))))?;
    /// let needs: Vec<Feature> = image.features().iter().collect();
    /// assert_eq!(needs, [Feature::Image, Feature::MediaFromBytes]);
    /// # Ok::<(), whatsapp_sdk::ValidationError>(())
    /// ```
    pub fn features(&self) -> Capabilities {
        let features = self.content.features();
        if self.reply_to.is_some() {
            features.with(Feature::ReplyTo)
        } else {
            features
        }
    }
}

impl Content {
    fn validate(&self) -> Result<(), ValidationError> {
        match self {
            Content::Text(text) => text.validate().map_err(|e| e.within("text")),
            Content::Image(image) => image.validate().map_err(|e| e.within("image")),
            Content::Video(video) => video.validate().map_err(|e| e.within("video")),
            Content::Audio(audio) => audio.validate().map_err(|e| e.within("audio")),
            Content::Document(document) => document.validate().map_err(|e| e.within("document")),
            Content::Sticker(sticker) => sticker.validate().map_err(|e| e.within("sticker")),
            Content::Location(location) => location.validate().map_err(|e| e.within("location")),
            Content::Contacts(contacts) => contact::validate_all(contacts),
            Content::Template(template) => template.validate().map_err(|e| e.within("template")),
            Content::Buttons(buttons) => buttons.validate(),
            Content::List(list) => list.validate(),
            Content::Reaction(reaction) => reaction.validate().map_err(|e| e.within("reaction")),
        }
    }

    fn features(&self) -> Capabilities {
        let kind = |feature: Feature, source: &MediaSource| {
            Capabilities::of(&[feature]).with(source_feature(source))
        };
        match self {
            Content::Text(text) => text.features(),
            Content::Image(image) => kind(Feature::Image, &image.source),
            Content::Video(video) => kind(Feature::Video, &video.source),
            Content::Audio(audio) => kind(Feature::Audio, &audio.source),
            Content::Document(document) => kind(Feature::Document, &document.source),
            Content::Sticker(sticker) => kind(Feature::Sticker, &sticker.source),
            Content::Location(_) => Capabilities::of(&[Feature::Location]),
            Content::Contacts(_) => Capabilities::of(&[Feature::Contacts]),
            Content::Template(template) => template.features(),
            Content::Buttons(_) => Capabilities::of(&[Feature::Buttons]),
            Content::List(_) => Capabilities::of(&[Feature::List]),
            Content::Reaction(reaction) => reaction.features(),
        }
    }
}

/// The feature a media source needs.
pub(crate) fn source_feature(source: &MediaSource) -> Feature {
    match source {
        MediaSource::Id(_) => Feature::MediaFromId,
        MediaSource::Link(_) => Feature::MediaFromLink,
        MediaSource::Bytes(_) => Feature::MediaFromBytes,
    }
}

macro_rules! content_from {
    ($($kind:ident),* $(,)?) => {
        $(impl From<$kind> for Content {
            fn from(value: $kind) -> Self {
                Content::$kind(value)
            }
        })*
    };
}

content_from!(
    Text, Image, Video, Audio, Document, Sticker, Location, Template, Buttons, List, Reaction
);

impl From<Vec<Contact>> for Content {
    fn from(value: Vec<Contact>) -> Self {
        Content::Contacts(value)
    }
}

impl From<Contact> for Content {
    fn from(value: Contact) -> Self {
        Content::Contacts(vec![value])
    }
}

/// A list of items checked one by one, each error under `field[i]`.
pub(crate) fn each<T>(
    field: &str,
    items: &[T],
    check: impl Fn(&T) -> Result<(), ValidationError>,
) -> Result<(), ValidationError> {
    for (i, item) in items.iter().enumerate() {
        check(item).map_err(|e| e.within(&format!("{field}[{i}]")))?;
    }
    Ok(())
}
