//! Media messages: image, video, audio, document and sticker.

use crate::error::{ValidationError, Violation};
use crate::limits;
use crate::media::{MediaKind, MediaSource};

/// Checks a media source: an id must not be blank, bytes must fit `kind`.
fn validate_source(source: &MediaSource, kind: MediaKind) -> Result<(), ValidationError> {
    match source {
        MediaSource::Id(id) if id.as_str().trim().is_empty() => {
            Err(ValidationError::new("id", Violation::Empty))
        }
        MediaSource::Bytes(upload) => upload.check(kind, ""),
        _ => Ok(()),
    }
}

fn validate_caption(caption: Option<&str>) -> Result<(), ValidationError> {
    match caption {
        Some(caption) => limits::at_most_chars("caption", caption, limits::CAPTION_MAX_CHARS),
        None => Ok(()),
    }
}

macro_rules! media_kind {
    ($(#[$doc:meta])* $name:ident, $kind:ident, caption: $caption:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            pub(crate) source: MediaSource,
            pub(crate) caption: Option<String>,
        }

        impl $name {
            /// A message carrying the file from `source`.
            pub fn new(source: impl Into<MediaSource>) -> Self {
                $name {
                    source: source.into(),
                    caption: None,
                }
            }

            /// Where the file comes from.
            pub fn source(&self) -> &MediaSource {
                &self.source
            }

            media_kind!(@caption $caption);

            pub(crate) fn validate(&self) -> Result<(), ValidationError> {
                validate_source(&self.source, MediaKind::$kind)?;
                validate_caption(self.caption.as_deref())
            }
        }
    };
    (@caption true) => {
        /// A caption shown under the media, up to
        /// [`CAPTION_MAX_CHARS`](crate::limits::CAPTION_MAX_CHARS) characters.
        pub fn with_caption(mut self, caption: impl Into<String>) -> Self {
            self.caption = Some(caption.into());
            self
        }

        /// The caption.
        pub fn caption(&self) -> Option<&str> {
            self.caption.as_deref()
        }
    };
    (@caption false) => {};
}

media_kind!(
    /// An image: JPEG or PNG, up to [`IMAGE_MAX_BYTES`](crate::limits::IMAGE_MAX_BYTES).
    ///
    /// ```
    /// use whatsapp_sdk::{MediaSource, Message, message::Image};
    ///
    /// let image = Image::new(MediaSource::link("https://example.com/menu.png")?).with_caption("Today's menu");
    /// let message = Message::new(image)?;
    /// # Ok::<(), whatsapp_sdk::ValidationError>(())
    /// ```
    Image, Image, caption: true
);
media_kind!(
    /// A video: MP4 or 3GPP (H.264 and AAC), up to
    /// [`VIDEO_MAX_BYTES`](crate::limits::VIDEO_MAX_BYTES).
    ///
    /// ```
    /// use whatsapp_sdk::{MediaSource, Message, message::Video};
    ///
    /// let message = Message::new(Video::new(MediaSource::id("1166846181421424")).with_caption("How to"))?;
    /// # Ok::<(), whatsapp_sdk::ValidationError>(())
    /// ```
    Video, Video, caption: true
);
media_kind!(
    /// An audio file (AAC, AMR, MP3, MP4 audio, OGG with Opus), up to
    /// [`AUDIO_MAX_BYTES`](crate::limits::AUDIO_MAX_BYTES). WhatsApp shows no caption on audio.
    ///
    /// ```
    /// use whatsapp_sdk::{MediaSource, Message, message::Audio};
    ///
    /// let message = Message::new(Audio::new(MediaSource::link("https://example.com/note.ogg")?))?;
    /// # Ok::<(), whatsapp_sdk::ValidationError>(())
    /// ```
    Audio, Audio, caption: false
);
media_kind!(
    /// A sticker: WebP, up to [`STICKER_MAX_BYTES`](crate::limits::STICKER_MAX_BYTES).
    ///
    /// ```
    /// use whatsapp_sdk::{MediaSource, Message, message::Sticker};
    ///
    /// let message = Message::new(Sticker::new(MediaSource::id("798882015472548")))?;
    /// # Ok::<(), whatsapp_sdk::ValidationError>(())
    /// ```
    Sticker, Sticker, caption: false
);

/// A document (PDF, text, Office formats), up to
/// [`DOCUMENT_MAX_BYTES`](crate::limits::DOCUMENT_MAX_BYTES), shown with its file name.
///
/// ```
/// use whatsapp_sdk::{MediaSource, MediaUpload, Message, message::Document};
///
/// let pdf = MediaUpload::new(b"%PDF-1.7 ...".to_vec(), "application/pdf");
/// let message = Message::new(
///     Document::new(MediaSource::bytes(pdf))
///         .with_file_name("invoice-1234.pdf")
///         .with_caption("Your invoice"),
/// )?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub(crate) source: MediaSource,
    pub(crate) caption: Option<String>,
    pub(crate) file_name: Option<String>,
}

impl Document {
    /// A message carrying the document from `source`.
    pub fn new(source: impl Into<MediaSource>) -> Self {
        Document {
            source: source.into(),
            caption: None,
            file_name: None,
        }
    }

    /// The file name shown to the recipient. Without one, an uploaded file's own name is used.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// A caption, up to [`CAPTION_MAX_CHARS`](crate::limits::CAPTION_MAX_CHARS) characters.
    pub fn with_caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = Some(caption.into());
        self
    }

    /// Where the file comes from.
    pub fn source(&self) -> &MediaSource {
        &self.source
    }

    /// The file name to show: the one set, else an uploaded file's own.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref().or(match &self.source {
            MediaSource::Bytes(upload) => upload.file_name(),
            _ => None,
        })
    }

    /// The caption.
    pub fn caption(&self) -> Option<&str> {
        self.caption.as_deref()
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        validate_source(&self.source, MediaKind::Document)?;
        validate_caption(self.caption.as_deref())?;
        if let Some(name) = &self.file_name {
            limits::text("file_name", name, usize::MAX)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MediaUpload, Message};

    #[test]
    fn captions_and_files_are_checked_with_their_path() {
        let long = Image::new(MediaSource::id("1")).with_caption("c".repeat(1025));
        assert_eq!(Message::new(long).unwrap_err().field(), "image.caption");
        let gif = Image::new(MediaUpload::new(vec![1], "image/gif"));
        assert_eq!(Message::new(gif).unwrap_err().field(), "image.mime_type");
        let webp = Sticker::new(MediaUpload::new(vec![1], "image/webp"));
        assert!(Message::new(webp).is_ok());
        let blank = Video::new(MediaSource::id(" "));
        assert_eq!(Message::new(blank).unwrap_err().field(), "video.id");
    }

    #[test]
    fn a_documents_name_defaults_to_the_uploads() {
        let upload = MediaUpload::new(vec![1], "application/pdf").with_file_name("a.pdf");
        assert_eq!(Document::new(upload.clone()).file_name(), Some("a.pdf"));
        assert_eq!(
            Document::new(upload).with_file_name("b.pdf").file_name(),
            Some("b.pdf")
        );
    }
}
