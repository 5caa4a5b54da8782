//! Whapi.Cloud, a WhatsApp Web gateway (feature `whapi`).
//!
//! Each message kind goes through its own operation (`sendMessageText`, `sendMessageImage`, …,
//! `sendMessageInteractive` for buttons and lists) to a chat id: `<digits>@s.whatsapp.net` for
//! a person, `<id>@g.us` for a group. A reply quotes the message it answers (`quoted`, a Whapi
//! message id); reactions are `reactToMessage` and `removeReactFromMessage`, which return no id.
//!
//! - **Link previews:** Whapi previews the first link of a text unless `no_link_preview` is
//!   set; the facade previews only when [`Text::with_preview_url`](crate::message::Text::with_preview_url)
//!   asks. A text without it is sent with `no_link_preview: true`; one with it leaves Whapi's
//!   default.
//! - **Media:** by Whapi media id (`MediaSource::Id`, checked against the spec's `MediaID`
//!   pattern) or by link. Bytes are uploaded first (`uploadMedia`, the file as the raw body)
//!   and sent by the id that gives: the spec recommends pre-uploaded files "so as not to
//!   disturb the order of messages", which an on-the-fly upload inside the send can do.
//! - **Audio** goes as `sendMessageAudio` (a file); voice notes (`sendMessageVoice`), polls,
//!   stories and the rest are on [`WhapiMessenger::client`].
//! - **Not offered:** templates (Whapi relays a WhatsApp Web session, which has none).

mod error;
pub(crate) mod map;
mod vcard;

use async_trait::async_trait;
/// The raw generated client of Whapi.Cloud: every operation of its spec, for what the common
/// types do not cover.
pub use whatsapp_sdk_whapi as api;

use crate::adapter::{self, convert};
use crate::capability::{self, Feature};
use crate::error::{Error, Result};
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Messenger, Provider, Recipient,
    SendOptions, Sent,
};
use map::Request;

/// What the Whapi.Cloud adapter can do; see [`Provider::capabilities`].
pub const CAPABILITIES: Capabilities = Provider::Whapi.capabilities();

const PROVIDER: Provider = Provider::Whapi;

/// Sends through a Whapi.Cloud channel (one WhatsApp number linked to the gateway).
///
/// Wraps a client built with [`api::Client::builder`], which keeps the channel token, gateway
/// URL, timeouts and retries; the channel is the token's, so the messenger needs nothing more.
/// `Debug` shows no token.
///
/// ```no_run
/// use whatsapp_sdk::prelude::*;
/// use whatsapp_sdk::whapi::{WhapiMessenger, api};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = api::Client::builder()
///     .with_token(std::env::var("WHAPI_TOKEN")?)
///     .build()?;
/// let messenger = WhapiMessenger::new(client);
/// messenger.send_text(&"+14155550123".parse()?, "Hello from Rust").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct WhapiMessenger {
    client: api::Client,
}

impl WhapiMessenger {
    /// A messenger sending through the channel `client`'s token belongs to.
    pub fn new(client: api::Client) -> Self {
        WhapiMessenger { client }
    }

