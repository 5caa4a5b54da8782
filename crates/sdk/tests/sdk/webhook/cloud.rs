//! Meta's Cloud API webhook payloads.

use whatsapp_sdk::message::{PhoneKind, PlaceKind};
use whatsapp_sdk::webhook::{DeliveryStatus, InboundContent, InboundEvent};
use whatsapp_sdk::{Provider, Recipient};

use crate::webhook::support::{at, json, message, parse, status, unknown};

const P: Provider = Provider::Cloud;

#[test]
fn a_text_message_names_sender_recipient_account_and_time() {
    let events = parse(P, "text.json");
    assert_eq!(events.len(), 1);
    let m = message(&events[0]);
    assert_eq!(m.provider, P);
    assert_eq!(
        m.id.as_str(),
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI2RjE4QTlCMDgxM0FEMzQ1MwA="
    );
    assert_eq!(m.wamid.as_ref(), Some(&m.id));
    assert_eq!(m.from.id, Recipient::wa_id("16505551234").unwrap());
    assert_eq!(m.from.name.as_deref(), Some("Sheena Nelson"));
    assert_eq!(m.chat, m.from.id);
    assert_eq!(
        m.to.as_ref().unwrap().id,
        Recipient::phone("+15550783881").unwrap()
    );
    assert_eq!(m.account.as_deref(), Some("106540352242922"));
    assert_eq!(m.timestamp, at(1_749_416_383));
    assert!(!m.from_me);
    assert_eq!(
        m.content,
        InboundContent::Text("Does it come in another color?".into())
    );
    assert_eq!(m.text(), Some("Does it come in another color?"));
    assert_eq!(
        m.dedup_key,
        "cloud:message:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI2RjE4QTlCMDgxM0FEMzQ1MwA="
    );
    assert_eq!(
        json(&m.raw)["text"]["body"],
        "Does it come in another color?"
    );
    assert!(m.context.is_none());
}

#[test]
fn escaped_non_ascii_text_is_decoded() {
    let events = parse(P, "text_non_ascii.json");
    let m = message(&events[0]);
    assert_eq!(m.from.name.as_deref(), Some("José Álvarez"));
    assert_eq!(
        m.text(),
        Some("¿Tienen envío a Querétaro? 🚚 Vi el catálogo en https://example.com/tienda/envíos")
    );
    // The raw JSON is kept byte for byte, escapes included.
    assert!(m.raw.get().contains(r"Quer\u00e9taro"));
    assert!(m.raw.get().contains(r"https:\/\/example.com"));
}

