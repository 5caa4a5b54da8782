//! What the example programs share: printing what the sandbox received.
#![forbid(unsafe_code)]

use std::io::Write;

use whatsapp_sdk::sandbox::Recorded;

/// One line per request the sandbox received: method, path and body (JSON compact, multipart
/// as its field names, other bodies by size). Credentials are never printed.
pub fn print_requests(out: &mut impl Write, requests: &[Recorded]) -> std::io::Result<()> {
    for request in requests {
        writeln!(
            out,
            "  {} {} {}",
            request.method,
            request.path,
            body_summary(request)
        )?;
    }
    Ok(())
}

/// A request body as one line.
pub fn body_summary(request: &Recorded) -> String {
    if let Some(json) = request.json() {
        return json.to_string();
    }
    let parts = request.parts();
    if !parts.is_empty() {
        let names: Vec<String> = parts
            .iter()
            .map(|p| match &p.file_name {
                Some(file) => format!("{}=<{file}, {} bytes>", p.name, p.body.len()),
                None => format!("{}={}", p.name, String::from_utf8_lossy(&p.body)),
            })
            .collect();
        return format!("multipart: {}", names.join(" "));
    }
    if request.body.is_empty() {
        String::new()
    } else {
        format!("<{} bytes>", request.body.len())
    }
}

/// A small PNG (1x1 pixel), so examples upload a real image without a file on disk.
pub const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];
