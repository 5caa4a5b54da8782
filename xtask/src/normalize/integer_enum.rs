//! Pass `integer-string-enum`: an integer (or number) schema whose `enum` lists strings
//! (`type: integer, enum: ['1', '2']`) gets numeric enum values.

use serde_json::{Number, Value};

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;
use crate::walk::for_each_schema;

pub(super) const PASS: Pass = Pass {
    name: "integer-string-enum",
    reason: "typify cannot build an integer enum from string values; the values are the numbers they spell",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for_each_schema(doc, &mut |schema, pointer| {
        let ty = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if ty != "integer" && ty != "number" {
            return Ok(());
        }
        let Some(Value::Array(values)) = schema.get_mut("enum") else {
            return Ok(());
        };
        for (i, value) in values.iter_mut().enumerate() {
            let Value::String(text) = value else { continue };
            let number = if ty == "integer" {
                text.trim().parse::<i64>().ok().map(Number::from)
            } else {
                text.trim().parse::<f64>().ok().and_then(Number::from_f64)
            };
            *value = Value::Number(number.ok_or_else(|| {
                PassError::at(
                    join(&join(pointer, "enum"), &i.to_string()),
                    format!("`{text}` is not an {ty}"),
                )
            })?);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;
    use serde_json::json;

    fn convert(schema: Value) -> Result<Value, PassError> {
        let mut d = json!({"components": {"schemas": {"S": schema}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )?;
        Ok(d["components"]["schemas"]["S"].take())
    }

    #[test]
    fn string_values_become_numbers() {
        assert_eq!(
            convert(json!({"type": "integer", "enum": ["1", "16"]})).unwrap(),
            json!({"type": "integer", "enum": [1, 16]})
        );
        assert_eq!(
            convert(json!({"type": "number", "enum": ["1.5"]})).unwrap(),
            json!({"type": "number", "enum": [1.5]})
        );
        assert_eq!(
            convert(json!({"type": "string", "enum": ["1"]})).unwrap(),
            json!({"type": "string", "enum": ["1"]})
        );
    }

    #[test]
    fn a_non_numeric_value_is_an_error_naming_it() {
        let err = convert(json!({"type": "integer", "enum": ["1", "two"]})).unwrap_err();
        assert_eq!(err.pointer, "/components/schemas/S/enum/1");
        assert!(err.reason.contains("`two` is not an integer"));
    }
}
