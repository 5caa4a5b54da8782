//! Pass `openapi-3.1-to-3.0`: progenitor reads OpenAPI 3.0 only.
//!
//! Rewrites, in every schema: `type` arrays (with `null` → `nullable`, several other types →
//! `anyOf`), `examples` arrays → `example`, `const` → a one-value `enum`, numeric
//! `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` with the boolean form, and
//! `anyOf`/`oneOf` with a `{type: null}` branch → `nullable`. Schemas of a 3.0 document are left
//! alone, except that the version string becomes `3.0.3`.

use serde_json::{Map, Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::for_each_schema;

pub(super) const PASS: Pass = Pass {
    name: "openapi-3.1-to-3.0",
    reason: "progenitor accepts only `openapi: 3.0.x` documents and the 3.0 schema dialect",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let version = doc
        .get("openapi")
        .and_then(Value::as_str)
        .ok_or_else(|| PassError::at("/openapi", "missing `openapi` version string"))?
        .to_owned();
    let is_31 = version.starts_with("3.1.");
    if !is_31 && !version.starts_with("3.0.") {
        return Err(PassError::at(
            "/openapi",
            format!("unsupported OpenAPI version `{version}`"),
        ));
    }
    doc["openapi"] = json!("3.0.3");
    if !is_31 {
        return Ok(());
    }
    if let Some(root) = doc.as_object_mut() {
        // 3.1-only top-level members progenitor's model does not know.
        for key in ["webhooks", "jsonSchemaDialect"] {
            root.shift_remove(key);
        }
    }
    if let Some(license) = doc
        .pointer_mut("/info/license")
        .and_then(Value::as_object_mut)
    {
        license.shift_remove("identifier");
    }
    for_each_schema(doc, &mut |schema, pointer| convert_schema(schema, pointer))
}

fn convert_schema(schema: &mut Map<String, Value>, pointer: &str) -> Result<(), PassError> {
    if let Some(Value::Array(types)) = schema.get("type").cloned() {
        let mut names = Vec::new();
        for t in &types {
            names.push(
                t.as_str()
                    .ok_or_else(|| PassError::at(pointer, "`type` array holds a non-string"))?,
            );
        }
        let nullable = names.contains(&"null");
        names.retain(|t| *t != "null");
        match names.as_slice() {
            [] => {
                schema.shift_remove("type");
                schema.insert("enum".into(), json!([null]));
            }
            [one] => {
                schema.insert("type".into(), json!(one));
            }
            many => {
                schema.shift_remove("type");
                let branches: Vec<Value> = many.iter().map(|t| json!({ "type": t })).collect();
                schema.insert("anyOf".into(), Value::Array(branches));
            }
        }
        if nullable && !names.is_empty() {
            schema.insert("nullable".into(), json!(true));
        }
    }
    if let Some(Value::Array(examples)) = schema.shift_remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        schema.entry("example").or_insert(first);
    }
    if let Some(value) = schema.shift_remove("const") {
        schema.insert("enum".into(), json!([value]));
    }
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(bound) = schema.get(exclusive).filter(|v| v.is_number()).cloned() {
            schema.insert(inclusive.into(), bound);
            schema.insert(exclusive.into(), json!(true));
        }
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = schema.get_mut(key) else {
            continue;
        };
        let before = branches.len();
        branches.retain(|b| b.get("type").and_then(Value::as_str) != Some("null"));
        if branches.len() == before {
            continue;
        }
        schema.insert("nullable".into(), json!(true));
        if let Some(Value::Array(branches)) = schema.get(key)
            && branches.len() == 1
        {
            // A single remaining branch is the type itself; `allOf` keeps a `$ref` intact
            // next to `nullable`, which 3.0 ignores beside a bare `$ref`.
            let only = branches[0].clone();
            schema.shift_remove(key);
            schema.insert("allOf".into(), json!([only]));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn convert(schema: Value) -> Value {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(doc["openapi"], "3.0.3");
        doc["components"]["schemas"]["S"].take()
    }

    #[test]
    fn type_array_with_null_becomes_nullable() {
        assert_eq!(
            convert(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
    }

    #[test]
    fn type_array_of_several_types_becomes_any_of() {
        assert_eq!(
            convert(json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn examples_const_and_numeric_exclusive_bounds() {
        assert_eq!(
            convert(
                json!({"type": "integer", "examples": [3, 4], "exclusiveMinimum": 0, "exclusiveMaximum": 10})
            ),
            json!({"type": "integer", "example": 3, "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10})
        );
        assert_eq!(convert(json!({"const": "text"})), json!({"enum": ["text"]}));
    }

    #[test]
    fn any_of_with_null_becomes_nullable_all_of() {
        assert_eq!(
            convert(json!({"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]})),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
        );
        assert_eq!(
            convert(json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})),
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn nested_schemas_are_converted_and_media_type_examples_kept() {
        let mut doc = json!({"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
            "examples": {"one": {"value": 1}},
            "schema": {"properties": {"x": {"type": ["integer", "null"]}}}
        }}}}}}}});
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        let media = &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(
            media["schema"]["properties"]["x"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(
            media["examples"],
            json!({"one": {"value": 1}}),
            "3.0 media types keep their examples map"
        );
    }

    #[test]
    fn leaves_3_0_schemas_alone_and_rejects_other_versions() {
        let mut doc =
            json!({"openapi": "3.0.0", "components": {"schemas": {"S": {"examples": [1]}}}});
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(doc["components"]["schemas"]["S"], json!({"examples": [1]}));
        let mut doc = json!({"openapi": "2.0"});
        let err = run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap_err();
        assert_eq!(err.pointer, "/openapi");
    }
}
