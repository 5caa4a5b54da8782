//! Remembering which events were already handed on, so a redelivery is reported as a
//! duplicate instead of being processed twice.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use async_trait::async_trait;

use crate::BoxError;

/// How long stores remember a key unless told otherwise: a week, longer than providers keep
/// retrying a delivery.
///
/// ```
/// use whatsapp_sdk::webhook::{MemoryDedup, DEFAULT_TTL};
///
/// assert_eq!(MemoryDedup::default().ttl(), DEFAULT_TTL);
/// ```
pub const DEFAULT_TTL: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A de-duplication store: claims event keys for one delivery attempt, atomically.
///
/// [`claim`](Self::claim) marks each key as seen by `token` unless some attempt already
/// holds it, and says which keys were new. [`release`](Self::release) forgets the keys
/// `token` still holds, so a delivery whose processing failed can be taken again when the
/// provider retries. The token keeps a release from freeing a key another attempt claimed.
///
/// [`MemoryDedup`] (one process) and `RedisDedup` (feature `redis`, several receiver
/// instances) implement it.
///
/// ```
/// use whatsapp_sdk::webhook::{DedupStore, MemoryDedup};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let store = MemoryDedup::default();
/// assert_eq!(store.claim(&["a", "b"], "attempt-1").await?, [true, true]);
/// assert_eq!(store.claim(&["b", "c"], "attempt-2").await?, [false, true]);
/// store.release(&["b"], "attempt-2").await?; // not attempt-2's: kept
/// assert_eq!(store.claim(&["b"], "attempt-3").await?, [false]);
/// # Ok::<(), whatsapp_sdk::webhook::DedupError>(())
/// # }).unwrap();
/// ```
#[async_trait]
pub trait DedupStore: fmt::Debug + Send + Sync {
    /// Claims `keys` for `token`, all or none: `true` for each key that was new (a key
    /// repeated within `keys` is new only the first time).
    async fn claim(&self, keys: &[&str], token: &str) -> Result<Vec<bool>, DedupError>;

    /// Forgets those of `keys` that `token` holds.
    async fn release(&self, keys: &[&str], token: &str) -> Result<(), DedupError>;
}

#[async_trait]
impl<T: DedupStore + ?Sized> DedupStore for Arc<T> {
    async fn claim(&self, keys: &[&str], token: &str) -> Result<Vec<bool>, DedupError> {
        (**self).claim(keys, token).await
    }

    async fn release(&self, keys: &[&str], token: &str) -> Result<(), DedupError> {
        (**self).release(keys, token).await
    }
}

/// A de-duplication store failed (Redis unreachable, timed out, answered an error).
///
/// ```
/// use whatsapp_sdk::webhook::DedupError;
///
/// let error = DedupError::new("connection refused");
/// assert_eq!(error.to_string(), "de-duplication store failed: connection refused");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("de-duplication store failed: {source}")]
pub struct DedupError {
    #[source]
    source: BoxError,
}

impl DedupError {
    /// A store failure caused by `source`.
    pub fn new(source: impl Into<BoxError>) -> Self {
        DedupError {
            source: source.into(),
        }
    }
}

/// A token no other delivery attempt uses: this process, the time and a counter.
pub(super) fn token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}-{nanos:x}-{count:x}", std::process::id())
}

/// A bounded in-memory [`DedupStore`]: keys are kept for a TTL, and the oldest are dropped
/// beyond a capacity. Clones share one memory.
///
/// It only sees one process: several receiver instances behind a load balancer need a shared
/// store such as `RedisDedup` (feature `redis`).
///
/// ```
/// use std::time::Duration;
/// use whatsapp_sdk::webhook::MemoryDedup;
///
/// let store = MemoryDedup::new(10_000, Duration::from_secs(24 * 60 * 60));
/// assert_eq!(store.capacity(), 10_000);
/// ```
#[derive(Clone)]
pub struct MemoryDedup {
    capacity: usize,
    ttl: Duration,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    keys: HashMap<Box<str>, Held>,
    /// Keys in the order claimed, with their expiry and claim number; an entry whose key
    /// was released or claimed again since (another number) is stale and skipped.
    order: VecDeque<(Box<str>, Instant, u64)>,
    claims: u64,
}

struct Held {
    token: Box<str>,
    claim: u64,
}

impl MemoryDedup {
    /// Keys claimed first when more than this many are held.
    pub const DEFAULT_CAPACITY: usize = 100_000;

