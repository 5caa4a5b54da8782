use whatsapp_sdk_onprem::{ProfilePhoto, ProfilePhotoFormat, Upload};
use whatsapp_sdk_testkit::multipart_parts;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client, fixture, received};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
];
const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

#[tokio::test]
async fn upload_media_sends_the_raw_file_with_its_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/media"))
        .and(header("authorization", bearer().as_str()))
        .and(header("content-type", "audio/ogg; codecs=opus"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("upload_media_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let voice = Upload::from_bytes("note.ogg", "audio/ogg; codecs=opus", &b"OggS\x00\x02"[..]);
    let uploaded = client(&server)
        .upload_media(voice)
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(
        uploaded.media[0].id.as_deref(),
        Some("f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68")
    );
    assert_eq!(received(&server).await[0].body, b"OggS\x00\x02");
}

#[tokio::test]
async fn set_group_icon_sends_one_file_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/groups/1234-5678%2Fx/icon"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let response = client(&server)
        .set_group_icon(
            "1234-5678/x",
            Upload::from_bytes("icon.png", "image/png", PNG),
        )
        .await
        .expect("mock answers 200");

    assert_eq!(response.status(), 200);
    let parts = multipart_parts(&received(&server).await[0]);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "File");
    assert_eq!(parts[0].file_name.as_deref(), Some("icon.png"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[0].body, PNG);
}

#[tokio::test]
async fn delete_group_icon_sends_a_delete_with_or_without_the_spec_s_form() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1/groups/g1/icon"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(200))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);

    client
        .delete_group_icon("g1", None)
        .await
        .expect("mock answers 200");
    client
        .delete_group_icon("g1", Some(Upload::from_bytes("icon.png", "image/png", PNG)))
        .await
        .expect("mock answers 200");

    let requests = received(&server).await;
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
    let parts = multipart_parts(&requests[1]);
    assert_eq!(
        (parts[0].name.as_str(), parts[0].body.as_slice()),
        ("File", PNG)
    );
}

#[tokio::test]
async fn update_profile_photo_sends_one_file_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/settings/profile/photo"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .update_profile_photo(Upload::from_bytes(
            "me.jpg",
            "image/jpeg",
            &b"\xff\xd8\xff"[..],
        ))
        .await
        .expect("mock answers 200");

    let parts = multipart_parts(&received(&server).await[0]);
    assert_eq!(parts[0].name, "File");
    assert_eq!(parts[0].file_name.as_deref(), Some("me.jpg"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(parts[0].body, b"\xff\xd8\xff");
}

#[tokio::test]
async fn get_profile_photo_returns_the_image_with_its_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/settings/profile/photo"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(&b"\xff\xd8\xffjpeg"[..], "image/jpeg"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let photo = client(&server)
        .get_profile_photo(None)
        .await
        .expect("mock answers 200")
        .into_inner();
    match photo {
        ProfilePhoto::Image(image) => {
            assert_eq!(image.content_type.as_deref(), Some("image/jpeg"));
            assert_eq!(&image.bytes[..], b"\xff\xd8\xffjpeg");
        }
        other => panic!("expected the image, got {other:?}"),
    }
    assert!(received(&server).await[0].url.query().is_none());
}

#[tokio::test]
async fn get_profile_photo_as_link_decodes_the_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/settings/profile/photo"))
        .and(query_param("format", "link"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("profile_photo_link.json")))
        .expect(1)
        .mount(&server)
        .await;

    let photo = client(&server)
        .get_profile_photo(Some(ProfilePhotoFormat::Link))
        .await
        .expect("mock answers 200")
        .into_inner();
    let ProfilePhoto::Link(link) = photo else {
        panic!("expected the link, got {photo:?}");
    };
    let link = link
        .settings
        .and_then(|s| s.profile)
        .and_then(|p| p.photo)
        .and_then(|p| p.link);
    assert_eq!(
        link.as_deref(),
        Some("https://wa.example.com/v1/media/photo.jpg")
    );
}

#[tokio::test]
async fn certificates_are_sent_as_text_plain() {
    let server = MockServer::start().await;
    for route in ["/v1/certificates/external", "/v1/certificates/webhooks/ca"] {
        Mock::given(method("POST"))
            .and(path(route))
            .and(header("authorization", bearer().as_str()))
            .and(header("content-type", "text/plain"))
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);

    client
        .upload_certificate(PEM)
        .await
        .expect("mock answers 200");
    client
        .upload_webhook_ca_certificate(PEM.as_bytes().to_vec())
        .await
        .expect("mock answers 200");

    for request in received(&server).await {
        assert_eq!(request.body, PEM.as_bytes());
    }
}

#[tokio::test]
async fn error_statuses_of_hand_written_operations_keep_their_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "errors": [{ "code": 1008, "title": "Required parameter is missing" }]
        })))
        .mount(&server)
        .await;

    let error = client(&server)
        .upload_certificate(PEM)
        .await
        .expect_err("mock answers 400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.operation(), Some("upload_certificate"));
    let body = &error.api_error().expect("API error").body;
    assert_eq!(
        body,
        &whatsapp_sdk_onprem::ErrorBody::Json(serde_json::json!({
            "errors": [{ "code": 1008, "title": "Required parameter is missing" }]
        }))
    );
}
