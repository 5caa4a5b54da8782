//! The legacy on-premises WhatsApp Business API (feature `onprem`).

mod error;
pub(crate) mod map;

use async_trait::async_trait;
use futures::TryStreamExt;
/// The raw generated client of the on-premises API: every operation of its spec, for what the
/// common types do not cover (contacts checks, groups, settings, `login_user`).
pub use whatsapp_sdk_onprem as api;

use crate::adapter::{self, convert};
use crate::capability::{self, Feature};
use crate::error::{Error, Result, ValidationError, Violation};
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Messenger, Provider, Recipient,
    SendOptions, Sent,
};

/// Environment variable [`OnPremMessenger::from_env`] reads the media provider's name from
/// (optional; see [`OnPremMessenger::with_media_provider`]).
///
/// ```
/// assert_eq!(whatsapp_sdk::onprem::ENV_MEDIA_PROVIDER, "WHATSAPP_ONPREM_MEDIA_PROVIDER");
/// ```
pub const ENV_MEDIA_PROVIDER: &str = "WHATSAPP_ONPREM_MEDIA_PROVIDER";

/// Environment variable [`OnPremMessenger::from_env`] reads the template namespace from
/// (optional; see [`OnPremMessenger::with_template_namespace`]).
///
/// ```
/// assert_eq!(
///     whatsapp_sdk::onprem::ENV_TEMPLATE_NAMESPACE,
///     "WHATSAPP_ONPREM_TEMPLATE_NAMESPACE"
/// );
/// ```
pub const ENV_TEMPLATE_NAMESPACE: &str = "WHATSAPP_ONPREM_TEMPLATE_NAMESPACE";

/// What the on-premises adapter can do with every setting given; see
/// [`Provider::capabilities`] and [`OnPremMessenger::capabilities`](Messenger::capabilities).
///
/// ```
/// use whatsapp_sdk::Feature;
/// use whatsapp_sdk::onprem::CAPABILITIES;
///
/// assert!(CAPABILITIES.supports(Feature::GroupRecipient));
/// assert!(!CAPABILITIES.supports(Feature::Buttons));
/// ```
pub const CAPABILITIES: Capabilities = Provider::OnPrem.capabilities();

const PROVIDER: Provider = Provider::OnPrem;

/// Sends through a WhatsApp Business API client you host (the legacy on-premises API).
///
/// Wraps a client built with [`api::Client::builder`], which keeps the server's base URL (with
/// `/v1`), the bearer token `login_user` returned, timeouts and retries. The messenger adds two
/// optional settings:
///
/// - [`with_media_provider`](Self::with_media_provider): the media provider the server fetches
///   links through. Without it, media by link is not in
///   [`capabilities`](Messenger::capabilities); ids and bytes always work (bytes are uploaded
///   with `UploadMedia` first).
/// - [`with_template_namespace`](Self::with_template_namespace): the namespace of the
///   business's templates, which the legacy `hsm` message needs. Without it, templates are not
///   in `capabilities`. Templates take positional body parameters only.
///
/// Phone numbers are sent as their digits, which the API takes as the WhatsApp id (use
/// [`api::Client::check_contact`] for numbers whose WhatsApp id differs); groups go by their
/// id with `recipient_type: group`. `Debug` shows no token.
///
/// ```no_run
/// use whatsapp_sdk::onprem::{OnPremMessenger, api};
/// use whatsapp_sdk::prelude::*;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = api::Client::builder()
///     .with_base_url("https://wa.example.com:9090/v1")
///     .with_access_token(std::env::var("WHATSAPP_ONPREM_ACCESS_TOKEN")?)
///     .build()?;
/// let messenger = OnPremMessenger::new(client).with_template_namespace("business_a_namespace")?;
/// messenger.send_text(&"+16505551234".parse()?, "Hello from Rust").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct OnPremMessenger {
    client: api::Client,
    media_provider: Option<String>,
    template_namespace: Option<String>,
}

