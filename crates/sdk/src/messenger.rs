//! The one trait every provider adapter implements, and conveniences on top of it.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::Result;
use crate::{
    Capabilities, Media, MediaId, MediaUpload, Message, MessageId, Provider, Recipient,
    SendOptions, Sent, Text,
};

/// A `Messenger` behind a pointer (`Box<DynMessenger>`, `Arc<DynMessenger>`), for a provider
/// chosen at run time, as [`from_env`](crate::from_env) returns it.
pub type DynMessenger = dyn Messenger;

/// Sends WhatsApp messages through one provider.
///
/// Implemented by each provider's adapter (`CloudMessenger`, `WhapiMessenger`, …) and by the
/// test double `InMemoryMessenger`; usable as `Box<dyn Messenger>` and `Arc<dyn Messenger>`, so
/// the provider can be chosen at run time. Every method checks the messenger's
/// [`capabilities`](Self::capabilities) first and fails with
/// [`Error::Unsupported`](crate::Error::Unsupported) before any request when it lacks one.
///
/// Conveniences ([`send`](MessengerExt::send), [`send_text`](MessengerExt::send_text)) are on
/// [`MessengerExt`], implemented for every `Messenger`.
///
/// ```
/// use whatsapp_sdk::prelude::*;
/// use whatsapp_sdk::InMemoryMessenger;
///
/// async fn notify(messenger: &DynMessenger, to: &Recipient) -> whatsapp_sdk::Result<()> {
///     let sent = messenger.send_text(to, "Your order has shipped.").await?;
///     println!("{} accepted message {:?}", sent.provider, sent.id);
///     Ok(())
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let messenger: Box<DynMessenger> = Box::new(InMemoryMessenger::new());
/// notify(messenger.as_ref(), &"+14155550123".parse()?).await?;
/// # Ok::<(), whatsapp_sdk::Error>(())
/// # }).unwrap();
/// ```
#[async_trait]
pub trait Messenger: std::fmt::Debug + Send + Sync {
    /// The provider this messenger talks to.
    fn provider(&self) -> Provider;

    /// What it can send and do.
    fn capabilities(&self) -> Capabilities;

    /// Sends `message` to `to`, with per-send `options`.
    async fn send_opts(
        &self,
        to: &Recipient,
        message: &Message,
        options: &SendOptions,
    ) -> Result<Sent>;

    /// Uploads a file for use in later messages as [`MediaSource::Id`](crate::MediaSource::Id).
    async fn upload_media(&self, media: &MediaUpload) -> Result<MediaId>;

    /// Downloads a file by the id a webhook or an upload gave.
    async fn download_media(&self, id: &MediaId) -> Result<Media>;

    /// Marks a received message as read (blue ticks for the sender).
    async fn mark_read(&self, id: &MessageId) -> Result<()>;
}

/// Conveniences for every [`Messenger`]. Do not implement it: it is implemented for all of them.
pub trait MessengerExt: Messenger {
    /// Sends `message` with default options.
    fn send<'a>(
        &'a self,
        to: &'a Recipient,
        message: &'a Message,
    ) -> impl Future<Output = Result<Sent>> + Send + 'a {
        self.send_opts(to, message, &DEFAULT_OPTIONS)
    }

    /// Sends a plain text; fails with [`Error::Invalid`](crate::Error::Invalid) on an empty or
    /// too long body.
    fn send_text<'a>(
        &'a self,
        to: &'a Recipient,
        body: &'a str,
    ) -> impl Future<Output = Result<Sent>> + Send + 'a {
        async move {
            let message = Message::new(Text::new(body))?;
            self.send_opts(to, &message, &DEFAULT_OPTIONS).await
        }
    }
}

impl<T: Messenger + ?Sized> MessengerExt for T {}

static DEFAULT_OPTIONS: SendOptions = SendOptions::EMPTY;

/// Forwards every method, so wrappers and shared handles are messengers too.
macro_rules! forward_messenger {
    ($($pointer:ident),*) => {$(
        #[async_trait]
        #[deny(clippy::missing_trait_methods)]
        impl<T: Messenger + ?Sized> Messenger for $pointer<T> {
            fn provider(&self) -> Provider {
                (**self).provider()
            }

            fn capabilities(&self) -> Capabilities {
                (**self).capabilities()
            }

            async fn send_opts(
                &self,
                to: &Recipient,
                message: &Message,
                options: &SendOptions,
            ) -> Result<Sent> {
                (**self).send_opts(to, message, options).await
            }

            async fn upload_media(&self, media: &MediaUpload) -> Result<MediaId> {
                (**self).upload_media(media).await
            }

            async fn download_media(&self, id: &MediaId) -> Result<Media> {
                (**self).download_media(id).await
            }

            async fn mark_read(&self, id: &MessageId) -> Result<()> {
                (**self).mark_read(id).await
            }
        }
    )*};
}

forward_messenger!(Box, Arc);
