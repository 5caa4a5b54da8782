//! Whapi.Cloud's webhook payloads.

use whatsapp_sdk::webhook::{DeliveryStatus, InboundContent};
use whatsapp_sdk::{Provider, Recipient};

use crate::webhook::support::{at, json, message, parse, status, unknown};

const P: Provider = Provider::Whapi;

#[test]
fn messages_of_every_kind_with_sender_chat_and_channel() {
    let events = parse(P, "messages.json");
    assert_eq!(events.len(), 9);
    let m: Vec<_> = events.iter().map(message).collect();

    let text = m[0];
    assert_eq!(text.id.as_str(), "PsqXn5SAD5v7HRA-wHqB9tKI");
    assert_eq!(text.from.id, Recipient::wa_id("14155550123").unwrap());
    assert_eq!(
        text.from.alternates,
        [Recipient::wa_id("14155550123@s.whatsapp.net").unwrap()]
    );
    assert_eq!(text.from.name.as_deref(), Some("Ada"));
    assert_eq!(text.chat.chat_id(), "14155550123@s.whatsapp.net");
    assert_eq!(text.account.as_deref(), Some("MANTIS-M72HC"));
    assert_eq!(text.timestamp, at(1_712_995_245));
    assert_eq!(text.text(), Some("Hi, is the shop open today?"));
    assert_eq!(text.dedup_key, "whapi:message:PsqXn5SAD5v7HRA-wHqB9tKI");

    let InboundContent::Image(image) = &m[1].content else {
        panic!("{:?}", m[1])
    };
    assert_eq!(
        image.id.as_ref().unwrap().as_str(),
        "jpeg-1b7a8c3e2f40c5d6-8de0c1f2a3b4"
    );
    assert!(image.link.as_deref().unwrap().ends_with(".jpeg"));
    assert_eq!(image.caption.as_deref(), Some("This one"));
    let InboundContent::Audio(voice) = &m[2].content else {
        panic!("{:?}", m[2])
    };
    assert!(voice.voice);
    let InboundContent::Document(document) = &m[3].content else {
        panic!("{:?}", m[3])
    };
    assert_eq!(document.file_name.as_deref(), Some("invoice-1234.pdf"));
    let InboundContent::Location(location) = &m[4].content else {
        panic!("{:?}", m[4])
    };
    assert_eq!(
        (location.latitude(), location.longitude()),
        (52.520008, 13.404954)
    );
    let InboundContent::Contacts(cards) = &m[5].content else {
        panic!("{:?}", m[5])
    };
    assert_eq!(cards[0].formatted_name(), "Grace Hopper");
    assert_eq!(cards[0].phones()[0].number, "+1 415-555-0199");
    assert_eq!(cards[0].phones()[0].wa_id.as_deref(), Some("14155550199"));
    let InboundContent::Sticker(sticker) = &m[6].content else {
        panic!("{:?}", m[6])
    };
    assert!(sticker.animated);

    let group = m[7];
    assert_eq!(group.chat, Recipient::group("120363025246125486").unwrap());
    assert_eq!(group.from.id, Recipient::wa_id("4915112345678").unwrap());
    assert!(group.from.alternates.is_empty());
    assert!(!group.from_me);

    let mine = m[8];
    assert!(mine.from_me);
    assert_eq!(mine.chat.chat_id(), "14155550123@s.whatsapp.net");
}

