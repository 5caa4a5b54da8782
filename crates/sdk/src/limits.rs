//! The limits WhatsApp documents for messages, as constants, and the checks that apply them.
//!
//! Every [`Message`](crate::Message) is checked against these when it is built, so a message
//! that breaks one never reaches a provider. The numbers are Meta's (Cloud API message and
//! media reference); the other providers relay to the same WhatsApp network and apply them too.

use crate::error::{ValidationError, Violation};

/// Characters in a text message body.
pub const TEXT_MAX_CHARS: usize = 4096;
/// Characters in a media caption.
pub const CAPTION_MAX_CHARS: usize = 1024;
/// Characters in the body of an interactive (buttons or list) message.
pub const INTERACTIVE_BODY_MAX_CHARS: usize = 1024;
/// Characters in a text header of an interactive message.
pub const INTERACTIVE_HEADER_MAX_CHARS: usize = 60;
/// Characters in the footer of an interactive message.
pub const INTERACTIVE_FOOTER_MAX_CHARS: usize = 60;
/// Reply buttons in one message.
pub const REPLY_BUTTONS_MAX: usize = 3;
/// Characters in a reply button's title.
pub const REPLY_BUTTON_TITLE_MAX_CHARS: usize = 20;
/// Characters in a reply button's id.
pub const REPLY_BUTTON_ID_MAX_CHARS: usize = 256;
/// Characters on the button that opens a list.
pub const LIST_BUTTON_MAX_CHARS: usize = 20;
/// Sections in a list message.
pub const LIST_SECTIONS_MAX: usize = 10;
/// Rows in a list message, counted over all its sections.
pub const LIST_ROWS_MAX: usize = 10;
/// Characters in a list section's title.
pub const LIST_SECTION_TITLE_MAX_CHARS: usize = 24;
/// Characters in a list row's title.
pub const LIST_ROW_TITLE_MAX_CHARS: usize = 24;
/// Characters in a list row's description.
pub const LIST_ROW_DESCRIPTION_MAX_CHARS: usize = 72;
/// Characters in a list row's id.
pub const LIST_ROW_ID_MAX_CHARS: usize = 200;
/// Characters in a template name.
pub const TEMPLATE_NAME_MAX_CHARS: usize = 512;
/// Characters in a template header's text parameter.
pub const TEMPLATE_HEADER_TEXT_MAX_CHARS: usize = 60;
/// Characters in a copy-code button's coupon code.
pub const TEMPLATE_COUPON_CODE_MAX_CHARS: usize = 15;
/// Button parameters are addressed by index 0 to 9.
pub const TEMPLATE_BUTTON_INDEX_MAX: u8 = 9;

/// Bytes in an image.
pub const IMAGE_MAX_BYTES: u64 = 5 * MB;
/// Bytes in a video.
pub const VIDEO_MAX_BYTES: u64 = 16 * MB;
/// Bytes in an audio file.
pub const AUDIO_MAX_BYTES: u64 = 16 * MB;
/// Bytes in a document.
pub const DOCUMENT_MAX_BYTES: u64 = 100 * MB;
/// Bytes in a sticker (animated; a static sticker may have 100 KB).
pub const STICKER_MAX_BYTES: u64 = 500 * KB;

/// Image MIME types WhatsApp accepts.
pub const IMAGE_MIME_TYPES: &[&str] = &["image/jpeg", "image/png"];
/// Video MIME types WhatsApp accepts (H.264 video, AAC audio).
pub const VIDEO_MIME_TYPES: &[&str] = &["video/mp4", "video/3gpp"];
/// Audio MIME types WhatsApp accepts.
pub const AUDIO_MIME_TYPES: &[&str] = &[
    "audio/aac",
    "audio/amr",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
];
/// Document MIME types WhatsApp accepts.
pub const DOCUMENT_MIME_TYPES: &[&str] = &[
    "text/plain",
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];
/// Sticker MIME types WhatsApp accepts.
pub const STICKER_MIME_TYPES: &[&str] = &["image/webp"];

const KB: u64 = 1024;
const MB: u64 = 1024 * 1024;

/// `value` is not blank and has at most `max` characters.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, Violation::Empty));
    }
    at_most_chars(field, value, max)
}

/// `value` has at most `max` characters (it may be empty).
pub(crate) fn at_most_chars(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    let actual = value.chars().count();
    if actual > max {
        return Err(ValidationError::new(
            field,
            Violation::TooLong { max, actual },
        ));
    }
    Ok(())
}

/// `count` items, at least `min` and at most `max`.
pub(crate) fn items(
    field: &str,
    count: usize,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    if count < min {
        return Err(ValidationError::new(
            field,
            Violation::TooFew { min, actual: count },
        ));
    }
    if count > max {
        return Err(ValidationError::new(
            field,
            Violation::TooMany { max, actual: count },
        ));
    }
    Ok(())
}

/// `value` is a finite number in `min..=max`.
pub(crate) fn range(field: &str, value: f64, min: f64, max: f64) -> Result<(), ValidationError> {
    if !(value.is_finite() && (min..=max).contains(&value)) {
        return Err(ValidationError::new(
            field,
            Violation::OutOfRange {
                min,
                max,
                actual: value,
            },
        ));
    }
    Ok(())
}

/// `mime_type`'s essence (without parameters such as `; codecs=opus`) is one of `allowed`.
pub(crate) fn mime_type(
    field: &str,
    mime_type: &str,
    allowed: &'static [&'static str],
) -> Result<(), ValidationError> {
    let essence = essence(mime_type);
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(essence)) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            Violation::MimeType {
                mime_type: mime_type.to_owned(),
                allowed,
            },
        ))
    }
}

/// A MIME type without its parameters, trimmed.
pub(crate) fn essence(mime_type: &str) -> &str {
    mime_type.split(';').next().unwrap_or_default().trim()
}

/// A file of `actual` bytes is at most `max` bytes.
pub(crate) fn size(field: &str, actual: u64, max: u64) -> Result<(), ValidationError> {
    if actual > max {
        return Err(ValidationError::new(
            field,
            Violation::TooLarge {
                max_bytes: max,
                actual_bytes: actual,
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_characters_not_bytes() {
        assert!(text("f", &"é".repeat(20), 20).is_ok());
        assert_eq!(
            text("f", &"é".repeat(21), 20),
            Err(ValidationError::new(
                "f",
                Violation::TooLong {
                    max: 20,
                    actual: 21
                }
            ))
        );
        assert_eq!(
            text("f", "  ", 20),
            Err(ValidationError::new("f", Violation::Empty))
        );
    }

    #[test]
    fn mime_types_ignore_parameters_and_case() {
        assert!(mime_type("m", "audio/ogg; codecs=opus", AUDIO_MIME_TYPES).is_ok());
        assert!(mime_type("m", "IMAGE/PNG", IMAGE_MIME_TYPES).is_ok());
        assert!(mime_type("m", "image/gif", IMAGE_MIME_TYPES).is_err());
    }

    #[test]
    fn ranges_refuse_nan() {
        assert!(range("lat", f64::NAN, -90.0, 90.0).is_err());
        assert!(range("lat", 90.0, -90.0, 90.0).is_ok());
        assert!(range("lat", 90.5, -90.0, 90.0).is_err());
    }
}
