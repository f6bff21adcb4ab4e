//! The Gmail client's pacing: a quota budget (token bucket of units per second) and an in-flight
//! window, both adaptive, shared by every request of a run (lists, gets, attachment downloads).
//!
//! - The window follows Little's law: in flight ≈ budgeted calls per second × observed latency,
//!   with headroom, so that the quota, not latency, is the limit. It grows by one per clean answer
//!   up to that target (and `--concurrency`, the cap), halves on a rate-limit answer and shrinks
//!   when latency rises well above its baseline (the server queues).
//! - The budget starts at the configured quota and drops on a rate-limit answer (once per round
//!   trip) by half the first time, by 20% after that, or to just under the units the server accepted over the last two seconds when
//!   that is lower: a project on a smaller quota, or methods costlier than configured (2026's 20
//!   units per `messages.get` against the configured 5), converge in a few answers without a flag.
//!   It climbs back per clean second: by 10% up to 90% of the rate that met the limit, then by 1%
//!   (the limit, once met, is approached slowly and remembered), up to the configured quota.
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
/// How far back the units the server accepted are counted.
const ACCEPTED_WINDOW: Duration = Duration::from_secs(2);
/// The first window: the budget paces the calls, the window only bounds them (a small first
/// window leaves the quota unused for several round trips at high latency).
const FIRST_WINDOW: f64 = 64.0;
/// Seconds of quota the client may spend at once when it starts.
const START_CREDIT: f64 = 0.25;

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
    /// The rate at the last rate limit: approached carefully, forgotten once passed by 20%.
    ceiling: Option<f64>,
    last_raise: Instant,
    /// Units of the answers that came back clean, by time (the last [`ACCEPTED_WINDOW`]).
    accepted: std::collections::VecDeque<(Instant, f64)>,
    /// When the first request was sent.
    first: Option<Instant>,
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
    units: f64,
}

impl Permit<'_> {
    pub(crate) fn finish(self, outcome: Outcome) {
        self.pacer
            .observe_units(self.started.elapsed(), outcome, self.units);
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
                // A quarter second of credit to start with: no wait, and no server bucket emptied
                // even when methods cost four times what is configured (2026's 20 units per get
                // against the configured 5; half a second answered 5 of a 50-message run's first
                // calls with 429s).
                tokens: (quota * START_CREDIT).max(cost),
                refilled: now,
                limit: FIRST_WINDOW.min(cap as f64),
                in_flight: 0,
                latency: 0.0,
                baseline: f64::MAX,
                cost,
                last_throttle: None,
                ceiling: None,
                last_raise: now,
                accepted: std::collections::VecDeque::new(),
                first: None,
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
            units: f64::from(units),
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
                // The start's credit is spent, never refilled.
                st.tokens = (st.tokens + now.duration_since(st.refilled).as_secs_f64() * st.rate)
                    .min(burst.max(st.tokens));
                st.refilled = now;
                let room = !slot || (st.in_flight as f64) < st.limit.floor().max(1.0);
                if room && st.tokens >= units {
                    st.first.get_or_insert(now);
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

    #[cfg(test)]
    fn observe(&self, took: Duration, outcome: Outcome) {
        let units = self.state.lock().expect("pacer lock").cost;
        self.observe_units(took, outcome, units);
    }

    fn observe_units(&self, took: Duration, outcome: Outcome, units: f64) {
        let mut st = self.state.lock().expect("pacer lock");
        let now = Instant::now();
        while st
            .accepted
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) > ACCEPTED_WINDOW)
        {
            st.accepted.pop_front();
        }
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
                    // The first limit met is far away at most times (methods costlier than
                    // configured): halve, then go by 20%.
                    let first = st.ceiling.is_none();
                    // What the server accepted lately, per second: the limit is there, not at
                    // the rate that met it (a budget climbing fast passes it), and a budget well
                    // above it is cut to it at once (methods costlier than configured).
                    let span = st
                        .first
                        .map_or(0.0, |f| now.duration_since(f).as_secs_f64())
                        .min(ACCEPTED_WINDOW.as_secs_f64());
                    let accepted: f64 = st.accepted.iter().map(|(_, u)| u).sum();
                    let measured = (span >= 1.0 && accepted > 0.0).then(|| accepted / span);
                    st.ceiling = Some(measured.map_or(st.rate, |m| m.min(st.rate)));
                    let mut rate = st.rate * if first { 0.5 } else { 0.8 };
                    if let Some(m) = measured {
                        rate = rate.min(0.95 * m);
                    }
                    st.rate = rate.max(st.cost);
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
                st.accepted.push_back((now, units));
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
                    // Quickly back to 90% of where the limit was met, then slowly past it; a
                    // limit passed by 20% without a rate limit was a passing one.
                    let step = match st.ceiling {
                        Some(c) if st.rate >= 0.9 * c => 1.01,
                        _ => 1.1,
                    };
                    st.rate = (st.rate * step).min(self.quota);
                    if st.ceiling.is_some_and(|c| st.rate > 1.2 * c) {
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
        // The first limit met: half.
        assert!((after.1 - 500.0).abs() < 1e-6, "{after:?}");
        assert!(after.0 <= before.0 / 2.0 + 1e-9, "{before:?} {after:?}");
        // Another one, a round trip later: 20% less.
        {
            let mut st = p.state.lock().unwrap();
            st.last_throttle = Some(Instant::now() - Duration::from_secs(1));
        }
        p.observe(Duration::from_millis(40), Outcome::RateLimited);
        assert!((p.snapshot().1 - 400.0).abs() < 1e-6);
        let clean_second = || {
            {
                let mut st = p.state.lock().unwrap();
                st.last_raise -= CLEAN_PERIOD;
            }
            p.observe(Duration::from_millis(40), Outcome::Clean);
            p.snapshot().1
        };
        // Quickly back towards 90% of the rate that met the limit (500)...
        assert!((clean_second() - 440.0).abs() < 1e-6);
        assert!((clean_second() - 484.0).abs() < 1e-6);
        // ...then slowly.
        assert!((clean_second() - 488.84).abs() < 1e-6);
    }

    #[test]
    fn a_budget_far_above_what_the_server_accepts_is_cut_to_it_at_once() {
        // Configured for 5 units a get, charged 20: the server accepts a quarter of the budget.
        let p = Pacer::new(100, 256, &MethodCosts::default());
        {
            let mut st = p.state.lock().unwrap();
            let now = Instant::now();
            st.first = Some(now - Duration::from_secs(3));
            // 5 gets a second for the last 2 seconds, 5 units each as configured.
            for i in 0..10 {
                st.accepted
                    .push_back((now - Duration::from_millis(100 + i * 190), 5.0));
            }
        }
        p.observe(Duration::from_millis(40), Outcome::RateLimited);
        let (_, rate) = p.snapshot();
        // 25 units/s accepted: just under it, not 80 (a 20% cut).
        assert!((23.0..=24.0).contains(&rate), "{rate}");
        // The limit is where the server's acceptance was (25), not at the budget that met it
        // (100): it is approached by 1% a second.
        {
            let mut st = p.state.lock().unwrap();
            st.last_raise -= CLEAN_PERIOD;
        }
        p.observe(Duration::from_millis(40), Outcome::Clean);
        assert!((p.snapshot().1 - rate * 1.01).abs() < 1e-6, "{rate}");
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
