//! Operations progenitor cannot generate (see `specs/whatshooked/codegen.toml`), on the same
//! client, hooks and error type as the generated ones.

use whatsapp_sdk_runtime::{Error, Upload, call};

use crate::client::PROVIDER;
use crate::{Client, ResponseValue};

impl Client {
    /// Uploads a media file to Meta through an account (`uploadMedia`,
    /// `POST /api/media/upload`, multipart: `account_id`, `file` and `type`, the file's MIME
    /// type). Returns Meta's upload response as JSON; the spec leaves its shape open.
    pub async fn upload_media(
        &self,
        account_id: &str,
        file: Upload,
    ) -> Result<ResponseValue<serde_json::Map<String, serde_json::Value>>, Error> {
        const OPERATION: &str = "upload_media";
        if account_id.trim().is_empty() {
            return Err(Error::invalid_request(
                PROVIDER,
                OPERATION,
                "`account_id` is empty",
            ));
        }
        let content_type = file.content_type().to_owned();
        let part = file
            .into_part()
            .map_err(|reason| Error::invalid_request(PROVIDER, OPERATION, reason))?;
        let form = reqwest::multipart::Form::new()
            .text("account_id", account_id.to_owned())
            .text("type", content_type)
            .part("file", part);
        let request = self
            .client
            .post(format!("{}/api/media/upload", self.baseurl))
            .multipart(form);
        let response = call::send(self, request, OPERATION).await?;
        call::json(PROVIDER, OPERATION, response).await
    }
}
