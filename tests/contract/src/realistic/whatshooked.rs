//! WhatsHooked's send operations are one per message kind; their complete bodies are
//! generated (`(all fields)` calls in `crate::calls::whatshooked`). Here: the documented
//! errors of sending, which carry no body.

use whatsapp_sdk_whatshooked::{Client, types};

use super::{ErrorCall, ErrorRun, body, expect_error};
use crate::run::Call;

/// None beyond the generated ones.
pub(crate) fn calls() -> Vec<Call<Client>> {
    Vec::new()
}

fn send<'a>(client: &'a Client, status: &'static str) -> ErrorRun<'a> {
    Box::pin(async move {
        let json = crate::calls::whatshooked::examples("sendMessage", "body")
            .first()
            .ok_or("no example body for sendMessage")?;
        let body: types::SendMessageBody =
            body(serde_json::from_str(json).map_err(|e| e.to_string())?)?;
        let result = client.send_message().body(body).send().await;
        expect_error::<_, ()>(result, status)
    })
}

/// The documented errors.
pub(crate) fn error_calls() -> Vec<ErrorCall<Client>> {
    vec![
        ErrorCall {
            operation: "sendMessage",
            status: "400",
            run: |c| send(c, "400"),
        },
        ErrorCall {
            operation: "sendMessage",
            status: "401",
            run: |c| send(c, "401"),
        },
    ]
}
