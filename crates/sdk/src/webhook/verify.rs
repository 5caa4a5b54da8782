//! Checking that a delivery is genuine, over the exact bytes received: re-serialised JSON
//! differs from what the provider signed (Meta escapes non-ASCII as `\uXXXX` and `/` as `\/`).

use std::time::{Duration, SystemTime};

use base64::Engine;
use hmac::{KeyInit, Mac};
use http::{HeaderMap, HeaderName};
use sha2::Sha256;

use super::error::WebhookError;
use crate::{Provider, Secret};

type HmacSha256 = hmac::Hmac<Sha256>;

/// Meta's signature header: `sha256=<hex HMAC-SHA256 of the body under the app secret>`.
pub(super) const META_HEADER: &str = "x-hub-signature-256";
/// YCloud's: `t=<unix seconds>,s=<hex HMAC-SHA256 of "{t}.{body}" under the endpoint secret>`.
pub(super) const YCLOUD_HEADER: &str = "ycloud-signature";

/// How a delivery proves where it comes from.
#[derive(Debug, Clone)]
pub(super) enum Signature {
    /// Meta's `X-Hub-Signature-256`.
    Meta(Secret),
    /// YCloud's `YCloud-Signature`, with a replay window on its timestamp.
    YCloud { secret: Secret, window: Duration },
}

/// A header that must carry a configured credential.
#[derive(Debug, Clone)]
pub(super) struct HeaderCheck {
    pub(super) name: HeaderName,
    pub(super) credential: Credential,
}

#[derive(Debug, Clone)]
pub(super) enum Credential {
    /// The header's whole value.
    Exact(Secret),
    /// `Bearer <token>`.
    Bearer(Secret),
    /// `Basic base64(<user>:<password>)`.
    Basic { user: String, password: Secret },
}

impl Credential {
    fn is_blank(&self) -> bool {
        match self {
            Credential::Exact(secret) | Credential::Bearer(secret) => secret.is_blank(),
            Credential::Basic { user, password } => user.trim().is_empty() || password.is_blank(),
        }
    }
}

impl Signature {
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Signature::Meta(secret) | Signature::YCloud { secret, .. } => secret.is_blank(),
        }
    }
}

/// Whether every credential is usable: a blank one would accept blank headers.
pub(super) fn configured(signature: Option<&Signature>, headers: &[HeaderCheck]) -> bool {
    (signature.is_some() || !headers.is_empty())
        && !signature.is_some_and(Signature::is_blank)
        && !headers.iter().any(|h| h.credential.is_blank())
}

pub(super) fn check_signature(
    provider: Provider,
    signature: &Signature,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Result<(), WebhookError> {
    match signature {
        Signature::Meta(secret) => meta(provider, secret, headers, body),
        Signature::YCloud { secret, window } => {
            ycloud(provider, secret, *window, headers, body, now)
        }
    }
}

fn header<'h>(
    provider: Provider,
    headers: &'h HeaderMap,
    name: &str,
) -> Result<&'h str, WebhookError> {
    let mut values = headers.get_all(name).iter();
    let value = values
        .next()
        .ok_or_else(|| WebhookError::MissingSignature {
            provider,
            header: name.to_owned(),
        })?;
    if values.next().is_some() {
        return Err(malformed(provider, name, "it appears more than once"));
    }
    value
        .to_str()
        .map(str::trim)
        .map_err(|_| malformed(provider, name, "it is not visible ASCII"))
}

fn malformed(provider: Provider, header: &str, reason: &'static str) -> WebhookError {
    WebhookError::MalformedSignature {
        provider,
        header: header.to_owned(),
        reason,
    }
}

fn mismatch(provider: Provider, header: &str) -> WebhookError {
    WebhookError::BadSignature {
        provider,
        header: header.to_owned(),
    }
}

/// A keyed HMAC-SHA256. Every key length is valid for HMAC, so the error arm is unreachable
/// in practice; it still fails closed.
fn hmac(key: &[u8]) -> Option<HmacSha256> {
    <HmacSha256 as KeyInit>::new_from_slice(key).ok()
}

