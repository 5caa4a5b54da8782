//! The checked-in allow-list: operations whose failure comes from the upstream spec itself.

use serde::Deserialize;

/// Most entries the list may ever hold: lower it when one goes, never raise it.
pub(crate) const MAX_ENTRIES: usize = 10;

/// The failures an entry may allow, both request violations at the pointers it names; answers
/// are never excused (every one reaches a decoder, from the published spec's examples or
/// generated from a corrected copy):
///
/// - `unsatisfiable`: the published spec admits no valid request at all (a `oneOf` whose
///   branches all match the same value);
/// - `prism-limitation`: a multipart field Prism 5.14 cannot read as the array or object the
///   spec declares, however it is sent (reproducible with the `curl` command in the reason).
pub(crate) const KINDS: [&str; 2] = ["unsatisfiable", "prism-limitation"];

/// Kinds about the request: their entries name the request pointers they allow, so that a
/// request broken anywhere else still fails. All kinds are.
pub(crate) const REQUEST_KINDS: [&str; 2] = ["unsatisfiable", "prism-limitation"];

/// `tests/contract/allow-list.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AllowList {
    /// The entries.
    #[serde(default)]
    pub allow: Vec<Entry>,
}

/// One allowed failure, shared by the operations it names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
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
    /// Optionally, the only messages it allows there (substrings of Prism's): a pointer as wide
    /// as `/request/body`, where every missing required property is reported, is then narrowed
    /// to the properties named.
    #[serde(default)]
    pub messages: Vec<String>,
    /// Why, in terms a reader can check in the spec.
    pub reason: String,
}

impl Entry {
    /// Whether this entry allows `violation`.
    pub(crate) fn allows(&self, violation: &crate::run::Violation) -> bool {
        self.pointers.contains(&violation.pointer)
            && (self.messages.is_empty()
                || self
                    .messages
                    .iter()
                    .any(|m| violation.message.contains(m.as_str())))
    }
}

impl AllowList {
    /// Reads and checks the list.
    pub(crate) fn load(path: &std::path::Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let list: Self = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let count = list.allow.len();
        if count > MAX_ENTRIES {
            return Err(format!(
                "{}: {count} entries, more than the {MAX_ENTRIES} recorded; the list may only shrink",
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
    pub(crate) fn find(&self, provider: &str, operation: &str, failure: &str) -> Option<&Entry> {
        self.allow.iter().find(|e| {
            e.provider == provider
                && e.failure == failure
                && e.operations.iter().any(|o| o == operation)
        })
    }
}
