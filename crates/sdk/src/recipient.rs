//! Who a message goes to: a phone number, a WhatsApp user id, or a group.

use std::fmt;
use std::str::FromStr;

use crate::error::{ValidationError, Violation};

/// Digits in an E.164 number, country code included (ITU-T E.164 allows at most 15).
const E164_MAX_DIGITS: usize = 15;
/// The shortest numbers in use (country code plus subscriber) have 7 digits.
const E164_MIN_DIGITS: usize = 7;

/// The recipient of a message. Each adapter renders it the way its provider wants: digits
/// without `+` for the Cloud and on-premises APIs, `+` and digits for YCloud,
/// `…@s.whatsapp.net` and `…@g.us` chat ids for Whapi and WhatsHooked.
///
/// Parse one with `FromStr`: `+` and digits is a phone number, `…@g.us` a group, anything else
/// a WhatsApp user id as the provider gave it (`14155550123`, `…@s.whatsapp.net`, `…@lid`).
///
/// ```
/// use whatsapp_sdk::Recipient;
///
/// let to: Recipient = "+1 (415) 555-0123".parse()?;
/// assert_eq!(to.to_string(), "+14155550123");
/// assert!(matches!(to, Recipient::Phone(_)));
///
/// let group: Recipient = "120363025246125486@g.us".parse()?;
/// assert!(matches!(group, Recipient::Group(_)));
///
/// assert!("+0123".parse::<Recipient>().is_err());
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Recipient {
    /// A phone number in E.164 form.
    Phone(PhoneNumber),
    /// A WhatsApp user id, as a provider reported it.
    WaId(WaId),
    /// A group.
    Group(GroupId),
}

impl Recipient {
    /// A phone number recipient; see [`PhoneNumber`] for what is accepted.
    pub fn phone(number: &str) -> Result<Self, ValidationError> {
        number.parse().map(Recipient::Phone)
    }

    /// A WhatsApp user id recipient.
    pub fn wa_id(id: &str) -> Result<Self, ValidationError> {
        id.parse().map(Recipient::WaId)
    }

    /// A group recipient.
    pub fn group(id: &str) -> Result<Self, ValidationError> {
        id.parse().map(Recipient::Group)
    }

    /// The user or group part without any `@server` suffix: the digits of a phone number, a
    /// wa_id's user part, a group's id.
    pub fn user(&self) -> &str {
        match self {
            Recipient::Phone(phone) => phone.digits(),
            Recipient::WaId(id) => id.user(),
            Recipient::Group(group) => group.id(),
        }
    }

    /// The chat id WhatsApp Web based providers use: `<digits>@s.whatsapp.net` for a person
    /// (a wa_id that already names its server is kept as it is), `<id>@g.us` for a group.
    pub fn chat_id(&self) -> String {
        match self {
            Recipient::Phone(phone) => format!("{}@s.whatsapp.net", phone.digits()),
            Recipient::WaId(id) if id.server().is_some() => id.as_str().to_owned(),
            Recipient::WaId(id) => format!("{}@s.whatsapp.net", id.as_str()),
            Recipient::Group(group) => group.jid(),
        }
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Phone(phone) => phone.fmt(f),
            Recipient::WaId(id) => id.fmt(f),
            Recipient::Group(group) => f.write_str(&group.jid()),
        }
    }
}

impl FromStr for Recipient {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.starts_with('+') {
            s.parse().map(Recipient::Phone)
        } else if s.ends_with(GroupId::SERVER) {
            s.parse().map(Recipient::Group)
        } else {
            s.parse().map(Recipient::WaId)
        }
    }
}

impl From<PhoneNumber> for Recipient {
    fn from(value: PhoneNumber) -> Self {
        Recipient::Phone(value)
    }
}

impl From<WaId> for Recipient {
    fn from(value: WaId) -> Self {
        Recipient::WaId(value)
    }
}

impl From<GroupId> for Recipient {
    fn from(value: GroupId) -> Self {
        Recipient::Group(value)
    }
}

/// A phone number in E.164 form: `+`, a country code and the subscriber number, 7 to 15 digits.
///
/// Spaces, dashes, dots and parentheses are accepted while parsing and dropped.
///
/// ```
/// use whatsapp_sdk::PhoneNumber;
///
/// let number: PhoneNumber = "+44 20 7946 0958".parse()?;
/// assert_eq!(number.digits(), "442079460958");
/// assert_eq!(number.to_string(), "+442079460958");
/// assert!("442079460958".parse::<PhoneNumber>().is_err()); // no leading +
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// The digits, country code first, without `+`.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.0)
    }
}

