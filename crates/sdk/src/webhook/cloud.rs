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

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(borrow)]
    entry: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    changes: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Change<'a> {
    #[serde(default, deserialize_with = "de::text")]
    field: Option<String>,
    #[serde(borrow, default)]
    value: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Value<'a> {
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default, deserialize_with = "de::list")]
    contacts: Vec<meta::Profile>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    messages: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    statuses: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    errors: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default, deserialize_with = "de::text")]
    display_phone_number: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    phone_number_id: Option<String>,
}

pub(super) fn parse(body: &[u8]) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body)?;
    let payload: Payload<'_> =
        serde_json::from_slice(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    let mut events = Vec::new();
    for (e, entry) in payload.entry.iter().enumerate() {
        let pointer = || format!("/entry/{e}");
        de::require_object(PROVIDER, &pointer(), entry.get().as_bytes())?;
        let entry: Entry<'_> = serde_json::from_str(entry.get())
            .map_err(|err| WebhookError::malformed(PROVIDER, &pointer(), err))?;
        for change in entry.changes {
            events.extend(self::change(change));
        }
    }
    Ok(events)
}

fn change(raw: &RawValue) -> Vec<InboundEvent> {
    let parsed: Change<'_> = match serde_json::from_str(raw.get()) {
        Ok(parsed) => parsed,
        Err(error) => return vec![meta::unknown(PROVIDER, "change", error.to_string(), raw)],
    };
    let field = de::non_empty(parsed.field).unwrap_or_else(|| "unknown".into());
    if field != "messages" {
        return vec![InboundEvent::Unknown(UnknownEvent {
            provider: PROVIDER,
            dedup_key: de::digest_key(PROVIDER, &field, raw),
            kind: field,
            reason: None,
            raw: raw.to_owned(),
        })];
    }
    let value: Value<'_> = match parsed.value.map(|v| serde_json::from_str(v.get())) {
        Some(Ok(value)) => value,
        Some(Err(error)) => {
            return vec![meta::unknown(PROVIDER, "messages", error.to_string(), raw)];
        }
        None => {
            return vec![meta::unknown(
                PROVIDER,
                "messages",
                "the change has no `value`".into(),
                raw,
            )];
        }
    };
    let (account, to) = match value.metadata {
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
    let mut events = Vec::with_capacity(value.messages.len() + value.statuses.len());
    events.extend(value.messages.iter().map(|m| meta::message(&scope, m)));
    events.extend(value.statuses.iter().map(|s| meta::status(&scope, s)));
    events.extend(value.errors.and_then(|e| meta::errors(&scope, e)));
    events
}
