//! WhatsHooked, the self-hosted WhatsApp bridge (feature `whatshooked`).

mod error;
pub(crate) mod map;

use std::fmt;
use std::str::FromStr;

use async_trait::async_trait;
/// The raw generated client of WhatsHooked: every operation of its spec, for what the common
/// types do not cover (accounts, hooks, flows, catalogs, the event cache).
pub use whatsapp_sdk_whatshooked as api;

use crate::adapter::{self, convert};
use crate::capability::{self, Feature};
use crate::error::{Error, Result, ValidationError, Violation};
use crate::message::Content;
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Messenger, Provider, Recipient,
    SendOptions, Sent,
};

/// Environment variable [`WhatsHookedMessenger::from_env`] reads the account id from
/// (required).
///
/// ```
/// assert_eq!(whatsapp_sdk::whatshooked::ENV_ACCOUNT_ID, "WHATSHOOKED_ACCOUNT_ID");
/// ```
pub const ENV_ACCOUNT_ID: &str = "WHATSHOOKED_ACCOUNT_ID";

/// Environment variable [`WhatsHookedMessenger::from_env`] reads the account's type from:
/// `whatsmeow` or `business-api` (optional; `whatsmeow`, the spec's default, when unset).
///
/// ```
/// assert_eq!(whatsapp_sdk::whatshooked::ENV_ACCOUNT_TYPE, "WHATSHOOKED_ACCOUNT_TYPE");
/// ```
pub const ENV_ACCOUNT_TYPE: &str = "WHATSHOOKED_ACCOUNT_TYPE";

/// What the WhatsHooked adapter can do for a `business-api` account; see
/// [`Provider::capabilities`] and [`AccountType::capabilities`].
///
/// ```
/// use whatsapp_sdk::Feature;
/// use whatsapp_sdk::whatshooked::CAPABILITIES;
///
/// assert!(CAPABILITIES.supports(Feature::Template));
/// assert!(!CAPABILITIES.supports(Feature::ReplyTo));
/// ```
pub const CAPABILITIES: Capabilities = Provider::WhatsHooked.capabilities();

/// What it can do for a `whatsmeow` (WhatsApp Web) account: the four sends the spec does not
/// mark "Business API only" (`sendMessage`, `sendImage`, `sendVideo`, `sendDocument`), media as
/// bytes.
///
/// ```
/// use whatsapp_sdk::Feature;
/// use whatsapp_sdk::whatshooked::{CAPABILITIES, WHATSMEOW_CAPABILITIES};
///
/// assert!(CAPABILITIES.contains(WHATSMEOW_CAPABILITIES));
/// assert!(!WHATSMEOW_CAPABILITIES.supports(Feature::MarkRead));
/// ```
pub const WHATSMEOW_CAPABILITIES: Capabilities = Capabilities::of(&[
    Feature::Text,
    Feature::Image,
    Feature::Video,
    Feature::Document,
    Feature::MediaFromBytes,
]);

const PROVIDER: Provider = Provider::WhatsHooked;

/// The kind of WhatsHooked account a messenger sends from (the spec's `WhatsAppAccount.type`),
/// which decides what it can do: "Endpoints marked **Business API only** require the target
/// account to be configured with `type: "business-api"`".
///
/// `Display` and `FromStr` use the spec's values, `whatsmeow` and `business-api`.
///
/// ```
/// use whatsapp_sdk::whatshooked::AccountType;
///
/// let kind: AccountType = "business-api".parse()?;
/// assert_eq!(kind, AccountType::BusinessApi);
/// assert_eq!(AccountType::default(), AccountType::Whatsmeow);
/// assert!("cloud".parse::<AccountType>().is_err());
/// # Ok::<(), whatsapp_sdk::whatshooked::ParseAccountTypeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AccountType {
    /// A WhatsApp Web session (whatsmeow), the spec's default.
    #[default]
    Whatsmeow,
    /// An account on Meta's WhatsApp Business (Cloud) API.
    BusinessApi,
}

