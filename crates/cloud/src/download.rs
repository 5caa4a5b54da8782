//! Fetching a media file from the temporary URL `getMediaUrl` returns.
//!
//! Not an operation of the spec's paths: `getMediaUrl`'s description says "To download the
//! file, make a GET request to the returned URL with the same Bearer token", on a host of
//! Meta's CDN rather than the Graph API's.

use whatsapp_sdk_runtime::{Download, Error, call};

use crate::client::PROVIDER;
use crate::{Client, ResponseValue};

impl Client {
    /// Downloads the media file at `url`, the `url` of a
    /// [`get_media_url`](Client::get_media_url) answer (valid for five minutes), sending the
    /// client's access token as the spec says.
    ///
    /// The token goes to that URL's host, so only `https` URLs are accepted, and plain `http`
    /// only when the client itself talks to an `http` base URL (a local mock).
    pub async fn download_media_url(&self, url: &str) -> Result<ResponseValue<Download>, Error> {
        const OPERATION: &str = "download_media_url";
        let parsed = url::Url::parse(url)
            .map_err(|e| Error::invalid_request(PROVIDER, OPERATION, format!("media URL: {e}")))?;
        let plain_allowed = self.baseurl.starts_with("http://");
        match parsed.scheme() {
            "https" => {}
            "http" if plain_allowed => {}
            other => {
                return Err(Error::invalid_request(
                    PROVIDER,
                    OPERATION,
                    format!("media URL must use https, not `{other}`"),
                ));
            }
        }
        let request = self.client.get(parsed);
        let response = call::send(self, request, OPERATION).await?;
        call::download(PROVIDER, OPERATION, response).await
    }
}
