//! Every public limit holds at its value and is refused one past it, with an error naming the
//! field and the limit.

use whatsapp_sdk::limits::*;
use whatsapp_sdk::message::{
    Audio, ButtonParameter, Buttons, Content, Document, HeaderParameter, Image, List, ListSection,
    Parameter, Sticker, Template, Text, Video,
};
use whatsapp_sdk::{MediaSource, MediaUpload, Message, Violation};

/// `at` is accepted and `over` refused at `field` with a violation of `limit`.
fn limit(name: &str, at: Content, over: Content, field: &str, limit: usize) {
    Message::new(at).unwrap_or_else(|e| panic!("{name}: the limit itself is refused: {e}"));
    let error = Message::new(over).expect_err(name);
    assert_eq!(error.field(), field, "{name}: {error}");
    let max = match error.violation() {
        Violation::TooLong { max, .. } | Violation::TooMany { max, .. } => *max,
        Violation::TooLarge { max_bytes, .. } => {
            usize::try_from(*max_bytes).expect("limits fit in usize")
        }
        Violation::OutOfRange { max, .. } => *max as usize,
        other => panic!("{name}: unexpected violation {other:?}"),
    };
    assert_eq!(max, limit, "{name}: {error}");
    assert!(
        error.to_string().contains(&limit.to_string()),
        "{name}: the message names the limit: {error}"
    );
}

fn text(n: usize) -> String {
    "x".repeat(n)
}

fn buttons(n: usize) -> Buttons {
    (0..n).fold(Buttons::new("b"), |b, i| {
        b.with_button(format!("id{i}"), format!("t{i}"))
    })
}

fn list_with(rows: usize, sections: usize) -> List {
    let mut list = List::new("b", "Open");
    let mut row = 0;
    for s in 0..sections {
        let mut section = ListSection::new(format!("s{s}"));
        let here = rows / sections + usize::from(s < rows % sections);
        for _ in 0..here {
            section = section.with_row(format!("r{row}"), "t", None::<String>);
            row += 1;
        }
        list = list.with_section(section);
    }
    list
}

fn one_row(id: &str, title: &str, description: Option<&str>) -> List {
    List::new("b", "Open").with_section(ListSection::untitled().with_row(id, title, description))
}

fn upload(bytes: usize, mime: &str) -> MediaSource {
    MediaSource::bytes(MediaUpload::new(vec![0u8; bytes], mime))
}

#[test]
fn text_and_caption_limits() {
    limit(
        "text",
        Text::new(text(TEXT_MAX_CHARS)).into(),
        Text::new(text(TEXT_MAX_CHARS + 1)).into(),
        "text.body",
        TEXT_MAX_CHARS,
    );
    let id = || MediaSource::id("1");
    limit(
        "caption",
        Image::new(id())
            .with_caption(text(CAPTION_MAX_CHARS))
            .into(),
        Image::new(id())
            .with_caption(text(CAPTION_MAX_CHARS + 1))
            .into(),
        "image.caption",
        CAPTION_MAX_CHARS,
    );
}

#[test]
fn reply_button_limits() {
    limit(
        "buttons",
        buttons(REPLY_BUTTONS_MAX).into(),
        buttons(REPLY_BUTTONS_MAX + 1).into(),
        "buttons",
        REPLY_BUTTONS_MAX,
    );
    limit(
        "button title",
        Buttons::new("b")
            .with_button("a", text(REPLY_BUTTON_TITLE_MAX_CHARS))
            .into(),
        Buttons::new("b")
            .with_button("a", text(REPLY_BUTTON_TITLE_MAX_CHARS + 1))
            .into(),
        "buttons[0].title",
        REPLY_BUTTON_TITLE_MAX_CHARS,
    );
    limit(
        "button id",
        Buttons::new("b")
            .with_button(text(REPLY_BUTTON_ID_MAX_CHARS), "t")
            .into(),
        Buttons::new("b")
            .with_button(text(REPLY_BUTTON_ID_MAX_CHARS + 1), "t")
            .into(),
        "buttons[0].id",
        REPLY_BUTTON_ID_MAX_CHARS,
    );
    limit(
        "interactive body",
        Buttons::new(text(INTERACTIVE_BODY_MAX_CHARS))
            .with_button("a", "t")
            .into(),
        Buttons::new(text(INTERACTIVE_BODY_MAX_CHARS + 1))
            .with_button("a", "t")
            .into(),
        "body",
        INTERACTIVE_BODY_MAX_CHARS,
    );
    limit(
        "interactive header",
        buttons(1)
            .with_header(text(INTERACTIVE_HEADER_MAX_CHARS))
            .into(),
        buttons(1)
            .with_header(text(INTERACTIVE_HEADER_MAX_CHARS + 1))
            .into(),
        "header",
        INTERACTIVE_HEADER_MAX_CHARS,
    );
    limit(
        "interactive footer",
        buttons(1)
            .with_footer(text(INTERACTIVE_FOOTER_MAX_CHARS))
            .into(),
        buttons(1)
            .with_footer(text(INTERACTIVE_FOOTER_MAX_CHARS + 1))
            .into(),
        "footer",
        INTERACTIVE_FOOTER_MAX_CHARS,
    );
}

