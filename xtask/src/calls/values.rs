//! A JSON value that satisfies a schema, preferring what the spec itself gives as an example.

use serde_json::{Map, Value, json};

use crate::walk::resolve;

/// Deepest nesting filled in; deeper optional structure is left out, deeper required structure
/// becomes `null` (and shows up as a request the contract suite reports).
const MAX_DEPTH: usize = 12;

/// Candidates tried, in order, for a string with a `pattern` and no example.
const PATTERN_CANDIDATES: &[&str] = &[
    "contract",
    "15551234567",
    "15551234567@s.whatsapp.net",
    "120363025246125486@g.us",
    "120363025246125486@newsletter",
    "15551234567@c.us",
    "status@broadcast",
    "ABCDEFGHIJKLMNOPQRSTUV",
    "abcdefghijklmnop",
    "1234567890",
    "1",
    "a",
    "en_US",
    "en",
    "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
];

/// The example of a parameter or media-type object (`example`, then the first `examples`).
pub(crate) fn own_example(holder: &Value) -> Option<Value> {
    if let Some(example) = holder.get("example") {
        return Some(example.clone());
    }
    match holder.get("examples")? {
        Value::Array(items) => items.first().cloned(),
        Value::Object(named) => named.values().next()?.get("value").cloned(),
        _ => None,
    }
}

/// A value for `schema` in `doc`.
pub(crate) fn example(doc: &Value, schema: &Value) -> Value {
    build(doc, schema, 0)
}

fn build(doc: &Value, schema: &Value, depth: usize) -> Value {
    let Some(schema) = resolve(doc, schema) else {
        return Value::Null;
    };
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    if let Some(example) = own_example(schema).filter(|e| fits_type(schema, e)) {
        return example;
    }
    if let Some(default) = schema.get("default") {
        return default.clone();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(constant) = schema.get("const") {
        return constant.clone();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let is_object = |s: &Value| {
            resolve(doc, s).is_some_and(|s| {
                s.get("type").and_then(Value::as_str) == Some("object")
                    || s.get("properties").is_some()
                    || s.get("allOf").is_some()
            })
        };
        if parts.iter().all(is_object) || schema.get("properties").is_some() {
            return object(doc, schema, depth);
        }
        // `allOf` around one non-object schema (a `$ref` with a description beside it).
        if let Some(first) = parts.first() {
            return build(doc, first, depth + 1);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|b| b.first())
        {
            return build(doc, first, depth + 1);
        }
    }
    let kind = schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_else(|| {
            if schema.get("properties").is_some() {
                "object"
            } else if schema.get("items").is_some() {
                "array"
            } else {
                "string"
            }
        });
    match kind {
        "object" => object(doc, schema, depth),
        "array" => {
            let item = schema
                .get("items")
                .map_or(Value::Null, |i| build(doc, i, depth + 1));
            let count = schema
                .get("minItems")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            Value::Array((0..count).map(|_| item.clone()).collect())
        }
        "integer" => json!(number(schema).round() as i64),
        "number" => json!(number(schema)),
        "boolean" => json!(true),
        _ => json!(string(schema)),
    }
}

/// Whether `value` has the JSON type `schema` declares (a spec's example sometimes does not, as
/// an integer id for a string); a value that fails this cannot be the right example.
pub(crate) fn fits_type(schema: &Value, value: &Value) -> bool {
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        Some("object") => value.is_object(),
        _ => true,
    }
}

/// The required properties of an object schema, each with a value. Properties and `required`
/// lists of `allOf` parts count as the schema's own, as JSON Schema validates them together.
fn object(doc: &Value, schema: &Value, depth: usize) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    collect(doc, schema, &mut properties, &mut required, 0);
    let mut out = Map::new();
    for name in required {
        if out.contains_key(&name) {
            continue;
        }
        let value = properties
            .get(&name)
            .map_or_else(|| json!("contract"), |p| build(doc, p, depth + 1));
        out.insert(name, value);
    }
    Value::Object(out)
}

/// Gathers the properties and required names of `schema` and its `allOf` parts.
fn collect(
    doc: &Value,
    schema: &Value,
    properties: &mut Map<String, Value>,
    required: &mut Vec<String>,
    depth: usize,
) {
    let Some(schema) = resolve(doc, schema) else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(own) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in own {
            properties
                .entry(name.clone())
                .or_insert_with(|| property.clone());
        }
    }
    for name in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        required.push(name.to_owned());
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(doc, part, properties, required, depth + 1);
    }
}

