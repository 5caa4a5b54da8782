//! Offline tests of the on-premises client against wiremock: both auth schemes, every
//! hand-written operation, redaction and bad input.

mod auth;
mod bad_input;
mod hand_written;
mod request_bodies;
mod support;
