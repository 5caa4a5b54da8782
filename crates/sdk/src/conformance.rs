//! The contract every messenger meets, run against each adapter on the sandbox and against the
//! in-memory messenger (feature `conformance`). Not a stable API: it exists for this crate's
//! tests and for the contract runner, as object_store's `integration.rs` does.
//!
//! Each [`Case`] is a message the suite sends. A messenger whose capabilities cover the case
//! must send it, and the requests the sandbox received must match the golden file
//! `tests/data/conformance/<provider>/<case>.json`; otherwise it must refuse it with
//! [`Error::Unsupported`] before any request. `WHATSAPP_SDK_BLESS=1` rewrites the golden files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::capability::Capabilities;
use crate::error::{Error, ErrorKind};
use crate::message::{
    Audio, ButtonParameter, Buttons, Contact, Document, HeaderParameter, Image, List, ListSection,
    Location, Parameter, PhoneKind, Reaction, Sticker, Template, Text, Video,
};
use crate::sandbox::{Recorded, Sandbox};
use crate::{
    DynMessenger, Feature, InMemoryMessenger, MediaSource, MediaUpload, Message, MessageId,
    Messenger, MessengerExt, Provider, Recipient, SendOptions,
};

/// One message the suite sends.
#[derive(Debug, Clone)]
pub struct Case {
    /// Also the golden file's name.
    pub name: &'static str,
    /// The recipient.
    pub to: Recipient,
    /// The message.
    pub message: Message,
    /// The options.
    pub options: SendOptions,
}

impl Case {
    /// What a messenger needs to send this case.
    pub fn needs(&self) -> Capabilities {
        let needs = self.message.features();
        if matches!(self.to, Recipient::Group(_)) {
            needs.with(Feature::GroupRecipient)
        } else {
            needs
        }
    }
}

/// A small valid PNG (1x1, transparent), for uploads.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// A small PDF, for documents.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// The Cloud API `wamid` the reply, reaction and mark-read cases refer to.
const WAMID: &str = "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUI2";

/// The message the reply, reaction and mark-read cases refer to, with an id in `provider`'s
/// form: a `wamid` for the providers on WhatsApp's Business APIs, a Whapi message id (the
/// spec's `MessageID` pattern) for Whapi.Cloud, which refuses a `wamid` before sending.
pub fn referenced_message(provider: Provider) -> MessageId {
    match provider {
        Provider::Whapi => MessageId::from("PsqXn5SAD5v7HRA-wHqGuKMTbCs"),
        _ => MessageId::from(WAMID),
    }
}

/// The stored file the `image_id` case sends by id, in `provider`'s form: a Meta media id, or
/// for Whapi.Cloud the file its sandbox channel starts with ([`Sandbox::WHAPI_MEDIA_ID`]; Whapi
/// answers 404 for an id it does not store).
pub fn stored_media(provider: Provider) -> crate::MediaId {
    match provider {
        Provider::Whapi => crate::MediaId::from(Sandbox::WHAPI_MEDIA_ID),
        _ => crate::MediaId::from("1037543291543636"),
    }
}

/// Every case, at least one per message feature, with the Cloud API's ids; see
/// [`cases_for`].
pub fn cases() -> Vec<Case> {
    cases_for(Provider::Cloud)
}

