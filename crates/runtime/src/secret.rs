//! A string that never shows itself in `Debug` or `Display` output.

use std::fmt;

/// A credential: token, API key or password.
///
/// `Debug` prints `Secret("***")`, so a client, builder or error that holds one can be logged
/// safely. The value is reachable only through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_boxed_str())
    }

    /// The secret value, for building the request that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty or only whitespace, which no provider accepts.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Secret").field(&"***").finish()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), r#"Secret("***")"#);
        assert_eq!(
            format!("{:#?}", Some(&secret)).matches("hunter2").count(),
            0
        );
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn blank_values_are_recognised() {
        assert!(Secret::new(" \t").is_blank());
        assert!(!Secret::new("t").is_blank());
    }
}
