//! Meta's WhatsApp Cloud API webhook: `{object, entry[{id, changes[{field, value}]}]}`.
//!
//! `field: "messages"` carries `value.{messaging_product, metadata, contacts, messages,
//! statuses, errors}`; every other field (`account_update`, `message_template_status_update`,
//! `smb_message_echoes`, …) becomes an [`UnknownEvent`](super::UnknownEvent) holding the change.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::WebhookError;
use super::event::{InboundEvent, Party, UnknownEvent};
use super::{de, meta};
use crate::Provider;

const PROVIDER: Provider = Provider::Cloud;

// One pass reads the whole payload: every change's `value` is read as a `messages` value
// before its `field` is known (Meta writes `value` first), leniently, so that any other
// field's value reads as an empty one. Each message and status is then typed from its own
// bytes. Only the rare other fields need a second pass, for their raw `value`.
#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(borrow)]
    entry: Vec<Entry<'a>>,
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow, default, deserialize_with = "de::list")]
    changes: Vec<Change<'a>>,
}

#[derive(Deserialize)]
struct Change<'a> {
    #[serde(default, deserialize_with = "de::any_text")]
    field: Option<String>,
    #[serde(borrow, default)]
    value: de::Lenient<Value<'a>>,
}

#[derive(Deserialize)]
struct Value<'a> {
    #[serde(default)]
    metadata: de::Lenient<Metadata>,
    #[serde(default, deserialize_with = "de::lenient_list")]
    contacts: Vec<meta::Profile>,
    #[serde(borrow, default, deserialize_with = "de::lenient_raw_list")]
    messages: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::lenient_raw_list")]
    statuses: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    errors: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default, deserialize_with = "de::any_text")]
    display_phone_number: Option<String>,
    #[serde(default, deserialize_with = "de::any_text")]
    phone_number_id: Option<String>,
}

/// The envelope again, keeping each change's `value` as it is.
#[derive(Deserialize)]
struct RawPayload<'a> {
    #[serde(borrow)]
    entry: Vec<RawEntry<'a>>,
}

#[derive(Deserialize)]
struct RawEntry<'a> {
    #[serde(borrow, default, deserialize_with = "de::list")]
    changes: Vec<RawChange<'a>>,
}

#[derive(Deserialize)]
struct RawChange<'a> {
    #[serde(borrow, default)]
    value: Option<&'a RawValue>,
}

pub(super) fn parse(body: &str) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body.as_bytes())?;
    let payload: Payload<'_> =
        serde_json::from_str(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let mut events = Vec::new();
    let mut raw_payload = None;
    for (e, entry) in payload.entry.into_iter().enumerate() {
        for (c, change) in entry.changes.into_iter().enumerate() {
            let field = de::non_empty(change.field).unwrap_or_else(|| "unknown".into());
            match change.value.0 {
                Some(value) if field == "messages" => messages(value, &mut events),
                _ => {
                    if raw_payload.is_none() {
                        // The first pass read this body, so the second cannot fail.
                        raw_payload = Some(
                            serde_json::from_str::<RawPayload<'_>>(body)
                                .map_err(|e| WebhookError::malformed(PROVIDER, "", e))?,
                        );
                    }
                    let raw = raw_payload
                        .as_ref()
                        .and_then(|p| p.entry.get(e)?.changes.get(c)?.value)
                        .unwrap_or(RawValue::NULL);
                    events.push(other(field, raw));
                }
            }
        }
    }
    Ok(events)
}

/// A change the SDK does not model (or a `messages` change whose `value` is not an object).
fn other(field: String, raw: &RawValue) -> InboundEvent {
    let reason = (field == "messages").then(|| "the change has no `value` object".to_owned());
    InboundEvent::Unknown(UnknownEvent {
        provider: PROVIDER,
        dedup_key: de::digest_key(PROVIDER, &field, raw),
        kind: field,
        reason,
        raw: raw.to_owned(),
    })
}

fn messages(value: Value<'_>, events: &mut Vec<InboundEvent>) {
    let (account, to) = match value.metadata.0 {
        Some(metadata) => {
            let to = metadata
                .display_phone_number
                .as_deref()
                .and_then(de::phone)
                .map(Party::new);
            (de::non_empty(metadata.phone_number_id), to)
        }
        None => (None, None),
    };
    let scope = meta::Scope {
        provider: PROVIDER,
        account: account.as_deref(),
        to: to.as_ref(),
        contacts: &value.contacts,
        ids_are_wamids: true,
    };
    events.reserve(value.messages.len() + value.statuses.len() + 1);
    events.extend(value.messages.iter().map(|m| meta::message(&scope, m)));
    events.extend(value.statuses.iter().map(|s| meta::status(&scope, s)));
    events.extend(value.errors.and_then(|e| meta::errors(&scope, e)));
}
