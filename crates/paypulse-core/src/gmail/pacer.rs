//! The Gmail client's pacing: a quota budget (token bucket of units per second) and an in-flight
//! window, both adaptive, shared by every request of a run (lists, gets, attachment downloads).
//!
//! - The window follows Little's law: in flight ≈ budgeted calls per second × observed latency,
//!   with headroom, so that the quota, not latency, is the limit. It grows by one per clean answer
//!   up to that target (and `--concurrency`, the cap), halves on a rate-limit answer and shrinks
//!   when latency rises well above its baseline (the server queues).
//! - The budget starts at the configured quota, drops by 20% on a rate-limit answer (a project on
//!   a smaller quota, or costlier methods than configured, converge without a flag) and climbs back
//!   per clean second: by 10% up to 90% of the rate that met the limit, then by 2%, up to the
//!   configured quota.
//!
//! A small controller rather than a crate: it has to couple the window to the budget (the
//! target window is computed from the budget's rate), which the generic AIMD/Vegas limiters do not
//! do, and it replaces a fixed-rate bucket that could not change its rate at run time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Notify;

/// Quota units per method: one table, configurable (`[gmail.costs]` in `config.toml`).
/// The defaults are Gmail's published per-method costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MethodCosts {
    pub list: u32,
    pub get: u32,
    pub attachment: u32,
    pub history: u32,
    pub profile: u32,
}

impl Default for MethodCosts {
    fn default() -> Self {
        MethodCosts {
            list: 5,
            get: 5,
            attachment: 5,
            history: 2,
            profile: 1,
        }
    }
}

/// Headroom over Little's law (jitter, bodies of different sizes).
const HEADROOM: f64 = 1.5;
/// A clean period after which the budget may grow again.
const CLEAN_PERIOD: Duration = Duration::from_secs(1);

struct State {
    /// Units per second the bucket refills at (adaptive, at most `quota`).
    rate: f64,
    tokens: f64,
    refilled: Instant,
    /// In-flight limit (adaptive, at most `cap`).
    limit: f64,
    in_flight: usize,
    /// Seconds a request holds its slot: smoothed, and its slowly rising floor.
    latency: f64,
    baseline: f64,
    /// Smoothed units per request.
    cost: f64,
    last_throttle: Option<Instant>,
    /// The rate at the last rate limit: approached carefully, passed once clean.
    ceiling: Option<f64>,
    last_raise: Instant,
}

pub(crate) struct Pacer {
    state: Mutex<State>,
    freed: Notify,
    quota: f64,
    cap: usize,
    /// Statistics for the run's summary.
    pub(crate) throttled: std::sync::atomic::AtomicUsize,
}

/// What a finished request says about the pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Clean,
    RateLimited,
    /// Neither: an error that says nothing about load.
    Neutral,
}

/// A slot in the window; released when dropped.
pub(crate) struct Permit<'a> {
    pacer: &'a Pacer,
    started: Instant,
}

impl Permit<'_> {
    pub(crate) fn finish(self, outcome: Outcome) {
        self.pacer.observe(self.started.elapsed(), outcome);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut st = self.pacer.state.lock().expect("pacer lock");
        st.in_flight = st.in_flight.saturating_sub(1);
        drop(st);
        self.pacer.freed.notify_waiters();
    }
}

