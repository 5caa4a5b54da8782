//! The facade's integration tests, in one binary: the shared conformance suite over every
//! adapter and the in-memory messenger, and the sandbox's own behaviour.

mod conformance;
mod limits;
mod readme;
mod redaction;
mod sandbox;
mod webhook;
