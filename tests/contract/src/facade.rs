//! The facade's own requests against the published contract: every conformance case an
//! adapter can send (and its upload and read receipt) goes through that adapter to the mock of
//! the published spec, which judges each request the adapter builds.
//!
//! Only requests are judged here. The published examples' answers often break their own
//! schemas; the adapters' decoding of answers is covered by the conformance suite on the
//! sandbox, and the generated types' by the answer mocks.

use std::time::Duration;

use whatsapp_sdk::{
    DynMessenger, Error, Feature, MediaUpload, MessageId, Provider, RetryPolicy, conformance,
};

use crate::TOKEN;
use crate::allow::AllowList;
use crate::report::{Problem, ProviderReport};

/// Sends every case `provider`'s adapter supports to the published mock at `url`.
pub(crate) async fn exercise(
    provider: Provider,
    url: &str,
    allow: &AllowList,
    report: &mut ProviderReport,
) -> Result<(), String> {
    let proxy = crate::proxy::Proxy::start(url).await?;
    let messenger = messenger(provider, &proxy.url())?;
    let capabilities = messenger.capabilities();
    for case in conformance::cases_for(provider) {
        // Refusals are the conformance suite's to check; here only what goes out.
        if capabilities.first_missing(case.needs()).is_some() {
            continue;
        }
        let outcome = messenger
            .send_opts(&case.to, &case.message, &case.options)
            .await
            .map(drop);
        let name = format!("facade: {}", case.name);
        report.record_facade(allow, &name, judge(&proxy, outcome));
    }
    if capabilities.supports(Feature::UploadMedia) {
        let upload = MediaUpload::new(conformance::PNG, "image/png").with_file_name("pixel.png");
        let outcome = messenger.upload_media(&upload).await.map(drop);
        report.record_facade(allow, "facade: upload_media", judge(&proxy, outcome));
    }
    if capabilities.supports(Feature::MarkRead) {
        let id: MessageId = conformance::referenced_message(provider);
        let outcome = messenger.mark_read(&id).await;
        report.record_facade(allow, "facade: mark_read", judge(&proxy, outcome));
    }
    Ok(())
}

/// What the published mock said of the requests behind one facade call: the request violations
/// it reported (in `sl-violations` or its 422 body, recorded by the proxy). Any answer without
/// them, whatever the adapter made of it (the spec's example, a 4xx example, an example Prism
/// could not serve), means the requests were valid.
fn judge(proxy: &crate::proxy::Proxy, outcome: Result<(), Error>) -> Option<Problem> {
    let violations = proxy.take();
    if !violations.is_empty() {
        return Some(Problem::Violations(violations));
    }
    match outcome {
        Err(Error::Transport { source, .. }) => Some(Problem::Transport(source.to_string())),
        // The adapter refused to build a request from a conformance case: its own fault.
        Err(error @ (Error::Invalid(_) | Error::Request { .. } | Error::Unsupported { .. })) => {
            Some(Problem::Request(error.to_string()))
        }
        _ => None,
    }
}

/// `provider`'s adapter on a client of the mock at `url`, with the settings the conformance
/// cases need (a template namespace, a media provider, a sender, an account).
fn messenger(provider: Provider, url: &str) -> Result<Box<DynMessenger>, String> {
    use whatsapp_sdk::{cloud, onprem, whapi, whatshooked, ycloud};
    let never = RetryPolicy::never;
    let timeout = Duration::from_secs(20);
    let text = |e: &dyn std::fmt::Display| e.to_string();
    Ok(match provider {
        Provider::Cloud => {
            // Prism routes the spec's paths without the server's version prefix.
            let client = cloud::api::Client::builder()
                .with_versioned_base_url(url)
                .with_access_token(TOKEN)
                .with_retry_policy(never())
                .with_timeout(timeout)
                .build()
                .map_err(|e| text(&e))?;
            Box::new(cloud::CloudMessenger::new(client, "106540352242922").map_err(|e| text(&e))?)
        }
        Provider::OnPrem => {
            let client = onprem::api::Client::builder()
                .with_base_url(url)
                .with_access_token(TOKEN)
                .with_retry_policy(never())
                .with_timeout(timeout)
                .build()
                .map_err(|e| text(&e))?;
            Box::new(
                onprem::OnPremMessenger::new(client)
                    .with_media_provider("contract-media")
                    .and_then(|m| m.with_template_namespace("contract_namespace"))
                    .map_err(|e| text(&e))?,
            )
        }
        Provider::Whapi => {
            let client = whapi::api::Client::builder()
                .with_base_url(url)
                .with_token(TOKEN)
                .with_retry_policy(never())
                .with_timeout(timeout)
                .build()
                .map_err(|e| text(&e))?;
            Box::new(whapi::WhapiMessenger::new(client))
        }
        Provider::YCloud => {
            let client = ycloud::api::Client::builder()
                .with_base_url(url)
                .with_api_key(TOKEN)
                .with_retry_policy(never())
                .with_timeout(timeout)
                .build()
                .map_err(|e| text(&e))?;
            Box::new(ycloud::YCloudMessenger::new(client, "+15550100001").map_err(|e| text(&e))?)
        }
        Provider::WhatsHooked => {
            let client = whatshooked::api::Client::builder()
                .with_base_url(url)
                .with_api_key(TOKEN)
                .with_retry_policy(never())
                .with_timeout(timeout)
                .build()
                .map_err(|e| text(&e))?;
            Box::new(
                whatshooked::WhatsHookedMessenger::new(
                    client,
                    "contract-account",
                    whatshooked::AccountType::BusinessApi,
                )
                .map_err(|e| text(&e))?,
            )
        }
        other => return Err(format!("no adapter for {other}")),
    })
}
