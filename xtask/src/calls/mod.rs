//! Writes, per provider, the contract suite's calls to every generated operation: one function
//! per operation that fills each required setter with a value the spec allows (its own
//! examples first) and sends the request through the crate's public API.
//!
//! The calls are generated with the client so they cannot drift from it; what a call sends is
//! then judged by Prism against the upstream spec (`cargo xtask contract`).

pub(crate) mod builders;
mod pattern;
pub(crate) mod values;

use heck::ToSnakeCase;
use serde_json::Value;

use crate::walk::{operations, resolve};

/// Operations (by provider and operation-id prefix) that also get a call with every field of
/// their body and every optional parameter set, from values generated from the schema: the
/// send, mark-as-read and react operations of providers with one operation per message kind
/// (the others' kinds are written out in `tests/contract/src/realistic/`).
const COMPLETE: &[(&str, &str)] = &[
    ("whapi", "send"),
    ("whapi", "reactToMessage"),
    ("whatshooked", "send"),
    ("whatshooked", "markAsRead"),
];

/// The Rust source of `tests/contract/src/calls/<provider>.rs`.
pub fn source(
    provider: &str,
    package: &str,
    doc: &Value,
    file: &syn::File,
) -> Result<String, String> {
    let library = package.replace('-', "_");
    let mut functions = String::new();
    let mut table = String::new();
    let mut examples = String::new();
    for operation in builders::operations(file) {
        let spec = spec_operation(doc, &operation.method).ok_or_else(|| {
            format!(
                "generated operation `{}` is not in the spec",
                operation.method
            )
        })?;
        let mut chain = String::new();
        for setter in &operation.setters {
            let candidates = match setter_values(doc, &spec, &setter.name) {
                Some(values) => values,
                None if setter.optional => continue,
                None => vec![Value::Null],
            };
            let mut literals = Vec::new();
            for value in candidates {
                let json = serde_json::to_string(&value).map_err(|e| e.to_string())?;
                literals.push(raw_string(&json));
            }
            examples.push_str(&format!(
                "(\"{id}\", \"{name}\") => &[{literals}],\n",
                id = spec.id,
                name = setter.name,
                literals = literals.join(", "),
            ));
            chain.push_str(&format!(
                ".{name}(arg::<{ty}>(\"{id}\", \"{name}\")?)",
                id = spec.id,
                name = setter.name,
                ty = setter.ty,
            ));
        }
        functions.push_str(&format!(
            "/// `{id}`: `{method} {path}`.\n\
             fn call_{fn_name}(client: &Client) -> Run<'_> {{\n\
                 Box::pin(async move {{\n\
                     let request = client.{fn_name}(){chain};\n\
                     Ok(finish(request.send().await))\n\
                 }})\n\
             }}\n",
            id = spec.id,
            method = spec.method.to_uppercase(),
            path = spec.path,
            fn_name = operation.method,
        ));
        table.push_str(&format!(
            "Call::new(\"{}\", call_{}),\n",
            spec.id, operation.method
        ));
        if COMPLETE
            .iter()
            .any(|(p, prefix)| *p == provider && spec.id.starts_with(prefix))
        {
            let mut chain = String::new();
            for setter in &operation.setters {
                let value = if setter.name == "body" {
                    spec.body
                        .as_ref()
                        .and_then(|b| b.get("schema"))
                        .map(|schema| {
                            crate::shapes::faker::Faker::new(
                                doc,
                                1,
                                crate::shapes::faker::Fill::Everything,
                            )
                            .value(schema)
                        })
                } else {
                    setter_values(doc, &spec, &setter.name).and_then(|v| v.into_iter().next())
                };
                let Some(value) = value else { continue };
                let json = serde_json::to_string(&value).map_err(|e| e.to_string())?;
                chain.push_str(&format!(
                    ".{name}(crate::run::arg::<{ty}>(\"{name}\", &[{json}])?)",
                    name = setter.name,
                    ty = setter.ty,
                    json = raw_string(&json),
                ));
            }
            functions.push_str(&format!(
                "/// `{id}` with every body field and optional parameter set.\n\
                 fn call_{fn_name}_all_fields(client: &Client) -> Run<'_> {{\n\
                     Box::pin(async move {{\n\
                         let request = client.{fn_name}(){chain};\n\
                         Ok(finish(request.send().await))\n\
                     }})\n\
                 }}\n",
                id = spec.id,
                fn_name = operation.method,
            ));
            table.push_str(&format!(
                "Call::new(\"{} (all fields)\", call_{}_all_fields),\n",
                spec.id, operation.method
            ));
        }
    }
    let code = format!(
        "//! Calls to every generated `{provider}` operation, with required arguments from the spec.\n\
         #![allow(clippy::all, clippy::pedantic)]\n\
         use {library}::{{Client, types}};\n\
         use crate::run::{{Call, Run, finish}};\n\
         /// One call per generated operation, in the order of `generated.rs`.\n\
         pub(crate) fn calls() -> Vec<Call<Client>> {{ vec![{table}] }}\n\
         /// Values for `setter` of `operation`, as JSON: the spec's own example first, then one\n\
         /// built from its schema (an example can contradict its schema).\n\
         pub(crate) fn examples(operation: &str, setter: &str) -> &'static [&'static str] {{\n\
             match (operation, setter) {{ {examples} _ => &[] }}\n\
         }}\n\
         /// The first of [`examples`] that fits the setter's type.\n\
         pub(crate) fn arg<T: serde::de::DeserializeOwned>(operation: &str, setter: &str) -> Result<T, String> {{\n\
             crate::run::arg(setter, examples(operation, setter))\n\
         }}\n\
         {functions}"
    );
    let parsed: syn::File =
        syn::parse_str(&code).map_err(|e| format!("contract calls do not parse: {e}"))?;
    Ok(prettyplease::unparse(&parsed))
}

