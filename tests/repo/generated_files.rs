//! Generated files are current, deterministic, and account for every upstream operation.

use xtask::coverage;
use xtask::generate;
use xtask::provider::{Provider, repo_root};

#[test]
fn generated_files_are_up_to_date() {
    let stale = generate::run(&Provider::all(), true).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nrun `cargo xtask generate` and commit the result"
    );
}

#[test]
fn generation_is_deterministic() {
    let provider = Provider::named("cloud").unwrap();
    let first = generate::outputs(&provider).unwrap();
    let second = generate::outputs(&provider).unwrap();
    for (a, b) in first.iter().zip(&second) {
        assert!(
            a.contents == b.contents,
            "{} differs between two runs",
            a.path.display()
        );
    }
}

#[test]
fn generated_modules_name_their_command_and_spec_hash() {
    for provider in Provider::all() {
        let code = std::fs::read_to_string(provider.generated_path()).unwrap();
        let first_line = code.lines().next().unwrap_or_default();
        let normalized = std::fs::read(provider.normalized_path()).unwrap();
        assert!(
            first_line.contains(&format!(
                "cargo xtask generate --provider {}",
                provider.name
            )) && first_line.contains(&generate::sha256_hex(&normalized)),
            "{}: first line is `{first_line}`",
            provider.name
        );
    }
}

#[test]
fn every_operation_is_callable_and_the_readme_table_is_current() {
    let rows: Vec<_> = Provider::all()
        .iter()
        .map(|p| coverage::row(p).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let expected = [
        ("cloud", 17),
        ("onprem", 55),
        ("whapi", 167),
        ("ycloud", 50),
        ("whatshooked", 53),
    ];
    for (row, (name, ops)) in rows.iter().zip(expected) {
        assert_eq!((row.provider, row.upstream), (name, ops));
        assert!(
            row.missing.is_empty(),
            "{name}: not callable {:?}",
            row.missing
        );
        assert_eq!(row.generated + row.hand_written, row.upstream, "{name}");
    }
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let spliced = coverage::splice(&readme, &coverage::markdown(&rows)).unwrap();
    assert!(
        spliced == readme,
        "README.md coverage table is stale; run `cargo xtask coverage --write`"
    );
}
