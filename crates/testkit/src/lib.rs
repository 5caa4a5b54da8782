//! Test helpers shared by the whatsapp-sdk crates' wiremock tests.
//!
//! Only what several crates' tests need lives here: JSON fixtures, the requests a mock server
//! received, configuration errors, and the multipart parts a client sent, so tests can assert
//! names, file names, content types and bytes exactly.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use wiremock::{MockServer, Request};

/// The JSON file `tests/data/<name>` of the crate whose test calls it.
#[macro_export]
macro_rules! fixture {
    ($name:expr) => {
        $crate::json_file(&format!(
            "{}/tests/data/{}",
            env!("CARGO_MANIFEST_DIR"),
            $name
        ))
    };
}

/// A JSON file; panics (in a test) naming the file when it is missing or not JSON.
pub fn json_file(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every request `server` received, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

/// The message of the configuration error `result` must be; panics with what it was instead.
pub fn config_error<T: std::fmt::Debug>(result: Result<T, whatsapp_sdk_runtime::Error>) -> String {
    match result {
        Err(error @ whatsapp_sdk_runtime::Error::Config { .. }) => error.to_string(),
        Err(other) => panic!("expected a configuration error, got {other:?}"),
        Ok(built) => panic!("expected a configuration error, got {built:?}"),
    }
}

/// One part of a `multipart/form-data` body as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The `name` of its `Content-Disposition`.
    pub name: String,
    /// The `filename` of its `Content-Disposition`, for file parts.
    pub file_name: Option<String>,
    /// Its `Content-Type`, for file parts.
    pub content_type: Option<String>,
    /// Its bytes.
    pub body: Vec<u8>,
}

impl Part {
    /// The body as text; panics (in a test) when it is not UTF-8.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("part body is UTF-8")
    }
}

/// The parts of a `multipart/form-data` request, in order. Panics when the request is not
/// multipart: in a test, that is the failure to report.
pub fn multipart_parts(request: &Request) -> Vec<Part> {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .expect("request has a Content-Type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart/form-data: {content_type}"));
    let delimiter = format!("--{boundary}").into_bytes();
    let body = &request.body;
    let mut parts = Vec::new();
    for section in split(body, &delimiter).into_iter().skip(1) {
        if section.starts_with(b"--") {
            break;
        }
        let section = section.strip_prefix(b"\r\n").expect("CRLF after boundary");
        let header_end = find(section, b"\r\n\r\n").expect("part headers end");
        let headers = std::str::from_utf8(&section[..header_end]).expect("ASCII headers");
        let mut content = &section[header_end + 4..];
        content = content.strip_suffix(b"\r\n").unwrap_or(content);
        let mut part = Part {
            name: String::new(),
            file_name: None,
            content_type: None,
            body: content.to_vec(),
        };
        for line in headers.split("\r\n") {
            let (key, value) = line.split_once(':').expect("header line");
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    part.name = param(value, "name").expect("part has a name");
                    part.file_name = param(value, "filename");
                }
                "content-type" => part.content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(part);
    }
    parts
}

fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').find_map(|item| {
        let (k, v) = item.trim().split_once('=')?;
        (k == key).then(|| v.trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(at) = find(haystack, delimiter) {
        out.push(&haystack[..at]);
        haystack = &haystack[at + delimiter.len()..];
    }
    out.push(haystack);
    out
}
