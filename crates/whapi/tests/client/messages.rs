//! Messages carrying media, as the gateway sends them: without the `time` that `MediaFile`
//! required but never declared (pass `undeclared-required`), every one failed to decode with
//! "missing field `time`".

use whatsapp_sdk_whapi::types::Message;

use crate::support::fixture;

#[test]
fn messages_with_image_video_audio_document_and_voice_decode_whole() {
    let messages = fixture("media_messages.json");
    let list = messages.as_array().expect("an array of messages");
    assert_eq!(list.len(), 5);
    for json in list {
        let message: Message = serde_json::from_value(json.clone())
            .unwrap_or_else(|e| panic!("{} does not decode: {e}", json["type"]));
        let kind = json["type"].as_str().expect("type");
        let media = serde_json::to_value(&message).expect("re-encodes");
        // Every field of the media object survives: nothing was read into the wrong kind.
        assert_eq!(media[kind], json[kind], "{kind}");
    }
    let document: Message = serde_json::from_value(list[3].clone()).expect("decodes");
    let document = document.document.expect("a document");
    assert_eq!(document.filename.as_deref(), Some("invoice.pdf"));
    assert_eq!(document.page_count, Some(3));
    let voice: Message = serde_json::from_value(list[4].clone()).expect("decodes");
    assert_eq!(voice.voice.expect("a voice note").seconds, Some(4));
}

/// `MessageContent` (a quoted or edited message) is `oneOf` sixteen kinds that share fields;
/// serde's untagged decoding took the first kind that fit, so a document read as an image and
/// lost `filename` and `page_count`, and a location as a text with nothing in it.
#[test]
fn quoted_content_decodes_as_the_kind_that_keeps_its_fields() {
    use whatsapp_sdk_whapi::types::MessageContent;

    let messages = fixture("media_messages.json");
    let document = messages[3]["document"].clone();
    let content: MessageContent = serde_json::from_value(document.clone()).expect("decodes");
    assert!(
        matches!(content, MessageContent::Document(_)),
        "{content:?}"
    );
    assert_eq!(
        serde_json::to_value(&content).expect("re-encodes"),
        document
    );

    let location = serde_json::json!({"latitude": 52.52, "longitude": 13.405, "name": "Office", "address": "Unter den Linden 1"});
    let content: MessageContent = serde_json::from_value(location.clone()).expect("decodes");
    assert!(
        matches!(content, MessageContent::Location(_)),
        "{content:?}"
    );
    assert_eq!(
        serde_json::to_value(&content).expect("re-encodes"),
        location
    );
}
