//! Media files: where a message's media comes from, uploads, downloads and their ids.

use std::fmt;

use bytes::Bytes;

use crate::error::{ValidationError, Violation};
use crate::limits;

/// A media id a provider gave for an uploaded or received file.
///
/// ```
/// use whatsapp_sdk::MediaId;
///
/// let id = MediaId::from("1037543291543636");
/// assert_eq!(id.as_str(), "1037543291543636");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MediaId(String);

impl MediaId {
    /// Wraps a provider's media id.
    pub fn new(id: impl Into<String>) -> Self {
        MediaId(id.into())
    }

    /// The id as the provider gave it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for MediaId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for MediaId {
    fn from(value: String) -> Self {
        MediaId(value)
    }
}

impl From<&str> for MediaId {
    fn from(value: &str) -> Self {
        MediaId(value.to_owned())
    }
}

/// Where the file of a media message comes from.
///
/// ```
/// use whatsapp_sdk::{MediaSource, MediaUpload};
///
/// let by_id = MediaSource::id("1037543291543636");
/// let by_link = MediaSource::link("https://example.com/cat.jpg")?;
/// let by_bytes = MediaSource::bytes(MediaUpload::new(vec![0xff, 0xd8], "image/jpeg"));
/// assert!(MediaSource::link("ftp://example.com/cat.jpg").is_err());
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MediaSource {
    /// A file already uploaded to the provider.
    Id(MediaId),
    /// A public http(s) link the provider downloads.
    Link(url::Url),
    /// Bytes the adapter uploads first, then sends by id (or inline, where the provider takes
    /// files in the send request).
    Bytes(MediaUpload),
}

impl MediaSource {
    /// A provider media id.
    pub fn id(id: impl Into<MediaId>) -> Self {
        MediaSource::Id(id.into())
    }

    /// A public link; only `http` and `https` are accepted.
    pub fn link(link: &str) -> Result<Self, ValidationError> {
        let invalid = || {
            ValidationError::new(
                "link",
                Violation::Format {
                    expected: "an absolute http(s) URL",
                },
            )
        };
        let url = url::Url::parse(link.trim()).map_err(|_| invalid())?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(invalid());
        }
        Ok(MediaSource::Link(url))
    }

    /// Bytes to upload.
    pub fn bytes(upload: MediaUpload) -> Self {
        MediaSource::Bytes(upload)
    }
}

impl From<MediaId> for MediaSource {
    fn from(value: MediaId) -> Self {
        MediaSource::Id(value)
    }
}

impl From<MediaUpload> for MediaSource {
    fn from(value: MediaUpload) -> Self {
        MediaSource::Bytes(value)
    }
}

impl From<url::Url> for MediaSource {
    fn from(value: url::Url) -> Self {
        MediaSource::Link(value)
    }
}

/// A file in memory to upload: its bytes, MIME type and, optionally, file name.
///
/// The bytes are shared, not copied, when a message is cloned or sent to many recipients.
/// Large files from disk or a stream go through the provider crate's own upload (see each
/// adapter's `client()`), then into messages as [`MediaSource::Id`].
///
/// ```
/// use whatsapp_sdk::MediaUpload;
///
/// let upload = MediaUpload::new(std::fs::read("Cargo.toml")?, "text/plain")
///     .with_file_name("Cargo.toml");
/// assert_eq!(upload.mime_type(), "text/plain");
/// assert_eq!(upload.file_name(), Some("Cargo.toml"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct MediaUpload {
    bytes: Bytes,
    mime_type: String,
    file_name: Option<String>,
}

impl MediaUpload {
    /// A file of `mime_type` (`image/jpeg`, `application/pdf`, …).
    pub fn new(bytes: impl Into<Bytes>, mime_type: impl Into<String>) -> Self {
        MediaUpload {
            bytes: bytes.into(),
            mime_type: mime_type.into(),
            file_name: None,
        }
    }

    /// The file name sent with the upload.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The MIME type.
    pub fn mime_type(&self) -> &str {
        &self.mime_type
    }

    /// The file name, if one was given.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The file name to send: the given one, or `file.<extension of the MIME type>`, since
    /// multipart uploads need one.
    pub(crate) fn file_name_or_default(&self) -> String {
        self.file_name.clone().unwrap_or_else(|| {
            let essence = limits::essence(&self.mime_type);
            let subtype = essence.rsplit('/').next().unwrap_or("bin");
            let extension = match subtype {
                "jpeg" => "jpg",
                "mpeg" => "mp3",
                "plain" => "txt",
                "vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
                "vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
                "msword" => "doc",
                "vnd.ms-excel" => "xls",
                "vnd.ms-powerpoint" => "ppt",
                other if other.bytes().all(|b| b.is_ascii_alphanumeric()) => other,
                _ => "bin",
            };
            format!("file.{extension}")
        })
    }

    /// The upload as the runtime's `Upload`, sharing the bytes.
    pub(crate) fn to_upload(&self) -> whatsapp_sdk_runtime::Upload {
        whatsapp_sdk_runtime::Upload::from_bytes(
            self.file_name_or_default(),
            self.mime_type.clone(),
            self.bytes.clone(),
        )
    }