/// Every case, the messages and media they refer to named by ids in `provider`'s form
/// ([`referenced_message`], [`stored_media`]).
pub fn cases_for(provider: Provider) -> Vec<Case> {
    let referenced = referenced_message(provider);
    let referenced = referenced.as_str();
    let stored = stored_media(provider);
    let phone: Recipient = "+14155550123".parse().expect("valid number");
    let group: Recipient = "120363025246125486@g.us".parse().expect("valid group");
    let link = |url: &str| MediaSource::link(url).expect("valid link");
    let png = || MediaUpload::new(PNG, "image/png").with_file_name("pixel.png");
    let pdf = || MediaUpload::new(PDF, "application/pdf").with_file_name("invoice-1234.pdf");
    let message = |content: crate::Content| Message::new(content).expect("valid message");
    let case = |name, to: &Recipient, message| Case {
        name,
        to: to.clone(),
        message,
        options: SendOptions::new(),
    };
    vec![
        case(
            "text",
            &phone,
            Message::text("Your order has shipped.").expect("valid"),
        ),
        case(
            "text_with_preview",
            &phone,
            message(
                Text::new("Track it at https://example.com/track/1234")
                    .with_preview_url(true)
                    .into(),
            ),
        ),
        case(
            "text_reply",
            &phone,
            Message::text("Thanks, noted!")
                .expect("valid")
                .in_reply_to(referenced)
                .expect("valid"),
        ),
        case(
            "text_to_group",
            &group,
            Message::text("Meeting at 10.").expect("valid"),
        ),
        case(
            "image_link",
            &phone,
            message(
                Image::new(link("https://example.com/menu.jpg"))
                    .with_caption("Today's menu")
                    .into(),
            ),
        ),
        case(
            "image_id",
            &phone,
            message(Image::new(MediaSource::Id(stored)).into()),
        ),
        case(
            "image_bytes",
            &phone,
            message(Image::new(png()).with_caption("A pixel").into()),
        ),
        case(
            "video_link",
            &phone,
            message(
                Video::new(link("https://example.com/how-to.mp4"))
                    .with_caption("How to")
                    .into(),
            ),
        ),
        case(
            "audio_link",
            &phone,
            message(Audio::new(link("https://example.com/note.ogg")).into()),
        ),
        case(
            "document_bytes",
            &phone,
            message(Document::new(pdf()).with_caption("Your invoice").into()),
        ),
        case(
            "document_link",
            &phone,
            message(
                Document::new(link("https://example.com/invoice-1234.pdf"))
                    .with_file_name("invoice-1234.pdf")
                    .into(),
            ),
        ),
        case(
            "sticker_link",
            &phone,
            message(Sticker::new(link("https://example.com/thumbs-up.webp")).into()),
        ),
        case(
            "location",
            &phone,
            message(
                Location::new(52.520008, 13.404954)
                    .with_name("Our shop")
                    .with_address("Alexanderplatz 1, Berlin")
                    .into(),
            ),
        ),
        case(
            "contacts",
            &phone,
            message(
                Contact::new("ACME Support")
                    .with_first_name("ACME")
                    .with_last_name("Support")
                    .with_phone("+1 415 555 0100", Some(PhoneKind::Work))
                    .with_email("support@example.com", None)
                    .into(),
            ),
        ),
        case(
            "template",
            &phone,
            message(
                Template::new("order_update", "en_US")
                    .with_body_parameter(Parameter::text("Ada"))
                    .with_body_parameter(Parameter::text("#1234"))
                    .into(),
            ),
        ),
        case(
            "template_with_header_and_buttons",
            &phone,
            message(
                Template::new("order_shipped", "en_US")
                    .with_header(HeaderParameter::Image(link("https://example.com/box.jpg")))
                    .with_body_parameter(Parameter::text("Ada"))
                    .with_button(ButtonParameter::QuickReply {
                        index: 0,
                        payload: "track-1234".into(),
                    })
                    .into(),
            ),
        ),
        case(
            "template_named",
            &phone,
            message(
                Template::new("order_update_named", "en_US")
                    .with_body_parameter(Parameter::text("Ada").named("customer_name"))
                    .into(),
            ),
        ),
        case(
            "buttons",
            &phone,
            message(
                Buttons::new("Is the delivery time OK?")
                    .with_button("yes", "Yes")
                    .with_button("no", "No, change it")
                    .into(),
            ),
        ),
        case(
            "list",
            &phone,
            message(
                List::new("Which slot suits you?", "Pick a slot")
                    .with_section(
                        ListSection::new("Tomorrow")
                            .with_row("tue-09", "09:00", Some("Morning"))
                            .with_row("tue-14", "14:00", None::<String>),
                    )
                    .into(),
            ),
        ),
        case(
            "reaction",
            &phone,
            message(Reaction::new(referenced, "👍").into()),
        ),
        case(
            "reaction_removal",
            &phone,
            message(Reaction::remove(referenced).into()),
        ),
        Case {
            name: "text_with_provider_fields",
            to: phone.clone(),
            message: Message::text("Your code is 123456").expect("valid"),
            options: SendOptions::new().with_provider_field(
                Provider::Cloud,
                "biz_opaque_callback_data",
                json!("otp-42"),
            ),
        },
    ]
}

/// Where the golden files of `provider` live.
fn golden_dir(provider: Provider) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/conformance")
        .join(provider.as_str())
}

