//! A recording proxy in front of a Prism mock, for callers that do not show response headers.
//!
//! The facade's adapters return the facade's own errors, which keep no headers, and Prism
//! reports request violations in its `sl-violations` header when the operation documents a 4xx
//! answer it can serve instead of its own 422. Every request the adapters make goes through
//! this proxy, which forwards it unchanged and keeps the violations Prism reported.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, Response, StatusCode};

use crate::run::Violation;

/// Bodies are buffered to be forwarded; nothing the adapters send comes near this.
const MAX_BODY: usize = 64 * 1024 * 1024;

#[derive(Debug)]
struct Shared {
    upstream: String,
    http: reqwest::Client,
    seen: Mutex<Vec<Violation>>,
}

/// A running proxy; dropping it stops the server.
#[derive(Debug)]
pub(crate) struct Proxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    /// Starts a proxy to `upstream` on a free loopback port.
    pub(crate) async fn start(upstream: &str) -> Result<Self, String> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|e| format!("proxy: cannot bind: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            seen: Mutex::default(),
        });
        let router = axum::Router::new()
            .fallback(forward)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(Self { addr, shared, task })
    }

    /// The URL to give a client instead of the mock's.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request violations reported since the last call, and forgets them.
    pub(crate) fn take(&self) -> Vec<Violation> {
        std::mem::take(&mut *self.shared.seen.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response<Body> {
    match relay(&shared, request).await {
        Ok(response) => response,
        Err(message) => {
            let mut response = Response::new(Body::from(message));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}

async fn relay(shared: &Shared, request: Request<Body>) -> Result<Response<Body>, String> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|e| e.to_string())?;
    let target = format!(
        "{}{}",
        shared.upstream,
        parts.uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut headers = parts.headers;
    headers.remove(axum::http::header::HOST);
    let answer = shared
        .http
        .request(parts.method, target)
        .headers(headers)
        .body(body)
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let status = answer.status();
    let headers = answer.headers().clone();
    let body = answer.bytes().await.map_err(|e| e.to_string())?;
    let mut found: Vec<Violation> = crate::run::header_violations(&headers);
    if let Some((_, listed, _)) = crate::run::prism_problem(&body) {
        found.extend(listed);
    }
    found.retain(|v| v.pointer.starts_with("/request"));
    shared
        .seen
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .extend(found);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}
