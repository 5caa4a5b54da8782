//! The webhook integration tests: every sample payload, verification, de-duplication, and
//! property tests on arbitrary input.

mod cloud;
mod dedup;
mod onprem;
mod props;
mod support;
mod verify;
mod whapi;
mod whatshooked;
mod ycloud;
