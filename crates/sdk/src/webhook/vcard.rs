//! Just enough vCard (RFC 6350, and the 3.0 that WhatsApp writes) to turn a shared contact
//! into a [`Contact`]: names, phones with their WhatsApp ids, emails, links, organization,
//! birthday. Anything else stays in the message's raw JSON.

use crate::message::{Contact, PhoneKind, PlaceKind};

/// The card in `vcard`; `name` (the provider's display name) wins over `FN`.
pub(super) fn parse(vcard: &str, name: Option<String>) -> Contact {
    let mut formatted = None;
    let mut first = None;
    let mut last = None;
    let mut phones = Vec::new();
    let mut emails = Vec::new();
    let mut urls = Vec::new();
    let mut org = None;
    let mut title = None;
    let mut birthday = None;
    for line in unfold(vcard) {
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let mut params = head.split(';');
        // Grouped properties (`item1.TEL`) name the property after the dot.
        let property = params.next().unwrap_or("");
        let property = property.rsplit('.').next().unwrap_or(property);
        let params: Vec<&str> = params.collect();
        let value = unescape(value.trim());
        if value.is_empty() {
            continue;
        }
        match property.to_ascii_uppercase().as_str() {
            "FN" => formatted = Some(value),
            "N" => {
                let mut parts = value.split(';');
                last = parts.next().map(str::to_owned).filter(|s| !s.is_empty());
                first = parts.next().map(str::to_owned).filter(|s| !s.is_empty());
            }
            "TEL" => {
                let wa_id = param(&params, "WAID");
                phones.push((value, phone_kind(&params), wa_id));
            }
            "EMAIL" => emails.push((value, place_kind(&params))),
            "URL" => urls.push((value, place_kind(&params))),
            "ORG" => org = value.split(';').next().map(str::to_owned),
            "TITLE" => title = Some(value),
            "BDAY" => birthday = Some(value),
            _ => {}
        }
    }
    let formatted = name.or(formatted).unwrap_or_else(|| {
        [first.as_deref(), last.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut contact = Contact::new(formatted);
    if let Some(first) = first {
        contact = contact.with_first_name(first);
    }
    if let Some(last) = last {
        contact = contact.with_last_name(last);
    }
    for (number, kind, wa_id) in phones {
        contact = match wa_id {
            Some(wa_id) => contact.with_whatsapp_phone(number, wa_id, kind),
            None => contact.with_phone(number, kind),
        };
    }
    for (email, kind) in emails {
        contact = contact.with_email(email, kind);
    }
    for (url, kind) in urls {
        contact = contact.with_url(url, kind);
    }
    if let Some(company) = org.filter(|o| !o.is_empty()) {
        contact = contact.with_organization(company, title);
    }
    if let Some(birthday) = birthday {
        contact = contact.with_birthday(birthday);
    }
    contact
}

/// Lines with folded continuations (a line starting with a space or tab) joined.
fn unfold(vcard: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in vcard.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match (line.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(line.to_owned()),
        }
    }
    lines
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `NAME=value` among the parameters, in any letter case.
fn param(params: &[&str], name: &str) -> Option<String> {
    params.iter().find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// The `TYPE` values: `TYPE=CELL`, `type=cell,voice` or a bare `CELL`.
fn types(params: &[&str]) -> Vec<String> {
    params
        .iter()
        .flat_map(|p| match p.split_once('=') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("TYPE") => value
                .split(',')
                .map(|v| v.trim().to_ascii_uppercase())
                .collect(),
            Some(_) => Vec::new(),
            None => vec![p.trim().to_ascii_uppercase()],
        })
        .collect()
}

fn phone_kind(params: &[&str]) -> Option<PhoneKind> {
    types(params).iter().find_map(|t| match t.as_str() {
        "CELL" | "MOBILE" => Some(PhoneKind::Cell),
        "MAIN" => Some(PhoneKind::Main),
        "IPHONE" => Some(PhoneKind::IPhone),
        "HOME" => Some(PhoneKind::Home),
        "WORK" => Some(PhoneKind::Work),
        _ => None,
    })
}

fn place_kind(params: &[&str]) -> Option<PlaceKind> {
    types(params).iter().find_map(|t| match t.as_str() {
        "HOME" => Some(PlaceKind::Home),
        "WORK" => Some(PlaceKind::Work),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_cards_give_names_phones_and_wa_ids() {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n\
            item1.TEL;type=CELL;waid=447700900123:+44 7700 900123\r\nitem1.X-ABLabel:Mobile\r\n\
            EMAIL;type=WORK:ada@example.com\r\nORG:Analytical Engines;\r\nTITLE:Programmer\r\n\
            NOTE:first\r\n  line folded\r\nEND:VCARD";
        let contact = parse(card, None);
        assert_eq!(contact.formatted_name(), "Ada Lovelace");
        assert_eq!(contact.first_name(), Some("Ada"));
        assert_eq!(contact.last_name(), Some("Lovelace"));
        assert_eq!(contact.phones().len(), 1);
        assert_eq!(contact.phones()[0].number, "+44 7700 900123");
        assert_eq!(contact.phones()[0].wa_id.as_deref(), Some("447700900123"));
        assert_eq!(contact.phones()[0].kind, Some(PhoneKind::Cell));
        assert_eq!(contact.emails()[0].kind, Some(PlaceKind::Work));
        let org = contact.organization().unwrap();
        assert_eq!(org.company, "Analytical Engines");
        assert_eq!(org.title.as_deref(), Some("Programmer"));
    }

    #[test]
    fn the_providers_name_wins_and_garbage_gives_an_empty_card() {
        assert_eq!(
            parse("FN:Card name", Some("Shown".into())).formatted_name(),
            "Shown"
        );
        let empty = parse("\u{0}not a vcard;;;\n:", None);
        assert_eq!(empty.formatted_name(), "");
        assert!(empty.phones().is_empty());
        assert_eq!(unescape(r"a\,b\nc\"), "a,b\nc");
    }
}