#[test]
fn every_media_kind_keeps_its_id_type_checksum_and_caption() {
    let events = parse(P, "media.json");
    assert_eq!(events.len(), 5);
    let kinds: Vec<_> = events.iter().map(|e| &message(e).content).collect();
    let InboundContent::Image(image) = kinds[0] else {
        panic!("{:?}", kinds[0])
    };
    assert_eq!(image.id.as_ref().unwrap().as_str(), "1003383421387256");
    assert_eq!(image.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(
        image.sha256.as_deref(),
        Some("N7Qi9AkRcuM8P0cu7JPf5kZ3i2FHqHdJ/tUuGX5B+sE=")
    );
    assert_eq!(image.caption.as_deref(), Some("This is the one"));
    assert_eq!(message(&events[0]).text(), Some("This is the one"));
    let InboundContent::Video(video) = kinds[1] else {
        panic!("{:?}", kinds[1])
    };
    assert_eq!(video.id.as_ref().unwrap().as_str(), "1166846181421424");
    assert_eq!(video.caption, None);
    let InboundContent::Audio(audio) = kinds[2] else {
        panic!("{:?}", kinds[2])
    };
    assert!(audio.voice);
    assert_eq!(audio.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
    let InboundContent::Document(document) = kinds[3] else {
        panic!("{:?}", kinds[3])
    };
    assert_eq!(document.file_name.as_deref(), Some("order-form.pdf"));
    assert_eq!(document.caption.as_deref(), Some("Signed order form"));
    let InboundContent::Sticker(sticker) = kinds[4] else {
        panic!("{:?}", kinds[4])
    };
    assert_eq!(sticker.id.as_ref().unwrap().as_str(), "798882015472548");
    assert!(!sticker.animated);
    let stamps: Vec<_> = events.iter().map(InboundEvent::timestamp).collect();
    assert_eq!(
        stamps,
        (1_749_416_500..=1_749_416_504).map(at).collect::<Vec<_>>()
    );
}

#[test]
fn locations_and_contact_cards_are_typed() {
    let events = parse(P, "location_contacts.json");
    assert_eq!(events.len(), 2);
    let InboundContent::Location(location) = &message(&events[0]).content else {
        panic!("{:?}", events[0])
    };
    assert_eq!(location.latitude(), 37.483307);
    assert_eq!(location.longitude(), -122.148981);
    assert_eq!(location.name(), Some("Main Campus"));
    assert_eq!(
        location.address(),
        Some("1 Hacker Way, Menlo Park, CA 94025")
    );
    let InboundContent::Contacts(cards) = &message(&events[1]).content else {
        panic!("{:?}", events[1])
    };
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card.formatted_name(), "Barbara J. Johnson");
    assert_eq!(card.first_name(), Some("Barbara"));
    assert_eq!(card.last_name(), Some("Johnson"));
    assert_eq!(card.birthday(), Some("1990-08-18"));
    assert_eq!(card.phones().len(), 2);
    assert_eq!(card.phones()[0].kind, Some(PhoneKind::Home));
    assert_eq!(card.phones()[1].wa_id.as_deref(), Some("16505551234"));
    assert_eq!(card.emails()[0].email, "barbara@example.com");
    assert_eq!(card.emails()[0].kind, Some(PlaceKind::Work));
    assert_eq!(card.urls()[0].url, "https://www.luckyshrub.com");
    assert_eq!(card.addresses()[0].city.as_deref(), Some("Menlo Park"));
    assert_eq!(card.addresses()[0].country_code.as_deref(), Some("us"));
    let org = card.organization().unwrap();
    assert_eq!(
        (org.company.as_str(), org.title.as_deref()),
        ("Lucky Shrub", Some("Lead Counsel"))
    );
}

#[test]
fn replies_buttons_and_reactions_are_typed_with_their_context() {
    let events = parse(P, "interactive.json");
    assert_eq!(events.len(), 6);
    let m: Vec<_> = events.iter().map(message).collect();
    assert_eq!(
        m[0].content,
        InboundContent::ButtonReply {
            id: "change-date".into(),
            title: "Change date".into()
        }
    );
    let context = m[0].context.as_ref().unwrap();
    assert_eq!(
        context.message_id.as_ref().unwrap().as_str(),
        "wamid.HBgLMTU1NTA3ODM4ODEVAgARGBI1QjJGRkYzRkY0QjM5QzE5QjAA"
    );
    assert_eq!(context.from, Some(Recipient::wa_id("15550783881").unwrap()));
    assert!(!context.forwarded);
    assert_eq!(
        m[1].content,
        InboundContent::ListReply {
            id: "priority_express".into(),
            title: "Express".into(),
            description: Some("Next day to 2 days".into()),
        }
    );
    assert_eq!(
        m[2].content,
        InboundContent::QuickReply {
            payload: "unsubscribe-promotions".into(),
            text: "Stop promotions".into(),
        }
    );
    let InboundContent::Reaction(like) = &m[3].content else {
        panic!("{:?}", m[3])
    };
    assert_eq!(like.emoji(), Some("😀"));
    assert_eq!(
        like.message_id().as_str(),
        "wamid.HBgLMTU1NTA3ODM4ODEVAgARGBI1QjJGRkYzRkY0QjM5QzE5QjAA"
    );
    let InboundContent::Reaction(removed) = &m[4].content else {
        panic!("{:?}", m[4])
    };
    assert_eq!(removed.emoji(), None);
    assert_eq!(m[5].text(), Some("Yes, that one"));
    assert!(m[5].context.is_some());
}

#[test]
fn statuses_carry_recipient_errors_conversation_and_pricing() {
    let events = parse(P, "statuses.json");
    assert_eq!(events.len(), 4);
    let s: Vec<_> = events.iter().map(status).collect();
    let kinds: Vec<_> = s.iter().map(|s| s.status.clone()).collect();
    assert_eq!(
        kinds,
        [
            DeliveryStatus::Sent,
            DeliveryStatus::Delivered,
            DeliveryStatus::Read,
            DeliveryStatus::Failed
        ]
    );
    assert_eq!(
        s[0].message_id.as_str(),
        "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyRkQwMkE5NjUwQTcyODI2MzkA"
    );
    assert_eq!(
        s[0].recipient.as_ref().unwrap().id,
        Recipient::wa_id("16505551234").unwrap()
    );
    assert_eq!(s[0].timestamp, at(1_749_416_800));
    assert_eq!(s[0].account.as_deref(), Some("106540352242922"));
    let conversation = s[0].conversation.as_ref().unwrap();
    assert_eq!(
        conversation.id.as_deref(),
        Some("6ceb9d929c0ac3a7f3b7f5d0c1d2e3f4")
    );
    assert_eq!(conversation.origin.as_deref(), Some("utility"));
    assert_eq!(conversation.expires, at(1_749_503_200));
    let pricing = s[0].pricing.as_ref().unwrap();
    assert_eq!(pricing.billable, Some(true));
    assert_eq!(pricing.model.as_deref(), Some("CBP"));
    assert_eq!(pricing.category.as_deref(), Some("utility"));
    assert!(s[2].conversation.is_none());
    let error = &s[3].errors[0];
    assert_eq!(error.code.as_deref(), Some("131047"));
    assert_eq!(error.title.as_deref(), Some("Re-engagement message"));
    assert!(
        error
            .details
            .as_deref()
            .unwrap()
            .starts_with("Message failed to send because more than 24 hours")
    );
    // One message, three statuses: three keys.
    let mut keys: Vec<_> = s.iter().map(|s| s.dedup_key.as_str()).collect();
    keys.dedup();
    assert_eq!(keys.len(), 4);
}

#[test]
fn unknown_types_fields_and_out_of_band_errors_are_kept() {
    let events = parse(P, "unknown.json");
    assert_eq!(events.len(), 5, "{events:#?}");
    let unsupported = message(&events[0]);
    assert_eq!(
        unsupported.content,
        InboundContent::Unknown {
            kind: "unsupported".into()
        }
    );
    assert_eq!(unsupported.errors[0].code.as_deref(), Some("131051"));
    assert_eq!(
        unsupported.errors[0].details.as_deref(),
        Some("Message type is currently not supported.")
    );
    let order = message(&events[1]);
    assert_eq!(
        order.content,
        InboundContent::Unknown {
            kind: "order".into()
        }
    );
    assert_eq!(json(&order.raw)["order"]["product_items"][0]["quantity"], 2);
    let future = message(&events[2]);
    assert_eq!(
        future.content,
        InboundContent::Unknown {
            kind: "a_type_from_the_future".into()
        }
    );
    assert_eq!(future.from.name.as_deref(), Some("Sheena Nelson"));
    let InboundEvent::Error(errors) = &events[3] else {
        panic!("{:?}", events[3])
    };
    assert_eq!(errors.errors[0].code.as_deref(), Some("130429"));
    assert_eq!(errors.account.as_deref(), Some("106540352242922"));
    let account = unknown(&events[4]);
    assert_eq!(account.kind, "account_update");
    assert_eq!(account.reason, None);
    assert_eq!(json(&account.raw)["event"], "VERIFIED_ACCOUNT");
}

#[test]
fn several_entries_and_changes_give_every_event_in_order() {
    let events = parse(P, "multi_entry.json");
    let summary: Vec<String> = events
        .iter()
        .map(|event| match event {
            InboundEvent::Message(m) => format!("message {} {}", m.from.id, m.text().unwrap_or("")),
            InboundEvent::Status(s) => {
                format!("status {} {}", s.status, s.account.as_deref().unwrap_or(""))
            }
            InboundEvent::Unknown(u) => format!("unknown {}", u.kind),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "message 16505551234 first",
            "message 16315551234 second",
            "status delivered 106540352242922",
            "status read 106540352242923",
            "unknown message_template_status_update",
        ]
    );
    assert_eq!(
        message(&events[1]).from.name.as_deref(),
        Some("Kerry Fisher")
    );
}

#[test]
fn odd_items_become_unknown_events_and_wrong_shapes_are_errors() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
        "value":{"messages":[{"from":"16505551234","type":"text","text":{"body":"no id"}},
        {"id":"wamid.X","from":"16505551234","type":"text","text":"not an object"},
        {"id":"wamid.Y","from":"16505551234","type":"text","text":{"body":"fine"},"timestamp":1749416383}],
        "statuses":[{"id":"wamid.Z","status":"a_new_status","timestamp":"1749416383"}]}}]}]}"#;
    let events = whatsapp_sdk::webhook::parse(P, body).unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(
        unknown(&events[0]).reason.as_deref(),
        Some("the message has no `id`")
    );
    assert!(unknown(&events[1]).reason.is_some());
    assert_eq!(message(&events[2]).text(), Some("fine"));
    assert_eq!(message(&events[2]).timestamp, at(1_749_416_383));
    assert_eq!(
        status(&events[3]).status,
        DeliveryStatus::Other("a_new_status".into())
    );

    for bad in [
        &b"not json"[..],
        b"[]",
        b"[[]]",
        b"{}",
        br#"{"entry":{}}"#,
        br#"{"entry":[1]}"#,
        b"null",
        b"",
    ] {
        let error = whatsapp_sdk::webhook::parse(P, bad).unwrap_err();
        assert!(
            matches!(error, whatsapp_sdk::webhook::WebhookError::Malformed { .. }),
            "{}: {error:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let error = whatsapp_sdk::webhook::parse(P, br#"{"entry":[1]}"#).unwrap_err();
    assert!(error.to_string().contains("column 11"), "{error}");
    let error = whatsapp_sdk::webhook::parse(P, b"{\"entry\":[],\"x\":\"\xff\"}").unwrap_err();
    assert!(
        matches!(error, whatsapp_sdk::webhook::WebhookError::Malformed { .. }),
        "{error:?}"
    );
}
