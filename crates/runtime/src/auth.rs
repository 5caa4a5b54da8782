//! The credentials a request can carry, one per security scheme in the provider specs.

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::Secret;

/// How a request proves who sends it.
///
/// Each variant is one OpenAPI security scheme type the five provider specs use. Header values
/// are marked sensitive when they are added, so `reqwest` and `hyper` never print them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Credential {
    /// `Authorization: Bearer <token>` (every provider).
    Bearer(Secret),
    /// An API key in a header, such as YCloud's `X-API-Key` or WhatsHooked's `x-api-key`.
    ApiKeyHeader {
        /// Header name.
        name: HeaderName,
        /// The key.
        key: Secret,
    },
    /// A token in the query string, such as Whapi's `token`. Prefer a header scheme where the
    /// provider offers one: URLs end up in proxy and server logs.
    QueryToken {
        /// Query parameter name.
        name: &'static str,
        /// The token.
        token: Secret,
    },
    /// HTTP basic auth (on-premises login, WhatsHooked).
    Basic {
        /// User name. Not secret, but only sent inside the encoded header.
        username: String,
        /// Password.
        password: Secret,
    },
}

impl Credential {
    /// Adds this credential to `request`.
    #[cfg(test)]
    pub(crate) fn apply(&self, request: &mut reqwest::Request) {
        if let Some(prepared) = self.prepare() {
            prepared.apply(request);
        }
    }

    /// The credential as it is sent, built once per client: formatting and checking a header
    /// value on every request cost more than the rest of the `pre` hook.
    ///
    /// `None` only for a value [`problem`](Self::problem) refuses, which `build()` rejects first.
    pub(crate) fn prepare(&self) -> Option<Prepared> {
        Some(match self {
            Self::Bearer(token) => Prepared::Header(
                AUTHORIZATION,
                sensitive(format!("Bearer {}", token.expose()))?,
            ),
            Self::ApiKeyHeader { name, key } => {
                Prepared::Header(name.clone(), sensitive(key.expose().to_owned())?)
            }
            Self::QueryToken { name, token } => Prepared::Query(name, token.clone()),
            Self::Basic { username, password } => {
                let encoded = base64(format!("{username}:{}", password.expose()).as_bytes());
                Prepared::Header(AUTHORIZATION, sensitive(format!("Basic {encoded}"))?)
            }
        })
    }

    /// Checks that the credential can be sent at all: not blank, and valid in a header.
    pub(crate) fn problem(&self) -> Option<(&'static str, &'static str)> {
        let (field, value) = match self {
            Self::Bearer(token) => ("token", token),
            Self::ApiKeyHeader { key, .. } => ("api_key", key),
            Self::QueryToken { token, .. } => ("token", token),
            Self::Basic { username, password } => {
                if username.is_empty() || username.contains(':') {
                    return Some(("username", "must be non-empty and contain no ':'"));
                }
                ("password", password)
            }
        };
        if value.is_blank() {
            return Some((field, "is empty"));
        }
        if HeaderValue::from_str(value.expose()).is_err() {
            return Some((field, "contains characters not allowed in an HTTP header"));
        }
        None
    }
}

/// A [`Credential`] ready to add to a request.
#[derive(Clone)]
pub(crate) enum Prepared {
    /// A header whose value is marked sensitive, so `reqwest` and `hyper` never print it.
    Header(HeaderName, HeaderValue),
    /// A query parameter, appended to each request's URL.
    Query(&'static str, Secret),
}

impl Prepared {
    pub(crate) fn apply(&self, request: &mut reqwest::Request) {
        match self {
            Self::Header(name, value) => {
                request.headers_mut().insert(name.clone(), value.clone());
            }
            Self::Query(name, token) => {
                request
                    .url_mut()
                    .query_pairs_mut()
                    .append_pair(name, token.expose());
            }
        }
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Shown as the `Secret` it was built from, as `Credential` shows it.
        match self {
            Self::Header(name, _) => write!(f, "Header({name:?}, Secret(\"***\"))"),
            Self::Query(name, token) => f.debug_tuple("Query").field(name).field(token).finish(),
        }
    }
}

fn sensitive(value: String) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Standard base64 with padding (RFC 4648 §4); basic auth is its only use here.
fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected, "input {input:?}");
        }
    }

    #[test]
    fn headers_are_marked_sensitive() {
        let mut request = reqwest::Request::new(
            reqwest::Method::GET,
            "https://example.com/x".parse().expect("static URL"),
        );
        Credential::Basic {
            username: "admin".into(),
            password: "secret".into(),
        }
        .apply(&mut request);
        let value = &request.headers()[AUTHORIZATION];
        assert!(value.is_sensitive());
        assert_eq!(value, "Basic YWRtaW46c2VjcmV0");
    }

    #[test]
    fn debug_of_every_credential_and_runtime_hides_the_secret() {
        let credentials = [
            Credential::Bearer("s3cret-1".into()),
            Credential::ApiKeyHeader {
                name: HeaderName::from_static("x-api-key"),
                key: "s3cret-1".into(),
            },
            Credential::QueryToken {
                name: "token",
                token: "s3cret-1".into(),
            },
            Credential::Basic {
                username: "admin".into(),
                password: "s3cret-1".into(),
            },
        ];
        for credential in credentials {
            let (_, runtime) = crate::Settings::default()
                .build(
                    "test",
                    "t/1",
                    Some(credential.clone()),
                    vec![("op", Some(credential.clone()))],
                )
                .expect("valid");
            for text in [format!("{credential:?}"), format!("{runtime:#?}")] {
                assert!(!text.contains("s3cret-1"), "{text}");
                assert!(text.contains("***"), "{text}");
            }
        }
    }

    #[test]
    fn blank_and_unsendable_values_are_problems() {
        assert_eq!(
            Credential::Bearer("".into()).problem(),
            Some(("token", "is empty"))
        );
        assert_eq!(
            Credential::Bearer("a\nb".into()).problem().map(|p| p.0),
            Some("token")
        );
        assert_eq!(Credential::Bearer("abc".into()).problem(), None);
    }
}
