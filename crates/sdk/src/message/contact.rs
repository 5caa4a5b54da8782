//! Contact card messages.

use super::each;
use crate::error::{ValidationError, Violation};
use crate::limits;

/// A contact card: a name and any phones, emails, links, addresses and organization.
///
/// ```
/// use whatsapp_sdk::{Message, message::{Contact, PhoneKind}};
///
/// let support = Contact::new("ACME Support")
///     .with_first_name("ACME")
///     .with_phone("+1 415 555 0100", Some(PhoneKind::Work))
///     .with_email("support@example.com", None)
///     .with_organization("ACME Inc.", Some("Customer care"));
/// let message = Message::new(support)?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub(crate) formatted_name: String,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) phones: Vec<ContactPhone>,
    pub(crate) emails: Vec<ContactEmail>,
    pub(crate) urls: Vec<ContactUrl>,
    pub(crate) addresses: Vec<ContactAddress>,
    pub(crate) organization: Option<Organization>,
    pub(crate) birthday: Option<String>,
}

/// What kind of phone number a contact's is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhoneKind {
    /// Mobile.
    Cell,
    /// Main number.
    Main,
    /// An iPhone.
    IPhone,
    /// Home.
    Home,
    /// Work.
    Work,
}

/// Whether an email, link or address is a home or work one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlaceKind {
    /// Home.
    Home,
    /// Work.
    Work,
}

/// A contact's phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactPhone {
    /// The number as it should be shown.
    pub number: String,
    /// Its kind.
    pub kind: Option<PhoneKind>,
    /// The WhatsApp id behind the number, which adds a "Message" button to the card.
    pub wa_id: Option<String>,
}

/// A contact's email address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactEmail {
    /// The address.
    pub email: String,
    /// Its kind.
    pub kind: Option<PlaceKind>,
}

/// A contact's web link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactUrl {
    /// The link.
    pub url: String,
    /// Its kind.
    pub kind: Option<PlaceKind>,
}

/// A contact's postal address; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactAddress {
    /// Street and number.
    pub street: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub state: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// Country name.
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// Its kind.
    pub kind: Option<PlaceKind>,
}

impl ContactAddress {
    /// An empty address to fill in.
    pub fn new() -> Self {
        Self::default()
    }

    /// With a street.
    pub fn with_street(mut self, street: impl Into<String>) -> Self {
        self.street = Some(street.into());
        self
    }

    /// With a city.
    pub fn with_city(mut self, city: impl Into<String>) -> Self {
        self.city = Some(city.into());
        self
    }

    /// With a state or region.
    pub fn with_state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// With a postal code.
    pub fn with_zip(mut self, zip: impl Into<String>) -> Self {
        self.zip = Some(zip.into());
        self
    }

    /// With a country name and its ISO 3166-1 alpha-2 code.
    pub fn with_country(mut self, country: impl Into<String>, code: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self.country_code = Some(code.into());
        self
    }

    /// Home or work.
    pub fn with_kind(mut self, kind: PlaceKind) -> Self {
        self.kind = Some(kind);
        self
    }
}

/// A contact's organization.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Organization {
    /// Company name.
    pub company: String,
    /// The contact's title there.
    pub title: Option<String>,
}

impl Contact {
    /// A contact shown as `formatted_name`.
    pub fn new(formatted_name: impl Into<String>) -> Self {
        Contact {
            formatted_name: formatted_name.into(),
            first_name: None,
            last_name: None,
            phones: Vec::new(),
            emails: Vec::new(),
            urls: Vec::new(),
            addresses: Vec::new(),
            organization: None,
            birthday: None,
        }
    }

    /// The first name.
    pub fn with_first_name(mut self, name: impl Into<String>) -> Self {
        self.first_name = Some(name.into());
        self
    }

    /// The last name.
    pub fn with_last_name(mut self, name: impl Into<String>) -> Self {
        self.last_name = Some(name.into());
        self
    }

    /// Adds a phone number.
    pub fn with_phone(mut self, number: impl Into<String>, kind: Option<PhoneKind>) -> Self {
        self.phones.push(ContactPhone {
            number: number.into(),
            kind,
            wa_id: None,
        });
        self
    }

