//! RFC 6901 JSON pointers, built up while walking a document.

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape`].
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `base` extended by one token.
pub fn join(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}

/// The pointer of a local `$ref` (`#/components/...`), or `None` for a remote one.
pub fn from_ref(reference: &str) -> Option<&str> {
    reference.strip_prefix('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_paths_and_tildes_reversibly() {
        assert_eq!(join("/paths", "/{id}/messages"), "/paths/~1{id}~1messages");
        assert_eq!(escape("a~/b"), "a~0~1b");
        assert_eq!(unescape(&escape("a~/b~1")), "a~/b~1");
    }
}
