use whatsapp_sdk_onprem::{Client, ClientBuilder, Error, Upload};
use whatsapp_sdk_testkit::config_error;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{PASSWORD, TOKEN, builder, client, received};

#[test]
fn the_base_url_is_required() {
    let error = config_error(Client::builder().with_access_token(TOKEN).build());
    assert_eq!(
        error,
        "onprem: invalid client configuration: `base_url` is required (the API runs on your servers); call `with_base_url` or set WHATSAPP_ONPREM_BASE_URL"
    );
}

#[test]
fn malformed_base_urls_are_rejected() {
    for (url, reason) in [
        ("whatsapp.local:9090", "must use http or https"),
        ("not a url", "is not a valid URL"),
        ("https://", "is not a valid URL"),
    ] {
        let error = config_error(Client::builder().with_base_url(url).build());
        assert!(
            error.starts_with("onprem: invalid client configuration: `base_url`"),
            "{error}"
        );
        assert!(error.contains(reason), "{url}: {error}");
    }
}

#[test]
fn empty_credentials_are_rejected() {
    let with = |b: ClientBuilder| config_error(b.with_base_url("http://127.0.0.1:9").build());
    assert!(with(Client::builder().with_access_token("")).ends_with("`token` is empty"));
    assert!(with(Client::builder().with_basic_auth("admin", "")).ends_with("`password` is empty"));
    assert!(with(Client::builder().with_basic_auth("ad:min", "pw")).contains("`username`"));
}

#[test]
fn from_env_reads_the_documented_variables() {
    let env = |name: &str| match name {
        "WHATSAPP_ONPREM_BASE_URL" => Some("http://127.0.0.1:9/v1/".to_owned()),
        "WHATSAPP_ONPREM_USERNAME" => Some("admin".to_owned()),
        "WHATSAPP_ONPREM_PASSWORD" => Some(PASSWORD.to_owned()),
        _ => None,
    };
    let client = ClientBuilder::from_env_with(env)
        .build()
        .expect("complete environment");
    assert_eq!(
        whatsapp_sdk_onprem::ClientInfo::baseurl(&client),
        "http://127.0.0.1:9/v1"
    );
    let error = config_error(ClientBuilder::from_env_with(|_| None).build());
    assert!(error.contains("WHATSAPP_ONPREM_BASE_URL"), "{error}");
}

#[tokio::test]
async fn debug_output_never_shows_the_token_or_password() {
    let server = MockServer::start().await;
    let builder = builder(&server);
    let client = builder.clone().build().expect("valid");
    for text in [
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
    }
}

#[tokio::test]
async fn an_upload_with_a_malformed_content_type_is_not_sent() {
    let server = MockServer::start().await;
    let error = client(&server)
        .upload_media(Upload::from_bytes("x.bin", "codecs=opus", &b"x"[..]))
        .await
        .expect_err("not a MIME type");
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                operation: "upload_media",
                ..
            }
        ),
        "{error:?}"
    );
    let error = client(&server)
        .upload_certificate("")
        .await
        .expect_err("empty PEM");
    assert!(
        error.to_string().contains("the certificate is empty"),
        "{error}"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn an_undecodable_upload_response_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "media": "f043" })),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .upload_media(Upload::from_bytes("a.png", "image/png", &b"png"[..]))
        .await
        .expect_err("media must be an array");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "upload_media",
                ..
            }
        ),
        "{error:?}"
    );
}