/// 64 hex digits as 32 bytes.
fn hex32(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = (digit(pair[0])? << 4) | digit(pair[1])?;
    }
    Some(out)
}

pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

fn meta(
    provider: Provider,
    secret: &Secret,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), WebhookError> {
    let value = header(provider, headers, META_HEADER)?;
    let digest = value
        .split_once('=')
        .filter(|(algorithm, _)| algorithm.trim().eq_ignore_ascii_case("sha256"))
        .and_then(|(_, digest)| hex32(digest.trim()))
        .ok_or_else(|| {
            malformed(
                provider,
                META_HEADER,
                "expected `sha256=` and 64 hex digits",
            )
        })?;
    let mut mac =
        hmac(secret.expose().as_bytes()).ok_or_else(|| mismatch(provider, META_HEADER))?;
    mac.update(body);
    mac.verify_slice(&digest)
        .map_err(|_| mismatch(provider, META_HEADER))
}

fn ycloud(
    provider: Provider,
    secret: &Secret,
    window: Duration,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Result<(), WebhookError> {
    let value = header(provider, headers, YCLOUD_HEADER)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in value.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) if timestamp.is_none() => timestamp = Some(t.trim()),
            Some(("t", _)) => {
                return Err(malformed(
                    provider,
                    YCLOUD_HEADER,
                    "`t=` appears more than once",
                ));
            }
            // Several `s=` while a secret is being rotated; any one may match.
            Some(("s", s)) if signatures.len() < 8 => signatures.push(s.trim()),
            _ => {}
        }
    }
    let (Some(timestamp), false) = (timestamp, signatures.is_empty()) else {
        return Err(malformed(
            provider,
            YCLOUD_HEADER,
            "expected `t=<unix seconds>,s=<hex>`",
        ));
    };
    let seconds: u64 = timestamp
        .parse()
        .ok()
        .filter(|_| timestamp.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| malformed(provider, YCLOUD_HEADER, "`t=` is not Unix seconds"))?;
    let digests: Vec<[u8; 32]> = signatures
        .iter()
        .map(|s| hex32(s))
        .collect::<Option<_>>()
        .ok_or_else(|| malformed(provider, YCLOUD_HEADER, "`s=` is not 64 hex digits"))?;
    let mut mac =
        hmac(secret.expose().as_bytes()).ok_or_else(|| mismatch(provider, YCLOUD_HEADER))?;
    // Signed over the timestamp exactly as sent, a dot, then the raw body.
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let matches = digests
        .iter()
        .any(|digest| mac.clone().verify_slice(digest).is_ok());
    if !matches {
        return Err(mismatch(provider, YCLOUD_HEADER));
    }
    let signed = SystemTime::UNIX_EPOCH
        .checked_add(Duration::from_secs(seconds))
        .ok_or_else(|| malformed(provider, YCLOUD_HEADER, "`t=` is out of range"))?;
    match now.duration_since(signed) {
        Ok(age) if age > window => Err(WebhookError::Stale {
            provider,
            age,
            window,
        }),
        Ok(_) => Ok(()),
        Err(ahead) if ahead.duration() > window => Err(WebhookError::Future {
            provider,
            ahead: ahead.duration(),
            window,
        }),
        Err(_) => Ok(()),
    }
}

/// Whether `given` equals `expected`, in time that depends on neither: both are run through
/// HMAC under a fixed key and the tags compared with `verify_slice`, which also hides the
/// expected length.
fn same(given: &[u8], expected: &[u8]) -> bool {
    const KEY: &[u8] = b"whatsapp-sdk header credential";
    let (Some(mut expected_mac), Some(mut given_mac)) = (hmac(KEY), hmac(KEY)) else {
        return false;
    };
    expected_mac.update(expected);
    let tag = expected_mac.finalize().into_bytes();
    given_mac.update(given);
    given_mac.verify_slice(&tag).is_ok()
}

/// [`same`] for text.
pub(super) fn same_text(given: &str, expected: &str) -> bool {
    same(given.as_bytes(), expected.as_bytes())
}

