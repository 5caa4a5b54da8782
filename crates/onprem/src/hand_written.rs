//! Operations progenitor cannot generate (see `specs/onprem/codegen.toml`), on the same client,
//! hooks and error type as the generated ones.

use progenitor_client::encode_path;
use reqwest::header::CONTENT_TYPE;
use whatsapp_sdk_runtime::{Download, Error, Upload, call};

use crate::client::PROVIDER;
use crate::{Client, ResponseValue, types};

/// What [`Client::get_profile_photo`] returns: the spec answers 200 with either.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ProfilePhoto {
    /// The photo's URL, asked for with `format=link`.
    Link(types::GetProfilePhotoResponse),
    /// The photo itself (`image/jpeg`).
    Image(Download),
}

/// The `format` query parameter of [`Client::get_profile_photo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProfilePhotoFormat {
    /// The image bytes (the server's default).
    Image,
    /// A JSON body with a link to the image.
    Link,
}

impl Client {
    /// Uploads a media file (`UploadMedia`, `POST /media`), sent as the raw body with the
    /// file's own `Content-Type` (the spec lists PDF, Office, text, JPEG, PNG, AAC, MP4, AMR,
    /// MPEG, OGG/Opus audio and MP4 video).
    pub async fn upload_media(
        &self,
        file: Upload,
    ) -> Result<ResponseValue<types::UploadMediaResponse>, Error> {
        const OPERATION: &str = "upload_media";
        let request = file
            .into_request(self.client.post(format!("{}/media", self.baseurl)))
            .map_err(|reason| Error::invalid_request(PROVIDER, OPERATION, reason))?;
        let response = call::send(self, request, OPERATION).await?;
        call::json(PROVIDER, OPERATION, response).await
    }

    /// Sets a group's icon (`SetGroupIcon`, `POST /groups/{GroupId}/icon`, multipart part
    /// `File`).
    pub async fn set_group_icon(
        &self,
        group_id: &str,
        icon: Upload,
    ) -> Result<ResponseValue<()>, Error> {
        let url = format!("{}/groups/{}/icon", self.baseurl, encode_path(group_id));
        self.send_file_form(self.client.post(url), "set_group_icon", icon)
            .await
    }

    /// Removes a group's icon (`DeleteGroupIcon`, `DELETE /groups/{GroupId}/icon`).
    ///
    /// The spec declares an optional multipart body with a `File` part on this DELETE; pass
    /// `None` to send none, as servers expect.
    pub async fn delete_group_icon(
        &self,
        group_id: &str,
        file: Option<Upload>,
    ) -> Result<ResponseValue<()>, Error> {
        const OPERATION: &str = "delete_group_icon";
        let url = format!("{}/groups/{}/icon", self.baseurl, encode_path(group_id));
        match file {
            Some(file) => {
                self.send_file_form(self.client.delete(url), OPERATION, file)
                    .await
            }
            None => {
                let response = call::send(self, self.client.delete(url), OPERATION).await?;
                call::empty(PROVIDER, OPERATION, response).await
            }
        }
    }

    /// Sets the business profile photo (`UpdateProfilePhoto`, `POST /settings/profile/photo`,
    /// multipart part `File`).
    pub async fn update_profile_photo(&self, photo: Upload) -> Result<ResponseValue<()>, Error> {
        let url = format!("{}/settings/profile/photo", self.baseurl);
        self.send_file_form(self.client.post(url), "update_profile_photo", photo)
            .await
    }

    /// Gets the business profile photo (`GetProfilePhoto`, `GET /settings/profile/photo`), as
    /// the image or, with [`ProfilePhotoFormat::Link`], as a link.
    pub async fn get_profile_photo(
        &self,
        format: Option<ProfilePhotoFormat>,
    ) -> Result<ResponseValue<ProfilePhoto>, Error> {
        const OPERATION: &str = "get_profile_photo";
        let mut request = self
            .client
            .get(format!("{}/settings/profile/photo", self.baseurl));
        if let Some(format) = format {
            let value = match format {
                ProfilePhotoFormat::Image => "image",
                ProfilePhotoFormat::Link => "link",
            };
            request = request.query(&[("format", value)]);
        }
        let response = call::send(self, request, OPERATION).await?;
        if call::is_json(&response) {
            let link =
                call::json::<types::GetProfilePhotoResponse>(PROVIDER, OPERATION, response).await?;
            return Ok(call::map(link, ProfilePhoto::Link));
        }
        let image = call::download(PROVIDER, OPERATION, response).await?;
        Ok(call::map(image, ProfilePhoto::Image))
    }

    /// Uploads the TLS certificate for the server's external endpoint (`UploadCertificate`,
    /// `POST /certificates/external`), a PEM file sent as `text/plain`.
    pub async fn upload_certificate(
        &self,
        pem: impl Into<bytes::Bytes>,
    ) -> Result<ResponseValue<()>, Error> {
        let url = format!("{}/certificates/external", self.baseurl);
        self.send_pem(url, "upload_certificate", pem.into()).await
    }

    /// Uploads the CA certificate that signs the webhook server's certificate
    /// (`UploadWebhookCaCertificate`, `POST /certificates/webhooks/ca`), a PEM file sent as
    /// `text/plain`.
    pub async fn upload_webhook_ca_certificate(
        &self,
        pem: impl Into<bytes::Bytes>,
    ) -> Result<ResponseValue<()>, Error> {
        let url = format!("{}/certificates/webhooks/ca", self.baseurl);
        self.send_pem(url, "upload_webhook_ca_certificate", pem.into())
            .await
    }

    async fn send_file_form(
        &self,
        request: reqwest::RequestBuilder,
        operation: &'static str,
        file: Upload,
    ) -> Result<ResponseValue<()>, Error> {
        let part = file
            .into_part()
            .map_err(|reason| Error::invalid_request(PROVIDER, operation, reason))?;
        let request = request.multipart(reqwest::multipart::Form::new().part("File", part));
        let response = call::send(self, request, operation).await?;
        call::empty(PROVIDER, operation, response).await
    }

    async fn send_pem(
        &self,
        url: String,
        operation: &'static str,
        pem: bytes::Bytes,
    ) -> Result<ResponseValue<()>, Error> {
        if pem.is_empty() {
            return Err(Error::invalid_request(
                PROVIDER,
                operation,
                "the certificate is empty",
            ));
        }
        let request = self
            .client
            .post(url)
            .header(CONTENT_TYPE, "text/plain")
            .body(pem);
        let response = call::send(self, request, operation).await?;
        call::empty(PROVIDER, operation, response).await
    }
}