#[test]
fn list_limits() {
    limit(
        "rows",
        list_with(LIST_ROWS_MAX, 2).into(),
        list_with(LIST_ROWS_MAX + 1, 2).into(),
        "sections[*].rows",
        LIST_ROWS_MAX,
    );
    limit(
        "sections",
        list_with(LIST_SECTIONS_MAX, LIST_SECTIONS_MAX).into(),
        (0..=LIST_SECTIONS_MAX)
            .fold(List::new("b", "Open"), |list, i| {
                list.with_section(ListSection::new(format!("s{i}")).with_row(
                    format!("r{i}"),
                    "t",
                    None::<String>,
                ))
            })
            .into(),
        "sections",
        LIST_SECTIONS_MAX,
    );
    limit(
        "row title",
        one_row("r", &text(LIST_ROW_TITLE_MAX_CHARS), None).into(),
        one_row("r", &text(LIST_ROW_TITLE_MAX_CHARS + 1), None).into(),
        "sections[0].rows[0].title",
        LIST_ROW_TITLE_MAX_CHARS,
    );
    limit(
        "row description",
        one_row("r", "t", Some(&text(LIST_ROW_DESCRIPTION_MAX_CHARS))).into(),
        one_row("r", "t", Some(&text(LIST_ROW_DESCRIPTION_MAX_CHARS + 1))).into(),
        "sections[0].rows[0].description",
        LIST_ROW_DESCRIPTION_MAX_CHARS,
    );
    limit(
        "row id",
        one_row(&text(LIST_ROW_ID_MAX_CHARS), "t", None).into(),
        one_row(&text(LIST_ROW_ID_MAX_CHARS + 1), "t", None).into(),
        "sections[0].rows[0].id",
        LIST_ROW_ID_MAX_CHARS,
    );
    let section = |title: String| {
        List::new("b", "Open").with_section(ListSection::new(title).with_row(
            "r",
            "t",
            None::<String>,
        ))
    };
    limit(
        "section title",
        section(text(LIST_SECTION_TITLE_MAX_CHARS)).into(),
        section(text(LIST_SECTION_TITLE_MAX_CHARS + 1)).into(),
        "sections[0].title",
        LIST_SECTION_TITLE_MAX_CHARS,
    );
    let button = |b: String| {
        List::new("b", b).with_section(ListSection::untitled().with_row("r", "t", None::<String>))
    };
    limit(
        "list button",
        button(text(LIST_BUTTON_MAX_CHARS)).into(),
        button(text(LIST_BUTTON_MAX_CHARS + 1)).into(),
        "button",
        LIST_BUTTON_MAX_CHARS,
    );
}

