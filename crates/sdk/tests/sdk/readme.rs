//! The capability matrix in the READMEs is rendered from `Provider::capabilities`, the same
//! declarations every messenger checks; this test fails when the two drift apart and rewrites
//! the READMEs when `WHATSAPP_SDK_BLESS` is set.

use std::path::Path;

use whatsapp_sdk::{Feature, Provider};

const START: &str = "<!-- capabilities:start";
const END: &str = "<!-- capabilities:end -->";

fn matrix() -> String {
    let mut table = String::from("| feature |");
    for provider in Provider::ALL {
        table.push_str(&format!(" `{provider}` |"));
    }
    table.push_str("\n|---|");
    table.push_str(&":---:|".repeat(Provider::ALL.len()));
    table.push('\n');
    for feature in Feature::ALL {
        table.push_str(&format!("| {} |", feature.description()));
        for provider in Provider::ALL {
            let cell = if provider.capabilities().supports(feature) {
                "✓"
            } else {
                "—"
            };
            table.push_str(&format!(" {cell} |"));
        }
        table.push('\n');
    }
    table
}

/// `text` with the block between the markers replaced by `matrix`.
fn render(text: &str, matrix: &str) -> Option<String> {
    let start = text.find(START)?;
    let after_start = start + text[start..].find('\n')? + 1;
    let end = text[after_start..].find(END)? + after_start;
    Some(format!("{}{matrix}{}", &text[..after_start], &text[end..]))
}

#[test]
fn the_readme_matrices_match_the_declared_capabilities() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let matrix = matrix();
    for readme in [root.join("README.md"), root.join("../../README.md")] {
        let text = std::fs::read_to_string(&readme).unwrap();
        let rendered = render(&text, &matrix)
            .unwrap_or_else(|| panic!("{} has no `{START}` … `{END}` block", readme.display()));
        if std::env::var_os("WHATSAPP_SDK_BLESS").is_some() {
            std::fs::write(&readme, rendered).unwrap();
        } else {
            assert!(
                rendered == text,
                "the capability matrix in {} is stale; run `WHATSAPP_SDK_BLESS=1 cargo test -p whatsapp-sdk --test sdk readme`",
                readme.display()
            );
        }
    }
}

#[test]
fn rendering_replaces_only_the_block() {
    let text = "a\n<!-- capabilities:start (x) -->\nold\n<!-- capabilities:end -->\nb\n";
    assert_eq!(
        render(text, "new\n").unwrap(),
        "a\n<!-- capabilities:start (x) -->\nnew\n<!-- capabilities:end -->\nb\n"
    );
    assert_eq!(render("no markers", "x"), None);
}
