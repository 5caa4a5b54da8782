//! Writes, per provider, the in-process decoder checks of `tests/contract/src/shapes/<provider>.rs`:
//! JSON documents paired with the crate type that must read them, run by `cargo test`.
//!
//! - **examples**: every example the published spec gives for a component schema, a request or
//!   answer body, or a parameter, with the type that carries it;
//! - **answers**: values generated from each answer schema (every declared property present,
//!   arrays non-empty, several seeds) and from each branch of every union, with the operation's
//!   success or error type;
//! - **requests**: a body with its required fields only, and with each optional top-level field
//!   added alone, which must serialize to exactly the fields set.
//!
//! Generated with the client, from the same syntax tree, so a type that changes cannot be
//! checked against a stale table.

pub mod faker;

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use crate::calls::builders;
use crate::pointer::join;
use crate::walk::{operations, resolve};
use faker::{Faker, Fill};

/// Seeds of the generated answers; fixed, so CI is reproducible.
pub const SEEDS: [u64; 3] = [1, 2, 3];

/// One check in the generated table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Case {
    kind: &'static str,
    from: String,
    ty: String,
    json: String,
}

/// The Rust source of `tests/contract/src/shapes/<provider>.rs`.
///
/// `upstream` is the published spec (for its examples), `normalized` the document the types
/// were generated from (for generated values).
pub fn source(
    provider: &str,
    package: &str,
    upstream: &Value,
    normalized: &Value,
    file: &syn::File,
) -> Result<String, String> {
    let library = package.replace('-', "_");
    let types = type_names(file);
    let ops = builders::operations(file);
    // Keyed by what is checked, so a document many operations share is checked once (under
    // the first place it comes from).
    let mut cases: BTreeMap<(&'static str, String, String), String> = BTreeMap::new();
    let mut add = |kind: &'static str, from: String, ty: &str, value: &Value| {
        if let Ok(json) = serde_json::to_string(value) {
            cases.entry((kind, ty.to_owned(), json)).or_insert(from);
        }
    };
    let typed = |ty: &Option<String>| ty.clone().filter(|t| t.starts_with("types::"));

    // Component schemas: their examples, and one value per branch of a union.
    for (doc, is_upstream) in [(upstream, true), (normalized, false)] {
        let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") else {
            continue;
        };
        for (name, schema) in schemas {
            let ty = format!("types::{}", name.to_upper_camel_case());
            if !types.contains(&ty) {
                continue;
            }
            let pointer = join("/components/schemas", name);
            if is_upstream {
                for (at, example) in schema_examples(schema, &pointer) {
                    add("example", at, &ty, &example);
                }
                if let Some(base) = normalized.pointer(&pointer) {
                    for (at, value) in placed_examples(normalized, base, schema, &pointer) {
                        add("example", at, &ty, &value);
                    }
                }
            } else {
                for key in ["oneOf", "anyOf"] {
                    if let Some(Value::Array(branches)) = schema.get(key) {
                        for i in 0..branches.len() {
                            let value = Faker::new(doc, SEEDS[0], Fill::Everything)
                                .with_branch(i)
                                .value(schema);
                            add("answer", format!("{pointer}/{key}/{i}"), &ty, &value);
                        }
                    }
                }
            }
        }
    }

    for op in &ops {
        let Some((upstream_op, up_pointer)) = find_operation(upstream, &op.method) else {
            continue;
        };
        let Some((normalized_op, pointer)) = find_operation(normalized, &op.method) else {
            continue;
        };
        let success = typed(&op.success);
        let error = typed(&op.error);
        // Answers: examples of the published spec, values generated from the normalized one.
        for (doc, operation, base, is_upstream) in [
            (upstream, upstream_op, &up_pointer, true),
            (normalized, normalized_op, &pointer, false),
        ] {
            let Some(Value::Object(responses)) = operation.get("responses") else {
                continue;
            };
            for (status, response) in responses {
                let ty = if status.starts_with('2') {
                    &success
                } else {
                    &error
                };
                let Some(ty) = ty else { continue };
                let Some(response) = resolve(doc, response) else {
                    continue;
                };
                let at = join(&join(base, "responses"), status);
                for (media_pointer, media) in json_media(response, &at) {
                    if is_upstream {
                        for (from, example) in media_examples(doc, media, &media_pointer) {
                            add("example", from, ty, &example);
                        }
                        let twin = join(&join(&pointer, "responses"), status);
                        let twin = json_media(
                            normalized_op
                                .pointer(&format!("/responses/{}", crate::pointer::escape(status)))
                                .and_then(|r| resolve(normalized, r))
                                .unwrap_or(&Value::Null),
                            &twin,
                        );
                        if let (Some(schema), Some((_, base))) = (media.get("schema"), twin.first())
                            && let Some(base) = base.get("schema")
                        {
                            let at = join(&media_pointer, "schema");
                            for (from, value) in placed_examples(normalized, base, schema, &at) {
                                add("example", from, ty, &value);
                            }
                        }
                    } else if let Some(schema) = media.get("schema") {
                        let seeds: &[u64] = if status.starts_with('2') {
                            &SEEDS
                        } else {
                            &SEEDS[..1]
                        };
                        for &seed in seeds {
                            let value = Faker::new(doc, seed, Fill::Everything).value(schema);
                            add(
                                "answer",
                                format!("{media_pointer}/schema (seed {seed})"),
                                ty,
                                &value,
                            );
                        }
                    }
                }
            }
        }
        // Request bodies and parameters.
        for setter in &op.setters {
            if !setter.ty.starts_with("types::") {
                continue;
            }
            if setter.name == "body" {
                let up_body = body_media(upstream, upstream_op, &up_pointer);
                if let Some((from, media)) = &up_body {
                    for (at, example) in media_examples(upstream, media, from) {
                        add("example", at, &setter.ty, &example);
                    }
                    if let (Some(schema), Some((_, twin))) = (
                        media.get("schema"),
                        body_media(normalized, normalized_op, &pointer),
                    ) && let Some(base) = twin.get("schema")
                    {
                        let at = join(from, "schema");
                        for (at, value) in placed_examples(normalized, base, schema, &at) {
                            add("example", at, &setter.ty, &value);
                        }
                    }
                }
                if let Some((from, media)) = body_media(normalized, normalized_op, &pointer)
                    && let Some(schema) = media.get("schema")
                {
                    for (at, value) in request_values(normalized, schema) {
                        add("request", format!("{from}/schema{at}"), &setter.ty, &value);
                    }
                }
                continue;
            }
            let wanted = setter.name.trim_end_matches('_');
            for (from, parameter) in parameters(upstream, &up_pointer) {
                let name = parameter
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if name.to_snake_case() != wanted {
                    continue;
                }
                if let Some(example) = parameter.get("example") {
                    add("example", join(&from, "example"), &setter.ty, example);
                }
                if let Some(schema) = parameter.get("schema").filter(|s| s.get("$ref").is_none()) {
                    for (at, example) in schema_examples(schema, &join(&from, "schema")) {
                        add("example", at, &setter.ty, &example);
                    }
                }
                if let Some(Value::Object(named)) = parameter.get("examples") {
                    for (key, ex) in named {
                        if let Some(value) = resolve(upstream, ex).and_then(|e| e.get("value")) {
                            add(
                                "example",
                                join(&join(&from, "examples"), key),
                                &setter.ty,
                                value,
                            );
                        }
                    }
                }
            }
        }
    }

    let mut sorted: Vec<Case> = cases
        .into_iter()
        .map(|((kind, ty, json), from)| Case {
            kind,
            from,
            ty,
            json,
        })
        .collect();
    sorted.sort();
    let mut rows = String::new();
    for case in &sorted {
        rows.push_str(&format!(
            "Case {{ kind: Kind::{kind}, from: {from:?}, json: {json}, check: decode::<{ty}> }},\n",
            kind = match case.kind {
                "example" => "Example",
                "answer" => "Answer",
                _ => "Request",
            },
            from = case.from,
            json = raw_string(&case.json),
            ty = case.ty,
        ));
    }
    let code = format!(
        "//! Decoder checks for `{provider}`: examples from the published spec, generated answers and\n\
         //! minimal requests, each with the crate type that reads it.\n\
         #![allow(clippy::all, clippy::pedantic)]\n\
         use {library}::types;\n\
         use super::{{Case, Kind, decode}};\n\
         /// Every case, sorted by kind and source.\n\
         pub(crate) const CASES: &[Case] = &[{rows}];\n"
    );
    let parsed: syn::File =
        syn::parse_str(&code).map_err(|e| format!("decoder checks do not parse: {e}"))?;
    Ok(prettyplease::unparse(&parsed))
}

