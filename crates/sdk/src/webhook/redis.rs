//! De-duplication shared through Redis (feature `redis`), for several receiver instances
//! behind a load balancer, where each instance's memory sees only its own deliveries.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::dedup::{DEFAULT_TTL, DedupError, DedupStore};

/// Deletes each key whose value is still the given token; the check and the delete are one
/// step, so a key another attempt claimed meanwhile stays.
const RELEASE: &str = r"
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0";

/// A [`DedupStore`] in Redis: each key is claimed with `SET key token NX PX ttl`, all keys of
/// a delivery in one `MULTI`/`EXEC`, and released by a script that deletes only the keys the
/// token still holds.
///
/// The connection reconnects by itself; while Redis is unreachable every claim fails with a
/// [`DedupError`], which the receiver reports (answer 503 and the provider retries). Keys
/// outlive a Redis restart only as far as Redis persists them (`appendonly yes`).
///
/// ```no_run
/// use whatsapp_sdk::webhook::{RedisDedup, WebhookReceiver};
/// use whatsapp_sdk::Secret;
///
/// # async fn run() -> Result<(), whatsapp_sdk::webhook::DedupError> {
/// let store = RedisDedup::connect("redis://127.0.0.1:6379/").await?.with_prefix("bot-a:");
/// let receiver = WebhookReceiver::cloud(Secret::new("app-secret")).with_dedup(store);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisDedup {
    connection: ConnectionManager,
    prefix: String,
    ttl: Duration,
}

impl RedisDedup {
    /// Every key is stored under this prefix by default.
    pub const DEFAULT_PREFIX: &'static str = "whatsapp-sdk:webhook:";

    /// Connects to the Redis at `url` (`redis://[:password@]host:port/db`), with two-second
    /// connection and response timeouts so an outage is reported quickly.
    pub async fn connect(url: &str) -> Result<Self, DedupError> {
        let client = redis::Client::open(url).map_err(DedupError::new)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(DedupError::new)?;
        Ok(Self::new(connection))
    }

    /// A store on an existing connection manager.
    pub fn new(connection: ConnectionManager) -> Self {
        RedisDedup {
            connection,
            prefix: Self::DEFAULT_PREFIX.to_owned(),
            ttl: DEFAULT_TTL,
        }
    }

    /// Stores keys under `prefix` (one per application sharing a Redis).
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Keeps keys for `ttl` (at least a millisecond).
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl.max(Duration::from_millis(1));
        self
    }

    fn ttl_millis(&self) -> u64 {
        u64::try_from(self.ttl.as_millis()).unwrap_or(u64::MAX)
    }
}

impl fmt::Debug for RedisDedup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The connection is left out: its address may carry a password.
        f.debug_struct("RedisDedup")
            .field("prefix", &self.prefix)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl DedupStore for RedisDedup {
    async fn claim(&self, keys: &[&str], token: &str) -> Result<Vec<bool>, DedupError> {
        let mut pipe = redis::pipe();
        pipe.atomic();
        for key in keys {
            pipe.cmd("SET")
                .arg(format!("{}{key}", self.prefix))
                .arg(token)
                .arg("NX")
                .arg("PX")
                .arg(self.ttl_millis());
        }
        let mut connection = self.connection.clone();
        let answers: Vec<redis::Value> = pipe
            .query_async(&mut connection)
            .await
            .map_err(DedupError::new)?;
        Ok(answers
            .iter()
            .map(|answer| !matches!(answer, redis::Value::Nil))
            .collect())
    }

    async fn release(&self, keys: &[&str], token: &str) -> Result<(), DedupError> {
        let mut command = redis::cmd("EVAL");
        command.arg(RELEASE).arg(keys.len());
        for key in keys {
            command.arg(format!("{}{key}", self.prefix));
        }
        command.arg(token);
        let mut connection = self.connection.clone();
        command
            .query_async::<redis::Value>(&mut connection)
            .await
            .map(drop)
            .map_err(DedupError::new)
    }
}
