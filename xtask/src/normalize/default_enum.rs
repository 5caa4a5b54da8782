//! Pass `default-outside-enum`: a `default` that its own `enum` does not allow.
//!
//! When the default spells an allowed value (`6` for `'6'`), it takes that value's form;
//! otherwise it is removed, since no valid instance could carry it.

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::for_each_schema;

pub(super) const PASS: Pass = Pass {
    name: "default-outside-enum",
    reason: "typify generates a `Default` impl from `default` and fails when the value is not one of the enum's",
    run,
};

fn spelled(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for_each_schema(doc, &mut |schema, _| {
        let (Some(Value::Array(values)), Some(default)) =
            (schema.get("enum"), schema.get("default"))
        else {
            return Ok(());
        };
        if values.contains(default) {
            return Ok(());
        }
        match values
            .iter()
            .find(|v| spelled(v) == spelled(default))
            .cloned()
        {
            Some(same) => {
                schema.insert("default".into(), same);
            }
            None => {
                schema.shift_remove("default");
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
    fn a_default_spelling_an_allowed_value_takes_its_form() {
        assert_eq!(
            convert(json!({"enum": ["6", "12"], "default": 6})),
            json!({"enum": ["6", "12"], "default": "6"})
        );
    }

    #[test]
    fn a_default_no_value_allows_is_removed() {
        assert_eq!(
            convert(json!({"enum": ["web", "api"], "default": "text"})),
            json!({"enum": ["web", "api"]})
        );
    }

    #[test]
    fn a_valid_default_stays() {
        assert_eq!(
            convert(json!({"enum": ["web"], "default": "web"})),
            json!({"enum": ["web"], "default": "web"})
        );
    }
}
