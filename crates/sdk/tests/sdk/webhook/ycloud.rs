//! YCloud's webhook events.

use whatsapp_sdk::webhook::{DeliveryStatus, InboundContent};
use whatsapp_sdk::{Provider, Recipient};

use crate::webhook::support::{at, at_millis, json, message, parse, status, unknown};

const P: Provider = Provider::YCloud;

#[test]
fn an_inbound_text_has_both_ids_and_e164_numbers() {
    let events = parse(P, "inbound_text.json");
    assert_eq!(events.len(), 1);
    let m = message(&events[0]);
    assert_eq!(m.id.as_str(), "65f2c3a1e4b0a7d1c9e8f012");
    assert_eq!(
        m.wamid.as_ref().unwrap().as_str(),
        "wamid.HBgNODYxMzgwMDAwMDAwMBUCABIYFDNBMEI3MjA2RkRGOUFCNTRFQUM0AA=="
    );
    assert_eq!(m.reply_id(), m.wamid.as_ref().unwrap());
    assert_eq!(m.from.id, Recipient::phone("+8613800000000").unwrap());
    assert_eq!(m.from.name.as_deref(), Some("李雷"));
    assert_eq!(
        m.to.as_ref().unwrap().id,
        Recipient::phone("+16315551111").unwrap()
    );
    assert_eq!(m.account.as_deref(), Some("106579042394823"));
    assert_eq!(m.timestamp, at(1_772_439_329));
    assert_eq!(m.text(), Some("你好，请问今天发货吗？"));
    assert_eq!(m.dedup_key, "ycloud:message:65f2c3a1e4b0a7d1c9e8f012");
}

#[test]
fn inbound_media_replies_buttons_reactions_places_and_cards() {
    let image = parse(P, "inbound_image.json");
    let m = message(&image[0]);
    let InboundContent::Image(media) = &m.content else {
        panic!("{m:?}")
    };
    assert_eq!(media.id.as_ref().unwrap().as_str(), "1413291206102357");
    assert_eq!(
        media.link.as_deref(),
        Some("https://api.ycloud.com/v2/whatsapp/media/download/1413291206102357")
    );
    assert_eq!(media.caption.as_deref(), Some("Order #4411"));
    let context = m.context.as_ref().unwrap();
    assert_eq!(
        context.message_id.as_ref().unwrap().as_str(),
        "wamid.HBgNODYxMzgwMDAwMDAwMBUCABEYEjQ2QTM1NUQ2NzVBOUMwRDU4RAA="
    );
    assert_eq!(context.from, Some(Recipient::wa_id("16315551111").unwrap()));

    let interactive = parse(P, "inbound_interactive.json");
    assert_eq!(
        message(&interactive[0]).content,
        InboundContent::ButtonReply {
            id: "confirm".into(),
            title: "Confirm".into()
        }
    );
    let button = parse(P, "inbound_button.json");
    assert_eq!(
        message(&button[0]).content,
        InboundContent::QuickReply {
            payload: "track-4411".into(),
            text: "Track order".into()
        }
    );
    let reaction = parse(P, "inbound_reaction.json");
    let InboundContent::Reaction(like) = &message(&reaction[0]).content else {
        panic!()
    };
    assert_eq!(like.emoji(), Some("👍"));
    assert_eq!(
        like.message_id().as_str(),
        "wamid.HBgNODYxMzgwMDAwMDAwMBUCABEYEjVGMzY5RTlDODdEN0U0QjE5RQA="
    );
    let location = parse(P, "inbound_location.json");
    let InboundContent::Location(place) = &message(&location[0]).content else {
        panic!()
    };
    assert_eq!(place.name(), Some("People's Square"));
    assert_eq!((place.latitude(), place.longitude()), (31.2304, 121.4737));
    let contacts = parse(P, "inbound_contacts.json");
    let InboundContent::Contacts(cards) = &message(&contacts[0]).content else {
        panic!()
    };
    assert_eq!(cards[0].formatted_name(), "Han Meimei");
    assert_eq!(cards[0].phones()[0].wa_id.as_deref(), Some("8613900000000"));
    let unsupported = parse(P, "inbound_sticker_unsupported.json");
    let m = message(&unsupported[0]);
    assert_eq!(
        m.content,
        InboundContent::Unknown {
            kind: "unsupported".into()
        }
    );
    assert_eq!(m.errors[0].code.as_deref(), Some("131051"));
}

#[test]
fn message_updates_are_statuses_with_their_own_time_and_price() {
    let events = parse(P, "message_delivered.json");
    let s = status(&events[0]);
    assert_eq!(s.status, DeliveryStatus::Delivered);
    assert_eq!(s.message_id.as_str(), "65f2c700e4b0a7d1c9e8f101");
    assert_eq!(
        s.wamid.as_ref().unwrap().as_str(),
        "wamid.HBgNODYxMzgwMDAwMDAwMBUCABEYEjVGMzY5RTlDODdEN0U0QjE5RQA="
    );
    assert_eq!(
        s.recipient.as_ref().unwrap().id,
        Recipient::phone("+8613800000000").unwrap()
    );
    assert_eq!(s.timestamp, at(1_772_440_204));
    assert_eq!(
        s.conversation.as_ref().unwrap().origin.as_deref(),
        Some("utility")
    );
    assert_eq!(s.conversation.as_ref().unwrap().expires, at(1_772_526_600));
    assert_eq!(
        s.pricing.as_ref().unwrap().category.as_deref(),
        Some("utility")
    );
    assert_eq!(
        s.dedup_key,
        "ycloud:status:65f2c700e4b0a7d1c9e8f101:delivered"
    );

    let events = parse(P, "message_failed.json");
    let s = status(&events[0]);
    assert_eq!(s.status, DeliveryStatus::Failed);
    assert_eq!(s.timestamp, at_millis(1_772_440_261_500));
    assert_eq!(s.errors.len(), 2);
    assert_eq!(s.errors[0].code.as_deref(), Some("131026"));
    assert_eq!(
        s.errors[0].message.as_deref(),
        Some("Message undeliverable")
    );
    assert_eq!(s.errors[1].code.as_deref(), Some("131026"));
    assert_eq!(s.errors[1].title.as_deref(), Some("OAuthException"));
    assert!(
        s.errors[1]
            .details
            .as_deref()
            .unwrap()
            .starts_with("Unable to deliver message.")
    );
}

#[test]
fn other_event_types_are_unknown_and_keyed_by_event_id() {
    let events = parse(P, "template_reviewed.json");
    let u = unknown(&events[0]);
    assert_eq!(u.kind, "whatsapp.template.reviewed");
    assert_eq!(u.dedup_key, "ycloud:event:evt_Rl0No3Pr6ChA8gWx");
    assert_eq!(json(&u.raw)["whatsappTemplate"]["status"], "APPROVED");

    for bad in [
        &br#"{"id":"evt_1"}"#[..],
        b"[]",
        b"\"whatsapp.message.updated\"",
    ] {
        assert!(
            whatsapp_sdk::webhook::parse(P, bad).is_err(),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
}
