//! The HTTP client both adapters share: rustls, no redirects followed, timeouts on every call,
//! and retries with exponential backoff and jitter for idempotent calls only.

use std::time::Duration;

use rand::Rng;

/// Timeouts and retries.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// The whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

/// How idempotent calls are retried after a transient failure.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The wait before the first retry; each later one doubles it, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for HttpSettings {
    fn default() -> HttpSettings {
        HttpSettings {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retry: RetryPolicy::default(),
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy { attempts: 4, base_delay: Duration::from_millis(300), max_delay: Duration::from_secs(5) }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0 for the first): a random time up to the
    /// exponential bound, so that many clients do not retry in step after an outage.
    pub fn delay(&self, retry: u32) -> Duration {
        let bound = self.base_delay.saturating_mul(1u32 << retry.min(16)).min(self.max_delay);
        let low = bound / 2;
        let spread = (bound - low).as_micros() as u64;
        low + Duration::from_micros(rand::thread_rng().gen_range(0..=spread))
    }
}

/// Builds the client: rustls, no redirects, timeouts.
pub fn client(settings: &HttpSettings) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .user_agent(concat!("dvclink/", env!("CARGO_PKG_VERSION")))
        .build()
}
