//! Judging outcomes and writing the report.

use std::fmt::Write;

use crate::allow::AllowList;
use crate::run::{Outcome, Violation};

/// What is wrong with one call, if anything.
#[derive(Debug)]
pub enum Problem {
    /// The spec's values could not be turned into the crate's argument types.
    Request(String),
    /// Prism found the request outside the contract.
    Violations(Vec<Violation>),
    /// The answer Prism built from the spec breaks the spec's own schema: a fault of the
    /// upstream spec, not of the request.
    SpecContradiction(Vec<Violation>),
    /// Prism could not build an answer (the spec's example contradicts its schema).
    Prism500(String),
    /// Another error status.
    Status(u16, String),
    /// The answer did not decode.
    Decode(String),
    /// The request failed in transit.
    Transport(String),
}

impl Problem {
    /// The allow-list's names for this kind of failure, for the kinds it may allow.
    fn allowable_as(&self) -> &'static [&'static str] {
        match self {
            Self::Violations(_) => &crate::allow::REQUEST_KINDS,
            Self::SpecContradiction(_) => &["spec-contradiction"],
            Self::Prism500(_) => &["prism-500"],
            Self::Decode(_) => &["decode"],
            _ => &[],
        }
    }
}

/// Judges one call.
pub fn judge(outcome: Result<Outcome, String>) -> Option<Problem> {
    match outcome {
        Err(message) => Some(Problem::Request(message)),
        Ok(Outcome::Answered { violations, .. }) if !violations.is_empty() => {
            let (response, request): (Vec<_>, Vec<_>) = violations
                .into_iter()
                .partition(|v| v.pointer.starts_with("/response"));
            if request.is_empty() {
                Some(Problem::SpecContradiction(response))
            } else {
                Some(Problem::Violations(request))
            }
        }
        Ok(Outcome::Answered { status, .. }) if (200..300).contains(&status) => None,
        Ok(Outcome::Answered {
            status: 500, body, ..
        }) => Some(Problem::Prism500(body.unwrap_or_default())),
        Ok(Outcome::Answered { status, body, .. }) => {
            Some(Problem::Status(status, body.unwrap_or_default()))
        }
        Ok(Outcome::Decode(message)) => Some(Problem::Decode(message)),
        Ok(Outcome::Failed(message)) => Some(Problem::Transport(message)),
    }
}

/// One provider's results.
#[derive(Debug, Default)]
pub struct ProviderReport {
    /// Provider folder name.
    pub provider: &'static str,
    /// Operations in the upstream spec, when `cargo xtask contract` says.
    pub operations: Option<usize>,
    /// Distinct operations called.
    pub exercised: usize,
    /// Calls made (operations plus hand-written body variants).
    pub calls: usize,
    /// Calls that failed and are not allowed: (operation, problem).
    pub failures: Vec<(String, Problem)>,
    /// Calls whose failure the allow-list explains: (operation, reason).
    pub allowed: Vec<(String, String)>,
    /// Allow-list entries whose operation no longer fails.
    pub stale: Vec<String>,
}

impl ProviderReport {
    /// Records `operation`'s problem, allowed or not.
    pub fn record(&mut self, allow: &AllowList, operation: &str, problem: Option<Problem>) {
        self.calls += 1;
        let kinds = crate::allow::KINDS;
        match problem {
            None => {
                for kind in kinds {
                    if allow.find(self.provider, operation, kind).is_some() {
                        self.stale.push(format!("{operation} ({kind})"));
                    }
                }
            }
            Some(problem) => {
                let entry = problem
                    .allowable_as()
                    .iter()
                    .find_map(|kind| allow.find(self.provider, operation, kind))
                    .filter(|entry| match &problem {
                        // Only the violations the entry names; any other is the request's own.
                        Problem::Violations(list) => {
                            list.iter().all(|v| entry.pointers.contains(&v.pointer))
                        }
                        _ => true,
                    });
                match entry {
                    Some(entry) => self
                        .allowed
                        .push((operation.to_owned(), entry.reason.clone())),
                    None => self.failures.push((operation.to_owned(), problem)),
                }
            }
        }
    }

    /// Whether this provider passes.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
            && self.stale.is_empty()
            && self.operations.is_none_or(|total| self.exercised == total)
    }
}

