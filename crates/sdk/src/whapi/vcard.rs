//! Contact cards as the vCard text Whapi.Cloud's contact messages carry.
//!
//! Whapi takes a card as one `vcard` string. The spec's request example for
//! `sendMessageContact` is vCard 3.0 with `\n` line ends, `type=` parameters and an
//! `itemN.X-ABADR` line beside an address; this renders the same form (RFC 2426 escaping for
//! text values). A phone's WhatsApp id goes in the `waid` parameter of its `TEL` line, the form
//! WhatsApp's own apps write, which gives the card its "Message" button.

use crate::error::{ValidationError, Violation};
use crate::message::{Contact, PhoneKind, PlaceKind};

/// `contact` as a vCard 3.0; `field` prefixes the path of a value that cannot be written
/// (`contacts[0]`).
pub(crate) fn render(contact: &Contact, field: &str) -> Result<String, ValidationError> {
    let mut card = Card::default();
    card.line("BEGIN:VCARD");
    card.line("VERSION:3.0");
    card.line(&format!(
        "N:{};{};;;",
        text(contact.last_name().unwrap_or_default()),
        text(contact.first_name().unwrap_or_default())
    ));
    card.line(&format!("FN:{}", text(contact.formatted_name())));
    if let Some(org) = contact.organization() {
        card.line(&format!("ORG:{}", text(&org.company)));
        if let Some(title) = &org.title {
            card.line(&format!("TITLE:{}", text(title)));
        }
    }
    for (i, phone) in contact.phones().iter().enumerate() {
        let at = format!("{field}.phones[{i}]");
        let mut line = String::from("TEL");
        if let Some(kind) = phone.kind {
            line.push_str(";type=");
            line.push_str(phone_type(kind));
        }
        if let Some(wa_id) = &phone.wa_id {
            if wa_id.is_empty() || !wa_id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValidationError::new(
                    format!("{at}.wa_id"),
                    Violation::Format {
                        expected: "a WhatsApp id of digits, as a vCard `waid` parameter holds",
                    },
                ));
            }
            line.push_str(";waid=");
            line.push_str(wa_id);
        }
        line.push(':');
        line.push_str(&one_line(&phone.number, &format!("{at}.number"))?);
        card.line(&line);
    }
    for email in contact.emails() {
        card.line(&format!(
            "EMAIL{}:{}",
            place_type(email.kind),
            text(&email.email)
        ));
    }
    for (i, url) in contact.urls().iter().enumerate() {
        // A URI value, not text: RFC 2426 escapes no `,` or `;` in it.
        let value = one_line(&url.url, &format!("{field}.urls[{i}].url"))?;
        card.line(&format!("URL{}:{value}", place_type(url.kind)));
    }
    for address in contact.addresses() {
        let parts = [
            &address.street,
            &address.city,
            &address.state,
            &address.zip,
            &address.country,
        ]
        .map(|part| text(part.as_deref().unwrap_or_default()));
        let value = format!(";;{}", parts.join(";"));
        let kind = place_type(address.kind);
        match &address.country_code {
            // The country code has no place in ADR; Apple's `X-ABADR` in the same item group
            // holds it, as in the spec's example.
            Some(code) => {
                let group = card.next_group();
                card.line(&format!("{group}.ADR{kind}:{value}"));
                card.line(&format!("{group}.X-ABADR:{}", text(code)));
            }
            None => card.line(&format!("ADR{kind}:{value}")),
        }
    }
    if let Some(birthday) = contact.birthday() {
        card.line(&format!("BDAY:{birthday}"));
    }
    card.line("END:VCARD");
    Ok(card.finish())
}

/// The card's lines, and the item groups used so far.
#[derive(Default)]
struct Card {
    lines: Vec<String>,
    groups: usize,
}

impl Card {
    fn line(&mut self, line: &str) {
        self.lines.push(line.to_owned());
    }

    fn next_group(&mut self) -> String {
        self.groups += 1;
        format!("item{}", self.groups)
    }

    fn finish(self) -> String {
        self.lines.join("\n")
    }
}

