use std::time::Duration;

use whatsapp_sdk_ycloud::types::WhatsappMessage;

use super::super::Sandbox;
use super::checks::check;
use super::*;

fn context() -> Context {
    Context {
        state: std::sync::Arc::new(super::super::state::State::default()),
        root: "http://127.0.0.1:1".into(),
    }
}

#[test]
fn times_are_rfc3339_in_utc() {
    assert_eq!(rfc3339(Duration::ZERO), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        rfc3339(Duration::from_millis(1_654_084_800_250)),
        "2022-06-01T12:00:00.250Z"
    );
    assert_eq!(
        rfc3339(Duration::from_secs(951_782_400)),
        "2000-02-29T00:00:00.000Z"
    );
    assert_eq!(
        rfc3339(Duration::from_secs(4_102_444_799)),
        "2099-12-31T23:59:59.000Z"
    );
}

#[test]
fn the_answer_decodes_as_the_specs_whatsapp_message_and_echoes_the_request() {
    let sent = json!({
        "from": Sandbox::YCLOUD_FROM,
        "to": "+14155550123",
        "type": "image",
        "image": {"link": "https://example.com/a.jpg", "caption": "A"},
        "context": {"message_id": "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUI2"},
        "externalId": "order-1"
    });
    let answer = message(&sent, &context());
    let decoded: WhatsappMessage = serde_json::from_value(answer.clone()).unwrap();
    assert_eq!(decoded.id.len(), 24);
    assert!(
        decoded.id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{}",
        decoded.id
    );
    assert!(decoded.wamid.unwrap().starts_with("wamid."));
    assert_eq!(decoded.from, Sandbox::YCLOUD_FROM);
    assert_eq!(decoded.to, "+14155550123");
    assert_eq!(decoded.waba_id, WABA_ID);
    assert_eq!(answer["image"], sent["image"]);
    assert_eq!(answer["context"], sent["context"]);
    assert_eq!(answer["externalId"], "order-1");
    assert_eq!(answer["status"], "sent");
    assert!(decoded.send_time.is_some());
}

