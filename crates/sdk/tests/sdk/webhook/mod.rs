//! The webhook integration tests: every sample payload, verification, de-duplication (in
//! memory and against a real `redis-server`), the axum integration over loopback, and
//! property tests on arbitrary input.

mod axum;
mod cloud;
mod dedup;
mod onprem;
mod props;
mod redis;
mod support;
mod verify;
mod whapi;
mod whatshooked;
mod ycloud;
