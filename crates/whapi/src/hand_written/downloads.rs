//! The three operations whose success body is a file (a stored media file, the login QR code,
//! a group icon); progenitor would have decoded it as JSON.

use reqwest::StatusCode;
use whatsapp_sdk_runtime::{Download, Error, call};

use super::{path_segment, send};
use crate::client::PROVIDER;
use crate::{Client, ResponseValue, types};

/// What [`Client::get_media`] and [`Client::login_user_image`] return.
///
/// The spec lists only file types for their success response. A success the gateway sends as
/// JSON is decoded as JSON rather than handed back as bytes that look like a file; the spec
/// gives it no schema, so it stays an untyped [`serde_json::Value`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MediaOrJson {
    /// The file, with the `Content-Type` the gateway sent.
    File(Download),
    /// A JSON body (`application/json` or a `+json` type).
    Json(serde_json::Value),
}

/// What [`Client::get_group_icon`] returns.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum GroupIcon {
    /// The icon (`image/png` per the spec), with the `Content-Type` the gateway sent.
    Icon(Download),
    /// A JSON body, which the spec does not describe for a success; see [`MediaOrJson`].
    Json(serde_json::Value),
    /// `204 No Content`: the group has no icon. The spec names this status "Group icon not set".
    NotSet,
}

/// Query parameters of [`Client::login_user_image`], all optional; the default sends none and
/// leaves each to the gateway.
///
/// ```
/// let params = whatsapp_sdk_whapi::LoginUserImageParams {
///     width: Some(300.0),
///     color_dark: Some("#128C7E".into()),
///     ..Default::default()
/// };
/// # let _ = params;
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoginUserImageParams {
    /// `wakeup`: `false` does not launch the channel. The gateway's default is `true`.
    pub wakeup: Option<bool>,
    /// `size`: size of the QR code.
    pub size: Option<f64>,
    /// `width`: width of the image.
    pub width: Option<f64>,
    /// `height`: height of the image.
    pub height: Option<f64>,
    /// `color_light`: background colour.
    pub color_light: Option<String>,
    /// `color_dark`: colour of the code.
    pub color_dark: Option<String>,
}

impl LoginUserImageParams {
    /// The query pairs of the set parameters; a number that is not finite has no query form.
    fn query(&self, operation: &'static str) -> Result<Vec<(&'static str, String)>, Error> {
        let mut query = Vec::new();
        if let Some(wakeup) = self.wakeup {
            query.push(("wakeup", wakeup.to_string()));
        }
        for (name, value) in [
            ("size", self.size),
            ("width", self.width),
            ("height", self.height),
        ] {
            match value {
                Some(number) if !number.is_finite() => {
                    return Err(Error::invalid_request(
                        PROVIDER,
                        operation,
                        format!("`{name}` must be a finite number, not {number}"),
                    ));
                }
                // `Display` writes 300.0 as `300`, as a person would type it in the URL.
                Some(number) => query.push((name, number.to_string())),
                None => {}
            }
        }
        for (name, value) in [
            ("color_light", &self.color_light),
            ("color_dark", &self.color_dark),
        ] {
            if let Some(colour) = value {
                query.push((name, colour.clone()));
            }
        }
        Ok(query)
    }
}

impl Client {
    /// Downloads a file from the channel's storage (`getMedia`, `GET /media/{MediaID}`).
    ///
    /// `media_id` must match the spec's `MediaID` pattern; it is checked before anything is
    /// sent.
    pub async fn get_media(&self, media_id: &str) -> Result<ResponseValue<MediaOrJson>, Error> {
        const OPERATION: &str = "get_media";
        let media_id = path_segment::<types::MediaId>(OPERATION, "media_id", media_id)?;
        let request = self
            .client
            .get(format!("{}/media/{media_id}", self.baseurl));
        let response = send(self, request, OPERATION).await?;
        file_or_json(OPERATION, response).await
    }

    /// The QR code to scan with WhatsApp to link the channel, as an image (`loginUserImage`,
    /// `GET /users/login/image`).
    pub async fn login_user_image(
        &self,
        params: &LoginUserImageParams,
    ) -> Result<ResponseValue<MediaOrJson>, Error> {
        const OPERATION: &str = "login_user_image";
        let query = params.query(OPERATION)?;
        let request = self
            .client
            .get(format!("{}/users/login/image", self.baseurl))
            .query(&query);
        let response = send(self, request, OPERATION).await?;
        file_or_json(OPERATION, response).await
    }

    /// A group's icon (`getGroupIcon`, `GET /groups/{GroupID}/icon`); [`GroupIcon::NotSet`]
    /// when the group has none.
    ///
    /// `group_id` must match the spec's `GroupID` pattern (`…@g.us`); it is checked before
    /// anything is sent.
    pub async fn get_group_icon(&self, group_id: &str) -> Result<ResponseValue<GroupIcon>, Error> {
        const OPERATION: &str = "get_group_icon";
        let group_id = path_segment::<types::GroupId>(OPERATION, "group_id", group_id)?;
        let request = self
            .client
            .get(format!("{}/groups/{group_id}/icon", self.baseurl));
        let response = send(self, request, OPERATION).await?;
        if response.status() == StatusCode::NO_CONTENT {
            return Ok(ResponseValue::new(
                GroupIcon::NotSet,
                response.status(),
                response.headers().clone(),
            ));
        }
        let icon = file_or_json(OPERATION, response).await?;
        Ok(call::map(icon, |icon| match icon {
            MediaOrJson::File(file) => GroupIcon::Icon(file),
            MediaOrJson::Json(json) => GroupIcon::Json(json),
        }))
    }
}

/// A success body as JSON when its `Content-Type` says so, as a file otherwise; any other
/// status as [`Error::Api`].
async fn file_or_json(
    operation: &'static str,
    response: reqwest::Response,
) -> Result<ResponseValue<MediaOrJson>, Error> {
    if call::is_json(&response) {
        let json = call::json::<serde_json::Value>(PROVIDER, operation, response).await?;
        return Ok(call::map(json, MediaOrJson::Json));
    }
    let file = call::download(PROVIDER, operation, response).await?;
    Ok(call::map(file, MediaOrJson::File))
}