fn number(schema: &Value) -> f64 {
    let minimum = schema.get("minimum").and_then(Value::as_f64);
    let maximum = schema.get("maximum").and_then(Value::as_f64);
    match (minimum, maximum) {
        (Some(min), _) if min > 0.0 => min,
        (_, Some(max)) if max < 1.0 => max,
        _ => 1.0,
    }
}

/// A string for a `type: string` schema: by `format`, then `pattern`, then lengths.
pub(crate) fn string(schema: &Value) -> String {
    let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
    let by_format = match format {
        "date-time" => Some("2026-01-01T00:00:00Z"),
        "date" => Some("2026-01-01"),
        "time" => Some("12:00:00"),
        "uri" | "url" => Some("https://example.com/contract.jpg"),
        "email" => Some("contract@example.com"),
        "uuid" => Some("00000000-0000-4000-8000-000000000000"),
        "byte" => Some("Y29udHJhY3Q="),
        "ipv4" => Some("127.0.0.1"),
        "hostname" => Some("example.com"),
        _ => None,
    };
    if let Some(value) = by_format {
        return value.to_owned();
    }
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = schema
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |m| m as usize);
    let fits = |s: &str| (min..=max).contains(&s.chars().count());
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
        && let Ok(regex) = regress::Regex::new(pattern)
    {
        if let Some(found) = PATTERN_CANDIDATES
            .iter()
            .find(|c| fits(c) && regex.find(c).is_some())
        {
            return (*found).to_owned();
        }
        if let Some(sample) = super::pattern::sample(pattern).filter(|s| fits(s)) {
            return sample;
        }
    }
    let mut value = String::from("contract");
    while value.chars().count() < min {
        value.push('x');
    }
    value.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_win_then_defaults_then_enums() {
        let doc = json!({});
        assert_eq!(
            example(
                &doc,
                &json!({"type": "string", "example": "hi", "default": "x"})
            ),
            json!("hi")
        );
        assert_eq!(
            example(
                &doc,
                &json!({"type": "string", "default": "x", "enum": ["y"]})
            ),
            json!("x")
        );
        assert_eq!(
            example(&doc, &json!({"type": "string", "enum": ["y", "z"]})),
            json!("y")
        );
    }

    #[test]
    fn objects_get_their_required_properties_through_refs_and_all_of() {
        let doc = json!({"components": {"schemas": {
            "Base": {"type": "object", "required": ["to"], "properties": {"to": {"type": "string", "format": "email"}}},
            "Msg": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "minimum": 3}, "opt": {"type": "string"}}}]},
            "Outer": {"type": "object", "required": ["to", "opt"], "allOf": [{"$ref": "#/components/schemas/Msg"}]}
        }}});
        assert_eq!(
            example(&doc, &json!({"$ref": "#/components/schemas/Msg"})),
            json!({"to": "contract@example.com", "n": 3})
        );
        // Required names of the outer schema find their properties in its `allOf` parts.
        assert_eq!(
            example(&doc, &json!({"$ref": "#/components/schemas/Outer"})),
            json!({"to": "contract@example.com", "opt": "contract", "n": 3})
        );
    }

    #[test]
    fn patterns_and_lengths_are_honoured() {
        let doc = json!({});
        assert_eq!(
            example(
                &doc,
                &json!({"type": "string", "pattern": "^[\\d-]{10,31}@g\\.us$"})
            ),
            json!("120363025246125486@g.us")
        );
        assert_eq!(
            example(&doc, &json!({"type": "string", "minLength": 10})),
            json!("contractxx")
        );
        assert_eq!(
            example(
                &doc,
                &json!({"type": "array", "minItems": 2, "items": {"type": "boolean"}})
            ),
            json!([true, true])
        );
    }

    #[test]
    fn parameter_examples_come_from_example_or_examples() {
        assert_eq!(
            own_example(&json!({"examples": {"a": {"value": 5}}})),
            Some(json!(5))
        );
        assert_eq!(own_example(&json!({"example": "x"})), Some(json!("x")));
        assert_eq!(own_example(&json!({})), None);
    }
}
