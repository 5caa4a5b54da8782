//! Pass `example-properties`: fields an object's own example shows and its schema never declares.
//!
//! Types generated from a schema drop what they do not declare, so when the spec's example of
//! an answer carries more than its schema (onprem's `Webhook-System` shows `group_id`,
//! `operator` and `users`), a real answer loses those values on decoding. Each such field is
//! declared where the example sits, with a schema read off the example's value (optional, so
//! nothing the provider omits becomes required). Examples of schemas, properties and media
//! types of answers count (a request body's example shows what a caller may send, not what an
//! answer would lose); objects open to `additionalProperties` are
//! left alone, since their extra fields are already kept.

use serde_json::{Map, Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::{from_ref, join};
use crate::walk::{media_type_pointers, root_schema_pointers};

pub(super) const PASS: Pass = Pass {
    name: "example-properties",
    reason: "fields a schema's own example shows but the schema never declares are dropped from real answers",
    run,
};

/// One field to declare: the schema pointer, the name, its schema.
type Addition = (String, String, Value);

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    let mut additions: Vec<Addition> = Vec::new();
    // Examples written on a schema (any depth).
    for root in root_schema_pointers(&lookup)
        .into_iter()
        .filter(|r| !is_request(r))
    {
        visit_schema(&lookup, &root, &mut additions, 0);
    }
    // Examples written on a media type describe its schema.
    for media in media_type_pointers(&lookup)
        .into_iter()
        .filter(|m| !super::example_properties::is_request(m))
    {
        let Some(object) = lookup.pointer(&media) else {
            continue;
        };
        let schema = join(&media, "schema");
        let mut examples: Vec<&Value> = object.get("example").into_iter().collect();
        if let Some(Value::Object(named)) = object.get("examples") {
            examples.extend(named.values().filter_map(|e| e.get("value")));
        }
        for example in examples {
            declare(&lookup, &schema, example, &media, &mut additions, 0);
        }
    }
    additions.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    additions.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (pointer, name, schema) in additions {
        let Some(Value::Object(target)) = doc.pointer_mut(&pointer) else {
            continue;
        };
        let properties = target
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(properties) = properties {
            properties.entry(name).or_insert(schema);
        }
    }
    Ok(())
}

/// Whether `pointer` is inside a request body: a request example that shows more than its
/// schema is a request the provider may or may not accept, not data an answer would lose.
pub(super) fn is_request(pointer: &str) -> bool {
    pointer.contains("/requestBody/") || pointer.starts_with("/components/requestBodies/")
}

/// Walks `pointer`'s schema and its sub-schemas for their own examples.
fn visit_schema(doc: &Value, pointer: &str, out: &mut Vec<Addition>, depth: usize) {
    let Some(Value::Object(map)) = doc.pointer(pointer) else {
        return;
    };
    if depth > 24 || map.contains_key("$ref") {
        return;
    }
    if let Some(example) = map.get("example") {
        declare(doc, pointer, example, pointer, out, 0);
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for name in properties.keys() {
            visit_schema(
                doc,
                &join(&join(pointer, "properties"), name),
                out,
                depth + 1,
            );
        }
    }
    if map.get("items").is_some() {
        visit_schema(doc, &join(pointer, "items"), out, depth + 1);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(parts)) = map.get(key) {
            for i in 0..parts.len() {
                visit_schema(
                    doc,
                    &join(&join(pointer, key), &i.to_string()),
                    out,
                    depth + 1,
                );
            }
        }
    }
}

/// Follows `$ref`s from a schema pointer to the pointer of the schema itself.
pub(super) fn target(doc: &Value, pointer: &str) -> Option<String> {
    let mut current = pointer.to_owned();
    for _ in 0..32 {
        let schema = doc.pointer(&current)?;
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => current = from_ref(reference)?.to_owned(),
            None => return Some(current),
        }
    }
    None
}

/// The declared properties of the schema at `pointer` (own and `allOf` parts'), each with the
/// pointer of its schema.
pub(super) fn declared(doc: &Value, pointer: &str, depth: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(pointer) = target(doc, pointer) else {
        return out;
    };
    if depth > 16 {
        return out;
    }
    let Some(schema) = doc.pointer(&pointer) else {
        return out;
    };
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for name in properties.keys() {
            out.push((name.clone(), join(&join(&pointer, "properties"), name)));
        }
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        for i in 0..parts.len() {
            out.extend(declared(
                doc,
                &join(&join(&pointer, "allOf"), &i.to_string()),
                depth + 1,
            ));
        }
    }
    out
}