/// The spec side of one operation.
struct SpecOperation {
    id: String,
    method: String,
    path: String,
    parameters: Vec<Value>,
    body: Option<Value>,
}

fn spec_operation(doc: &Value, method: &str) -> Option<SpecOperation> {
    let op = operations(doc).into_iter().find(|o| {
        o.operation_id
            .as_deref()
            .is_some_and(|id| id.to_snake_case() == method)
    })?;
    let item = &doc["paths"][&op.path];
    let operation = &item[&op.method];
    let parameters = item["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(operation["parameters"].as_array().into_iter().flatten())
        .filter_map(|p| resolve(doc, p).cloned())
        .collect();
    let body = operation
        .get("requestBody")
        .and_then(|b| resolve(doc, b))
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .and_then(|content| {
            content
                .get("application/json")
                .or_else(|| content.values().next())
        })
        .cloned();
    Some(SpecOperation {
        id: op.operation_id.unwrap_or_default(),
        method: op.method,
        path: op.path,
        parameters,
        body,
    })
}

/// Values for setter `name`: the body's or the parameter's own example, then one built from its
/// schema; `None` when the spec has nothing by that name.
fn setter_values(doc: &Value, spec: &SpecOperation, name: &str) -> Option<Vec<Value>> {
    let candidates = |holder: &Value| {
        let built = values::example(doc, holder.get("schema").unwrap_or(&Value::Null));
        let mut out: Vec<Value> = values::own_example(holder).into_iter().collect();
        if !out.contains(&built) {
            out.push(built);
        }
        out
    };
    if name == "body" {
        return spec.body.as_ref().map(candidates);
    }
    let wanted = name.trim_end_matches('_');
    let parameter = spec.parameters.iter().find(|p| {
        p.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.to_snake_case() == wanted)
    })?;
    Some(candidates(parameter))
}

/// `text` as a Rust raw string literal.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_survive_quotes_and_hashes() {
        assert_eq!(raw_string(r#"{"a":1}"#), r##"r#"{"a":1}"#"##);
        assert_eq!(raw_string(r##"{"a":"#"}"##), r###"r##"{"a":"#"}"##"###);
    }

    #[test]
    fn a_call_fills_required_setters_from_the_spec() {
        let doc = serde_json::json!({"paths": {"/{phone-number-id}/messages": {"post": {
            "operationId": "sendMessage",
            "parameters": [{"name": "phone-number-id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "106540352242922"}],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["to"], "properties": {"to": {"type": "string"}}}}}}
        }}}});
        let file: syn::File = syn::parse_str(
            "impl Client { pub fn send_message(&self) -> builder::SendMessage<'_> { todo!() } }
             pub mod builder { pub struct SendMessage<'a> {
                 client: &'a super::Client,
                 phone_number_id: Result<::std::string::String, String>,
                 fields: Result<Option<::std::string::String>, String>,
                 body: Result<types::builder::SendMessageRequest, String>,
             } }",
        )
        .expect("parses");
        let code = source("cloud", "whatsapp-sdk-cloud", &doc, &file).expect("generates");
        let compact: String = code
            .split_whitespace()
            .collect::<String>()
            .replace(",)", ")");
        assert!(compact.contains(r###"("sendMessage","phone_number_id")=>&[r#""106540352242922""#,r#""contract""#]"###), "{code}");
        assert!(
            compact.contains(r###"("sendMessage","body")=>&[r#"{"to":"contract"}"#]"###),
            "{code}"
        );
        assert!(compact.contains(r#".phone_number_id(arg::<::std::string::String>("sendMessage","phone_number_id")?)"#), "{code}");
        assert!(
            compact.contains(r#".body(arg::<types::SendMessageRequest>("sendMessage","body")?)"#),
            "{code}"
        );
        assert!(!compact.contains("fields("), "{code}");
        assert!(
            compact.contains(r#"Call::new("sendMessage",call_send_message)"#),
            "{code}"
        );
    }
}
