//! Per-send options, including fields the common message types do not carry.

use crate::Provider;
use crate::error::{Error, Result, ValidationError, Violation};

/// Options for one [`send_opts`](crate::Messenger::send_opts) call.
///
/// The escape hatch for a provider feature the common types do not model: a provider field
/// merged into the request body the adapter builds. Fields for other providers are ignored, so
/// one `SendOptions` can carry extras for several. A field must exist in the provider's
/// request type; one that does not is refused with [`Error::Invalid`] before anything is sent.
///
/// ```
/// use whatsapp_sdk::{Provider, SendOptions};
/// use serde_json::json;
///
/// let options = SendOptions::new()
///     // Returned in the Cloud API's status webhooks for this message.
///     .with_provider_field(Provider::Cloud, "biz_opaque_callback_data", json!("order-1234"))
///     // Whapi: a message that disappears after being viewed.
///     .with_provider_field(Provider::Whapi, "view_once", json!(true));
/// assert_eq!(options.provider_fields(Provider::Cloud).count(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SendOptions {
    provider_fields: Vec<(Provider, String, serde_json::Value)>,
}

impl SendOptions {
    /// No options, usable in constants.
    pub(crate) const EMPTY: SendOptions = SendOptions {
        provider_fields: Vec::new(),
    };

    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value` in the body sent to `provider`, over what the adapter built.
    ///
    /// `name` is a top-level field, or a JSON pointer (`/text/preview_url`) for a nested one;
    /// objects on the way are created.
    pub fn with_provider_field(
        mut self,
        provider: Provider,
        name: impl Into<String>,
        value: serde_json::Value,
    ) -> Self {
        self.provider_fields.push((provider, name.into(), value));
        self
    }

    /// The fields for `provider`, in the order they were added.
    pub fn provider_fields(
        &self,
        provider: Provider,
    ) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.provider_fields
            .iter()
            .filter(move |(p, _, _)| *p == provider)
            .map(|(_, name, value)| (name.as_str(), value))
    }

    /// `body` (an adapter's typed request) with `provider`'s fields merged in, decoded back
    /// into the same type. A field the type does not have would be dropped silently by that
    /// decode, so the merged JSON must survive the round trip unchanged.
    pub(crate) fn apply<T>(
        &self,
        provider: Provider,
        request_type: &'static str,
        body: T,
    ) -> Result<T>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let mut fields = self.provider_fields(provider).peekable();
        if fields.peek().is_none() {
            return Ok(body);
        }
        let refused = |name: &str, reason: String| -> Error {
            ValidationError::new(
                format!("options.provider_fields.{provider}.{name}"),
                Violation::ProviderField {
                    request_type,
                    reason,
                },
            )
            .into()
        };
        let mut json = serde_json::to_value(&body).map_err(|e| refused("*", e.to_string()))?;
        for (name, value) in fields {
            set(&mut json, name, value.clone());
        }
        let merged: T = serde_json::from_value(json).map_err(|e| refused("*", e.to_string()))?;
        let back = serde_json::to_value(&merged).map_err(|e| refused("*", e.to_string()))?;
        for (name, value) in self.provider_fields(provider) {
            if !lookup(&back, name).is_some_and(|kept| same(kept, value)) {
                return Err(refused(name, "the request type has no such field".into()));
            }
        }
        Ok(merged)
    }
}

/// The path segments of `name`: a JSON pointer's unescaped tokens, or the name itself.
fn segments(name: &str) -> Vec<String> {
    match name.strip_prefix('/') {
        Some(pointer) => pointer
            .split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect(),
        None => vec![name.to_owned()],
    }
}

fn set(json: &mut serde_json::Value, name: &str, value: serde_json::Value) {
    let path = segments(name);
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = json;
    for segment in parents {
        at = object(at)
            .entry(segment.clone())
            .or_insert(serde_json::Value::Null);
    }
    object(at).insert(last.clone(), value);
}

/// `value` as an object, replacing whatever else it was.
fn object(value: &mut serde_json::Value) -> &mut serde_json::Map<String, serde_json::Value> {
    if !value.is_object() {
        *value = serde_json::Value::Object(serde_json::Map::new());
    }
    match value {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("replaced by an object above"),
    }
}

/// JSON equality where numbers compare by value: `3` set on an `f64` field comes back `3.0`.
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn lookup<'a>(json: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    segments(name)
        .iter()
        .try_fold(json, |at, segment| at.get(segment))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Body {
        to: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        delay: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        nested: Option<Nested>,
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Nested {
        #[serde(skip_serializing_if = "Option::is_none")]
        flag: Option<bool>,
    }

    fn body() -> Body {
        Body {
            to: "1".into(),
            delay: None,
            nested: None,
        }
    }

    #[test]
    fn fields_of_the_type_are_merged_at_their_pointer() {
        let options = SendOptions::new()
            .with_provider_field(Provider::Whapi, "delay", json!(3))
            .with_provider_field(Provider::Whapi, "/nested/flag", json!(true))
            .with_provider_field(Provider::Cloud, "ignored", json!(1));
        let merged = options.apply(Provider::Whapi, "Body", body()).unwrap();
        assert_eq!(merged.delay, Some(3.0));
        assert_eq!(merged.nested.unwrap().flag, Some(true));
    }

    #[test]
    fn fields_the_type_lacks_are_refused_by_name() {
        let options =
            SendOptions::new().with_provider_field(Provider::Whapi, "view_once", json!(true));
        let error = options.apply(Provider::Whapi, "Body", body()).unwrap_err();
        let invalid = error.validation().expect("a validation error");
        assert_eq!(invalid.field(), "options.provider_fields.whapi.view_once");
        assert!(
            error.to_string().contains("not a field of `Body`"),
            "{error}"
        );
        let wrong_type =
            SendOptions::new().with_provider_field(Provider::Whapi, "delay", json!("soon"));
        assert!(wrong_type.apply(Provider::Whapi, "Body", body()).is_err());
    }
}