impl AccountType {
    /// The spec's name: `whatsmeow` or `business-api`.
    ///
    /// ```
    /// assert_eq!(whatsapp_sdk::whatshooked::AccountType::BusinessApi.as_str(), "business-api");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AccountType::Whatsmeow => "whatsmeow",
            AccountType::BusinessApi => "business-api",
        }
    }

    /// What a messenger can do from an account of this type: [`CAPABILITIES`] or
    /// [`WHATSMEOW_CAPABILITIES`].
    ///
    /// ```
    /// use whatsapp_sdk::Feature;
    /// use whatsapp_sdk::whatshooked::AccountType;
    ///
    /// assert!(AccountType::BusinessApi.capabilities().supports(Feature::Audio));
    /// assert!(!AccountType::Whatsmeow.capabilities().supports(Feature::Audio));
    /// ```
    pub const fn capabilities(self) -> Capabilities {
        match self {
            AccountType::Whatsmeow => WHATSMEOW_CAPABILITIES,
            AccountType::BusinessApi => CAPABILITIES,
        }
    }
}

impl fmt::Display for AccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no [`AccountType`].
///
/// ```
/// let error = "cloud".parse::<whatsapp_sdk::whatshooked::AccountType>().unwrap_err();
/// assert_eq!(error.to_string(), "unknown WhatsHooked account type `cloud`; expected whatsmeow or business-api");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown WhatsHooked account type `{input}`; expected whatsmeow or business-api")]
pub struct ParseAccountTypeError {
    input: String,
}

impl FromStr for AccountType {
    type Err = ParseAccountTypeError;

    /// Accepts the spec's values in any letter case, surrounding whitespace ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        [AccountType::Whatsmeow, AccountType::BusinessApi]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| ParseAccountTypeError {
                input: s.to_owned(),
            })
    }
}

/// Sends through a WhatsHooked instance from one of its accounts.
///
/// Wraps a client built with [`api::Client::builder`], which keeps the instance's base URL,
/// its credential (API key, bearer token or basic auth), timeouts and retries. The messenger
/// adds the account: its id (from `listAccounts`, `GET /api/accounts`) and its
/// [`AccountType`], which the bridge does not report per send, so it is given here. A
/// `whatsmeow` account sends text, images, videos and documents; a `business-api` account
/// also audio, stickers, locations, templates, buttons, lists and reactions, marks messages read
/// and uploads media. Contact cards are not sent: `sendContacts` takes a name and phone numbers
/// only, so a card would lose the rest ([`api::Client::send_contacts`] sends such a card).
///
/// Media is sent as base64 in the request ([`MediaSource::Bytes`](crate::MediaSource::Bytes));
/// WhatsHooked takes no media id or link in its sends. It returns no message id either:
/// [`Sent::id`] is `None`, and the id arrives with the events the bridge forwards. `Debug`
/// shows no credential.
///
/// ```no_run
/// use whatsapp_sdk::whatshooked::{AccountType, WhatsHookedMessenger, api};
/// use whatsapp_sdk::prelude::*;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = api::Client::builder()
///     .with_base_url("https://hooks.example.com")
///     .with_api_key(std::env::var("WHATSHOOKED_API_KEY")?)
///     .build()?;
/// let messenger = WhatsHookedMessenger::new(client, "support", AccountType::BusinessApi)?;
/// let sent = messenger.send_text(&"+14155550123".parse()?, "Hello from Rust").await?;
/// assert!(sent.id.is_none());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct WhatsHookedMessenger {
    client: api::Client,
    account_id: String,
    account_type: AccountType,
}

