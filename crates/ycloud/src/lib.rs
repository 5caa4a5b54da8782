#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Written by `cargo xtask generate` (prettyplease); rustfmt would reformat every line of it.
#[rustfmt::skip]
mod generated;

pub use generated::{
    ByteStream, Client, ClientInfo, Error, ResponseValue, builder, prelude, types,
};
