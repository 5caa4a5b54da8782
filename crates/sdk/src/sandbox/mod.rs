//! A local WhatsApp for development and tests (feature `sandbox`): an in-process HTTP server
//! on loopback that speaks enough of each provider's API for everything the messengers do.
//!
//! It checks credentials the way each provider does (a wrong one gets the provider's own 401
//! body), decodes each request body as the provider's generated request type (an invalid one
//! gets the provider's validation error), answers with the provider's response shapes and id
//! formats, keeps uploaded media so it can be downloaded again, and records every request.
//! Answers can be queued to rehearse error handling (a rate limit with `Retry-After`, a closed
//! customer-service window). Dropping the sandbox stops the server.
//!
//! ```
//! use whatsapp_sdk::prelude::*;
//! use whatsapp_sdk::{Provider, sandbox::Sandbox};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let sandbox = Sandbox::start().await?;
//! let messenger = sandbox.messenger(Provider::Cloud)?;
//! let sent = messenger.send_text(&"+14155550123".parse()?, "Hello!").await?;
//!
//! let request = &sandbox.requests()[0];
//! assert_eq!(request.method, "POST");
//! assert_eq!(request.json().unwrap()["text"]["body"], "Hello!");
//! assert!(sent.id.unwrap().as_str().starts_with("wamid."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```

mod answer;
#[cfg(feature = "cloud")]
mod cloud;
mod errors;
#[cfg(feature = "onprem")]
mod onprem;
mod record;
mod server;
mod state;
#[cfg(feature = "whapi")]
mod whapi;
#[cfg(feature = "whatshooked")]
mod whatshooked;
#[cfg(feature = "ycloud")]
mod ycloud;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

pub use answer::Answer;
pub use errors::documented_errors;
pub use record::{Part, Recorded};
use server::{Context, Incoming};
use state::State;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::{Error, Result};
use crate::{DynMessenger, Provider, RetryPolicy};

