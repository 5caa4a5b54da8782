//! The HTTP server every contender sends to: HTTP/1.1 keep-alive on loopback, one fixed JSON
//! answer, no routing and no parsing beyond the request head, so that what is measured is the
//! client. It can record requests (head and body) to check that contenders send the same bytes.

use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the Cloud API answers a sent message with (its documented `messages` response);
/// every contender decodes it.
pub(crate) const ANSWER: &str = r#"{"messaging_product":"whatsapp","contacts":[{"input":"+14155550123","wa_id":"14155550123"}],"messages":[{"id":"wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"}]}"#;

/// One request as the server read it.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    /// `POST /v23.0/106540352242922/messages HTTP/1.1`.
    pub request_line: String,
    /// Header names (lower case) and values, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A running server; it stops with the process.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    addr: SocketAddr,
    recording: Arc<AtomicBool>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Starts the server on loopback port `port` (0: any free one), on its own thread with a
    /// single-threaded runtime (the client side gets the rest of the machine).
    pub(crate) fn start(port: u16) -> io::Result<Server> {
        let listener = StdListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let server = Server {
            addr,
            recording: Arc::new(AtomicBool::new(false)),
            recorded: Arc::new(Mutex::new(Vec::new())),
            connections: Arc::new(AtomicUsize::new(0)),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let shared = server.clone();
        std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let _ = stream.set_nodelay(true);
                        shared.connections.fetch_add(1, Ordering::Relaxed);
                        let shared = shared.clone();
                        tokio::spawn(async move {
                            // A connection the client drops or garbles just ends.
                            let _ = shared.serve(stream).await;
                        });
                    }
                });
            })?;
        Ok(server)
    }

    /// `http://127.0.0.1:<port>`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    /// Records every request from now until [`take_recorded`](Self::take_recorded).
    pub(crate) fn record(&self) {
        self.recording.store(true, Ordering::SeqCst);
    }

    /// The requests recorded since [`record`](Self::record), and stops recording.
    pub(crate) fn take_recorded(&self) -> Vec<Recorded> {
        self.recording.store(false, Ordering::SeqCst);
        let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *recorded)
    }

    async fn serve(&self, mut stream: TcpStream) -> io::Result<()> {
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{ANSWER}",
            ANSWER.len()
        );
        let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            // The head.
            let head_end = loop {
                if let Some(at) = find(&buf, b"\r\n\r\n") {
                    break at + 4;
                }
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(());
                }
                buf.extend_from_slice(&chunk[..n]);
            };
            let length = content_length(&buf[..head_end]);
            // The body.
            while buf.len() < head_end + length {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            if self.recording.load(Ordering::Relaxed) {
                let recorded = parse(&buf[..head_end], &buf[head_end..head_end + length]);
                self.recorded
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(recorded);
            }
            buf.drain(..head_end + length);
            stream.write_all(response.as_bytes()).await?;
        }
    }
}

/// The `Content-Length` of a request head; 0 when absent (every contender sends one).
fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .find_map(|line| {
            let (name, value) = line.split_at(line.iter().position(|&b| b == b':')?);
            name.eq_ignore_ascii_case(b"content-length")
                .then(|| std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
}

fn parse(head: &[u8], body: &[u8]) -> Recorded {
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Recorded {
        request_line,
        headers,
        body: body.to_vec(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
