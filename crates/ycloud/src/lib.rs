#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod generated;

pub use generated::{ByteStream, Client, ClientInfo, Error, ResponseValue, builder, prelude, types};
