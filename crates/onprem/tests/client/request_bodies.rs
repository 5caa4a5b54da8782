use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, received};

/// The spec says fields left out of a PATCH of the application settings keep their values;
/// before pass `request-defaults` the typed body sent `callback_persist`, `heartbeat_interval`,
/// `pass_through`, `sent_status` and `unhealthy_interval` with their defaults, resetting them.
#[tokio::test]
async fn patching_one_application_setting_sends_only_that_setting() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1/settings/application"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"meta": {"api_status": "stable", "version": "2.53.1"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let webhooks = whatsapp_sdk_onprem::types::Webhooks {
        url: Some("https://example.com/hook".to_owned()),
        max_concurrent_requests: None,
    };
    let settings =
        whatsapp_sdk_onprem::types::ApplicationSettings::builder().webhooks(Some(webhooks));
    client(&server)
        .update_application_settings()
        .body(settings)
        .send()
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_eq!(
        request.body_json::<serde_json::Value>().expect("JSON body"),
        serde_json::json!({"webhooks": {"url": "https://example.com/hook"}})
    );
}