impl WhatsHookedMessenger {
    /// A messenger sending from the account `account_id` of type `account_type`; fails with
    /// [`Error::Config`] on a blank id.
    ///
    /// ```
    /// use whatsapp_sdk::whatshooked::{AccountType, WhatsHookedMessenger, api};
    /// use whatsapp_sdk::{Feature, Messenger};
    ///
    /// let client = api::Client::builder()
    ///     .with_base_url("https://hooks.example.com")
    ///     .with_api_key("key")
    ///     .build()?;
    /// let messenger = WhatsHookedMessenger::new(client, "personal", AccountType::Whatsmeow)?;
    /// assert!(!messenger.capabilities().supports(Feature::Template));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        client: api::Client,
        account_id: impl Into<String>,
        account_type: AccountType,
    ) -> Result<Self> {
        let account_id = account_id.into();
        let id = account_id.trim();
        if id.is_empty() {
            return Err(Error::Config {
                provider: PROVIDER,
                source: Box::new(ValidationError::new("account_id", Violation::Empty)),
            });
        }
        Ok(WhatsHookedMessenger {
            client,
            account_id: id.to_owned(),
            account_type,
        })
    }

    /// A messenger from the environment: the client from `WHATSHOOKED_BASE_URL` and one of
    /// `WHATSHOOKED_API_KEY`, `WHATSHOOKED_TOKEN` or `WHATSHOOKED_USERNAME`/`_PASSWORD` (see
    /// [`api::ClientBuilder::from_env`]), the account from [`ENV_ACCOUNT_ID`] and
    /// [`ENV_ACCOUNT_TYPE`].
    ///
    /// ```no_run
    /// use whatsapp_sdk::whatshooked::WhatsHookedMessenger;
    ///
    /// let messenger = WhatsHookedMessenger::from_env()?;
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    ///
    /// ```
    /// use whatsapp_sdk::whatshooked::{AccountType, WhatsHookedMessenger};
    ///
    /// let messenger = WhatsHookedMessenger::from_env_with(|name| match name {
    ///     "WHATSHOOKED_BASE_URL" => Some("https://hooks.example.com".into()),
    ///     "WHATSHOOKED_API_KEY" => Some("key".into()),
    ///     "WHATSHOOKED_ACCOUNT_ID" => Some("support".into()),
    ///     "WHATSHOOKED_ACCOUNT_TYPE" => Some("business-api".into()),
    ///     _ => None,
    /// })?;
    /// assert_eq!(messenger.account_id(), "support");
    /// assert_eq!(messenger.account_type(), AccountType::BusinessApi);
    /// # Ok::<(), whatsapp_sdk::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let account_id = lookup(ENV_ACCOUNT_ID).ok_or_else(|| Error::Config {
            provider: PROVIDER,
            source: format!("{ENV_ACCOUNT_ID} is not set").into(),
        })?;
        let account_type = match lookup(ENV_ACCOUNT_TYPE) {
            Some(value) => value.parse().map_err(|e| Error::Config {
                provider: PROVIDER,
                source: Box::new(e),
            })?,
            None => AccountType::default(),
        };
        let client = api::ClientBuilder::from_env_with(&lookup)
            .build()
            .map_err(to_error)?;
        Self::new(client, account_id, account_type)
    }

    /// The generated client, for operations the common API does not cover.
    ///
    /// ```no_run
    /// use whatsapp_sdk::whatshooked::WhatsHookedMessenger;
    ///
    /// # async fn run(messenger: WhatsHookedMessenger) -> Result<(), Box<dyn std::error::Error>> {
    /// let accounts = messenger.client().list_accounts().send().await?.into_inner();
    /// # Ok(()) }
    /// ```
    pub fn client(&self) -> &api::Client {
        &self.client
    }

    /// The id of the account messages are sent from.
    ///
    /// ```
    /// # use whatsapp_sdk::whatshooked::{AccountType, WhatsHookedMessenger, api};
    /// # let client = api::Client::builder().with_base_url("https://hooks.example.com").build()?;
    /// let messenger = WhatsHookedMessenger::new(client, " support ", AccountType::BusinessApi)?;
    /// assert_eq!(messenger.account_id(), "support");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// The account's type, as given.
    ///
    /// ```
    /// # use whatsapp_sdk::whatshooked::{AccountType, WhatsHookedMessenger, api};
    /// # let client = api::Client::builder().with_base_url("https://hooks.example.com").build()?;
    /// let messenger = WhatsHookedMessenger::new(client, "personal", AccountType::Whatsmeow)?;
    /// assert_eq!(messenger.account_type(), AccountType::Whatsmeow);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account_type(&self) -> AccountType {
        self.account_type
    }

    async fn upload(&self, media: MediaUpload) -> Result<MediaId> {
        let answer = self
            .client
            .upload_media(&self.account_id, media.to_upload())
            .await
            .map_err(to_error)?;
        map::uploaded(&answer.into_inner())
    }
}