    /// A store holding at most `capacity` keys (at least one), each for `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        MemoryDedup {
            capacity: capacity.max(1),
            ttl,
            state: Arc::default(),
        }
    }

    /// The most keys held at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How long a key is held.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// How many keys are held now (expired ones included until the next claim).
    pub fn len(&self) -> usize {
        self.lock().keys.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the maps consistent (each change
        // is one insert or remove), so the memory stays usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn claim_at(&self, keys: &[&str], token: &str, now: Instant) -> Vec<bool> {
        let mut state = self.lock();
        state.expire(now);
        let expires = now.checked_add(self.ttl).unwrap_or(now);
        keys.iter()
            .map(|key| {
                if state.keys.contains_key(*key) {
                    return false;
                }
                while state.keys.len() >= self.capacity {
                    if !state.evict_oldest() {
                        break;
                    }
                }
                state.claims += 1;
                let claim = state.claims;
                let held = Held {
                    token: token.into(),
                    claim,
                };
                state.keys.insert((*key).into(), held);
                state.order.push_back(((*key).into(), expires, claim));
                state.compact(self.capacity);
                true
            })
            .collect()
    }

    fn release_now(&self, keys: &[&str], token: &str) {
        let mut state = self.lock();
        for key in keys {
            if state
                .keys
                .get(*key)
                .is_some_and(|held| &*held.token == token)
            {
                state.keys.remove(*key);
            }
        }
    }
}

impl State {
    /// Whether an entry of `order` still describes its key.
    fn current(&self, key: &str, claim: u64) -> bool {
        self.keys.get(key).is_some_and(|held| held.claim == claim)
    }

    fn expire(&mut self, now: Instant) {
        // One TTL for all keys, so `order` is also in expiry order.
        while let Some((key, expires, claim)) = self.order.front() {
            if *expires > now {
                break;
            }
            if self.current(key, *claim) {
                self.keys.remove(&**key);
            }
            self.order.pop_front();
        }
    }

    fn evict_oldest(&mut self) -> bool {
        while let Some((key, _, claim)) = self.order.pop_front() {
            if self.current(&key, claim) {
                self.keys.remove(&*key);
                return true;
            }
        }
        false
    }

    /// Drops stale entries once they outnumber the live ones, so releases cannot grow
    /// `order` without bound.
    fn compact(&mut self, capacity: usize) {
        if self.order.len() > 2 * capacity.max(self.keys.len()) {
            let keys = &self.keys;
            self.order
                .retain(|(key, _, claim)| keys.get(&**key).is_some_and(|h| h.claim == *claim));
        }
    }
}

impl Default for MemoryDedup {
    /// [`DEFAULT_CAPACITY`](Self::DEFAULT_CAPACITY) keys for [`DEFAULT_TTL`].
    fn default() -> Self {
        MemoryDedup::new(Self::DEFAULT_CAPACITY, DEFAULT_TTL)
    }
}

impl fmt::Debug for MemoryDedup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryDedup")
            .field("capacity", &self.capacity)
            .field("ttl", &self.ttl)
            .field("len", &self.len())
            .finish()
    }
}

#[async_trait]
impl DedupStore for MemoryDedup {
    async fn claim(&self, keys: &[&str], token: &str) -> Result<Vec<bool>, DedupError> {
        Ok(self.claim_at(keys, token, Instant::now()))
    }

    async fn release(&self, keys: &[&str], token: &str) -> Result<(), DedupError> {
        self.release_now(keys, token);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_expire_after_the_ttl() {
        let store = MemoryDedup::new(10, Duration::from_secs(60));
        let start = Instant::now();
        assert_eq!(store.claim_at(&["a"], "t1", start), [true]);
        assert_eq!(
            store.claim_at(&["a"], "t2", start + Duration::from_secs(59)),
            [false]
        );
        assert_eq!(
            store.claim_at(&["a"], "t3", start + Duration::from_secs(60)),
            [true]
        );
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn the_oldest_keys_go_beyond_the_capacity() {
        let store = MemoryDedup::new(2, Duration::from_secs(60));
        let now = Instant::now();
        assert_eq!(
            store.claim_at(&["a", "b", "c"], "t", now),
            [true, true, true]
        );
        assert_eq!(store.len(), 2);
        assert_eq!(store.claim_at(&["c", "b"], "u", now), [false, false]);
        assert_eq!(store.claim_at(&["a"], "u", now), [true]);
    }

    #[test]
    fn a_key_repeated_in_one_claim_is_new_once() {
        let store = MemoryDedup::default();
        assert_eq!(
            store.claim_at(&["a", "a"], "t", Instant::now()),
            [true, false]
        );
    }

    #[test]
    fn release_frees_only_the_tokens_own_keys_and_stays_bounded() {
        let store = MemoryDedup::new(4, Duration::from_secs(60));
        let now = Instant::now();
        store.claim_at(&["a"], "t1", now);
        store.release_now(&["a"], "other");
        assert_eq!(store.claim_at(&["a"], "t2", now), [false]);
        store.release_now(&["a"], "t1");
        assert_eq!(store.claim_at(&["a"], "t3", now), [true]);
        for i in 0..1000 {
            store.claim_at(&["x"], &i.to_string(), now);
            store.release_now(&["x"], &i.to_string());
        }
        let state = store.lock();
        assert!(state.order.len() <= 2 * 4 + 1, "{}", state.order.len());
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(token(), token());
    }
}
