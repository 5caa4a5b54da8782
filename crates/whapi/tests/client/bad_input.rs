use whatsapp_sdk_testkit::config_error;
use whatsapp_sdk_whapi::{Client, ClientBuilder, Error, LoginUserImageParams, Upload, types};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client, fixture, received, request_body, typed};

/// Asserts `result` is an `InvalidRequest` for `operation` whose message contains `needle`.
fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, operation: &str, needle: &str) {
    match result {
        Err(error @ Error::InvalidRequest { .. }) => {
            assert_eq!(error.operation(), Some(operation), "{error}");
            assert!(error.to_string().contains(needle), "{error}");
        }
        other => panic!("expected an invalid-request error, got {other:?}"),
    }
}

#[test]
fn a_missing_token_names_the_setting_and_the_variable() {
    assert_eq!(
        config_error(Client::builder().build()),
        "whapi: invalid client configuration: `token` is required; call `with_token` or set WHAPI_TOKEN"
    );
}

#[test]
fn an_empty_token_is_rejected_in_both_modes() {
    for in_query in [false, true] {
        let error = config_error(
            Client::builder()
                .with_token(" ")
                .with_token_in_query(in_query)
                .build(),
        );
        assert_eq!(
            error, "whapi: invalid client configuration: `token` is empty",
            "in_query={in_query}"
        );
    }
}

#[test]
fn malformed_base_urls_are_rejected() {
    let with = |url: &str| {
        Client::builder()
            .with_token(TOKEN)
            .with_base_url(url)
            .build()
    };
    assert!(
        config_error(with("gate.whapi.cloud"))
            .contains("`base_url` `gate.whapi.cloud` is not a valid URL")
    );
    assert!(config_error(with("ftp://gate.whapi.cloud")).contains("must use http or https"));
    assert!(
        config_error(with("https://gate.whapi.cloud/?token=x"))
            .contains("must not have a query or fragment")
    );
}

#[test]
fn the_default_base_url_is_the_specs_server() {
    let client = Client::builder().with_token(TOKEN).build().expect("valid");
    assert_eq!(
        whatsapp_sdk_whapi::ClientInfo::baseurl(&client),
        "https://gate.whapi.cloud"
    );
    assert_eq!(
        whatsapp_sdk_whapi::DEFAULT_BASE_URL,
        "https://gate.whapi.cloud"
    );
}

#[test]
fn from_env_reads_the_documented_variables() {
    let env = |name: &str| match name {
        "WHAPI_TOKEN" => Some(TOKEN.to_owned()),
        "WHAPI_BASE_URL" => Some("http://127.0.0.1:9/".to_owned()),
        _ => None,
    };
    let client = ClientBuilder::from_env_with(env)
        .build()
        .expect("complete environment");
    assert_eq!(
        whatsapp_sdk_whapi::ClientInfo::baseurl(&client),
        "http://127.0.0.1:9"
    );
    assert_eq!(whatsapp_sdk_whapi::ENV_TOKEN, "WHAPI_TOKEN");
    assert_eq!(whatsapp_sdk_whapi::ENV_BASE_URL, "WHAPI_BASE_URL");

    let error = config_error(ClientBuilder::from_env_with(|_| None).build());
    assert!(error.contains("WHAPI_TOKEN"), "{error}");
}

#[test]
fn debug_output_never_shows_the_token() {
    for in_query in [false, true] {
        let builder = Client::builder()
            .with_token(TOKEN)
            .with_token_in_query(in_query);
        let client = builder.clone().build().expect("valid");
        for text in [
            format!("{builder:?}"),
            format!("{builder:#?}"),
            format!("{client:?}"),
            format!("{client:#?}"),
            format!("{:?}", whatsapp_sdk_whapi::ClientInfo::inner(&client)),
        ] {
            assert!(!text.contains(TOKEN), "in_query={in_query}: {text}");
            assert!(!text.contains("3f9a"), "in_query={in_query}: {text}");
        }
        assert!(format!("{builder:?}").contains("Secret(\"***\")"));
        assert!(format!("{client:?}").contains("Secret(\"***\")"));
    }
}

