//! Repository automation for whatsapp-sdk: `cargo xtask generate`, `cargo xtask coverage`,
//! `cargo xtask contract`, `cargo xtask buildtime`.
//!
//! A library as well as a binary, so that `cargo test` can call the same code to catch stale
//! generated files (rust-analyzer's pattern).

pub mod adapt;
pub mod adapt_untagged;
pub mod buildtime;
pub mod calls;
pub mod contract;
pub mod coverage;
pub mod error;
pub mod generate;
pub mod normalize;
pub mod overlay;
pub mod pointer;
pub mod provider;
pub mod shapes;
pub mod spec;
pub mod walk;
