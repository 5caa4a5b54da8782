//! Pass `unify-responses`: an operation's success responses must share one type, and so must its
//! error responses (progenitor asserts this; an enum of response types is on its to-do list).
//!
//! - `default` beside explicit success codes stands for the errors: it becomes `4XX` and `5XX`;
//!   beside explicit errors only, it stands for success and becomes `2XX`.
//! - Several JSON schemas in one group become one component schema, `<OperationId>SuccessResponse`
//!   or `<OperationId>ErrorResponse`: the schema itself when they agree, a `oneOf` otherwise.
//! - A group that mixes JSON, other content or no content is returned as raw bytes (`*/*`): the
//!   one representation every member fits, so no response fails to decode.

use serde_json::{Map, Value, json};

use super::request_media::is_json;
use super::{Context, Pass};
use crate::error::PassError;
use crate::pointer::join;
use crate::walk::{operations, resolve};

pub(super) const PASS: Pass = Pass {
    name: "unify-responses",
    reason: "progenitor asserts that all success (and all error) responses of an operation have one type",
    run,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Success,
    Error,
}

#[derive(Clone, PartialEq)]
enum Kind {
    None,
    Json(Value),
    Raw,
}

fn group_of(status: &str) -> Option<Group> {
    match status.as_bytes().first() {
        Some(b'1' | b'2') => Some(Group::Success),
        Some(b'4' | b'5') => Some(Group::Error),
        _ => None,
    }
}

fn run(doc: &mut Value, _: &Context<'_>) -> Result<(), PassError> {
    for op in operations(doc) {
        let responses_ptr = join(&op.pointer, "responses");
        let Some(responses) = doc
            .pointer(&responses_ptr)
            .and_then(Value::as_object)
            .cloned()
        else {
            continue;
        };
        let mut responses = rewrite_default(responses);
        for group in [Group::Success, Group::Error] {
            let members: Vec<String> = responses
                .keys()
                .filter(|s| group_of(s) == Some(group))
                .cloned()
                .collect();
            if members.len() < 2 {
                continue;
            }
            let mut kinds = Vec::new();
            for status in &members {
                let resolved = resolve(doc, &responses[status]).ok_or_else(|| {
                    PassError::at(
                        join(&responses_ptr, status),
                        "response reference does not resolve",
                    )
                })?;
                kinds.push((status.clone(), kind_of(resolved), resolved.clone()));
            }
            let first = &kinds[0].1;
            if kinds.iter().all(|(_, k, _)| k == first) && !has_distinct_inline_json(&kinds) {
                continue;
            }
            let op_id = op
                .operation_id
                .clone()
                .unwrap_or_else(|| op.pointer.clone());
            let unified = if kinds.iter().all(|(_, k, _)| matches!(k, Kind::Json(_))) {
                let mut schemas: Vec<Value> = Vec::new();
                for (_, kind, _) in &kinds {
                    if let Kind::Json(schema) = kind
                        && !schemas.contains(schema)
                    {
                        schemas.push(schema.clone());
                    }
                }
                let schema = if schemas.len() == 1 {
                    schemas.remove(0)
                } else {
                    json!({ "oneOf": schemas })
                };
                let suffix = if group == Group::Success {
                    "SuccessResponse"
                } else {
                    "ErrorResponse"
                };
                let name = free_component_name(doc, &format!("{}{suffix}", pascal(&op_id)));
                let components = doc
                    .as_object_mut()
                    .map(|d| d.entry("components").or_insert_with(|| json!({})))
                    .and_then(Value::as_object_mut)
                    .ok_or_else(|| PassError::at("/components", "not an object"))?;
                let schemas_map = components.entry("schemas").or_insert_with(|| json!({}));
                schemas_map[&name] = schema;
                json!({ "application/json": { "schema": { "$ref": format!("#/components/schemas/{name}") } } })
            } else {
                json!({ "*/*": { "schema": { "type": "string", "format": "binary" } } })
            };
            for (status, _, resolved) in kinds {
                let description = resolved
                    .get("description")
                    .cloned()
                    .unwrap_or_else(|| json!(""));
                let mut response = Map::new();
                response.insert("description".into(), description);
                if let Some(headers) = resolved.get("headers") {
                    response.insert("headers".into(), headers.clone());
                }
                response.insert("content".into(), unified.clone());
                responses.insert(status, Value::Object(response));
            }
        }
        if let Some(slot) = doc.pointer_mut(&responses_ptr) {
            *slot = Value::Object(responses);
        }
    }
    Ok(())
}

