//! Interactive messages: reply buttons and lists.

use super::each;
use super::template::unique;
use crate::error::{ValidationError, Violation};
use crate::limits;

/// A text with up to [`REPLY_BUTTONS_MAX`](limits::REPLY_BUTTONS_MAX) reply buttons; the
/// tapped button's id comes back in the webhook.
///
/// ```
/// use whatsapp_sdk::{Message, message::Buttons};
///
/// let message = Message::new(
///     Buttons::new("Your table for 2 at 19:00 is ready to book.")
///         .with_header("Booking")
///         .with_footer("Reply within 10 minutes")
///         .with_button("book", "Book it")
///         .with_button("later", "Later"),
/// )?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buttons {
    pub(crate) body: String,
    pub(crate) header: Option<String>,
    pub(crate) footer: Option<String>,
    pub(crate) buttons: Vec<ReplyButton>,
}

/// One reply button: an id returned when tapped and the title shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyButton {
    /// Returned in the webhook when the button is tapped.
    pub id: String,
    /// Shown on the button.
    pub title: String,
}

impl Buttons {
    /// A buttons message with `body` text; add buttons with [`with_button`](Self::with_button).
    pub fn new(body: impl Into<String>) -> Self {
        Buttons {
            body: body.into(),
            header: None,
            footer: None,
            buttons: Vec::new(),
        }
    }

    /// Adds a button.
    pub fn with_button(mut self, id: impl Into<String>, title: impl Into<String>) -> Self {
        self.buttons.push(ReplyButton {
            id: id.into(),
            title: title.into(),
        });
        self
    }

    /// A text header above the body.
    pub fn with_header(mut self, header: impl Into<String>) -> Self {
        self.header = Some(header.into());
        self
    }

    /// A footer below the body.
    pub fn with_footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }

    /// The body text.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The header.
    pub fn header(&self) -> Option<&str> {
        self.header.as_deref()
    }

    /// The footer.
    pub fn footer(&self) -> Option<&str> {
        self.footer.as_deref()
    }

    /// The buttons.
    pub fn buttons(&self) -> &[ReplyButton] {
        &self.buttons
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        validate_frame(&self.body, self.header.as_deref(), self.footer.as_deref())?;
        limits::items("buttons", self.buttons.len(), 1, limits::REPLY_BUTTONS_MAX)?;
        each("buttons", &self.buttons, |b| {
            limits::text("id", &b.id, limits::REPLY_BUTTON_ID_MAX_CHARS)?;
            limits::text("title", &b.title, limits::REPLY_BUTTON_TITLE_MAX_CHARS)
        })?;
        unique("buttons.id", self.buttons.iter().map(|b| b.id.as_str()))?;
        unique(
            "buttons.title",
            self.buttons.iter().map(|b| b.title.as_str()),
        )
    }
}

/// A text with a button that opens a list of up to [`LIST_ROWS_MAX`](limits::LIST_ROWS_MAX)
/// rows in up to [`LIST_SECTIONS_MAX`](limits::LIST_SECTIONS_MAX) sections.
///
/// ```
/// use whatsapp_sdk::{Message, message::{List, ListSection}};
///
/// let message = Message::new(
///     List::new("Which slot suits you?", "Pick a slot")
///         .with_section(
///             ListSection::new("Tomorrow")
///                 .with_row("tue-09", "09:00", Some("Morning"))
///                 .with_row("tue-14", "14:00", None::<String>),
///         ),
/// )?;
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub(crate) body: String,
    pub(crate) button: String,
    pub(crate) header: Option<String>,
    pub(crate) footer: Option<String>,
    pub(crate) sections: Vec<ListSection>,
}

/// A titled group of rows in a [`List`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSection {
    pub(crate) title: Option<String>,
    pub(crate) rows: Vec<ListRow>,
}

/// One choice in a [`List`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListRow {
    /// Returned in the webhook when chosen.
    pub id: String,
    /// Shown.
    pub title: String,
    /// Shown under the title.
    pub description: Option<String>,
}

impl List {
    /// A list message with `body` text and `button` as the text of the button that opens it.
    pub fn new(body: impl Into<String>, button: impl Into<String>) -> Self {
        List {
            body: body.into(),
            button: button.into(),
            header: None,
            footer: None,
            sections: Vec::new(),
        }
    }

    /// Adds a section.
    pub fn with_section(mut self, section: ListSection) -> Self {
        self.sections.push(section);
        self
    }

    /// A text header above the body.
    pub fn with_header(mut self, header: impl Into<String>) -> Self {
        self.header = Some(header.into());
        self
    }

