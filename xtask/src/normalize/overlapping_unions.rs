//! Pass `overlapping-one-of` (the answer mock's copy only): a `oneOf` whose object branches no
//! value can tell apart becomes an `anyOf`.
//!
//! Whapi's `MessageContent` is `oneOf` sixteen message kinds that share optional fields and
//! require nothing another kind lacks, so an image is also a valid video, and every answer
//! carrying one breaks `oneOf`'s "exactly one": no answer the mock generates can be valid. The
//! publisher means "one of these kinds", which `anyOf` says without the exclusivity no value
//! can meet. The generated decoders need no such change: their untagged enums pick the
//! variant that keeps the data (`xtask/src/adapt_untagged.rs`), and typify would turn an
//! `anyOf` into a struct of optional parts.

use serde_json::{Map, Value};

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::{for_each_schema, resolve};

pub(super) const PASS: Pass = Pass {
    name: "overlapping-one-of",
    reason: "a oneOf whose branches share every value admits no valid instance; the mock serves it as anyOf",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    for_each_schema(doc, &mut |schema, _| {
        let Some(Value::Array(branches)) = schema.get("oneOf") else {
            return Ok(());
        };
        if schema.contains_key("discriminator") {
            return Ok(());
        }
        let objects: Vec<Shape> = branches.iter().filter_map(|b| shape(&lookup, b)).collect();
        if objects.len() == branches.len() && objects.len() > 1 && !told_apart(&objects) {
            hoist(schema, &objects);
            if let Some(branches) = schema.shift_remove("oneOf") {
                schema.insert("anyOf".into(), branches);
            }
        }
        Ok(())
    })
}

/// Declares beside the union the properties every branch that has them declares alike:
/// validation is unchanged (each branch checks them the same way), and Prism, which reads an
/// exploded `form` query object by its schema's own `properties`, can then read Whapi's
/// `SendParams` (`?to=...`) instead of reporting `to` missing.
fn hoist(schema: &mut Map<String, Value>, shapes: &[Shape]) {
    let mut common = Map::new();
    for shape in shapes {
        for (name, property) in &shape.properties {
            let alike = shapes
                .iter()
                .filter_map(|s| s.properties.get(name))
                .all(|other| other == property);
            if alike && !common.contains_key(name) {
                common.insert(name.clone(), property.clone());
            }
        }
    }
    if common.is_empty() {
        return;
    }
    let own = schema
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(own) = own {
        for (name, property) in common {
            own.entry(name).or_insert(property);
        }
    }
    schema
        .entry("type")
        .or_insert_with(|| Value::String("object".into()));
}

/// What tells an object branch apart: its required names and the fixed values it allows.
struct Shape {
    properties: Map<String, Value>,
    required: Vec<String>,
    closed: bool,
}

fn shape(doc: &Value, branch: &Value) -> Option<Shape> {
    let schema = resolve(doc, branch)?;
    let is_object = schema.get("type").and_then(Value::as_str) == Some("object")
        || schema.get("properties").is_some()
        || schema.get("allOf").is_some();
    if !is_object {
        return None;
    }
    let mut out = Shape {
        properties: Map::new(),
        required: Vec::new(),
        closed: schema.get("additionalProperties") == Some(&Value::Bool(false)),
    };
    collect(doc, schema, &mut out, 0);
    Some(out)
}

fn collect(doc: &Value, schema: &Value, out: &mut Shape, depth: usize) {
    let Some(schema) = resolve(doc, schema).filter(|_| depth < 16) else {
        return;
    };
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for (k, v) in properties {
            out.properties.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    if let Some(Value::Array(required)) = schema.get("required") {
        out.required
            .extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        for part in parts {
            collect(doc, part, out, depth + 1);
        }
    }
}

/// Whether every pair of branches excludes each other: one requires a name the other, closed,
/// does not declare, or both require a name whose fixed values (`enum`/`const`) do not meet.
fn told_apart(shapes: &[Shape]) -> bool {
    let fixed = |s: &Shape, name: &str| -> Option<Vec<Value>> {
        let p = s.properties.get(name)?;
        if let Some(c) = p.get("const") {
            return Some(vec![c.clone()]);
        }
        p.get("enum").and_then(Value::as_array).cloned()
    };
    let excludes = |a: &Shape, b: &Shape| {
        a.required
            .iter()
            .any(|name| b.closed && !b.properties.contains_key(name))
            || a.required.iter().any(|name| {
                b.required.contains(name)
                    && matches!((fixed(a, name), fixed(b, name)), (Some(x), Some(y)) if x.iter().all(|v| !y.contains(v)))
            })
    };
    shapes.iter().enumerate().all(|(i, a)| {
        shapes
            .iter()
            .skip(i + 1)
            .all(|b| excludes(a, b) || excludes(b, a))
    })
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
    fn branches_every_image_satisfies_become_any_of() {
        let out = convert(json!({
            "Image": {"type": "object", "required": ["id"], "properties": {"id": {}, "caption": {}}},
            "Video": {"type": "object", "required": ["id"], "properties": {"id": {}, "seconds": {}}},
            "Content": {"oneOf": [{"$ref": "#/components/schemas/Image"}, {"$ref": "#/components/schemas/Video"}]}
        }));
        assert!(out["Content"].get("oneOf").is_none());
        assert_eq!(out["Content"]["anyOf"].as_array().map(Vec::len), Some(2));
        // Properties the branches declare alike are declared beside the union too.
        let hoisted: Vec<&String> = out["Content"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(hoisted, ["id", "caption", "seconds"]);
    }

    #[test]
    fn branches_a_fixed_value_tells_apart_stay() {
        let schemas = json!({
            "Content": {"oneOf": [
                {"type": "object", "required": ["type"], "properties": {"type": {"enum": ["image"]}}},
                {"type": "object", "required": ["type"], "properties": {"type": {"const": "video"}}}
            ]},
            "Scalars": {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        });
        assert_eq!(convert(schemas.clone()), schemas);
    }
}
