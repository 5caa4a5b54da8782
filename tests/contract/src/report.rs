//! Judging outcomes and writing the report.

use std::fmt::Write;

use crate::allow::AllowList;
use crate::run::{Outcome, Violation};

/// What is wrong with one call, if anything.
#[derive(Debug)]
pub(crate) enum Problem {
    /// The spec's values could not be turned into the crate's argument types.
    Request(String),
    /// Prism found the request outside the published contract.
    Violations(Vec<Violation>),
    /// An answer generated from the corrected copy breaks that copy's own schema: a
    /// correction is missing.
    SpecContradiction(u64, Vec<Violation>),
    /// Prism could not answer at all (seed of the answer mock, or `None` for the published one).
    Prism(Option<u64>, String),
    /// Another error status.
    Status(u16, String),
    /// The answer did not decode (seed, or `None` for the published mock's example answer).
    Decode(Option<u64>, String),
    /// The request failed in transit.
    Transport(String),
    /// An error call's answer was not the documented error with its typed body.
    ErrorPath(String, String),
}

/// Judges what the published mock said about the request. Its answer is the spec's own
/// example; when Prism cannot serve it (the example breaks the schema) the request was still
/// valid, and the answer mocks exercise the decoder instead.
pub(crate) fn judge_request(outcome: Result<Outcome, String>) -> (Option<Problem>, bool) {
    match outcome {
        Err(message) => (Some(Problem::Request(message)), false),
        Ok(Outcome::Answered {
            violations,
            status,
            prism,
            ..
        }) => {
            let request: Vec<Violation> = violations
                .into_iter()
                .filter(|v| v.pointer.starts_with("/request"))
                .collect();
            if !request.is_empty() {
                (Some(Problem::Violations(request)), false)
            } else {
                (None, prism.is_some() || !(200..300).contains(&status))
            }
        }
        Ok(Outcome::Decode(message)) => (Some(Problem::Decode(None, message)), false),
        Ok(Outcome::Failed(message)) => (Some(Problem::Transport(message)), false),
    }
}

/// Judges what an answer mock (generated answers from the corrected copy) returned: it must
/// be a success that decodes and that Prism found valid.
pub(crate) fn judge_answer(seed: u64, outcome: Result<Outcome, String>) -> Option<Problem> {
    match outcome {
        // Reported once, by the request judgement.
        Err(_) => None,
        Ok(Outcome::Answered {
            violations,
            status,
            body,
            prism,
        }) => {
            let (answer, request): (Vec<Violation>, Vec<Violation>) = violations
                .into_iter()
                .partition(|v| v.pointer.starts_with("/response"));
            let request: Vec<Violation> = request
                .into_iter()
                .filter(|v| v.pointer.starts_with("/request"))
                .collect();
            if !(200..300).contains(&status) && !request.is_empty() {
                // The mock would not answer the request: the allow-list may excuse exactly these
                // pointers, but then this call's answer reached no decoder.
                Some(Problem::Violations(request))
            } else if let Some(problem) = prism {
                Some(Problem::Prism(Some(seed), problem))
            } else if !answer.is_empty() {
                Some(Problem::SpecContradiction(seed, answer))
            } else if (200..300).contains(&status) {
                None
            } else {
                Some(Problem::Status(status, body.unwrap_or_default()))
            }
        }
        Ok(Outcome::Decode(message)) => Some(Problem::Decode(Some(seed), message)),
        Ok(Outcome::Failed(message)) => Some(Problem::Transport(message)),
    }
}