    /// A footer below the body.
    pub fn with_footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }

    /// The body text.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The text of the button that opens the list.
    pub fn button(&self) -> &str {
        &self.button
    }

    /// The header.
    pub fn header(&self) -> Option<&str> {
        self.header.as_deref()
    }

    /// The footer.
    pub fn footer(&self) -> Option<&str> {
        self.footer.as_deref()
    }

    /// The sections.
    pub fn sections(&self) -> &[ListSection] {
        &self.sections
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        validate_frame(&self.body, self.header.as_deref(), self.footer.as_deref())?;
        limits::text("button", &self.button, limits::LIST_BUTTON_MAX_CHARS)?;
        limits::items(
            "sections",
            self.sections.len(),
            1,
            limits::LIST_SECTIONS_MAX,
        )?;
        let rows: usize = self.sections.iter().map(|s| s.rows.len()).sum();
        limits::items("sections[*].rows", rows, 1, limits::LIST_ROWS_MAX)?;
        let several = self.sections.len() > 1;
        each("sections", &self.sections, |section| {
            match &section.title {
                Some(title) => limits::text("title", title, limits::LIST_SECTION_TITLE_MAX_CHARS)?,
                // WhatsApp needs a title on each section once there are several.
                None if several => return Err(ValidationError::new("title", Violation::Empty)),
                None => {}
            }
            limits::items("rows", section.rows.len(), 1, usize::MAX)?;
            each("rows", &section.rows, |row| {
                limits::text("id", &row.id, limits::LIST_ROW_ID_MAX_CHARS)?;
                limits::text("title", &row.title, limits::LIST_ROW_TITLE_MAX_CHARS)?;
                match &row.description {
                    Some(text) => limits::at_most_chars(
                        "description",
                        text,
                        limits::LIST_ROW_DESCRIPTION_MAX_CHARS,
                    ),
                    None => Ok(()),
                }
            })
        })?;
        unique(
            "sections[*].rows.id",
            self.sections
                .iter()
                .flat_map(|s| s.rows.iter().map(|r| r.id.as_str())),
        )
    }
}

impl ListSection {
    /// A section titled `title`.
    pub fn new(title: impl Into<String>) -> Self {
        ListSection {
            title: Some(title.into()),
            rows: Vec::new(),
        }
    }

    /// A section without a title, allowed when it is the list's only one.
    pub fn untitled() -> Self {
        ListSection {
            title: None,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn with_row(
        mut self,
        id: impl Into<String>,
        title: impl Into<String>,
        description: Option<impl Into<String>>,
    ) -> Self {
        self.rows.push(ListRow {
            id: id.into(),
            title: title.into(),
            description: description.map(Into::into),
        });
        self
    }

    /// The title.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The rows.
    pub fn rows(&self) -> &[ListRow] {
        &self.rows
    }
}

/// Body, header and footer limits shared by buttons and lists.
fn validate_frame(
    body: &str,
    header: Option<&str>,
    footer: Option<&str>,
) -> Result<(), ValidationError> {
    limits::text("body", body, limits::INTERACTIVE_BODY_MAX_CHARS)?;
    if let Some(header) = header {
        limits::text("header", header, limits::INTERACTIVE_HEADER_MAX_CHARS)?;
    }
    if let Some(footer) = footer {
        limits::text("footer", footer, limits::INTERACTIVE_FOOTER_MAX_CHARS)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;

    fn field(content: impl Into<crate::message::Content>) -> String {
        Message::new(content).unwrap_err().field().to_owned()
    }

    #[test]
    fn button_limits_name_their_field() {
        let four = (0..4).fold(Buttons::new("b"), |b, i| {
            b.with_button(format!("{i}"), format!("t{i}"))
        });
        assert_eq!(field(four), "buttons");
        assert_eq!(field(Buttons::new("b")), "buttons");
        assert_eq!(
            field(Buttons::new("b").with_button("a", "x".repeat(21))),
            "buttons[0].title"
        );
        assert_eq!(
            field(
                Buttons::new("b")
                    .with_button("a", "x")
                    .with_button("a", "y")
            ),
            "buttons.id"
        );
        assert_eq!(
            field(Buttons::new("b".repeat(1025)).with_button("a", "x")),
            "body"
        );
        assert_eq!(
            field(
                Buttons::new("b")
                    .with_footer("f".repeat(61))
                    .with_button("a", "x")
            ),
            "footer"
        );
    }

    #[test]
    fn list_limits_count_rows_over_all_sections() {
        let section = |title: &str, from: usize| {
            (from..from + 6).fold(ListSection::new(title), |s, i| {
                s.with_row(format!("r{i}"), "t", None::<String>)
            })
        };
        let eleven_rows = List::new("b", "Open")
            .with_section(section("a", 0))
            .with_section(section("b", 6));
        assert_eq!(field(eleven_rows), "sections[*].rows");
        let long_row = List::new("b", "Open").with_section(ListSection::untitled().with_row(
            "r",
            "x".repeat(25),
            None::<String>,
        ));
        assert_eq!(field(long_row), "sections[0].rows[0].title");
        let untitled = List::new("b", "Open")
            .with_section(ListSection::untitled().with_row("a", "t", None::<String>))
            .with_section(ListSection::new("s").with_row("b", "t", None::<String>));
        assert_eq!(field(untitled), "sections[0].title");
        let eleven_sections = (0..11).fold(List::new("b", "Open"), |l, i| {
            l.with_section(ListSection::new(format!("s{i}")))
        });
        assert_eq!(field(eleven_sections), "sections");
        let long_button = List::new("b", "x".repeat(21))
            .with_section(ListSection::untitled().with_row("r", "t", None::<String>));
        assert_eq!(field(long_button), "button");
    }
}
