use whatsapp_sdk_testkit::multipart_parts;
use whatsapp_sdk_whatshooked::{Error, Upload};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{KEY, base, received};

#[tokio::test]
async fn upload_media_sends_account_type_and_file_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/media/upload"))
        .and(header("x-api-key", KEY))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "id": "1037543291543636" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let png: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

    let uploaded = base(&server)
        .with_api_key(KEY)
        .build()
        .expect("valid")
        .upload_media("meta", Upload::from_bytes("logo.png", "image/png", png))
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(uploaded["id"], "1037543291543636");
    let parts = multipart_parts(&received(&server).await[0]);
    let summary: Vec<_> = parts
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.file_name.as_deref(),
                p.content_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("account_id", None, None),
            ("type", None, None),
            ("file", Some("logo.png"), Some("image/png"))
        ]
    );
    assert_eq!(parts[0].text(), "meta");
    assert_eq!(parts[1].text(), "image/png");
    assert_eq!(parts[2].body, png);
}

#[tokio::test]
async fn upload_media_errors_keep_status_and_text_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("meta upload failed"))
        .mount(&server)
        .await;

    let error = base(&server)
        .build()
        .expect("valid")
        .upload_media(
            "meta",
            Upload::from_bytes("a.png", "image/png", &b"png"[..]),
        )
        .await
        .expect_err("mock answers 500");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(error.is_retryable());
    assert_eq!(
        error.to_string(),
        "whatshooked `upload_media`: HTTP 500 Internal Server Error: meta upload failed"
    );
    assert_eq!(
        received(&server).await.len(),
        1,
        "a multipart POST is sent once"
    );
}

#[tokio::test]
async fn upload_media_rejects_an_empty_account_before_sending() {
    let server = MockServer::start().await;
    let error = base(&server)
        .build()
        .expect("valid")
        .upload_media(" ", Upload::from_bytes("a.png", "image/png", &b"png"[..]))
        .await
        .expect_err("empty account id");
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
    assert!(received(&server).await.is_empty());
}
