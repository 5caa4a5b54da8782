//! The requests the sandbox received, as a test or an example inspects them.

use bytes::Bytes;
use http::{HeaderMap, Method};

use crate::Provider;

/// One request the sandbox received, in the order it arrived.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Recorded {
    /// The provider whose API the request was for, from its path prefix (`None` for a path
    /// outside every provider's).
    pub provider: Option<Provider>,
    /// The HTTP method.
    pub method: Method,
    /// The path below the provider's base URL (`/106540352242922/messages`).
    pub path: String,
    /// The query string, without `?`.
    pub query: Option<String>,
    /// The headers as received (credentials included: the sandbox's own test credentials).
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Bytes,
    /// The status the sandbox answered with.
    pub status: u16,
    /// The body the sandbox answered with.
    pub response: Bytes,
}

impl Recorded {
    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The parts of a `multipart/form-data` body, in order; empty for other bodies.
    pub fn parts(&self) -> Vec<Part> {
        multipart(self.content_type(), &self.body)
    }
}

/// The parts of `body` when `content_type` is `multipart/form-data`; empty otherwise.
pub(crate) fn multipart(content_type: Option<&str>, body: &Bytes) -> Vec<Part> {
    content_type
        .and_then(boundary)
        .map(|boundary| parse_parts(body, &boundary))
        .unwrap_or_default()
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// The file name, for a file part.
    pub file_name: Option<String>,
    /// The part's `Content-Type`, for a file part.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub body: Bytes,
}

/// The `boundary` parameter of a multipart content type.
fn boundary(content_type: &str) -> Option<String> {
    let (essence, params) = content_type.split_once(';')?;
    if !essence.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Splits a multipart body (RFC 7578); malformed parts are skipped, never a panic.
fn parse_parts(body: &Bytes, boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest: &[u8] = body;
    let Some(start) = find(rest, delimiter.as_bytes()) else {
        return parts;
    };
    rest = &rest[start + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        let Some(rest_after_crlf) = rest.strip_prefix(b"\r\n") else {
            break;
        };
        let Some(end) = find(rest_after_crlf, format!("\r\n{delimiter}").as_bytes()) else {
            break;
        };
        let raw = &rest_after_crlf[..end];
        if let Some(part) = parse_part(body.slice_ref(raw)) {
            parts.push(part);
        }
        rest = &rest_after_crlf[end + 2 + delimiter.len()..];
    }
    parts
}

fn parse_part(raw: Bytes) -> Option<Part> {
    let split = find(&raw, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut name = None;
    let mut file_name = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let (header, value) = line.split_once(':')?;
        if header.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                if let Some((key, v)) = param.split_once('=') {
                    let v = v.trim().trim_matches('"').to_owned();
                    match key.trim() {
                        "name" => name = Some(v),
                        "filename" => file_name = Some(v),
                        _ => {}
                    }
                }
            }
        } else if header.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    Some(Part {
        name: name?,
        file_name,
        content_type,
        body: raw.slice(split + 4..),
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_bodies_split_into_parts() {
        let body = Bytes::from_static(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nimage/png\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n",
        );
        let parts = parse_parts(&body, "XyZ");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "type");
        assert_eq!(&parts[0].body[..], b"image/png");
        assert_eq!(parts[1].file_name.as_deref(), Some("a.png"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/png"));
        assert_eq!(&parts[1].body[..], b"\x89PNG");
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert!(parse_parts(&Bytes::from_static(b"garbage"), "XyZ").is_empty());
    }
}