    /// Adds a phone number with the WhatsApp id behind it.
    pub fn with_whatsapp_phone(
        mut self,
        number: impl Into<String>,
        wa_id: impl Into<String>,
        kind: Option<PhoneKind>,
    ) -> Self {
        self.phones.push(ContactPhone {
            number: number.into(),
            kind,
            wa_id: Some(wa_id.into()),
        });
        self
    }

    /// Adds an email address.
    pub fn with_email(mut self, email: impl Into<String>, kind: Option<PlaceKind>) -> Self {
        self.emails.push(ContactEmail {
            email: email.into(),
            kind,
        });
        self
    }

    /// Adds a web link.
    pub fn with_url(mut self, url: impl Into<String>, kind: Option<PlaceKind>) -> Self {
        self.urls.push(ContactUrl {
            url: url.into(),
            kind,
        });
        self
    }

    /// Adds a postal address.
    pub fn with_address(mut self, address: ContactAddress) -> Self {
        self.addresses.push(address);
        self
    }

    /// The organization and the contact's title there.
    pub fn with_organization(
        mut self,
        company: impl Into<String>,
        title: Option<impl Into<String>>,
    ) -> Self {
        self.organization = Some(Organization {
            company: company.into(),
            title: title.map(Into::into),
        });
        self
    }

    /// The birthday, `YYYY-MM-DD`.
    pub fn with_birthday(mut self, date: impl Into<String>) -> Self {
        self.birthday = Some(date.into());
        self
    }

    /// The name shown.
    pub fn formatted_name(&self) -> &str {
        &self.formatted_name
    }

    /// The first name.
    pub fn first_name(&self) -> Option<&str> {
        self.first_name.as_deref()
    }

    /// The last name.
    pub fn last_name(&self) -> Option<&str> {
        self.last_name.as_deref()
    }

    /// The phone numbers.
    pub fn phones(&self) -> &[ContactPhone] {
        &self.phones
    }

    /// The email addresses.
    pub fn emails(&self) -> &[ContactEmail] {
        &self.emails
    }

    /// The web links.
    pub fn urls(&self) -> &[ContactUrl] {
        &self.urls
    }

    /// The postal addresses.
    pub fn addresses(&self) -> &[ContactAddress] {
        &self.addresses
    }

    /// The organization.
    pub fn organization(&self) -> Option<&Organization> {
        self.organization.as_ref()
    }

    /// The birthday, `YYYY-MM-DD`.
    pub fn birthday(&self) -> Option<&str> {
        self.birthday.as_deref()
    }

    fn validate(&self) -> Result<(), ValidationError> {
        limits::text("name.formatted_name", &self.formatted_name, usize::MAX)?;
        each("phones", &self.phones, |p| {
            limits::text("phone", &p.number, usize::MAX)
        })?;
        each("emails", &self.emails, |e| {
            if e.email.contains('@') && !e.email.trim().starts_with('@') {
                Ok(())
            } else {
                Err(ValidationError::new(
                    "email",
                    Violation::Format {
                        expected: "an email address",
                    },
                ))
            }
        })?;
        each("urls", &self.urls, |u| {
            limits::text("url", &u.url, usize::MAX)
        })?;
        if let Some(org) = &self.organization {
            limits::text("org.company", &org.company, usize::MAX)?;
        }
        if let Some(birthday) = &self.birthday
            && !is_date(birthday)
        {
            return Err(ValidationError::new(
                "birthday",
                Violation::Format {
                    expected: "a date as YYYY-MM-DD",
                },
            ));
        }
        Ok(())
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (number(year, 4), number(month, 2), number(day, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

/// A contacts message: at least one card, each valid.
pub(crate) fn validate_all(contacts: &[Contact]) -> Result<(), ValidationError> {
    limits::items("contacts", contacts.len(), 1, usize::MAX)?;
    each("contacts", contacts, Contact::validate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;

    #[test]
    fn cards_are_checked_field_by_field() {
        let bad_email = Contact::new("A").with_email("nobody", None);
        assert_eq!(
            Message::new(bad_email).unwrap_err().field(),
            "contacts[0].emails[0].email"
        );
        let bad_day = Contact::new("A").with_birthday("1990-13-01");
        assert_eq!(
            Message::new(bad_day).unwrap_err().field(),
            "contacts[0].birthday"
        );
        assert_eq!(
            Message::new(Vec::<Contact>::new()).unwrap_err().field(),
            "contacts"
        );
        assert!(Message::new(Contact::new("A").with_birthday("1990-01-31")).is_ok());
    }
}
