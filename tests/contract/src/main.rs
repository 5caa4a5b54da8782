//! The contract suite's runner: calls every operation of every provider crate against the
//! Prism mocks `cargo xtask contract` started, and reports what Prism and the crates said.
//!
//! Each mock's URL arrives as `WHATSAPP_SDK_CONTRACT_<PROVIDER>`; the number of operations in
//! its upstream spec as `WHATSAPP_SDK_CONTRACT_<PROVIDER>_OPERATIONS`.
#![forbid(unsafe_code)]

mod allow;
mod calls;
mod facade;
mod hand_written;
mod proxy;
mod realistic;
mod report;
mod run;
#[cfg(test)]
mod shapes;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use allow::AllowList;
use report::ProviderReport;
use run::Call;
use whatsapp_sdk_runtime::RetryPolicy;

/// Credentials the mocks accept: Prism checks that one is present, not its value.
const TOKEN: &str = "contract-token";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<bool, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let allow = AllowList::load(&manifest.join("allow-list.toml"))?;
    let mut reports = Vec::new();
    if let Some(mocks) = mocks("CLOUD")? {
        // Prism routes the spec's paths without the server's `/v21.0`.
        let build = |url: &str, prefer: Option<&str>| {
            whatsapp_sdk_cloud::Client::builder()
                .with_versioned_base_url(url)
                .with_access_token(TOKEN)
                .with_retry_policy(RetryPolicy::never())
                .with_timeout(Duration::from_secs(20))
                .with_http_client(http(prefer)?)
                .build()
                .map_err(|e| e.to_string())
        };
        let clients = Clients::new(&mocks, build)?;
        let mut calls = calls::cloud::calls();
        calls.extend(hand_written::cloud::calls());
        calls.extend(realistic::cloud::calls());
        let errors = realistic::cloud::error_calls();
        let mut report = exercise("cloud", &clients, calls, errors, &allow).await;
        facade::exercise(
            whatsapp_sdk::Provider::Cloud,
            &mocks.published,
            &allow,
            &mut report,
        )
        .await?;
        reports.push(report);
    }
    if let Some(mocks) = mocks("ONPREM")? {
        let build = |url: &str, prefer: Option<&str>| {
            whatsapp_sdk_onprem::Client::builder()
                .with_base_url(url)
                .with_access_token(TOKEN)
                .with_basic_auth("admin", TOKEN)
                .with_retry_policy(RetryPolicy::never())
                .with_timeout(Duration::from_secs(20))
                .with_http_client(http(prefer)?)
                .build()
                .map_err(|e| e.to_string())
        };
        let clients = Clients::new(&mocks, build)?;
        let mut calls = calls::onprem::calls();
        calls.extend(hand_written::onprem::calls());
        calls.extend(realistic::onprem::calls());
        let errors = realistic::onprem::error_calls();
        let mut report = exercise("onprem", &clients, calls, errors, &allow).await;
        facade::exercise(
            whatsapp_sdk::Provider::OnPrem,
            &mocks.published,
            &allow,
            &mut report,
        )
        .await?;
        reports.push(report);
    }
    if let Some(mocks) = mocks("WHAPI")? {
        let build = |url: &str, prefer: Option<&str>| {
            whatsapp_sdk_whapi::Client::builder()
                .with_base_url(url)
                .with_token(TOKEN)
                .with_retry_policy(RetryPolicy::never())
                .with_timeout(Duration::from_secs(20))
                .with_http_client(http(prefer)?)
                .build()
                .map_err(|e| e.to_string())
        };
        let clients = Clients::new(&mocks, build)?;
        let mut calls = calls::whapi::calls();
        calls.extend(hand_written::whapi::calls());
        calls.extend(realistic::whapi::calls());
        let errors = realistic::whapi::error_calls();
        let mut report = exercise("whapi", &clients, calls, errors, &allow).await;
        facade::exercise(
            whatsapp_sdk::Provider::Whapi,
            &mocks.published,
            &allow,
            &mut report,
        )
        .await?;
        reports.push(report);
    }
    if let Some(mocks) = mocks("YCLOUD")? {
        let build = |url: &str, prefer: Option<&str>| {
            whatsapp_sdk_ycloud::Client::builder()
                .with_base_url(url)
                .with_api_key(TOKEN)
                .with_retry_policy(RetryPolicy::never())
                .with_timeout(Duration::from_secs(20))
                .with_http_client(http(prefer)?)
                .build()
                .map_err(|e| e.to_string())
        };
        let clients = Clients::new(&mocks, build)?;
        let mut calls = calls::ycloud::calls();
        calls.extend(realistic::ycloud::calls());
        let errors = realistic::ycloud::error_calls();
        let mut report = exercise("ycloud", &clients, calls, errors, &allow).await;
        facade::exercise(
            whatsapp_sdk::Provider::YCloud,
            &mocks.published,
            &allow,
            &mut report,
        )
        .await?;
        reports.push(report);
    }
    if let Some(mocks) = mocks("WHATSHOOKED")? {
        let build = |url: &str, prefer: Option<&str>| {
            whatsapp_sdk_whatshooked::Client::builder()
                .with_base_url(url)
                .with_api_key(TOKEN)
                .with_retry_policy(RetryPolicy::never())
                .with_timeout(Duration::from_secs(20))
                .with_http_client(http(prefer)?)
                .build()
                .map_err(|e| e.to_string())
        };
        let clients = Clients::new(&mocks, build)?;
        let mut calls = calls::whatshooked::calls();
        calls.extend(hand_written::whatshooked::calls());
        calls.extend(realistic::whatshooked::calls());
        let errors = realistic::whatshooked::error_calls();
        let mut report = exercise("whatshooked", &clients, calls, errors, &allow).await;
        facade::exercise(
            whatsapp_sdk::Provider::WhatsHooked,
            &mocks.published,
            &allow,
            &mut report,
        )
        .await?;
        reports.push(report);
    }
    if reports.is_empty() {
        return Err(
            "no WHATSAPP_SDK_CONTRACT_<PROVIDER> variable is set; run `cargo xtask contract`"
                .into(),
        );
    }
    let text = report::markdown(&reports);
    print!("{text}");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest.join("../../target"), PathBuf::from)
        .join("contract");
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let path = target.join("report.md");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\nreport written to {}", path.display());
    Ok(reports.iter().all(ProviderReport::passed))
}

