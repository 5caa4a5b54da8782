//! Pass `ref-siblings`: in OpenAPI 3.0 a `$ref` replaces its object, so keys beside it are ignored.
//!
//! Documentation-only siblings (`description`, `example`, …) are dropped, as 3.0 readers do
//! anyway. A sibling that changes meaning (`nullable`, `readOnly`, `default`, …) would be lost
//! silently, so the reference moves into `allOf` and the sibling stays on the wrapper.

use serde_json::{Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::for_each_schema;

pub(super) const PASS: Pass = Pass {
    name: "ref-siblings",
    reason: "a 3.0 reader ignores keys beside `$ref`; keep the meaningful ones by wrapping the reference in `allOf`",
    run,
};

/// Keys that only document; dropping them beside a `$ref` loses nothing progenitor uses.
const ANNOTATIONS: [&str; 6] = [
    "description",
    "summary",
    "title",
    "example",
    "examples",
    "externalDocs",
];

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for_each_schema(doc, &mut |schema, _| {
        let Some(reference) = schema.get("$ref").cloned() else {
            return Ok(());
        };
        if schema.len() == 1 {
            return Ok(());
        }
        schema.retain(|k, _| k == "$ref" || !ANNOTATIONS.contains(&k.as_str()));
        if schema.len() > 1 {
            schema.shift_remove("$ref");
            schema.insert("allOf".into(), json!([{ "$ref": reference }]));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn convert(schema: Value) -> Value {
        let mut doc = json!({"components": {"schemas": {"S": {"properties": {"p": schema}}}}});
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        doc["components"]["schemas"]["S"]["properties"]["p"].take()
    }

    #[test]
    fn drops_documentation_siblings() {
        assert_eq!(
            convert(json!({"$ref": "#/components/schemas/T", "description": "d", "example": 1})),
            json!({"$ref": "#/components/schemas/T"})
        );
    }

    #[test]
    fn wraps_meaningful_siblings_in_all_of() {
        assert_eq!(
            convert(
                json!({"$ref": "#/components/schemas/T", "nullable": true, "description": "d"})
            ),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
        );
    }
}
