//! Pass `form-query-objects` (the answer mock's copy only): an exploded `form` query object
//! built with `allOf` also lists its parts' properties itself.
//!
//! Prism reads `?to=...&caption=...` into an object through the parameter schema's own
//! `properties`; Whapi's `SendParams` is `SenderMedia`, an `allOf` with none of its own, so
//! Prism reads nothing and reports `to` missing, and the mock never answers. The parameter's
//! schema becomes `allOf: [the original]` plus the parts' properties beside it: every value
//! valid before is valid after (the properties are the same schemas the parts apply anyway).
//! The generated client needs no such change: it serializes the struct typify built from the
//! `allOf`.

use serde_json::{Map, Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::resolve;

pub(super) const PASS: Pass = Pass {
    name: "form-query-objects",
    reason: "Prism reads an exploded form query object only through its schema's own properties, which an allOf has none of",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    let mut holders: Vec<String> = Vec::new();
    if let Some(Value::Object(parameters)) = lookup.pointer("/components/parameters") {
        holders.extend(
            parameters
                .keys()
                .map(|k| crate::pointer::join("/components/parameters", k)),
        );
    }
    for op in crate::walk::operations(&lookup) {
        let list = crate::pointer::join(&op.pointer, "parameters");
        if let Some(Value::Array(items)) = lookup.pointer(&list) {
            for (i, item) in items.iter().enumerate() {
                if item.get("$ref").is_none() {
                    holders.push(crate::pointer::join(&list, &i.to_string()));
                }
            }
        }
    }
    for pointer in holders {
        let Some(parameter) = lookup.pointer(&pointer) else {
            continue;
        };
        let in_query = parameter.get("in").and_then(Value::as_str) == Some("query");
        let form = parameter
            .get("style")
            .and_then(Value::as_str)
            .is_none_or(|s| s == "form");
        let explode = parameter.get("explode").and_then(Value::as_bool) != Some(false);
        let Some(schema) = parameter.get("schema") else {
            continue;
        };
        let Some(resolved) = resolve(&lookup, schema) else {
            continue;
        };
        if !(in_query && form && explode) || resolved.get("allOf").is_none() {
            continue;
        }
        let mut properties = Map::new();
        collect(&lookup, resolved, &mut properties, 0);
        if properties.is_empty() {
            continue;
        }
        if let Some(target) = doc.pointer_mut(&pointer) {
            let original = schema.clone();
            target["schema"] =
                json!({"type": "object", "allOf": [original], "properties": properties});
        }
    }
    Ok(())
}

fn collect(doc: &Value, schema: &Value, out: &mut Map<String, Value>, depth: usize) {
    let Some(schema) = resolve(doc, schema).filter(|_| depth < 16) else {
        return;
    };
    if let Some(Value::Object(own)) = schema.get("properties") {
        for (name, property) in own {
            out.entry(name.clone()).or_insert_with(|| property.clone());
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = schema.get(key) {
            for part in parts {
                collect(doc, part, out, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    #[test]
    fn an_exploded_all_of_query_object_lists_its_parts_properties() {
        let mut d = json!({
            "components": {
                "parameters": {"SendParams": {"name": "SendParams", "in": "query", "style": "form", "explode": true,
                    "schema": {"$ref": "#/components/schemas/SenderMedia"}}},
                "schemas": {
                    "Sender": {"required": ["to"], "properties": {"to": {"type": "string"}}},
                    "SenderMedia": {"allOf": [{"$ref": "#/components/schemas/Sender"}, {"properties": {"caption": {"type": "string"}}}]}
                }
            }
        });
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        let schema = &d["components"]["parameters"]["SendParams"]["schema"];
        assert_eq!(
            schema["allOf"],
            json!([{"$ref": "#/components/schemas/SenderMedia"}])
        );
        let names: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(names, ["to", "caption"]);
    }

    #[test]
    fn other_parameters_stay() {
        let mut d = json!({"components": {"parameters": {
            "Path": {"name": "id", "in": "path", "schema": {"allOf": [{"type": "string"}]}},
            "Plain": {"name": "q", "in": "query", "schema": {"type": "object", "properties": {"a": {}}}}
        }}});
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
}