/// The recorded requests as the golden files hold them: method, path, query, the credential
/// header, content type and body (JSON as JSON, multipart as parts, other bytes by length).
pub fn describe(requests: &[Recorded]) -> Value {
    Value::Array(
        requests
            .iter()
            .map(|r| {
                let auth = ["authorization", "x-api-key"]
                    .iter()
                    .find_map(|h| r.headers.get(*h).map(|v| json!({*h: v.to_str().unwrap_or("<binary>")})));
                let content_type = r
                    .content_type()
                    .map(|c| c.split(';').next().unwrap_or_default().trim().to_owned());
                let body = if r.body.is_empty() {
                    Value::Null
                } else if let Some(json) = r.json() {
                    json
                } else if !r.parts().is_empty() {
                    json!({"multipart": r.parts().iter().map(|p| {
                        let text = p.file_name.is_none().then(|| std::str::from_utf8(&p.body).ok()).flatten();
                        json!({
                            "name": p.name,
                            "file_name": p.file_name,
                            "content_type": p.content_type,
                            "value": text.map_or_else(|| json!({"bytes": p.body.len()}), |t| json!(t)),
                        })
                    }).collect::<Vec<_>>()})
                } else {
                    json!({"bytes": r.body.len()})
                };
                json!({
                    "method": r.method.as_str(),
                    "path": r.path,
                    "query": r.query,
                    "auth": auth,
                    "content_type": content_type,
                    "body": body,
                    "status": r.status,
                })
            })
            .collect(),
    )
}

/// Compares `actual` with the golden file `name` of `provider` (or writes it when blessing).
pub fn assert_golden(provider: Provider, name: &str, actual: &Value) {
    let path = golden_dir(provider).join(format!("{name}.json"));
    let pretty = serde_json::to_string_pretty(actual).expect("JSON serializes") + "\n";
    if std::env::var_os("WHATSAPP_SDK_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("creatable");
        std::fs::write(&path, pretty).expect("writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with WHATSAPP_SDK_BLESS=1 to write it, then review it",
            path.display()
        )
    });
    let expected: Value = serde_json::from_str(&expected).expect("golden files are JSON");
    assert!(
        expected == *actual,
        "{provider} `{name}`: the wire requests differ from {}\nexpected: {}\nactual:   {pretty}",
        path.display(),
        serde_json::to_string_pretty(&expected).unwrap_or_default(),
    );
}

/// Every case: sent and matching its golden file when supported, refused with no traffic
/// when not.
pub async fn sends_every_case(messenger: &DynMessenger, sandbox: &Sandbox) {
    let provider = messenger.provider();
    let capabilities = messenger.capabilities();
    for case in cases_for(provider) {
        sandbox.clear_requests();
        let outcome = messenger
            .send_opts(&case.to, &case.message, &case.options)
            .await;
        let requests = sandbox.requests();
        match capabilities.first_missing(case.needs()) {
            None => {
                let sent = outcome.unwrap_or_else(|e| panic!("{provider} `{}`: {e}", case.name));
                assert_eq!(sent.provider, provider);
                let last = requests
                    .last()
                    .unwrap_or_else(|| panic!("{provider} `{}`: no request", case.name));
                let answered: Value = serde_json::from_slice(&last.response).unwrap_or(Value::Null);
                assert_eq!(
                    sent.raw(),
                    &answered,
                    "{provider} `{}`: Sent::raw is the provider's answer",
                    case.name
                );
                if let Some(id) = &sent.id {
                    assert!(
                        String::from_utf8_lossy(&last.response).contains(id.as_str()),
                        "{provider} `{}`: the id {id} is not the one the provider answered",
                        case.name
                    );
                }
                assert_golden(provider, case.name, &describe(&requests));
            }
            Some(feature) => {
                match outcome {
                    Err(Error::Unsupported {
                        provider: p,
                        feature: f,
                    }) => {
                        assert_eq!((p, f), (provider, feature), "{provider} `{}`", case.name);
                    }
                    other => panic!(
                        "{provider} `{}` needs {feature}: expected Unsupported, got {other:?}",
                        case.name
                    ),
                }
                assert!(
                    requests.is_empty(),
                    "{provider} `{}`: refused, yet {} requests went out",
                    case.name,
                    requests.len()
                );
            }
        }
    }
}

