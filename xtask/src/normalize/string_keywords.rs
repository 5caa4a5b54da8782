//! Pass `string-keywords-on-non-strings`: `pattern`, `minLength` and `maxLength` beside a type
//! that is not a string.
//!
//! JSON Schema applies these keywords to strings only, so a validator ignores them on YCloud's
//! `Error.status` (`type: integer, pattern: [45]\d{2}`); generators do not, and answer with
//! the string `"456"` where the spec, the provider and the crate all mean the number 456. The
//! keywords say nothing about a non-string value, so they go.

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::for_each_schema;

pub(super) const PASS: Pass = Pass {
    name: "string-keywords-on-non-strings",
    reason: "pattern and length bounds on a non-string type validate nothing, yet make generators answer strings",
    run,
};

const STRING_ONLY: [&str; 3] = ["pattern", "minLength", "maxLength"];

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for_each_schema(doc, &mut |schema, _| {
        let non_string = schema
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t != "string");
        if non_string {
            for key in STRING_ONLY {
                schema.shift_remove(key);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;
    use serde_json::json;

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
    fn a_pattern_on_an_integer_goes() {
        assert_eq!(
            convert(json!({"type": "integer", "format": "int32", "pattern": "[45]\\d{2}"})),
            json!({"type": "integer", "format": "int32"})
        );
    }

    #[test]
    fn string_and_untyped_schemas_keep_theirs() {
        for schema in [
            json!({"type": "string", "pattern": "^a", "maxLength": 3}),
            json!({"pattern": "^a"}),
        ] {
            assert_eq!(convert(schema.clone()), schema);
        }
    }
}