#[test]
fn replies_reactions_edits_and_deletions() {
    let events = parse(P, "replies.json");
    assert_eq!(events.len(), 8);
    let m: Vec<_> = events.iter().map(message).collect();
    assert_eq!(
        m[0].content,
        InboundContent::ButtonReply {
            id: "opening-hours".into(),
            title: "Opening hours".into()
        }
    );
    let context = m[0].context.as_ref().unwrap();
    assert_eq!(
        context.message_id.as_ref().unwrap().as_str(),
        "Bt7Qu8Ot9Ed0Id1-wEH4HfXJ-A1s"
    );
    assert_eq!(context.from, Some(Recipient::wa_id("4930901820").unwrap()));
    assert_eq!(
        m[1].content,
        InboundContent::ListReply {
            id: "pickup".into(),
            title: "Pick up".into(),
            description: Some("At the shop, free".into()),
        }
    );
    let InboundContent::Reaction(like) = &m[2].content else {
        panic!("{:?}", m[2])
    };
    assert_eq!(like.emoji(), Some("❤️"));
    assert_eq!(like.message_id().as_str(), "Me5Se6Nt7Fr8Om9-wEH4HfXJ-I8o");
    let InboundContent::Reaction(undo) = &m[3].content else {
        panic!("{:?}", m[3])
    };
    assert_eq!(undo.emoji(), None);
    let InboundContent::Edit {
        message_id,
        content,
    } = &m[4].content
    else {
        panic!("{:?}", m[4])
    };
    assert_eq!(message_id.as_str(), "PsqXn5SAD5v7HRA-wHqB9tKI");
    assert_eq!(
        **content,
        InboundContent::Text("Hi, is the shop open tomorrow?".into())
    );
    assert_eq!(
        m[5].content,
        InboundContent::Delete {
            message_id: "Ay8wyYL5TSrPgtr-wEH4HfXJ-9DEs5k".into()
        }
    );
    assert_eq!(m[6].text(), Some("Thanks!"));
    assert_eq!(
        m[7].content,
        InboundContent::Unknown {
            kind: "poll".into()
        }
    );
    assert_eq!(json(&m[7].raw)["poll"]["title"], "Best day?");
}

#[test]
fn statuses_from_sent_to_played_and_failed() {
    let events = parse(P, "statuses.json");
    let s: Vec<_> = events.iter().map(status).collect();
    assert_eq!(
        s.iter().map(|s| s.status.clone()).collect::<Vec<_>>(),
        [
            DeliveryStatus::Sent,
            DeliveryStatus::Delivered,
            DeliveryStatus::Read,
            DeliveryStatus::Played,
            DeliveryStatus::Failed
        ]
    );
    assert_eq!(s[0].message_id.as_str(), "Me5Se6Nt7Fr8Om9-wEH4HfXJ-I8o");
    assert_eq!(
        s[0].recipient.as_ref().unwrap().id.chat_id(),
        "14155550123@s.whatsapp.net"
    );
    assert_eq!(s[2].timestamp, at(1_712_995_290));
    assert_eq!(s[4].errors[0].code.as_deref(), Some("404"));
    assert_eq!(
        s[4].errors[0].message.as_deref(),
        Some("Recipient is not a WhatsApp user")
    );
    assert_eq!(
        s[0].dedup_key,
        "whapi:status:Me5Se6Nt7Fr8Om9-wEH4HfXJ-I8o:sent"
    );
}

#[test]
fn updates_are_edits_and_removals_are_deleted_statuses() {
    let events = parse(P, "updates.json");
    assert_eq!(events.len(), 1);
    let edit = message(&events[0]);
    let InboundContent::Edit {
        message_id,
        content,
    } = &edit.content
    else {
        panic!("{edit:?}")
    };
    assert_eq!(message_id.as_str(), "PsqXn5SAD5v7HRA-wHqB9tKI");
    assert_eq!(
        **content,
        InboundContent::Text("Is the shop open on Sunday?".into())
    );
    assert_eq!(edit.id.as_str(), "Tr1Ig2Ge3Rr4Ed5-wEH4HfXJ-X1c");
    assert_eq!(
        edit.dedup_key,
        "whapi:edit:PsqXn5SAD5v7HRA-wHqB9tKI:Tr1Ig2Ge3Rr4Ed5-wEH4HfXJ-X1c"
    );
    assert_eq!(edit.from.name.as_deref(), Some("Ada"));

    let events = parse(P, "removed.json");
    let s: Vec<_> = events.iter().map(status).collect();
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|s| s.status == DeliveryStatus::Deleted));
    assert_eq!(s[1].message_id.as_str(), "Rt5Yh8Jk3Lm1Np0-wEH4HfXJ-W2x");
}

#[test]
fn other_events_are_kept_whole_under_their_type_and_method() {
    let events = parse(P, "chats.json");
    assert_eq!(events.len(), 1);
    let chats = unknown(&events[0]);
    assert_eq!(chats.kind, "chats.patch");
    assert_eq!(
        json(&chats.raw)["chats_updates"][0]["after_update"]["unread"],
        1
    );
}
