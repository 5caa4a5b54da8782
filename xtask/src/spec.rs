//! Reading a spec file (YAML or JSON) into a JSON value, and checking it fits the OpenAPI 3.0 model.

use serde_json::Value;

use crate::error::PassError;

/// Parses `text` as JSON when `file_name` ends in `.json`, as YAML otherwise.
pub fn parse(text: &str, file_name: &str) -> Result<Value, PassError> {
    if file_name.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| {
            PassError::at(
                "",
                format!(
                    "{file_name} is not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )
        })
    } else {
        // YAML 1.2 booleans only: an enum value `yes` or `on` in a spec is a string.
        let options = serde_saphyr::options! { strict_booleans: true };
        serde_saphyr::from_str_with_options(text, options)
            .map_err(|e| PassError::at("", format!("{file_name} is not valid YAML: {e}")))
    }
}

/// Deserializes the document into progenitor's OpenAPI model, pointing at the first field that does not fit.
pub fn to_openapi(doc: &Value) -> Result<openapiv3::OpenAPI, PassError> {
    deserialize_at(doc, "").map_err(|whole| refine(doc).unwrap_or(whole))
}

fn deserialize_at<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &str,
) -> Result<T, PassError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = e
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => None,
            })
            .fold(base.to_owned(), |acc, token| {
                crate::pointer::join(&acc, &token)
            });
        PassError::at(
            pointer,
            format!("does not fit the OpenAPI 3.0 model: {}", e.inner()),
        )
    })
}

/// The model wraps most objects in an untagged `ReferenceOr`, which hides the failing field from
/// the error path; deserializing the typed places one by one, innermost kinds first, finds it.
fn refine(doc: &Value) -> Option<PassError> {
    fn attempt<T: serde::de::DeserializeOwned>(doc: &Value, pointer: &str) -> Option<PassError> {
        let value = doc.pointer(pointer)?;
        if value.get("$ref").is_some() {
            return None;
        }
        deserialize_at::<T>(value, pointer).err()
    }
    let schemas = crate::walk::root_schema_pointers(doc);
    let ops = crate::walk::operations(doc);
    let sub = |part: &str| -> Vec<String> {
        let mut out = Vec::new();
        for op in &ops {
            if let Some(map) = doc
                .pointer(&crate::pointer::join(&op.pointer, part))
                .and_then(Value::as_object)
            {
                out.extend(
                    map.keys()
                        .map(|k| crate::pointer::join(&crate::pointer::join(&op.pointer, part), k)),
                );
            }
        }
        out
    };
    schemas
        .iter()
        .find_map(|p| attempt::<openapiv3::Schema>(doc, p))
        .or_else(|| {
            sub("responses")
                .iter()
                .find_map(|p| attempt::<openapiv3::Response>(doc, p))
        })
        .or_else(|| {
            ops.iter().find_map(|o| {
                attempt::<openapiv3::RequestBody>(
                    doc,
                    &crate::pointer::join(&o.pointer, "requestBody"),
                )
            })
        })
        .or_else(|| {
            ops.iter()
                .find_map(|o| attempt::<openapiv3::Operation>(doc, &o.pointer))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_json_give_the_same_value_with_string_status_keys() {
        let yaml = parse("a:\n  200:\n    b: [1, x]\n", "s.yaml").unwrap();
        let json = parse(r#"{"a":{"200":{"b":[1,"x"]}}}"#, "s.json").unwrap();
        assert_eq!(yaml, json);
    }

    #[test]
    fn malformed_files_name_the_file_and_place() {
        let err = parse("{\"a\": [1,", "x.json").unwrap_err();
        assert!(
            err.reason.contains("x.json is not valid JSON (line 1"),
            "{}",
            err.reason
        );
        let err = parse("a: [1,\n", "x.yaml").unwrap_err();
        assert!(
            err.reason.contains("x.yaml is not valid YAML"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn model_mismatch_points_at_the_field() {
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}
        });
        let err = to_openapi(&doc).unwrap_err();
        assert_eq!(err.pointer, "/paths/~1a/get/responses/200/description");
    }
}
