//! The on-premises client's webhook payloads (`Webhook-Event`).

use whatsapp_sdk::webhook::{DeliveryStatus, InboundContent, InboundEvent};
use whatsapp_sdk::{Provider, Recipient};

use crate::webhook::support::{at, message, parse, status};

const P: Provider = Provider::OnPrem;

#[test]
fn the_specs_example_is_a_text_from_kerry() {
    let events = parse(P, "text.json");
    assert_eq!(events.len(), 1);
    let m = message(&events[0]);
    assert_eq!(m.id.as_str(), "ABGGFlA5FpafAgo6tHcNmNjXmuSf");
    assert_eq!(m.wamid, None);
    assert_eq!(m.from.id, Recipient::wa_id("16315551234").unwrap());
    assert_eq!(m.from.name.as_deref(), Some("Kerry Fisher"));
    assert_eq!(m.to, None);
    assert_eq!(m.timestamp, at(1_518_694_235));
    assert_eq!(m.text(), Some("Hello this is an answer"));
    assert_eq!(m.dedup_key, "onprem:message:ABGGFlA5FpafAgo6tHcNmNjXmuSf");
}

#[test]
fn media_messages_and_voice_notes_are_typed() {
    let events = parse(P, "media.json");
    assert_eq!(events.len(), 5);
    let InboundContent::Image(image) = &message(&events[0]).content else {
        panic!()
    };
    assert_eq!(
        image.id.as_ref().unwrap().as_str(),
        "b1c68f38-8734-4ad3-b4a1-ef0c10d683"
    );
    assert_eq!(image.caption.as_deref(), Some("Check out my new phone!"));
    let InboundContent::Audio(voice) = &message(&events[1]).content else {
        panic!()
    };
    assert!(voice.voice);
    assert_eq!(
        voice.id.as_ref().unwrap().as_str(),
        "463eb7ec-ff4e-4d9b-b110-1879cbd411b2"
    );
    let InboundContent::Document(document) = &message(&events[2]).content else {
        panic!()
    };
    assert_eq!(document.file_name.as_deref(), Some("karaoke.pdf"));
    assert!(
        matches!(&message(&events[3]).content, InboundContent::Video(v) if v.mime_type.as_deref() == Some("video/mp4"))
    );
    let InboundContent::Audio(audio) = &message(&events[4]).content else {
        panic!()
    };
    assert!(!audio.voice);
    assert_eq!(audio.file_name.as_deref(), Some("memo.mp3"));
}

#[test]
fn statuses_include_the_470_failure_and_deletions() {
    let events = parse(P, "statuses.json");
    let s: Vec<_> = events.iter().map(status).collect();
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].status, DeliveryStatus::Failed);
    assert_eq!(s[0].message_id.as_str(), "gBGGEgZHMlEfAgkM1RBkhDRr7t8");
    assert_eq!(
        s[0].recipient.as_ref().unwrap().id,
        Recipient::wa_id("12064001000").unwrap()
    );
    assert_eq!(s[0].timestamp, at(1_533_332_775));
    assert_eq!(s[0].errors[0].code.as_deref(), Some("470"));
    assert!(
        s[0].errors[0]
            .title
            .as_deref()
            .unwrap()
            .starts_with("Failed to send message because you are outside the support window")
    );
    assert_eq!(
        s.iter().map(|s| s.status.as_str()).collect::<Vec<_>>(),
        ["failed", "delivered", "read", "deleted"]
    );
}

#[test]
fn locations_cards_groups_system_notices_and_errors() {
    let events = parse(P, "mixed.json");
    assert_eq!(events.len(), 5, "{events:#?}");
    let InboundContent::Location(location) = &message(&events[0]).content else {
        panic!()
    };
    assert_eq!(location.latitude(), 38.9806263495);
    assert_eq!(location.name(), Some("Main Street Beach"));
    let InboundContent::Contacts(cards) = &message(&events[1]).content else {
        panic!()
    };
    assert_eq!(cards[0].formatted_name(), "John Smith");
    assert_eq!(cards[0].organization().unwrap().company, "WhatsApp");
    let group = message(&events[2]);
    assert_eq!(
        group.chat,
        Recipient::group("16315558032-1530825318").unwrap()
    );
    assert_eq!(group.from.id, Recipient::wa_id("16315551234").unwrap());
    let context = group.context.as_ref().unwrap();
    assert_eq!(
        context.message_id.as_ref().unwrap().as_str(),
        "gBEGkYiEB1VXAglK1ZEqA1YKPrU"
    );
    let system = message(&events[3]);
    assert_eq!(
        system.content,
        InboundContent::Unknown {
            kind: "system".into()
        }
    );
    let InboundEvent::Error(errors) = &events[4] else {
        panic!("{:?}", events[4])
    };
    assert_eq!(errors.errors[0].code.as_deref(), Some("1014"));
    assert_eq!(
        errors.errors[0].details.as_deref(),
        Some("Upload failed on bad image")
    );
}