/// The mocks `cargo xtask contract` started for `provider`: the published spec's URL and the
/// answer mocks' (seed, URL) pairs.
struct Mocks {
    published: String,
    answers: Vec<(u64, String)>,
}

fn mocks(provider: &str) -> Result<Option<Mocks>, String> {
    let Ok(published) = std::env::var(format!("WHATSAPP_SDK_CONTRACT_{provider}")) else {
        return Ok(None);
    };
    let list =
        std::env::var(format!("WHATSAPP_SDK_CONTRACT_{provider}_ANSWERS")).unwrap_or_default();
    let mut answers = Vec::new();
    for pair in list.split(',').filter(|p| !p.is_empty()) {
        let (seed, url) = pair
            .split_once('=')
            .ok_or_else(|| format!("{provider}: answer mock `{pair}` is not SEED=URL"))?;
        let seed = seed
            .parse()
            .map_err(|e| format!("{provider}: seed `{seed}`: {e}"))?;
        answers.push((seed, url.to_owned()));
    }
    if answers.is_empty() {
        return Err(format!(
            "{provider}: no answer mock (WHATSAPP_SDK_CONTRACT_{provider}_ANSWERS)"
        ));
    }
    Ok(Some(Mocks { published, answers }))
}

/// An HTTP client that asks Prism for the answer with status `prefer` (its `Prefer: code=`
/// header), or for the default answer.
fn http(prefer: Option<&str>) -> Result<reqwest::Client, String> {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(code) = prefer {
        let value = reqwest::header::HeaderValue::from_str(&format!("code={code}"))
            .map_err(|e| e.to_string())?;
        headers.insert("prefer", value);
    }
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .map_err(|e| e.to_string())
}

/// One provider's clients: against the published mock, each answer mock, and the first answer
/// mock asked for error answers.
struct Clients<C> {
    published: C,
    answers: Vec<(u64, C)>,
    errors: std::collections::BTreeMap<&'static str, C>,
}

impl<C> Clients<C> {
    fn new(
        mocks: &Mocks,
        build: impl Fn(&str, Option<&str>) -> Result<C, String>,
    ) -> Result<Self, String> {
        // Error answers come from the first answer mock: generated from the corrected copy's
        // error schemas (the published examples of error bodies are decoded in-process).
        let (_, first) = mocks.answers.first().ok_or("no answer mock")?;
        let mut errors = std::collections::BTreeMap::new();
        for code in realistic::ERROR_STATUSES {
            errors.insert(code, build(first, Some(code))?);
        }
        Ok(Self {
            published: build(&mocks.published, None)?,
            answers: mocks
                .answers
                .iter()
                .map(|(seed, url)| Ok((*seed, build(url, None)?)))
                .collect::<Result<_, String>>()?,
            errors,
        })
    }
}

/// Runs every call on the published mock (the request is judged) and on each answer mock
/// (the answer is decoded), then the error calls, and judges each outcome.
async fn exercise<C>(
    provider: &'static str,
    clients: &Clients<C>,
    calls: Vec<Call<C>>,
    error_calls: Vec<realistic::ErrorCall<C>>,
    allow: &AllowList,
) -> ProviderReport {
    let operations = std::env::var(format!(
        "WHATSAPP_SDK_CONTRACT_{}_OPERATIONS",
        provider.to_uppercase()
    ))
    .ok()
    .and_then(|n| n.parse().ok());
    let mut report = ProviderReport {
        provider,
        operations,
        seeds: clients.answers.len(),
        ..ProviderReport::default()
    };
    let mut exercised = std::collections::BTreeSet::new();
    for call in calls {
        exercised.insert(call.operation.split(' ').next().unwrap_or(call.operation));
        let request = report::judge_request((call.run)(&clients.published).await);
        let mut answers = Vec::new();
        for (seed, client) in &clients.answers {
            answers.push((*seed, report::judge_answer(*seed, (call.run)(client).await)));
        }
        report.record(allow, call.operation, request, answers);
    }
    for call in error_calls {
        let Some(client) = clients.errors.get(call.status) else {
            report.record_error(
                call.operation,
                call.status,
                Err(format!("no client asks for HTTP {}", call.status)),
            );
            continue;
        };
        let outcome = (call.run)(client).await;
        report.record_error(call.operation, call.status, outcome);
    }
    report.exercised = exercised.len();
    report
}