#[test]
fn bodies_the_schema_accepts_are_still_checked() {
    let base = |extra: Value| {
        let mut body = json!({"from": Sandbox::YCLOUD_FROM, "to": "+14155550123"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        check(&body)
    };
    assert!(base(json!({"type": "text", "text": {"body": "hi"}})).is_ok());
    for (body, needle) in [
        (json!({"type": "text"}), "`text` is required"),
        (json!({"type": "text", "text": {"body": " "}}), "empty"),
        (
            json!({"type": "image", "image": {"link": "ftp://a.example/x"}}),
            "HTTP",
        ),
        (
            json!({"type": "reaction", "reaction": {"message_id": "wamid.x"}}),
            "emoji",
        ),
        (
            json!({"type": "location", "location": {"latitude": 91.0, "longitude": 0.0}}),
            "latitude",
        ),
        (
            json!({"type": "interactive", "interactive": {"type": "button", "body": {"text": "b"},
                "action": {"buttons": [{}, {}, {}, {}]}}}),
            "1 to 3",
        ),
        (
            json!({"type": "interactive", "interactive": {"type": "list", "body": {"text": "b"},
                "action": {"sections": [{}]}}}),
            "action.button",
        ),
        (
            json!({"type": "text", "text": {"body": "a"}, "context": {}}),
            "context.message_id",
        ),
        (
            json!({"type": "template", "template": {"name": "t", "language": {"code": "en"},
                "components": [{"type": "button", "sub_type": "quick_reply", "parameters": [{"type": "payload", "payload": "p"}]}]}}),
            "`index`",
        ),
        (
            json!({"type": "template", "template": {"name": "t", "language": {"code": "en"},
                "components": [{"type": "body", "parameters": [{"type": "text"}]}]}}),
            "parameters[0].text",
        ),
        (
            json!({"type": "template", "template": {"name": "t", "language": {"code": "en"},
                "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "x"}}]}]}}),
            "parameters[0].image.link",
        ),
    ] {
        let error = base(body.clone()).unwrap_err();
        assert!(error.contains(needle), "{body}: {error}");
    }
    let reaction_removal =
        json!({"type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": ""}});
    assert!(base(reaction_removal).is_ok());
    let from_elsewhere = json!({"from": "+16315551111", "to": "+14155550123", "type": "text", "text": {"body": "a"}});
    assert!(
        check(&from_elsewhere)
            .unwrap_err()
            .contains("not a WhatsApp phone number of this account")
    );
    let to_a_group = json!({"from": Sandbox::YCLOUD_FROM, "to": "120363025246125486@g.us", "type": "text", "text": {"body": "a"}});
    assert!(check(&to_a_group).unwrap_err().contains("E.164"));
}

#[test]
fn mark_read_takes_ycloud_ids_and_wamids() {
    assert_eq!(
        mark_read("627c8640675de8fc689ab9d9").status(),
        StatusCode::OK
    );
    assert_eq!(
        mark_read("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUI2").status(),
        StatusCode::OK
    );
    assert!(mark_read("wamid.HBgL").body().is_empty());
    for unknown in ["42", "wamid.", "627c8640675de8fc689ab9dz"] {
        assert_eq!(
            mark_read(unknown).status(),
            StatusCode::NOT_FOUND,
            "{unknown}"
        );
    }
}

/// Through the adapter: what YCloud's checks answer.
mod wire {
    use crate::prelude::*;
    use crate::sandbox::Sandbox;
    use crate::{ErrorKind, Provider, RetryPolicy};

    fn to() -> Recipient {
        "+14155550123".parse().unwrap()
    }

    #[tokio::test]
    async fn a_wrong_key_gets_ycloud_s_401() {
        let sandbox = Sandbox::start().await.unwrap();
        let client = sandbox
            .ycloud_client()
            .with_api_key("not-the-key")
            .build()
            .unwrap();
        let messenger = crate::ycloud::YCloudMessenger::new(client, Sandbox::YCLOUD_FROM).unwrap();
        let error = messenger.send_text(&to(), "hi").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Auth);
        let details = error.provider_error().unwrap();
        assert_eq!(details.status.as_u16(), 401);
        assert_eq!(details.body["error"]["status"], 401);
        assert!(!error.to_string().contains("not-the-key"), "{error}");
    }

    #[tokio::test]
    async fn only_the_account_s_number_sends_and_the_answer_names_the_wamid() {
        let sandbox = Sandbox::start().await.unwrap();
        let client = sandbox.ycloud_client().build().unwrap();
        let elsewhere = crate::ycloud::YCloudMessenger::new(client, "+16315551111").unwrap();
        let error = elsewhere.send_text(&to(), "hi").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Rejected);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
        assert!(
            error
                .to_string()
                .contains("not a WhatsApp phone number of this account"),
            "{error}"
        );

        let sent = sandbox
            .ycloud_messenger()
            .unwrap()
            .send_text(&to(), "hi")
            .await
            .unwrap();
        let id = sent.id.clone().unwrap();
        assert_eq!(id.as_str().len(), 24);
        let wamid = sent.raw()["wamid"].as_str().unwrap();
        assert!(wamid.starts_with("wamid."), "{wamid}");
        assert_eq!(sent.raw()["from"], Sandbox::YCLOUD_FROM);
        assert_eq!(sent.raw()["text"]["body"], "hi");
    }

    #[tokio::test]
    async fn mark_read_takes_the_ids_the_spec_names_and_404s_others() {
        let sandbox = Sandbox::start().await.unwrap();
        let messenger = sandbox
            .messenger_with_retry(Provider::YCloud, RetryPolicy::never())
            .unwrap();
        messenger
            .mark_read(&"627c8640675de8fc689ab9d9".into())
            .await
            .unwrap();
        let error = messenger.mark_read(&"42".into()).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Rejected);
        let details = error.provider_error().unwrap();
        assert_eq!(details.status.as_u16(), 404);
        assert_eq!(details.code.as_deref(), Some("NOT_FOUND"));
    }
}
