//! Meta's WhatsApp Cloud API (feature `cloud`).

mod error;
pub(crate) mod map;

use async_trait::async_trait;
/// The raw generated client of the Cloud API: every operation of its spec, for what the common
/// types do not cover.
pub use whatsapp_sdk_cloud as api;

use crate::adapter::{self, convert};
use crate::capability::{self, Feature};
use crate::error::{Error, Result, ValidationError, Violation};
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Messenger, Provider, Recipient,
    SendOptions, Sent,
};

/// Environment variable [`CloudMessenger::from_env`] reads the phone number id from.
pub const ENV_PHONE_NUMBER_ID: &str = "WHATSAPP_CLOUD_PHONE_NUMBER_ID";

/// What the Cloud API adapter can do; see [`Provider::capabilities`].
pub const CAPABILITIES: Capabilities = Provider::Cloud.capabilities();

const PROVIDER: Provider = Provider::Cloud;

/// Sends through Meta's WhatsApp Cloud API from one business phone number.
///
/// Wraps a client built with [`api::Client::builder`], which keeps the access token, base URL,
/// Graph API version, timeouts and retries; the messenger adds the sending phone number's id.
/// `Debug` shows no token.
///
/// ```no_run
/// use whatsapp_sdk::cloud::{CloudMessenger, api};
/// use whatsapp_sdk::prelude::*;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = api::Client::builder()
///     .with_access_token(std::env::var("WHATSAPP_CLOUD_ACCESS_TOKEN")?)
///     .build()?;
/// let messenger = CloudMessenger::new(client, "106540352242922")?;
/// messenger.send_text(&"+14155550123".parse()?, "Hello from Rust").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct CloudMessenger {
    client: api::Client,
    phone_number_id: String,
}

impl CloudMessenger {
    /// A messenger sending from the business phone number `phone_number_id` (the id Meta's
    /// WhatsApp Manager shows, not the number itself).
    pub fn new(client: api::Client, phone_number_id: impl Into<String>) -> Result<Self> {
        let phone_number_id = phone_number_id.into();
        let id = phone_number_id.trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Config {
                provider: PROVIDER,
                source: Box::new(ValidationError::new(
                    "phone_number_id",
                    Violation::Format {
                        expected: "the numeric id of the business phone number",
                    },
                )),
            });
        }
        Ok(CloudMessenger {
            client,
            phone_number_id: id.to_owned(),
        })
    }

    /// A messenger from the environment: the client from `WHATSAPP_CLOUD_ACCESS_TOKEN` (and the
    /// optional `WHATSAPP_CLOUD_BASE_URL`, `WHATSAPP_CLOUD_API_VERSION`), the phone number id
    /// from [`ENV_PHONE_NUMBER_ID`].
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let phone_number_id = lookup(ENV_PHONE_NUMBER_ID).ok_or_else(|| Error::Config {
            provider: PROVIDER,
            source: format!("{ENV_PHONE_NUMBER_ID} is not set").into(),
        })?;
        let client = api::ClientBuilder::from_env_with(&lookup)
            .build()
            .map_err(to_error)?;
        Self::new(client, phone_number_id)
    }

    /// The generated client, for operations the common API does not cover.
    pub fn client(&self) -> &api::Client {
        &self.client
    }

    /// The sending phone number's id.
    pub fn phone_number_id(&self) -> &str {
        &self.phone_number_id
    }

    async fn upload(&self, media: MediaUpload) -> Result<MediaId> {
        let answer = self
            .client
            .upload_media(&self.phone_number_id, media.to_upload())
            .await
            .map_err(to_error)?;
        answer
            .into_inner()
            .id
            .map(MediaId::new)
            .ok_or_else(|| missing("upload_media", "id"))
    }
}

fn to_error(error: api::Error) -> Error {
    convert(PROVIDER, error, error::details)
}

/// A success answer without the field the facade needs.
fn missing(operation: &'static str, field: &str) -> Error {
    Error::Decode {
        provider: PROVIDER,
        operation,
        source: format!("the answer has no `{field}`").into(),
    }
}

#[async_trait]
impl Messenger for CloudMessenger {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    async fn send_opts(
        &self,
        to: &Recipient,
        message: &Message,
        options: &SendOptions,
    ) -> Result<Sent> {
        capability::check_send(PROVIDER, CAPABILITIES, to, message)?;
        let message = adapter::with_uploaded_media(message, |m| self.upload(m)).await?;
        let body = map::request(to, &message)?;
        let body = options.apply(PROVIDER, "SendMessageRequest", body)?;
        let answer = self
            .client
            .send_message()
            .phone_number_id(&self.phone_number_id)
            .body(body)
            .send()
            .await
            .map_err(to_error)?;
        Ok(map::sent(answer.into_inner()))
    }

    async fn upload_media(&self, media: &MediaUpload) -> Result<MediaId> {
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::UploadMedia]),
        )?;
        media.check_any_kind()?;
        self.upload(media.clone()).await
    }

    async fn download_media(&self, id: &MediaId) -> Result<Media> {
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        let info = self
            .client
            .get_media_url()
            .media_id(id.as_str())
            .send()
            .await
            .map_err(to_error)?
            .into_inner();
        let url = info.url.ok_or_else(|| missing("get_media_url", "url"))?;
        let file = self
            .client
            .download_media_url(&url)
            .await
            .map_err(to_error)?
            .into_inner();
        // The metadata's MIME type is the one the file was uploaded with; the CDN's
        // Content-Type is sometimes generic.
        let mime_type = info.mime_type.or(file.content_type);
        Ok(Media::new(file.bytes, mime_type))
    }

    async fn mark_read(&self, id: &MessageId) -> Result<()> {
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::MarkRead]),
        )?;
        if id.as_str().trim().is_empty() {
            return Err(ValidationError::new("message_id", Violation::Empty).into());
        }
        self.client
            .send_message()
            .phone_number_id(&self.phone_number_id)
            .body(map::mark_read(id)?)
            .send()
            .await
            .map_err(to_error)?;
        Ok(())
    }
}