impl OnPremMessenger {
    /// A messenger sending through `client`, without a media provider or template namespace.
    ///
    /// ```
    /// use whatsapp_sdk::onprem::{OnPremMessenger, api};
    /// use whatsapp_sdk::{Feature, Messenger};
    ///
    /// let client = api::Client::builder()
    ///     .with_base_url("https://wa.example.com:9090/v1")
    ///     .with_access_token("token")
    ///     .build()?;
    /// let messenger = OnPremMessenger::new(client);
    /// assert!(!messenger.capabilities().supports(Feature::Template));
    /// assert!(!messenger.capabilities().supports(Feature::MediaFromLink));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(client: api::Client) -> Self {
        OnPremMessenger {
            client,
            media_provider: None,
            template_namespace: None,
        }
    }

    /// Sends media links through the media provider `name`, as configured on the server
    /// (`/settings/application/media/providers`); fails with [`Error::Config`] on a blank name.
    ///
    /// ```
    /// use whatsapp_sdk::onprem::{OnPremMessenger, api};
    /// use whatsapp_sdk::{Feature, Messenger};
    ///
    /// # let client = api::Client::builder().with_base_url("https://wa.example.com:9090/v1").build()?;
    /// let messenger = OnPremMessenger::new(client).with_media_provider("my-cdn")?;
    /// assert!(messenger.capabilities().supports(Feature::MediaFromLink));
    /// assert_eq!(messenger.media_provider(), Some("my-cdn"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_media_provider(mut self, name: impl Into<String>) -> Result<Self> {
        self.media_provider = Some(setting("media_provider", name.into())?);
        Ok(self)
    }

    /// Sends templates from the namespace `namespace` (WhatsApp Manager shows it with the
    /// templates); fails with [`Error::Config`] on a blank one.
    ///
    /// ```
    /// use whatsapp_sdk::onprem::{OnPremMessenger, api};
    /// use whatsapp_sdk::{Feature, Messenger};
    ///
    /// # let client = api::Client::builder().with_base_url("https://wa.example.com:9090/v1").build()?;
    /// let messenger = OnPremMessenger::new(client).with_template_namespace("business_a_namespace")?;
    /// assert!(messenger.capabilities().supports(Feature::Template));
    /// assert!(!messenger.capabilities().supports(Feature::TemplateHeader));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_template_namespace(mut self, namespace: impl Into<String>) -> Result<Self> {
        self.template_namespace = Some(setting("template_namespace", namespace.into())?);
        Ok(self)
    }

    /// A messenger from the environment: the client from `WHATSAPP_ONPREM_BASE_URL` and
    /// `WHATSAPP_ONPREM_ACCESS_TOKEN` (see [`api::ClientBuilder::from_env`]), the optional
    /// settings from [`ENV_MEDIA_PROVIDER`] and [`ENV_TEMPLATE_NAMESPACE`].
    ///
    /// ```no_run
    /// use whatsapp_sdk::onprem::OnPremMessenger;
    ///
    /// let messenger = OnPremMessenger::from_env()?;
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    ///
    /// ```
    /// use whatsapp_sdk::onprem::OnPremMessenger;
    ///
    /// let messenger = OnPremMessenger::from_env_with(|name| match name {
    ///     "WHATSAPP_ONPREM_BASE_URL" => Some("https://wa.example.com:9090/v1".into()),
    ///     "WHATSAPP_ONPREM_ACCESS_TOKEN" => Some("token".into()),
    ///     "WHATSAPP_ONPREM_MEDIA_PROVIDER" => Some("my-cdn".into()),
    ///     _ => None,
    /// })?;
    /// assert_eq!(messenger.media_provider(), Some("my-cdn"));
    /// assert_eq!(messenger.template_namespace(), None);
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let client = api::ClientBuilder::from_env_with(&lookup)
            .build()
            .map_err(to_error)?;
        let mut messenger = Self::new(client);
        if let Some(name) = lookup(ENV_MEDIA_PROVIDER) {
            messenger = messenger.with_media_provider(name)?;
        }
        if let Some(namespace) = lookup(ENV_TEMPLATE_NAMESPACE) {
            messenger = messenger.with_template_namespace(namespace)?;
        }
        Ok(messenger)
    }

    /// The generated client, for operations the common API does not cover.
    ///
    /// ```no_run
    /// use whatsapp_sdk::onprem::{OnPremMessenger, api};
    ///
    /// # async fn run(messenger: OnPremMessenger) -> Result<(), Box<dyn std::error::Error>> {
    /// let body = api::types::CheckContactRequestBody::builder()
    ///     .contacts(vec!["+1 650 555 1234".to_owned()]);
    /// let answer = messenger.client().check_contact().body(body).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn client(&self) -> &api::Client {
        &self.client
    }

    /// The media provider links are sent through, if set.
    ///
    /// ```
    /// # let client = whatsapp_sdk::onprem::api::Client::builder().with_base_url("https://wa.example.com:9090/v1").build()?;
    /// let messenger = whatsapp_sdk::onprem::OnPremMessenger::new(client);
    /// assert_eq!(messenger.media_provider(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn media_provider(&self) -> Option<&str> {
        self.media_provider.as_deref()
    }

    /// The namespace templates are sent from, if set.
    ///
    /// ```
    /// # let client = whatsapp_sdk::onprem::api::Client::builder().with_base_url("https://wa.example.com:9090/v1").build()?;
    /// let messenger = whatsapp_sdk::onprem::OnPremMessenger::new(client)
    ///     .with_template_namespace("business_a_namespace")?;
    /// assert_eq!(messenger.template_namespace(), Some("business_a_namespace"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn template_namespace(&self) -> Option<&str> {
        self.template_namespace.as_deref()
    }

    fn settings(&self) -> map::Settings<'_> {
        map::Settings {
            media_provider: self.media_provider.as_deref(),
            template_namespace: self.template_namespace.as_deref(),
        }
    }

    async fn upload(&self, media: MediaUpload) -> Result<MediaId> {
        let answer = self
            .client
            .upload_media(media.to_upload())
            .await
            .map_err(to_error)?;
        map::uploaded(answer.status(), &answer.into_inner())
    }
}

