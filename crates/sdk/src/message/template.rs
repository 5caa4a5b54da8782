//! Template messages: a pre-approved template with its parameters.

use super::{each, source_feature};
use crate::MediaSource;
use crate::capability::{Capabilities, Feature};
use crate::error::{ValidationError, Violation};
use crate::limits;
use crate::media::MediaKind;
use crate::message::Location;

/// A message from a template approved for the sending account, the only kind that may open a
/// conversation outside the 24-hour customer-service window.
///
/// Parameters fill the template's placeholders in order (`{{1}}`, `{{2}}`, …) or by name
/// (`{{order_id}}`), not both in one component.
///
/// ```
/// use whatsapp_sdk::{MediaSource, Message, message::{ButtonParameter, HeaderParameter, Parameter, Template}};
///
/// let positional = Template::new("order_update", "en_US")
///     .with_header(HeaderParameter::Image(MediaSource::link("https://example.com/box.jpg")?))
///     .with_body_parameter(Parameter::text("Ada"))
///     .with_body_parameter(Parameter::text("#1234"))
///     .with_button(ButtonParameter::QuickReply { index: 0, payload: "track-1234".into() });
/// let named = Template::new("order_update_named", "en_US")
///     .with_body_parameter(Parameter::text("Ada").named("customer_name"));
/// Message::new(positional)?;
/// Message::new(named)?;
///
/// let mixed = Template::new("order_update", "en_US")
///     .with_body_parameter(Parameter::text("Ada").named("customer_name"))
///     .with_body_parameter(Parameter::text("#1234"));
/// assert_eq!(Message::new(mixed).unwrap_err().field(), "template.body");
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub(crate) name: String,
    pub(crate) language: String,
    pub(crate) header: Option<HeaderParameter>,
    pub(crate) body: Vec<Parameter>,
    pub(crate) buttons: Vec<ButtonParameter>,
}

/// One value for a template placeholder, positional or (with [`named`](Parameter::named)) by
/// name.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub(crate) name: Option<String>,
    pub(crate) value: ParameterValue,
}

/// The value of a template [`Parameter`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ParameterValue {
    /// Text.
    Text(String),
    /// An amount of money, localized by WhatsApp.
    Currency {
        /// Shown where localization is not possible.
        fallback: String,
        /// ISO 4217 code, e.g. `EUR`.
        code: String,
        /// The amount times 1000 (`12.5` is `12500`).
        amount_1000: i64,
    },
    /// A date and time, shown as given.
    DateTime {
        /// The text shown.
        fallback: String,
    },
}

/// The parameter of a template's header, matching the header's format.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HeaderParameter {
    /// A text header's placeholder, up to
    /// [`TEMPLATE_HEADER_TEXT_MAX_CHARS`](limits::TEMPLATE_HEADER_TEXT_MAX_CHARS) characters.
    Text(Parameter),
    /// An image header.
    Image(MediaSource),
    /// A video header.
    Video(MediaSource),
    /// A document header, with the file name shown.
    Document {
        /// The document.
        source: MediaSource,
        /// Its name.
        file_name: Option<String>,
    },
    /// A location header.
    Location(Location),
}

/// The parameter of one of a template's buttons, addressed by its index (0 to 9).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ButtonParameter {
    /// A quick-reply button: `payload` comes back in the webhook when it is tapped.
    QuickReply {
        /// The button's position.
        index: u8,
        /// Returned when tapped.
        payload: String,
    },
    /// A URL button with a dynamic suffix: `text` is appended to the template's URL.
    Url {
        /// The button's position.
        index: u8,
        /// The URL suffix.
        text: String,
    },
    /// A copy-code button.
    CopyCode {
        /// The button's position.
        index: u8,
        /// The code copied, up to
        /// [`TEMPLATE_COUPON_CODE_MAX_CHARS`](limits::TEMPLATE_COUPON_CODE_MAX_CHARS).
        code: String,
    },
}

impl ButtonParameter {
    /// The button's position in the template.
    pub fn index(&self) -> u8 {
        match self {
            ButtonParameter::QuickReply { index, .. }
            | ButtonParameter::Url { index, .. }
            | ButtonParameter::CopyCode { index, .. } => *index,
        }
    }
}

impl Parameter {
    /// A text parameter.
    pub fn text(text: impl Into<String>) -> Self {
        Parameter {
            name: None,
            value: ParameterValue::Text(text.into()),
        }
    }

    /// A currency parameter: `fallback` text, ISO 4217 `code`, the amount times 1000.
    pub fn currency(
        fallback: impl Into<String>,
        code: impl Into<String>,
        amount_1000: i64,
    ) -> Self {
        Parameter {
            name: None,
            value: ParameterValue::Currency {
                fallback: fallback.into(),
                code: code.into(),
                amount_1000,
            },
        }
    }