/// One provider's results.
#[derive(Debug, Default)]
pub(crate) struct ProviderReport {
    /// Provider folder name.
    pub provider: &'static str,
    /// Operations in the upstream spec, when `cargo xtask contract` says.
    pub operations: Option<usize>,
    /// Distinct operations called.
    pub exercised: usize,
    /// Calls made (operations, body variants, complete bodies), each judged on the published
    /// mock and decoded from every answer mock.
    pub calls: usize,
    /// Answer mocks each call was decoded from.
    pub seeds: usize,
    /// Answers from the answer mocks that reached a decoder and decoded.
    pub decoded: usize,
    /// Calls whose published example answer Prism could not serve (their decoders ran on the
    /// generated answers).
    pub unserved_examples: usize,
    /// Error calls whose typed error body decoded.
    pub errors_decoded: usize,
    /// Problems not allowed: (operation, problem).
    pub failures: Vec<(String, Problem)>,
    /// Calls whose request violations the allow-list explains: (operation, reason).
    pub allowed: Vec<(String, String)>,
    /// Allow-list entries whose operation no longer fails.
    pub stale: Vec<String>,
    /// Operations (without the variant) with at least one decoded answer.
    pub answered: std::collections::BTreeSet<String>,
    /// Operations called.
    pub called: std::collections::BTreeSet<String>,
    /// Calls through the facade's adapter (conformance cases, upload, read receipt).
    pub facade_calls: usize,
}

impl ProviderReport {
    /// Records one call through the facade's adapter, judged on the published mock only.
    pub(crate) fn record_facade(
        &mut self,
        allow: &AllowList,
        name: &str,
        problem: Option<Problem>,
    ) {
        self.facade_calls += 1;
        match problem {
            None => {
                for kind in crate::allow::KINDS {
                    if allow.find(self.provider, name, kind).is_some() {
                        self.stale.push(format!("{name} ({kind})"));
                    }
                }
            }
            Some(Problem::Violations(list)) => match self.allows(allow, name, &list) {
                Some(entry) => self.allowed.push((name.to_owned(), entry.reason.clone())),
                None => self
                    .failures
                    .push((name.to_owned(), Problem::Violations(list))),
            },
            Some(problem) => self.failures.push((name.to_owned(), problem)),
        }
    }

    /// Records one call: the request judgement and each answer mock's.
    pub(crate) fn record(
        &mut self,
        allow: &AllowList,
        operation: &str,
        request: (Option<Problem>, bool),
        answers: Vec<(u64, Option<Problem>)>,
    ) {
        self.calls += 1;
        let base = operation.split(" (").next().unwrap_or(operation).to_owned();
        self.called.insert(base.clone());
        let (request, unserved) = request;
        if unserved {
            self.unserved_examples += 1;
        }
        match request {
            None => {
                for kind in crate::allow::KINDS {
                    if allow.find(self.provider, operation, kind).is_some() {
                        self.stale.push(format!("{operation} ({kind})"));
                    }
                }
            }
            Some(Problem::Violations(list)) => {
                // Only the violations an entry names; any other is the request's own.
                match self.allows(allow, operation, &list) {
                    Some(entry) => self
                        .allowed
                        .push((operation.to_owned(), entry.reason.clone())),
                    None => self
                        .failures
                        .push((operation.to_owned(), Problem::Violations(list))),
                }
            }
            Some(problem) => self.failures.push((operation.to_owned(), problem)),
        }
        for (_, problem) in answers {
            match problem {
                None => {
                    self.decoded += 1;
                    self.answered.insert(base.clone());
                }
                Some(Problem::Violations(list))
                    if self.allows(allow, operation, &list).is_some() => {}
                Some(problem) => self.failures.push((operation.to_owned(), problem)),
            }
        }
    }

    /// The entry allowing every one of `list` for `operation`.
    fn allows<'a>(
        &self,
        allow: &'a AllowList,
        operation: &str,
        list: &[Violation],
    ) -> Option<&'a crate::allow::Entry> {
        crate::allow::KINDS
            .iter()
            .find_map(|kind| allow.find(self.provider, operation, kind))
            .filter(|entry| list.iter().all(|v| entry.allows(v)))
    }

    /// Operations called whose answers never reached a decoder.
    pub(crate) fn undecoded(&self) -> Vec<&String> {
        self.called.difference(&self.answered).collect()
    }

    /// Records an error call.
    pub(crate) fn record_error(
        &mut self,
        operation: &str,
        status: &str,
        outcome: Result<(), String>,
    ) {
        match outcome {
            Ok(()) => self.errors_decoded += 1,
            Err(message) => self.failures.push((
                operation.to_owned(),
                Problem::ErrorPath(status.to_owned(), message),
            )),
        }
    }

    /// Whether this provider passes.
    pub(crate) fn passed(&self) -> bool {
        self.failures.is_empty()
            && self.stale.is_empty()
            && self.undecoded().is_empty()
            && self.operations.is_none_or(|total| self.exercised == total)
    }
}