/// The whole report as Markdown.
pub fn markdown(reports: &[ProviderReport]) -> String {
    let mut out = String::from(
        "# Contract suite\n\n| provider | operations exercised | calls | violations | decode failures | other failures | allowed |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in reports {
        let count = |f: fn(&Problem) -> bool| r.failures.iter().filter(|(_, p)| f(p)).count();
        let total = r
            .operations
            .map_or_else(|| "?".to_owned(), |t| t.to_string());
        let _ = writeln!(
            out,
            "| `{}` | {}/{} | {} | {} | {} | {} | {} |",
            r.provider,
            r.exercised,
            total,
            r.calls,
            count(|p| matches!(p, Problem::Violations(_))),
            count(|p| matches!(p, Problem::Decode(_))),
            count(|p| !matches!(p, Problem::Violations(_) | Problem::Decode(_))),
            r.allowed.len(),
        );
    }
    for r in reports {
        if r.failures.is_empty() && r.stale.is_empty() && r.allowed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## `{}`\n", r.provider);
        for (operation, problem) in &r.failures {
            match problem {
                Problem::Violations(list) => {
                    for v in list {
                        let _ = writeln!(
                            out,
                            "- violation: `{operation}` at `{}`: {}",
                            v.pointer, v.message
                        );
                    }
                }
                Problem::Decode(message) => {
                    let _ = writeln!(out, "- decode failure: `{operation}`: {message}");
                }
                Problem::SpecContradiction(list) => {
                    for v in list {
                        let _ = writeln!(
                            out,
                            "- spec contradicts itself: `{operation}` answer at `{}`: {}",
                            v.pointer, v.message
                        );
                    }
                }
                Problem::Request(message) => {
                    let _ = writeln!(out, "- request not built: `{operation}`: {message}");
                }
                Problem::Prism500(body) => {
                    let _ = writeln!(
                        out,
                        "- Prism 500 (spec example contradicts schema?): `{operation}`: {}",
                        clip(body)
                    );
                }
                Problem::Status(status, body) => {
                    let _ = writeln!(
                        out,
                        "- unexpected HTTP {status}: `{operation}`: {}",
                        clip(body)
                    );
                }
                Problem::Transport(message) => {
                    let _ = writeln!(out, "- transport failure: `{operation}`: {message}");
                }
            }
        }
        for entry in &r.stale {
            let _ = writeln!(
                out,
                "- allow-list entry no longer needed, remove it: `{entry}`"
            );
        }
        for (operation, reason) in &r.allowed {
            let _ = writeln!(out, "- allowed: `{operation}`: {reason}");
        }
    }
    out
}

fn clip(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    match one_line.char_indices().nth(300) {
        Some((end, _)) => format!("{}…", &one_line[..end]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(name: &str, toml: &str) -> AllowList {
        let dir = std::env::temp_dir().join(format!("allow-{}-{name}.toml", std::process::id()));
        std::fs::write(&dir, toml).expect("temp file");
        let list = AllowList::load(&dir);
        let _ = std::fs::remove_file(&dir);
        list.expect("valid list")
    }

    fn violation(pointer: &str) -> Violation {
        Violation {
            pointer: pointer.to_owned(),
            message: "broken".to_owned(),
        }
    }

    const ENTRY: &str = r#"
[[allow]]
provider = "whapi"
failure = "unsatisfiable"
operations = ["sendMessageImage"]
pointers = ["/request/body/media"]
reason = "SendMedia.media is oneOf four plain strings; every string matches all four."
"#;

    #[test]
    fn request_violations_are_judged_apart_from_the_spec_s_own() {
        let answered = |pointers: &[&str]| Outcome::Answered {
            status: 200,
            violations: pointers.iter().map(|p| violation(p)).collect(),
            body: None,
        };
        assert!(judge(Ok(answered(&[]))).is_none());
        assert!(matches!(
            judge(Ok(answered(&["/response/body/id"]))),
            Some(Problem::SpecContradiction(_))
        ));
        assert!(matches!(
            judge(Ok(answered(&["/response/body/id", "/request/body/to"]))),
            Some(Problem::Violations(v)) if v.len() == 1 && v[0].pointer == "/request/body/to"
        ));
        assert!(matches!(
            judge(Err("no value".into())),
            Some(Problem::Request(_))
        ));
    }

    #[test]
    fn an_entry_allows_only_the_request_pointers_it_names() {
        let allow = list("pointers", ENTRY);
        let mut report = ProviderReport {
            provider: "whapi",
            ..ProviderReport::default()
        };
        report.record(
            &allow,
            "sendMessageImage",
            Some(Problem::Violations(vec![violation("/request/body/media")])),
        );
        assert_eq!(report.allowed.len(), 1);
        report.record(
            &allow,
            "sendMessageImage",
            Some(Problem::Violations(vec![
                violation("/request/body/media"),
                violation("/request/body/to"),
            ])),
        );
        assert_eq!(
            report.failures.len(),
            1,
            "a violation elsewhere in the request is not allowed"
        );
        assert!(!report.passed());
    }

    #[test]
    fn an_allowed_operation_that_passes_is_stale() {
        let allow = list("stale", ENTRY);
        let mut report = ProviderReport {
            provider: "whapi",
            ..ProviderReport::default()
        };
        report.record(&allow, "sendMessageImage", None);
        assert_eq!(report.stale, ["sendMessageImage (unsatisfiable)"]);
        assert!(!report.passed());
        assert!(markdown(&[report]).contains(
            "allow-list entry no longer needed, remove it: `sendMessageImage (unsatisfiable)`"
        ));
    }

    #[test]
    fn request_entries_without_pointers_are_refused() {
        let dir = std::env::temp_dir().join(format!("allow-nopointers-{}", std::process::id()));
        std::fs::write(
            &dir,
            ENTRY.replace("pointers = [\"/request/body/media\"]\n", ""),
        )
        .expect("temp file");
        let error = AllowList::load(&dir).expect_err("no pointers");
        let _ = std::fs::remove_file(&dir);
        assert!(error.contains("must name their `pointers`"), "{error}");
    }
}
