#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
// Written by `cargo xtask generate` (prettyplease); rustfmt would reformat every line of it.
#[rustfmt::skip]
// progenitor makes everything `pub`, including the runtime items this crate does not re-export.
#[allow(unreachable_pub)]
mod generated;

pub use client::{ClientBuilder, DEFAULT_BASE_URL, ENV_API_KEY, ENV_BASE_URL};
pub use generated::{ByteStream, Client, ResponseValue, builder, types};
// progenitor's plumbing: `ClientInfo` gives tests `baseurl()`, `prelude` holds only `Client`.
#[doc(hidden)]
pub use generated::{ClientInfo, prelude};
pub use whatsapp_sdk_runtime::{
    ApiError, Download, Error, ErrorBody, RetryPolicy, Runtime, Secret, Upload,
};