/// `types::Name` of every type in the generated `mod types`.
fn type_names(file: &syn::File) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in &file.items {
        if let syn::Item::Mod(module) = item
            && module.ident == "types"
        {
            for item in module.content.iter().flat_map(|(_, items)| items) {
                let ident = match item {
                    syn::Item::Struct(s) => &s.ident,
                    syn::Item::Enum(e) => &e.ident,
                    syn::Item::Type(t) => &t.ident,
                    _ => continue,
                };
                out.insert(format!("types::{ident}"));
            }
        }
    }
    out
}

/// The operation whose id is `method` in snake case, with its pointer.
fn find_operation<'a>(doc: &'a Value, method: &str) -> Option<(&'a Value, String)> {
    let op = operations(doc).into_iter().find(|o| {
        o.operation_id
            .as_deref()
            .is_some_and(|id| id.to_snake_case() == method)
    })?;
    Some((doc.pointer(&op.pointer)?, op.pointer))
}

/// The JSON media types of a request body or response, with their pointers.
fn json_media<'a>(holder: &'a Value, pointer: &str) -> Vec<(String, &'a Value)> {
    let Some(Value::Object(content)) = holder.get("content") else {
        return Vec::new();
    };
    content
        .iter()
        .filter(|(media, _)| media.contains("json"))
        .map(|(media, object)| (join(&join(pointer, "content"), media), object))
        .collect()
}

