//! Files sent to a provider: in memory or streamed, always with a name and a MIME type.

use std::fmt;

use bytes::Bytes;
use reqwest::multipart::{Form, Part};

/// Why a file or a multipart body cannot be sent as given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UploadError {
    /// The MIME type is not `type/subtype` text valid in a header.
    #[error("`{0}` is not a valid MIME type")]
    InvalidMimeType(String),
    /// A typed body did not serialize to JSON.
    #[error("body cannot be encoded: {0}")]
    Encode(#[source] serde_json::Error),
    /// A multipart body must come from a JSON object, one part per field.
    #[error("a multipart body must be a JSON object")]
    NotAnObject,
    /// One file of a multipart body is at fault.
    #[error("file `{field}`: {source}")]
    File {
        /// The form field that carries the file.
        field: String,
        /// What is wrong with it.
        #[source]
        source: Box<UploadError>,
    },
}

/// A file to upload, as one multipart part or a raw request body.
///
/// Bytes are shared, not copied, when the request is built or retried; a stream is read once
/// as the request goes out, so a request with a streamed file is never retried.
pub struct Upload {
    file_name: String,
    content_type: String,
    body: UploadBody,
}

enum UploadBody {
    Bytes(Bytes),
    Stream {
        body: reqwest::Body,
        length: Option<u64>,
    },
}

impl Upload {
    /// A file held in memory.
    pub fn from_bytes(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: content_type.into(),
            body: UploadBody::Bytes(bytes.into()),
        }
    }

    /// A file read from `stream` while the request is sent. `length`, when known, is sent as
    /// the part's or body's length; some servers refuse uploads without one.
    pub fn from_stream<S>(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        stream: S,
        length: Option<u64>,
    ) -> Self
    where
        S: futures::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        Self {
            file_name: file_name.into(),
            content_type: content_type.into(),
            body: UploadBody::Stream {
                body: reqwest::Body::wrap_stream(stream),
                length,
            },
        }
    }

    /// The file name sent to the provider.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The MIME type sent to the provider.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The length in bytes, when known.
    pub fn len(&self) -> Option<u64> {
        match &self.body {
            UploadBody::Bytes(bytes) => Some(bytes.len() as u64),
            UploadBody::Stream { length, .. } => *length,
        }
    }

    /// Whether the file is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The file as a multipart part named by the form; fails on a malformed MIME type.
    #[doc(hidden)]
    pub fn into_part(self) -> Result<Part, UploadError> {
        let part = match self.body {
            UploadBody::Bytes(bytes) => {
                let length = bytes.len() as u64;
                Part::stream_with_length(reqwest::Body::from(bytes), length)
            }
            UploadBody::Stream {
                body,
                length: Some(length),
            } => Part::stream_with_length(body, length),
            UploadBody::Stream { body, length: None } => Part::stream(body),
        };
        part.file_name(self.file_name)
            .mime_str(&self.content_type)
            .map_err(|_| UploadError::InvalidMimeType(self.content_type))
    }

    /// `request` with the file as its raw body: `Content-Type` is the file's MIME type, and a
    /// stream of known length also gets `Content-Length`, since some servers refuse chunked
    /// uploads. Fails on a malformed MIME type.
    #[doc(hidden)]
    pub fn into_request(
        self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, UploadError> {
        let content_type = self
            .content_type
            .parse::<reqwest::header::HeaderValue>()
            .ok()
            .filter(|_| self.content_type.contains('/'))
            .ok_or_else(|| UploadError::InvalidMimeType(self.content_type.clone()))?;
        let request = request.header(reqwest::header::CONTENT_TYPE, content_type);
        Ok(match self.body {
            UploadBody::Bytes(bytes) => request.body(bytes),
            UploadBody::Stream {
                body,
                length: Some(length),
            } => request
                .header(reqwest::header::CONTENT_LENGTH, length)
                .body(body),
            UploadBody::Stream { body, length: None } => request.body(body),
        })
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.len())
            .field("streamed", &matches!(self.body, UploadBody::Stream { .. }))
            .finish()
    }
}

/// Builds a multipart form from a typed JSON body: each top-level field becomes a text part
/// (strings as they are, other values as JSON), except the fields `files` replaces.
///
/// Whapi accepts each of its JSON bodies as multipart/form-data with the same fields, so a
/// media field can carry a file instead of a URL or base64 string.
#[doc(hidden)]
pub fn form_from_json<T: serde::Serialize>(
    body: &T,
    files: Vec<(String, Upload)>,
) -> Result<Form, UploadError> {
    let value = serde_json::to_value(body).map_err(UploadError::Encode)?;
    let serde_json::Value::Object(fields) = value else {
        return Err(UploadError::NotAnObject);
    };
    let mut form = Form::new();
    for (name, value) in fields {
        if files.iter().any(|(file_field, _)| *file_field == name) {
            continue;
        }
        let text = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        form = form.text(name, text);
    }
    for (name, upload) in files {
        let part = upload.into_part().map_err(|e| UploadError::File {
            field: name.clone(),
            source: Box::new(e),
        })?;
        form = form.part(name, part);
    }
    Ok(form)
}
