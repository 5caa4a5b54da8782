//! Pass `undeclared-required`: a name in `required` that the object never declares.
//!
//! A schema that lists its properties and then requires one it does not list (Whapi's
//! `MediaFile` requires `time`, `ResponseSuccess` requires `result`) describes answers no
//! provider sends: typify makes the name a required field of nothing, and every real answer
//! fails with "missing field". The declared names are the schema's own `properties`, those its
//! `allOf` parts bring, and, for a branch of a composition, its parent's. A schema that declares
//! no properties at all (a `oneOf` branch made of `required` alone, naming the parent's
//! properties) and one open to `additionalProperties` keep their `required` as written.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::{resolve, root_schema_pointers};

pub(super) const PASS: Pass = Pass {
    name: "undeclared-required",
    reason: "a required name the schema never declares makes every real answer fail with \"missing field\"",
    run,
};

/// Composition keywords whose branches see the parent's properties.
const COMPOSITIONS: [&str; 3] = ["allOf", "oneOf", "anyOf"];

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    for pointer in root_schema_pointers(doc) {
        if let Some(schema) = doc.pointer_mut(&pointer) {
            prune(&lookup, schema, &BTreeSet::new());
        }
    }
    Ok(())
}

/// The properties `schema` declares itself and through its `allOf` parts.
fn declared(doc: &Value, schema: &Value, depth: usize) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let Some(schema) = resolve(doc, schema).filter(|_| depth < 16) else {
        return names;
    };
    if let Some(Value::Object(properties)) = schema.get("properties") {
        names.extend(properties.keys().cloned());
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        for part in parts {
            names.extend(declared(doc, part, depth + 1));
        }
    }
    names
}

fn prune(doc: &Value, schema: &mut Value, inherited: &BTreeSet<String>) {
    let own = declared(doc, schema, 0);
    let Value::Object(map) = schema else {
        return;
    };
    if map.contains_key("$ref") {
        return;
    }
    let mut known = own.clone();
    known.extend(inherited.iter().cloned());
    let open = map
        .get("additionalProperties")
        .is_some_and(|extra| extra != &Value::Bool(false));
    if !own.is_empty()
        && !open
        && let Some(Value::Array(required)) = map.get_mut("required")
    {
        required.retain(|name| name.as_str().is_some_and(|n| known.contains(n)));
        if required.is_empty() {
            map.shift_remove("required");
        }
    }
    for key in COMPOSITIONS {
        if let Some(Value::Array(branches)) = map.get_mut(key) {
            for branch in branches {
                prune(doc, branch, &known);
            }
        }
    }
    let none = BTreeSet::new();
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for property in properties.values_mut() {
            prune(doc, property, &none);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(sub) = map.get_mut(key) {
            prune(doc, sub, &none);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;
    use serde_json::json;

    fn convert(schemas: Value) -> Value {
        let mut d = json!({"components": {"schemas": schemas}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        d["components"]["schemas"].take()
    }

    #[test]
    fn an_undeclared_required_name_goes() {
        let out = convert(json!({"MediaFile": {
            "type": "object",
            "required": ["id", "time"],
            "properties": {"id": {"type": "string"}}
        }}));
        assert_eq!(out["MediaFile"]["required"], json!(["id"]));
    }

    #[test]
    fn nothing_left_required_drops_the_keyword() {
        let out = convert(json!({"ResponseSuccess": {
            "required": ["result"],
            "properties": {"success": {"type": "boolean"}}
        }}));
        assert!(out["ResponseSuccess"].get("required").is_none(), "{out}");
    }

    #[test]
    fn names_from_all_of_parts_and_parents_count() {
        let schemas = json!({
            "Base": {"properties": {"id": {"type": "string"}}},
            "Child": {"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"required": ["id", "text"], "properties": {"text": {"type": "string"}}}
            ]},
            "Either": {
                "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
            }
        });
        assert_eq!(convert(schemas.clone()), schemas);
    }

    #[test]
    fn nested_and_open_schemas() {
        let out = convert(json!({
            "Outer": {"properties": {"inner": {
                "properties": {"x": {"type": "integer"}}, "required": ["x", "y"]
            }}},
            "Open": {"properties": {"x": {}}, "required": ["y"], "additionalProperties": true}
        }));
        assert_eq!(
            out["Outer"]["properties"]["inner"]["required"],
            json!(["x"])
        );
        assert_eq!(out["Open"]["required"], json!(["y"]));
    }
}
