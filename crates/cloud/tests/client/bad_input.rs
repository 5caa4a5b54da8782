use whatsapp_sdk_cloud::{Client, ClientBuilder, Error};
use whatsapp_sdk_testkit::config_error;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client};

#[test]
fn a_missing_token_names_the_setting_and_the_variable() {
    let error = config_error(Client::builder().build());
    assert_eq!(
        error,
        "cloud: invalid client configuration: `access_token` is required; call `with_access_token` or set WHATSAPP_CLOUD_ACCESS_TOKEN"
    );
}

#[test]
fn an_empty_token_is_rejected() {
    let error = config_error(Client::builder().with_access_token("  ").build());
    assert_eq!(
        error,
        "cloud: invalid client configuration: `token` is empty"
    );
}

#[test]
fn malformed_base_urls_and_versions_are_rejected() {
    let with = |url: &str| {
        Client::builder()
            .with_access_token(TOKEN)
            .with_base_url(url)
            .build()
    };
    assert!(
        config_error(with("graph.facebook.com"))
            .contains("`base_url` `graph.facebook.com` is not a valid URL")
    );
    assert!(config_error(with("file:///etc/passwd")).contains("must use http or https"));
    let error = config_error(
        Client::builder()
            .with_access_token(TOKEN)
            .with_api_version("23")
            .build(),
    );
    assert!(
        error.contains("`api_version` `23` is not a Graph API version like `v23.0`"),
        "{error}"
    );
}

#[test]
fn from_env_reads_the_documented_variables() {
    let env = |name: &str| match name {
        "WHATSAPP_CLOUD_ACCESS_TOKEN" => Some(TOKEN.to_owned()),
        "WHATSAPP_CLOUD_BASE_URL" => Some("http://127.0.0.1:9".to_owned()),
        "WHATSAPP_CLOUD_API_VERSION" => Some("v23.0".to_owned()),
        _ => None,
    };
    let client = ClientBuilder::from_env_with(env)
        .build()
        .expect("complete environment");
    assert_eq!(
        whatsapp_sdk_cloud::ClientInfo::baseurl(&client),
        "http://127.0.0.1:9/v23.0"
    );

    let error = config_error(ClientBuilder::from_env_with(|_| None).build());
    assert!(error.contains("WHATSAPP_CLOUD_ACCESS_TOKEN"), "{error}");
}

#[test]
fn a_versioned_base_url_is_used_as_given() {
    let client = Client::builder()
        .with_access_token(TOKEN)
        .with_api_version("v23.0")
        .with_versioned_base_url("https://gateway.example.com/graph/v22.0/")
        .build()
        .expect("valid");
    assert_eq!(
        whatsapp_sdk_cloud::ClientInfo::baseurl(&client),
        "https://gateway.example.com/graph/v22.0"
    );
    let client = Client::builder()
        .with_access_token(TOKEN)
        .with_versioned_base_url("https://gateway.example.com/graph/v22.0")
        .with_base_url("https://graph.example.com")
        .build()
        .expect("valid");
    assert_eq!(
        whatsapp_sdk_cloud::ClientInfo::baseurl(&client),
        "https://graph.example.com/v23.0",
        "the later setter wins"
    );
}

#[test]
fn debug_output_never_shows_the_token() {
    let builder = Client::builder().with_access_token(TOKEN);
    let client = builder.clone().build().expect("valid");
    for text in [
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{:?}", whatsapp_sdk_cloud::ClientInfo::inner(&client)),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("EAAG"), "{text}");
    }
    assert!(format!("{builder:?}").contains("Secret(\"***\")"));
}

#[tokio::test]
async fn a_success_body_that_does_not_match_the_spec_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": 42 })))
        .mount(&server)
        .await;
    let error = client(&server)
        .get_phone_number()
        .phone_number_id("1")
        .send()
        .await
        .expect_err("id must be a string");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "get_phone_number",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("cloud `get_phone_number`: response body does not match the spec: invalid type: integer `42`"), "{error}");
}

#[tokio::test]
async fn a_missing_required_parameter_is_reported_before_sending() {
    let server = MockServer::start().await;
    let error = client(&server)
        .get_phone_number()
        .send()
        .await
        .expect_err("no phone number id");
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                operation: "get_phone_number",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("phone_number_id"), "{error}");
    assert!(
        server
            .received_requests()
            .await
            .expect("recording")
            .is_empty()
    );
}
