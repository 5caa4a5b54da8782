//! Values generated from a schema, the way a provider could answer: every declared property
//! present, arrays non-empty, one `oneOf` branch per seed, deterministic for a given seed.
//!
//! Unlike `calls::values`, which builds the smallest valid request and prefers the
//! spec's examples, this exercises the decoder with everything the schema allows.

use serde_json::{Map, Value, json};

use crate::walk::resolve;

/// Below this depth every declared property is filled; deeper, only required ones (recursive
/// message schemas would otherwise never end).
const FULL_DEPTH: usize = 5;

/// Past this depth a required value becomes `null`.
const MAX_DEPTH: usize = 14;

/// What to fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Every declared property (an answer with all optional fields present).
    Everything,
    /// Required properties only (what a caller must set on a request).
    Required,
}

/// A seeded generator over one document.
#[derive(Debug)]
pub struct Faker<'a> {
    doc: &'a Value,
    state: u64,
    fill: Fill,
    /// When set, the first union met at the top takes this branch instead of a seeded one.
    branch: Option<usize>,
}

impl<'a> Faker<'a> {
    /// A generator for `doc` with `seed`.
    pub fn new(doc: &'a Value, seed: u64, fill: Fill) -> Self {
        Self {
            doc,
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03,
            fill,
            branch: None,
        }
    }

    /// Makes the outermost `oneOf`/`anyOf` take branch `index`.
    pub fn with_branch(mut self, index: usize) -> Self {
        self.branch = Some(index);
        self
    }

    /// A value for `schema`.
    pub fn value(&mut self, schema: &Value) -> Value {
        self.build(schema, 0)
    }

    /// splitmix64: small, deterministic, good enough to vary choices between seeds.
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    fn build(&mut self, schema: &Value, depth: usize) -> Value {
        let doc = self.doc;
        let Some(schema) = resolve(doc, schema) else {
            return Value::Null;
        };
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        if let Some(Value::Array(values)) = schema.get("enum") {
            let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
            if !values.is_empty() {
                let i = self.pick(values.len());
                return values[i].clone();
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = schema.get(key)
                && !branches.is_empty()
            {
                let index = match self.branch.take() {
                    Some(forced) => forced.min(branches.len() - 1),
                    None => self.pick(branches.len()),
                };
                let chosen = self.build(&branches[index], depth + 1);
                // Properties beside the union (a parent both branches share) join the branch's.
                if schema.get("properties").is_some()
                    && let Value::Object(mut own) = self.object(schema, depth)
                {
                    if let Value::Object(extra) = chosen {
                        own.extend(extra);
                    }
                    return Value::Object(own);
                }
                return chosen;
            }
        }
        self.branch = None;
        if let Some(Value::Array(parts)) = schema.get("allOf") {
            let is_object = |s: &Value| {
                resolve(doc, s).is_some_and(|s| {
                    s.get("type").and_then(Value::as_str) == Some("object")
                        || s.get("properties").is_some()
                        || s.get("allOf").is_some()
                        || s.get("required").is_some()
                })
            };
            if parts.iter().all(is_object) || schema.get("properties").is_some() {
                return self.object(schema, depth);
            }
            if let Some(first) = parts.first() {
                return self.build(first, depth + 1);
            }
        }
        let kind = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_else(|| {
                if schema.get("properties").is_some()
                    || schema.get("additionalProperties").is_some()
                {
                    "object"
                } else if schema.get("items").is_some() {
                    "array"
                } else {
                    "string"
                }
            });
        match kind {
            "object" => self.object(schema, depth),
            "array" => {
                let min = schema
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .max(1);
                // Two items near the top (an array of unions shows two branches), one deeper.
                let wanted = if depth < 3 { 2 } else { 1 };
                let max = schema
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(wanted);
                let count = min.max(wanted.min(max));
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                let unique = schema.get("uniqueItems").and_then(Value::as_bool) == Some(true);
                let mut out: Vec<Value> = Vec::new();
                for _ in 0..count {
                    let item = self.build(&items, depth + 1);
                    if unique && out.contains(&item) {
                        continue;
                    }
                    out.push(item);
                }
                Value::Array(out)
            }
            "integer" => {
                let (low, high) = bounds(schema, 1.0, 1000.0);
                let span = (high - low).max(0.0) as u64;
                json!(low as i64 + (self.next() % (span + 1)) as i64)
            }
            "number" => {
                let (low, high) = bounds(schema, 0.5, 1000.5);
                let step = (self.next() % 1000) as f64 / 1000.0;
                json!(low + (high - low) * step)
            }
            "boolean" => json!(self.next().is_multiple_of(2)),
            "null" => Value::Null,
            _ => json!(self.string(schema)),
        }
    }

    fn string(&mut self, schema: &Value) -> String {
        let plain = schema.get("format").is_none() && schema.get("pattern").is_none();
        if plain {
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
            let max = schema
                .get("maxLength")
                .and_then(Value::as_u64)
                .map_or(usize::MAX, |m| m as usize);
            let mut text = format!("text-{}", self.next() % 10_000);
            while text.chars().count() < min {
                text.push('x');
            }
            return text.chars().take(max).collect();
        }
        crate::calls::values::string(schema)
    }

    /// Every property of an object schema (its `allOf` parts' included) that [`Fill`] asks for.
    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        collect(self.doc, schema, &mut properties, &mut required, 0);
        let everything = self.fill == Fill::Everything && depth < FULL_DEPTH;
        let mut out = Map::new();
        for (name, property) in &properties {
            let wanted = required.contains(name) || everything;
            let hidden = resolve(self.doc, property).is_some_and(|p| {
                let flag = |k: &str| p.get(k).and_then(Value::as_bool) == Some(true);
                match self.fill {
                    Fill::Everything => flag("writeOnly"),
                    Fill::Required => flag("readOnly"),
                }
            });
            if wanted && !hidden {
                let value = self.build(property, depth + 1);
                out.insert(name.clone(), value);
            }
        }
        if everything
            && properties.is_empty()
            && let Some(extra) = resolve(self.doc, schema)
                .and_then(|s| s.get("additionalProperties"))
                .filter(|a| a.is_object())
        {
            let extra = extra.clone();
            let value = self.build(&extra, depth + 1);
            out.insert("key1".into(), value);
        }
        Value::Object(out)
    }
}