/// Records the fields of `example` that the schema at `pointer` does not declare, and looks
/// into the ones it does.
fn declare(
    doc: &Value,
    pointer: &str,
    example: &Value,
    from: &str,
    out: &mut Vec<Addition>,
    depth: usize,
) {
    let Some(resolved) = target(doc, pointer) else {
        return;
    };
    let Some(schema) = doc.pointer(&resolved) else {
        return;
    };
    if depth > 16 {
        return;
    }
    match example {
        Value::Object(fields) => {
            let closed_or_open = schema.get("additionalProperties").is_some();
            let is_union = schema.get("oneOf").is_some() || schema.get("anyOf").is_some();
            let known = declared(doc, &resolved, 0);
            if known.is_empty() || closed_or_open || is_union {
                return;
            }
            for (name, value) in fields {
                match known.iter().find(|(k, _)| k == name) {
                    Some((_, sub)) => declare(doc, sub, value, from, out, depth + 1),
                    None if !value.is_null() => {
                        let mut inferred = infer(value);
                        if let Value::Object(map) = &mut inferred {
                            map.insert(
                                "description".into(),
                                json!(format!(
                                    "Not declared by the spec; its example at `{from}` shows it."
                                )),
                            );
                        }
                        out.push((resolved.clone(), name.clone(), inferred));
                    }
                    None => {}
                }
            }
        }
        Value::Array(items) => {
            if let (Some(first), Some(_)) = (items.first(), schema.get("items")) {
                declare(doc, &join(&resolved, "items"), first, from, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// A schema for `value`'s shape.
fn infer(value: &Value) -> Value {
    match value {
        Value::String(_) => json!({"type": "string"}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!({"type": "integer"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::Array(items) => match items.first() {
            Some(first) => json!({"type": "array", "items": infer(first)}),
            None => json!({"type": "array", "items": {}}),
        },
        Value::Object(map) => {
            let properties: Map<String, Value> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), infer(v)))
                .collect();
            json!({"type": "object", "properties": properties})
        }
        Value::Null => json!({}),
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

    #[test]
    fn fields_a_schema_example_shows_are_declared() {
        let doc = convert(json!({"components": {"schemas": {"System": {
            "type": "object",
            "properties": {"type": {"type": "string"}},
            "example": {"type": "group_created", "group_id": "1631-1530", "users": ["1650"]}
        }}}}));
        let properties = &doc["components"]["schemas"]["System"]["properties"];
        assert_eq!(properties["group_id"]["type"], "string");
        assert_eq!(properties["users"]["items"], json!({"type": "string"}));
        assert_eq!(properties["type"], json!({"type": "string"}));
    }

    #[test]
    fn media_examples_reach_the_referenced_schema() {
        let doc = convert(json!({
            "paths": {"/contacts": {"post": {"responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Check"},
                "example": {"contacts": ["1"], "blocking": "wait"}
            }}}}}}},
            "components": {"schemas": {"Check": {"properties": {"contacts": {"type": "array", "items": {"type": "string"}}}}}}
        }));
        assert_eq!(
            doc["components"]["schemas"]["Check"]["properties"]["blocking"]["type"],
            "string"
        );
    }

    #[test]
    fn request_examples_declare_nothing() {
        let doc = json!({
            "paths": {"/settings": {"patch": {"requestBody": {"content": {"application/json": {
                "schema": {"type": "object", "properties": {"a": {}}},
                "example": {"a": 1, "copied_from_elsewhere": true}
            }}}}}}
        });
        assert_eq!(convert(doc.clone()), doc);
    }

    #[test]
    fn declared_fields_open_objects_and_unions_stay() {
        let schemas = json!({
            "Open": {"properties": {"a": {}}, "additionalProperties": true, "example": {"a": 1, "b": 2}},
            "Union": {"properties": {"a": {}}, "oneOf": [{}], "example": {"a": 1, "b": 2}},
            "Fine": {"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}}, "example": {"a": 1, "b": 2}}
        });
        let doc = convert(json!({"components": {"schemas": schemas.clone()}}));
        assert_eq!(doc["components"]["schemas"], schemas);
    }
}
