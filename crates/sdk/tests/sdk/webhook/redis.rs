//! De-duplication through a real `redis-server` that each test starts on a free loopback
//! port and stops (Debian's `redis-server` package; `.ci/run` installs it).

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use whatsapp_sdk::webhook::{DedupStore, RedisDedup, WebhookError, WebhookReceiver};
use whatsapp_sdk::{Provider, Secret};

use crate::webhook::support::sample;

/// A `redis-server` of our own, with its data in a temporary directory (append-only file,
/// synced on every write, so keys survive a restart like a persistent deployment's).
struct Server {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl Server {
    fn start() -> Server {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let dir =
            std::env::temp_dir().join(format!("whatsapp-sdk-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a directory for redis data");
        let mut server = Server {
            port,
            dir,
            child: None,
        };
        server.run();
        server
    }

    fn run(&mut self) {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args([
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start redis-server ({e}); install it: apt-get install -y redis-server"
                )
            });
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not listen on {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn claims_are_atomic_set_if_absent_with_expiry() {
    let server = Server::start();
    let store = RedisDedup::connect(&server.url())
        .await
        .unwrap()
        .with_prefix("test:")
        .with_ttl(Duration::from_millis(300));
    assert_eq!(
        store.claim(&["a", "b", "a"], "t1").await.unwrap(),
        [true, true, false]
    );
    assert_eq!(store.claim(&["b", "c"], "t2").await.unwrap(), [false, true]);
    store.release(&["b"], "t2").await.unwrap(); // b is t1's
    assert_eq!(store.claim(&["b"], "t3").await.unwrap(), [false]);
    store.release(&["a", "b"], "t1").await.unwrap();
    assert_eq!(store.claim(&["a", "b"], "t4").await.unwrap(), [true, true]);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        store.claim(&["a", "c"], "t5").await.unwrap(),
        [true, true],
        "expired"
    );
    let other = RedisDedup::connect(&server.url())
        .await
        .unwrap()
        .with_prefix("other:");
    assert_eq!(
        other.claim(&["a"], "t6").await.unwrap(),
        [true],
        "prefixes separate applications"
    );
    assert!(!format!("{store:?}").contains(&server.port.to_string()));
}

#[tokio::test]
async fn two_receivers_sharing_one_redis_hand_each_event_on_once() {
    let server = Server::start();
    let secret = Secret::new("meta-app-secret");
    let a = WebhookReceiver::cloud(secret.clone())
        .with_dedup(RedisDedup::connect(&server.url()).await.unwrap());
    let b = WebhookReceiver::cloud(secret.clone())
        .with_dedup(RedisDedup::connect(&server.url()).await.unwrap());
    let body = sample(Provider::Cloud, "multi_entry.json");
    let headers = a.sign(&body);

    // The same delivery reaches both instances at once (a retry racing the original).
    let (first, second) = tokio::join!(
        a.receive_once(&headers, &body),
        b.receive_once(&headers, &body)
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.events.len() + second.events.len(), 5);
    assert_eq!(first.duplicates.len() + second.duplicates.len(), 5);
    let mut keys: Vec<&str> = first
        .events
        .iter()
        .chain(&second.events)
        .map(|e| e.dedup_key())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        5,
        "each event handed on by exactly one instance"
    );

    // Either instance recognises a later redelivery.
    for receiver in [&a, &b] {
        let again = receiver.receive_once(&headers, &body).await.unwrap();
        assert_eq!((again.events.len(), again.duplicates.len()), (0, 5));
    }
}

#[tokio::test]
async fn a_redis_restart_mid_stream_is_reported_and_loses_or_doubles_nothing() {
    let mut server = Server::start();
    let receiver = WebhookReceiver::cloud(Secret::new("meta-app-secret"))
        .with_dedup(RedisDedup::connect(&server.url()).await.unwrap());
    let first = sample(Provider::Cloud, "text.json");
    let second = sample(Provider::Cloud, "statuses.json");
    let (h1, h2) = (receiver.sign(&first), receiver.sign(&second));

    assert_eq!(
        receiver
            .receive_once(&h1, &first)
            .await
            .unwrap()
            .events
            .len(),
        1
    );

    server.stop();
    for (headers, body) in [(&h2, &second), (&h1, &first)] {
        let error = receiver.receive_once(headers, body).await.unwrap_err();
        assert!(matches!(error, WebhookError::Store { .. }), "{error:?}");
        assert_eq!(error.status(), http::StatusCode::SERVICE_UNAVAILABLE);
    }

    server.run();
    // The provider keeps retrying; the connection comes back by itself.
    let deadline = Instant::now() + Duration::from_secs(20);
    let retried = loop {
        match receiver.receive_once(&h2, &second).await {
            Ok(delivery) => break delivery,
            Err(WebhookError::Store { .. }) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("{error:?}"),
        }
    };
    assert_eq!(
        (retried.events.len(), retried.duplicates.len()),
        (4, 0),
        "nothing was dropped"
    );
    let replay = receiver.receive_once(&h1, &first).await.unwrap();
    assert_eq!(
        (replay.events.len(), replay.duplicates.len()),
        (0, 1),
        "nothing is doubled"
    );
}
