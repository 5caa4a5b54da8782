//! An in-memory messenger for applications' own tests (feature `test-util`).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;

use crate::capability::{self, Feature};
use crate::error::{Error, ErrorKind, ProviderError, Result};
use crate::message::Content;
use crate::{
    Capabilities, Media, MediaId, MediaSource, MediaUpload, Message, MessageId, Messenger,
    Provider, Recipient, SendOptions, Sent,
};

/// A [`Messenger`] that sends nothing and remembers everything: lettre's stub transport and
/// object_store's in-memory store, for WhatsApp.
///
/// Clones share one log, so a test keeps a clone while the code under test owns another.
/// [`like`](Self::like) takes a provider's capabilities, so a bot tested against it meets
/// the same [`Error::Unsupported`] it would in production.
///
/// ```
/// use whatsapp_sdk::prelude::*;
/// use whatsapp_sdk::{Error, Feature, InMemoryMessenger, Provider, message::Template};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let whapi = InMemoryMessenger::like(Provider::Whapi);
/// let to: Recipient = "+14155550123".parse()?;
/// whapi.send_text(&to, "hello").await?;
/// assert_eq!(whapi.sent().len(), 1);
///
/// // Whapi has no templates, so neither has its stand-in:
/// let template = Message::new(Template::new("order_update", "en_US"))?;
/// let error = whapi.send(&to, &template).await.unwrap_err();
/// assert!(matches!(error, Error::Unsupported { feature: Feature::Template, .. }));
/// # Ok::<(), whatsapp_sdk::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct InMemoryMessenger {
    provider: Provider,
    capabilities: Capabilities,
    state: Arc<Mutex<State>>,
}

/// One message the [`InMemoryMessenger`] accepted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Outgoing {
    /// The recipient.
    pub to: Recipient,
    /// The message.
    pub message: Message,
    /// The options it was sent with.
    pub options: SendOptions,
    /// The id it was given.
    pub id: MessageId,
}

#[derive(Debug, Default)]
struct State {
    sent: Vec<Outgoing>,
    uploaded: Vec<(MediaId, MediaUpload)>,
    read: Vec<MessageId>,
    failures: VecDeque<Error>,
    next_id: u64,
}

impl Default for InMemoryMessenger {
    fn default() -> Self {
        Self::new()
    }
}

impl InMemoryMessenger {
    /// A messenger that supports every feature and reports itself as [`Provider::Cloud`].
    pub fn new() -> Self {
        InMemoryMessenger {
            provider: Provider::Cloud,
            capabilities: Capabilities::ALL,
            state: Arc::default(),
        }
    }

    /// A messenger with `provider`'s name and declared capabilities.
    pub fn like(provider: Provider) -> Self {
        InMemoryMessenger {
            provider,
            capabilities: provider.capabilities(),
            state: Arc::default(),
        }
    }

    /// The same messenger with other capabilities.
    pub fn with_capabilities(mut self, capabilities: Capabilities) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// Makes the next call (of any method) fail with `error`; queued errors are used in order.
    pub fn fail_next(&self, error: Error) {
        self.lock().failures.push_back(error);
    }

    /// Everything sent so far, in order.
    pub fn sent(&self) -> Vec<Outgoing> {
        self.lock().sent.clone()
    }

    /// Everything uploaded so far (on its own or as a message's bytes), in order.
    pub fn uploaded(&self) -> Vec<MediaUpload> {
        self.lock()
            .uploaded
            .iter()
            .map(|(_, u)| u.clone())
            .collect()
    }

    /// Every message marked read so far, in order.
    pub fn read(&self) -> Vec<MessageId> {
        self.lock().read.clone()
    }

    /// Forgets everything recorded and every queued failure.
    pub fn clear(&self) {
        *self.lock() = State::default();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock must not hide the log from the others.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The queued failure, if any, else `Ok`.
    fn take_failure(state: &mut State) -> Result<()> {
        match state.failures.pop_front() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    fn store(state: &mut State, upload: &MediaUpload) -> MediaId {
        state.next_id += 1;
        let id = MediaId::new(format!("memory-media-{}", state.next_id));
        state.uploaded.push((id.clone(), upload.clone()));
        id
    }
}

/// The uploads a message carries as bytes.
fn uploads(message: &Message) -> Vec<&MediaUpload> {
    let source = match message.content() {
        Content::Image(m) => Some(m.source()),
        Content::Video(m) => Some(m.source()),
        Content::Audio(m) => Some(m.source()),
        Content::Document(m) => Some(m.source()),
        Content::Sticker(m) => Some(m.source()),
        Content::Template(t) => match t.header() {
            Some(
                crate::message::HeaderParameter::Image(s)
                | crate::message::HeaderParameter::Video(s)
                | crate::message::HeaderParameter::Document { source: s, .. },
            ) => Some(s),
            _ => None,
        },
        _ => None,
    };
    match source {
        Some(MediaSource::Bytes(upload)) => vec![upload],
        _ => Vec::new(),
    }
}

#[async_trait]
impl Messenger for InMemoryMessenger {
    fn provider(&self) -> Provider {
        self.provider
    }

    fn capabilities(&self) -> Capabilities {
        self.capabilities
    }

    async fn send_opts(
        &self,
        to: &Recipient,
        message: &Message,
        options: &SendOptions,
    ) -> Result<Sent> {
        capability::check_send(self.provider, self.capabilities, to, message)?;
        let mut state = self.lock();
        Self::take_failure(&mut state)?;
        for upload in uploads(message) {
            Self::store(&mut state, upload);
        }
        state.next_id += 1;
        let id = MessageId::new(format!("memory-message-{}", state.next_id));
        state.sent.push(Outgoing {
            to: to.clone(),
            message: message.clone(),
            options: options.clone(),
            id: id.clone(),
        });
        let raw = serde_json::json!({ "id": id.as_str() });
        Ok(Sent::new(Some(id), self.provider, raw))
    }

    async fn upload_media(&self, media: &MediaUpload) -> Result<MediaId> {
        capability::check(
            self.provider,
            self.capabilities,
            Capabilities::of(&[Feature::UploadMedia]),
        )?;
        media.check_any_kind()?;
        let mut state = self.lock();
        Self::take_failure(&mut state)?;
        Ok(Self::store(&mut state, media))
    }

    async fn download_media(&self, id: &MediaId) -> Result<Media> {
        capability::check(
            self.provider,
            self.capabilities,
            Capabilities::of(&[Feature::DownloadMedia]),
        )?;
        let mut state = self.lock();
        Self::take_failure(&mut state)?;
        let found = state.uploaded.iter().find(|(stored, _)| stored == id);
        match found {
            Some((_, upload)) => {
                let media = Media::new(upload.bytes().clone(), Some(upload.mime_type().to_owned()));
                Ok(match upload.file_name() {
                    Some(name) => media.with_file_name(name),
                    None => media,
                })
            }
            None => Err(Error::Provider(Box::new(ProviderError {
                provider: self.provider,
                operation: "download_media",
                status: http::StatusCode::NOT_FOUND,
                code: None,
                subcode: None,
                message: Some(format!("no media with id `{id}` was uploaded")),
                kind: ErrorKind::Media,
                retry_after: None,
                body: serde_json::Value::Null,
            }))),
        }
    }

    async fn mark_read(&self, id: &MessageId) -> Result<()> {
        capability::check(
            self.provider,
            self.capabilities,
            Capabilities::of(&[Feature::MarkRead]),
        )?;
        let mut state = self.lock();
        Self::take_failure(&mut state)?;
        state.read.push(id.clone());
        Ok(())
    }
}