#[tokio::test]
async fn an_invalid_mime_type_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    let bad = || Upload::from_bytes("cat.jpg", "not a mime\n", &b"x"[..]);

    let image: types::SenderImage = typed("send_image.json");
    assert_invalid(
        client
            .send_message_image_multipart(&image, vec![("media".into(), bad())])
            .await,
        "send_message_image",
        "file `media`: `not a mime\n` is not a valid MIME type",
    );
    assert_invalid(
        client.upload_media_bytes(bad()).await,
        "upload_media",
        "is not a valid MIME type",
    );
    // Raw bodies need a full `type/subtype`; the spec's own `codecs=opus` entry is not one.
    assert_invalid(
        client
            .upload_media_bytes(Upload::from_bytes("a.opus", "codecs=opus", &b"x"[..]))
            .await,
        "upload_media",
        "`codecs=opus` is not a valid MIME type",
    );
    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn path_parameters_outside_the_specs_patterns_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    let upload = || Upload::from_bytes("icon.png", "image/png", &b"png"[..]);

    assert_invalid(
        client.get_media("../users/profile").await,
        "get_media",
        "`media_id` is invalid",
    );
    assert_invalid(
        client.get_group_icon("120363025246125486").await,
        "get_group_icon",
        "`group_id` is invalid",
    );
    assert_invalid(
        client.set_group_icon_bytes("x", upload()).await,
        "set_group_icon",
        "`group_id` is invalid",
    );
    let contact: types::SenderContactFromPhonebook = request_body("send_contact");
    // The spec's ContactID pattern accepts "", which would post to `/contacts/`.
    assert_invalid(
        client
            .send_contact_multipart("", &contact, Vec::new())
            .await,
        "send_contact",
        "`contact_id` is empty",
    );
    assert_invalid(
        client
            .send_contact_multipart("1/2", &contact, Vec::new())
            .await,
        "send_contact",
        "`contact_id` is invalid",
    );
    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn login_image_sizes_must_be_finite() {
    let server = MockServer::start().await;
    let params = LoginUserImageParams {
        width: Some(f64::NAN),
        ..Default::default()
    };
    assert_invalid(
        client(&server).login_user_image(&params).await,
        "login_user_image",
        "`width` must be a finite number, not NaN",
    );
    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_generated_success_body_that_does_not_match_the_spec_is_a_decode_error() {
    let server = MockServer::start().await;
    let mut health = fixture("health.json");
    health["uptime"] = "an hour".into();
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(health))
        .mount(&server)
        .await;

    let error = client(&server)
        .check_health()
        .send()
        .await
        .expect_err("uptime must be a number");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "check_health",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("whapi `check_health`: response body does not match the spec"),
        "{error}"
    );
}

#[tokio::test]
async fn a_hand_written_success_body_that_is_not_the_specs_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>not json</html>"))
        .mount(&server)
        .await;
    let text: types::SenderText = request_body("send_message_text");

    let error = client(&server)
        .send_message_text_multipart(&text, Vec::new())
        .await
        .expect_err("HTML is not a SentMessage");
    match error {
        Error::Decode {
            operation, body, ..
        } => {
            assert_eq!(operation, "send_message_text");
            assert_eq!(&body[..], b"<html>not json</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_download_labelled_json_that_is_not_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(&b"{truncated"[..], "application/json"),
        )
        .mount(&server)
        .await;

    let error = client(&server)
        .get_media("jpeg-4aa1c0a5e4a8d0fb0b5f9a1b")
        .await
        .expect_err("the body says JSON but is not");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "get_media",
                ..
            }
        ),
        "{error:?}"
    );
}

/// The published spec requires an undeclared `result` on these answers; the overlay drops it,
/// so the gateway's real answers decode.
#[tokio::test]
async fn success_answers_without_the_undeclared_result_decode() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "success": true, "failed": [], "processed": ["15551234567"]
        })))
        .mount(&server)
        .await;
    let body: types::ListParticipantsRequest =
        serde_json::from_value(serde_json::json!({ "participants": ["15551234567"] }))
            .expect("valid body");
    let answer = client(&server)
        .add_group_participant()
        .group_id("120363025246125486@g.us")
        .body(body)
        .send()
        .await
        .expect("decodes without `result`")
        .into_inner();
    assert_eq!(answer.success, Some(true));
    assert_eq!(answer.processed.len(), 1);
}
