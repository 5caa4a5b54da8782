//! Signing payloads the way each provider does, so applications can test their own webhook
//! handlers with genuine-looking deliveries (feature `test-util`).
//!
//! [`WebhookReceiver::sign`](super::WebhookReceiver::sign) signs for a configured receiver;
//! these functions sign with explicit secrets.

use std::time::SystemTime;

use http::{HeaderMap, HeaderName, HeaderValue};

use super::verify;
use crate::Secret;

/// `sha256=<hex>`: the `X-Hub-Signature-256` value Meta sends with `body`.
///
/// ```
/// use whatsapp_sdk::webhook::test_util;
/// use whatsapp_sdk::Secret;
///
/// let signature = test_util::cloud_signature(&Secret::new("Jefe"), b"what do ya want for nothing?");
/// assert_eq!(signature, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
/// ```
pub fn cloud_signature(app_secret: &Secret, body: &[u8]) -> String {
    verify::meta_signature(app_secret, body)
}

/// Headers of a Cloud API delivery of `body`: `X-Hub-Signature-256` and a JSON content type.
///
/// ```
/// use whatsapp_sdk::webhook::{test_util, WebhookReceiver};
/// use whatsapp_sdk::Secret;
///
/// let secret = Secret::new("app-secret");
/// let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
/// let headers = test_util::cloud_headers(&secret, body);
/// assert!(WebhookReceiver::cloud(secret).receive(&headers, body).is_ok());
/// ```
pub fn cloud_headers(app_secret: &Secret, body: &[u8]) -> HeaderMap {
    json_headers([(
        HeaderName::from_static(verify::META_HEADER),
        cloud_signature(app_secret, body),
    )])
}

/// `t=<unix seconds>,s=<hex>`: the `YCloud-Signature` value YCloud sends with `body` at `at`.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use whatsapp_sdk::webhook::test_util;
/// use whatsapp_sdk::Secret;
///
/// let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_654_084_800);
/// let signature = test_util::ycloud_signature(&Secret::new("whsec_test"), b"{}", at);
/// assert!(signature.starts_with("t=1654084800,s="));
/// assert_eq!(signature.len(), "t=1654084800,s=".len() + 64);
/// ```
pub fn ycloud_signature(endpoint_secret: &Secret, body: &[u8], at: SystemTime) -> String {
    verify::ycloud_signature(endpoint_secret, body, at)
}

/// Headers of a YCloud delivery of `body` signed at `at`.
///
/// ```
/// use std::time::SystemTime;
/// use whatsapp_sdk::webhook::{test_util, WebhookReceiver};
/// use whatsapp_sdk::Secret;
///
/// let secret = Secret::new("whsec_test");
/// let body = br#"{"id":"evt_123456","type":"whatsapp.template.reviewed","apiVersion":"v2","createTime":"2026-03-02T09:00:00Z"}"#;
/// let now = SystemTime::now();
/// let headers = test_util::ycloud_headers(&secret, body, now);
/// assert!(WebhookReceiver::ycloud(secret).receive_at(&headers, body, now).is_ok());
/// ```
pub fn ycloud_headers(endpoint_secret: &Secret, body: &[u8], at: SystemTime) -> HeaderMap {
    json_headers([(
        HeaderName::from_static(verify::YCLOUD_HEADER),
        ycloud_signature(endpoint_secret, body, at),
    )])
}

/// Headers carrying `value` in `header`, as Whapi and WhatsHooked send configured headers.
///
/// ```
/// use http::HeaderName;
/// use whatsapp_sdk::webhook::{test_util, WebhookReceiver};
/// use whatsapp_sdk::{Provider, Secret};
///
/// let name = HeaderName::from_static("x-webhook-secret");
/// let secret = Secret::new("s3cr3t");
/// let headers = test_util::secret_headers(name.clone(), &secret);
/// let receiver = WebhookReceiver::header_secret(Provider::Whapi, name, secret);
/// assert!(receiver.receive(&headers, br#"{"messages":[]}"#).is_ok());
/// ```
pub fn secret_headers(header: HeaderName, value: &Secret) -> HeaderMap {
    json_headers([(header, value.expose().to_owned())])
}

/// Headers with `Authorization: Bearer <token>`.
///
/// ```
/// use whatsapp_sdk::webhook::{test_util, WebhookReceiver};
/// use whatsapp_sdk::{Provider, Secret};
///
/// let headers = test_util::bearer_headers(&Secret::new("hook-token"));
/// assert_eq!(headers["authorization"], "Bearer hook-token");
/// let receiver = WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("hook-token"));
/// assert!(receiver.receive(&headers, br#"{"type":"whatsapp.connected","data":{}}"#).is_ok());
/// ```
pub fn bearer_headers(token: &Secret) -> HeaderMap {
    json_headers([(
        http::header::AUTHORIZATION,
        format!("Bearer {}", token.expose()),
    )])
}

/// Headers with `Authorization: Basic base64(<user>:<password>)`.
///
/// ```
/// use whatsapp_sdk::webhook::test_util;
/// use whatsapp_sdk::Secret;
///
/// let headers = test_util::basic_headers("Aladdin", &Secret::new("open sesame"));
/// assert_eq!(headers["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
/// ```
pub fn basic_headers(user: &str, password: &Secret) -> HeaderMap {
    json_headers([(http::header::AUTHORIZATION, verify::basic(user, password))])
}

fn json_headers<const N: usize>(pairs: [(HeaderName, String); N]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in pairs {
        // A secret with control characters cannot be a header; leave it out, which the
        // receiver reports as a missing header.
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    headers
}
