//! The same code against any provider, chosen by configuration.
//!
//! ```sh
//! cargo run --example send_any                              # Cloud API, in the sandbox
//! WHATSAPP_SDK_PROVIDER=whapi cargo run --example send_any  # Whapi.Cloud, in the sandbox
//! ```
//!
//! `WHATSAPP_SDK_PROVIDER` is `cloud` (the default), `onprem`, `whapi`, `ycloud` or
//! `whatshooked`. When that provider's own variables are set (see `whatsapp_sdk::from_env`),
//! the program sends for real to `WHATSAPP_TO`; otherwise it uses the embedded sandbox and
//! says why. Messages the provider cannot send are reported as unsupported, not attempted.

use std::process::ExitCode;

use whatsapp_sdk::message::{Buttons, Location};
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::{ENV_PROVIDER, Error, Provider};
use whatsapp_sdk_examples::print_requests;

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
    let provider: Provider = std::env::var(ENV_PROVIDER)
        .ok()
        .map(|name| name.parse())
        .transpose()?
        .unwrap_or(Provider::Cloud);
    let mut sandbox = None;
    let messenger = match (whatsapp_sdk::from_env(), std::env::var("WHATSAPP_TO")) {
        (Ok(messenger), Ok(_)) => {
            println!(
                "Sending through {} with the credentials from the environment.",
                provider.name()
            );
            messenger
        }
        (configured, _) => {
            let why = match configured {
                Err(error) => error.to_string(),
                Ok(_) => "WHATSAPP_TO is not set".to_owned(),
            };
            println!("Using the sandbox for {} ({why}).", provider.name());
            let started = Sandbox::start().await?;
            let messenger = started.messenger(provider)?;
            sandbox = Some(started);
            messenger
        }
    };
    let to: Recipient = std::env::var("WHATSAPP_TO")
        .unwrap_or_else(|_| "+14155550123".into())
        .parse()?;

    let messages = [
        (
            "text",
            Message::text("Your table for 2 is booked for 19:00.")?,
        ),
        (
            "buttons",
            Message::new(
                Buttons::new("Do you need a high chair?")
                    .with_button("chair-yes", "Yes")
                    .with_button("chair-no", "No"),
            )?,
        ),
        (
            "location",
            Message::new(Location::new(52.520008, 13.404954).with_name("Trattoria Roma"))?,
        ),
    ];
    for (what, message) in &messages {
        match messenger.send(&to, message).await {
            Ok(sent) => match sent.id {
                Some(id) => println!("{what}: sent, id {id}"),
                None => println!("{what}: sent ({} returns no message id)", provider.name()),
            },
            Err(Error::Unsupported { feature, .. }) => {
                println!(
                    "{what}: not sent, {} does not support {feature}",
                    provider.name()
                );
            }
            Err(other) => return Err(other.into()),
        }
    }
    if let Some(sandbox) = sandbox {
        let requests = sandbox.requests();
        println!("The sandbox received {} requests:", requests.len());
        print_requests(&mut std::io::stdout().lock(), &requests)?;
    }
    Ok(())
}
