//! Pass `request-media-type`: progenitor accepts exactly one media type per request body.
//!
//! When a body is offered as JSON and as something else, JSON is kept. Every other media type
//! dropped here must be listed in `codegen.toml` under `dropped_request_media_types` with the
//! reason (its variant is hand-written); a body without a JSON variant is an error that asks for
//! the operation to be listed as hand-written.

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;
use crate::walk::operations;

pub(super) const PASS: Pass = Pass {
    name: "request-media-type",
    reason: "progenitor generates one body per operation and panics when several media types are offered",
    run,
};

/// Whether a media type is JSON (`application/json`, `application/problem+json`, with parameters).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn run(doc: &mut Value, cx: &Context<'_>) -> Result<(), PassError> {
    let mut bodies: Vec<String> = operations(doc)
        .into_iter()
        .map(|op| join(&op.pointer, "requestBody"))
        .collect();
    if let Some(shared) = doc
        .pointer("/components/requestBodies")
        .and_then(Value::as_object)
    {
        bodies.extend(
            shared
                .keys()
                .map(|name| join("/components/requestBodies", name)),
        );
    }
    for pointer in bodies {
        let Some(content) = doc
            .pointer_mut(&join(&pointer, "content"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if content.len() < 2 {
            continue;
        }
        let Some(json) = content.keys().find(|m| is_json(m)).cloned() else {
            let offered: Vec<_> = content.keys().cloned().collect();
            return Err(PassError::at(
                join(&pointer, "content"),
                format!(
                    "body is offered as {} and none is JSON; list the operation under `hand_written` in codegen.toml",
                    offered.join(", ")
                ),
            ));
        };
        for media in content.keys() {
            if media != &json
                && !cx
                    .config
                    .dropped_request_media_types
                    .iter()
                    .any(|d| d.covers(media) && !d.reason.trim().is_empty())
            {
                return Err(PassError::at(
                    join(&join(&pointer, "content"), media),
                    format!(
                        "would drop `{media}` silently; list it under `dropped_request_media_types` in codegen.toml with the reason"
                    ),
                ));
            }
        }
        content.retain(|media, _| media == &json);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{CodegenConfig, DroppedMediaType};
    use serde_json::json;

    fn multipart_allowed() -> CodegenConfig {
        CodegenConfig {
            dropped_request_media_types: vec![DroppedMediaType {
                media_type: Some("multipart/form-data".into()),
                reason: "hand-written".into(),
                ..DroppedMediaType::default()
            }],
            ..CodegenConfig::default()
        }
    }

    fn doc(content: Value) -> Value {
        json!({"paths": {"/m": {"post": {"requestBody": {"content": content}}}}, "components": {"requestBodies": {"B": {"content": {"application/json": {}}}}}})
    }

    #[test]
    fn keeps_json_and_drops_listed_media_types() {
        let mut d = doc(
            json!({"multipart/form-data": {}, "application/json; charset=utf-8": {"schema": {}}}),
        );
        run(
            &mut d,
            &Context {
                config: &multipart_allowed(),
            },
        )
        .unwrap();
        assert_eq!(
            d["paths"]["/m"]["post"]["requestBody"]["content"],
            json!({"application/json; charset=utf-8": {"schema": {}}})
        );
    }

    #[test]
    fn refuses_to_drop_an_unlisted_media_type() {
        let mut d = doc(json!({"application/json": {}, "application/xml": {}}));
        let err = run(
            &mut d,
            &Context {
                config: &multipart_allowed(),
            },
        )
        .unwrap_err();
        assert_eq!(
            err.pointer,
            "/paths/~1m/post/requestBody/content/application~1xml"
        );
    }

    #[test]
    fn a_body_without_json_must_be_hand_written() {
        let mut d = doc(json!({"image/png": {}, "image/jpeg": {}}));
        let err = run(
            &mut d,
            &Context {
                config: &multipart_allowed(),
            },
        )
        .unwrap_err();
        assert!(
            err.reason
                .contains("image/png, image/jpeg and none is JSON"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn recognises_json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/problem+json"));
        assert!(is_json("application/json;charset=UTF-8"));
        assert!(!is_json("text/json-ish"));
        assert!(!is_json("multipart/form-data"));
    }
}
