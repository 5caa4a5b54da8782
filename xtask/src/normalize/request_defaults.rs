//! Pass `request-defaults`: a `default` in a schema a request body uses moves to its description.
//!
//! In OpenAPI a default is what the server assumes when the client leaves a field out. typify
//! instead makes such a field a plain value filled with the default and always serialized, so
//! a request built with one field sends every defaulted field too: a PATCH of on-premises
//! application settings that sets one field resets `callback_persist`, `heartbeat_interval`, …
//! to their defaults. Without `default` the field is an `Option` that is sent only when set. The
//! pass covers every schema a request body reaches (those shared with answers too: an absent
//! field then reads as `None`, which is what the provider sent), and keeps the value in the
//! description, where the documentation shows it.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::{from_ref, join};
use crate::walk::{operations, walk_schema};

pub(super) const PASS: Pass = Pass {
    name: "request-defaults",
    reason: "typify sends a defaulted field's default unasked, so a request with one field overwrites the server's values of the others",
    run,
};

/// Every schema pointer a request body reaches, through `$ref`s (the schemas themselves; their
/// sub-schemas are below these pointers).
pub(super) fn request_reachable(doc: &Value) -> BTreeSet<String> {
    reachable(doc, request_schema_pointers(doc))
}

/// Every schema pointer an answer body reaches, as [`request_reachable`] does for requests.
pub(super) fn response_reachable(doc: &Value) -> BTreeSet<String> {
    let roots = crate::walk::media_type_pointers(doc)
        .into_iter()
        .filter(|m| !super::example_properties::is_request(m) && m.contains("/responses/"))
        .map(|m| join(&m, "schema"))
        .filter(|p| doc.pointer(p).is_some())
        .collect();
    reachable(doc, roots)
}

fn reachable(doc: &Value, roots: Vec<String>) -> BTreeSet<String> {
    let mut todo: Vec<String> = roots;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(pointer) = todo.pop() {
        if !seen.insert(pointer.clone()) {
            continue;
        }
        if let Some(schema) = doc.pointer(&pointer) {
            refs(schema, &mut todo);
        }
    }
    seen
}

/// Whether `pointer` is one of `reachable` or inside one.
pub(super) fn within(reachable: &BTreeSet<String>, pointer: &str) -> bool {
    reachable.iter().any(|r| {
        pointer == r
            || pointer
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for pointer in request_reachable(doc) {
        if let Some(schema) = doc.pointer_mut(&pointer) {
            walk_schema(schema, &pointer, &mut |map, _| {
                if let Some(default) = map.shift_remove("default") {
                    let note = format!("Default (applied by the server when absent): `{default}`.");
                    let text = match map.get("description").and_then(Value::as_str) {
                        Some(text) if !text.trim().is_empty() => format!("{text}\n\n{note}"),
                        _ => note,
                    };
                    map.insert("description".into(), json!(text));
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Pointers of the `schema` of every request body media type (operations' and components').
fn request_schema_pointers(doc: &Value) -> Vec<String> {
    let mut bodies = Vec::new();
    for op in operations(doc) {
        bodies.push(join(&op.pointer, "requestBody"));
    }
    if let Some(Value::Object(map)) = doc.pointer("/components/requestBodies") {
        bodies.extend(map.keys().map(|n| join("/components/requestBodies", n)));
    }
    let mut out = Vec::new();
    for body in bodies {
        let Some(Value::Object(content)) = doc.pointer(&join(&body, "content")) else {
            continue;
        };
        for media in content.keys() {
            let pointer = join(&join(&join(&body, "content"), media), "schema");
            if doc.pointer(&pointer).is_some() {
                out.push(pointer);
            }
        }
    }
    out
}

/// Every local `$ref` target inside `value`, as pointers.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str).and_then(from_ref) {
                out.push(target.to_owned());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn convert(mut doc: Value) -> Value {
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        doc
    }

    fn doc() -> Value {
        json!({
            "paths": {"/settings": {
                "patch": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Settings"}}}}},
                "get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}}}
            }},
            "components": {"schemas": {
                "Settings": {"properties": {
                    "persist": {"type": "boolean", "default": true, "description": "Keep callbacks."},
                    "hooks": {"$ref": "#/components/schemas/Hooks"}
                }},
                "Hooks": {"properties": {"max": {"type": "integer", "default": 6}}},
                "Stats": {"properties": {"count": {"type": "integer", "default": 0}}}
            }}
        })
    }

    #[test]
    fn defaults_a_request_reaches_become_prose() {
        let out = convert(doc());
        let settings = &out["components"]["schemas"]["Settings"]["properties"]["persist"];
        assert_eq!(
            settings,
            &json!({"type": "boolean", "description": "Keep callbacks.\n\nDefault (applied by the server when absent): `true`."})
        );
        let hooks = &out["components"]["schemas"]["Hooks"]["properties"]["max"];
        assert!(hooks.get("default").is_none(), "{hooks}");
    }

    #[test]
    fn defaults_only_answers_reach_stay() {
        let out = convert(doc());
        assert_eq!(
            out["components"]["schemas"]["Stats"]["properties"]["count"]["default"],
            json!(0)
        );
    }
}
