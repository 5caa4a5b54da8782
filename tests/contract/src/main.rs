//! The contract suite's runner: calls every operation of every provider crate against the
//! Prism mocks `cargo xtask contract` started, and reports what Prism and the crates said.
//!
//! Each mock's URL arrives as `WHATSAPP_SDK_CONTRACT_<PROVIDER>`; the number of operations in
//! its upstream spec as `WHATSAPP_SDK_CONTRACT_<PROVIDER>_OPERATIONS`.
#![forbid(unsafe_code)]

mod allow;
mod calls;
mod hand_written;
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
    if let Some(url) = mock("CLOUD") {
        // Prism routes the spec's paths without the server's `/v21.0`.
        let client = whatsapp_sdk_cloud::Client::builder()
            .with_versioned_base_url(url)
            .with_access_token(TOKEN)
            .with_retry_policy(RetryPolicy::never())
            .with_timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        let mut calls = calls::cloud::calls();
        calls.extend(hand_written::cloud::calls());
        reports.push(exercise("cloud", &client, calls, &allow).await);
    }
    if let Some(url) = mock("ONPREM") {
        let client = whatsapp_sdk_onprem::Client::builder()
            .with_base_url(url)
            .with_access_token(TOKEN)
            .with_basic_auth("admin", TOKEN)
            .with_retry_policy(RetryPolicy::never())
            .with_timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        let mut calls = calls::onprem::calls();
        calls.extend(hand_written::onprem::calls());
        reports.push(exercise("onprem", &client, calls, &allow).await);
    }
    if let Some(url) = mock("WHAPI") {
        let client = whatsapp_sdk_whapi::Client::builder()
            .with_base_url(url)
            .with_token(TOKEN)
            .with_retry_policy(RetryPolicy::never())
            .with_timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        let mut calls = calls::whapi::calls();
        calls.extend(hand_written::whapi::calls());
        reports.push(exercise("whapi", &client, calls, &allow).await);
    }
    if let Some(url) = mock("YCLOUD") {
        let client = whatsapp_sdk_ycloud::Client::builder()
            .with_base_url(url)
            .with_api_key(TOKEN)
            .with_retry_policy(RetryPolicy::never())
            .with_timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        reports.push(exercise("ycloud", &client, calls::ycloud::calls(), &allow).await);
    }
    if let Some(url) = mock("WHATSHOOKED") {
        let client = whatsapp_sdk_whatshooked::Client::builder()
            .with_base_url(url)
            .with_api_key(TOKEN)
            .with_retry_policy(RetryPolicy::never())
            .with_timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        let mut calls = calls::whatshooked::calls();
        calls.extend(hand_written::whatshooked::calls());
        reports.push(exercise("whatshooked", &client, calls, &allow).await);
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

/// The mock URL for `provider`, if `cargo xtask contract` started one.
fn mock(provider: &str) -> Option<String> {
    std::env::var(format!("WHATSAPP_SDK_CONTRACT_{provider}")).ok()
}

/// Runs every call on `client` and judges each outcome.
async fn exercise<C>(
    provider: &'static str,
    client: &C,
    calls: Vec<Call<C>>,
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
        ..ProviderReport::default()
    };
    let mut exercised = std::collections::BTreeSet::new();
    for call in calls {
        let outcome = (call.run)(client).await;
        exercised.insert(call.operation.split(' ').next().unwrap_or(call.operation));
        report.record(allow, call.operation, report::judge(outcome));
    }
    report.exercised = exercised.len();
    report
}
