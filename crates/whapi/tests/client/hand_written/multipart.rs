use std::future::Future;
use std::pin::Pin;

use whatsapp_sdk_testkit::{Part, multipart_parts};
use whatsapp_sdk_whapi::{Error, Upload, types};
use wiremock::matchers::{header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    assert_bearer_and_user_agent, client, fixture, received, request_body, typed,
};

const JPEG: &[u8] = &[
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
];

fn text(name: &str, value: &str) -> Part {
    Part {
        name: name.to_owned(),
        file_name: None,
        content_type: None,
        body: value.as_bytes().to_vec(),
    }
}

/// The parts, ordered by name, so assertions do not depend on the body's field order.
fn sorted_parts(request: &wiremock::Request) -> Vec<Part> {
    let mut parts = multipart_parts(request);
    parts.sort_by(|a, b| a.name.cmp(&b.name));
    parts
}

#[tokio::test]
async fn send_message_image_sends_the_body_as_parts_and_the_file_as_media() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages/image"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("sent_message.json")))
        .expect(1)
        .mount(&server)
        .await;
    let image: types::SenderImage = typed("send_image.json");

    let sent = client(&server)
        .send_message_image_multipart(
            &image,
            vec![(
                "media".into(),
                Upload::from_bytes("cat.jpg", "image/jpeg", JPEG),
            )],
        )
        .await
        .expect("mock answers 200")
        .into_inner();

    assert!(sent.sent);
    assert_eq!(
        sent.message.map(|m| m.id).as_deref(),
        Some("PsobWy36679._7w-wKmB9tMeGQ")
    );
    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    // JSON first; plain text for the error answers some servers give (the runtime adds it).
    assert_eq!(
        request.headers["accept"],
        "application/json, text/plain;q=0.5"
    );
    let media = Part {
        name: "media".into(),
        file_name: Some("cat.jpg".into()),
        content_type: Some("image/jpeg".into()),
        body: JPEG.to_vec(),
    };
    // The body's own `media` (a URL) is replaced by the file, not sent beside it.
    assert_eq!(
        sorted_parts(request),
        [
            text("caption", "A cat"),
            media,
            text("mentions", r#"["61371989951"]"#),
            text("to", "61371989950"),
            text("view_once", "true"),
        ]
    );
}

#[tokio::test]
async fn update_user_profile_patches_with_a_file_as_icon() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/users/profile"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("response_success.json")))
        .expect(1)
        .mount(&server)
        .await;
    let profile: types::UserProfileUpdate = serde_json::from_value(serde_json::json!({
        "name": "Green Tea Shop",
        "about": "Open 9-17"
    }))
    .expect("valid profile");
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
        Ok(bytes::Bytes::from_static(&JPEG[..4])),
        Ok(bytes::Bytes::from_static(&JPEG[4..])),
    ];
    let icon = Upload::from_stream(
        "shop.jpg",
        "image/jpeg",
        futures::stream::iter(chunks),
        Some(JPEG.len() as u64),
    );

    let answer = client(&server)
        .update_user_profile_multipart(&profile, vec![("icon".into(), icon)])
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(answer.success, Some(true));
    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    let icon = Part {
        name: "icon".into(),
        file_name: Some("shop.jpg".into()),
        content_type: Some("image/jpeg".into()),
        body: JPEG.to_vec(),
    };
    assert_eq!(
        sorted_parts(request),
        [
            text("about", "Open 9-17"),
            icon,
            text("name", "Green Tea Shop")
        ]
    );
}

#[tokio::test]
async fn update_product_puts_the_product_id_in_the_path_and_a_file_as_images() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/business/products/6554743537879009"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("product.json")))
        .expect(1)
        .mount(&server)
        .await;
    // The generated `ProductEditImagesItem` cannot hold a URL (typify turns the spec's anyOf of
    // strings into a struct of flattened strings, which serde cannot write); a file part can.
    let edit: types::ProductEdit = serde_json::from_value(serde_json::json!({
        "name": "Green tea",
        "price": 1250,
        "images": []
    }))
    .expect("valid edit");

    let product = client(&server)
        .update_product_multipart(
            "6554743537879009",
            &edit,
            vec![(
                "images".into(),
                Upload::from_bytes("tea.jpg", "image/jpeg", JPEG),
            )],
        )
        .await
        .expect("mock answers 200")
        .into_inner();

    assert_eq!(product.id, "6554743537879009");
    assert_eq!(product.price, 1250.0);
    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    let images = Part {
        name: "images".into(),
        file_name: Some("tea.jpg".into()),
        content_type: Some("image/jpeg".into()),
        body: JPEG.to_vec(),
    };
    assert_eq!(
        sorted_parts(request),
        [images, text("name", "Green tea"), text("price", "1250.0")]
    );
}

