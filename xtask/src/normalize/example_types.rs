//! Pass `example-types`: a scalar schema whose own example has another JSON type accepts both.
//!
//! When a spec declares `type: string` and shows `example: 131051` (YCloud's WhatsApp error
//! `code`, onprem's `callback_backoff_delay_ms`), one of the two is wrong, and the example is
//! usually what the provider was seen to send: the error codes Meta returns are numbers. A crate
//! that follows the declared type alone fails on the provider's real answer, and on the spec's
//! own example. The schema becomes a `oneOf` of the declared type and the example's, which the
//! two JSON types tell apart. Examples count where they are written and, for an object's
//! example (a schema's or a media type's), at each declared property it fills. A schema with
//! an `enum` is left alone: an example outside the enum is a typo for an overlay to fix, not a
//! second type. Parameters and schemas only request bodies reach keep their declared type: a
//! request must be what the spec declares, so there the example is what is wrong (an overlay
//! fixes it).

use serde_json::{Map, Value, json};

use super::example_properties::{declared, target};
use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;
use crate::walk::{for_each_schema, media_type_pointers, root_schema_pointers};

pub(super) const PASS: Pass = Pass {
    name: "example-types",
    reason: "a scalar whose own example has another JSON type fails on that example and on the provider answers it shows",
    run,
};

/// Keywords that describe the declared type and move into its branch.
const TYPED: &[&str] = &[
    "type",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

fn json_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

fn fits(declared: &str, found: &str) -> bool {
    declared == found || (declared == "number" && found == "integer")
}

/// Whether `schema` is a plain scalar that `example` contradicts; the example's type if so.
fn contradicted(schema: &Map<String, Value>, example: &Value) -> Option<&'static str> {
    let declared = schema.get("type").and_then(Value::as_str)?;
    if !["string", "integer", "number", "boolean"].contains(&declared)
        || schema.contains_key("enum")
    {
        return None;
    }
    let found = json_type(example)?;
    (!fits(declared, found)).then_some(found)
}

