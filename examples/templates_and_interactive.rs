//! Templates (positional and named parameters, media header, buttons) and interactive
//! messages (reply buttons, lists), plus location, contacts and reactions.
//!
//! ```sh
//! cargo run --example templates_and_interactive
//! ```
//!
//! Runs against the sandbox's Cloud API and prints each request body, so you can see how the
//! common types become the Cloud API's JSON.

use std::process::ExitCode;

use whatsapp_sdk::message::{
    ButtonParameter, Buttons, Contact, HeaderParameter, List, ListSection, Location, Parameter,
    PhoneKind, Reaction, Template,
};
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::{MediaSource, MessageId};
use whatsapp_sdk_examples::body_summary;

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
    let messenger = sandbox.cloud_messenger()?;
    let to: Recipient = "+14155550123".parse()?;

    let shipped = Template::new("order_shipped", "en_US")
        .with_header(HeaderParameter::Image(MediaSource::link(
            "https://example.com/parcel.jpg",
        )?))
        .with_body_parameter(Parameter::text("Ada"))
        .with_body_parameter(Parameter::currency("€42.50", "EUR", 42_500))
        .with_button(ButtonParameter::Url {
            index: 0,
            text: "track/1234".into(),
        })
        .with_button(ButtonParameter::QuickReply {
            index: 1,
            payload: "stop-updates".into(),
        });
    let named = Template::new("appointment_reminder", "en_US")
        .with_body_parameter(Parameter::text("Ada").named("patient_name"))
        .with_body_parameter(Parameter::date_time("Tuesday 09:00").named("appointment_time"));
    let buttons = Buttons::new("Shall we confirm your appointment?")
        .with_header("Dr. Who's practice")
        .with_footer("Reply STOP to opt out")
        .with_button("confirm", "Confirm")
        .with_button("reschedule", "Reschedule");
    let list = List::new("Pick a new time.", "Free slots")
        .with_section(
            ListSection::new("Tuesday")
                .with_row("tue-09", "09:00", Some("With Dr. Who"))
                .with_row("tue-11", "11:30", None::<String>),
        )
        .with_section(ListSection::new("Wednesday").with_row("wed-14", "14:00", None::<String>));
    let location = Location::new(51.5014, -0.1419)
        .with_name("The practice")
        .with_address("1 Example St, London");
    let card = Contact::new("Dr. Who's practice")
        .with_phone("+44 20 7946 0958", Some(PhoneKind::Work))
        .with_url("https://example.com", None);

    let messages = [
        ("template with header and buttons", Message::new(shipped)?),
        ("template with named parameters", Message::new(named)?),
        ("reply buttons", Message::new(buttons)?),
        ("list", Message::new(list)?),
        ("location", Message::new(location)?),
        ("contact card", Message::new(card)?),
    ];
    let mut last = None;
    for (what, message) in &messages {
        let sent = messenger.send(&to, message).await?;
        let request = sandbox
            .requests()
            .pop()
            .expect("the sandbox records every request");
        println!("{what}:\n  {}", body_summary(&request));
        last = sent.id;
    }
    if let Some(id) = last {
        react(&messenger, &to, id).await?;
        let request = sandbox.requests().pop().expect("recorded");
        println!("reaction:\n  {}", body_summary(&request));
    }
    Ok(())
}

async fn react(
    messenger: &DynMessenger,
    to: &Recipient,
    id: MessageId,
) -> whatsapp_sdk::Result<()> {
    messenger
        .send(to, &Message::new(Reaction::new(id, "👍"))?)
        .await?;
    Ok(())
}
