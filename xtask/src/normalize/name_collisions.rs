//! Pass `inline-name-collisions`: generated names of inline schemas must not be component names.
//!
//! progenitor names an operation's inline body schema `<OperationId>Body` and its inline JSON
//! response `<OperationId>Response`; typify names an inline property schema of a component
//! `<Component><Property>` (and array items `<Component><Property>Item`). When a component schema
//! already has that name, two Rust types with one name are emitted. An inline schema that says
//! the same as that component (after following references, ignoring prose) becomes a reference
//! to it; any other moves into the components under a free name.

use serde_json::{Value, json};

use super::request_media::is_json;
use super::responses::{free_component_name, pascal};
use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::{media_type_pointers, operations};

pub(super) const PASS: Pass = Pass {
    name: "inline-name-collisions",
    reason: "an inline schema named like a component schema would make typify emit two types with one name",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    nested_properties(doc);
    let components: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().map(|k| pascal(k)).collect())
        .unwrap_or_default();
    let media = media_type_pointers(doc);
    for op in operations(doc) {
        let Some(op_id) = op.operation_id else {
            continue;
        };
        for (part, suffix) in [("/requestBody/", "Body"), ("/responses/", "Response")] {
            let generated_name = pascal(&format!("{op_id}-{}", suffix.to_lowercase()));
            if !components.contains(&generated_name) {
                continue;
            }
            let prefix = format!("{}{part}", op.pointer);
            for pointer in media.iter().filter(|p| p.starts_with(&prefix)) {
                let media_type = pointer
                    .rsplit('/')
                    .next()
                    .map(crate::pointer::unescape)
                    .unwrap_or_default();
                let schema_ptr = format!("{pointer}/schema");
                let Some(schema) = doc.pointer(&schema_ptr).cloned() else {
                    continue;
                };
                if !is_json(&media_type) || schema.get("$ref").is_some() {
                    continue;
                }
                let name = free_component_name(
                    doc,
                    &pascal(&format!("{op_id}-inline-{}", suffix.to_lowercase())),
                );
                doc["components"]["schemas"][&name] = schema;
                if let Some(slot) = doc.pointer_mut(&schema_ptr) {
                    *slot = json!({ "$ref": format!("#/components/schemas/{name}") });
                }
            }
        }
    }
    Ok(())
}

/// Inline schemas nested in component schemas' properties, named as typify would name them.
///
/// typify merges `allOf` members into one type, so a property that a member declares (inline or
/// behind a `$ref`) is named after the merged type, not after the member.
fn nested_properties(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return;
    };
    let by_name: Vec<(String, String)> = schemas.keys().map(|k| (pascal(k), k.clone())).collect();
    let mut todo: Vec<(String, String)> = schemas
        .keys()
        .map(|k| (pascal(k), crate::pointer::join("/components/schemas", k)))
        .collect();
    while let Some((type_name, pointer)) = todo.pop() {
        for properties_ptr in property_holders(doc, &pointer, 0) {
            let Some(properties) = doc.pointer(&properties_ptr).and_then(Value::as_object) else {
                continue;
            };
            let names: Vec<String> = properties.keys().cloned().collect();
            for prop in names {
                let prop_ptr = crate::pointer::join(&properties_ptr, &prop);
                for (suffix, ptr) in [
                    ("", prop_ptr.clone()),
                    ("Item", format!("{prop_ptr}/items")),
                ] {
                    let Some(schema) = doc.pointer(&ptr).cloned() else {
                        continue;
                    };
                    if schema.get("$ref").is_some() || !is_named_by_typify(&schema) {
                        continue;
                    }
                    let name = format!("{type_name}{}{suffix}", pascal(&prop));
                    let Some((_, component)) = by_name.iter().find(|(p, _)| *p == name) else {
                        if properties_ptr == format!("{pointer}/properties") {
                            todo.push((name, ptr));
                        }
                        continue;
                    };
                    let target = doc["components"]["schemas"][component].clone();
                    let reference = if equivalent(doc, &schema, &target, 0) {
                        component.clone()
                    } else {
                        let free = free_component_name(doc, &format!("{name}Inline"));
                        doc["components"]["schemas"][&free] = schema;
                        todo.push((
                            pascal(&free),
                            crate::pointer::join("/components/schemas", &free),
                        ));
                        free
                    };
                    if let Some(slot) = doc.pointer_mut(&ptr) {
                        *slot = json!({ "$ref": format!("#/components/schemas/{}", crate::pointer::escape(&reference)) });
                    }
                }
            }
        }
    }
}

/// Pointers of the `properties` objects merged into the schema at `pointer`: its own and those of
/// its `allOf` members, following references.
fn property_holders(doc: &Value, pointer: &str, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let Some(schema) = doc.pointer(pointer) else {
        return out;
    };
    if depth > 8 {
        return out;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(target) = crate::pointer::from_ref(reference) {
            out.extend(property_holders(doc, target, depth + 1));
        }
        return out;
    }
    if schema.get("properties").is_some() {
        out.push(format!("{pointer}/properties"));
    }
    if let Some(members) = schema.get("allOf").and_then(Value::as_array) {
        for i in 0..members.len() {
            out.extend(property_holders(
                doc,
                &format!("{pointer}/allOf/{i}"),
                depth + 1,
            ));
        }
    }
    out
}

