use whatsapp_sdk_testkit::config_error;
use whatsapp_sdk_whatshooked::{Client, ClientBuilder, Error};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, PASSWORD, TOKEN, base};

#[test]
fn the_base_url_is_required_and_checked() {
    assert_eq!(
        config_error(Client::builder().with_api_key(KEY).build()),
        "whatshooked: invalid client configuration: `base_url` is required (WhatsHooked is self-hosted); call `with_base_url` or set WHATSHOOKED_BASE_URL"
    );
    let error = config_error(Client::builder().with_base_url("ws://hooks.local").build());
    assert!(
        error.contains("must use http or https, not `ws`"),
        "{error}"
    );
}

#[test]
fn empty_credentials_are_rejected() {
    let with = |b: ClientBuilder| config_error(b.with_base_url("http://127.0.0.1:9").build());
    assert!(with(Client::builder().with_api_key("")).ends_with("`api_key` is empty"));
    assert!(with(Client::builder().with_bearer_token(" ")).ends_with("`token` is empty"));
    assert!(with(Client::builder().with_basic_auth("", "pw")).contains("`username`"));
}

#[test]
fn from_env_reads_the_documented_variables() {
    let env = |name: &str| match name {
        "WHATSHOOKED_BASE_URL" => Some("http://127.0.0.1:9".to_owned()),
        "WHATSHOOKED_TOKEN" => Some(TOKEN.to_owned()),
        _ => None,
    };
    let client = ClientBuilder::from_env_with(env)
        .build()
        .expect("complete environment");
    assert_eq!(
        whatsapp_sdk_whatshooked::ClientInfo::baseurl(&client),
        "http://127.0.0.1:9"
    );
    let error = config_error(ClientBuilder::from_env_with(|_| None).build());
    assert!(error.contains("WHATSHOOKED_BASE_URL"), "{error}");
}

#[test]
fn debug_output_never_shows_a_credential() {
    for builder in [
        Client::builder().with_api_key(KEY),
        Client::builder().with_bearer_token(TOKEN),
        Client::builder().with_basic_auth("ops", PASSWORD),
    ] {
        let builder = builder.with_base_url("http://127.0.0.1:9");
        let client = builder.clone().build().expect("valid");
        for text in [
            format!("{builder:?}"),
            format!("{builder:#?}"),
            format!("{client:?}"),
            format!("{client:#?}"),
        ] {
            for secret in [KEY, TOKEN, PASSWORD] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }
}

#[tokio::test]
async fn an_undecodable_success_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([{ "id": "main", "type": "telegram" }])),
        )
        .mount(&server)
        .await;
    let error = base(&server)
        .build()
        .expect("valid")
        .list_accounts()
        .send()
        .await
        .expect_err("`telegram` is not an account type");
    assert!(
        matches!(
            error,
            Error::Decode {
                operation: "list_accounts",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("unknown variant `telegram`"),
        "{error}"
    );
}
