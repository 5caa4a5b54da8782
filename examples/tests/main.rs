//! The example programs run offline: the quickstart's output matches what the sandbox
//! recorded, line by line, and every example exits successfully with no credentials.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk_examples::body_summary;

#[allow(dead_code)]
#[path = "../quickstart.rs"]
mod quickstart;

/// Every example program of this package.
const EXAMPLES: &[&str] = &[
    "quickstart",
    "send_any",
    "media_roundtrip",
    "templates_and_interactive",
    "handle_errors",
    "webhook_echo",
];

/// Variables that would send for real; the examples must run without them.
const CREDENTIALS: &[&str] = &[
    "WHATSAPP_CLOUD_ACCESS_TOKEN",
    "WHATSAPP_CLOUD_PHONE_NUMBER_ID",
    "WHATSAPP_TO",
    "WHATSAPP_SDK_PROVIDER",
    "WHAPI_TOKEN",
    "YCLOUD_API_KEY",
    "YCLOUD_FROM",
    "WHATSAPP_ONPREM_BASE_URL",
    "WHATSAPP_ONPREM_ACCESS_TOKEN",
    "WHATSHOOKED_BASE_URL",
    "WHATSHOOKED_API_KEY",
    "WHATSHOOKED_ACCOUNT_ID",
    "WHATSAPP_CLOUD_APP_SECRET",
    "WHATSAPP_WEBHOOK_VERIFY_TOKEN",
];

#[tokio::test]
async fn the_quickstart_prints_exactly_what_the_sandbox_received() {
    let sandbox = Sandbox::start().await.unwrap();
    let messenger = sandbox.cloud_messenger().unwrap();
    let to: Recipient = "+14155550123".parse().unwrap();
    let sent = quickstart::send_three(&messenger, &to).await.unwrap();
    let mut out = Vec::new();
    quickstart::report(&mut out, &sandbox, &sent).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    let requests = sandbox.requests();
    // The image is uploaded before it is sent: four requests for three messages.
    assert_eq!(requests.len(), 4);
    assert_eq!(lines[0], "The sandbox received 4 requests:");
    for (line, request) in lines[1..=4].iter().zip(&requests) {
        assert_eq!(
            *line,
            format!(
                "  {} {} {}",
                request.method,
                request.path,
                body_summary(request)
            )
        );
    }
    let sends: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/messages"))
        .collect();
    let kinds: Vec<String> = sends
        .iter()
        .map(|r| r.json().unwrap()["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["text", "image", "template"]);
    assert!(
        requests[1].path.ends_with("/media"),
        "the image is uploaded right before its send"
    );
    // Each id printed is the one the sandbox answered that send with.
    for ((line, what), request) in lines[5..]
        .iter()
        .zip(["text", "image", "template"])
        .zip(sends)
    {
        let answered: serde_json::Value = serde_json::from_slice(&request.response).unwrap();
        let id = answered["messages"][0]["id"].as_str().unwrap();
        assert_eq!(*line, format!("sent {what}: message id {id}"));
    }
    assert_eq!(lines.len(), 8);
    assert!(
        !text.contains(Sandbox::TOKEN),
        "credentials must not be printed"
    );
}

/// `target/<profile>/examples/`, next to this test's own `deps/` directory.
fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary is in target/<profile>/deps/")
        .join("examples")
}

#[test]
fn every_example_runs_offline_and_succeeds() {
    for name in EXAMPLES {
        let path = examples_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        assert!(
            path.exists(),
            "{} was not built; `cargo test` builds examples",
            path.display()
        );
        let mut command = Command::new(&path);
        for variable in CREDENTIALS {
            command.env_remove(variable);
        }
        let started = Instant::now();
        let output = command.output().unwrap();
        let took = started.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{name} failed: {}\n{stdout}\n{stderr}",
            output.status
        );
        assert!(stderr.is_empty(), "{name} wrote to stderr: {stderr}");
        assert!(took < Duration::from_secs(30), "{name} took {took:?}");
        match *name {
            "quickstart" => {
                assert!(stdout.contains("using the embedded sandbox"), "{stdout}");
                assert_eq!(stdout.matches("message id wamid.").count(), 3, "{stdout}");
            }
            "media_roundtrip" => {
                assert!(stdout.contains("uploading: 100%"), "{stdout}");
                assert!(
                    stdout.contains("the downloaded bytes are the uploaded ones"),
                    "{stdout}"
                );
            }
            "handle_errors" => {
                assert!(stdout.contains("rate limited"), "{stdout}");
                assert!(stdout.contains("sending the template instead"), "{stdout}");
                assert!(stdout.contains("delivered: message id wamid."), "{stdout}");
            }
            "templates_and_interactive" => {
                for needle in [
                    r#""parameter_name":"patient_name""#,
                    r#""type":"list""#,
                    r#""sub_type":"url""#,
                    "reaction:",
                ] {
                    assert!(stdout.contains(needle), "{needle}: {stdout}");
                }
            }
            "webhook_echo" => {
                for needle in [
                    "subscription handshake: HTTP 200, challenge echoed: true",
                    "delivery: HTTP 200",
                    "the same delivery again: HTTP 200",
                    "a forged delivery: HTTP 401",
                    "The sandbox received 1 request(s), the bot's replies:",
                    r#""text":{"body":"Hello, bot!"}"#,
                    r#""to":"16505551234""#,
                ] {
                    assert!(stdout.contains(needle), "{needle}: {stdout}");
                }
            }
            "send_any" => {
                assert!(stdout.contains("text: sent, id wamid."), "{stdout}");
                assert!(
                    stdout.contains("The sandbox received 3 requests:"),
                    "{stdout}"
                );
            }
            other => panic!("no expectation for example `{other}`"),
        }
    }
}

