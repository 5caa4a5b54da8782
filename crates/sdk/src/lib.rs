#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod capability;
mod error;
pub mod limits;
mod media;
#[cfg(feature = "test-util")]
mod memory;
pub mod message;
mod messenger;
mod options;
mod provider;
mod recipient;
mod sent;
#[cfg(feature = "webhook")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
pub mod webhook;

pub use capability::{Capabilities, Feature};
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
pub use whatsapp_sdk_runtime::Secret;

use message::Text;

/// The names most programs need: `use whatsapp_sdk::prelude::*;`.
pub mod prelude {
    pub use crate::{DynMessenger, Message, Messenger, MessengerExt, Recipient};
}
