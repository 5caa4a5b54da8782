//! One call to one operation, and what came of it.

use std::future::Future;
use std::pin::Pin;

use progenitor_client::ResponseValue;
use whatsapp_sdk_runtime::Error;

/// A call in flight: `Err` when the request could not even be built from the spec's values.
pub(crate) type Run<'a> = Pin<Box<dyn Future<Output = Result<Outcome, String>> + 'a>>;

/// One operation (or body variant) and the function that calls it on client `C`.
pub(crate) struct Call<C> {
    /// The spec's operationId, with the variant in parentheses for hand-written body variants.
    pub operation: &'static str,
    /// Sends the request.
    pub run: for<'a> fn(&'a C) -> Run<'a>,
}

impl<C> Call<C> {
    /// A call of `operation`.
    pub(crate) fn new(operation: &'static str, run: for<'a> fn(&'a C) -> Run<'a>) -> Self {
        Self { operation, run }
    }
}

/// A request-validation problem Prism reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// Where, as a JSON pointer into the request (`/request/body/to`).
    pub pointer: String,
    /// What.
    pub message: String,
}

/// What one call came to.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// The mock answered (any status), with the violations it reported.
    Answered {
        /// HTTP status.
        status: u16,
        /// Request and answer violations from `sl-violations` or a 422 body.
        violations: Vec<Violation>,
        /// The error body, for statuses that are not success.
        body: Option<String>,
        /// Prism's own problem (`--errors` bodies without a validation list): it could not
        /// answer, which says nothing about the request.
        prism: Option<String>,
    },
    /// The answer did not decode into the crate's type.
    Decode(String),
    /// The request failed before or in transit.
    Failed(String),
}

/// The first of `candidates` (values from the spec, as JSON) that decodes into the setter's type.
pub(crate) fn arg<T: serde::de::DeserializeOwned>(
    name: &str,
    candidates: &[&str],
) -> Result<T, String> {
    let mut reasons = Vec::new();
    for json in candidates {
        match serde_json::from_str(json) {
            Ok(value) => return Ok(value),
            Err(e) => reasons.push(e.to_string()),
        }
    }
    Err(format!(
        "no value from the spec for `{name}` fits its type: {}",
        reasons.join("; ")
    ))
}

/// Classifies what an operation's `send()` returned.
pub(crate) fn finish<T>(result: Result<ResponseValue<T>, Error>) -> Outcome {
    match result {
        Ok(value) => Outcome::Answered {
            status: value.status().as_u16(),
            violations: header_violations(value.headers()),
            body: None,
            prism: None,
        },
        Err(Error::Api(api)) => {
            let body = match &api.body {
                whatsapp_sdk_runtime::ErrorBody::Json(json) => json.to_string(),
                whatsapp_sdk_runtime::ErrorBody::Text(text) => text.clone(),
                other => format!("{other:?}"),
            };
            let mut violations = header_violations(&api.headers);
            let mut prism = None;
            if let whatsapp_sdk_runtime::ErrorBody::Json(json) = &api.body
                && let Some((_, found, problem)) = prism_problem(json.to_string().as_bytes())
            {
                violations.extend(found);
                prism = problem;
            } else if violations.is_empty() && api.status.as_u16() == 422 {
                violations = body_violations(&api.body);
            }
            Outcome::Answered {
                status: api.status.as_u16(),
                violations,
                body: Some(body),
                prism,
            }
        }
        Err(Error::Decode { body, .. }) if prism_problem(&body).is_some() => {
            let (status, violations, prism) = prism_problem(&body).unwrap_or_default();
            Outcome::Answered {
                status,
                violations,
                body: Some(String::from_utf8_lossy(&body).into_owned()),
                prism,
            }
        }
        Err(error @ Error::Decode { .. }) => Outcome::Decode(error.to_string()),
        Err(error) => Outcome::Failed(error.to_string()),
    }
}

/// Prism's own error body (`--errors`): the status it chose, the violations it lists, and,
/// when it lists none, its own problem (it could not build an answer), when `body` is one. The
/// crate may have failed to decode it as the spec's error schema, which is how a 500 about the
/// spec's own response shows up.
pub(crate) fn prism_problem(body: &[u8]) -> Option<(u16, Vec<Violation>, Option<String>)> {
    let json: serde_json::Value = serde_json::from_slice(body).ok()?;
    let kind = json["type"].as_str()?;
    if !kind.starts_with("https://stoplight.io/prism/errors#") {
        return None;
    }
    let status = json["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(500);
    let found = violations(&json["validation"]);
    let problem = found.is_empty().then(|| {
        format!(
            "{}: {}",
            json["title"].as_str().unwrap_or(kind),
            json["detail"].as_str().unwrap_or_default()
        )
    });
    Some((status, found, problem))
}

/// Prism's `sl-violations` header: a JSON array of `{location: [...], message}`.
pub(crate) fn header_violations(headers: &reqwest::header::HeaderMap) -> Vec<Violation> {
    headers
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
        .map(|list| violations(&list))
        .unwrap_or_default()
}

/// A 422 problem body: `{validation: [{location, message}]}`.
fn body_violations(body: &whatsapp_sdk_runtime::ErrorBody) -> Vec<Violation> {
    match body {
        whatsapp_sdk_runtime::ErrorBody::Json(json) => {
            let found = violations(&json["validation"]);
            if found.is_empty() {
                vec![Violation {
                    pointer: String::new(),
                    message: json.to_string(),
                }]
            } else {
                found
            }
        }
        other => vec![Violation {
            pointer: String::new(),
            message: format!("{other:?}"),
        }],
    }
}

pub(crate) fn violations(list: &serde_json::Value) -> Vec<Violation> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|v| Violation {
            pointer: v["location"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|segment| match segment {
                    serde_json::Value::String(s) => {
                        format!("/{}", s.replace('~', "~0").replace('/', "~1"))
                    }
                    other => format!("/{other}"),
                })
                .collect(),
            message: v["message"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}