/// The output of `send_any` run with `WHATSAPP_SDK_PROVIDER=provider` and no credentials.
fn send_any_for(provider: &str) -> String {
    let path = examples_dir().join(format!("send_any{}", std::env::consts::EXE_SUFFIX));
    let mut command = Command::new(&path);
    for variable in CREDENTIALS {
        command.env_remove(variable);
    }
    let output = command
        .env("WHATSAPP_SDK_PROVIDER", provider)
        .output()
        .expect("send_any runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{provider}: {stdout}");
    assert!(output.stderr.is_empty(), "{provider}: {stdout}");
    stdout
}

/// The id `send_any` printed for `what`.
fn printed_id<'a>(stdout: &'a str, what: &str) -> &'a str {
    let prefix = format!("{what}: sent, id ");
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no `{prefix}` line: {stdout}"))
}

#[test]
fn send_any_runs_for_the_provider_asked() {
    let stdout = send_any_for("cloud");
    assert!(
        stdout.contains("Using the sandbox for WhatsApp Cloud API"),
        "{stdout}"
    );
    assert!(stdout.contains("location: sent, id wamid."), "{stdout}");
}

#[test]
fn send_any_runs_for_whapi_and_ycloud() {
    let whapi = send_any_for("whapi");
    assert!(
        whapi.contains("Using the sandbox for Whapi.Cloud"),
        "{whapi}"
    );
    for (what, path) in [
        ("text", "POST /messages/text "),
        ("buttons", "POST /messages/interactive "),
        ("location", "POST /messages/location "),
    ] {
        let id = printed_id(&whapi, what);
        assert!(
            id.parse::<whatsapp_sdk::whapi::api::types::MessageId>()
                .is_ok(),
            "{what}: {id} is not a Whapi MessageID"
        );
        assert!(whapi.contains(path), "{path}: {whapi}");
    }
    assert!(
        whapi.contains("The sandbox received 3 requests:"),
        "{whapi}"
    );

    let ycloud = send_any_for("ycloud");
    assert!(ycloud.contains("Using the sandbox for YCloud"), "{ycloud}");
    for what in ["text", "buttons", "location"] {
        let id = printed_id(&ycloud, what);
        assert!(
            id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{what}: {id} is not a YCloud message id"
        );
    }
    assert_eq!(
        ycloud
            .matches("POST /v2/whatsapp/messages/sendDirectly ")
            .count(),
        3,
        "{ycloud}"
    );
    // Every kind the example sends is one both support; nothing is reported unsupported.
    assert!(!whapi.contains("not sent") && !ycloud.contains("not sent"));
}

#[test]
fn send_any_runs_for_the_on_premises_api() {
    let stdout = send_any_for("onprem");
    assert!(
        stdout.contains("Using the sandbox for WhatsApp Business API (on-premises)"),
        "{stdout}"
    );
    // The ids are the sandbox's, in the spec's form.
    assert!(stdout.contains("text: sent, id gBEG"), "{stdout}");
    assert!(stdout.contains("location: sent, id gBEG"), "{stdout}");
    assert!(
        stdout.contains("buttons: not sent, WhatsApp Business API (on-premises) does not support"),
        "{stdout}"
    );
    assert!(
        stdout.contains("The sandbox received 2 requests:"),
        "{stdout}"
    );
    assert!(stdout.contains("  POST /v1/messages {"), "{stdout}");
    assert!(
        !stdout.contains(whatsapp_sdk::sandbox::Sandbox::TOKEN),
        "{stdout}"
    );
}

#[test]
fn send_any_runs_for_whatshooked() {
    let stdout = send_any_for("whatshooked");
    assert!(
        stdout.contains("Using the sandbox for WhatsHooked"),
        "{stdout}"
    );
    // WhatsHooked answers `{"status": "ok"}` without an id.
    for what in ["text", "buttons", "location"] {
        assert!(
            stdout.contains(&format!("{what}: sent (WhatsHooked returns no message id)")),
            "{what}: {stdout}"
        );
    }
    assert!(
        stdout.contains("The sandbox received 3 requests:"),
        "{stdout}"
    );
    for path in [
        "/api/send ",
        "/api/send/interactive ",
        "/api/send/location ",
    ] {
        assert!(
            stdout.contains(&format!("  POST {path}{{")),
            "{path}: {stdout}"
        );
    }
    assert!(
        !stdout.contains(whatsapp_sdk::sandbox::Sandbox::TOKEN),
        "{stdout}"
    );
}
