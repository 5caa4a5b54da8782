//! Finds the places in an OpenAPI document where schemas, media types and operations live.
//!
//! Passes must know whether an object is a schema: `examples` is an array in a 3.1 schema but a
//! map of Example objects on a 3.0 media type, and `type` means different things in both.

use serde_json::{Map, Value};

use crate::error::PassError;
use crate::pointer::join;

/// HTTP methods an OpenAPI path item may hold operations under.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keywords whose value is one sub-schema.
const SCHEMA_VALUED: [&str; 5] = [
    "items",
    "not",
    "additionalProperties",
    "contains",
    "propertyNames",
];
/// Keywords whose value is a list of sub-schemas.
const SCHEMA_LISTS: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to sub-schemas.
const SCHEMA_MAPS: [&str; 3] = ["properties", "patternProperties", "$defs"];

/// One operation of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRef {
    /// Path template, e.g. `/{phone-number-id}/messages`.
    pub path: String,
    /// Lower-case method.
    pub method: String,
    /// `operationId`, when present.
    pub operation_id: Option<String>,
    /// Pointer to the operation object.
    pub pointer: String,
}

/// All operations, in document order.
pub fn operations(doc: &Value) -> Vec<OperationRef> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            out.push(OperationRef {
                path: path.clone(),
                method: method.clone(),
                operation_id: op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                pointer: join(&join("/paths", path), method),
            });
        }
    }
    out
}

/// Pointers of every media type object (`.../content/<type>`) in request bodies, responses and
/// parameters, in document order.
pub fn media_type_pointers(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_content_holders(doc, &mut |holder, pointer| {
        if let Some(content) = holder.get("content").and_then(Value::as_object) {
            for media in content.keys() {
                out.push(join(&join(pointer, "content"), media));
            }
        }
    });
    out
}

/// Pointers of every object that may hold `content`: request bodies, responses, parameters, headers.
fn collect_content_holders(doc: &Value, f: &mut dyn FnMut(&Value, &str)) {
    let visit_responses = |responses: &Value, base: &str, f: &mut dyn FnMut(&Value, &str)| {
        if let Some(map) = responses.as_object() {
            for (code, response) in map {
                let p = join(base, code);
                f(response, &p);
                visit_headers(response, &p, f);
            }
        }
    };
    for op in operations(doc) {
        let Some(operation) = doc.pointer(&op.pointer) else {
            continue;
        };
        if let Some(body) = operation.get("requestBody") {
            f(body, &join(&op.pointer, "requestBody"));
        }
        visit_list(
            operation.get("parameters"),
            &join(&op.pointer, "parameters"),
            f,
        );
        if let Some(responses) = operation.get("responses") {
            visit_responses(responses, &join(&op.pointer, "responses"), f);
        }
    }
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let base = join(&join("/paths", path), "parameters");
            visit_list(item.get("parameters"), &base, f);
        }
    }
    let Some(components) = doc.get("components") else {
        return;
    };
    for (section, is_response) in [
        ("requestBodies", false),
        ("parameters", false),
        ("headers", false),
        ("responses", true),
    ] {
        let Some(map) = components.get(section).and_then(Value::as_object) else {
            continue;
        };
        let base = join("/components", section);
        if is_response {
            visit_responses(&Value::Object(map.clone()), &base, f);
        } else {
            for (name, holder) in map {
                f(holder, &join(&base, name));
            }
        }
    }
}

fn visit_list(list: Option<&Value>, base: &str, f: &mut dyn FnMut(&Value, &str)) {
    if let Some(items) = list.and_then(Value::as_array) {
        for (i, item) in items.iter().enumerate() {
            f(item, &join(base, &i.to_string()));
        }
    }
}

fn visit_headers(response: &Value, base: &str, f: &mut dyn FnMut(&Value, &str)) {
    if let Some(headers) = response.get("headers").and_then(Value::as_object) {
        for (name, header) in headers {
            f(header, &join(&join(base, "headers"), name));
        }
    }
}

/// What [`for_each_schema`] calls on each schema object, with its pointer.
pub type SchemaVisitor<'a> = dyn FnMut(&mut Map<String, Value>, &str) -> Result<(), PassError> + 'a;

