#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
// Plumbing the provider crates' hand-written operations call; not part of the documented API.
#[doc(hidden)]
pub mod call;
mod error;
mod macros;
mod retry;
mod runtime;
mod secret;
mod settings;
mod upload;

#[doc(hidden)]
pub use auth::Credential;
pub use call::Download;
pub use error::{ApiError, Error, ErrorBody};
pub use retry::RetryPolicy;
pub use runtime::Runtime;
pub use secret::Secret;
pub use settings::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
#[doc(hidden)]
pub use settings::{Settings, base_url};
pub use upload::{Upload, UploadError, form_from_json};

/// Re-exports the provider crates' macros need; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
    pub use reqwest;
}