/// The operation's JSON request body media type.
fn body_media<'a>(
    doc: &'a Value,
    operation: &'a Value,
    pointer: &str,
) -> Option<(String, &'a Value)> {
    let body = resolve(doc, operation.get("requestBody")?)?;
    json_media(body, &join(pointer, "requestBody"))
        .into_iter()
        .next()
}

/// The parameters of the operation at `pointer` and of its path item, resolved.
fn parameters<'a>(doc: &'a Value, pointer: &str) -> Vec<(String, &'a Value)> {
    let item_pointer = pointer.rsplit_once('/').map_or("", |(item, _)| item);
    let mut out = Vec::new();
    for base in [item_pointer.to_owned(), pointer.to_owned()] {
        let list = join(&base, "parameters");
        if let Some(Value::Array(items)) = doc.pointer(&list) {
            for (i, p) in items.iter().enumerate() {
                if let Some(p) = resolve(doc, p) {
                    out.push((join(&list, &i.to_string()), p));
                }
            }
        }
    }
    out
}

/// A schema's own examples (`example`, and a 3.1 `examples` array).
fn schema_examples(schema: &Value, pointer: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(example) = schema.get("example") {
        out.push((join(pointer, "example"), example.clone()));
    }
    if let Some(Value::Array(list)) = schema.get("examples") {
        for (i, example) in list.iter().enumerate() {
            out.push((
                join(&join(pointer, "examples"), &i.to_string()),
                example.clone(),
            ));
        }
    }
    out
}

