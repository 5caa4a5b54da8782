//! From the upstream file to the exact document progenitor reads.
//!
//! The pipeline is: parse → the provider's overlay → the generic passes below, in order → a check
//! that the result fits progenitor's OpenAPI model. Each pass has a name (used in errors and in
//! `specs/<provider>/normalized.json` reviews), a reason, and unit tests on small fixtures.

mod default_enum;
mod downconvert;
mod example_properties;
mod example_types;
mod form_query_objects;
mod hand_written;
mod integer_enum;
mod name_collisions;
mod no_body_statuses;
mod overlapping_unions;
mod ref_siblings;
mod refs;
mod request_defaults;
mod request_media;
mod responses;
mod schemaless_json;
mod string_keywords;
mod string_unions;
mod undeclared_required;

use serde_json::Value;

use crate::error::{Error, PassError, Result};
use crate::provider::{CodegenConfig, Provider};

/// What a pass may consult besides the document.
#[derive(Debug)]
pub struct Context<'a> {
    /// The provider's `codegen.toml`.
    pub config: &'a CodegenConfig,
}

/// One named, reasoned rewrite of the document.
#[derive(Debug)]
pub struct Pass {
    /// Stable name, used in errors.
    pub name: &'static str,
    /// Why the pass exists, in one line.
    pub reason: &'static str,
    /// The rewrite.
    pub run: fn(&mut Value, &Context<'_>) -> Result<(), PassError>,
}

/// The generic passes, in the order they run.
pub const PASSES: &[Pass] = &[
    refs::PASS,
    downconvert::PASS,
    ref_siblings::PASS,
    example_properties::PASS,
    example_types::PASS,
    undeclared_required::PASS,
    hand_written::PASS,
    request_media::PASS,
    schemaless_json::PASS,
    no_body_statuses::PASS,
    responses::PASS,
    integer_enum::PASS,
    default_enum::PASS,
    request_defaults::PASS,
    string_unions::PASS,
    string_keywords::PASS,
    name_collisions::PASS,
];

/// The passes that correct the contract itself rather than its reading by progenitor: without
/// them the spec describes answers no provider can send (a required name never declared, an
/// integer enum of strings, a pattern on a number, a `oneOf` of strings or of objects no value tells apart, a body on
/// HEAD), or that Prism cannot read (an exploded `allOf` query object). The answer mock serves the published spec with the overlay and these, in this order;
/// requests are still judged against the published spec alone.
pub const MOCK_PASSES: &[&Pass] = &[
    &refs::PASS,
    &no_body_statuses::PASS,
    &undeclared_required::PASS,
    &integer_enum::PASS,
    &string_unions::PASS,
    &string_keywords::PASS,
    &overlapping_unions::PASS,
    &form_query_objects::PASS,
];

/// The corrected copy of `provider`'s spec that the answer mock serves.
pub fn mock_copy(provider: &Provider) -> Result<Value> {
    let mut doc = with_overlay(provider)?;
    let config = provider.codegen()?;
    let cx = Context { config: &config };
    for pass in MOCK_PASSES {
        (pass.run)(&mut doc, &cx).map_err(|e| Error::spec(provider.name, pass.name, e))?;
    }
    Ok(doc)
}

/// Runs the generic passes on an already-parsed document.
pub fn run_passes(provider: &str, doc: &mut Value, config: &CodegenConfig) -> Result<()> {
    let cx = Context { config };
    for pass in PASSES {
        (pass.run)(doc, &cx).map_err(|e| Error::spec(provider, pass.name, e))?;
    }
    crate::spec::to_openapi(doc).map_err(|e| Error::spec(provider, "openapi-model", e))?;
    Ok(())
}

/// The provider's published spec with its overlay applied: the contract with the provider's
/// own reasoned fixes, before any generic pass.
pub fn with_overlay(provider: &Provider) -> Result<Value> {
    let path = provider.upstream_path()?;
    let text = crate::provider::read_to_string(&path)?;
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let mut doc =
        crate::spec::parse(&text, file_name).map_err(|e| Error::spec(provider.name, "parse", e))?;
    let overlay_path = provider.overlay_path();
    if overlay_path.exists() {
        let overlay_text = crate::provider::read_to_string(&overlay_path)?;
        let overlay = crate::overlay::Overlay::parse(&overlay_text)
            .map_err(|e| Error::spec(provider.name, "overlay", e))?;
        overlay
            .apply(&mut doc)
            .map_err(|e| Error::spec(provider.name, "overlay", e))?;
    }
    Ok(doc)
}

/// Normalizes one provider's upstream spec.
pub fn normalize(provider: &Provider) -> Result<Value> {
    let mut doc = with_overlay(provider)?;
    run_passes(provider.name, &mut doc, &provider.codegen()?)?;
    Ok(doc)
}

/// Serializes a normalized document the way it is checked in.
pub fn to_pretty_json(doc: &Value) -> String {
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pass_has_a_unique_name_and_a_reason() {
        let mut names: Vec<_> = PASSES.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PASSES.len());
        assert!(
            PASSES
                .iter()
                .chain(MOCK_PASSES.iter().copied())
                .all(|p| p.reason.len() > 20),
            "every pass says why it exists"
        );
    }
}
