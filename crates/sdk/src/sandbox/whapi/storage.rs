//! The channel's media storage: raw uploads (`uploadMedia`) kept with their MIME type and
//! served back (`getMedia`), and the file every sandbox channel starts with.

use bytes::Bytes;
use serde_json::json;
use whatsapp_sdk_whapi::types;

use super::super::server::{Context, Incoming};
use super::super::state::StoredMedia;
use super::super::{Answer, Sandbox, errors};
use super::{PROVIDER, error, fnv};

/// The file [`Sandbox::WHAPI_MEDIA_ID`] names: a 1×1 transparent PNG.
pub(super) const SEEDED_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The raw upload types `uploadMedia`'s request body lists (`codecs=opus` is how the spec
/// writes Ogg/Opus audio; `audio/ogg; codecs=opus` has the essence `audio/ogg`).
const UPLOAD_TYPES: &[&str] = &[
    "application/pdf",
    "application/msword",
    "application/vnd.ms-powerpoint",
    "application/vnd.ms-excel",
    "text/plain",
    "image/jpeg",
    "image/png",
    "audio/acc",
    "audio/mp4",
    "audio/amr",
    "audio/mpeg",
    "audio/ogg",
    "video/mp4",
];

/// A file in the channel's storage: uploaded, or the one every sandbox channel starts with.
pub(super) fn stored(id: &str, context: &Context) -> Option<StoredMedia> {
    context.state.media(PROVIDER, id).or_else(|| {
        (id == Sandbox::WHAPI_MEDIA_ID).then(|| StoredMedia {
            bytes: Bytes::from_static(SEEDED_PNG),
            mime_type: "image/png".to_owned(),
        })
    })
}

/// `uploadMedia` with the file as the raw body, labelled with its MIME type; the id depends only
/// on the file, so golden files do not change with the order of uploads.
pub(super) fn upload(request: &Incoming, context: &Context) -> Answer {
    let mime_type = request.header("content-type").unwrap_or_default().trim();
    let essence = mime_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence == "multipart/form-data" {
        return errors::invalid(
            PROVIDER,
            "the sandbox stores raw uploads only: send the file as the body with its own Content-Type",
        );
    }
    if !UPLOAD_TYPES.contains(&essence.as_str()) {
        return error(
            415,
            &format!("Unsupported media type `{mime_type}`: uploadMedia takes {UPLOAD_TYPES:?}"),
        );
    }
    if request.body.is_empty() {
        return errors::invalid(PROVIDER, "the file is empty");
    }
    let extension: String = essence
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let id = format!(
        "{extension}-{:016x}",
        fnv(&[&request.body[..], essence.as_bytes()].concat())
    );
    context.state.store_media(
        PROVIDER,
        id.clone(),
        StoredMedia {
            bytes: request.body.clone(),
            mime_type: mime_type.to_owned(),
        },
    );
    Answer::json(200, &json!({"media": [{"id": id}]}))
}

/// `getMedia`: the stored file with its MIME type.
pub(super) fn download(id: &str, context: &Context) -> Answer {
    if let Err(e) = id.parse::<types::MediaId>() {
        return errors::invalid(PROVIDER, &format!("MediaID: {e}"));
    }
    match stored(id, context) {
        Some(media) => Answer::bytes(200, &media.mime_type, media.bytes),
        None => error(404, "Specified media not found"),
    }
}
