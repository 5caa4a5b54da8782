//! Lenient pieces for the typed payload structs: providers write numbers as strings and
//! strings as numbers, send `null` for empty lists, and add fields and values at will.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::error::WebhookError;
use crate::{Provider, Recipient};

/// A scalar as text: a string as it is, a number or boolean as JSON writes it, `null` as
/// absent. Objects and arrays fail, as for any mistyped field.
pub(super) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Text)
        }
    }
    deserializer.deserialize_any(Text)
}

/// [`text`], borrowing from the payload where the string has no escapes: for fields read
/// and dropped (`type`, `timestamp`, ids parsed into other types).
pub(super) fn cow<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'de, str>>, D::Error> {
    struct Borrowing;
    impl<'de> Visitor<'de> for Borrowing {
        type Value = Option<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Borrowing)
        }
    }
    deserializer.deserialize_any(Borrowing)
}

/// [`text`] that also takes objects and arrays, as absent: for fields whose odd value must
/// not fail the enclosing object.
pub(super) fn any_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        Text(#[serde(deserialize_with = "text")] Option<String>),
        Other(IgnoredAny),
    }
    Ok(match Form::deserialize(deserializer)? {
        Form::Text(text) => text,
        Form::Other(_) => None,
    })
}

/// An object read as `T`, or `None` for any other JSON (a string, a list, `null`): for
/// objects read speculatively, whose odd value must not fail the enclosing payload. Only the
/// top level is lenient; `T`'s own fields must take any JSON too.
#[derive(Debug)]
pub(super) struct Lenient<T>(pub(super) Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
        deserializer.deserialize_any(ObjectOnly(std::marker::PhantomData))
    }
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient(None)
    }
}

/// A list, or empty for any other JSON; each item read as [`Lenient`] (odd items dropped).
pub(super) fn lenient_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(any_list::<D, Lenient<T>>(deserializer)?
        .into_iter()
        .filter_map(|item| item.0)
        .collect())
}

/// The raw items of a list, or none for any other JSON.
pub(super) fn lenient_raw_list<'de, D>(deserializer: D) -> Result<Vec<&'de RawValue>, D::Error>
where
    D: Deserializer<'de>,
{
    any_list(deserializer)
}

/// The items of a list, or none for any other JSON.
fn any_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct AnyList<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for AnyList<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element::<T>()? {
                items.push(item);
            }
            Ok(items)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    deserializer.deserialize_any(AnyList(std::marker::PhantomData))
}

/// A number, also written as a string; `null` as absent.
pub(super) fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Ok(match text(deserializer)? {
        Some(text) => Some(text.trim().parse::<f64>().map_err(de::Error::custom)?),
        None => None,
    })
}

/// A boolean, also written as `"true"`/`"false"`; `null` as absent.
pub(super) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match text(deserializer)?.as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => return Err(de::Error::custom(format!("`{other}` is not a boolean"))),
        None => None,
    })
}

/// A list, with `null` as empty.
pub(super) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The raw items of a list, with `null` as empty: each item is typed on its own, so one
/// odd item becomes an `Unknown` event instead of failing the delivery.
pub(super) fn raw_list<'de, D>(deserializer: D) -> Result<Vec<&'de RawValue>, D::Error>
where
    D: Deserializer<'de>,
{
    list(deserializer)
}

/// Seconds since the Unix epoch, as an integer or decimal string (milliseconds when the
/// number is too large to be seconds).
pub(super) fn unix_time(text: &str) -> Option<SystemTime> {
    let seconds: f64 = text.trim().parse().ok()?;
    unix_seconds(seconds)
}

/// Seconds (or milliseconds, past the year 5000) since the Unix epoch.
pub(super) fn unix_seconds(seconds: f64) -> Option<SystemTime> {
    const MILLIS_FROM: f64 = 100_000_000_000.0;
    if !seconds.is_finite() || seconds < 0.0 {
        return None;
    }
    let seconds = if seconds >= MILLIS_FROM {
        seconds / 1000.0
    } else {
        seconds
    };
    let duration = Duration::try_from_secs_f64(seconds).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(duration)
}

/// An RFC 3339 date and time (`2022-06-01T12:00:00.000Z`), or Unix seconds.
pub(super) fn date_time(text: &str) -> Option<SystemTime> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(SystemTime::from)
        .or_else(|| unix_time(text))
}

/// A sender or recipient id as a provider writes it: `+` and digits is a phone number,
/// `…@g.us` a group, digits or a chat id a WhatsApp id.
pub(super) fn recipient(id: &str) -> Option<Recipient> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    id.parse().ok()
}

/// A phone number written with or without `+` (the Cloud API's `display_phone_number`).
pub(super) fn phone(number: &str) -> Option<Recipient> {
    let number = number.trim();
    let with_plus = if number.starts_with('+') {
        number.to_owned()
    } else {
        format!("+{number}")
    };
    Recipient::phone(&with_plus)
        .ok()
        .or_else(|| recipient(number))
}

/// `provider:part:part…`, the form of every de-duplication key.
pub(super) fn key(provider: Provider, parts: &[&str]) -> String {
    let length = provider.as_str().len() + parts.iter().map(|p| p.len() + 1).sum::<usize>();
    let mut key = String::with_capacity(length);
    key.push_str(provider.as_str());
    for part in parts {
        key.push(':');
        key.push_str(part);
    }
    key
}

