#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod adapter;
#[cfg(feature = "bench")]
#[doc(hidden)]
pub mod bench;
mod capability;
#[cfg(feature = "cloud")]
#[cfg_attr(docsrs, doc(cfg(feature = "cloud")))]
pub mod cloud;
#[cfg(feature = "conformance")]
#[doc(hidden)]
pub mod conformance;
mod env;
mod error;
// Meta's Graph error codes, read by the two adapters whose providers pass them on.
#[cfg(any(feature = "cloud", feature = "ycloud"))]
mod graph_codes;
pub mod limits;
mod media;
#[cfg(feature = "test-util")]
mod memory;
pub mod message;
mod messenger;
#[cfg(feature = "onprem")]
#[cfg_attr(docsrs, doc(cfg(feature = "onprem")))]
pub mod onprem;
mod options;
mod provider;
mod recipient;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;
mod sent;
#[cfg(feature = "webhook")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
pub mod webhook;
#[cfg(feature = "whapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "whapi")))]
pub mod whapi;
#[cfg(feature = "whatshooked")]
#[cfg_attr(docsrs, doc(cfg(feature = "whatshooked")))]
pub mod whatshooked;
#[cfg(feature = "ycloud")]
#[cfg_attr(docsrs, doc(cfg(feature = "ycloud")))]
pub mod ycloud;

pub use capability::{Capabilities, Feature};
pub use env::{ENV_PROVIDER, from_env, from_env_with};
pub use error::{BoxError, Error, ErrorKind, ProviderError, Result, ValidationError, Violation};
pub use media::{Media, MediaId, MediaSource, MediaUpload};
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use memory::{InMemoryMessenger, Outgoing};
pub use message::{Content, Message};
pub use messenger::{DynMessenger, Messenger, MessengerExt};
pub use options::SendOptions;
pub use provider::{ParseProviderError, Provider};
pub use recipient::{GroupId, PhoneNumber, Recipient, WaId};
pub use sent::{MessageId, Sent};
pub use whatsapp_sdk_runtime::{RetryPolicy, Secret};

use message::Text;

/// The names most programs need: `use whatsapp_sdk::prelude::*;`.
pub mod prelude {
    pub use crate::{DynMessenger, Message, Messenger, MessengerExt, Recipient};
}