/// The whole report as Markdown.
pub(crate) fn markdown(reports: &[ProviderReport]) -> String {
    let mut out = String::from(
        "# Contract suite\n\n| provider | operations exercised | calls | facade calls | answers decoded | error bodies decoded | violations | decode failures | spec contradictions | Prism errors | other failures | allowed |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in reports {
        let count = |f: fn(&Problem) -> bool| r.failures.iter().filter(|(_, p)| f(p)).count();
        let total = r
            .operations
            .map_or_else(|| "?".to_owned(), |t| t.to_string());
        let _ = writeln!(
            out,
            "| `{}` | {}/{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.provider,
            r.exercised,
            total,
            r.calls,
            r.facade_calls,
            r.decoded,
            r.errors_decoded,
            count(|p| matches!(p, Problem::Violations(_))),
            count(|p| matches!(p, Problem::Decode(..))),
            count(|p| matches!(p, Problem::SpecContradiction(..))),
            count(|p| matches!(p, Problem::Prism(..))),
            count(|p| !matches!(
                p,
                Problem::Violations(_)
                    | Problem::Decode(..)
                    | Problem::SpecContradiction(..)
                    | Problem::Prism(..)
            )),
            r.allowed.len(),
        );
    }
    let unserved: usize = reports.iter().map(|r| r.unserved_examples).sum();
    let _ = writeln!(
        out,
        "\nEach call is judged on a mock of the published spec and decoded from {} answer mocks (generated answers, fixed seeds). {unserved} calls' published example answers break their own schema; their decoders ran on the generated answers.",
        reports.iter().map(|r| r.seeds).max().unwrap_or(0),
    );
    for r in reports {
        if r.failures.is_empty()
            && r.stale.is_empty()
            && r.allowed.is_empty()
            && r.undecoded().is_empty()
        {
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
                Problem::Decode(seed, message) => {
                    let from = seed.map_or_else(
                        || "the published example".to_owned(),
                        |s| format!("seed {s}"),
                    );
                    let _ = writeln!(out, "- decode failure ({from}): `{operation}`: {message}");
                }
                Problem::SpecContradiction(seed, list) => {
                    for v in list {
                        let _ = writeln!(
                            out,
                            "- corrected spec contradicts itself (seed {seed}): `{operation}` answer at `{}`: {}",
                            v.pointer, v.message
                        );
                    }
                }
                Problem::Request(message) => {
                    let _ = writeln!(out, "- request not built: `{operation}`: {message}");
                }
                Problem::Prism(seed, message) => {
                    let from = seed.map_or_else(|| "published".to_owned(), |s| format!("seed {s}"));
                    let _ = writeln!(
                        out,
                        "- Prism could not answer ({from}): `{operation}`: {}",
                        clip(message)
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
                Problem::ErrorPath(status, message) => {
                    let _ = writeln!(
                        out,
                        "- error answer HTTP {status}: `{operation}`: {}",
                        clip(message)
                    );
                }
            }
        }
        for operation in r.undecoded() {
            let _ = writeln!(out, "- no answer reached a decoder: `{operation}`");
        }
        for entry in &r.stale {
            let _ = writeln!(
                out,
                "- allow-list entry no longer needed, remove it: `{entry}`"
            );
        }
        for (operation, reason) in &r.allowed {
            let _ = writeln!(out, "- allowed: `{operation}`: {}", reason.trim());
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

    fn answered(pointers: &[&str], prism: Option<&str>) -> Outcome {
        Outcome::Answered {
            status: if prism.is_some() { 500 } else { 200 },
            violations: pointers.iter().map(|p| violation(p)).collect(),
            body: None,
            prism: prism.map(str::to_owned),
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
    fn the_published_mock_judges_requests_and_the_answer_mocks_answers() {
        assert!(judge_request(Ok(answered(&[], None))).0.is_none());
        // An answer problem on the published mock is its example's, not the request's.
        let (problem, unserved) = judge_request(Ok(answered(&[], Some("NO_RESPONSE"))));
        assert!(problem.is_none() && unserved);
        assert!(matches!(
            judge_request(Ok(answered(&["/response/body/id", "/request/body/to"], None))).0,
            Some(Problem::Violations(v)) if v.len() == 1 && v[0].pointer == "/request/body/to"
        ));
        assert!(judge_answer(1, Ok(answered(&["/request/body/to"], None))).is_none());
        assert!(matches!(
            judge_answer(2, Ok(answered(&["/response/body/id"], None))),
            Some(Problem::SpecContradiction(2, _))
        ));
        assert!(matches!(
            judge_answer(3, Ok(answered(&[], Some("cannot generate")))),
            Some(Problem::Prism(Some(3), _))
        ));
        assert!(matches!(
            judge_answer(1, Ok(Outcome::Decode("missing field `time`".into()))),
            Some(Problem::Decode(Some(1), _))
        ));
        assert!(matches!(
            judge_request(Err("no value".into())).0,
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
            (
                Some(Problem::Violations(vec![violation("/request/body/media")])),
                false,
            ),
            vec![(1, None)],
        );
        assert_eq!(report.allowed.len(), 1);
        assert_eq!(report.decoded, 1);
        report.record(
            &allow,
            "sendMessageImage",
            (
                Some(Problem::Violations(vec![
                    violation("/request/body/media"),
                    violation("/request/body/to"),
                ])),
                false,
            ),
            vec![],
        );
        assert_eq!(
            report.failures.len(),
            1,
            "a violation elsewhere in the request is not allowed"
        );
        assert!(!report.passed());
    }

    #[test]
    fn an_entry_with_messages_allows_only_those_at_its_pointer() {
        let allow = list(
            "messages",
            &ENTRY.replace(
                "pointers = [\"/request/body/media\"]",
                "pointers = [\"/request/body\"]\nmessages = [\"required property 'to'\"]",
            ),
        );
        let at_body = |message: &str| Violation {
            pointer: "/request/body".to_owned(),
            message: message.to_owned(),
        };
        let entry = &allow.allow[0];
        assert!(entry.allows(&at_body("Request body must have required property 'to'")));
        assert!(!entry.allows(&at_body(
            "Request body must have required property 'messaging_product'"
        )));
        assert!(!entry.allows(&violation("/request/body/to")));
    }

    #[test]
    fn an_allowed_request_does_not_excuse_its_answer() {
        let allow = list("answers", ENTRY);
        let mut report = ProviderReport {
            provider: "whapi",
            ..ProviderReport::default()
        };
        report.record(
            &allow,
            "sendMessageImage",
            (
                Some(Problem::Violations(vec![violation("/request/body/media")])),
                false,
            ),
            vec![(1, Some(Problem::Decode(Some(1), "missing field".into())))],
        );
        assert_eq!(report.allowed.len(), 1);
        assert_eq!(report.failures.len(), 1);
        assert!(markdown(&[report]).contains("decode failure (seed 1): `sendMessageImage`"));
    }

    #[test]
    fn an_allowed_operation_that_passes_is_stale() {
        let allow = list("stale", ENTRY);
        let mut report = ProviderReport {
            provider: "whapi",
            ..ProviderReport::default()
        };
        report.record(&allow, "sendMessageImage", (None, false), vec![]);
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
