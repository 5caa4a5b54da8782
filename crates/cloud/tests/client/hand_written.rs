use whatsapp_sdk_cloud::Upload;
use whatsapp_sdk_testkit::multipart_parts;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, client, received};

#[tokio::test]
async fn upload_media_sends_a_multipart_form_with_the_file() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v23.0/106540352242922/media"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "id": "1037543291543636" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let jpeg: &[u8] = &[
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];

    let uploaded = client(&server)
        .upload_media(
            "106540352242922",
            Upload::from_bytes("cat.jpg", "image/jpeg", jpeg),
        )
        .await
        .expect("mock answers 200");

    assert_eq!(
        uploaded.into_inner().id.as_deref(),
        Some("1037543291543636")
    );
    let parts = multipart_parts(&received(&server).await[0]);
    let names: Vec<_> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["messaging_product", "type", "file"]);
    assert_eq!(parts[0].text(), "whatsapp");
    assert_eq!(parts[1].text(), "image/jpeg");
    assert_eq!(parts[2].file_name.as_deref(), Some("cat.jpg"));
    assert_eq!(parts[2].content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(parts[2].body, jpeg);
}

#[tokio::test]
async fn upload_media_streams_a_file_of_known_length() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": "7" })))
        .mount(&server)
        .await;
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
        Ok(bytes::Bytes::from_static(b"%PDF-1.7 ")),
        Ok(bytes::Bytes::from_static(b"body")),
    ];
    let upload = Upload::from_stream(
        "report.pdf",
        "application/pdf",
        futures::stream::iter(chunks),
        Some(13),
    );

    client(&server)
        .upload_media("1", upload)
        .await
        .expect("mock answers 200");

    let parts = multipart_parts(&received(&server).await[0]);
    assert_eq!(parts[2].body, b"%PDF-1.7 body");
    assert_eq!(parts[2].content_type.as_deref(), Some("application/pdf"));
}

#[tokio::test]
async fn upload_media_rejects_a_malformed_mime_type_before_sending() {
    let server = MockServer::start().await;
    let error = client(&server)
        .upload_media("1", Upload::from_bytes("x", "not a mime\n", &b"x"[..]))
        .await
        .expect_err("malformed MIME type");
    assert_eq!(error.operation(), Some("upload_media"));
    assert!(
        error.to_string().contains("is not a valid MIME type"),
        "{error}"
    );
    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn upload_media_reports_an_undecodable_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>not json</html>"))
        .mount(&server)
        .await;
    let error = client(&server)
        .upload_media("1", Upload::from_bytes("a.png", "image/png", &b"png"[..]))
        .await
        .expect_err("HTML is not the spec's JSON");
    match error {
        whatsapp_sdk_cloud::Error::Decode {
            operation, body, ..
        } => {
            assert_eq!(operation, "upload_media");
            assert_eq!(&body[..], b"<html>not json</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
