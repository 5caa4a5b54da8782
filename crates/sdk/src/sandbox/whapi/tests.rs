use serde_json::json;

use super::checks::media;
use super::*;

#[test]
fn minted_ids_have_the_specs_patterns() {
    for number in [0, 1, 61, 62, u64::MAX] {
        let id = message_id("14155550123@s.whatsapp.net", number);
        assert!(id.parse::<types::MessageId>().is_ok(), "{id}");
        assert_eq!(id.len(), 27, "{id}");
    }
    assert_ne!(
        message_id("14155550123@s.whatsapp.net", 1),
        message_id("14155550123@s.whatsapp.net", 2)
    );
    assert!(Sandbox::WHAPI_MEDIA_ID.parse::<types::MediaId>().is_ok());
    assert_eq!(base62(61, 2), "0z");
    assert_eq!(base62(62, 2), "10");
}

#[test]
fn the_sent_answer_decodes_as_the_specs_sent_message() {
    let context = Context {
        state: std::sync::Arc::new(super::super::state::State::default()),
        root: "http://127.0.0.1:1".into(),
    };
    for (kind, sent) in [
        (
            "text",
            json!({"to": "14155550123", "body": "hi", "quoted": "PsqXn5SAD5v7HRA-wHqGuKMTbCs"}),
        ),
        (
            "location",
            json!({"to": "120363025246125486@g.us", "latitude": 1.5, "longitude": 2.5, "name": "x"}),
        ),
        (
            "contact",
            json!({"to": "14155550123", "name": "A", "vcard": "BEGIN:VCARD\nEND:VCARD"}),
        ),
        (
            "contact_list",
            json!({"to": "14155550123", "list": [{"name": "A", "vcard": "BEGIN:VCARD\nEND:VCARD"}]}),
        ),
        (
            "image",
            json!({"to": "14155550123", "media": Sandbox::WHAPI_MEDIA_ID}),
        ),
    ] {
        let answer = sent_message(kind, &sent, &context);
        let decoded: types::SentMessage = serde_json::from_value(answer.clone())
            .unwrap_or_else(|e| panic!("{kind}: {e}: {answer}"));
        assert!(decoded.sent);
        let message = decoded.message.expect("a message");
        assert_eq!(message.type_.to_string(), kind);
        assert!(message.from_me);
        assert!(message.id.parse::<types::MessageId>().is_ok());
        assert!(message.chat_id.contains('@'), "{}", message.chat_id);
    }
    let text = sent_message(
        "text",
        &json!({"to": "14155550123", "body": "hi"}),
        &context,
    );
    assert_eq!(text["message"]["chat_id"], "14155550123@s.whatsapp.net");
    assert_eq!(text["message"]["text"]["body"], "hi");
}

#[test]
fn media_references_are_told_apart_and_checked() {
    let context = Context {
        state: std::sync::Arc::new(super::super::state::State::default()),
        root: "http://127.0.0.1:1".into(),
    };
    let status = |kind: &str, reference: &str| {
        media(kind, reference, &context).map_err(|a| a.status().as_u16())
    };
    assert_eq!(status("image", Sandbox::WHAPI_MEDIA_ID), Ok(()));
    assert_eq!(status("video", Sandbox::WHAPI_MEDIA_ID), Err(415));
    assert_eq!(status("document", Sandbox::WHAPI_MEDIA_ID), Ok(()));
    assert_eq!(status("image", "png-0123abcd"), Err(404));
    assert_eq!(status("image", "https://example.com/a.jpg"), Ok(()));
    assert_eq!(status("image", "https://"), Err(400));
    assert_eq!(
        status("image", "data:image/png;base64,iVBORw0KGgo="),
        Ok(())
    );
    assert_eq!(status("image", "iVBORw0KGgo="), Ok(()));
    assert_eq!(status("image", "not a file"), Err(400));
    assert_eq!(status("image", ""), Err(400));
}

/// Through the adapter and the generated client: what the gateway's checks answer.
mod wire {
    use serde_json::json;

    use crate::message::Image;
    use crate::prelude::*;
    use crate::sandbox::Sandbox;
    use crate::whapi::api;
    use crate::{ErrorKind, MediaSource, Provider, RetryPolicy};

