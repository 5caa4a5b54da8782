//! WhatsHooked's forwarded events.

use whatsapp_sdk::webhook::{DeliveryStatus, InboundContent};
use whatsapp_sdk::{Provider, Recipient};

use crate::webhook::support::{at, json, message, parse, status, unknown};

const P: Provider = Provider::WhatsHooked;

#[test]
fn a_received_text_names_sender_account_and_time() {
    let events = parse(P, "message_received_text.json");
    assert_eq!(events.len(), 1);
    let m = message(&events[0]);
    assert_eq!(m.id.as_str(), "3EB0C767D26A1D8E4F21");
    assert_eq!(
        m.from.id,
        Recipient::wa_id("27821234567@s.whatsapp.net").unwrap()
    );
    assert_eq!(m.from.name.as_deref(), Some("Thandi"));
    assert_eq!(m.chat, m.from.id);
    assert_eq!(
        m.to.as_ref().unwrap().id.chat_id(),
        "27831234567@s.whatsapp.net"
    );
    assert_eq!(m.account.as_deref(), Some("shop-main"));
    assert_eq!(m.timestamp, at(1_772_445_598));
    assert_eq!(m.text(), Some("Hallo! Is my order ready?"));
    assert_eq!(m.dedup_key, "whatshooked:message:3EB0C767D26A1D8E4F21");
}

#[test]
fn inline_media_is_decoded_and_groups_are_the_chat() {
    let events = parse(P, "message_received_image.json");
    let InboundContent::Image(image) = &message(&events[0]).content else {
        panic!()
    };
    assert_eq!(image.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(image.file_name.as_deref(), Some("box.jpg"));
    assert_eq!(image.caption.as_deref(), Some("The damaged box"));
    assert_eq!(
        image.data.as_deref(),
        Some(&[0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1][..])
    );
    assert!(image.link.as_deref().unwrap().ends_with(".jpg"));

    let events = parse(P, "message_received_group.json");
    let m = message(&events[0]);
    assert_eq!(m.chat, Recipient::group("120363025246125486").unwrap());
    assert_eq!(m.from.name.as_deref(), Some("Sipho"));
}

#[test]
fn receipts_and_failures_are_statuses() {
    let delivered = parse(P, "message_delivered.json");
    let s = status(&delivered[0]);
    assert_eq!(s.status, DeliveryStatus::Delivered);
    assert_eq!(s.message_id.as_str(), "3EB0B5A4C3D2E1F00987");
    assert_eq!(
        s.recipient.as_ref().unwrap().id.chat_id(),
        "27821234567@s.whatsapp.net"
    );
    assert_eq!(s.timestamp, at(1_772_445_900));
    let read = parse(P, "message_read.json");
    assert_eq!(status(&read[0]).status, DeliveryStatus::Read);
    assert_ne!(status(&read[0]).dedup_key, s.dedup_key);
    let failed = parse(P, "message_failed.json");
    let f = status(&failed[0]);
    assert_eq!(f.status, DeliveryStatus::Failed);
    assert_eq!(
        f.errors[0].message.as_deref(),
        Some("recipient is not on WhatsApp")
    );
    assert_eq!(
        f.recipient.as_ref().unwrap().id,
        Recipient::wa_id("27829999999").unwrap()
    );
    assert_eq!(f.timestamp, at(1_772_446_020));
}

#[test]
fn other_events_are_unknown_and_cached_events_unwrap() {
    let events = parse(P, "whatsapp_connected.json");
    let u = unknown(&events[0]);
    assert_eq!(u.kind, "whatsapp.connected");
    assert_eq!(json(&u.raw)["data"]["phone_number"], "27831234567");

    let events = parse(P, "cached_event.json");
    let m = message(&events[0]);
    assert_eq!(m.id.as_str(), "3EB0CAC4ED0000000001");
    assert_eq!(m.from.id, Recipient::wa_id("27821234567@lid").unwrap());
    assert_eq!(m.text(), Some("Sent while your hook was down"));
    assert_eq!(m.timestamp, at(1_772_446_139));
}