/// A setting's trimmed value; a blank one is a configuration error.
fn setting(name: &str, value: String) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::Config {
            provider: PROVIDER,
            source: Box::new(ValidationError::new(name, Violation::Empty)),
        });
    }
    Ok(trimmed.to_owned())
}

fn to_error(e: api::Error) -> Error {
    let operation = e.operation().unwrap_or_default();
    convert(PROVIDER, e, |status, body| {
        error::details(operation, status, body)
    })
}

/// An id that would make the path name another resource (`/media/`, `/messages/`).
fn non_blank(field: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(ValidationError::new(field, Violation::Empty).into());
    }
    Ok(())
}

#[async_trait]
impl Messenger for OnPremMessenger {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    /// [`CAPABILITIES`] without media by link when no media provider is set, and without
    /// templates when no template namespace is.
    fn capabilities(&self) -> Capabilities {
        let mut capabilities = CAPABILITIES;
        if self.media_provider.is_none() {
            capabilities = capabilities.without(Feature::MediaFromLink);
        }
        if self.template_namespace.is_none() {
            capabilities = capabilities.without(Feature::Template);
        }
        capabilities
    }

    async fn send_opts(
        &self,
        to: &Recipient,
        message: &Message,
        options: &SendOptions,
    ) -> Result<Sent> {
        capability::check_send(PROVIDER, self.capabilities(), to, message)?;
        let message = adapter::with_uploaded_media(message, |m| self.upload(m)).await?;
        let body = map::request(to, &message, self.settings())?;
        let body = options.apply(PROVIDER, "SendMessageRequestBody", body)?;
        let answer = self
            .client
            .send_message()
            .body(body)
            .send()
            .await
            .map_err(to_error)?;
        map::sent(answer.status(), &answer.into_inner())
    }

    async fn upload_media(&self, media: &MediaUpload) -> Result<MediaId> {
        capability::check(
            PROVIDER,
            self.capabilities(),
            Capabilities::of(&[Feature::UploadMedia]),
        )?;
        media.check_any_kind()?;
        self.upload(media.clone()).await
    }