    fn to() -> Recipient {
        "+14155550123".parse().unwrap()
    }

    fn api_error(error: api::Error) -> (u16, serde_json::Value) {
        let api = error.api_error().expect("an answer");
        match &api.body {
            api::ErrorBody::Json(json) => (api.status.as_u16(), json.clone()),
            other => panic!("not JSON: {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_token_is_checked_in_the_header_or_the_query() {
        let sandbox = Sandbox::start().await.unwrap();
        let client = sandbox
            .whapi_client()
            .with_token("not-the-token")
            .build()
            .unwrap();
        let error = crate::whapi::WhapiMessenger::new(client)
            .send_text(&to(), "hi")
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Auth);
        let details = error.provider_error().unwrap();
        assert_eq!(details.status.as_u16(), 401);
        assert_eq!(
            details.body,
            json!({"error": {"code": 401, "message": "Need channel authorization for send message"}})
        );

        let in_query = sandbox
            .whapi_client()
            .with_token_in_query(true)
            .build()
            .unwrap();
        let sent = crate::whapi::WhapiMessenger::new(in_query)
            .send_text(&to(), "hi")
            .await
            .unwrap();
        assert!(sent.id.is_some());
        assert_eq!(
            sandbox.requests()[1].query.as_deref(),
            Some("token=sandbox-token")
        );
    }

    #[tokio::test]
    async fn a_media_id_must_name_a_stored_file_of_the_right_kind() {
        let sandbox = Sandbox::start().await.unwrap();
        let messenger = sandbox
            .messenger_with_retry(Provider::Whapi, RetryPolicy::never())
            .unwrap();
        let unknown = Message::new(Image::new(MediaSource::id("png-0123456789abcdef"))).unwrap();
        let error = messenger.send(&to(), &unknown).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Media);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404));

        let pdf = crate::MediaUpload::new(b"%PDF-1.4 sandbox".to_vec(), "application/pdf");
        let id = messenger.upload_media(&pdf).await.unwrap();
        assert!(id.as_str().starts_with("pdf-"), "{id}");
        let as_image = Message::new(Image::new(MediaSource::Id(id.clone()))).unwrap();
        let error = messenger.send(&to(), &as_image).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Media);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(415));

        let media = messenger.download_media(&id).await.unwrap();
        assert_eq!(&media.bytes[..], b"%PDF-1.4 sandbox");
        assert_eq!(media.mime_type.as_deref(), Some("application/pdf"));
        let seeded = messenger
            .download_media(&Sandbox::WHAPI_MEDIA_ID.into())
            .await
            .unwrap();
        assert_eq!(&seeded.bytes[..], super::super::storage::SEEDED_PNG);
        assert_eq!(seeded.mime_type.as_deref(), Some("image/png"));
        let missing = messenger
            .download_media(&"png-0123456789abcdef".into())
            .await
            .unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::Media);
        assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
    }

    #[tokio::test]
    async fn bodies_and_uploads_outside_the_spec_are_refused() {
        let sandbox = Sandbox::start().await.unwrap();
        let client = sandbox.whapi_client().build().unwrap();
        let slow: api::types::SenderText =
            serde_json::from_value(json!({"to": "14155550123", "body": "hi", "typing_time": 61}))
                .unwrap();
        let error = client
            .send_message_text()
            .body(slow)
            .send()
            .await
            .unwrap_err();
        let (status, body) = api_error(error);
        assert_eq!(status, 400);
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("typing_time"),
            "{body}"
        );

        let webp = api::Upload::from_bytes("a.webp", "image/webp", b"RIFF".to_vec());
        let (status, body) = api_error(client.upload_media_bytes(webp).await.unwrap_err());
        assert_eq!(status, 415);
        assert_eq!(body["error"]["code"], 415);

        let read = client
            .mark_message_as_read()
            .message_id("PsqXn5SAD5v7HRA-wHqGuKMTbCs")
            .send()
            .await
            .unwrap();
        assert_eq!(read.into_inner().success, Some(true));
        let last = sandbox.requests().pop().unwrap();
        assert_eq!(
            (last.method.as_str(), last.path.as_str()),
            ("PUT", "/messages/PsqXn5SAD5v7HRA-wHqGuKMTbCs")
        );
    }
}
