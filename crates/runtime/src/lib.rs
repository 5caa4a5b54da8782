#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
pub mod call;
mod error;
mod macros;
mod retry;
mod runtime;
mod secret;
mod settings;
mod upload;

pub use auth::Credential;
pub use call::Download;
pub use error::{ApiError, Error, ErrorBody};
pub use retry::RetryPolicy;
pub use runtime::Runtime;
pub use secret::Secret;
pub use settings::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Settings, base_url};
pub use upload::{Upload, form_from_json};

/// Re-exports the provider crates' macros need; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
    pub use reqwest;
}
