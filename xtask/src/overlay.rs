//! OpenAPI Overlay 1.0: a provider's own fixes to its upstream spec, each action with its reason.
//!
//! Targets are RFC 9535 JSONPath expressions. `update` merges an object into each target
//! (objects recursively, other values replaced; into an array target, items are appended);
//! `remove: true` deletes each target. Beyond the standard, every action must carry a
//! `description` (its reason) and must change the document: an action that matches nothing or
//! changes nothing means upstream moved on, and is an error rather than a silent no-op.

use serde::Deserialize;
use serde_json::Value;
use serde_json_path::JsonPath;

use crate::error::PassError;

/// A parsed overlay document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Must be `1.0.x`.
    pub overlay: String,
    /// Title and version of the overlay.
    pub info: Value,
    /// The document this overlay applies to.
    #[serde(default)]
    pub extends: Option<String>,
    /// The changes, applied in order.
    pub actions: Vec<Action>,
}

/// One change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// JSONPath of the nodes to change.
    pub target: String,
    /// Why the change is needed (required here).
    #[serde(default)]
    pub description: String,
    /// Value merged into every target.
    #[serde(default)]
    pub update: Option<Value>,
    /// Whether to remove every target.
    #[serde(default)]
    pub remove: bool,
}

impl Overlay {
    /// Parses an overlay written in YAML (or JSON, which is YAML).
    pub fn parse(text: &str) -> Result<Overlay, PassError> {
        let value = crate::spec::parse(text, "overlay.yaml")?;
        let overlay: Overlay = serde_json::from_value(value).map_err(|e| {
            PassError::at(
                "",
                format!("overlay.yaml is not an OpenAPI Overlay 1.0 document: {e}"),
            )
        })?;
        if !overlay.overlay.starts_with("1.0") {
            return Err(PassError::at(
                "",
                format!("overlay version `{}` is not 1.0.x", overlay.overlay),
            ));
        }
        for (i, action) in overlay.actions.iter().enumerate() {
            if action.description.trim().is_empty() {
                return Err(PassError::at(
                    "",
                    format!(
                        "overlay action {i} (`{}`) gives no reason in `description`",
                        action.target
                    ),
                ));
            }
            if action.remove == action.update.is_some() {
                return Err(PassError::at(
                    "",
                    format!(
                        "overlay action {i} (`{}`) must have exactly one of `update` and `remove: true`",
                        action.target
                    ),
                ));
            }
        }
        Ok(overlay)
    }

    /// Applies every action to `doc`, in order.
    pub fn apply(&self, doc: &mut Value) -> Result<(), PassError> {
        for (i, action) in self.actions.iter().enumerate() {
            let failure = |reason: String| {
                PassError::at(
                    "",
                    format!("overlay action {i} (`{}`): {reason}", action.target),
                )
            };
            let path = JsonPath::parse(&action.target)
                .map_err(|e| failure(format!("invalid JSONPath: {e}")))?;
            let pointers: Vec<String> = path
                .query_located(doc)
                .locations()
                .map(|location| location.to_json_pointer())
                .collect();
            if pointers.is_empty() {
                return Err(failure(
                    "matches nothing in the upstream spec; drop or update the action".into(),
                ));
            }
            let before = doc.clone();
            // Deepest first, so removing an array item does not shift the ones still to visit.
            for pointer in pointers.iter().rev() {
                if action.remove {
                    remove(doc, pointer);
                } else if let (Some(target), Some(update)) =
                    (doc.pointer_mut(pointer), &action.update)
                {
                    merge(target, update);
                }
            }
            if *doc == before {
                return Err(failure(
                    "changes nothing; upstream may have fixed this, so drop the action".into(),
                ));
            }
        }
        Ok(())
    }
}

fn remove(doc: &mut Value, pointer: &str) {
    let Some((parent, token)) = pointer.rsplit_once('/') else {
        return;
    };
    let token = crate::pointer::unescape(token);
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&token);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = token.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
}

fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                match target.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(update)) => target.extend(update.iter().cloned()),
        (Value::Array(target), update) => target.push(update.clone()),
        (target, update) => *target = update.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn overlay(actions: &str) -> Result<Overlay, PassError> {
        Overlay::parse(&format!(
            "overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}"
        ))
    }

    fn doc() -> Value {
        json!({"paths": {"/a": {"get": {"summary": "s", "tags": ["x"]}, "post": {"summary": "p"}}}})
    }

    #[test]
    fn update_merges_and_remove_deletes() {
        let o = overlay(
            "- target: $.paths['/a'].get\n  description: add an id\n  update: {operationId: getA, tags: [y]}\n\
             - target: $.paths['/a'].post\n  description: not a real operation\n  remove: true\n",
        )
        .unwrap();
        let mut d = doc();
        o.apply(&mut d).unwrap();
        assert_eq!(
            d,
            json!({"paths": {"/a": {"get": {"summary": "s", "tags": ["y"], "operationId": "getA"}}}})
        );
    }

    #[test]
    fn wildcard_targets_and_array_appends() {
        let o =
            overlay("- target: $.paths.*.*.tags\n  description: tag everything\n  update: [z]\n")
                .unwrap();
        let mut d = doc();
        o.apply(&mut d).unwrap();
        assert_eq!(d["paths"]["/a"]["get"]["tags"], json!(["x", "z"]));
    }

    #[test]
    fn an_action_without_reason_or_effect_is_an_error() {
        let err = overlay("- target: $.paths\n  update: {}\n").unwrap_err();
        assert!(err.reason.contains("gives no reason"), "{}", err.reason);
        let o = overlay("- target: $.nothing\n  description: r\n  remove: true\n").unwrap();
        assert!(
            o.apply(&mut doc())
                .unwrap_err()
                .reason
                .contains("matches nothing")
        );
        let o = overlay("- target: $.paths['/a'].get\n  description: r\n  update: {summary: s}\n")
            .unwrap();
        assert!(
            o.apply(&mut doc())
                .unwrap_err()
                .reason
                .contains("changes nothing")
        );
    }

    #[test]
    fn an_action_needs_exactly_one_of_update_and_remove() {
        let err = overlay("- target: $.paths\n  description: r\n").unwrap_err();
        assert!(err.reason.contains("exactly one of"), "{}", err.reason);
    }
}
