//! The SDK's main job in one program: send a text, an image uploaded from bytes and a
//! template through the WhatsApp Cloud API.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! With no credentials it starts the embedded sandbox (a local imitation of the Cloud API),
//! sends the three messages there and prints what the sandbox received. No account, no network.
//!
//! To send the same three messages for real, set
//! `WHATSAPP_CLOUD_ACCESS_TOKEN`, `WHATSAPP_CLOUD_PHONE_NUMBER_ID` and the recipient in
//! `WHATSAPP_TO` (E.164, e.g. `+14155550123`). The template is `hello_world`, the sample every
//! WhatsApp Business account starts with. Outside a 24-hour conversation with the recipient,
//! WhatsApp accepts the text and the image but delivers only the template (the others fail
//! later with code 131047 in a status webhook); the program says so.

use std::io::Write;
use std::process::ExitCode;

use whatsapp_sdk::cloud::CloudMessenger;
use whatsapp_sdk::message::{Image, Template};
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::{MediaUpload, Sent};
use whatsapp_sdk_examples::{PIXEL_PNG, print_requests};

/// The recipient when the sandbox plays the Cloud API.
const SANDBOX_RECIPIENT: &str = "+14155550123";

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
    let mut out = std::io::stdout().lock();
    let real = [
        "WHATSAPP_CLOUD_ACCESS_TOKEN",
        "WHATSAPP_CLOUD_PHONE_NUMBER_ID",
        "WHATSAPP_TO",
    ]
    .iter()
    .all(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if real {
        let messenger = CloudMessenger::from_env()?;
        let to: Recipient = std::env::var("WHATSAPP_TO")?.parse()?;
        writeln!(
            out,
            "Credentials found: sending to {to} through the real WhatsApp Cloud API (phone number id {}).",
            messenger.phone_number_id()
        )?;
        let sent = send_three(&messenger, &to).await?;
        print_ids(&mut out, &sent)?;
        writeln!(
            out,
            "Accepted is not delivered: unless {to} wrote to this number in the last 24 hours, only the template arrives."
        )?;
    } else {
        let sandbox = Sandbox::start().await?;
        writeln!(
            out,
            "No WHATSAPP_CLOUD_ACCESS_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID and WHATSAPP_TO: using the embedded sandbox at {}.",
            sandbox.base_url(whatsapp_sdk::Provider::Cloud)
        )?;
        let messenger = sandbox.cloud_messenger()?;
        let to: Recipient = SANDBOX_RECIPIENT.parse()?;
        let sent = send_three(&messenger, &to).await?;
        report(&mut out, &sandbox, &sent)?;
    }
    Ok(())
}

/// The three messages: a text, an image from bytes (uploaded first), the `hello_world`
/// template.
pub(crate) async fn send_three(
    messenger: &DynMessenger,
    to: &Recipient,
) -> whatsapp_sdk::Result<Vec<Sent>> {
    let text = Message::text("Hello from whatsapp-sdk!")?;
    let image = Message::new(
        Image::new(MediaUpload::new(PIXEL_PNG, "image/png").with_file_name("pixel.png"))
            .with_caption("An image uploaded from bytes"),
    )?;
    let template = Message::new(Template::new("hello_world", "en_US"))?;
    let mut sent = Vec::new();
    for message in [text, image, template] {
        sent.push(messenger.send(to, &message).await?);
    }
    Ok(sent)
}

/// What the sandbox received, then the ids it gave.
pub(crate) fn report(
    out: &mut impl Write,
    sandbox: &Sandbox,
    sent: &[Sent],
) -> std::io::Result<()> {
    let requests = sandbox.requests();
    writeln!(out, "The sandbox received {} requests:", requests.len())?;
    print_requests(out, &requests)?;
    print_ids(out, sent)
}

fn print_ids(out: &mut impl Write, sent: &[Sent]) -> std::io::Result<()> {
    for (what, sent) in ["text", "image", "template"].iter().zip(sent) {
        match &sent.id {
            Some(id) => writeln!(out, "sent {what}: message id {id}")?,
            None => writeln!(out, "sent {what}: the provider returned no message id")?,
        }
    }
    Ok(())
}
