//! YCloud, a WhatsApp Business API provider (feature `ycloud`).
//!
//! Messages go through `whatsapp_message-send-directly` (`POST /whatsapp/messages/sendDirectly`)
//! with Cloud-API-shaped bodies from one of the account's business numbers (`from`) to an
//! E.164 number (`to`). Of YCloud's two send operations this is the one whose answer is the
//! outcome: the spec says it submits the message to the WhatsApp Business API
//! "synchronously" and answers with WhatsApp's error when there is one, where
//! `whatsapp_message-send` only enqueues the message and reports failures later by webhook.
//!
//! - **Ids:** [`Sent::id`] is YCloud's own message id. WhatsApp's id, the `wamid`, is in
//!   `Sent::raw["wamid"]`: replies ([`Message::in_reply_to`]) and reactions must name the
//!   `wamid` (the spec's `context.message_id` and `reaction.message_id`).
//!   [`mark_read`](Messenger::mark_read) takes either.
//! - **Media** only by link: the spec has no upload, no download and no media ids.
//! - **Templates** take positional parameters only (no `parameter_name`), and text ones only:
//!   YCloud's parameter types have no `currency` or `date_time`.
//! - **Not offered:** groups.

mod error;
pub(crate) mod map;

use async_trait::async_trait;
/// The raw generated client of YCloud: every operation of its spec, for what the common
/// types do not cover.
pub use whatsapp_sdk_ycloud as api;

use crate::adapter::convert;
use crate::capability::{self, Feature};
use crate::error::{Error, Result, ValidationError, Violation};
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Messenger, PhoneNumber,
    Provider, Recipient, SendOptions, Sent,
};

/// Environment variable [`YCloudMessenger::from_env`] reads the sending number from.
pub const ENV_FROM: &str = "YCLOUD_FROM";

/// What the YCloud adapter can do; see [`Provider::capabilities`].
pub const CAPABILITIES: Capabilities = Provider::YCloud.capabilities();

const PROVIDER: Provider = Provider::YCloud;

/// Sends through YCloud from one of the account's WhatsApp business numbers.
///
/// Wraps a client built with [`api::Client::builder`], which keeps the API key, base URL,
/// timeouts and retries; the messenger adds the sending number. `Debug` shows no key.
///
/// ```no_run
/// use whatsapp_sdk::prelude::*;
/// use whatsapp_sdk::ycloud::{YCloudMessenger, api};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = api::Client::builder()
///     .with_api_key(std::env::var("YCLOUD_API_KEY")?)
///     .build()?;
/// let messenger = YCloudMessenger::new(client, "+16315551111")?;
/// let sent = messenger.send_text(&"+14155550123".parse()?, "Hello from Rust").await?;
/// // Replies and reactions name WhatsApp's id, not YCloud's:
/// let wamid = sent.raw()["wamid"].as_str();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct YCloudMessenger {
    client: api::Client,
    from: PhoneNumber,
}

impl YCloudMessenger {
    /// A messenger sending from `from`, a WhatsApp business number of the YCloud account in
    /// E.164 form (`+16315551111`).
    ///
    /// ```
    /// use whatsapp_sdk::ycloud::{YCloudMessenger, api};
    ///
    /// let client = api::Client::builder().with_api_key("key").build()?;
    /// let messenger = YCloudMessenger::new(client.clone(), "+1 631 555 1111")?;
    /// assert_eq!(messenger.from().to_string(), "+16315551111");
    /// assert!(YCloudMessenger::new(client, "16315551111").is_err()); // no `+`
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(client: api::Client, from: &str) -> Result<Self> {
        let from = from.parse::<PhoneNumber>().map_err(|_| Error::Config {
            provider: PROVIDER,
            source: Box::new(ValidationError::new(
                "from",
                Violation::Format {
                    expected: "the sending business number in E.164 form, e.g. `+16315551111`",
                },
            )),
        })?;
        Ok(YCloudMessenger { client, from })
    }