#[tokio::test]
async fn send_contact_sends_a_text_only_form_to_the_contacts_path() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contacts/61371989952"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("sent_message.json")))
        .expect(1)
        .mount(&server)
        .await;
    let contact: types::SenderContactFromPhonebook =
        serde_json::from_value(serde_json::json!({ "to": "61371989950", "name": "Alice" }))
            .expect("valid");

    client(&server)
        .send_contact_multipart("61371989952", &contact, Vec::new())
        .await
        .expect("mock answers 200");

    let request = &received(&server).await[0];
    assert_bearer_and_user_agent(request);
    assert_eq!(
        sorted_parts(request),
        [text("name", "Alice"), text("to", "61371989950")]
    );
}

#[tokio::test]
async fn multipart_errors_name_the_operation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(413).set_body_json(fixture("error_response.json")))
        .mount(&server)
        .await;
    let video: types::SenderVideo = request_body("send_message_video");

    let error = client(&server)
        .send_message_video_multipart(&video, Vec::new())
        .await
        .expect_err("mock answers 413");

    assert_eq!(error.operation(), Some("send_message_video"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(413));
}

type Call<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>>;

/// One table row: the method and path the call must hit, and the call with the operation's
/// body from `request_bodies.json` and no files, its typed answer dropped.
macro_rules! row {
    ($verb:literal $route:literal, $client:ident.$method:ident($($arg:literal),*)) => {
        ($verb, $route, Box::pin(async {
            let body = request_body(stringify!($method).trim_end_matches("_multipart"));
            $client.$method($($arg,)* &body, Vec::new()).await.map(drop)
        }) as Call<'_>)
    };
}

#[tokio::test]
async fn every_multipart_variant_hits_its_own_method_and_path() {
    let server = MockServer::start().await;
    let c = client(&server);
    let table: Vec<(&str, &str, Call<'_>)> = vec![
        row!("PATCH" "/users/profile", c.update_user_profile_multipart()),
        row!("POST" "/messages/text", c.send_message_text_multipart()),
        row!("POST" "/messages/image", c.send_message_image_multipart()),
        row!("POST" "/messages/video", c.send_message_video_multipart()),
        row!("POST" "/messages/short", c.send_message_short_multipart()),
        row!("POST" "/messages/gif", c.send_message_gif_multipart()),
        row!("POST" "/messages/audio", c.send_message_audio_multipart()),
        row!("POST" "/messages/voice", c.send_message_voice_multipart()),
        row!("POST" "/messages/document", c.send_message_document_multipart()),
        row!("POST" "/messages/link_preview", c.send_message_link_preview_multipart()),
        row!("POST" "/messages/location", c.send_message_location_multipart()),
        row!("POST" "/messages/live_location", c.send_message_live_location_multipart()),
        row!("POST" "/messages/contact", c.send_message_contact_multipart()),
        row!("POST" "/messages/contact_list", c.send_message_contact_list_multipart()),
        row!("POST" "/messages/poll", c.send_message_poll_multipart()),
        row!("POST" "/messages/interactive", c.send_message_interactive_multipart()),
        row!("POST" "/messages/carousel", c.send_message_carousel_multipart()),
        row!("POST" "/messages/sticker", c.send_message_sticker_multipart()),
        row!("POST" "/messages/story", c.send_message_story_multipart()),
        row!("POST" "/messages/story/audio", c.send_message_story_audio_multipart()),
        row!("POST" "/messages/story/media", c.send_message_story_media_multipart()),
        row!("POST" "/contacts/61371989952", c.send_contact_multipart("61371989952")),
        row!("POST" "/groups/link/AbCdEfGhIjKlMnOp", c.send_group_invite_multipart("AbCdEfGhIjKlMnOp")),
        row!("POST" "/stories/send/media", c.create_story_media_multipart()),
        row!("POST" "/stories/send/audio", c.create_story_audio_multipart()),
        row!(
            "POST" "/newsletters/link/AbCdEfGhIjKlMnOpQrStUvWx",
            c.send_newsletter_invite_multipart("AbCdEfGhIjKlMnOpQrStUvWx")
        ),
        row!("POST" "/business/products/6554743537879009", c.send_product_multipart("6554743537879009")),
        row!("PATCH" "/business/products/6554743537879009", c.update_product_multipart("6554743537879009")),
        row!("POST" "/business/catalogs/61371989952", c.send_catalog_multipart("61371989952")),
    ];
    assert_eq!(
        table.len(),
        29,
        "one row per multipart operation in the spec"
    );

    // One answer that decodes as each success type: SentMessage, ResponseSuccess and Product.
    let mut answer = serde_json::Map::new();
    for name in ["sent_message.json", "response_success.json", "product.json"] {
        answer.extend(fixture(name).as_object().expect("an object").clone());
    }
    for (verb, route, _) in &table {
        Mock::given(method(*verb))
            .and(path(*route))
            .and(header_regex(
                "content-type",
                "^multipart/form-data; boundary=",
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .expect(1)
            .named(format!("{verb} {route}"))
            .mount(&server)
            .await;
    }

    let mut routes = Vec::new();
    for (verb, route, call) in table {
        if let Err(error) = call.await {
            panic!("{verb} {route}: {error}");
        }
        routes.push(format!("{verb} {route}"));
    }

    let sent: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(sent, routes, "each call went to its own route, in order");
    server.verify().await;
}
