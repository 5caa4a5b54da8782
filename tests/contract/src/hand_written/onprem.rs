//! `onprem`'s seven hand-written operations.

use whatsapp_sdk_onprem::{Client, ProfilePhotoFormat};

use crate::run::{Call, Run, finish};

const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIBcontract\n-----END CERTIFICATE-----\n";

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    vec![
        Call::new("UploadMedia", upload_media),
        Call::new("SetGroupIcon", set_group_icon),
        Call::new("DeleteGroupIcon", delete_group_icon),
        Call::new("UpdateProfilePhoto", update_profile_photo),
        Call::new("GetProfilePhoto", get_profile_photo),
        Call::new("UploadCertificate", upload_certificate),
        Call::new("UploadWebhookCaCertificate", upload_webhook_ca_certificate),
    ]
}

fn upload_media(client: &Client) -> Run<'_> {
    Box::pin(async move { Ok(finish(client.upload_media(super::png()).await)) })
}

fn set_group_icon(client: &Client) -> Run<'_> {
    Box::pin(async move {
        Ok(finish(
            client.set_group_icon("contract-group", super::jpeg()).await,
        ))
    })
}

fn delete_group_icon(client: &Client) -> Run<'_> {
    Box::pin(async move {
        Ok(finish(
            client.delete_group_icon("contract-group", None).await,
        ))
    })
}

fn update_profile_photo(client: &Client) -> Run<'_> {
    Box::pin(async move { Ok(finish(client.update_profile_photo(super::jpeg()).await)) })
}

fn get_profile_photo(client: &Client) -> Run<'_> {
    Box::pin(async move {
        Ok(finish(
            client
                .get_profile_photo(Some(ProfilePhotoFormat::Link))
                .await,
        ))
    })
}

fn upload_certificate(client: &Client) -> Run<'_> {
    Box::pin(async move { Ok(finish(client.upload_certificate(PEM).await)) })
}

fn upload_webhook_ca_certificate(client: &Client) -> Run<'_> {
    Box::pin(async move { Ok(finish(client.upload_webhook_ca_certificate(PEM).await)) })
}
