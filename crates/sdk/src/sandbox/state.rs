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
    pub(crate) file_name: Option<String>,
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

    pub(crate) fn media(&self, provider: Provider, id: &str) -> Option<StoredMedia> {
        self.lock().media.get(&(provider, id.to_owned())).cloned()
    }
}
