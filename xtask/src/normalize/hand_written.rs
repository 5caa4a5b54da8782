//! Pass `hand-written-operations`: leaves out the operations `codegen.toml` lists as hand-written.

use serde_json::Value;

use super::{Context, Pass};
use crate::error::PassError;
use crate::walk::{METHODS, operations};

pub(super) const PASS: Pass = Pass {
    name: "hand-written-operations",
    reason: "operations progenitor cannot generate are implemented by hand; each is listed with its reason in codegen.toml",
    run,
};

fn run(doc: &mut Value, cx: &Context<'_>) -> Result<(), PassError> {
    let ops = operations(doc);
    for (i, listed) in cx.config.hand_written.iter().enumerate() {
        let here = format!("codegen.toml hand_written[{i}]");
        if listed.reason.trim().is_empty() {
            return Err(PassError::at(
                "",
                format!("{here} (`{}`) gives no reason", listed.operation_id),
            ));
        }
        let Some(op) = ops
            .iter()
            .find(|o| o.operation_id.as_deref() == Some(&listed.operation_id))
        else {
            return Err(PassError::at(
                "/paths",
                format!(
                    "{here} names `{}`, which the spec does not have",
                    listed.operation_id
                ),
            ));
        };
        let (item_pointer, method) = op.pointer.rsplit_once('/').unwrap_or_default();
        let item = doc.pointer_mut(item_pointer).and_then(Value::as_object_mut);
        let Some(item) = item else { continue };
        if item.shift_remove(method).is_none() {
            return Err(PassError::at(
                &op.pointer,
                format!("{here}: `{}` is listed twice", listed.operation_id),
            ));
        }
        if !item.keys().any(|k| METHODS.contains(&k.as_str())) {
            let path = op.path.clone();
            if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
                paths.shift_remove(&path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{CodegenConfig, HandWritten};
    use serde_json::json;

    fn config(ids: &[&str]) -> CodegenConfig {
        CodegenConfig {
            hand_written: ids
                .iter()
                .map(|id| HandWritten {
                    operation_id: (*id).into(),
                    reason: "multipart body".into(),
                })
                .collect(),
            ..CodegenConfig::default()
        }
    }

    fn doc() -> Value {
        json!({"paths": {
            "/media": {"post": {"operationId": "upload"}, "get": {"operationId": "list"}},
            "/icon": {"put": {"operationId": "setIcon"}, "parameters": []}
        }})
    }

    #[test]
    fn removes_listed_operations_and_emptied_paths() {
        let mut d = doc();
        run(
            &mut d,
            &Context {
                config: &config(&["upload", "setIcon"]),
            },
        )
        .unwrap();
        assert_eq!(
            d,
            json!({"paths": {"/media": {"get": {"operationId": "list"}}}})
        );
    }

    #[test]
    fn an_unknown_or_duplicate_listing_is_an_error() {
        let err = run(
            &mut doc(),
            &Context {
                config: &config(&["nope"]),
            },
        )
        .unwrap_err();
        assert!(
            err.reason
                .contains("names `nope`, which the spec does not have"),
            "{}",
            err.reason
        );
        let err = run(
            &mut doc(),
            &Context {
                config: &config(&["list", "list"]),
            },
        )
        .unwrap_err();
        assert!(err.reason.contains("listed twice"), "{}", err.reason);
    }
}
