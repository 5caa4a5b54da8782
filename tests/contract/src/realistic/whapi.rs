//! Whapi's send operations are one per message kind; their complete bodies are generated
//! (`(all fields)` calls in `crate::calls::whapi`). Here: the documented errors of sending,
//! marking as read and reacting.

use whatsapp_sdk_whapi::{Client, types};

use super::{ErrorCall, ErrorRun, body, expect_error};
use crate::run::Call;

const MESSAGE_ID: &str = "PsobWy36679._7w-wKmB9tMeGQ";

/// None beyond the generated ones.
pub(crate) fn calls() -> Vec<Call<Client>> {
    Vec::new()
}

fn send_text<'a>(client: &'a Client, status: &'static str) -> ErrorRun<'a> {
    Box::pin(async move {
        let body: types::SenderText =
            body(serde_json::json!({"to": "15551234567", "body": "Hello"}))?;
        let result = client.send_message_text().body(body).send().await;
        expect_error::<_, types::ResponseError>(result, status)
    })
}

fn mark_read(client: &Client) -> ErrorRun<'_> {
    Box::pin(async move {
        let result = client
            .mark_message_as_read()
            .message_id(MESSAGE_ID)
            .send()
            .await;
        expect_error::<_, types::ResponseError>(result, "404")
    })
}

fn react(client: &Client) -> ErrorRun<'_> {
    Box::pin(async move {
        let body: types::ReactToMessage = body(serde_json::json!({"emoji": "\u{1F44D}"}))?;
        let result = client
            .react_to_message()
            .message_id(MESSAGE_ID)
            .body(body)
            .send()
            .await;
        expect_error::<_, types::ResponseError>(result, "404")
    })
}

/// The documented errors.
pub(crate) fn error_calls() -> Vec<ErrorCall<Client>> {
    vec![
        ErrorCall {
            operation: "sendMessageText",
            status: "400",
            run: |c| send_text(c, "400"),
        },
        ErrorCall {
            operation: "sendMessageText",
            status: "401",
            run: |c| send_text(c, "401"),
        },
        ErrorCall {
            operation: "markMessageAsRead",
            status: "404",
            run: mark_read,
        },
        ErrorCall {
            operation: "reactToMessage",
            status: "404",
            run: react,
        },
    ]
}
