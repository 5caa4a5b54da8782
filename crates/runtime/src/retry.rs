//! When to try a request again, and how long to wait first.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode};

/// Retry behaviour shared by every operation of a client.
///
/// Defaults: 3 attempts, backoff from 200 ms doubling up to 10 s with jitter, 60 s deadline for
/// all attempts together, non-idempotent requests not retried after a 5xx or a timeout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Option<Duration>,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            deadline: Some(Duration::from_secs(60)),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request exactly once.
    pub fn never() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Total attempts, the first included; `0` is treated as `1`.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Wait before the first retry; each later retry doubles it, up to the maximum.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Upper bound for one backoff wait.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Time budget for all attempts and waits of one operation. Default 60 s.
    ///
    /// No retry starts when its wait would end past the deadline, and each attempt's timeout is
    /// cut to what is left of it.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// No overall budget: only attempts and per-attempt timeouts bound a call.
    pub fn without_deadline(mut self) -> Self {
        self.deadline = None;
        self
    }

    /// Also retry `POST` and `PATCH` after a 5xx or a timeout.
    ///
    /// Off by default: the provider may have accepted the message before failing, and a retry
    /// would send it twice. Turn it on only where duplicates are acceptable.
    pub fn with_retry_non_idempotent(mut self, enabled: bool) -> Self {
        self.retry_non_idempotent = enabled;
        self
    }

    /// Total attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The deadline for all attempts together.
    pub fn deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// Whether the outcome of one attempt calls for another, and the wait the server asked for.
    pub(crate) fn verdict(
        &self,
        method: &Method,
        outcome: &reqwest::Result<reqwest::Response>,
    ) -> Verdict {
        let replay_safe = is_idempotent(method) || self.retry_non_idempotent;
        match outcome {
            Ok(response) => {
                let status = response.status();
                if status == StatusCode::TOO_MANY_REQUESTS
                    || (status.is_server_error() && replay_safe)
                {
                    Verdict::Retry(retry_after(response.headers(), SystemTime::now()))
                } else {
                    Verdict::Done
                }
            }
            // Connecting failed, so nothing was sent.
            Err(error) if error.is_connect() => Verdict::Retry(None),
            Err(error) if replay_safe && (error.is_timeout() || error.is_request()) => {
                Verdict::Retry(None)
            }
            Err(_) => Verdict::Done,
        }
    }

    /// Exponential backoff with "equal jitter": half the step fixed, half random, so
    /// clients that failed together do not retry together.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let step = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
            .min(self.max_backoff);
        let half = step / 2;
        half + half.mul_f64(random_unit())
    }
}

/// What to do after one attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Return the outcome to the caller.
    Done,
    /// Try again, after the server's `Retry-After` if it sent one.
    Retry(Option<Duration>),
}

/// Methods RFC 9110 §9.2.2 defines as idempotent.
fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
pub(crate) fn retry_after(
    headers: &reqwest::header::HeaderMap,
    now: SystemTime,
) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A uniformly distributed number in `[0, 1)`, from the standard library's randomly keyed hasher.
fn random_unit() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    fn headers(value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            RETRY_AFTER,
            HeaderValue::from_str(value).expect("test header"),
        );
        map
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:50:07 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_grows_within_its_bounds() {
        let policy = RetryPolicy::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        for _ in 0..100 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = policy.backoff(2);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let capped = policy.backoff(10);
            assert!(capped >= Duration::from_millis(175) && capped <= Duration::from_millis(350));
        }
    }

    #[test]
    fn jitter_varies() {
        let samples: std::collections::BTreeSet<u64> =
            (0..20).map(|_| (random_unit() * 1e9) as u64).collect();
        assert!(samples.len() > 1);
        assert!(samples.iter().all(|s| *s < 1_000_000_000));
    }

    #[test]
    fn zero_attempts_means_one() {
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryPolicy::never().max_attempts(), 1);
    }
}