    /// A date-time parameter, shown as `fallback`.
    pub fn date_time(fallback: impl Into<String>) -> Self {
        Parameter {
            name: None,
            value: ParameterValue::DateTime {
                fallback: fallback.into(),
            },
        }
    }

    /// The same value for the placeholder named `name` (`{{name}}`).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The placeholder's name, for a named parameter.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The value.
    pub fn value(&self) -> &ParameterValue {
        &self.value
    }

    fn validate(&self, max_chars: usize) -> Result<(), ValidationError> {
        if let Some(name) = &self.name
            && !is_identifier(name)
        {
            return Err(ValidationError::new(
                "name",
                Violation::Format {
                    expected: "a placeholder name of lowercase letters, digits and `_`",
                },
            ));
        }
        match &self.value {
            ParameterValue::Text(text) => limits::text("text", text, max_chars),
            ParameterValue::DateTime { fallback } => {
                limits::text("date_time.fallback_value", fallback, max_chars)
            }
            ParameterValue::Currency { fallback, code, .. } => {
                limits::text("currency.fallback_value", fallback, max_chars)?;
                if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                    Ok(())
                } else {
                    Err(ValidationError::new(
                        "currency.code",
                        Violation::Format {
                            expected: "an ISO 4217 currency code such as `EUR`",
                        },
                    ))
                }
            }
        }
    }
}

impl Template {
    /// The template `name` in `language` (`en_US`, `pt_BR`, `de`), as approved.
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> Self {
        Template {
            name: name.into(),
            language: language.into(),
            header: None,
            body: Vec::new(),
            buttons: Vec::new(),
        }
    }

    /// The header's parameter.
    pub fn with_header(mut self, header: HeaderParameter) -> Self {
        self.header = Some(header);
        self
    }

    /// Adds a body parameter (the next positional placeholder, or a named one).
    pub fn with_body_parameter(mut self, parameter: Parameter) -> Self {
        self.body.push(parameter);
        self
    }