/// A text value with RFC 2426's escapes, so it cannot end its line or split its components.
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// A value that is not text (a number, a URI) has no escapes; a line break in it would start a
/// new property, so it is refused.
fn one_line(value: &str, field: &str) -> Result<String, ValidationError> {
    if value.contains(['\r', '\n']) {
        return Err(ValidationError::new(
            field,
            Violation::Format {
                expected: "a value without line breaks",
            },
        ));
    }
    Ok(value.to_owned())
}

fn phone_type(kind: PhoneKind) -> &'static str {
    match kind {
        PhoneKind::Cell => "CELL",
        PhoneKind::Main => "MAIN",
        PhoneKind::IPhone => "IPHONE",
        PhoneKind::Home => "HOME",
        PhoneKind::Work => "WORK",
    }
}

fn place_type(kind: Option<PlaceKind>) -> &'static str {
    match kind {
        Some(PlaceKind::Home) => ";type=HOME",
        Some(PlaceKind::Work) => ";type=WORK",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::ContactAddress;

    #[test]
    fn a_full_card_has_every_property_in_the_spec_examples_form() {
        let contact = Contact::new("Ada Lovelace")
            .with_first_name("Ada")
            .with_last_name("Lovelace")
            .with_organization("Analytical Engines", Some("Programmer"))
            .with_whatsapp_phone("+1 415 555 0123", "14155550123", Some(PhoneKind::Cell))
            .with_phone("+44 20 7946 0958", None)
            .with_email("ada@example.com", Some(PlaceKind::Work))
            .with_url("https://example.com/ada", Some(PlaceKind::Home))
            .with_address(
                ContactAddress::new()
                    .with_street("12 St James's Square")
                    .with_city("London")
                    .with_zip("SW1Y 4JH")
                    .with_country("United Kingdom", "gb")
                    .with_kind(PlaceKind::Home),
            )
            .with_address(ContactAddress::new().with_city("Paris"))
            .with_birthday("1815-12-10");
        assert_eq!(
            render(&contact, "contacts[0]").unwrap(),
            "BEGIN:VCARD\n\
             VERSION:3.0\n\
             N:Lovelace;Ada;;;\n\
             FN:Ada Lovelace\n\
             ORG:Analytical Engines\n\
             TITLE:Programmer\n\
             TEL;type=CELL;waid=14155550123:+1 415 555 0123\n\
             TEL:+44 20 7946 0958\n\
             EMAIL;type=WORK:ada@example.com\n\
             URL;type=HOME:https://example.com/ada\n\
             item1.ADR;type=HOME:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\n\
             item1.X-ABADR:gb\n\
             ADR:;;;Paris;;;\n\
             BDAY:1815-12-10\n\
             END:VCARD"
        );
    }

    #[test]
    fn text_values_cannot_break_out_of_their_line_or_component() {
        let contact = Contact::new("A; B, C\nEND:VCARD\\").with_organization("X;Y", None::<&str>);
        let card = render(&contact, "contacts[0]").unwrap();
        assert!(card.contains("FN:A\\; B\\, C\\nEND:VCARD\\\\\n"), "{card}");
        assert!(card.contains("ORG:X\\;Y\n"), "{card}");
        assert_eq!(
            card.lines().filter(|line| line.starts_with("END:")).count(),
            1,
            "{card}"
        );
        assert_eq!(card.lines().last(), Some("END:VCARD"));
    }

    #[test]
    fn values_that_cannot_be_escaped_are_refused_with_their_path() {
        let phone = Contact::new("A").with_phone("+1\nX-EVIL:1", None);
        assert_eq!(
            render(&phone, "contacts[1]").unwrap_err().field(),
            "contacts[1].phones[0].number"
        );
        let url = Contact::new("A").with_url("https://a.example\r\nX:1", None);
        assert_eq!(
            render(&url, "contacts[0]").unwrap_err().field(),
            "contacts[0].urls[0].url"
        );
        let wa_id = Contact::new("A").with_whatsapp_phone("+1 415", "1415;x=1", None);
        assert_eq!(
            render(&wa_id, "contacts[0]").unwrap_err().field(),
            "contacts[0].phones[0].wa_id"
        );
    }
}
