//! The checked-in allow-list: operations whose failure comes from the upstream spec itself.

use serde::Deserialize;

/// Most operations the list may ever allow: lower it when one goes, never raise it.
pub const MAX_ENTRIES: usize = 183;

/// The failures an entry may allow, each a fault of the upstream spec or of the referee, never
/// of the request the crate builds:
///
/// - `spec-contradiction`: the answer Prism builds from the spec breaks the spec's own schema;
/// - `spec-example`: the spec's own example for a request breaks its own schema;
/// - `unsatisfiable`: the spec's schema for the request admits no value (a `oneOf` whose
///   branches no value can tell apart, an `enum` of strings under `type: integer`);
/// - `prism-limitation`: a valid request Prism 5.14 cannot validate (exploded object query
///   parameters with `oneOf`, arrays and objects in multipart bodies);
/// - `prism-500`: Prism cannot build an answer at all;
/// - `decode`: an answer that follows the spec's examples does not fit its schema.
pub const KINDS: [&str; 6] = [
    "spec-contradiction",
    "spec-example",
    "unsatisfiable",
    "prism-limitation",
    "prism-500",
    "decode",
];

/// Kinds about the request: their entries name the request pointers they allow, so that a
/// request broken anywhere else still fails.
pub const REQUEST_KINDS: [&str; 3] = ["spec-example", "unsatisfiable", "prism-limitation"];

/// `tests/contract/allow-list.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowList {
    /// The entries.
    #[serde(default)]
    pub allow: Vec<Entry>,
}

/// One allowed failure, shared by the operations it names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Provider folder name.
    pub provider: String,
    /// The operations as the report names them.
    pub operations: Vec<String>,
    /// What fails: one of [`KINDS`].
    pub failure: String,
    /// For [`REQUEST_KINDS`]: the request pointers (`/request/body/media`) whose violations
    /// the entry allows.
    #[serde(default)]
    pub pointers: Vec<String>,
    /// Why, in terms a reader can check in the spec.
    pub reason: String,
}

impl AllowList {
    /// Reads and checks the list.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let list: Self = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let count: usize = list.allow.iter().map(|e| e.operations.len()).sum();
        if count > MAX_ENTRIES {
            return Err(format!(
                "{}: {count} allowed operations, more than the {MAX_ENTRIES} recorded; the list may only shrink",
                path.display(),
            ));
        }
        for entry in &list.allow {
            let name = entry
                .operations
                .first()
                .map_or("(no operation)", String::as_str);
            if !KINDS.contains(&entry.failure.as_str()) {
                return Err(format!(
                    "{}: `{name}` has unknown failure `{}`",
                    path.display(),
                    entry.failure
                ));
            }
            if REQUEST_KINDS.contains(&entry.failure.as_str()) && entry.pointers.is_empty() {
                return Err(format!(
                    "{}: `{name}` allows request violations, so it must name their `pointers`",
                    path.display()
                ));
            }
            if entry.reason.trim().len() < 40 {
                return Err(format!(
                    "{}: `{name}` needs a reason a reader can check in the spec",
                    path.display()
                ));
            }
        }
        Ok(list)
    }

    /// The entry allowing `failure` of `operation`, if any.
    pub fn find(&self, provider: &str, operation: &str, failure: &str) -> Option<&Entry> {
        self.allow.iter().find(|e| {
            e.provider == provider
                && e.failure == failure
                && e.operations.iter().any(|o| o == operation)
        })
    }
}