fn bounds(schema: &Value, low: f64, high: f64) -> (f64, f64) {
    let get = |k: &str| schema.get(k).and_then(Value::as_f64);
    let mut min = get("minimum").unwrap_or(low);
    let mut max = get("maximum").unwrap_or(high.max(min + 10.0));
    if schema.get("exclusiveMinimum").and_then(Value::as_bool) == Some(true) {
        min += 1.0;
    }
    if let Some(x) = get("exclusiveMinimum") {
        min = x + 1.0;
    }
    if schema.get("exclusiveMaximum").and_then(Value::as_bool) == Some(true) {
        max -= 1.0;
    }
    if let Some(x) = get("exclusiveMaximum") {
        max = x - 1.0;
    }
    (min, max.max(min))
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
    required.extend(
        schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned),
    );
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(doc, part, properties, required, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Media": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"},
                "size": {"type": "integer", "minimum": 1, "maximum": 5},
                "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}
            }},
            "Either": {"oneOf": [
                {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
                {"$ref": "#/components/schemas/Media"}
            ]}
        }}})
    }

    #[test]
    fn everything_fills_optionals_and_non_empty_arrays() {
        let d = doc();
        let value = Faker::new(&d, 1, Fill::Everything)
            .value(&json!({"$ref": "#/components/schemas/Media"}));
        assert!(value["id"].is_string(), "{value}");
        let size = value["size"].as_i64().unwrap();
        assert!((1..=5).contains(&size), "{value}");
        assert!(!value["tags"].as_array().unwrap().is_empty(), "{value}");
    }

    #[test]
    fn required_fill_leaves_optionals_out() {
        let d = doc();
        let value =
            Faker::new(&d, 1, Fill::Required).value(&json!({"$ref": "#/components/schemas/Media"}));
        assert_eq!(
            value.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["id"]
        );
    }

    #[test]
    fn seeds_are_deterministic_and_branches_can_be_forced() {
        let d = doc();
        let either = json!({"$ref": "#/components/schemas/Either"});
        let a = Faker::new(&d, 7, Fill::Everything).value(&either);
        let b = Faker::new(&d, 7, Fill::Everything).value(&either);
        assert_eq!(a, b);
        let media = Faker::new(&d, 7, Fill::Everything)
            .with_branch(1)
            .value(&either);
        assert!(media.get("id").is_some(), "{media}");
        let text = Faker::new(&d, 7, Fill::Everything)
            .with_branch(0)
            .value(&either);
        assert!(text.get("text").is_some(), "{text}");
    }
}
