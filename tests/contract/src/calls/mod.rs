//! Calls to every generated operation, written by `cargo xtask generate`.

#[rustfmt::skip]
pub(crate) mod cloud;
#[rustfmt::skip]
pub(crate) mod onprem;
#[rustfmt::skip]
pub(crate) mod whapi;
#[rustfmt::skip]
pub(crate) mod whatshooked;
#[rustfmt::skip]
pub(crate) mod ycloud;