/// A key for an item without an id of its own: a digest of its exact bytes, which a
/// redelivery repeats.
pub(super) fn digest_key(provider: Provider, kind: &str, raw: &RawValue) -> String {
    let digest = Sha256::digest(raw.get().as_bytes());
    let mut hex = String::with_capacity(32);
    for byte in &digest[..16] {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    key(provider, &[kind, &hex])
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether JSON text is an object. serde reads structs from arrays too (field by position),
/// which would let `[[]]` pass for a payload.
pub(super) fn is_object(json: &[u8]) -> bool {
    json.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// Fails with [`WebhookError::Malformed`] unless `json` is an object.
pub(super) fn require_object(
    provider: Provider,
    pointer: &str,
    json: &[u8],
) -> Result<(), WebhookError> {
    if is_object(json) {
        return Ok(());
    }
    // Let the parser describe what is there instead (with its line and column).
    let source = match serde_json::from_slice::<IgnoredAny>(json) {
        Err(error) => error,
        Ok(_) => <serde_json::Error as de::Error>::invalid_type(
            de::Unexpected::Other("a non-object"),
            &"a JSON object",
        ),
    };
    Err(WebhookError::malformed(provider, pointer, source))
}

/// A non-empty, trimmed string.
pub(super) fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "text")]
        value: Option<String>,
        #[serde(default, deserialize_with = "list")]
        items: Vec<u8>,
    }

    #[test]
    fn scalars_read_as_text_and_null_lists_as_empty() {
        for (json, expected) in [
            (r#"{"value":"a"}"#, Some("a")),
            (r#"{"value":131047}"#, Some("131047")),
            (r#"{"value":-1}"#, Some("-1")),
            (r#"{"value":true}"#, Some("true")),
            (r#"{"value":null}"#, None),
            (r#"{}"#, None),
        ] {
            let probe: Probe = serde_json::from_str(json).unwrap();
            assert_eq!(probe.value.as_deref(), expected, "{json}");
        }
        let probe: Probe = serde_json::from_str(r#"{"items":null}"#).unwrap();
        assert!(probe.items.is_empty());
        assert!(serde_json::from_str::<Probe>(r#"{"value":{}}"#).is_err());
    }

    #[derive(Deserialize)]
    struct Outer {
        #[serde(default)]
        inner: Lenient<Probe>,
        #[serde(default, deserialize_with = "lenient_list")]
        probes: Vec<Probe>,
        #[serde(default, deserialize_with = "any_text")]
        name: Option<String>,
    }

    #[test]
    fn lenient_pieces_take_any_json() {
        for json in [
            r#"{"inner":"x","probes":{"a":1},"name":{"b":[1]}}"#,
            r#"{"inner":[1,{}],"probes":7,"name":[]}"#,
            r#"{"inner":null,"probes":null,"name":null}"#,
        ] {
            let outer: Outer = serde_json::from_str(json).unwrap();
            assert!(
                outer.inner.0.is_none() && outer.probes.is_empty() && outer.name.is_none(),
                "{json}"
            );
        }
        let outer: Outer = serde_json::from_str(
            r#"{"inner":{"value":3},"probes":[{"value":"a"},5,{"value":4}],"name":12}"#,
        )
        .unwrap();
        assert_eq!(outer.inner.0.unwrap().value.as_deref(), Some("3"));
        let values: Vec<_> = outer.probes.iter().map(|p| p.value.clone()).collect();
        assert_eq!(values, [Some("a".to_owned()), Some("4".to_owned())]);
        assert_eq!(outer.name.as_deref(), Some("12"));
    }

    #[test]
    fn times_are_read_in_seconds_milliseconds_and_rfc_3339() {
        let at = |s: u64| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(unix_time("1518694235"), at(1_518_694_235));
        assert_eq!(unix_time("1518694235000"), at(1_518_694_235));
        assert_eq!(unix_time(" 1518694235 "), at(1_518_694_235));
        assert_eq!(unix_time("-5"), None);
        assert_eq!(unix_time("soon"), None);
        assert_eq!(unix_seconds(f64::NAN), None);
        assert_eq!(date_time("2022-06-01T12:00:00.000Z"), at(1_654_084_800));
        assert_eq!(date_time("2022-06-01T14:00:00+02:00"), at(1_654_084_800));
        assert_eq!(date_time("yesterday"), None);
    }

    #[test]
    fn ids_become_recipients_by_form() {
        assert!(matches!(phone("15550783881"), Some(Recipient::Phone(_))));
        assert!(matches!(
            phone("+1 555-078-3881"),
            Some(Recipient::Phone(_))
        ));
        assert!(matches!(
            recipient("+16315551111"),
            Some(Recipient::Phone(_))
        ));
        assert!(matches!(recipient("16315551111"), Some(Recipient::WaId(_))));
        assert!(matches!(
            recipient("120363025246125486@g.us"),
            Some(Recipient::Group(_))
        ));
        assert_eq!(recipient(" "), None);
        assert_eq!(recipient("not an id"), None);
    }

    #[test]
    fn digest_keys_follow_the_bytes() {
        let a = RawValue::from_string(r#"{"a":1}"#.into()).unwrap();
        let b = RawValue::from_string(r#"{"a":2}"#.into()).unwrap();
        let one = digest_key(Provider::Whapi, "x", &a);
        assert_eq!(one, digest_key(Provider::Whapi, "x", &a));
        assert_ne!(one, digest_key(Provider::Whapi, "x", &b));
        assert!(one.starts_with("whapi:x:"));
        assert_eq!(one.len(), "whapi:x:".len() + 32);
    }
}