    /// A messenger from the environment: the client from `WHAPI_TOKEN` and the optional
    /// `WHAPI_BASE_URL` ([`api::ENV_TOKEN`], [`api::ENV_BASE_URL`]).
    ///
    /// ```no_run
    /// let messenger = whatsapp_sdk::whapi::WhapiMessenger::from_env()?;
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    ///
    /// ```
    /// use whatsapp_sdk::whapi::WhapiMessenger;
    ///
    /// let messenger = WhapiMessenger::from_env_with(|name| match name {
    ///     "WHAPI_TOKEN" => Some("my-channel-token".to_owned()),
    ///     _ => None,
    /// })?;
    /// assert!(!format!("{messenger:?}").contains("my-channel-token"));
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let client = api::ClientBuilder::from_env_with(lookup)
            .build()
            .map_err(to_error)?;
        Ok(Self::new(client))
    }

    /// The generated client, for operations the common API does not cover.
    ///
    /// ```no_run
    /// # async fn run(messenger: whatsapp_sdk::whapi::WhapiMessenger) -> Result<(), whatsapp_sdk::whapi::api::Error> {
    /// let health = messenger.client().check_health().send().await?;
    /// # Ok(()) }
    /// ```
    pub fn client(&self) -> &api::Client {
        &self.client
    }

    /// Uploads `media` as the raw body of `uploadMedia` and returns the id it was stored as.
    async fn upload(&self, media: MediaUpload) -> Result<MediaId> {
        const OPERATION: &str = "upload_media";
        let answer = self
            .client
            .upload_media_bytes(media.to_upload())
            .await
            .map_err(to_error)?;
        answer
            .into_inner()
            .media
            .into_iter()
            .find_map(|m| m.id)
            .map(|id| MediaId::new(String::from(id)))
            .ok_or_else(|| missing(OPERATION, "media[0].id"))
    }

    /// Sends a mapped message through its operation, `options` merged into its body.
    async fn dispatch(&self, request: Request, options: &SendOptions) -> Result<Sent> {
        let c = &self.client;
        let (operation, answer) = match request {
            Request::Text(body) => {
                let body = options.apply(PROVIDER, "SenderText", body)?;
                (
                    "send_message_text",
                    c.send_message_text().body(body).send().await,
                )
            }
            Request::Image(body) => {
                let body = options.apply(PROVIDER, "SenderImage", body)?;
                (
                    "send_message_image",
                    c.send_message_image().body(body).send().await,
                )
            }
            Request::Video(body) => {
                let body = options.apply(PROVIDER, "SenderVideo", body)?;
                (
                    "send_message_video",
                    c.send_message_video().body(body).send().await,
                )
            }
            Request::Audio(body) => {
                let body = options.apply(PROVIDER, "SenderAudio", body)?;
                (
                    "send_message_audio",
                    c.send_message_audio().body(body).send().await,
                )
            }
            Request::Document(body) => {
                let body = options.apply(PROVIDER, "SenderDocument", body)?;
                (
                    "send_message_document",
                    c.send_message_document().body(body).send().await,
                )
            }
            Request::Sticker(body) => {
                let body = options.apply(PROVIDER, "SenderSticker", body)?;
                (
                    "send_message_sticker",
                    c.send_message_sticker().body(body).send().await,
                )
            }
            Request::Location(body) => {
                let body = options.apply(PROVIDER, "SenderLocation", body)?;
                (
                    "send_message_location",
                    c.send_message_location().body(body).send().await,
                )
            }
            Request::Contact(body) => {
                let body = options.apply(PROVIDER, "SenderContact", body)?;
                (
                    "send_message_contact",
                    c.send_message_contact().body(body).send().await,
                )
            }
            Request::ContactList(body) => {
                let body = options.apply(PROVIDER, "SenderContactList", body)?;
                (
                    "send_message_contact_list",
                    c.send_message_contact_list().body(body).send().await,
                )
            }
            Request::Interactive(body) => {
                let body = options.apply(PROVIDER, "SenderInteractive", body)?;
                (
                    "send_message_interactive",
                    c.send_message_interactive().body(body).send().await,
                )
            }
            Request::React { message_id, body } => {
                const OPERATION: &str = "react_to_message";
                let body = options.apply(PROVIDER, "ReactToMessage", body)?;
                let answer = c
                    .react_to_message()
                    .message_id(message_id)
                    .body(body)
                    .send()
                    .await
                    .map_err(to_error)?;
                return map::reacted(OPERATION, &answer.into_inner());
            }
            Request::RemoveReaction { message_id } => {
                const OPERATION: &str = "remove_react_from_message";
                // The operation has no body, so no provider field can go anywhere.
                options.apply(PROVIDER, "removeReactFromMessage (no body)", NoBody {})?;
                let answer = c
                    .remove_react_from_message()
                    .message_id(message_id)
                    .send()
                    .await
                    .map_err(to_error)?;
                return map::reacted(OPERATION, &answer.into_inner());
            }
        };
        match answer {
            Ok(answer) => map::sent(operation, answer.into_inner()),
            Err(error) => {
                // A success body the typed decode refuses still names the message sent.
                if let api::Error::Decode { body, .. } = &error
                    && let Some(outcome) = map::sent_from_body(operation, body)
                {
                    return outcome;
                }
                Err(to_error(error))
            }
        }
    }
}

/// The request body of an operation that has none.
#[derive(serde::Serialize, serde::Deserialize)]
struct NoBody {}