pub(super) fn check_header(
    provider: Provider,
    check: &HeaderCheck,
    headers: &HeaderMap,
) -> Result<(), WebhookError> {
    let name = check.name.as_str();
    let value = header(provider, headers, name)?;
    let matches = match &check.credential {
        Credential::Exact(secret) => same(value.as_bytes(), secret.expose().trim().as_bytes()),
        Credential::Bearer(token) => {
            let given = scheme(value, "Bearer")
                .ok_or_else(|| malformed(provider, name, "expected `Bearer <token>`"))?;
            same(given.as_bytes(), token.expose().trim().as_bytes())
        }
        Credential::Basic { user, password } => {
            let encoded = scheme(value, "Basic")
                .ok_or_else(|| malformed(provider, name, "expected `Basic <base64>`"))?;
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|_| malformed(provider, name, "the credentials are not base64"))?;
            let expected = format!("{user}:{}", password.expose());
            same(&decoded, expected.as_bytes())
        }
    };
    if matches {
        Ok(())
    } else {
        Err(mismatch(provider, name))
    }
}

/// The credentials after an HTTP auth scheme, which is case-insensitive.
fn scheme<'v>(value: &'v str, name: &str) -> Option<&'v str> {
    let (given, rest) = value.split_once(' ')?;
    given
        .eq_ignore_ascii_case(name)
        .then(|| rest.trim())
        .filter(|r| !r.is_empty())
}

/// The signature header value for `body` the way Meta computes it.
pub(super) fn meta_signature(secret: &Secret, body: &[u8]) -> String {
    let tag = match hmac(secret.expose().as_bytes()) {
        Some(mut mac) => {
            mac.update(body);
            hex(&mac.finalize().into_bytes())
        }
        None => String::new(),
    };
    format!("sha256={tag}")
}

/// The signature header value for `body` signed at `at`, the way YCloud computes it.
pub(super) fn ycloud_signature(secret: &Secret, body: &[u8], at: SystemTime) -> String {
    let t = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string();
    let tag = match hmac(secret.expose().as_bytes()) {
        Some(mut mac) => {
            mac.update(t.as_bytes());
            mac.update(b".");
            mac.update(body);
            hex(&mac.finalize().into_bytes())
        }
        None => String::new(),
    };
    format!("t={t},s={tag}")
}

/// `Basic base64(user:password)`.
pub(super) fn basic(user: &str, password: &Secret) -> String {
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{}", password.expose()));
    format!("Basic {encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_bad_digits() {
        let bytes: Vec<u8> = (0u8..32).map(|b| b.wrapping_mul(37)).collect();
        let text = hex(&bytes);
        assert_eq!(hex32(&text).unwrap().to_vec(), bytes);
        assert_eq!(hex32(&text.to_uppercase()).unwrap().to_vec(), bytes);
        assert!(hex32(&text[1..]).is_none());
        assert!(hex32(&format!("{}zz", &text[2..])).is_none());
        assert!(hex32("é".repeat(32).as_str()).is_none());
    }

    #[test]
    fn equal_values_compare_equal_and_others_do_not() {
        assert!(same(b"token", b"token"));
        assert!(!same(b"token", b"token "));
        assert!(!same(b"", b"token"));
        assert!(!same(b"Token", b"token"));
    }

    #[test]
    fn auth_schemes_are_case_insensitive_and_need_credentials() {
        assert_eq!(scheme("bearer abc", "Bearer"), Some("abc"));
        assert_eq!(scheme("Bearer   abc ", "Bearer"), Some("abc"));
        assert_eq!(scheme("Bearer", "Bearer"), None);
        assert_eq!(scheme("Bearer ", "Bearer"), None);
        assert_eq!(scheme("Basic abc", "Bearer"), None);
    }

    #[test]
    fn the_meta_signature_is_the_known_hmac() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let signature = meta_signature(&Secret::new("Jefe"), b"what do ya want for nothing?");
        assert_eq!(
            signature,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