/// Scalar schemas an object example contradicts at one of its declared properties.
fn descend(
    doc: &Value,
    pointer: &str,
    example: &Value,
    out: &mut Vec<(String, &'static str)>,
    depth: usize,
) {
    let Some(resolved) = target(doc, pointer) else {
        return;
    };
    let Some(Value::Object(schema)) = doc.pointer(&resolved) else {
        return;
    };
    if depth > 16 {
        return;
    }
    match example {
        Value::Object(fields) => {
            let known = declared(doc, &resolved, 0);
            for (name, value) in fields {
                if let Some((_, sub)) = known.iter().find(|(k, _)| k == name) {
                    descend(doc, sub, value, out, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first().filter(|_| schema.contains_key("items")) {
                descend(doc, &join(&resolved, "items"), first, out, depth + 1);
            }
        }
        scalar => {
            if let Some(found) = contradicted(schema, scalar) {
                out.push((resolved, found));
            }
        }
    }
}

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    let mut widen: Vec<(String, &'static str)> = Vec::new();
    for root in root_schema_pointers(&lookup)
        .into_iter()
        .filter(|r| !super::example_properties::is_request(r))
    {
        let mut pointers = Vec::new();
        if let Some(mut schema) = lookup.pointer(&root).cloned() {
            crate::walk::walk_schema(&mut schema, &root, &mut |map, at| {
                if (map.get("properties").is_some() || map.get("items").is_some())
                    && let Some(example) =
                        map.get("example").filter(|e| e.is_object() || e.is_array())
                {
                    pointers.push((at.to_owned(), example.clone()));
                }
                Ok(())
            })?;
        }
        for (at, example) in pointers {
            descend(&lookup, &at, &example, &mut widen, 0);
        }
    }
    for media in media_type_pointers(&lookup)
        .into_iter()
        .filter(|m| !super::example_properties::is_request(m))
    {
        let Some(object) = lookup.pointer(&media) else {
            continue;
        };
        let mut examples: Vec<&Value> = object.get("example").into_iter().collect();
        if let Some(Value::Object(named)) = object.get("examples") {
            examples.extend(named.values().filter_map(|e| e.get("value")));
        }
        for example in examples {
            descend(&lookup, &join(&media, "schema"), example, &mut widen, 0);
        }
    }
    let requests = super::request_defaults::request_reachable(&lookup);
    let answers = super::request_defaults::response_reachable(&lookup);
    // A parameter is always sent, never answered.
    let request_only = |pointer: &str| {
        pointer.contains("/parameters/")
            || (super::request_defaults::within(&requests, pointer)
                && !super::request_defaults::within(&answers, pointer))
    };
    widen.sort_unstable();
    widen.dedup_by(|a, b| a.0 == b.0);
    widen.retain(|(pointer, _)| !request_only(pointer));
    for (pointer, found) in widen {
        if let Some(Value::Object(schema)) = doc.pointer_mut(&pointer) {
            split(schema, found);
        }
    }
    for_each_schema(doc, &mut |schema, pointer| {
        if let Some(found) = schema.get("example").and_then(|e| contradicted(schema, e))
            && !request_only(pointer)
        {
            split(schema, found);
        }
        Ok(())
    })
}

/// Moves the declared type into one `oneOf` branch and adds `found` as the other.
fn split(schema: &mut Map<String, Value>, found: &'static str) {
    if schema.contains_key("oneOf") {
        return;
    }
    {
        let mut branch = Map::new();
        for key in TYPED {
            if let Some(value) = schema.shift_remove(*key) {
                branch.insert((*key).to_owned(), value);
            }
        }
        schema.insert(
            "oneOf".into(),
            json!([Value::Object(branch), {"type": found}]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn convert(schema: Value) -> Value {
        let mut d = json!({"components": {"schemas": {"S": schema}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        d["components"]["schemas"]["S"].take()
    }

    #[test]
    fn a_number_example_for_a_string_adds_the_number() {
        assert_eq!(
            convert(
                json!({"type": "string", "description": "Error code", "example": 131051, "minLength": 1})
            ),
            json!({"description": "Error code", "example": 131051, "oneOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]})
        );
        assert_eq!(
            convert(json!({"type": "integer", "format": "int64", "example": "1698562800000"})),
            json!({"example": "1698562800000", "oneOf": [{"type": "integer", "format": "int64"}, {"type": "string"}]})
        );
    }

    #[test]
    fn an_object_example_widens_the_property_it_contradicts() {
        let mut d = json!({"components": {"schemas": {"Settings": {
            "type": "object",
            "properties": {"delay_ms": {"type": "string"}, "name": {"type": "string"}},
            "example": {"delay_ms": 3000, "name": "x"}
        }}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        let properties = &d["components"]["schemas"]["Settings"]["properties"];
        assert_eq!(
            properties["delay_ms"],
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(properties["name"], json!({"type": "string"}));
    }

    #[test]
    fn request_schemas_keep_their_declared_type() {
        let mut d = json!({
            "paths": {"/calls": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Call"}}}}}}},
            "components": {"schemas": {"Call": {"properties": {"start_time": {"type": "string", "example": 1810202551}}}}}
        });
        let before = d.clone();
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn parameters_keep_their_declared_type() {
        let mut d = json!({"components": {"parameters": {"id": {"name": "id", "in": "path",
            "schema": {"type": "string", "example": 1693364594105000026_u64}}}}});
        let before = d.clone();
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn fitting_examples_and_enums_stay() {
        for schema in [
            json!({"type": "number", "example": 3}),
            json!({"type": "string", "example": "x"}),
            json!({"type": "string", "enum": ["day"], "example": 2_592_000}),
            json!({"type": "string"}),
        ] {
            assert_eq!(convert(schema.clone()), schema);
        }
    }
}