/// Pointers of every top-level schema: component schemas and the `schema` of every media type,
/// parameter and header. Nested schemas are reached through [`for_each_schema`].
pub fn root_schema_pointers(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        out.extend(schemas.keys().map(|name| join("/components/schemas", name)));
    }
    collect_content_holders(doc, &mut |holder, pointer| {
        if holder.get("schema").is_some() {
            out.push(join(pointer, "schema"));
        }
    });
    for media in media_type_pointers(doc) {
        if doc.pointer(&media).and_then(|m| m.get("schema")).is_some() {
            out.push(join(&media, "schema"));
        }
    }
    out
}

/// Calls `f` on every schema object in the document (pre-order: a schema before its
/// sub-schemas, so `f` may rewrite a schema and have the result walked).
pub fn for_each_schema(doc: &mut Value, f: &mut SchemaVisitor<'_>) -> Result<(), PassError> {
    for pointer in root_schema_pointers(doc) {
        if let Some(schema) = doc.pointer_mut(&pointer) {
            walk_schema(schema, &pointer, f)?;
        }
    }
    Ok(())
}

/// Walks one schema and its sub-schemas.
pub fn walk_schema(
    schema: &mut Value,
    pointer: &str,
    f: &mut SchemaVisitor<'_>,
) -> Result<(), PassError> {
    let Value::Object(map) = schema else {
        return Ok(());
    };
    f(map, pointer)?;
    for key in SCHEMA_VALUED {
        if let Some(sub) = map.get_mut(key) {
            walk_schema(sub, &join(pointer, key), f)?;
        }
    }
    for key in SCHEMA_LISTS {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            for (i, sub) in items.iter_mut().enumerate() {
                walk_schema(sub, &join(&join(pointer, key), &i.to_string()), f)?;
            }
        }
    }
    for key in SCHEMA_MAPS {
        if let Some(Value::Object(subs)) = map.get_mut(key) {
            for (name, sub) in subs.iter_mut() {
                walk_schema(sub, &join(&join(pointer, key), name), f)?;
            }
        }
    }
    Ok(())
}

/// Follows local `$ref`s until a non-reference value; `None` when one does not resolve.
pub fn resolve<'a>(doc: &'a Value, value: &'a Value) -> Option<&'a Value> {
    let mut current = value;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => current = doc.pointer(crate::pointer::from_ref(reference)?)?,
            None => return Some(current),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/m/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "post": {
                    "operationId": "send",
                    "requestBody": {"content": {"application/json": {"schema": {"properties": {"a": {"items": {"type": "integer"}}}}}}},
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}}}
                },
                "summary": "not an operation"
            }},
            "components": {"schemas": {"S": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}
        })
    }

    #[test]
    fn finds_operations_with_pointers() {
        let ops = operations(&doc());
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].pointer, "/paths/~1m~1{id}/post");
        assert_eq!(ops[0].operation_id.as_deref(), Some("send"));
    }

    #[test]
    fn visits_every_schema_including_nested_ones() {
        let mut d = doc();
        let mut seen = Vec::new();
        for_each_schema(&mut d, &mut |_, p| {
            seen.push(p.to_owned());
            Ok(())
        })
        .unwrap();
        seen.sort();
        assert_eq!(
            seen,
            [
                "/components/schemas/S",
                "/components/schemas/S/anyOf/0",
                "/components/schemas/S/anyOf/1",
                "/paths/~1m~1{id}/parameters/0/schema",
                "/paths/~1m~1{id}/post/requestBody/content/application~1json/schema",
                "/paths/~1m~1{id}/post/requestBody/content/application~1json/schema/properties/a",
                "/paths/~1m~1{id}/post/requestBody/content/application~1json/schema/properties/a/items",
                "/paths/~1m~1{id}/post/responses/200/content/application~1json/schema",
            ]
        );
    }

    #[test]
    fn resolves_local_refs() {
        let d = doc();
        let r = json!({"$ref": "#/components/schemas/S"});
        assert!(resolve(&d, &r).unwrap().get("anyOf").is_some());
        assert!(resolve(&d, &json!({"$ref": "#/components/schemas/Nope"})).is_none());
    }
}
