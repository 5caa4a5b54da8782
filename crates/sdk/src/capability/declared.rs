//! Each provider's capabilities, read from its published API (the vendored spec under
//! `specs/<provider>/`). One table for all five, so the in-memory messenger can imitate any
//! provider and the README matrix can be rendered whatever features are compiled.

use super::{Capabilities, Feature::*};
use crate::Provider;

impl Provider {
    /// What this provider's adapter can do, as declared from the provider's published API.
    ///
    /// ```
    /// use whatsapp_sdk::{Feature, Provider};
    ///
    /// assert!(Provider::Cloud.capabilities().supports(Feature::Template));
    /// assert!(!Provider::YCloud.capabilities().supports(Feature::UploadMedia));
    /// ```
    pub const fn capabilities(self) -> Capabilities {
        match self {
            Provider::Cloud => CLOUD,
            Provider::OnPrem => ONPREM,
            Provider::Whapi => WHAPI,
            Provider::YCloud => YCLOUD,
            Provider::WhatsHooked => WHATSHOOKED,
        }
    }
}

/// `sendMessage` takes every message `type` with `context.message_id` for replies, media by
/// `id` or `link`, `status: read` marks read; `uploadMedia` and `getMediaUrl` (whose URL is
/// fetched with the same token) upload and download; named template parameters carry
/// `parameter_name` (added by `specs/cloud/overlay.yaml` from Meta's reference). `recipient_type`
/// documents no group value.
const CLOUD: Capabilities = Capabilities::of(&[
    Text,
    LinkPreview,
    Image,
    Video,
    Audio,
    Document,
    Sticker,
    Location,
    Contacts,
    Template,
    TemplateNamedParameters,
    TemplateHeader,
    TemplateButtons,
    Buttons,
    List,
    Reaction,
    RemoveReaction,
    ReplyTo,
    MediaFromId,
    MediaFromLink,
    MediaFromBytes,
    UploadMedia,
    DownloadMedia,
    MarkRead,
]);

/// `SendMessage` takes `text` (with a top-level `preview_url`), `image`, `video`, `audio`,
/// `document`, `location`, `contacts` and the legacy `hsm` template with positional
/// `localizable_params` only (no header, button or named parameters); `recipient_type: group`
/// sends to groups. Media by id, or by link through a media provider configured on the server;
/// bytes through `UploadMedia`; `DownloadMedia`, `MarkMessageAsRead`. No sticker, interactive,
/// reaction or reply-to field exists in the request. An `OnPremMessenger` without a media
/// provider lacks media by link, and without a template namespace (which `hsm` requires)
/// templates.
const ONPREM: Capabilities = Capabilities::of(&[
    Text,
    LinkPreview,
    Image,
    Video,
    Audio,
    Document,
    Location,
    Contacts,
    Template,
    GroupRecipient,
    MediaFromId,
    MediaFromLink,
    MediaFromBytes,
    UploadMedia,
    DownloadMedia,
    MarkRead,
]);

/// `sendMessage{Text,Image,Video,Audio,Document,Sticker,Location,Contact,ContactList,
/// Interactive}` with `quoted` for replies, `no_link_preview` for previews and `…@g.us` chat
/// ids for groups; `media` takes a media id or a link, and bytes go through `uploadMedia`
/// first; `reactToMessage`/`removeReactFromMessage`, `getMedia`, `markMessageAsRead`. Whapi
/// relays a WhatsApp Web session: it has no template messages.
const WHAPI: Capabilities = Capabilities::of(&[
    Text,
    LinkPreview,
    Image,
    Video,
    Audio,
    Document,
    Sticker,
    Location,
    Contacts,
    Buttons,
    List,
    Reaction,
    RemoveReaction,
    ReplyTo,
    GroupRecipient,
    MediaFromId,
    MediaFromLink,
    MediaFromBytes,
    UploadMedia,
    DownloadMedia,
    MarkRead,
]);

/// `whatsapp_message-send-directly` (and the queued `whatsapp_message-send`, same body) takes
/// Cloud-API-shaped bodies (`text` with `preview_url`, media by `link`, `location`,
/// `contacts`, `template` with positional header, body and button parameters, `interactive`,
/// `reaction` with `""` to remove, `context` for replies);
/// `whatsapp_inbound_message-mark-as-read`. The API has no media upload or download, no media
/// ids in its send types, no `parameter_name`, and `to` is an E.164 number, never a group.
const YCLOUD: Capabilities = Capabilities::of(&[
    Text,
    LinkPreview,
    Image,
    Video,
    Audio,
    Document,
    Sticker,
    Location,
    Contacts,
    Template,
    TemplateHeader,
    TemplateButtons,
    Buttons,
    List,
    Reaction,
    RemoveReaction,
    ReplyTo,
    MediaFromLink,
    MarkRead,
]);

/// For an account of type `business-api`: `sendMessage`, `send{Image,Video,Document,Audio,
/// Sticker}` with base64 file data, `sendLocation`, `sendTemplate` (free-form component
/// parameters, so positional or named, but no button `sub_type`/`index`), `sendInteractive`,
/// `sendReaction`, `uploadMedia` and `markAsRead`. No send body references media by id or link
/// (only a template header's free-form parameter can name an upload), none takes a quoted
/// message or a link-preview flag, no operation downloads media, and no way to remove a
/// reaction is documented. `sendContacts`' `SendContactObject` holds a name and phone numbers
/// only (no emails, URLs, addresses, organization, birthday or WhatsApp id), less than a contact
/// card, so contact cards are not declared. A `whatsmeow` account supports only text, image,
/// video and document (see `WhatsHookedMessenger`).
const WHATSHOOKED: Capabilities = Capabilities::of(&[
    Text,
    Image,
    Video,
    Audio,
    Document,
    Sticker,
    Location,
    Template,
    TemplateNamedParameters,
    TemplateHeader,
    Buttons,
    List,
    Reaction,
    MediaFromBytes,
    UploadMedia,
    MarkRead,
]);