/// A media type's examples: its `example`, its named `examples`, and those of an inline schema.
fn media_examples(doc: &Value, media: &Value, pointer: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(example) = media.get("example") {
        out.push((join(pointer, "example"), example.clone()));
    }
    if let Some(Value::Object(named)) = media.get("examples") {
        for (key, example) in named {
            if let Some(value) = resolve(doc, example).and_then(|e| e.get("value")) {
                out.push((join(&join(pointer, "examples"), key), value.clone()));
            }
        }
    }
    if let Some(schema) = media.get("schema").filter(|s| s.get("$ref").is_none()) {
        out.extend(schema_examples(schema, &join(pointer, "schema")));
    }
    out
}

/// One step from a schema to a sub-schema, as it shows in an instance.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Item,
}

/// The examples nested inside `schema` (a property's, an array item's; not through `$ref`,
/// whose target is checked on its own), each placed into a value generated from `base` (the
/// same schema in the normalized document) at the place it describes. An example whose place
/// the generated value does not have (another union branch, beyond the generated depth) is
/// left out, since placing it would invent structure.
fn placed_examples(
    doc: &Value,
    base: &Value,
    schema: &Value,
    pointer: &str,
) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    nested(schema, pointer, &mut Vec::new(), &mut found, 0);
    let generated = Faker::new(doc, SEEDS[0], Fill::Everything).value(base);
    let mut out = Vec::new();
    for (at, steps, example) in found {
        let mut value = generated.clone();
        if place(&mut value, &steps, example) {
            out.push((at, value));
        }
    }
    out
}

fn nested(
    schema: &Value,
    pointer: &str,
    steps: &mut Vec<Step>,
    out: &mut Vec<(String, Vec<Step>, Value)>,
    depth: usize,
) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if map.contains_key("$ref") || depth > 12 {
        return;
    }
    if !steps.is_empty() {
        for (at, example) in schema_examples(schema, pointer) {
            out.push((at, steps.clone(), example));
        }
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for (name, sub) in properties {
            steps.push(Step::Key(name.clone()));
            nested(
                sub,
                &join(&join(pointer, "properties"), name),
                steps,
                out,
                depth + 1,
            );
            steps.pop();
        }
    }
    if let Some(items) = map.get("items") {
        steps.push(Step::Item);
        nested(items, &join(pointer, "items"), steps, out, depth + 1);
        steps.pop();
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(parts)) = map.get(key) {
            for (i, part) in parts.iter().enumerate() {
                nested(
                    part,
                    &join(&join(pointer, key), &i.to_string()),
                    steps,
                    out,
                    depth + 1,
                );
            }
        }
    }
}

/// Replaces the value at `steps` in `value` with `example`; `false` when there is none there.
fn place(value: &mut Value, steps: &[Step], example: Value) -> bool {
    let mut current = value;
    for step in steps {
        let next = match (step, current) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key),
            (Step::Item, Value::Array(items)) => items.first_mut(),
            _ => None,
        };
        match next {
            Some(next) => current = next,
            None => return false,
        }
    }
    *current = example;
    true
}

/// A request body with its required fields only, then with each optional top-level field
/// added alone; suffixes say which (`` or ` + name`).
fn request_values(doc: &Value, schema: &Value) -> Vec<(String, Value)> {
    let minimal = Faker::new(doc, SEEDS[0], Fill::Required).value(schema);
    let mut out = vec![(" (required fields only)".to_owned(), minimal.clone())];
    let Value::Object(base) = &minimal else {
        return out;
    };
    let full = Faker::new(doc, SEEDS[0], Fill::Everything).value(schema);
    let Value::Object(full) = full else {
        return out;
    };
    let mut optional: BTreeMap<&String, &Value> = BTreeMap::new();
    for (name, value) in &full {
        if !base.contains_key(name) {
            optional.insert(name, value);
        }
    }
    for (name, value) in optional {
        // The required part of an optional nested object, so only the field itself is set.
        let mut one = base.clone();
        one.insert(name.clone(), value.clone());
        out.push((format!(" (required fields + `{name}`)"), Value::Object(one)));
    }
    out
}

/// `text` as a Rust raw string literal.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}