fn to_error(e: api::Error) -> Error {
    convert(PROVIDER, e, error::details)
}

#[async_trait]
impl Messenger for WhatsHookedMessenger {
    fn provider(&self) -> Provider {
        PROVIDER
    }

    /// The account type's: [`CAPABILITIES`] or [`WHATSMEOW_CAPABILITIES`].
    fn capabilities(&self) -> Capabilities {
        self.account_type.capabilities()
    }

    async fn send_opts(
        &self,
        to: &Recipient,
        message: &Message,
        options: &SendOptions,
    ) -> Result<Sent> {
        use map::Request;
        capability::check_send(PROVIDER, self.capabilities(), to, message)?;
        // Media messages carry their bytes; only a template's header references an upload.
        let uploaded;
        let message = if matches!(message.content(), Content::Template(_)) {
            uploaded = adapter::with_uploaded_media(message, |m| self.upload(m)).await?;
            &*uploaded
        } else {
            message
        };
        let client = &self.client;
        macro_rules! send {
            ($operation:ident, $type:literal, $body:expr) => {
                client
                    .$operation()
                    .body(options.apply(PROVIDER, $type, $body)?)
                    .send()
                    .await
            };
        }
        let answer = match map::request(&self.account_id, to, message)? {
            Request::Text(body) => send!(send_message, "SendMessageBody", body),
            Request::Image(body) => send!(send_image, "SendImageBody", body),
            Request::Video(body) => send!(send_video, "SendVideoBody", body),
            Request::Document(body) => send!(send_document, "SendDocumentBody", body),
            Request::Audio(body) => send!(send_audio, "SendAudioBody", body),
            Request::Sticker(body) => send!(send_sticker, "SendStickerBody", body),
            Request::Location(body) => send!(send_location, "SendLocationBody", body),
            Request::Interactive(body) => send!(send_interactive, "SendInteractiveBody", body),
            Request::Template(body) => send!(send_template, "SendTemplateBody", body),
            Request::Reaction(body) => send!(send_reaction, "SendReactionBody", body),
        }
        .map_err(to_error)?;
        Ok(map::sent(answer.into_inner()))
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

    /// Always [`Error::Unsupported`]: WhatsHooked has no download operation.
    async fn download_media(&self, _id: &MediaId) -> Result<Media> {
        capability::check(
            PROVIDER,
            self.capabilities(),
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        Err(Error::Unsupported {
            provider: PROVIDER,
            feature: Feature::DownloadMedia,
        })
    }

    async fn mark_read(&self, id: &MessageId) -> Result<()> {
        capability::check(
            PROVIDER,
            self.capabilities(),
            Capabilities::of(&[Feature::MarkRead]),
        )?;
        if id.as_str().trim().is_empty() {
            return Err(ValidationError::new("message_id", Violation::Empty).into());
        }
        self.client
            .mark_as_read()
            .body(map::mark_read(&self.account_id, id)?)
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
    use crate::message::{Audio, Image, Location, Template};
    use crate::{ErrorKind, MediaSource, MessengerExt};

    const KEY: &str = "whatshooked-secret-key-91c2";

    /// A client whose server does not exist: a test that reaches it fails on the connection.
    fn client() -> api::Client {
        api::Client::builder()
            .with_base_url("http://127.0.0.1:9")
            .with_api_key(KEY)
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

    fn refused(error: Error) -> Feature {
        match error {
            Error::Unsupported { provider, feature } => {
                assert_eq!(provider, Provider::WhatsHooked);
                feature
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn debug_shows_no_credential() {
        let messenger =
            WhatsHookedMessenger::new(client(), "acc", AccountType::BusinessApi).unwrap();
        let debug = format!("{messenger:?}");
        assert!(!debug.contains(KEY), "{debug}");
        assert!(debug.contains("BusinessApi"), "{debug}");
    }

    #[test]
    fn the_account_type_decides_the_capabilities() {
        let business =
            WhatsHookedMessenger::new(client(), "acc", AccountType::BusinessApi).unwrap();
        assert_eq!(business.capabilities(), CAPABILITIES);
        let web = WhatsHookedMessenger::new(client(), "acc", AccountType::Whatsmeow).unwrap();
        assert_eq!(web.capabilities(), WHATSMEOW_CAPABILITIES);
        assert!(CAPABILITIES.contains(WHATSMEOW_CAPABILITIES));
        assert_ne!(CAPABILITIES, WHATSMEOW_CAPABILITIES);
        let blank = WhatsHookedMessenger::new(client(), "  ", AccountType::Whatsmeow).unwrap_err();
        assert_eq!(blank.kind(), ErrorKind::Config);
    }

    #[test]
    fn account_types_parse_from_the_specs_names() {
        for kind in [AccountType::Whatsmeow, AccountType::BusinessApi] {
            assert_eq!(kind.to_string().parse::<AccountType>(), Ok(kind));
        }
        assert_eq!(" Business-API ".parse(), Ok(AccountType::BusinessApi));
        assert!("business_api".parse::<AccountType>().is_err());
    }

    #[test]
    fn from_env_with_reads_the_client_and_the_account() {
        let base = ("WHATSHOOKED_BASE_URL", "https://hooks.example.com");
        let messenger = WhatsHookedMessenger::from_env_with(env(&[
            base,
            ("WHATSHOOKED_API_KEY", KEY),
            (ENV_ACCOUNT_ID, "support"),
            (ENV_ACCOUNT_TYPE, "business-api"),
        ]))
        .unwrap();
        assert_eq!(messenger.account_id(), "support");
        assert_eq!(messenger.account_type(), AccountType::BusinessApi);

        let default_type =
            WhatsHookedMessenger::from_env_with(env(&[base, (ENV_ACCOUNT_ID, "personal")]))
                .unwrap();
        assert_eq!(default_type.account_type(), AccountType::Whatsmeow);

        let no_account = WhatsHookedMessenger::from_env_with(env(&[base])).unwrap_err();
        assert_eq!(no_account.kind(), ErrorKind::Config);
        assert!(
            no_account.to_string().contains(ENV_ACCOUNT_ID),
            "{no_account}"
        );

        let bad_type = WhatsHookedMessenger::from_env_with(env(&[
            base,
            (ENV_ACCOUNT_ID, "a"),
            (ENV_ACCOUNT_TYPE, "cloud"),
        ]))
        .unwrap_err();
        assert_eq!(bad_type.kind(), ErrorKind::Config);
        assert!(bad_type.to_string().contains("`cloud`"), "{bad_type}");

        let no_base_url = WhatsHookedMessenger::from_env_with(env(&[
            ("WHATSHOOKED_API_KEY", KEY),
            (ENV_ACCOUNT_ID, "a"),
        ]))
        .unwrap_err();
        assert!(matches!(
            no_base_url,
            Error::Config {
                provider: Provider::WhatsHooked,
                ..
            }
        ));
        assert!(!format!("{no_base_url:?}").contains(KEY));
    }

    #[tokio::test]
    async fn a_whatsmeow_account_refuses_business_api_features_before_any_request() {
        let messenger = WhatsHookedMessenger::new(client(), "acc", AccountType::Whatsmeow).unwrap();
        let to: Recipient = "+14155550123".parse().unwrap();
        let audio = MediaUpload::new(vec![1, 2, 3], "audio/mpeg");
        for (message, feature) in [
            (Message::new(Audio::new(audio)).unwrap(), Feature::Audio),
            (
                Message::new(Location::new(1.0, 2.0)).unwrap(),
                Feature::Location,
            ),
            (
                Message::new(Template::new("hello_world", "en")).unwrap(),
                Feature::Template,
            ),
        ] {
            let error = messenger.send(&to, &message).await.unwrap_err();
            assert_eq!(refused(error), feature);
        }
        let error = messenger
            .mark_read(&MessageId::from("wamid.1"))
            .await
            .unwrap_err();
        assert_eq!(refused(error), Feature::MarkRead);
        let upload = MediaUpload::new(vec![1], "image/png");
        let error = messenger.upload_media(&upload).await.unwrap_err();
        assert_eq!(refused(error), Feature::UploadMedia);
    }

    /// The spec's 400, 401 and 500 are plain text (declared by `specs/whatshooked/overlay.yaml`),
    /// and the text is the error's message.
    #[cfg(feature = "sandbox")]
    #[tokio::test]
    async fn declared_error_answers_keep_their_text() {
        use crate::sandbox::{Answer, Sandbox};
        let sandbox = Sandbox::start().await.unwrap();
        let messenger = sandbox
            .messenger_with_retry(PROVIDER, crate::RetryPolicy::never())
            .unwrap();
        let to: Recipient = "+14155550123".parse().unwrap();
        for (status, text, kind) in [
            (400, "Bad request / invalid JID", ErrorKind::Rejected),
            (401, "Unauthorized", ErrorKind::Auth),
            (500, "Send failed", ErrorKind::Transient),
        ] {
            sandbox.answer_next(PROVIDER, Answer::text(status, format!("{text}\n")));
            let error = messenger.send_text(&to, "hi").await.unwrap_err();
            let details = error.provider_error().expect("a provider error");
            assert_eq!(details.status.as_u16(), status);
            assert_eq!(details.kind, kind, "{status}");
            assert_eq!(details.message.as_deref(), Some(text), "{status}");
        }
        sandbox.answer_next(PROVIDER, Answer::text(500, "Failed"));
        let error = messenger
            .mark_read(&MessageId::from("wamid.1"))
            .await
            .unwrap_err();
        let details = error.provider_error().expect("a provider error");
        assert_eq!(details.message.as_deref(), Some("Failed"));
    }

    #[tokio::test]
    async fn what_no_account_can_do_is_refused_before_any_request() {
        let messenger =
            WhatsHookedMessenger::new(client(), "acc", AccountType::BusinessApi).unwrap();
        let to: Recipient = "+14155550123".parse().unwrap();
        let by_link = Message::new(Image::new(
            MediaSource::link("https://example.com/cat.jpg").unwrap(),
        ))
        .unwrap();
        let error = messenger.send(&to, &by_link).await.unwrap_err();
        assert_eq!(refused(error), Feature::MediaFromLink);
        let by_id = Message::new(Image::new(MediaSource::id("1"))).unwrap();
        let error = messenger.send(&to, &by_id).await.unwrap_err();
        assert_eq!(refused(error), Feature::MediaFromId);
        let reply = Message::text("re").unwrap().in_reply_to("wamid.1").unwrap();
        let error = messenger.send(&to, &reply).await.unwrap_err();
        assert_eq!(refused(error), Feature::ReplyTo);
        let card = Message::new(crate::message::Contact::new("Ada")).unwrap();
        let error = messenger.send(&to, &card).await.unwrap_err();
        assert_eq!(refused(error), Feature::Contacts);
        let group: Recipient = "120363025246125486@g.us".parse().unwrap();
        let error = messenger.send_text(&group, "hi all").await.unwrap_err();
        assert_eq!(refused(error), Feature::GroupRecipient);
        let error = messenger
            .download_media(&MediaId::from("1"))
            .await
            .unwrap_err();
        assert_eq!(refused(error), Feature::DownloadMedia);
    }
}
