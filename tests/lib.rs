//! Repository-level checks live in `repo/`; this crate has no API.