/// The running sandbox. See the [module documentation](self).
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    context: Arc<Context>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// The credential the sandbox accepts for every provider: the bearer token, API key or
    /// password each provider's client sends.
    pub const TOKEN: &'static str = "sandbox-token";

    /// The Cloud API phone number id the sandbox's Cloud messenger sends from.
    pub const CLOUD_PHONE_NUMBER_ID: &'static str = "106540352242922";

    /// The media provider the sandbox's on-premises messenger names for media by link.
    pub const ONPREM_MEDIA_PROVIDER: &'static str = "sandbox-media";

    /// The template namespace the sandbox's on-premises messenger sends templates in.
    pub const ONPREM_TEMPLATE_NAMESPACE: &'static str = "sandbox_namespace";

    /// The WhatsHooked account (of type `business-api`) the sandbox's messenger sends from.
    pub const WHATSHOOKED_ACCOUNT_ID: &'static str = "sandbox-account";

    /// The YCloud sender number the sandbox's YCloud messenger sends from.
    pub const YCLOUD_FROM: &'static str = "+15550100001";

    /// The media id of the file the sandbox's Whapi.Cloud channel storage starts with, a 1×1
    /// PNG: a message can name a stored file (and `download_media` fetch one) before anything
    /// is uploaded. Whapi answers 404 for a media id it does not store, and so does the sandbox.
    pub const WHAPI_MEDIA_ID: &'static str = "png-5e1c2d4a0f6e8e3b";

    /// Starts a sandbox on a free loopback port. Needs a tokio runtime with I/O enabled.
    pub async fn start() -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let context = Arc::new(Context {
            state: Arc::new(State::default()),
            root: format!("http://{addr}"),
        });
        let router = axum::Router::new()
            .fallback(server::handle)
            .with_state(Arc::clone(&context));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                // A dropped sender stops the server too.
                let _ = stopped.await;
            });
            // An accept error ends the server; callers then see connection failures.
            let _ = serve.await;
        });
        Ok(Sandbox {
            addr,
            context,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give `provider`'s client builder (`with_base_url`).
    ///
    /// The Cloud API client appends its Graph API version to it; the on-premises and YCloud
    /// URLs end with the `/v1` and `/v2` their APIs' paths start below.
    pub fn base_url(&self, provider: Provider) -> String {
        let suffix = match provider {
            Provider::OnPrem => "/v1",
            Provider::YCloud => "/v2",
            _ => "",
        };
        format!("{}{}{suffix}", self.context.root, prefix(provider))
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.context.state.requests()
    }

    /// The requests received for `provider`, in order.
    pub fn requests_for(&self, provider: Provider) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.provider == Some(provider))
            .collect()
    }

    /// Forgets the requests received so far (uploaded media is kept).
    pub fn clear_requests(&self) {
        self.context.state.clear_requests();
    }

    /// Answers `provider`'s next request with `answer` instead of the sandbox's own (queued
    /// answers are used in order, credential checks included).
    pub fn answer_next(&self, provider: Provider, answer: Answer) {
        self.context.state.queue(provider, answer);
    }

    /// A messenger for `provider`, configured against this sandbox with its credential and
    /// the provider client's default retry policy.
    ///
    /// Fails with [`Error::Config`] for a provider whose cargo feature is off.
    pub fn messenger(&self, provider: Provider) -> Result<Box<DynMessenger>> {
        self.messenger_with_retry(provider, RetryPolicy::default())
    }

    /// Like [`messenger`](Self::messenger), with `retry` as the client's retry policy
    /// ([`RetryPolicy::never`] to see every error answer as it comes).
    pub fn messenger_with_retry(
        &self,
        provider: Provider,
        retry: RetryPolicy,
    ) -> Result<Box<DynMessenger>> {
        let _ = &retry;
        let config =
            |source: Box<dyn std::error::Error + Send + Sync>| Error::Config { provider, source };
        let _ = &config;
        match provider {
            #[cfg(feature = "cloud")]
            Provider::Cloud => {
                let client = self
                    .cloud_client()
                    .with_retry_policy(retry)
                    .build()
                    .map_err(|e| config(Box::new(e)))?;
                Ok(Box::new(crate::cloud::CloudMessenger::new(
                    client,
                    Self::CLOUD_PHONE_NUMBER_ID,
                )?))
            }
            #[cfg(feature = "whapi")]
            Provider::Whapi => {
                let client = self
                    .whapi_client()
                    .with_retry_policy(retry)
                    .build()
                    .map_err(|e| config(Box::new(e)))?;
                Ok(Box::new(crate::whapi::WhapiMessenger::new(client)))
            }
            #[cfg(feature = "onprem")]
            Provider::OnPrem => {
                let client = self
                    .onprem_client()
                    .with_retry_policy(retry)
                    .build()
                    .map_err(|e| config(Box::new(e)))?;
                Ok(Box::new(
                    crate::onprem::OnPremMessenger::new(client)
                        .with_media_provider(Self::ONPREM_MEDIA_PROVIDER)?
                        .with_template_namespace(Self::ONPREM_TEMPLATE_NAMESPACE)?,
                ))
            }
            #[cfg(feature = "whatshooked")]
            Provider::WhatsHooked => {
                let client = self
                    .whatshooked_client()
                    .with_retry_policy(retry)
                    .build()
                    .map_err(|e| config(Box::new(e)))?;
                Ok(Box::new(crate::whatshooked::WhatsHookedMessenger::new(
                    client,
                    Self::WHATSHOOKED_ACCOUNT_ID,
                    crate::whatshooked::AccountType::BusinessApi,
                )?))
            }
            #[cfg(feature = "ycloud")]
            Provider::YCloud => {
                let client = self
                    .ycloud_client()
                    .with_retry_policy(retry)
                    .build()
                    .map_err(|e| config(Box::new(e)))?;
                Ok(Box::new(crate::ycloud::YCloudMessenger::new(
                    client,
                    Self::YCLOUD_FROM,
                )?))
            }
            // Reached for the providers whose feature is off.
            #[allow(unreachable_patterns)]
            _ => Err(config(
                format!("the `{provider}` feature of whatsapp-sdk is off").into(),
            )),
        }
    }

    /// A Cloud API client builder pointed at the sandbox with its token; add settings and build.
    #[cfg(feature = "cloud")]
    #[cfg_attr(docsrs, doc(cfg(feature = "cloud")))]
    pub fn cloud_client(&self) -> crate::cloud::api::ClientBuilder {
        crate::cloud::api::Client::builder()
            .with_base_url(self.base_url(Provider::Cloud))
            .with_access_token(Self::TOKEN)
    }

    /// A Cloud API messenger on the sandbox, sending from [`Sandbox::CLOUD_PHONE_NUMBER_ID`].
    #[cfg(feature = "cloud")]
    #[cfg_attr(docsrs, doc(cfg(feature = "cloud")))]
    pub fn cloud_messenger(&self) -> Result<crate::cloud::CloudMessenger> {
        let client = self.cloud_client().build().map_err(|e| Error::Config {
            provider: Provider::Cloud,
            source: Box::new(e),
        })?;
        crate::cloud::CloudMessenger::new(client, Self::CLOUD_PHONE_NUMBER_ID)
    }

    /// A Whapi.Cloud client builder pointed at the sandbox with its token.
    #[cfg(feature = "whapi")]
    #[cfg_attr(docsrs, doc(cfg(feature = "whapi")))]
    pub fn whapi_client(&self) -> crate::whapi::api::ClientBuilder {
        crate::whapi::api::Client::builder()
            .with_base_url(self.base_url(Provider::Whapi))
            .with_token(Self::TOKEN)
    }

    /// An on-premises client builder pointed at the sandbox with its token.
    #[cfg(feature = "onprem")]
    #[cfg_attr(docsrs, doc(cfg(feature = "onprem")))]
    pub fn onprem_client(&self) -> crate::onprem::api::ClientBuilder {
        crate::onprem::api::Client::builder()
            .with_base_url(self.base_url(Provider::OnPrem))
            .with_access_token(Self::TOKEN)
    }

    /// An on-premises messenger on the sandbox, with [`Sandbox::ONPREM_MEDIA_PROVIDER`] and
    /// [`Sandbox::ONPREM_TEMPLATE_NAMESPACE`], so media by link and templates work.
    ///
    /// ```
    /// use whatsapp_sdk::prelude::*;
    /// use whatsapp_sdk::sandbox::Sandbox;
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let sandbox = Sandbox::start().await?;
    /// let messenger = sandbox.onprem_messenger()?;
    /// let sent = messenger.send_text(&"+14155550123".parse()?, "Hello!").await?;
    /// assert!(sent.id.unwrap().as_str().starts_with("gBEG"));
    /// assert_eq!(sandbox.requests()[0].path, "/v1/messages");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    #[cfg(feature = "onprem")]
    #[cfg_attr(docsrs, doc(cfg(feature = "onprem")))]
    pub fn onprem_messenger(&self) -> Result<crate::onprem::OnPremMessenger> {
        let client = self.onprem_client().build().map_err(|e| Error::Config {
            provider: Provider::OnPrem,
            source: Box::new(e),
        })?;
        crate::onprem::OnPremMessenger::new(client)
            .with_media_provider(Self::ONPREM_MEDIA_PROVIDER)?
            .with_template_namespace(Self::ONPREM_TEMPLATE_NAMESPACE)
    }

    /// A WhatsHooked client builder pointed at the sandbox with its API key.
    #[cfg(feature = "whatshooked")]
    #[cfg_attr(docsrs, doc(cfg(feature = "whatshooked")))]
    pub fn whatshooked_client(&self) -> crate::whatshooked::api::ClientBuilder {
        crate::whatshooked::api::Client::builder()
            .with_base_url(self.base_url(Provider::WhatsHooked))
            .with_api_key(Self::TOKEN)
    }

    /// A Whapi.Cloud messenger on the sandbox, sending through its channel.
    #[cfg(feature = "whapi")]
    #[cfg_attr(docsrs, doc(cfg(feature = "whapi")))]
    pub fn whapi_messenger(&self) -> Result<crate::whapi::WhapiMessenger> {
        let client = self.whapi_client().build().map_err(|e| Error::Config {
            provider: Provider::Whapi,
            source: Box::new(e),
        })?;
        Ok(crate::whapi::WhapiMessenger::new(client))
    }

    /// A WhatsHooked messenger on the sandbox, sending from the `business-api` account
    /// [`Sandbox::WHATSHOOKED_ACCOUNT_ID`].
    ///
    /// ```
    /// use whatsapp_sdk::prelude::*;
    /// use whatsapp_sdk::sandbox::Sandbox;
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let sandbox = Sandbox::start().await?;
    /// let messenger = sandbox.whatshooked_messenger()?;
    /// let sent = messenger.send_text(&"+14155550123".parse()?, "Hello!").await?;
    /// assert_eq!(sent.id, None);
    /// assert_eq!(sent.raw()["status"], "ok");
    /// assert_eq!(sandbox.requests()[0].path, "/api/send");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    #[cfg(feature = "whatshooked")]
    #[cfg_attr(docsrs, doc(cfg(feature = "whatshooked")))]
    pub fn whatshooked_messenger(&self) -> Result<crate::whatshooked::WhatsHookedMessenger> {
        let client = self
            .whatshooked_client()
            .build()
            .map_err(|e| Error::Config {
                provider: Provider::WhatsHooked,
                source: Box::new(e),
            })?;
        crate::whatshooked::WhatsHookedMessenger::new(
            client,
            Self::WHATSHOOKED_ACCOUNT_ID,
            crate::whatshooked::AccountType::BusinessApi,
        )
    }

    /// A YCloud client builder pointed at the sandbox with its API key.
    #[cfg(feature = "ycloud")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ycloud")))]
    pub fn ycloud_client(&self) -> crate::ycloud::api::ClientBuilder {
        crate::ycloud::api::Client::builder()
            .with_base_url(self.base_url(Provider::YCloud))
            .with_api_key(Self::TOKEN)
    }

    /// A YCloud messenger on the sandbox, sending from [`Sandbox::YCLOUD_FROM`].
    #[cfg(feature = "ycloud")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ycloud")))]
    pub fn ycloud_messenger(&self) -> Result<crate::ycloud::YCloudMessenger> {
        let client = self.ycloud_client().build().map_err(|e| Error::Config {
            provider: Provider::YCloud,
            source: Box::new(e),
        })?;
        crate::ycloud::YCloudMessenger::new(client, Self::YCLOUD_FROM)
    }

    /// Stops the server and waits until it no longer listens.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            // Graceful shutdown waits for open connections; a pooled idle connection of a
            // client must not keep the sandbox alive, so the task is also cancelled.
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The path prefix `provider`'s imitation is served under.
pub(crate) fn prefix(provider: Provider) -> &'static str {
    match provider {
        Provider::Cloud => "/cloud",
        Provider::OnPrem => "/onprem",
        Provider::Whapi => "/whapi",
        Provider::YCloud => "/ycloud",
        Provider::WhatsHooked => "/whatshooked",
    }
}

/// The provider a path belongs to and the path below its prefix.
fn split_prefix(path: &str) -> (Option<Provider>, &str) {
    for provider in Provider::ALL {
        if let Some(rest) = path.strip_prefix(prefix(provider))
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return (Some(provider), rest);
        }
    }
    (None, path)
}

/// The provider's imitation; providers whose feature is off answer 404.
fn dispatch(provider: Provider, request: &Incoming, context: &Context) -> Answer {
    let _ = context;
    match provider {
        #[cfg(feature = "cloud")]
        Provider::Cloud => cloud::handle(request, context),
        #[cfg(feature = "onprem")]
        Provider::OnPrem => onprem::handle(request, context),
        #[cfg(feature = "whapi")]
        Provider::Whapi => whapi::handle(request, context),
        #[cfg(feature = "whatshooked")]
        Provider::WhatsHooked => whatshooked::handle(request, context),
        #[cfg(feature = "ycloud")]
        Provider::YCloud => ycloud::handle(request, context),
        // Reached for the providers whose feature is off.
        #[allow(unreachable_patterns)]
        _ => errors::not_found(provider, &request.path),
    }
}
