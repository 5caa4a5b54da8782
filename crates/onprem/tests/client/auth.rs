use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client, fixture, received};

#[tokio::test]
async fn login_user_sends_basic_auth_and_returns_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/users/login"))
        // base64("admin:onprem-admin-password-456")
        .and(header(
            "authorization",
            "Basic YWRtaW46b25wcmVtLWFkbWluLXBhc3N3b3JkLTQ1Ng==",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("login_response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let body = whatsapp_sdk_onprem::types::LoginAdminRequestBody {
        new_password: "n3w-Passw0rd!".into(),
    };
    let login = client(&server)
        .login_user()
        .body(body)
        .send()
        .await
        .expect("mock answers 200")
        .into_inner();
    assert_eq!(
        login.users[0].token.as_deref(),
        Some("eyJhbGciOiJIUzI1NiJ9.onprem-session")
    );
    let request = &received(&server).await[0];
    assert_eq!(
        request.body_json::<serde_json::Value>().expect("JSON body"),
        serde_json::json!({ "new_password": "n3w-Passw0rd!" })
    );
}

#[tokio::test]
async fn other_operations_send_the_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/health"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header(
            "user-agent",
            concat!("whatsapp-sdk-onprem/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let health = client(&server)
        .check_health()
        .send()
        .await
        .expect("mock answers 200");
    assert_eq!(health.status(), 200);
}
