//! The shared conformance suite (`whatsapp_sdk::conformance`) against every adapter on the
//! sandbox and against the in-memory messenger imitating each provider.

use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::{Provider, RetryPolicy, conformance};

async fn run(provider: Provider) {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let messenger = sandbox.messenger(provider).expect("messenger builds");
    conformance::sends_every_case(messenger.as_ref(), &sandbox).await;
    conformance::uploads_downloads_and_marks_read(messenger.as_ref(), &sandbox).await;
    let strict = sandbox
        .messenger_with_retry(provider, RetryPolicy::never())
        .expect("messenger builds");
    conformance::maps_provider_errors(strict.as_ref(), &sandbox).await;
}

#[tokio::test]
async fn cloud() {
    run(Provider::Cloud).await;
}

#[tokio::test]
async fn whapi() {
    run(Provider::Whapi).await;
}

#[tokio::test]
async fn ycloud() {
    run(Provider::YCloud).await;
}

#[tokio::test]
async fn onprem() {
    run(Provider::OnPrem).await;
}

#[tokio::test]
async fn whatshooked() {
    run(Provider::WhatsHooked).await;
}

#[tokio::test]
async fn in_memory_imitates_every_provider() {
    for provider in Provider::ALL {
        conformance::in_memory_imitates(provider).await;
    }
}
