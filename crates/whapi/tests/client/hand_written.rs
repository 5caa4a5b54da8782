//! The operations written by hand beside the generated ones.

mod downloads;
mod multipart;
mod raw;