fn to_error(error: api::Error) -> Error {
    let operation = error.operation().unwrap_or_default();
    convert(PROVIDER, error, |status, body| {
        error::details(operation, status, body)
    })
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
impl Messenger for WhapiMessenger {
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
        // Recipient and reply-to are checked before a file is uploaded for nothing.
        map::address(to, message)?;
        let message = map::with_document_name(message);
        let message = adapter::with_uploaded_media(&message, |m| self.upload(m)).await?;
        let request = map::request(to, &message)?;
        self.dispatch(request, options).await
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
        const OPERATION: &str = "get_media";
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        let id = map::media_id("media_id", id)?;
        let answer = self
            .client
            .get_media(&id)
            .await
            .map_err(to_error)?
            .into_inner();
        match answer {
            api::MediaOrJson::File(file) => Ok(Media::new(file.bytes, file.content_type)),
            // The spec lists only file types for this answer; JSON here is not the file.
            api::MediaOrJson::Json(json) => Err(Error::Decode {
                provider: PROVIDER,
                operation: OPERATION,
                source: format!("expected the file, got JSON: {json}").into(),
            }),
            _ => Err(Error::Decode {
                provider: PROVIDER,
                operation: OPERATION,
                source: "expected the file".into(),
            }),
        }
    }

    async fn mark_read(&self, id: &MessageId) -> Result<()> {
        const OPERATION: &str = "mark_message_as_read";
        capability::check(
            PROVIDER,
            CAPABILITIES,
            Capabilities::of(&[Feature::MarkRead]),
        )?;
        let id = map::message_id("message_id", id)?;
        let answer = self
            .client
            .mark_message_as_read()
            .message_id(id)
            .send()
            .await
            .map_err(to_error)?;
        map::succeeded(OPERATION, &answer.into_inner())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::{Reaction, Template};
    use crate::{GroupId, MediaSource, MessengerExt};

    const TOKEN: &str = "whapi-secret-token-123";

    /// A messenger whose gateway is a closed port: any request would fail with a transport
    /// error, so an `Unsupported` or `Invalid` error proves no request was made.
    fn messenger() -> WhapiMessenger {
        let client = api::Client::builder()
            .with_token(TOKEN)
            .with_base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        WhapiMessenger::new(client)
    }

    #[test]
    fn debug_shows_no_token() {
        let shown = format!("{:?}", messenger());
        assert!(shown.contains("WhapiMessenger"), "{shown}");
        assert!(!shown.contains(TOKEN), "{shown}");
    }

    #[test]
    fn from_env_with_reads_the_provider_crates_variables() {
        let messenger = WhapiMessenger::from_env_with(|name| match name {
            "WHAPI_TOKEN" => Some(TOKEN.to_owned()),
            "WHAPI_BASE_URL" => Some("http://127.0.0.1:9/".to_owned()),
            _ => None,
        })
        .unwrap();
        assert_eq!(messenger.provider(), Provider::Whapi);
        assert_eq!(messenger.capabilities(), CAPABILITIES);
        assert!(!format!("{messenger:?}").contains(TOKEN));

        let error = WhapiMessenger::from_env_with(|_| None).unwrap_err();
        assert!(matches!(
            error,
            Error::Config {
                provider: Provider::Whapi,
                ..
            }
        ));
        assert!(error.to_string().contains("WHAPI_TOKEN"), "{error}");

        let error = WhapiMessenger::from_env_with(|name| match name {
            "WHAPI_TOKEN" => Some(TOKEN.to_owned()),
            "WHAPI_BASE_URL" => Some("not a url".to_owned()),
            _ => None,
        })
        .unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Config);
        assert!(!error.to_string().contains(TOKEN), "{error}");
    }

    #[tokio::test]
    async fn templates_are_refused_before_any_request() {
        let template = Message::new(Template::new("order_update", "en_US")).unwrap();
        let error = messenger()
            .send(&"+14155550123".parse().unwrap(), &template)
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::Unsupported {
                    provider: Provider::Whapi,
                    feature: Feature::Template
                }
            ),
            "{error:?}"
        );
    }

    #[tokio::test]
    async fn bad_recipients_and_ids_are_refused_before_any_request() {
        let messenger = messenger();
        let short: Recipient = "+6834002".parse().unwrap();
        let error = messenger.send_text(&short, "hi").await.unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "recipient");

        // Checked before the file would be uploaded.
        let upload = MediaUpload::new(vec![0xff, 0xd8, 0xff], "image/jpeg");
        let image = Message::new(crate::message::Image::new(MediaSource::bytes(upload)))
            .unwrap()
            .in_reply_to("wamid.HBgLMTQxNTU1NTAxMjM")
            .unwrap();
        let error = messenger
            .send(&"+14155550123".parse().unwrap(), &image)
            .await
            .unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "reply_to");

        let error = messenger
            .mark_read(&MessageId::from("wamid.HBgL"))
            .await
            .unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "message_id");
        let error = messenger
            .download_media(&MediaId::from("1037543291543636"))
            .await
            .unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "media_id");
        let error = messenger
            .upload_media(&MediaUpload::new(vec![1], "image/gif"))
            .await
            .unwrap_err();
        assert_eq!(error.validation().unwrap().field(), "mime_type");
    }

    #[tokio::test]
    async fn provider_fields_cannot_go_on_a_reaction_removal() {
        let removal = Message::new(Reaction::remove("PsqXn5SAD5v7HRA-wHqGuKMTbCs")).unwrap();
        let group: Recipient = "120363025246125486".parse::<GroupId>().unwrap().into();
        let options = SendOptions::new().with_provider_field(
            Provider::Whapi,
            "emoji",
            serde_json::json!("x"),
        );
        let error = messenger()
            .send_opts(&group, &removal, &options)
            .await
            .unwrap_err();
        assert_eq!(
            error.validation().unwrap().field(),
            "options.provider_fields.whapi.emoji"
        );
    }

    #[tokio::test]
    async fn a_request_that_gets_through_the_checks_reaches_the_gateway() {
        // The closed port answers nothing: what fails is the transport, after every check.
        let error = messenger()
            .send_text(&"+14155550123".parse().unwrap(), "hi")
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    provider: Provider::Whapi,
                    operation: "send_message_text",
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
