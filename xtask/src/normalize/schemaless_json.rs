//! Pass `schemaless-json`: a JSON media type without a schema means "any JSON value".

use serde_json::{Value, json};

use super::request_media::is_json;
use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::media_type_pointers;

pub(super) const PASS: Pass = Pass {
    name: "schemaless-json",
    reason: "progenitor panics (`todo!`) on a JSON media type without a schema; `{}` makes it an untyped JSON value",
    run,
};

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for pointer in media_type_pointers(doc) {
        let media_type = pointer
            .rsplit('/')
            .next()
            .map(crate::pointer::unescape)
            .unwrap_or_default();
        if !is_json(&media_type) {
            continue;
        }
        match doc.pointer_mut(&pointer) {
            Some(Value::Object(media)) => {
                media.entry("schema").or_insert_with(|| json!({}));
            }
            Some(other) if other.is_null() => *other = json!({ "schema": {} }),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    #[test]
    fn adds_an_any_value_schema_to_json_only() {
        let mut d = json!({"paths": {"/a": {"get": {"responses": {"200": {"content": {
            "application/json": {}, "text/plain": {}, "application/vnd.x+json": null
        }}}}}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        let content = &d["paths"]["/a"]["get"]["responses"]["200"]["content"];
        assert_eq!(content["application/json"], json!({"schema": {}}));
        assert_eq!(content["application/vnd.x+json"], json!({"schema": {}}));
        assert_eq!(content["text/plain"], json!({}));
    }

    #[test]
    fn keeps_existing_schemas() {
        let mut d = json!({"paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "string"}}}}}}}});
        let before = d.clone();
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(d, before);
    }
}