/// Whether typify gives this inline schema a type (and so a name) of its own.
fn is_named_by_typify(schema: &Value) -> bool {
    let constrained_string = schema.get("type").and_then(Value::as_str) == Some("string")
        && ["maxLength", "minLength", "pattern"]
            .iter()
            .any(|k| schema.get(*k).is_some());
    constrained_string
        || schema.get("properties").is_some()
        || schema.get("enum").is_some()
        || ["allOf", "anyOf", "oneOf"]
            .iter()
            .any(|k| schema.get(*k).is_some())
}

const PROSE: [&str; 4] = ["description", "title", "example", "examples"];

/// Structural equality after following references and ignoring documentation.
fn equivalent(doc: &Value, a: &Value, b: &Value, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    let (Some(a), Some(b)) = (crate::walk::resolve(doc, a), crate::walk::resolve(doc, b)) else {
        return false;
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = |m: &serde_json::Map<String, Value>| -> Vec<String> {
                let mut k: Vec<String> = m
                    .keys()
                    .filter(|k| !PROSE.contains(&k.as_str()))
                    .cloned()
                    .collect();
                k.sort();
                k
            };
            keys(x) == keys(y)
                && keys(x)
                    .iter()
                    .all(|k| equivalent(doc, &x[k], &y[k], depth + 1))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| equivalent(doc, p, q, depth + 1))
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn normalize(doc: &mut Value) {
        run(
            doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
    }

    #[test]
    fn hoists_an_inline_body_whose_name_is_taken() {
        let mut d = json!({
            "paths": {"/a": {"post": {"operationId": "send_message",
                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"type": "string"}}}}}}}},
            "components": {"schemas": {"SendMessageBody": {"type": "integer"}}}
        });
        normalize(&mut d);
        let body =
            &d["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(
            body,
            &json!({"$ref": "#/components/schemas/SendMessageInlineBody"})
        );
        assert_eq!(
            d["components"]["schemas"]["SendMessageInlineBody"],
            json!({"type": "object"})
        );
        assert_eq!(
            d["components"]["schemas"]["SendMessageBody"],
            json!({"type": "integer"})
        );
        let response =
            &d["paths"]["/a"]["post"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(
            response,
            &json!({"type": "string"}),
            "no collision, left inline"
        );
    }

    #[test]
    fn an_inline_property_equal_to_the_component_it_is_named_after_becomes_a_reference() {
        let mut d = json!({"components": {"schemas": {
            "Settings": {"properties": {"profile": {"description": "inline copy", "properties": {"photo": {"properties": {"link": {"type": "string"}}}}}}},
            "Settings-Profile": {"properties": {"photo": {"$ref": "#/components/schemas/Settings-Profile-Photo"}}},
            "Settings-Profile-Photo": {"title": "t", "properties": {"link": {"type": "string"}}}
        }}});
        normalize(&mut d);
        assert_eq!(
            d["components"]["schemas"]["Settings"]["properties"]["profile"],
            json!({"$ref": "#/components/schemas/Settings-Profile"})
        );
    }

    #[test]
    fn a_different_inline_property_moves_to_a_free_name() {
        let mut d = json!({"components": {"schemas": {
            "Hook": {"properties": {"events": {"items": {"properties": {"kind": {"type": "integer"}}}}}},
            "HookEventsItem": {"properties": {"kind": {"type": "string"}}}
        }}});
        normalize(&mut d);
        assert_eq!(
            d["components"]["schemas"]["Hook"]["properties"]["events"]["items"],
            json!({"$ref": "#/components/schemas/HookEventsItemInline"})
        );
        assert_eq!(
            d["components"]["schemas"]["HookEventsItemInline"],
            json!({"properties": {"kind": {"type": "integer"}}})
        );
    }

    #[test]
    fn constrained_strings_are_named_too() {
        let mut d = json!({"components": {"schemas": {
            "Action": {"properties": {"button": {"type": "string", "maxLength": 20}, "free": {"type": "string"}}},
            "ActionButton": {"properties": {"id": {"type": "string"}}},
            "ActionFree": {"properties": {"id": {"type": "string"}}}
        }}});
        normalize(&mut d);
        let props = &d["components"]["schemas"]["Action"]["properties"];
        assert_eq!(
            props["button"],
            json!({"$ref": "#/components/schemas/ActionButtonInline"})
        );
        assert_eq!(
            props["free"],
            json!({"type": "string"}),
            "a plain string gets no type of its own"
        );
    }

    #[test]
    fn properties_merged_through_all_of_are_named_after_the_merged_type() {
        let mut d = json!({"components": {"schemas": {
            "Send": {"properties": {"media": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}},
            "Story": {"allOf": [{"$ref": "#/components/schemas/Send"}, {"properties": {"x": {"type": "string"}}}]},
            "StoryMedia": {"properties": {"file": {"type": "string"}}}
        }}});
        normalize(&mut d);
        assert_eq!(
            d["components"]["schemas"]["Send"]["properties"]["media"],
            json!({"$ref": "#/components/schemas/StoryMediaInline"})
        );
        assert_eq!(
            d["components"]["schemas"]["StoryMedia"],
            json!({"properties": {"file": {"type": "string"}}})
        );
    }
}
