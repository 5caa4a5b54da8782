//! Operations progenitor cannot generate (see `specs/cloud/codegen.toml`), on the same client,
//! hooks and error type as the generated ones.

use whatsapp_sdk_runtime::{Error, Upload, call};

use crate::client::PROVIDER;
use crate::{Client, ResponseValue};

/// What [`Client::upload_media`] returns: the id to use in media messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct UploadMediaResponse {
    /// Media id for use in messages.
    #[serde(default)]
    pub id: Option<String>,
}

impl Client {
    /// Uploads a media file (`uploadMedia`, `POST /{phone-number-id}/media`, multipart).
    ///
    /// The form carries `messaging_product=whatsapp`, `type` set to the file's MIME type and
    /// the file itself. Media ids stay valid for 30 days.
    pub async fn upload_media(
        &self,
        phone_number_id: &str,
        file: Upload,
    ) -> Result<ResponseValue<UploadMediaResponse>, Error> {
        const OPERATION: &str = "upload_media";
        let content_type = file.content_type().to_owned();
        let part = file
            .into_part()
            .map_err(|reason| Error::invalid_request(PROVIDER, OPERATION, reason))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", content_type)
            .part("file", part);
        let url = format!(
            "{}/{}/media",
            self.baseurl,
            progenitor_client::encode_path(phone_number_id)
        );
        let request = self.client.post(url).multipart(form);
        let response = call::send(self, request, OPERATION).await?;
        call::json(PROVIDER, OPERATION, response).await
    }
}
