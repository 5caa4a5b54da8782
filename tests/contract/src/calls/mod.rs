//! Calls to every generated operation, written by `cargo xtask generate`.

#[rustfmt::skip]
pub mod cloud;
#[rustfmt::skip]
pub mod onprem;
#[rustfmt::skip]
pub mod whapi;
#[rustfmt::skip]
pub mod whatshooked;
#[rustfmt::skip]
pub mod ycloud;
