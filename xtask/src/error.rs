//! Errors that name what went wrong: provider, pass, JSON pointer and reason.

use std::path::PathBuf;

/// A problem found by one pass at one place in a document, before the provider is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassError {
    /// JSON pointer (RFC 6901) into the document the pass was working on; empty for the whole document.
    pub pointer: String,
    /// What is wrong there, in words a spec author can act on.
    pub reason: String,
}

impl PassError {
    /// A problem at `pointer`.
    pub fn at(pointer: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            reason: reason.into(),
        }
    }
}

/// Everything the xtask can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A spec, overlay or config could not be turned into code.
    #[error("{provider}: pass `{pass}` at `#{pointer}`: {reason}")]
    Spec {
        /// Provider folder name, e.g. `cloud`.
        provider: String,
        /// Name of the normalization pass or generation stage.
        pass: String,
        /// JSON pointer into the document being processed.
        pointer: String,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The command line or a repository invariant is wrong.
    #[error("{0}")]
    Usage(String),
    /// An external tool (node, npm, Prism, cargo) is missing, failed or took too long.
    #[error("{0}")]
    Tool(String),
}

impl Error {
    /// Attaches provider and pass names to a [`PassError`].
    pub fn spec(provider: &str, pass: &str, err: PassError) -> Self {
        Self::Spec {
            provider: provider.to_owned(),
            pass: pass.to_owned(),
            pointer: err.pointer,
            reason: err.reason,
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for the xtask.
pub type Result<T, E = Error> = std::result::Result<T, E>;
