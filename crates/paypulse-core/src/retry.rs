//! One retry policy for every remote call (Gmail, Google's OAuth endpoints, the stores): capped,
//! jittered exponential backoff, with the number of attempts and the delays configurable
//! (`--retries`).

use std::time::Duration;

use backon::ExponentialBuilder;

/// How calls are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 6,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(32),
        }
    }
}

impl RetryPolicy {
    /// The backoff this policy describes (`attempts` counts the first call).
    pub fn backoff(&self) -> ExponentialBuilder {
        ExponentialBuilder::default()
            .with_jitter()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.attempts.saturating_sub(1))
    }
}
