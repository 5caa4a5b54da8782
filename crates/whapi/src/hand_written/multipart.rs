//! The `multipart/form-data` variant of the 29 operations whose spec offers it beside JSON, with
//! the same body schema: the typed body becomes text parts and files replace the fields of the
//! same name, so `media` can be a file rather than a URL, base64 or a media id.

use reqwest::Method;
use reqwest::header::{ACCEPT, HeaderValue};
use whatsapp_sdk_runtime::{Error, Upload, call, form_from_json};

use super::{path_segment, send};
use crate::client::PROVIDER;
use crate::{Client, ResponseValue, types};

/// One `<operation>_multipart` method per line, all on [`send_multipart`]:
///
/// `method = "operation_id" / "specOperationId": VERB "/spec/{Path}" (param: ParamType = "{Path}") Body -> Success;`
///
/// The operation id, verb, path and types are the generated JSON variant's; the test
/// `every_multipart_variant_hits_its_own_method_and_path` calls each method against its path.
macro_rules! multipart_operations {
    ($(
        $method:ident = $operation:literal / $spec_id:literal :
        $verb:ident $path:literal
        ( $( $param:ident : $param_type:ident = $placeholder:literal ),* )
        $body:ident -> $success:ident ;
    )*) => {
        impl Client {
            $(
                #[doc = concat!(
                    "`", $spec_id, "` (`", stringify!($verb), " ", $path,
                    "`) with a `multipart/form-data` body; [`Client::", $operation,
                    "`] sends the same body as JSON."
                )]
                ///
                /// Each field of `body` is a text part (strings as they are, other values as
                /// JSON); each `(field, file)` of `files` replaces the body field of that name,
                /// e.g. `("media".into(), upload)`. A path parameter is checked against the
                /// spec's pattern for it before anything is sent.
                pub async fn $method(
                    &self,
                    $( $param: &str, )*
                    body: &types::$body,
                    files: Vec<(String, Upload)>,
                ) -> Result<ResponseValue<types::$success>, Error> {
                    #[allow(unused_mut)]
                    let mut path = String::from($path);
                    $(
                        let segment =
                            path_segment::<types::$param_type>($operation, stringify!($param), $param)?;
                        path = path.replace($placeholder, &segment);
                    )*
                    send_multipart(self, $operation, Method::$verb, &path, body, files).await
                }
            )*
        }
    };
}

