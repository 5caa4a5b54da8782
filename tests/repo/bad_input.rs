//! Broken specs fail with the provider, the pass, the JSON pointer and the reason.

use std::path::PathBuf;

use serde_json::json;
use xtask::provider::Provider;

/// A scratch repository with one provider `broken` whose spec is `spec`.
fn scratch(name: &str, spec: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "whatsapp-sdk-bad-input-{}-{name}",
        std::process::id()
    ));
    let dir = root.join("specs").join("broken");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("openapi.yaml"), spec).expect("scratch spec");
    std::fs::write(
        dir.join("source.toml"),
        "file = \"openapi.yaml\"\napi = \"x\"\napi_version = \"1\"\nopenapi = \"3.0.3\"\nrepository = \"r\"\n\
         path = \"p\"\ncommit = \"c\"\ncommit_date = \"d\"\nsha256 = \"s\"\nlicence = \"l\"\n",
    )
    .expect("scratch source record");
    root
}

fn error_for(name: &str, spec: &str) -> String {
    let provider = Provider::at(scratch(name, spec), "broken");
    match xtask::normalize::normalize(&provider) {
        Ok(doc) => match xtask::generate::generate_code("broken", &doc) {
            Ok(_) => panic!("{name}: expected an error"),
            Err(e) => e.to_string(),
        },
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_yaml_names_provider_pass_and_file() {
    let msg = error_for("yaml", "openapi: 3.0.3\npaths: [unclosed\n");
    assert!(
        msg.starts_with("broken: pass `parse` at `#`: openapi.yaml is not valid YAML"),
        "{msg}"
    );
}

#[test]
fn unresolvable_ref_names_its_pointer() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\n";
    let msg = error_for("ref", spec);
    assert_eq!(
        msg,
        "broken: pass `check-refs` at `#/paths/~1a/get/responses/200/$ref`: `#/components/responses/Missing` does not resolve"
    );
}

#[test]
fn a_spec_outside_the_openapi_model_points_at_the_field() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: [not, a, string]\n";
    let msg = error_for("model", spec);
    assert!(
        msg.starts_with(
            "broken: pass `openapi-model` at `#/paths/~1a/get/responses/200/description`"
        ),
        "{msg}"
    );
}

#[test]
fn a_progenitor_panic_becomes_an_error_naming_the_operation() {
    // A JSON response without schema makes progenitor panic (`todo!`); the normalizer would have
    // given it one, so feed the generator directly.
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/ok": {"get": {"operationId": "fine", "responses": {"204": {"description": "none"}}}},
            "/bad": {"get": {"operationId": "bad", "responses": {"200": {"description": "x", "content": {"application/json": {}}}}}}
        }
    });
    let msg = xtask::generate::generate_code("broken", &doc)
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("broken: pass `progenitor` at `#/paths/~1bad/get`: progenitor panicked: "),
        "{msg}"
    );
}
