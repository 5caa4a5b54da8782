//! Offline tests of the cloud client against wiremock: auth, the hand-written upload, retries,
//! redaction and bad input.

mod auth;
mod bad_input;
mod hand_written;
mod retries;
mod support;
