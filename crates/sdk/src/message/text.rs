//! Text messages.

use crate::capability::{Capabilities, Feature};
use crate::error::ValidationError;
use crate::limits;

/// A text message, up to [`TEXT_MAX_CHARS`](limits::TEXT_MAX_CHARS) characters.
///
/// ```
/// use whatsapp_sdk::{Message, message::Text};
///
/// let message = Message::new(Text::new("Docs: https://docs.rs/whatsapp-sdk").with_preview_url(true))?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub(crate) body: String,
    pub(crate) preview_url: bool,
}

impl Text {
    /// A text with `body`.
    pub fn new(body: impl Into<String>) -> Self {
        Text {
            body: body.into(),
            preview_url: false,
        }
    }

    /// Whether WhatsApp shows a preview of the first link in the body. Default `false`.
    pub fn with_preview_url(mut self, preview: bool) -> Self {
        self.preview_url = preview;
        self
    }

    /// The body.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// Whether a link preview is asked for.
    pub fn preview_url(&self) -> bool {
        self.preview_url
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        limits::text("body", &self.body, limits::TEXT_MAX_CHARS)
    }

    pub(crate) fn features(&self) -> Capabilities {
        let text = Capabilities::of(&[Feature::Text]);
        if self.preview_url {
            text.with(Feature::LinkPreview)
        } else {
            text
        }
    }
}
