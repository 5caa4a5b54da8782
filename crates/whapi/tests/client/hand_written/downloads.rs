use whatsapp_sdk_whapi::{Download, ErrorBody, GroupIcon, LoginUserImageParams, MediaOrJson};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{assert_bearer_and_user_agent, client, fixture, query, received};

const MEDIA_ID: &str = "jpeg-4aa1c0a5e4a8d0fb0b5f9a1b";
const GROUP_ID: &str = "120363025246125486@g.us";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00];

fn file(content_type: &str, bytes: &'static [u8]) -> MediaOrJson {
    MediaOrJson::File(Download {
        content_type: Some(content_type.to_owned()),
        bytes: bytes::Bytes::from_static(bytes),
    })
}

#[tokio::test]
async fn get_media_returns_the_file_with_its_content_type() {
    let server = MockServer::start().await;
    let pdf: &[u8] = b"%PDF-1.7\n\xe2\xe3\xcf\xd3";
    Mock::given(method("GET"))
        .and(path(format!("/media/{MEDIA_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf, "application/pdf"))
        .expect(1)
        .mount(&server)
        .await;

    let media = client(&server)
        .get_media(MEDIA_ID)
        .await
        .expect("mock answers 200");

    assert_eq!(media.status(), 200);
    assert_eq!(
        media.into_inner(),
        file("application/pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3")
    );
    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    assert!(query(request).is_empty(), "{}", request.url);
}

#[tokio::test]
async fn get_media_returns_a_json_answer_as_json() {
    let server = MockServer::start().await;
    let json = serde_json::json!({ "id": MEDIA_ID, "link": "https://example.com/file.pdf" });
    Mock::given(method("GET"))
        .and(path(format!("/media/{MEDIA_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(&json))
        .mount(&server)
        .await;

    let media = client(&server)
        .get_media(MEDIA_ID)
        .await
        .expect("mock answers 200");

    assert_eq!(media.into_inner(), MediaOrJson::Json(json));
}

#[tokio::test]
async fn get_media_reports_the_specs_error_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_media(MEDIA_ID)
        .await
        .expect_err("mock answers 404");

    assert_eq!(error.operation(), Some("get_media"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let api = error.api_error().expect("an API error");
    assert_eq!(api.body, ErrorBody::Json(fixture("error_response.json")));
    let typed = api
        .typed_body::<whatsapp_sdk_whapi::types::ResponseError>()
        .expect("decoded as the spec's ResponseError, like generated operations");
    assert_eq!(
        serde_json::to_value(typed).expect("serializable"),
        fixture("error_response.json")
    );
}

#[tokio::test]
async fn login_user_image_sends_only_the_parameters_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/users/login/image"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(PNG, "image/png"))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);

    let none = client
        .login_user_image(&LoginUserImageParams::default())
        .await
        .expect("mock answers 200");
    let params = LoginUserImageParams {
        wakeup: Some(false),
        size: Some(8.5),
        width: Some(300.0),
        height: Some(320.0),
        color_light: Some("#FFFFFF".into()),
        color_dark: Some("#128C7E".into()),
    };
    let all = client
        .login_user_image(&params)
        .await
        .expect("mock answers 200");

    assert_eq!(none.into_inner(), file("image/png", PNG));
    assert_eq!(all.into_inner(), file("image/png", PNG));
    let requests = received(&server).await;
    assert!(query(&requests[0]).is_empty(), "{}", requests[0].url);
    let expected = [
        ("wakeup", "false"),
        ("size", "8.5"),
        ("width", "300"),
        ("height", "320"),
        ("color_light", "#FFFFFF"),
        ("color_dark", "#128C7E"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(query(&requests[1]), expected);
    for request in &requests {
        assert_bearer_and_user_agent(request);
    }
}

#[tokio::test]
async fn login_user_image_returns_a_json_answer_as_json() {
    let server = MockServer::start().await;
    let json = serde_json::json!({ "status": "AUTH" });
    Mock::given(method("GET"))
        .and(path("/users/login/image"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            serde_json::to_vec(&json).expect("JSON"),
            "application/problem+json",
        ))
        .mount(&server)
        .await;

    let answer = client(&server)
        .login_user_image(&LoginUserImageParams::default())
        .await
        .expect("mock answers 200");

    assert_eq!(answer.into_inner(), MediaOrJson::Json(json));
}

#[tokio::test]
async fn get_group_icon_returns_the_icon() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/groups/{GROUP_ID}/icon")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(PNG, "image/png"))
        .expect(1)
        .mount(&server)
        .await;

    let icon = client(&server)
        .get_group_icon(GROUP_ID)
        .await
        .expect("mock answers 200");

    assert_eq!(
        icon.into_inner(),
        GroupIcon::Icon(Download {
            content_type: Some("image/png".into()),
            bytes: bytes::Bytes::from_static(PNG),
        })
    );
    let request = &received(&server).await[0];
    assert_eq!(request.url.path(), "/groups/120363025246125486@g.us/icon");
    assert_bearer_and_user_agent(request);
}

#[tokio::test]
async fn get_group_icon_answered_204_means_no_icon() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/groups/{GROUP_ID}/icon")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let icon = client(&server)
        .get_group_icon(GROUP_ID)
        .await
        .expect("204 is not an error");

    assert_eq!(icon.status(), 204);
    assert_eq!(icon.into_inner(), GroupIcon::NotSet);
}

#[tokio::test]
async fn get_group_icon_returns_a_json_answer_as_json() {
    let server = MockServer::start().await;
    let json = serde_json::json!({ "icon": null });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&json))
        .mount(&server)
        .await;

    let icon = client(&server)
        .get_group_icon(GROUP_ID)
        .await
        .expect("mock answers 200");

    assert_eq!(icon.into_inner(), GroupIcon::Json(json));
}

#[tokio::test]
async fn get_group_icon_reports_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_group_icon(GROUP_ID)
        .await
        .expect_err("mock answers 403");

    assert_eq!(error.operation(), Some("get_group_icon"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
}
