use whatsapp_sdk_whapi::{Upload, types};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    assert_bearer_and_user_agent, client, fixture, query, received, request_body,
};

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00];
const OGG: &[u8] = b"OggS\x00\x02\x00\x00opus-bytes";

/// Asserts the request carried `bytes` as its whole body, labelled `content_type`.
fn assert_raw_body(request: &wiremock::Request, content_type: &str, bytes: &[u8]) {
    assert_eq!(request.headers["content-type"], content_type);
    assert_eq!(request.body, bytes);
    // JSON first; plain text for the error answers some servers give (the runtime adds it).
    assert_eq!(
        request.headers["accept"],
        "application/json, text/plain;q=0.5"
    );
    assert_bearer_and_user_agent(request);
}

#[tokio::test]
async fn upload_media_bytes_posts_the_file_as_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/media"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("upload_media_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let uploaded = client(&server)
        .upload_media_bytes(Upload::from_bytes(
            "voice.ogg",
            "audio/ogg; codecs=opus",
            OGG,
        ))
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(uploaded.media.len(), 1);
    assert_eq!(
        uploaded.media[0].id.as_deref().map(|id| id.as_str()),
        Some("jpeg-4aa1c0a5e4a8d0fb0b5f9a1b")
    );
    let request = &received(&server).await[0];
    assert_raw_body(request, "audio/ogg; codecs=opus", OGG);
    assert!(query(request).is_empty(), "{}", request.url);
}

#[tokio::test]
async fn upload_media_bytes_streams_a_file_with_its_known_length() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/media"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("upload_media_response.json")),
        )
        .expect(1)
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
        .upload_media_bytes(upload)
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_raw_body(request, "application/pdf", b"%PDF-1.7 body");
    assert_eq!(request.headers["content-length"], "13");
    assert!(
        request.headers.get("transfer-encoding").is_none(),
        "{:?}",
        request.headers
    );
}

#[tokio::test]
async fn set_group_icon_bytes_puts_the_image_as_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/groups/120363025246125486@g.us/icon"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("response_success.json")))
        .expect(1)
        .mount(&server)
        .await;

    let answer = client(&server)
        .set_group_icon_bytes(
            "120363025246125486@g.us",
            Upload::from_bytes("icon.png", "image/png", PNG),
        )
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(answer.success, Some(true));
    assert_raw_body(&received(&server).await[0], "image/png", PNG);
}

#[tokio::test]
async fn send_media_message_bytes_sends_the_parameters_in_the_query_and_the_file_as_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages/media/voice"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("sent_message.json")))
        .expect(1)
        .mount(&server)
        .await;
    let params: types::SenderMedia = serde_json::from_value(serde_json::json!({
        "to": "61371989950",
        "caption": "Listen & reply?",
        "view_once": true,
        "mentions": ["61371989951", "61371989952"]
    }))
    .expect("valid send parameters");

    let sent = client(&server)
        .send_media_message_bytes(
            types::MediaMessageType::Voice,
            &params,
            Upload::from_bytes("voice.ogg", "audio/ogg", OGG),
        )
        .await
        .expect("mock answers 200")
        .into_inner();

    assert!(sent.sent);
    let request = &received(&server).await[0];
    assert_raw_body(request, "audio/ogg", OGG);
    let mut pairs = query(request);
    pairs.sort();
    let expected = [
        ("caption", "Listen & reply?"),
        ("mentions", "61371989951"),
        ("mentions", "61371989952"),
        ("to", "61371989950"),
        ("view_once", "true"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn raw_upload_errors_name_the_operation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(415).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;
    let params: types::SenderMedia = request_body("send_media_message");

    let error = client(&server)
        .send_media_message_bytes(
            types::MediaMessageType::Image,
            &params,
            Upload::from_bytes("a.bmp", "image/bmp", &b"BM"[..]),
        )
        .await
        .expect_err("mock answers 415");

    assert_eq!(error.operation(), Some("send_media_message"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(415));
}