#[test]
fn template_limits() {
    limit(
        "template name",
        Template::new(text(TEMPLATE_NAME_MAX_CHARS), "en").into(),
        Template::new(text(TEMPLATE_NAME_MAX_CHARS + 1), "en").into(),
        "template.name",
        TEMPLATE_NAME_MAX_CHARS,
    );
    let header =
        |n| Template::new("t", "en").with_header(HeaderParameter::Text(Parameter::text(text(n))));
    limit(
        "header text",
        header(TEMPLATE_HEADER_TEXT_MAX_CHARS).into(),
        header(TEMPLATE_HEADER_TEXT_MAX_CHARS + 1).into(),
        "template.header.text",
        TEMPLATE_HEADER_TEXT_MAX_CHARS,
    );
    let code = |n| {
        Template::new("t", "en").with_button(ButtonParameter::CopyCode {
            index: 0,
            code: text(n),
        })
    };
    limit(
        "coupon code",
        code(TEMPLATE_COUPON_CODE_MAX_CHARS).into(),
        code(TEMPLATE_COUPON_CODE_MAX_CHARS + 1).into(),
        "template.buttons[0].coupon_code",
        TEMPLATE_COUPON_CODE_MAX_CHARS,
    );
    let index = |index| {
        Template::new("t", "en").with_button(ButtonParameter::QuickReply {
            index,
            payload: "p".into(),
        })
    };
    limit(
        "button index",
        index(TEMPLATE_BUTTON_INDEX_MAX).into(),
        index(TEMPLATE_BUTTON_INDEX_MAX + 1).into(),
        "template.buttons[0].index",
        usize::from(TEMPLATE_BUTTON_INDEX_MAX),
    );
}

#[test]
fn media_size_limits_per_kind() {
    let size = |n: u64| usize::try_from(n).unwrap();
    limit(
        "image",
        Image::new(upload(size(IMAGE_MAX_BYTES), "image/jpeg")).into(),
        Image::new(upload(size(IMAGE_MAX_BYTES) + 1, "image/jpeg")).into(),
        "image.bytes",
        size(IMAGE_MAX_BYTES),
    );
    limit(
        "video",
        Video::new(upload(size(VIDEO_MAX_BYTES), "video/mp4")).into(),
        Video::new(upload(size(VIDEO_MAX_BYTES) + 1, "video/mp4")).into(),
        "video.bytes",
        size(VIDEO_MAX_BYTES),
    );
    limit(
        "audio",
        Audio::new(upload(size(AUDIO_MAX_BYTES), "audio/ogg")).into(),
        Audio::new(upload(size(AUDIO_MAX_BYTES) + 1, "audio/ogg")).into(),
        "audio.bytes",
        size(AUDIO_MAX_BYTES),
    );
    limit(
        "sticker",
        Sticker::new(upload(size(STICKER_MAX_BYTES), "image/webp")).into(),
        Sticker::new(upload(size(STICKER_MAX_BYTES) + 1, "image/webp")).into(),
        "sticker.bytes",
        size(STICKER_MAX_BYTES),
    );
    limit(
        "document",
        Document::new(upload(size(DOCUMENT_MAX_BYTES), "application/pdf")).into(),
        Document::new(upload(size(DOCUMENT_MAX_BYTES) + 1, "application/pdf")).into(),
        "document.bytes",
        size(DOCUMENT_MAX_BYTES),
    );
}

#[test]
fn media_types_per_kind() {
    for (kind, allowed, refused) in [
        ("image", IMAGE_MIME_TYPES, "image/webp"),
        ("video", VIDEO_MIME_TYPES, "video/quicktime"),
        ("audio", AUDIO_MIME_TYPES, "audio/wav"),
        ("document", DOCUMENT_MIME_TYPES, "application/zip"),
        ("sticker", STICKER_MIME_TYPES, "image/png"),
    ] {
        let content = |mime: &str| -> Content {
            let source = upload(1, mime);
            match kind {
                "image" => Image::new(source).into(),
                "video" => Video::new(source).into(),
                "audio" => Audio::new(source).into(),
                "document" => Document::new(source).into(),
                _ => Sticker::new(source).into(),
            }
        };
        for mime in allowed {
            Message::new(content(mime)).unwrap_or_else(|e| panic!("{kind} {mime}: {e}"));
        }
        let error = Message::new(content(refused)).expect_err(refused);
        assert_eq!(error.field(), format!("{kind}.mime_type"));
        assert!(
            matches!(error.violation(), Violation::MimeType { .. }),
            "{error}"
        );
    }
}