    /// A messenger from the environment: the client from `YCLOUD_API_KEY` and the optional
    /// `YCLOUD_BASE_URL` ([`api::ENV_API_KEY`], [`api::ENV_BASE_URL`]), the sending number
    /// from [`ENV_FROM`].
    ///
    /// ```no_run
    /// let messenger = whatsapp_sdk::ycloud::YCloudMessenger::from_env()?;
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    ///
    /// ```
    /// use whatsapp_sdk::ycloud::YCloudMessenger;
    ///
    /// let messenger = YCloudMessenger::from_env_with(|name| match name {
    ///     "YCLOUD_API_KEY" => Some("my-api-key".to_owned()),
    ///     "YCLOUD_FROM" => Some("+16315551111".to_owned()),
    ///     _ => None,
    /// })?;
    /// assert!(!format!("{messenger:?}").contains("my-api-key"));
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let from = lookup(ENV_FROM).ok_or_else(|| Error::Config {
            provider: PROVIDER,
            source: format!("{ENV_FROM} is not set").into(),
        })?;
        let client = api::ClientBuilder::from_env_with(&lookup)
            .build()
            .map_err(to_error)?;
        Self::new(client, &from)
    }

    /// The generated client, for operations the common API does not cover.
    ///
    /// ```no_run
    /// # async fn run(messenger: whatsapp_sdk::ycloud::YCloudMessenger) -> Result<(), whatsapp_sdk::ycloud::api::Error> {
    /// // The wamid of a sent message, once WhatsApp has accepted it.
    /// let message = messenger.client().whatsapp_message_retrieve().id("627c8640675de8fc689ab9d9").send().await?;
    /// println!("{:?}", message.wamid);
    /// # Ok(()) }
    /// ```
    pub fn client(&self) -> &api::Client {
        &self.client
    }

    /// The sending business number.
    pub fn from(&self) -> &PhoneNumber {
        &self.from
    }
}

fn to_error(error: api::Error) -> Error {
    convert(PROVIDER, error, error::details)
}

#[async_trait]
impl Messenger for YCloudMessenger {
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
        let body = map::request(&self.from, to, message)?;
        let body = options.apply(PROVIDER, "WhatsappMessageSendRequest", body)?;
        match self
            .client
            .whatsapp_message_send_directly()
            .body(body)
            .send()
            .await
        {
            Ok(answer) => map::sent(answer.into_inner()),
            Err(error) => {
                // A success body the typed decode refuses still tells what became of the
                // message.
                if let api::Error::Decode { body, .. } = &error
                    && let Some(outcome) = map::sent_from_body(body)
                {
                    return outcome;
                }
                Err(to_error(error))
            }
        }
    }

    async fn upload_media(&self, _media: &MediaUpload) -> Result<MediaId> {
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::UploadMedia]),
        )?;
        Err(unsupported(Feature::UploadMedia))
    }

    async fn download_media(&self, _id: &MediaId) -> Result<Media> {
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        Err(unsupported(Feature::DownloadMedia))
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
            .whatsapp_inbound_message_mark_as_read()
            .id(id.as_str())
            .send()
            .await
            .map_err(to_error)?;
        Ok(())
    }
}

