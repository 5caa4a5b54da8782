//! Reacting to what goes wrong: a rate limit, a closed 24-hour window, an unsupported feature
//! and an invalid message.
//!
//! ```sh
//! cargo run --example handle_errors
//! ```
//!
//! The sandbox is told to answer the Cloud API's next send with a rate limit, then the one
//! after with the "re-engagement" error (131047) Meta sends when the customer has not written
//! in 24 hours. The program waits as asked and retries, then falls back to a template.

use std::process::ExitCode;
use std::time::Duration;

use whatsapp_sdk::message::Template;
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::{Answer, Sandbox};
use whatsapp_sdk::{Error, ErrorKind, Provider, RetryPolicy, Sent};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    // The client retries 429s by itself; switched off here so the program sees them.
    let messenger = sandbox.messenger_with_retry(Provider::Cloud, RetryPolicy::never())?;
    let to: Recipient = "+14155550123".parse()?;

    sandbox.answer_next(
        Provider::Cloud,
        Answer::rate_limited(Provider::Cloud, Duration::from_secs(1)),
    );
    sandbox.answer_next(
        Provider::Cloud,
        Answer::outside_service_window(Provider::Cloud),
    );

    let text = Message::text("Your parcel is out for delivery.")?;
    let sent = deliver(messenger.as_ref(), &to, &text).await?;
    println!(
        "delivered: message id {}",
        sent.id.map(|id| id.to_string()).unwrap_or_default()
    );

    // Capabilities are checked before any request.
    let group: Recipient = "120363025246125486@g.us".parse()?;
    match messenger.send(&group, &text).await {
        Err(Error::Unsupported { provider, feature }) => {
            println!("not sent to the group: {provider} does not support {feature}");
        }
        other => return Err(format!("expected Unsupported, got {other:?}").into()),
    }

    // Invalid messages cannot even be built; the error names the field and the limit.
    match Message::text("x".repeat(5000)) {
        Err(invalid) => println!("not built: {invalid}"),
        Ok(_) => return Err("a 5000-character text was accepted".into()),
    }
    println!("the sandbox received {} requests", sandbox.requests().len());
    Ok(())
}

/// Sends `message`, waiting out rate limits and falling back to a template when the
/// customer-service window is closed; gives up with the last error after a few attempts.
async fn deliver(
    messenger: &DynMessenger,
    to: &Recipient,
    message: &Message,
) -> Result<Sent, Error> {
    const ATTEMPTS: u32 = 5;
    let mut message = message.clone();
    for attempt in 1..ATTEMPTS {
        let error = match messenger.send(to, &message).await {
            Ok(sent) => return Ok(sent),
            Err(error) => error,
        };
        match error.kind() {
            ErrorKind::RateLimited => {
                let wait = error.retry_after().unwrap_or(Duration::from_secs(1));
                println!("attempt {attempt}: rate limited ({error}); waiting {wait:?}");
                tokio::time::sleep(wait).await;
            }
            ErrorKind::OutsideServiceWindow => {
                println!(
                    "attempt {attempt}: window closed ({error}); sending the template instead"
                );
                message = Message::new(Template::new("delivery_update", "en_US"))?;
            }
            _ if error.is_retryable() => {
                println!("attempt {attempt}: transient failure ({error}); retrying");
            }
            _ => return Err(error),
        }
    }
    messenger.send(to, &message).await
}
