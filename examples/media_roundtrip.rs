//! Upload a file (with progress), send it, download it again and compare the bytes.
//!
//! ```sh
//! cargo run --example media_roundtrip
//! ```
//!
//! Runs against the sandbox's Cloud API. The 8 MiB upload streams through the Cloud client's
//! own `upload_media` (the escape hatch under `whatsapp_sdk::cloud::api`), so the program can
//! report progress while the bytes go out; small files can simply go through
//! `Messenger::upload_media` or ride along in a message as `MediaSource::Bytes`.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use futures::StreamExt;
use whatsapp_sdk::cloud::api::Upload;
use whatsapp_sdk::message::Document;
use whatsapp_sdk::prelude::*;
use whatsapp_sdk::sandbox::Sandbox;
use whatsapp_sdk::{MediaId, MediaSource};

const SIZE: usize = 8 * 1024 * 1024;
const CHUNK: usize = 256 * 1024;

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

    // A generated report; any bytes of an accepted type would do.
    let report: Bytes = (0..SIZE)
        .map(|i| b"0123456789abcdef\n"[i % 17])
        .collect::<Vec<u8>>()
        .into();

    let sent_bytes = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&sent_bytes);
    let chunks: Vec<Bytes> = (0..SIZE)
        .step_by(CHUNK)
        .map(|at| report.slice(at..(at + CHUNK).min(SIZE)))
        .collect();
    let stream = futures::stream::iter(chunks).map(move |chunk| {
        let done = counter.fetch_add(chunk.len() as u64, Ordering::Relaxed) + chunk.len() as u64;
        progress(done, SIZE as u64);
        Ok::<_, std::io::Error>(chunk)
    });
    let upload = Upload::from_stream("report.txt", "text/plain", stream, Some(SIZE as u64));
    let answer = messenger
        .client()
        .upload_media(messenger.phone_number_id(), upload)
        .await?;
    println!();
    let id = MediaId::new(
        answer
            .into_inner()
            .id
            .ok_or("the upload answer has no id")?,
    );
    println!(
        "uploaded {} bytes as media {id}",
        sent_bytes.load(Ordering::Relaxed)
    );

    let document = Document::new(MediaSource::Id(id.clone()))
        .with_file_name("report.txt")
        .with_caption("This month's report");
    let sent = messenger.send(&to, &Message::new(document)?).await?;
    println!(
        "sent the document: message id {}",
        sent.id.map(|id| id.to_string()).unwrap_or_default()
    );

    let media = messenger.download_media(&id).await?;
    println!(
        "downloaded {} bytes ({})",
        media.bytes.len(),
        media.mime_type.as_deref().unwrap_or("no type given")
    );
    if media.bytes == report {
        println!("the downloaded bytes are the uploaded ones");
        Ok(())
    } else {
        Err("the downloaded bytes differ from the uploaded ones".into())
    }
}

/// One line, rewritten in place, as the upload proceeds.
fn progress(done: u64, total: u64) {
    let percent = done * 100 / total.max(1);
    print!(
        "\ruploading: {percent:>3}% ({:.1} of {:.1} MiB)",
        mib(done),
        mib(total)
    );
    let _ = std::io::stdout().flush();
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
