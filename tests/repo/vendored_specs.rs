//! The vendored specs are the upstream bytes their source records describe.

use xtask::generate::sha256_hex;
use xtask::provider::Provider;

#[test]
fn vendored_specs_match_their_source_records() {
    for provider in Provider::all() {
        let source = provider.source().expect("source.toml parses");
        let bytes = std::fs::read(provider.upstream_path().unwrap()).expect("vendored spec exists");
        assert_eq!(
            sha256_hex(&bytes),
            source.sha256,
            "{}: specs/{}/{} is not the file source.toml records; restore it from upstream \
             (changes belong in overlay.yaml or a normalization pass)",
            provider.name,
            provider.name,
            source.file
        );
        assert!(
            !source.commit.is_empty(),
            "{}: source.toml names no commit",
            provider.name
        );
    }
}

#[test]
fn every_provider_has_a_crate_named_by_convention() {
    for provider in Provider::all() {
        let manifest = std::fs::read_to_string(provider.crate_dir().join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"whatsapp-sdk-{}\"", provider.name)),
            "{}",
            provider.name
        );
        assert!(
            manifest.contains(&format!("name = \"whatsapp_sdk_{}\"", provider.name)),
            "{}",
            provider.name
        );
    }
}
