//! Pass `string-unions`: a `oneOf`/`anyOf` whose every branch is a plain string schema becomes
//! one string schema.
//!
//! Branches that differ only in title, description or format (Whapi's media: a URL, base64, a
//! media id, a file) cannot be told apart by any value, and typify turns such a union into a
//! struct that no string deserializes into. A branch with an `enum`, `const`, `pattern` or
//! length bound distinguishes itself and keeps the union.

use serde_json::{Map, Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::{for_each_schema, resolve};

pub(super) const PASS: Pass = Pass {
    name: "string-unions",
    reason: "typify turns a union of indistinguishable string schemas into a struct no string decodes into",
    run,
};

/// Keys a branch may have and still be "just a string".
const PLAIN: &[&str] = &[
    "type",
    "format",
    "title",
    "description",
    "example",
    "examples",
    "nullable",
];

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    let lookup = doc.clone();
    for_each_schema(doc, &mut |schema, _| {
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Array(branches)) = schema.get(key) else {
                continue;
            };
            let plain: Option<Vec<&Map<String, Value>>> = branches
                .iter()
                .map(|b| resolve(&lookup, b).and_then(Value::as_object))
                .map(|b| b.filter(|b| is_plain_string(b)))
                .collect();
            let Some(plain) = plain.filter(|p| !p.is_empty()) else {
                continue;
            };
            let titles: Vec<String> = plain
                .iter()
                .filter_map(|b| b.get("title").or_else(|| b.get("description")))
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            schema.shift_remove(key);
            schema.insert("type".into(), json!("string"));
            if !schema.contains_key("description") && !titles.is_empty() {
                schema.insert(
                    "description".into(),
                    json!(format!("One of: {}.", titles.join("; "))),
                );
            }
        }
        Ok(())
    })
}

fn is_plain_string(branch: &Map<String, Value>) -> bool {
    branch.get("type").and_then(Value::as_str) == Some("string")
        && branch.keys().all(|k| PLAIN.contains(&k.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn convert(doc: Value) -> Value {
        let mut doc = doc;
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
    fn indistinguishable_string_branches_merge() {
        let doc = convert(json!({"components": {"schemas": {
            "Url": {"type": "string", "title": "From URL"},
            "Id": {"type": "string", "title": "Media id"},
            "S": {"type": "object", "properties": {"media": {"oneOf": [
                {"$ref": "#/components/schemas/Url"},
                {"$ref": "#/components/schemas/Id"},
                {"type": "string", "format": "binary", "title": "File"}
            ]}}}
        }}}));
        assert_eq!(
            doc["components"]["schemas"]["S"]["properties"]["media"],
            json!({"type": "string", "description": "One of: From URL; Media id; File."})
        );
    }

    #[test]
    fn distinguishable_or_mixed_branches_stay() {
        let kept = json!({"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "string"}]});
        let doc = convert(json!({"components": {"schemas": {"S": kept.clone()}}}));
        assert_eq!(doc["components"]["schemas"]["S"], kept);
        let mixed = json!({"oneOf": [{"type": "string"}, {"type": "object"}]});
        let doc = convert(json!({"components": {"schemas": {"S": mixed.clone()}}}));
        assert_eq!(doc["components"]["schemas"]["S"], mixed);
    }
}
