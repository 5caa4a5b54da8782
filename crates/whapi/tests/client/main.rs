//! Offline tests of the whapi client against wiremock: auth, the hand-written operations,
//! redaction and bad input.

mod auth;
mod bad_input;
mod hand_written;
mod messages;
mod support;
