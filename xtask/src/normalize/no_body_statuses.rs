//! Pass `no-body-statuses`: 204, 205 and 304 responses, and every response to `HEAD`, have no
//! content (RFC 9110 §15, §9.3.2).
//!
//! A spec that gives them a body would make the generated client try to decode one that never
//! arrives, and would force the operation's other success responses into a different type.

use serde_json::{Value, json};

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;
use crate::walk::{operations, resolve};

pub(super) const PASS: Pass = Pass {
    name: "no-body-statuses",
    reason: "HTTP forbids content on 204/205/304 and on any answer to HEAD; a schema there would make the client decode a body that never arrives",
    run,
};

const NO_BODY: [&str; 3] = ["204", "205", "304"];

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for op in operations(doc) {
        let statuses: Vec<String> = if op.method == "head" {
            doc.pointer(&join(&op.pointer, "responses"))
                .and_then(Value::as_object)
                .map(|r| r.keys().cloned().collect())
                .unwrap_or_default()
        } else {
            NO_BODY.iter().map(|s| (*s).to_owned()).collect()
        };
        for status in &statuses {
            let pointer = join(&join(&op.pointer, "responses"), status);
            let Some(response) = doc.pointer(&pointer) else {
                continue;
            };
            let resolved = resolve(doc, response)
                .ok_or_else(|| PassError::at(&pointer, "response reference does not resolve"))?;
            if resolved
                .get("content")
                .is_none_or(|c| c.as_object().is_some_and(|m| m.is_empty()))
            {
                continue;
            }
            let description = resolved
                .get("description")
                .cloned()
                .unwrap_or_else(|| json!(""));
            if let Some(slot) = doc.pointer_mut(&pointer) {
                *slot = json!({ "description": description });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    #[test]
    fn strips_content_from_every_response_to_head() {
        let mut d = json!({"paths": {"/a": {"head": {"responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {}}}},
            "404": {"description": "missing", "content": {"application/json": {"schema": {}}}}
        }}}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        assert_eq!(
            d["paths"]["/a"]["head"]["responses"],
            json!({"200": {"description": "ok"}, "404": {"description": "missing"}})
        );
    }

    #[test]
    fn strips_content_from_no_body_statuses_only() {
        let mut d = json!({
            "paths": {"/a": {"get": {"responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {}}}},
                "204": {"description": "none", "content": {"application/json": {"schema": {}}}},
                "304": {"$ref": "#/components/responses/R"}
            }}}},
            "components": {"responses": {"R": {"description": "shared", "content": {"text/plain": {}}}}}
        });
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        let r = &d["paths"]["/a"]["get"]["responses"];
        assert_eq!(r["204"], json!({"description": "none"}));
        assert_eq!(r["304"], json!({"description": "shared"}));
        assert!(r["200"].get("content").is_some());
        assert!(
            d["components"]["responses"]["R"].get("content").is_some(),
            "shared component untouched"
        );
    }
}