    /// Checks the file against the rules of the first media kind whose MIME types include its
    /// type: an upload on its own must be something WhatsApp can send.
    pub(crate) fn check_any_kind(&self) -> Result<(), ValidationError> {
        let kind = MediaKind::ALL
            .into_iter()
            .find(|kind| {
                kind.mime_types()
                    .iter()
                    .any(|m| m.eq_ignore_ascii_case(limits::essence(&self.mime_type)))
            })
            .ok_or_else(|| {
                ValidationError::new(
                    "mime_type",
                    Violation::MimeType {
                        mime_type: self.mime_type.clone(),
                        allowed: ALL_MIME_TYPES,
                    },
                )
            })?;
        self.check(kind, "")
    }

    /// Checks MIME type and size against `kind`'s limits; `field` prefixes the error path.
    pub(crate) fn check(&self, kind: MediaKind, field: &str) -> Result<(), ValidationError> {
        let at = |name: &str| {
            if field.is_empty() {
                name.to_owned()
            } else {
                format!("{field}.{name}")
            }
        };
        limits::mime_type(&at("mime_type"), &self.mime_type, kind.mime_types())?;
        limits::size(&at("bytes"), self.bytes.len() as u64, kind.max_bytes())?;
        if self.bytes.is_empty() {
            return Err(ValidationError::new(at("bytes"), Violation::Empty));
        }
        Ok(())
    }
}

/// Every MIME type some media kind accepts, for the error of an upload that fits none.
const ALL_MIME_TYPES: &[&str] = &[
    "image/jpeg",
    "image/png",
    "video/mp4",
    "video/3gpp",
    "audio/aac",
    "audio/amr",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "image/webp",
    "text/plain",
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

impl fmt::Debug for MediaUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MediaUpload")
            .field("mime_type", &self.mime_type)
            .field("file_name", &self.file_name)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A downloaded media file.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Media {
    /// The file.
    pub bytes: Bytes,
    /// Its MIME type, when the provider said.
    pub mime_type: Option<String>,
    /// Its file name, when the provider said.
    pub file_name: Option<String>,
}

impl Media {
    /// A downloaded file.
    pub fn new(bytes: impl Into<Bytes>, mime_type: Option<String>) -> Self {
        Media {
            bytes: bytes.into(),
            mime_type,
            file_name: None,
        }
    }

    /// The same file with a name.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }
}

impl fmt::Debug for Media {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Media")
            .field("mime_type", &self.mime_type)
            .field("file_name", &self.file_name)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The kinds of media message, each with its own MIME types and size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaKind {
    Image,
    Video,
    Audio,
    Document,
    Sticker,
}

impl MediaKind {
    /// In the order an upload's kind is guessed from its MIME type (`image/webp` is a sticker).
    const ALL: [MediaKind; 5] = [
        MediaKind::Image,
        MediaKind::Video,
        MediaKind::Audio,
        MediaKind::Sticker,
        MediaKind::Document,
    ];

    pub(crate) fn mime_types(self) -> &'static [&'static str] {
        match self {
            MediaKind::Image => limits::IMAGE_MIME_TYPES,
            MediaKind::Video => limits::VIDEO_MIME_TYPES,
            MediaKind::Audio => limits::AUDIO_MIME_TYPES,
            MediaKind::Document => limits::DOCUMENT_MIME_TYPES,
            MediaKind::Sticker => limits::STICKER_MIME_TYPES,
        }
    }

    pub(crate) fn max_bytes(self) -> u64 {
        match self {
            MediaKind::Image => limits::IMAGE_MAX_BYTES,
            MediaKind::Video => limits::VIDEO_MAX_BYTES,
            MediaKind::Audio => limits::AUDIO_MAX_BYTES,
            MediaKind::Document => limits::DOCUMENT_MAX_BYTES,
            MediaKind::Sticker => limits::STICKER_MAX_BYTES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kinds_mime_types_are_in_the_full_list() {
        for kind in MediaKind::ALL {
            for mime in kind.mime_types() {
                assert!(ALL_MIME_TYPES.contains(mime), "{mime}");
            }
        }
        let total: usize = MediaKind::ALL.iter().map(|k| k.mime_types().len()).sum();
        assert_eq!(total, ALL_MIME_TYPES.len());
    }

    #[test]
    fn default_file_names_follow_the_mime_type() {
        let name = |mime: &str| MediaUpload::new(vec![1], mime).file_name_or_default();
        assert_eq!(name("image/jpeg"), "file.jpg");
        assert_eq!(name("application/pdf"), "file.pdf");
        assert_eq!(name("audio/ogg; codecs=opus"), "file.ogg");
        assert_eq!(name("weird"), "file.weird");
        assert_eq!(name("a/b+c"), "file.bin");
    }

    #[test]
    fn uploads_are_checked_against_their_kind() {
        let big = MediaUpload::new(vec![0; 6 * 1024 * 1024], "image/png");
        let error = big.check(MediaKind::Image, "image").unwrap_err();
        assert_eq!(error.field(), "image.bytes");
        assert!(
            MediaUpload::new(vec![1], "image/gif")
                .check_any_kind()
                .is_err()
        );
        assert!(
            MediaUpload::new(vec![1], "application/pdf")
                .check_any_kind()
                .is_ok()
        );
        assert_eq!(
            MediaUpload::new(Vec::new(), "application/pdf")
                .check_any_kind()
                .unwrap_err()
                .field(),
            "bytes"
        );
    }
}
