//! What the sandbox remembers: requests received, answers queued, media stored, ids given.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use bytes::Bytes;

use super::{Answer, Recorded};
use crate::Provider;

/// A stored media file.
#[derive(Debug, Clone)]
pub(crate) struct StoredMedia {
    pub(crate) bytes: Bytes,
    pub(crate) mime_type: String,
}

#[derive(Debug, Default)]
struct Inner {
    requests: Vec<Recorded>,
    queued: HashMap<Provider, VecDeque<Answer>>,
    media: HashMap<(Provider, String), StoredMedia>,
    counter: u64,
}

/// Shared by the server task and the [`Sandbox`](super::Sandbox) handle.
#[derive(Debug, Default)]
pub(crate) struct State {
    inner: Mutex<Inner>,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking handler must not take the record down with it.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn record(&self, request: Recorded) {
        self.lock().requests.push(request);
    }

    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    pub(crate) fn clear_requests(&self) {
        self.lock().requests.clear();
    }

    pub(crate) fn queue(&self, provider: Provider, answer: Answer) {
        self.lock()
            .queued
            .entry(provider)
            .or_default()
            .push_back(answer);
    }

    pub(crate) fn next_queued(&self, provider: Provider) -> Option<Answer> {
        self.lock().queued.get_mut(&provider)?.pop_front()
    }

    /// A number never given before, for ids.
    pub(crate) fn next_number(&self) -> u64 {
        let mut inner = self.lock();
        inner.counter += 1;
        inner.counter
    }

    pub(crate) fn store_media(&self, provider: Provider, id: String, media: StoredMedia) {
        self.lock().media.insert((provider, id), media);
    }

    /// A media id that depends only on the file, so recorded requests (and the golden files
    /// made of them) do not change when other files are uploaded first: 16 decimal digits,
    /// the form Meta's media ids have, from the file's FNV-1a hash.
    pub(crate) fn media_id_for(bytes: &[u8], mime_type: &str) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in bytes.iter().chain(mime_type.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{}", 1_000_000_000_000_000 + hash % 9_000_000_000_000_000)
    }

    pub(crate) fn media(&self, provider: Provider, id: &str) -> Option<StoredMedia> {
        self.lock().media.get(&(provider, id.to_owned())).cloned()
    }
}