impl FromStr for PhoneNumber {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            ValidationError::new(
                "recipient",
                Violation::Format {
                    expected: "an E.164 phone number: `+`, country code and number, 7 to 15 digits",
                },
            )
        };
        let rest = s.trim().strip_prefix('+').ok_or_else(invalid)?;
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(invalid()),
            }
        }
        if !(E164_MIN_DIGITS..=E164_MAX_DIGITS).contains(&digits.len()) || digits.starts_with('0') {
            return Err(invalid());
        }
        Ok(PhoneNumber(digits))
    }
}

/// A WhatsApp user id as a provider reports it: digits (`14155550123`, the Cloud API's
/// `wa_id`), or a chat id with its server (`14155550123@s.whatsapp.net`, `…@c.us`, `…@lid`).
///
/// ```
/// use whatsapp_sdk::WaId;
///
/// let id: WaId = "84123456789@lid".parse()?;
/// assert_eq!(id.user(), "84123456789");
/// assert_eq!(id.server(), Some("lid"));
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WaId(String);

impl WaId {
    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`, or the whole id.
    pub fn user(&self) -> &str {
        self.0.split_once('@').map_or(&self.0, |(user, _)| user)
    }

    /// The part after `@`, if any (`s.whatsapp.net`, `c.us`, `lid`).
    pub fn server(&self) -> Option<&str> {
        self.0.split_once('@').map(|(_, server)| server)
    }
}

impl fmt::Display for WaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for WaId {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let valid = |part: &str| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':'))
        };
        let ok = match s.split_once('@') {
            Some((user, server)) => valid(user) && valid(server),
            None => valid(s),
        };
        if ok {
            Ok(WaId(s.to_owned()))
        } else {
            Err(ValidationError::new(
                "recipient",
                Violation::Format {
                    expected: "a WhatsApp id such as `14155550123` or `14155550123@s.whatsapp.net`",
                },
            ))
        }
    }
}

/// A WhatsApp group: `120363025246125486@g.us` (the `@g.us` may be left out while parsing).
///
/// ```
/// use whatsapp_sdk::GroupId;
///
/// let group: GroupId = "120363025246125486".parse()?;
/// assert_eq!(group.jid(), "120363025246125486@g.us");
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId(String);

impl GroupId {
    const SERVER: &'static str = "@g.us";

    /// The id without `@g.us`.
    pub fn id(&self) -> &str {
        &self.0
    }

    /// The id with `@g.us`, as chats are named.
    pub fn jid(&self) -> String {
        format!("{}{}", self.0, Self::SERVER)
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.jid())
    }
}

impl FromStr for GroupId {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let id = s.strip_suffix(Self::SERVER).unwrap_or(s);
        // Current ids are digits; older ones are `<creator digits>-<timestamp>`.
        let valid = !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && id.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(GroupId(id.to_owned()))
        } else {
            Err(ValidationError::new(
                "recipient",
                Violation::Format {
                    expected: "a group id such as `120363025246125486@g.us`",
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_follow_e164() {
        for ok in [
            "+14155550123",
            " +1 415-555-0123 ",
            "+6834002",
            "+123456789012345",
        ] {
            assert!(ok.parse::<PhoneNumber>().is_ok(), "{ok}");
        }
        for bad in [
            "14155550123",
            "+",
            "+123456",
            "+1234567890123456",
            "+0123456789",
            "+1415555012a",
            "++14155550123",
        ] {
            let error = bad.parse::<PhoneNumber>().expect_err(bad);
            assert_eq!(error.field(), "recipient");
        }
    }

    #[test]
    fn recipients_are_classified_by_form() {
        assert!(matches!(
            "+14155550123".parse::<Recipient>(),
            Ok(Recipient::Phone(_))
        ));
        assert!(matches!(
            "14155550123".parse::<Recipient>(),
            Ok(Recipient::WaId(_))
        ));
        assert!(matches!(
            "14155550123-1444555666@g.us".parse::<Recipient>(),
            Ok(Recipient::Group(_))
        ));
        assert!("hello world".parse::<Recipient>().is_err());
        assert!("@lid".parse::<Recipient>().is_err());
    }

    #[test]
    fn chat_ids_name_their_server() {
        let phone: Recipient = "+14155550123".parse().unwrap();
        assert_eq!(phone.chat_id(), "14155550123@s.whatsapp.net");
        assert_eq!(phone.user(), "14155550123");
        let lid: Recipient = "84123456789@lid".parse().unwrap();
        assert_eq!(lid.chat_id(), "84123456789@lid");
        let bare: Recipient = "14155550123".parse().unwrap();
        assert_eq!(bare.chat_id(), "14155550123@s.whatsapp.net");
        let group: Recipient = "120363025246125486".parse::<GroupId>().unwrap().into();
        assert_eq!(group.chat_id(), "120363025246125486@g.us");
        assert_eq!(group.to_string(), "120363025246125486@g.us");
    }
}
