//! The on-premises WhatsApp Business API client's webhook (`Webhook-Event` in
//! `specs/onprem/openapi.yaml`): `contacts`, `messages`, `statuses` and `errors` at the top.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::WebhookError;
use super::event::InboundEvent;
use super::{de, meta};
use crate::Provider;

const PROVIDER: Provider = Provider::OnPrem;

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(default, deserialize_with = "de::list")]
    contacts: Vec<meta::Profile>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    messages: Vec<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "de::raw_list")]
    statuses: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    errors: Option<&'a RawValue>,
}

pub(super) fn parse(body: &str) -> Result<Vec<InboundEvent>, WebhookError> {
    de::require_object(PROVIDER, "", body.as_bytes())?;
    let payload: Payload<'_> =
        serde_json::from_str(body).map_err(|e| WebhookError::malformed(PROVIDER, "", e))?;
    // The payload names neither the business number nor an account: one client serves one number.
    let scope = meta::Scope {
        provider: PROVIDER,
        account: None,
        to: None,
        contacts: &payload.contacts,
        ids_are_wamids: false,
    };
    let mut events = Vec::with_capacity(payload.messages.len() + payload.statuses.len());
    events.extend(payload.messages.iter().map(|m| meta::message(&scope, m)));
    events.extend(payload.statuses.iter().map(|s| meta::status(&scope, s)));
    events.extend(payload.errors.and_then(|e| meta::errors(&scope, e)));
    Ok(events)
}