    async fn download_media(&self, id: &MediaId) -> Result<Media> {
        const OPERATION: &str = "download_media";
        capability::check(
            PROVIDER,
            self.capabilities(),
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        non_blank("media_id", id.as_str())?;
        let answer = self
            .client
            .download_media()
            .media_id(id.as_str())
            .send()
            .await
            .map_err(to_error)?;
        let mime_type = answer
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let chunks: Vec<bytes::Bytes> = answer
            .into_inner()
            .into_inner()
            .try_collect()
            .await
            .map_err(|e| to_error(api::Error::transport("onprem", OPERATION, e)))?;
        Ok(Media::new(chunks.concat(), mime_type))
    }

    async fn mark_read(&self, id: &MessageId) -> Result<()> {
        capability::check(
            PROVIDER,
            self.capabilities(),
            Capabilities::of(&[Feature::MarkRead]),
        )?;
        non_blank("message_id", id.as_str())?;
        self.client
            .mark_message_as_read()
            .message_id(id.as_str())
            .body(map::mark_read()?)
            .send()
            .await
            .map_err(to_error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::message::{Buttons, HeaderParameter, Image, Sticker, Template};
    use crate::{ErrorKind, MediaSource, MessengerExt};

    const TOKEN: &str = "onprem-secret-token-7f3a";

    /// A client whose server does not exist: a test that reaches it fails on the connection.
    fn client() -> api::Client {
        api::Client::builder()
            .with_base_url("http://127.0.0.1:9/v1")
            .with_access_token(TOKEN)
            .build()
            .unwrap()
    }

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| vars.get(name).cloned()
    }

    #[test]
    fn debug_shows_no_token() {
        let messenger = OnPremMessenger::new(client())
            .with_media_provider("cdn")
            .unwrap();
        let debug = format!("{messenger:?}");
        assert!(!debug.contains(TOKEN), "{debug}");
        assert!(debug.contains("cdn"), "{debug}");
    }

    #[test]
    fn settings_narrow_the_capabilities() {
        let bare = OnPremMessenger::new(client());
        assert_eq!(
            bare.capabilities(),
            CAPABILITIES
                .without(Feature::MediaFromLink)
                .without(Feature::Template)
        );
        let full = bare
            .with_media_provider(" cdn ")
            .unwrap()
            .with_template_namespace("ns")
            .unwrap();
        assert_eq!(full.capabilities(), CAPABILITIES);
        assert_eq!(full.media_provider(), Some("cdn"));
        for blank in ["", "  "] {
            let error = OnPremMessenger::new(client())
                .with_template_namespace(blank)
                .unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Config);
        }
    }

    #[test]
    fn from_env_with_reads_the_client_and_the_settings() {
        let messenger = OnPremMessenger::from_env_with(env(&[
            ("WHATSAPP_ONPREM_BASE_URL", "https://wa.example.com:9090/v1"),
            ("WHATSAPP_ONPREM_ACCESS_TOKEN", TOKEN),
            (ENV_MEDIA_PROVIDER, "cdn"),
            (ENV_TEMPLATE_NAMESPACE, "business_a_namespace"),
        ]))
        .unwrap();
        assert_eq!(messenger.media_provider(), Some("cdn"));
        assert_eq!(messenger.template_namespace(), Some("business_a_namespace"));
        assert_eq!(messenger.capabilities(), CAPABILITIES);

        let without_settings = OnPremMessenger::from_env_with(env(&[(
            "WHATSAPP_ONPREM_BASE_URL",
            "https://wa.example.com:9090/v1",
        )]))
        .unwrap();
        assert_eq!(without_settings.media_provider(), None);

        let no_base_url =
            OnPremMessenger::from_env_with(env(&[("WHATSAPP_ONPREM_ACCESS_TOKEN", TOKEN)]))
                .unwrap_err();
        assert!(matches!(
            no_base_url,
            Error::Config {
                provider: Provider::OnPrem,
                ..
            }
        ));
        assert!(!format!("{no_base_url:?}").contains(TOKEN));

        let blank = OnPremMessenger::from_env_with(env(&[
            ("WHATSAPP_ONPREM_BASE_URL", "https://wa.example.com:9090/v1"),
            (ENV_MEDIA_PROVIDER, " "),
        ]))
        .unwrap_err();
        assert_eq!(blank.kind(), ErrorKind::Config);
    }

    #[tokio::test]
    async fn unsupported_features_are_refused_before_any_request() {
        let messenger = OnPremMessenger::new(client());
        let to: crate::Recipient = "+16505551234".parse().unwrap();
        let refused = |error: Error| match error {
            Error::Unsupported { provider, feature } => {
                assert_eq!(provider, Provider::OnPrem);
                feature
            }
            other => panic!("not refused: {other:?}"),
        };
        // Bytes would be uploaded before the request is mapped: only the check stops them.
        let sticker = Message::new(Sticker::new(MediaUpload::new(vec![1], "image/webp"))).unwrap();
        let error = messenger.send(&to, &sticker).await.unwrap_err();
        assert_eq!(refused(error), Feature::Sticker);
        let header = HeaderParameter::Image(MediaUpload::new(vec![1], "image/png").into());
        let with_header =
            Message::new(Template::new("hello_world", "en").with_header(header)).unwrap();
        let namespaced = messenger.clone().with_template_namespace("ns").unwrap();
        let error = namespaced.send(&to, &with_header).await.unwrap_err();
        assert_eq!(refused(error), Feature::TemplateHeader);
        let buttons = Message::new(Buttons::new("?").with_button("y", "Yes")).unwrap();
        let error = messenger.send(&to, &buttons).await.unwrap_err();
        assert_eq!(refused(error), Feature::Buttons);
        let linked = Message::new(Image::new(
            MediaSource::link("https://example.com/cat.jpg").unwrap(),
        ))
        .unwrap();
        let error = messenger.send(&to, &linked).await.unwrap_err();
        assert_eq!(refused(error), Feature::MediaFromLink);
        let template = Message::new(Template::new("hello_world", "en")).unwrap();
        let error = messenger.send(&to, &template).await.unwrap_err();
        assert_eq!(refused(error), Feature::Template);
        let reply = Message::text("re").unwrap().in_reply_to("gBEGk").unwrap();
        let error = messenger.send(&to, &reply).await.unwrap_err();
        assert_eq!(refused(error), Feature::ReplyTo);
    }

    #[tokio::test]
    async fn blank_ids_are_refused_before_any_request() {
        let messenger = OnPremMessenger::new(client());
        let error = messenger
            .mark_read(&MessageId::from(" "))
            .await
            .unwrap_err();
        assert_eq!(error.validation().map(|v| v.field()), Some("message_id"));
        let error = messenger
            .download_media(&MediaId::from(""))
            .await
            .unwrap_err();
        assert_eq!(error.validation().map(|v| v.field()), Some("media_id"));
    }
}
