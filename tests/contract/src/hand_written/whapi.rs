//! `whapi`'s three hand-written operations and its 32 hand-written body variants of
//! generated operations, the latter with the same values as the generated JSON calls.

use whatsapp_sdk_whapi::{Client, LoginUserImageParams, Upload, types};

use crate::calls::whapi::{arg, examples};
use crate::run::{Call, Run, finish};

/// The calls.
pub(crate) fn calls() -> Vec<Call<Client>> {
    let mut calls = vec![
        Call::new("getMedia", get_media),
        Call::new("loginUserImage", login_user_image),
        Call::new("getGroupIcon", get_group_icon),
        Call::new("sendMediaMessage (raw bytes)", send_media_message_bytes),
        Call::new("setGroupIcon (raw bytes)", set_group_icon_bytes),
        Call::new("uploadMedia (raw bytes)", upload_media_bytes),
    ];
    calls.extend(multipart_calls());
    calls
}

fn get_media(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let media_id = "jpg-4a4f9b33b35ea8b45347ab03d6c50d89-8a3ba7f2b1e12d44";
        Ok(finish(client.get_media(media_id).await))
    })
}

fn login_user_image(client: &Client) -> Run<'_> {
    Box::pin(async move {
        Ok(finish(
            client
                .login_user_image(&LoginUserImageParams::default())
                .await,
        ))
    })
}

fn get_group_icon(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let group_id: String = arg("setGroupIcon", "group_id")?;
        Ok(finish(client.get_group_icon(&group_id).await))
    })
}

fn send_media_message_bytes(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let kind: types::MediaMessageType = arg("sendMediaMessage", "media_message_type")?;
        let params: types::SenderMedia = arg("sendMediaMessage", "send_params")?;
        Ok(finish(
            client
                .send_media_message_bytes(kind, &params, super::jpeg())
                .await,
        ))
    })
}

fn set_group_icon_bytes(client: &Client) -> Run<'_> {
    Box::pin(async move {
        let group_id: String = arg("setGroupIcon", "group_id")?;
        Ok(finish(
            client.set_group_icon_bytes(&group_id, super::jpeg()).await,
        ))
    })
}

fn upload_media_bytes(client: &Client) -> Run<'_> {
    Box::pin(async move { Ok(finish(client.upload_media_bytes(super::png()).await)) })
}

/// Files for a multipart body: a file replaces `media` where the body has one, and is the
/// whole body where the JSON call sets no field at all (a story posted from a file): an empty
/// multipart body is no body.
fn files(operation: &str) -> Vec<(String, Upload)> {
    let body = examples(operation, "body")
        .first()
        .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok());
    let has_media = body.as_ref().is_some_and(|b| b.get("media").is_some());
    let empty = body
        .as_ref()
        .and_then(serde_json::Value::as_object)
        .is_some_and(serde_json::Map::is_empty);
    if has_media || empty {
        vec![("media".to_owned(), super::jpeg())]
    } else {
        Vec::new()
    }
}

/// One call per multipart variant: `name = "operationId" => method(path setters) Body`.
macro_rules! multipart_calls {
    ($( $name:ident = $operation:literal => $method:ident ( $($param:literal),* ) $body:ident; )*) => {
        fn multipart_calls() -> Vec<Call<Client>> {
            vec![$( Call::new(concat!($operation, " (multipart)"), $name) ),*]
        }
        $(
            fn $name(client: &Client) -> Run<'_> {
                Box::pin(async move {
                    let body: types::$body = arg($operation, "body")?;
                    Ok(finish(client.$method($( &arg::<String>($operation, $param)?, )* &body, files($operation)).await))
                })
            }
        )*
    };
}

multipart_calls! {
    update_user_profile = "updateUserProfile" => update_user_profile_multipart() UserProfileUpdate;
    send_message_text = "sendMessageText" => send_message_text_multipart() SenderText;
    send_message_image = "sendMessageImage" => send_message_image_multipart() SenderImage;
    send_message_video = "sendMessageVideo" => send_message_video_multipart() SenderVideo;
    send_message_short = "sendMessageShort" => send_message_short_multipart() SenderShort;
    send_message_gif = "sendMessageGif" => send_message_gif_multipart() SenderGif;
    send_message_audio = "sendMessageAudio" => send_message_audio_multipart() SenderAudio;
    send_message_voice = "sendMessageVoice" => send_message_voice_multipart() SenderVoice;
    send_message_document = "sendMessageDocument" => send_message_document_multipart() SenderDocument;
    send_message_link_preview = "sendMessageLinkPreview" => send_message_link_preview_multipart() SenderLinkPreview;
    send_message_location = "sendMessageLocation" => send_message_location_multipart() SenderLocation;
    send_message_live_location = "sendMessageLiveLocation" => send_message_live_location_multipart() SenderLiveLocation;
    send_message_contact = "sendMessageContact" => send_message_contact_multipart() SenderContact;
    send_message_contact_list = "sendMessageContactList" => send_message_contact_list_multipart() SenderContactList;
    send_message_poll = "sendMessagePoll" => send_message_poll_multipart() SenderPoll;
    send_message_interactive = "sendMessageInteractive" => send_message_interactive_multipart() SenderInteractive;
    send_message_carousel = "sendMessageCarousel" => send_message_carousel_multipart() SenderCarousel;
    send_message_sticker = "sendMessageSticker" => send_message_sticker_multipart() SenderSticker;
    send_message_story = "sendMessageStory" => send_message_story_multipart() SenderStories;
    send_message_story_audio = "sendMessageStoryAudio" => send_message_story_audio_multipart() SenderStoriesAudio;
    send_message_story_media = "sendMessageStoryMedia" => send_message_story_media_multipart() SenderStoriesMedia;
    send_contact = "sendContact" => send_contact_multipart("contact_id") SenderContactFromPhonebook;
    send_group_invite = "sendGroupInvite" => send_group_invite_multipart("invite_code") SenderGroupInviteByCode;
    create_story_media = "createStoryMedia" => create_story_media_multipart() SenderStoriesMedia;
    create_story_audio = "createStoryAudio" => create_story_audio_multipart() SenderStoriesAudio;
    send_newsletter_invite = "sendNewsletterInvite" => send_newsletter_invite_multipart("newsletter_invite_code") SenderNewsletterInviteByCode;
    send_product = "sendProduct" => send_product_multipart("product_id") SenderProductFromCatalog;
    update_product = "updateProduct" => update_product_multipart("product_id") ProductEdit;
    send_catalog = "sendCatalog" => send_catalog_multipart("contact_id") SenderCatalogById;
}
