//! Checks on the repository as a whole, run by plain `cargo test --workspace`.

mod bad_input;
mod generated_files;
mod vendored_specs;