/// Upload, download (the same bytes and type come back) and mark-read, each checked against
/// its golden file, or refused with no traffic.
pub async fn uploads_downloads_and_marks_read(messenger: &DynMessenger, sandbox: &Sandbox) {
    let provider = messenger.provider();
    let capabilities = messenger.capabilities();
    let upload = MediaUpload::new(PNG, "image/png").with_file_name("pixel.png");

    sandbox.clear_requests();
    let uploaded = messenger.upload_media(&upload).await;
    if capabilities.supports(Feature::UploadMedia) {
        let id = uploaded.unwrap_or_else(|e| panic!("{provider} upload: {e}"));
        assert_golden(provider, "upload_media", &describe(&sandbox.requests()));
        sandbox.clear_requests();
        let downloaded = messenger.download_media(&id).await;
        if capabilities.supports(Feature::DownloadMedia) {
            let media = downloaded.unwrap_or_else(|e| panic!("{provider} download: {e}"));
            assert_eq!(
                &media.bytes[..],
                PNG,
                "{provider}: the downloaded bytes are the uploaded ones"
            );
            assert_eq!(
                media.mime_type.as_deref(),
                Some("image/png"),
                "{provider}: MIME type kept"
            );
            assert_golden(provider, "download_media", &describe(&sandbox.requests()));
        } else {
            expect_unsupported(
                provider,
                Feature::DownloadMedia,
                downloaded.map(|_| ()),
                sandbox,
            );
        }
    } else {
        expect_unsupported(
            provider,
            Feature::UploadMedia,
            uploaded.map(|_| ()),
            sandbox,
        );
        let downloaded = messenger.download_media(&stored_media(provider)).await;
        if !capabilities.supports(Feature::DownloadMedia) {
            expect_unsupported(
                provider,
                Feature::DownloadMedia,
                downloaded.map(|_| ()),
                sandbox,
            );
        }
    }

    sandbox.clear_requests();
    let read = messenger.mark_read(&referenced_message(provider)).await;
    if capabilities.supports(Feature::MarkRead) {
        read.unwrap_or_else(|e| panic!("{provider} mark_read: {e}"));
        assert_golden(provider, "mark_read", &describe(&sandbox.requests()));
    } else {
        expect_unsupported(provider, Feature::MarkRead, read, sandbox);
    }
}

fn expect_unsupported(
    provider: Provider,
    feature: Feature,
    outcome: crate::Result<()>,
    sandbox: &Sandbox,
) {
    match outcome {
        Err(Error::Unsupported { feature: f, .. }) => assert_eq!(f, feature, "{provider}"),
        other => panic!("{provider} lacks {feature}: expected Unsupported, got {other:?}"),
    }
    assert!(
        sandbox.requests().is_empty(),
        "{provider}: {feature} refused, yet requests went out"
    );
}

/// The provider's documented error answers, each read into the right kind, with its code,
/// message and `Retry-After`; sent through a messenger that does not retry.
pub async fn maps_provider_errors(messenger: &DynMessenger, sandbox: &Sandbox) {
    let provider = messenger.provider();
    let to: Recipient = "+14155550123".parse().expect("valid");
    let text = Message::text("hello").expect("valid");
    for (name, answer, kind) in crate::sandbox::documented_errors(provider) {
        sandbox.answer_next(provider, answer.clone());
        let error = messenger.send(&to, &text).await.expect_err(name);
        assert_eq!(error.kind(), kind, "{provider} {name}: {error}");
        let details = error
            .provider_error()
            .unwrap_or_else(|| panic!("{provider} {name}: {error:?}"));
        assert_eq!(details.status, answer.status(), "{provider} {name}");
        assert!(
            details.message.is_some() || details.code.is_some(),
            "{provider} {name}: no code or message read from {:?}",
            details.body
        );
        if kind == ErrorKind::RateLimited {
            assert_eq!(
                error.retry_after(),
                Some(Duration::from_secs(2)),
                "{provider} {name}"
            );
            assert!(error.is_retryable());
        }
    }
}

/// The in-memory messenger imitating `provider`: the same cases, the same refusals.
pub async fn in_memory_imitates(provider: Provider) {
    let memory = InMemoryMessenger::like(provider);
    for case in cases_for(provider) {
        memory.clear();
        let outcome = memory
            .send_opts(&case.to, &case.message, &case.options)
            .await;
        match provider.capabilities().first_missing(case.needs()) {
            None => {
                let sent =
                    outcome.unwrap_or_else(|e| panic!("memory as {provider} `{}`: {e}", case.name));
                let log = memory.sent();
                assert_eq!(log.len(), 1);
                assert_eq!(log[0].message, case.message);
                assert_eq!(log[0].to, case.to);
                assert_eq!(Some(&log[0].id), sent.id.as_ref());
            }
            Some(feature) => {
                assert!(
                    matches!(outcome, Err(Error::Unsupported { feature: f, .. }) if f == feature),
                    "memory as {provider} `{}`",
                    case.name
                );
                assert!(memory.sent().is_empty());
            }
        }
    }
    let upload = MediaUpload::new(PNG, "image/png");
    match memory.upload_media(&upload).await {
        Ok(id) => {
            if provider.capabilities().supports(Feature::DownloadMedia) {
                let media = memory.download_media(&id).await.expect("uploaded");
                assert_eq!(&media.bytes[..], PNG);
            }
        }
        Err(Error::Unsupported { feature, .. }) => assert_eq!(feature, Feature::UploadMedia),
        Err(other) => panic!("memory as {provider}: {other}"),
    }
}