    /// Adds a button's parameter.
    pub fn with_button(mut self, button: ButtonParameter) -> Self {
        self.buttons.push(button);
        self
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The language code.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The header parameter.
    pub fn header(&self) -> Option<&HeaderParameter> {
        self.header.as_ref()
    }

    /// The body parameters.
    pub fn body(&self) -> &[Parameter] {
        &self.body
    }

    /// The button parameters.
    pub fn buttons(&self) -> &[ButtonParameter] {
        &self.buttons
    }

    /// Whether any parameter is named.
    pub fn uses_named_parameters(&self) -> bool {
        let header_named =
            matches!(&self.header, Some(HeaderParameter::Text(p)) if p.name.is_some());
        header_named || self.body.iter().any(|p| p.name.is_some())
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        limits::text("name", &self.name, limits::TEMPLATE_NAME_MAX_CHARS)?;
        if !is_identifier(&self.name) {
            return Err(ValidationError::new(
                "name",
                Violation::Format {
                    expected: "a template name of lowercase letters, digits and `_`",
                },
            ));
        }
        if !is_language(&self.language) {
            return Err(ValidationError::new(
                "language",
                Violation::Format {
                    expected: "a language code such as `en`, `en_US` or `pt_BR`",
                },
            ));
        }
        match &self.header {
            Some(HeaderParameter::Text(parameter)) => parameter
                .validate(limits::TEMPLATE_HEADER_TEXT_MAX_CHARS)
                .map_err(|e| e.within("header"))?,
            Some(HeaderParameter::Image(source)) => header_media(source, MediaKind::Image)?,
            Some(HeaderParameter::Video(source)) => header_media(source, MediaKind::Video)?,
            Some(HeaderParameter::Document { source, .. }) => {
                header_media(source, MediaKind::Document)?
            }
            Some(HeaderParameter::Location(location)) => location
                .validate()
                .map_err(|e| e.within("header.location"))?,
            None => {}
        }
        each("body", &self.body, |p| p.validate(usize::MAX))?;
        let named = self.body.iter().filter(|p| p.name.is_some()).count();
        if named != 0 && named != self.body.len() {
            return Err(ValidationError::new("body", Violation::MixedParameters));
        }
        unique("body", self.body.iter().filter_map(|p| p.name.as_deref()))?;
        each("buttons", &self.buttons, validate_button)?;
        unique(
            "buttons",
            self.buttons.iter().map(|b| b.index().to_string()),
        )
    }

    pub(crate) fn features(&self) -> Capabilities {
        let mut features = Capabilities::of(&[Feature::Template]);
        if self.uses_named_parameters() {
            features = features.with(Feature::TemplateNamedParameters);
        }
        if self.header.is_some() {
            features = features.with(Feature::TemplateHeader);
        }
        if !self.buttons.is_empty() {
            features = features.with(Feature::TemplateButtons);
        }
        match &self.header {
            Some(
                HeaderParameter::Image(source)
                | HeaderParameter::Video(source)
                | HeaderParameter::Document { source, .. },
            ) => features.with(source_feature(source)),
            _ => features,
        }
    }
}

fn header_media(source: &MediaSource, kind: MediaKind) -> Result<(), ValidationError> {
    match source {
        MediaSource::Bytes(upload) => upload.check(kind, "header"),
        MediaSource::Id(id) if id.as_str().trim().is_empty() => {
            Err(ValidationError::new("header.id", Violation::Empty))
        }
        _ => Ok(()),
    }
}

fn validate_button(button: &ButtonParameter) -> Result<(), ValidationError> {
    if button.index() > limits::TEMPLATE_BUTTON_INDEX_MAX {
        return Err(ValidationError::new(
            "index",
            Violation::OutOfRange {
                min: 0.0,
                max: f64::from(limits::TEMPLATE_BUTTON_INDEX_MAX),
                actual: f64::from(button.index()),
            },
        ));
    }
    match button {
        ButtonParameter::QuickReply { payload, .. } => limits::text("payload", payload, usize::MAX),
        ButtonParameter::Url { text, .. } => limits::text("text", text, usize::MAX),
        ButtonParameter::CopyCode { code, .. } => {
            limits::text("coupon_code", code, limits::TEMPLATE_COUPON_CODE_MAX_CHARS)
        }
    }
}

/// Fails on the first value seen twice.
pub(crate) fn unique<S: AsRef<str>>(
    field: &str,
    values: impl Iterator<Item = S>,
) -> Result<(), ValidationError> {
    let mut seen = std::collections::HashSet::new();
    for value in values {
        if !seen.insert(value.as_ref().to_owned()) {
            return Err(ValidationError::new(
                field,
                Violation::Duplicate {
                    value: value.as_ref().to_owned(),
                },
            ));
        }
    }
    Ok(())
}

/// Lowercase ASCII letters, digits and `_`, as Meta allows in template and placeholder names.
fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `ll`, `lll`, `ll_CC` or `ll_Scrp` (`zh_Hans` style), the codes WhatsApp templates use.
fn is_language(code: &str) -> bool {
    let (language, region) = match code.split_once('_') {
        Some((language, region)) => (language, Some(region)),
        None => (code, None),
    };
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    let region_ok = region
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    language_ok && region_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;

    fn field(template: Template) -> String {
        Message::new(template).unwrap_err().field().to_owned()
    }

    #[test]
    fn names_languages_and_parameters_are_checked() {
        assert_eq!(
            field(Template::new("Order Update", "en_US")),
            "template.name"
        );
        assert_eq!(
            field(Template::new("order", "english")),
            "template.language"
        );
        assert_eq!(
            field(Template::new("order", "en").with_body_parameter(Parameter::text(""))),
            "template.body[0].text"
        );
        assert_eq!(
            field(
                Template::new("order", "en")
                    .with_body_parameter(Parameter::text("x").named("Bad Name"))
            ),
            "template.body[0].name"
        );
        assert_eq!(
            field(
                Template::new("order", "en")
                    .with_body_parameter(Parameter::text("a").named("n"))
                    .with_body_parameter(Parameter::text("b").named("n"))
            ),
            "template.body"
        );
        assert_eq!(
            field(
                Template::new("order", "en")
                    .with_header(HeaderParameter::Text(Parameter::text("h".repeat(61))))
            ),
            "template.header.text"
        );
        assert_eq!(
            field(
                Template::new("order", "en").with_button(ButtonParameter::CopyCode {
                    index: 10,
                    code: "A".into()
                })
            ),
            "template.buttons[0].index"
        );
        assert_eq!(
            field(
                Template::new("order", "en")
                    .with_body_parameter(Parameter::currency("€1", "eur", 1000))
            ),
            "template.body[0].currency.code"
        );
        for ok in ["en", "en_US", "pt_BR", "zh_Hans", "fil"] {
            assert!(Message::new(Template::new("t", ok)).is_ok(), "{ok}");
        }
    }

    #[test]
    fn named_parameters_and_media_headers_need_their_features() {
        let named = Template::new("t", "en").with_body_parameter(Parameter::text("a").named("n"));
        assert!(named.features().supports(Feature::TemplateNamedParameters));
        let header =
            Template::new("t", "en").with_header(HeaderParameter::Image(MediaSource::id("1")));
        assert_eq!(
            header.features().iter().collect::<Vec<_>>(),
            [
                Feature::Template,
                Feature::TemplateHeader,
                Feature::MediaFromId
            ]
        );
    }
}
