//! Plumbing every provider adapter shares: error conversion, typed request building, and
//! uploading a message's bytes before it is sent.

use std::borrow::Cow;
use std::future::Future;

use whatsapp_sdk_runtime::{ApiError, ErrorBody};

use crate::error::{Error, ErrorKind, ProviderError, Result};
use crate::message::{Content, HeaderParameter};
use crate::{MediaId, MediaSource, MediaUpload, Message, Provider};

/// What a provider's error body says, as its adapter reads it.
#[derive(Debug, Default)]
pub(crate) struct ErrorDetails {
    pub(crate) code: Option<String>,
    pub(crate) subcode: Option<String>,
    pub(crate) message: Option<String>,
    /// The kind the provider's own code implies; `None` to go by the HTTP status.
    pub(crate) kind: Option<ErrorKind>,
}

/// The kind an HTTP status implies when the provider's body says nothing more specific.
pub(crate) fn kind_from_status(status: http::StatusCode) -> ErrorKind {
    match status.as_u16() {
        401 | 403 => ErrorKind::Auth,
        429 => ErrorKind::RateLimited,
        408 | 500..=599 => ErrorKind::Transient,
        413 | 415 => ErrorKind::Media,
        _ => ErrorKind::Rejected,
    }
}

/// A provider crate's error as the facade's, with the body read by `details`.
pub(crate) fn convert(
    provider: Provider,
    error: whatsapp_sdk_runtime::Error,
    details: impl FnOnce(http::StatusCode, &serde_json::Value) -> ErrorDetails,
) -> Error {
    use whatsapp_sdk_runtime::Error as Runtime;
    match error {
        Runtime::Api(api) => Error::Provider(Box::new(provider_error(provider, &api, details))),
        Runtime::Config { .. } => Error::Config {
            provider,
            source: Box::new(error),
        },
        Runtime::Transport { operation, .. } => Error::Transport {
            provider,
            operation,
            source: Box::new(error),
        },
        Runtime::Decode { operation, .. } => Error::Decode {
            provider,
            operation,
            source: Box::new(error),
        },
        _ => Error::Request {
            provider,
            operation: error.operation().unwrap_or("request"),
            source: Box::new(error),
        },
    }
}

fn provider_error(
    provider: Provider,
    api: &ApiError,
    details: impl FnOnce(http::StatusCode, &serde_json::Value) -> ErrorDetails,
) -> ProviderError {
    let body = match &api.body {
        ErrorBody::Json(json) => json.clone(),
        ErrorBody::Text(text) => serde_json::Value::String(text.clone()),
        _ => serde_json::Value::Null,
    };
    let found = details(api.status, &body);
    let message = found.message.or_else(|| match &api.body {
        ErrorBody::Text(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    });
    ProviderError {
        provider,
        operation: api.operation,
        status: api.status,
        code: found.code,
        subcode: found.subcode,
        message,
        kind: found.kind.unwrap_or_else(|| kind_from_status(api.status)),
        retry_after: api.retry_after(),
        body,
    }
}

/// Builds a generated request type from its typify builder, reporting a value the type
/// refuses (which validation should have caught) as [`Error::Request`].
pub(crate) fn build<T, B>(provider: Provider, operation: &'static str, builder: B) -> Result<T>
where
    B: TryInto<T>,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    builder.try_into().map_err(|e| Error::Request {
        provider,
        operation,
        source: Box::new(e),
    })
}

/// A JSON text or number as a string: providers send codes as either.
pub(crate) fn code_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `message` with every file given as bytes uploaded through `upload` and replaced by the
/// id it got, for providers whose send requests take media by id. A message without bytes is
/// returned as it is, neither uploaded nor copied.
pub(crate) async fn with_uploaded_media<'m, F, Fut>(
    message: &'m Message,
    upload: F,
) -> Result<Cow<'m, Message>>
where
    F: Fn(MediaUpload) -> Fut,
    Fut: Future<Output = Result<MediaId>>,
{
    if !matches!(media_source(message), Some(MediaSource::Bytes(_))) {
        return Ok(Cow::Borrowed(message));
    }
    let mut resolved = message.clone();
    keep_uploaded_file_name(&mut resolved);
    if let Some(source) = media_source_mut(&mut resolved)
        && let MediaSource::Bytes(bytes) = source
    {
        let id = upload(bytes.clone()).await?;
        *source = MediaSource::Id(id);
    }
    Ok(Cow::Owned(resolved))
}

/// A document without a file name of its own is shown with its upload's name
/// ([`Document::file_name`](crate::message::Document::file_name)); once the bytes become an id
/// that name would be lost, so it is made the document's own first.
fn keep_uploaded_file_name(message: &mut Message) {
    if let Content::Document(document) = message.content_mut()
        && document.file_name.is_none()
        && let MediaSource::Bytes(upload) = &document.source
    {
        document.file_name = upload.file_name().map(str::to_owned);
    }
}

/// The one media source of a content, borrowed (`one_media_source!(c)`) or mutably
/// (`one_media_source!(c, mut)`).
macro_rules! one_media_source {
    ($content:expr $(, $mut:tt)?) => {
        match $content {
            Content::Image(m) => Some(&$($mut)? m.source),
            Content::Video(m) => Some(&$($mut)? m.source),
            Content::Audio(m) => Some(&$($mut)? m.source),
            Content::Document(m) => Some(&$($mut)? m.source),
            Content::Sticker(m) => Some(&$($mut)? m.source),
            Content::Template(t) => match &$($mut)? t.header {
                Some(
                    HeaderParameter::Image(source)
                    | HeaderParameter::Video(source)
                    | HeaderParameter::Document { source, .. },
                ) => Some(source),
                _ => None,
            },
            _ => None,
        }
    };
}

/// The one media source a message carries, if any.
fn media_source(message: &Message) -> Option<&MediaSource> {
    one_media_source!(message.content())
}

fn media_source_mut(message: &mut Message) -> Option<&mut MediaSource> {
    one_media_source!(message.content_mut(), mut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::{Document, Image};

    #[tokio::test]
    async fn uploaded_documents_keep_the_uploads_file_name() {
        let pdf = MediaUpload::new(b"%PDF".to_vec(), "application/pdf").with_file_name("a.pdf");
        let message = Message::new(Document::new(pdf)).unwrap();
        let resolved = with_uploaded_media(&message, |upload| async move {
            assert_eq!(upload.file_name(), Some("a.pdf"));
            Ok(MediaId::from("media-1"))
        })
        .await
        .unwrap();
        let Content::Document(document) = resolved.content() else {
            panic!("not a document: {resolved:?}");
        };
        assert_eq!(document.source(), &MediaSource::id("media-1"));
        assert_eq!(document.file_name(), Some("a.pdf"));
    }

    #[tokio::test]
    async fn messages_without_bytes_upload_nothing() {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let message = Message::new(Image::new(MediaSource::id("media-2"))).unwrap();
        let resolved = with_uploaded_media(&message, |_| {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            async { Ok(MediaId::from("never")) }
        })
        .await
        .unwrap();
        assert!(
            matches!(resolved, Cow::Borrowed(m) if std::ptr::eq(m, &message)),
            "copied: {resolved:?}"
        );
        assert_eq!(calls.into_inner(), 0);
    }
}
