//! The raw-bytes variant of the three upload operations: the file is the whole request body,
//! labelled with its own MIME type, with no form or base64 around it.

use reqwest::Method;
use reqwest::header::{ACCEPT, HeaderValue};
use whatsapp_sdk_runtime::{Error, Upload, call};

use super::{path_segment, send};
use crate::client::PROVIDER;
use crate::{Client, ResponseValue, types};

impl Client {
    /// `sendMediaMessage` (`POST /messages/media/{MediaMessageType}`) with `file` as the raw
    /// body; [`Client::send_media_message`] sends a JSON body instead.
    ///
    /// `send_params` (the spec's `SendParams`) goes in the query string, one parameter per
    /// field (`to`, `caption`, …) and one `mentions=` per mention, as its `form`/`explode`
    /// style says. The spec lists the MIME types the gateway accepts (PDF, Office, text, JPEG,
    /// PNG, AAC, MP4, AMR, MPEG, Ogg/Opus audio, MP4 video); the file's own is sent as
    /// `Content-Type`.
    pub async fn send_media_message_bytes(
        &self,
        media_message_type: types::MediaMessageType,
        send_params: &types::SenderMedia,
        file: Upload,
    ) -> Result<ResponseValue<types::SentMessage>, Error> {
        const OPERATION: &str = "send_media_message";
        let query = query_pairs(OPERATION, send_params)?;
        let path = format!(
            "/messages/media/{}",
            progenitor_client::encode_path(&media_message_type.to_string())
        );
        send_raw(self, OPERATION, Method::POST, &path, &query, file).await
    }

    /// `setGroupIcon` (`PUT /groups/{GroupID}/icon`) with `file` (JPEG or PNG per the spec) as
    /// the raw body; [`Client::set_group_icon`] sends a JSON body instead.
    ///
    /// `group_id` must match the spec's `GroupID` pattern; it is checked before anything is
    /// sent.
    pub async fn set_group_icon_bytes(
        &self,
        group_id: &str,
        file: Upload,
    ) -> Result<ResponseValue<types::ResponseSuccess>, Error> {
        const OPERATION: &str = "set_group_icon";
        let group_id = path_segment::<types::GroupId>(OPERATION, "group_id", group_id)?;
        let path = format!("/groups/{group_id}/icon");
        send_raw(self, OPERATION, Method::PUT, &path, &[], file).await
    }

    /// `uploadMedia` (`POST /media`) with `file` as the raw body; [`Client::upload_media`]
    /// sends a JSON body instead. The answer holds the media id to send or fetch it by.
    pub async fn upload_media_bytes(
        &self,
        file: Upload,
    ) -> Result<ResponseValue<types::UploadMediaResponse>, Error> {
        const OPERATION: &str = "upload_media";
        send_raw(self, OPERATION, Method::POST, "/media", &[], file).await
    }
}

/// Sends `file` as the body of `method path?query` and decodes the JSON answer.
async fn send_raw<T: serde::de::DeserializeOwned>(
    client: &Client,
    operation: &'static str,
    method: Method,
    path: &str,
    query: &[(String, String)],
    file: Upload,
) -> Result<ResponseValue<T>, Error> {
    let mut request = client
        .client
        .request(method, format!("{}{path}", client.baseurl))
        .header(ACCEPT, HeaderValue::from_static("application/json"));
    if !query.is_empty() {
        request = request.query(query);
    }
    let request = file
        .into_request(request)
        .map_err(|reason| Error::invalid_request(PROVIDER, operation, format!("file: {reason}")))?;
    let response = send(client, request, operation).await?;
    call::json(PROVIDER, operation, response).await
}

/// A typed value as `form`/`explode` query parameters: one pair per field, one per element of
/// an array field; absent (`null`) fields are left out, and values that are neither scalars
/// nor arrays of scalars (none in the spec's `SenderMedia`) are sent as JSON text.
fn query_pairs<T: serde::Serialize>(
    operation: &'static str,
    value: &T,
) -> Result<Vec<(String, String)>, Error> {
    let invalid = |reason: String| Error::invalid_request(PROVIDER, operation, reason);
    let value = serde_json::to_value(value)
        .map_err(|e| invalid(format!("query parameters cannot be encoded: {e}")))?;
    let serde_json::Value::Object(fields) = value else {
        return Err(invalid("query parameters must be an object".to_owned()));
    };
    let mut pairs = Vec::new();
    for (name, value) in fields {
        match value {
            serde_json::Value::Array(items) => {
                pairs.extend(
                    items
                        .into_iter()
                        .map(|item| (name.clone(), scalar_text(item))),
                );
            }
            serde_json::Value::Null => {}
            other => pairs.push((name, scalar_text(other))),
        }
    }
    Ok(pairs)
}

/// A string as it is, anything else as JSON text (`true`, `12`, `{"a":1}`).
fn scalar_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    }
}
