//! Meta's WhatsApp error codes (Cloud API "Error codes" reference) and what each means for an
//! application. The Cloud API answers with them; YCloud and WhatsHooked relay them from Meta,
//! and status webhooks carry them for messages that failed after being accepted.

use crate::error::ErrorKind;

const RATE_LIMITED: &[i64] = &[4, 80007, 130429, 131048, 131056, 613];
const OUTSIDE_WINDOW: &[i64] = &[131047];
const TEMPLATE: &[i64] = &[
    132000, 132001, 132005, 132007, 132012, 132015, 132016, 132068, 132069,
];
const RECIPIENT: &[i64] = &[131021, 131026, 131030, 131050];
const AUTH: &[i64] = &[0, 3, 10, 190];
const MEDIA: &[i64] = &[131052, 131053];
const TRANSIENT: &[i64] = &[1, 2, 131000, 131016, 131057, 133004];

/// The kind Meta's error `code` stands for, when it is one the reference classifies.
pub(crate) fn kind(code: i64) -> Option<ErrorKind> {
    if (200..=299).contains(&code) {
        // Graph's permission errors (`#200`–`#299`).
        return Some(ErrorKind::Auth);
    }
    let kinds: [(&[i64], ErrorKind); 7] = [
        (RATE_LIMITED, ErrorKind::RateLimited),
        (OUTSIDE_WINDOW, ErrorKind::OutsideServiceWindow),
        (TEMPLATE, ErrorKind::Template),
        (RECIPIENT, ErrorKind::Recipient),
        (AUTH, ErrorKind::Auth),
        (MEDIA, ErrorKind::Media),
        (TRANSIENT, ErrorKind::Transient),
    ];
    kinds
        .iter()
        .find(|(codes, _)| codes.contains(&code))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_have_their_kinds() {
        for (code, expected) in [
            (4, ErrorKind::RateLimited),
            (130429, ErrorKind::RateLimited),
            (131047, ErrorKind::OutsideServiceWindow),
            (132001, ErrorKind::Template),
            (131026, ErrorKind::Recipient),
            (190, ErrorKind::Auth),
            (250, ErrorKind::Auth),
            (131053, ErrorKind::Media),
            (131016, ErrorKind::Transient),
        ] {
            assert_eq!(kind(code), Some(expected), "{code}");
        }
        assert_eq!(kind(100), None);
    }
}
