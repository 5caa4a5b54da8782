//! Pass `check-refs`: every `$ref` must point inside the document and resolve.

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;

pub(super) const PASS: Pass = Pass {
    name: "check-refs",
    reason: "progenitor unwraps references and would panic on one that does not resolve; report it with its place instead",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    check(doc, doc, "")
}

fn check(doc: &Value, value: &Value, pointer: &str) -> Result<(), PassError> {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref") {
                let here = join(pointer, "$ref");
                let Some(reference) = reference.as_str() else {
                    return Err(PassError::at(here, "`$ref` is not a string"));
                };
                let Some(target) = crate::pointer::from_ref(reference) else {
                    return Err(PassError::at(
                        here,
                        format!(
                            "`{reference}` points outside this document; only local references (`#/...`) are supported"
                        ),
                    ));
                };
                if doc.pointer(target).is_none() {
                    return Err(PassError::at(
                        here,
                        format!("`{reference}` does not resolve"),
                    ));
                }
            }
            for (key, sub) in map {
                // Examples are data, not schema: a `$ref` key inside one is just a value.
                if key == "example" || key == "examples" || key == "default" || key == "enum" {
                    continue;
                }
                check(doc, sub, &join(pointer, key))?;
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, sub)| check(doc, sub, &join(pointer, &i.to_string()))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;
    use serde_json::json;

    fn go(mut doc: Value) -> Result<(), PassError> {
        run(
            &mut doc,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
    }

    #[test]
    fn accepts_resolvable_refs() {
        go(json!({"components": {"schemas": {"A": {"type": "string"}, "B": {"$ref": "#/components/schemas/A"}}}})).unwrap();
    }

    #[test]
    fn names_the_place_of_an_unresolvable_ref() {
        let err = go(json!({"paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}})).unwrap_err();
        assert_eq!(err.pointer, "/paths/~1x/get/responses/200/$ref");
        assert!(
            err.reason
                .contains("#/components/responses/Nope` does not resolve")
        );
    }

    #[test]
    fn rejects_remote_refs() {
        let err = go(json!({"a": {"$ref": "other.yaml#/A"}})).unwrap_err();
        assert!(err.reason.contains("outside this document"));
    }

    #[test]
    fn ignores_ref_keys_inside_examples() {
        go(json!({"a": {"example": {"$ref": "not a reference, just data"}}})).unwrap();
    }
}