impl Pacer {
    /// `quota`: units per second; `cap`: most requests in flight.
    pub(crate) fn new(quota: u32, cap: usize, costs: &MethodCosts) -> Pacer {
        let quota = f64::from(quota.max(1));
        let cost = f64::from(costs.get.max(1));
        let now = Instant::now();
        Pacer {
            state: Mutex::new(State {
                rate: quota,
                // A quarter second of burst: a start without a wait, no server bucket emptied.
                tokens: (quota / 4.0).max(cost),
                refilled: now,
                limit: 8f64.min(cap as f64),
                in_flight: 0,
                latency: 0.0,
                baseline: f64::MAX,
                cost,
                last_throttle: None,
                ceiling: None,
                last_raise: now,
            }),
            freed: Notify::new(),
            quota,
            cap: cap.max(1),
            throttled: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Waits for `units` of budget and a slot in the window.
    pub(crate) async fn acquire(&self, units: u32) -> Permit<'_> {
        self.wait(f64::from(units), true).await;
        Permit {
            pacer: self,
            started: Instant::now(),
        }
    }

    /// Waits for `units` of budget only (a call made while holding a slot).
    pub(crate) async fn spend(&self, units: u32) {
        self.wait(f64::from(units), false).await;
    }

    async fn wait(&self, units: f64, slot: bool) {
        loop {
            let freed = self.freed.notified();
            let mut freed = std::pin::pin!(freed);
            freed.as_mut().enable();
            let wait = {
                let mut st = self.state.lock().expect("pacer lock");
                let now = Instant::now();
                let burst = (st.rate / 4.0).max(units);
                st.tokens = (st.tokens + now.duration_since(st.refilled).as_secs_f64() * st.rate)
                    .min(burst);
                st.refilled = now;
                let room = !slot || (st.in_flight as f64) < st.limit.floor().max(1.0);
                if room && st.tokens >= units {
                    st.tokens -= units;
                    st.cost = 0.9 * st.cost + 0.1 * units;
                    if slot {
                        st.in_flight += 1;
                    }
                    return;
                }
                if room {
                    Some(Duration::from_secs_f64((units - st.tokens) / st.rate))
                } else {
                    None
                }
            };
            match wait {
                Some(d) => tokio::time::sleep(d).await,
                None => freed.await,
            }
        }
    }

    fn observe(&self, took: Duration, outcome: Outcome) {
        let mut st = self.state.lock().expect("pacer lock");
        let now = Instant::now();
        let s = took.as_secs_f64().max(0.0005);
        match outcome {
            Outcome::Neutral => {}
            Outcome::RateLimited => {
                self.throttled
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // One decrease per round trip: the answers of one burst are one signal.
                let recent = st
                    .last_throttle
                    .is_some_and(|t| now.duration_since(t).as_secs_f64() < st.latency.max(0.1));
                if !recent {
                    st.ceiling = Some(st.rate);
                    st.rate = (st.rate * 0.8).max(st.cost);
                    st.limit = (st.limit / 2.0).max(1.0);
                    st.tokens = 0.0;
                    st.last_throttle = Some(now);
                    st.last_raise = now;
                    tracing::debug!(
                        rate = st.rate,
                        limit = st.limit,
                        "rate limited: slowing down"
                    );
                }
            }
            Outcome::Clean => {
                st.latency = if st.latency == 0.0 {
                    s
                } else {
                    0.8 * st.latency + 0.2 * s
                };
                // The floor rises slowly, so that a lasting change of latency is followed.
                st.baseline = (st.baseline * 1.002).min(s);
                let calls = st.rate / st.cost.max(1.0);
                let latency = st.latency.min(2.0 * st.baseline);
                let target = (calls * latency * HEADROOM + 2.0).min(self.cap as f64);
                if st.latency > 3.0 * st.baseline && st.limit > 2.0 {
                    // Answers slow down: the server queues; ask less of it.
                    st.limit = (st.limit * 0.95).max(2.0);
                } else if st.limit < target {
                    st.limit = (st.limit + 1.0).min(target);
                } else {
                    st.limit = target.max(1.0);
                }
                if st.rate < self.quota && now.duration_since(st.last_raise) >= CLEAN_PERIOD {
                    // Quickly back to 90% of where the limit was met, then slowly past it.
                    let step = match st.ceiling {
                        Some(c) if st.rate >= 0.9 * c => 1.02,
                        _ => 1.1,
                    };
                    st.rate = (st.rate * step).min(self.quota);
                    if st.ceiling.is_some_and(|c| st.rate > c) {
                        st.ceiling = None;
                    }
                    st.last_raise = now;
                }
            }
        }
    }

    /// The current (window, units per second).
    #[cfg(test)]
    fn snapshot(&self) -> (f64, f64) {
        let st = self.state.lock().expect("pacer lock");
        (st.limit, st.rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_latency_and_budget_and_the_cap() {
        let p = Pacer::new(1000, 256, &MethodCosts::default());
        for _ in 0..200 {
            p.observe(Duration::from_millis(100), Outcome::Clean);
        }
        // 200 calls/s × 0.1 s × 1.5 + 2 = 32.
        let (limit, rate) = p.snapshot();
        assert!((31.0..=33.0).contains(&limit), "{limit}");
        assert!((rate - 1000.0).abs() < 1e-9);
        let capped = Pacer::new(1000, 6, &MethodCosts::default());
        for _ in 0..200 {
            capped.observe(Duration::from_millis(100), Outcome::Clean);
        }
        assert_eq!(capped.snapshot().0, 6.0);
    }

    #[test]
    fn rate_limits_slow_down_and_clean_periods_recover() {
        let p = Pacer::new(1000, 256, &MethodCosts::default());
        for _ in 0..50 {
            p.observe(Duration::from_millis(40), Outcome::Clean);
        }
        let before = p.snapshot();
        p.observe(Duration::from_millis(40), Outcome::RateLimited);
        // A second answer of the same burst is the same signal.
        p.observe(Duration::from_millis(40), Outcome::RateLimited);
        let after = p.snapshot();
        assert!((after.1 - 800.0).abs() < 1e-6, "{after:?}");
        assert!(after.0 <= before.0 / 2.0 + 1e-9, "{before:?} {after:?}");
        {
            let mut st = p.state.lock().unwrap();
            st.last_raise -= CLEAN_PERIOD;
        }
        p.observe(Duration::from_millis(40), Outcome::Clean);
        assert!((p.snapshot().1 - 880.0).abs() < 1e-6);
        {
            let mut st = p.state.lock().unwrap();
            st.last_raise -= CLEAN_PERIOD;
        }
        p.observe(Duration::from_millis(40), Outcome::Clean);
        assert!((p.snapshot().1 - 968.0).abs() < 1e-6);
        {
            let mut st = p.state.lock().unwrap();
            st.last_raise -= CLEAN_PERIOD;
        }
        // Within 10% of the rate that met the limit: slowly.
        p.observe(Duration::from_millis(40), Outcome::Clean);
        assert!((p.snapshot().1 - 987.36).abs() < 1e-6);
    }

    #[tokio::test]
    async fn the_window_bounds_requests_in_flight() {
        let p = Pacer::new(1_000_000, 3, &MethodCosts::default());
        let a = p.acquire(5).await;
        let _b = p.acquire(5).await;
        let _c = p.acquire(5).await;
        let fourth = tokio::time::timeout(Duration::from_millis(50), p.acquire(5)).await;
        assert!(fourth.is_err(), "a fourth request waits for a slot");
        drop(a);
        let fourth = tokio::time::timeout(Duration::from_secs(5), p.acquire(5)).await;
        assert!(fourth.is_ok());
    }
}