/// What the capability check has refused already; kept so no path can claim success.
fn unsupported(feature: Feature) -> Error {
    Error::Unsupported {
        provider: PROVIDER,
        feature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Image;
    use crate::{GroupId, MediaSource, MessengerExt};

    const KEY: &str = "ycloud-secret-key-456";

    /// A messenger whose server is a closed port: any request would fail with a transport
    /// error, so an `Unsupported` or `Invalid` error proves no request was made.
    fn messenger() -> YCloudMessenger {
        let client = api::Client::builder()
            .with_api_key(KEY)
            .with_base_url("http://127.0.0.1:9/v2")
            .build()
            .unwrap();
        YCloudMessenger::new(client, "+16315551111").unwrap()
    }

    #[test]
    fn debug_shows_the_number_but_no_key() {
        let shown = format!("{:?}", messenger());
        assert!(shown.contains("16315551111"), "{shown}");
        assert!(!shown.contains(KEY), "{shown}");
    }

    #[test]
    fn the_sending_number_must_be_e164() {
        let client = messenger().client().clone();
        for bad in ["16315551111", "", "+1", "+1 631 555 111a"] {
            let error = YCloudMessenger::new(client.clone(), bad).unwrap_err();
            assert!(
                matches!(
                    error,
                    Error::Config {
                        provider: Provider::YCloud,
                        ..
                    }
                ),
                "{bad}: {error:?}"
            );
            assert!(error.to_string().contains("E.164"), "{error}");
        }
    }

    #[test]
    fn from_env_with_reads_the_key_and_the_sending_number() {
        let messenger = YCloudMessenger::from_env_with(|name| match name {
            "YCLOUD_API_KEY" => Some(KEY.to_owned()),
            "YCLOUD_BASE_URL" => Some("http://127.0.0.1:9/v2".to_owned()),
            "YCLOUD_FROM" => Some(" +1 631-555-1111 ".to_owned()),
            _ => None,
        })
        .unwrap();
        assert_eq!(messenger.from().to_string(), "+16315551111");
        assert_eq!(messenger.capabilities(), CAPABILITIES);
        assert!(!format!("{messenger:?}").contains(KEY));

        let no_from = YCloudMessenger::from_env_with(|name| {
            (name == "YCLOUD_API_KEY").then(|| KEY.to_owned())
        })
        .unwrap_err();
        assert!(no_from.to_string().contains(ENV_FROM), "{no_from}");
        let no_key = YCloudMessenger::from_env_with(|name| {
            (name == ENV_FROM).then(|| "+16315551111".to_owned())
        })
        .unwrap_err();
        assert_eq!(no_key.kind(), crate::ErrorKind::Config);
        assert!(no_key.to_string().contains("YCLOUD_API_KEY"), "{no_key}");
    }

    #[tokio::test]
    async fn what_ycloud_lacks_is_refused_before_any_request() {
        let messenger = messenger();
        let to: Recipient = "+14155550123".parse().unwrap();
        let by_id = Message::new(Image::new(MediaSource::id("1037543291543636"))).unwrap();
        let upload = MediaUpload::new(vec![0xff, 0xd8, 0xff], "image/jpeg");
        let by_bytes = Message::new(Image::new(MediaSource::bytes(upload.clone()))).unwrap();
        let group: Recipient = "120363025246125486".parse::<GroupId>().unwrap().into();
        let text = Message::text("hi").unwrap();
        for (recipient, message, feature) in [
            (&to, &by_id, Feature::MediaFromId),
            (&to, &by_bytes, Feature::MediaFromBytes),
            (&group, &text, Feature::GroupRecipient),
        ] {
            let error = messenger.send(recipient, message).await.unwrap_err();
            assert!(
                matches!(error, Error::Unsupported { provider: Provider::YCloud, feature: f } if f == feature),
                "{feature:?}: {error:?}"
            );
        }
        assert!(matches!(
            messenger.upload_media(&upload).await,
            Err(Error::Unsupported {
                feature: Feature::UploadMedia,
                ..
            })
        ));
        assert!(matches!(
            messenger.download_media(&MediaId::from("1")).await,
            Err(Error::Unsupported {
                feature: Feature::DownloadMedia,
                ..
            })
        ));
        let error = messenger
            .mark_read(&MessageId::from(" "))
            .await
            .unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "message_id");
        let lid: Recipient = "84123456789@lid".parse().unwrap();
        let error = messenger.send_text(&lid, "hi").await.unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "recipient");
    }

    #[tokio::test]
    async fn a_field_the_request_type_lacks_is_refused() {
        let options = SendOptions::new().with_provider_field(
            Provider::YCloud,
            "no_such_field",
            serde_json::json!(1),
        );
        let error = messenger()
            .send_opts(
                &"+14155550123".parse().unwrap(),
                &Message::text("hi").unwrap(),
                &options,
            )
            .await
            .unwrap_err();
        assert_eq!(
            error.validation().unwrap().field(),
            "options.provider_fields.ycloud.no_such_field"
        );
    }

    #[tokio::test]
    async fn a_request_that_gets_through_the_checks_reaches_the_server() {
        let error = messenger()
            .send_text(&"+14155550123".parse().unwrap(), "hi")
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    provider: Provider::YCloud,
                    operation: "whatsapp_message_send_directly",
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