multipart_operations! {
    update_user_profile_multipart = "update_user_profile" / "updateUserProfile":
        PATCH "/users/profile" () UserProfileUpdate -> ResponseSuccess;
    send_message_text_multipart = "send_message_text" / "sendMessageText":
        POST "/messages/text" () SenderText -> SentMessage;
    send_message_image_multipart = "send_message_image" / "sendMessageImage":
        POST "/messages/image" () SenderImage -> SentMessage;
    send_message_video_multipart = "send_message_video" / "sendMessageVideo":
        POST "/messages/video" () SenderVideo -> SentMessage;
    send_message_short_multipart = "send_message_short" / "sendMessageShort":
        POST "/messages/short" () SenderShort -> SentMessage;
    send_message_gif_multipart = "send_message_gif" / "sendMessageGif":
        POST "/messages/gif" () SenderGif -> SentMessage;
    send_message_audio_multipart = "send_message_audio" / "sendMessageAudio":
        POST "/messages/audio" () SenderAudio -> SentMessage;
    send_message_voice_multipart = "send_message_voice" / "sendMessageVoice":
        POST "/messages/voice" () SenderVoice -> SentMessage;
    send_message_document_multipart = "send_message_document" / "sendMessageDocument":
        POST "/messages/document" () SenderDocument -> SentMessage;
    send_message_link_preview_multipart = "send_message_link_preview" / "sendMessageLinkPreview":
        POST "/messages/link_preview" () SenderLinkPreview -> SentMessage;
    send_message_location_multipart = "send_message_location" / "sendMessageLocation":
        POST "/messages/location" () SenderLocation -> SentMessage;
    send_message_live_location_multipart = "send_message_live_location" / "sendMessageLiveLocation":
        POST "/messages/live_location" () SenderLiveLocation -> SentMessage;
    send_message_contact_multipart = "send_message_contact" / "sendMessageContact":
        POST "/messages/contact" () SenderContact -> SentMessage;
    send_message_contact_list_multipart = "send_message_contact_list" / "sendMessageContactList":
        POST "/messages/contact_list" () SenderContactList -> SentMessage;
    send_message_poll_multipart = "send_message_poll" / "sendMessagePoll":
        POST "/messages/poll" () SenderPoll -> SentMessage;
    send_message_interactive_multipart = "send_message_interactive" / "sendMessageInteractive":
        POST "/messages/interactive" () SenderInteractive -> SentMessage;
    send_message_carousel_multipart = "send_message_carousel" / "sendMessageCarousel":
        POST "/messages/carousel" () SenderCarousel -> SentMessage;
    send_message_sticker_multipart = "send_message_sticker" / "sendMessageSticker":
        POST "/messages/sticker" () SenderSticker -> SentMessage;
    send_message_story_multipart = "send_message_story" / "sendMessageStory":
        POST "/messages/story" () SenderStories -> SentMessage;
    send_message_story_audio_multipart = "send_message_story_audio" / "sendMessageStoryAudio":
        POST "/messages/story/audio" () SenderStoriesAudio -> SentMessage;
    send_message_story_media_multipart = "send_message_story_media" / "sendMessageStoryMedia":
        POST "/messages/story/media" () SenderStoriesMedia -> SentMessage;
    send_contact_multipart = "send_contact" / "sendContact":
        POST "/contacts/{ContactID}" (contact_id: ContactId = "{ContactID}")
        SenderContactFromPhonebook -> SentMessage;
    send_group_invite_multipart = "send_group_invite" / "sendGroupInvite":
        POST "/groups/link/{InviteCode}" (invite_code: InviteCode = "{InviteCode}")
        SenderGroupInviteByCode -> SentMessage;
    create_story_media_multipart = "create_story_media" / "createStoryMedia":
        POST "/stories/send/media" () SenderStoriesMedia -> SentMessage;
    create_story_audio_multipart = "create_story_audio" / "createStoryAudio":
        POST "/stories/send/audio" () SenderStoriesAudio -> SentMessage;
    send_newsletter_invite_multipart = "send_newsletter_invite" / "sendNewsletterInvite":
        POST "/newsletters/link/{NewsletterInviteCode}"
        (newsletter_invite_code: NewsletterInviteCode = "{NewsletterInviteCode}")
        SenderNewsletterInviteByCode -> SentMessage;
    send_product_multipart = "send_product" / "sendProduct":
        POST "/business/products/{ProductID}" (product_id: ProductId = "{ProductID}")
        SenderProductFromCatalog -> SentMessage;
    update_product_multipart = "update_product" / "updateProduct":
        PATCH "/business/products/{ProductID}" (product_id: ProductId = "{ProductID}")
        ProductEdit -> Product;
    send_catalog_multipart = "send_catalog" / "sendCatalog":
        POST "/business/catalogs/{ContactID}" (contact_id: ContactId = "{ContactID}")
        SenderCatalogById -> SentMessage;
}

/// Sends `body` and `files` as one form to `path` and decodes the JSON answer.
async fn send_multipart<B, T>(
    client: &Client,
    operation: &'static str,
    method: Method,
    path: &str,
    body: &B,
    files: Vec<(String, Upload)>,
) -> Result<ResponseValue<T>, Error>
where
    B: serde::Serialize,
    T: serde::de::DeserializeOwned,
{
    let form = form_from_json(body, files)
        .map_err(|reason| Error::invalid_request(PROVIDER, operation, reason))?;
    let request = client
        .client
        .request(method, format!("{}{path}", client.baseurl))
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .multipart(form);
    let response = send(client, request, operation).await?;
    call::json(PROVIDER, operation, response).await
}
