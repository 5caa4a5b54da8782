//! `cloud`'s hand-written operation.

use whatsapp_sdk_cloud::Client;

use crate::run::{Call, Run, finish};

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    vec![Call::new("uploadMedia", upload_media)]
}

fn upload_media(client: &Client) -> Run<'_> {
    Box::pin(async move {
        Ok(finish(
            client.upload_media("106540352242922", super::jpeg()).await,
        ))
    })
}