/// Inline JSON schemas in several statuses would each become a type of their own, even when equal.
fn has_distinct_inline_json(kinds: &[(String, Kind, Value)]) -> bool {
    kinds
        .iter()
        .any(|(_, k, _)| matches!(k, Kind::Json(s) if s.get("$ref").is_none()))
}

fn rewrite_default(mut responses: Map<String, Value>) -> Map<String, Value> {
    let has = |g: Group, r: &Map<String, Value>| r.keys().any(|s| group_of(s) == Some(g));
    let Some(default) = responses.get("default").cloned() else {
        return responses;
    };
    let replacement: &[&str] = if has(Group::Success, &responses) {
        &["4XX", "5XX"]
    } else if has(Group::Error, &responses) {
        &["2XX"]
    } else {
        return responses;
    };
    responses.shift_remove("default");
    for status in replacement {
        responses.entry(*status).or_insert_with(|| default.clone());
    }
    responses
}

fn kind_of(response: &Value) -> Kind {
    let Some(content) = response
        .get("content")
        .and_then(Value::as_object)
        .filter(|c| !c.is_empty())
    else {
        return Kind::None;
    };
    match content.iter().find(|(media, _)| is_json(media)) {
        Some((_, media)) => Kind::Json(media.get("schema").cloned().unwrap_or_else(|| json!({}))),
        None => Kind::Raw,
    }
}

/// PascalCase, as progenitor names types.
pub(super) fn pascal(name: &str) -> String {
    heck::ToPascalCase::to_pascal_case(name)
}

/// `base`, or `base2`, `base3`, … whichever no component schema uses yet.
pub(super) fn free_component_name(doc: &Value, base: &str) -> String {
    let taken = |name: &str| {
        doc.pointer("/components/schemas")
            .and_then(Value::as_object)
            .is_some_and(|s| s.keys().any(|k| pascal(k) == pascal(name)))
    };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::CodegenConfig;

    fn unify(responses: Value) -> Value {
        let mut d = json!({"paths": {"/a": {"post": {"operationId": "sendIt", "responses": responses}}},
            "components": {"schemas": {"E": {"type": "object"}}, "responses": {"Err": {"description": "shared error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}}}}});
        run(
            &mut d,
            &Context {
                config: &CodegenConfig::default(),
            },
        )
        .unwrap();
        d
    }

    #[test]
    fn agreeing_references_are_left_alone() {
        let r = json!({"200": {"$ref": "#/components/responses/Err"}, "201": {"$ref": "#/components/responses/Err"}});
        assert_eq!(unify(r.clone())["paths"]["/a"]["post"]["responses"], r);
    }

    #[test]
    fn default_beside_success_becomes_the_error_ranges() {
        let d = unify(
            json!({"200": {"description": "ok"}, "default": {"$ref": "#/components/responses/Err"}}),
        );
        let r = &d["paths"]["/a"]["post"]["responses"];
        assert!(r.get("default").is_none());
        assert_eq!(r["4XX"], json!({"$ref": "#/components/responses/Err"}));
        assert_eq!(r["5XX"], json!({"$ref": "#/components/responses/Err"}));
    }

    #[test]
    fn differing_json_schemas_become_one_component() {
        let d = unify(json!({
            "200": {"description": "a", "content": {"application/json": {"schema": {"type": "string"}}}},
            "202": {"description": "b", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}}
        }));
        assert_eq!(
            d["components"]["schemas"]["SendItSuccessResponse"],
            json!({"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/E"}]})
        );
        let r = &d["paths"]["/a"]["post"]["responses"];
        for status in ["200", "202"] {
            assert_eq!(
                r[status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/SendItSuccessResponse"
            );
        }
        assert_eq!(r["202"]["description"], "b");
    }

    #[test]
    fn mixed_kinds_become_raw_bytes() {
        let d = unify(json!({
            "400": {"description": "bad", "content": {"text/plain": {"schema": {"type": "string"}}}},
            "401": {"description": "unauthorized"}
        }));
        let r = &d["paths"]["/a"]["post"]["responses"];
        assert_eq!(
            r["401"]["content"],
            json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})
        );
        assert_eq!(r["400"]["content"], r["401"]["content"]);
    }

    #[test]
    fn component_names_do_not_collide() {
        let mut d = json!({"components": {"schemas": {"send_it_success_response": {}}}});
        assert_eq!(
            free_component_name(&d, "SendItSuccessResponse"),
            "SendItSuccessResponse2"
        );
        d["components"]["schemas"]["SendItSuccessResponse2"] = json!({});
        assert_eq!(
            free_component_name(&d, "SendItSuccessResponse"),
            "SendItSuccessResponse3"
        );
    }
}
