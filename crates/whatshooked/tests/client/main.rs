//! Offline tests of the WhatsHooked client against wiremock: each auth scheme, the
//! hand-written upload, redaction and bad input.

mod auth;
mod bad_input;
mod hand_written;
mod support;
