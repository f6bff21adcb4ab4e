//! Concurrent writers lose nothing: seeded rounds of 8 concurrent `tokens refresh --force` on one
//! user plus one `tokens import` of another account's bundle at a random moment, on the `file`
//! store and on the `aws` store (moto). `PAYPULSE_RACE_ROUNDS` sets the number of rounds (the
//! issue's 50 for a long run; the suite's default keeps its time reasonable).

use crate::common;

use std::process::{Child, Stdio};
use std::time::Duration;

use common::peers::Moto;
use common::{CLIENT_ID, GOOGLE_ID, SCOPE, USER, World};
use serde_json::Value;

const OTHER_GOOGLE_ID: &str = "200000000000000000001";
const REFRESHERS: usize = 8;

fn rounds(default: u64) -> u64 {
    std::env::var("PAYPULSE_RACE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (xorshift64*), so a failing round can be replayed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// A fresh grant at the simulator for `google_id`, and its bundle JSON.
fn bundle_for(w: &World, google_id: &str, email: &str) -> (String, String, String) {
    let grant = w.sim.issue_grant(CLIENT_ID, google_id, SCOPE, 3600);
    let now = chrono::Utc::now().naive_utc();
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
    let bundle = serde_json::json!({
        "access_token": grant.access_token,
        "refresh_token": grant.refresh_token,
        "expires_at": fmt(now + chrono::TimeDelta::seconds(3600)),
        "expires_in": 3600,
        "scope": grant.scope,
        "token_type": "Bearer",
        "created_at": fmt(now),
        "google_user_id": google_id,
        "google_email": email,
    });
    (
        grant.access_token.clone(),
        grant.refresh_token.clone(),
        bundle.to_string(),
    )
}

fn spawn(w: &World, args: &[&str], stdin: Option<&str>) -> Child {
    let mut cmd = w.std_cmd();
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
    }
    child
}

#[derive(Default, Debug)]
struct Tally {
    refreshed: u64,
    superseded: u64,
}

/// One round: the user holds account A's bundle; 8 forced refreshes race one import of
/// account B's bundle, started after a seeded delay.
fn round(w: &World, seed: u64, tally: &mut Tally) {
    let mut rng = Rng::new(seed);
    let (_, _, a_bundle) = bundle_for(w, GOOGLE_ID, "alice@example.com");
    w.import(USER, &a_bundle);
    let (b_access, b_refresh, b_bundle) = bundle_for(w, OTHER_GOOGLE_ID, "bob@example.com");

    let import_after = Duration::from_millis(rng.below(600));
    let mut refreshers: Vec<Child> = (0..REFRESHERS)
        .map(|_| {
            spawn(
                w,
                &["tokens", "refresh", "--force", "--json", "--user", USER],
                None,
            )
        })
        .collect();
    std::thread::sleep(import_after);
    let import = spawn(
        w,
        &["tokens", "import", "--json", "--user", USER],
        Some(&b_bundle),
    );

    for child in refreshers.drain(..) {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "seed {seed}: a refresh failed ({:?}): {stderr}",
            out.status.code()
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        if v["superseded"] == true {
            tally.superseded += 1;
        } else {
            assert_eq!(v["refreshed"], true, "seed {seed}: {v}");
            tally.refreshed += 1;
        }
        assert!(
            !stderr.contains("did not read back"),
            "seed {seed}: {stderr}"
        );
    }
    let out = import.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "seed {seed}: the import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Refreshes of A's grant never overwrite B's bundle: the end state is B's bundle, as
    // imported or refreshed (B's grant, read after the import), with B's refresh token.
    let stored = w.reveal(USER);
    assert_eq!(stored["google_user_id"], OTHER_GOOGLE_ID, "seed {seed}");
    assert_eq!(stored["refresh_token"], b_refresh.as_str(), "seed {seed}");
    let access = stored["access_token"].as_str().unwrap();
    if access != b_access {
        assert_eq!(
            account_of(w, access).as_deref(),
            Some(OTHER_GOOGLE_ID),
            "seed {seed}: the stored access token is not B's"
        );
    }
}

/// The Google account an access token belongs to, per the simulator's userinfo endpoint.
fn account_of(w: &World, access_token: &str) -> Option<String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let v: Value = reqwest::Client::new()
            .get(w.sim.userinfo_url())
            .bearer_auth(access_token)
            .send()
            .await
            .ok()?
            .json()
            .await
            .ok()?;
        v["id"].as_str().or(v["sub"].as_str()).map(String::from)
    })
}

fn race(w: &World, store: &str, default_rounds: u64) {
    w.sim
        .add_google_account(OTHER_GOOGLE_ID, "bob@example.com", "Bob Berg");
    let n = rounds(default_rounds);
    let mut tally = Tally::default();
    for seed in 1..=n {
        round(w, seed, &mut tally);
    }
    eprintln!(
        "[races] {store}: {n} rounds x {REFRESHERS} refreshes + 1 import: 0 failures; {tally:?}"
    );
    assert_eq!(tally.refreshed + tally.superseded, n * REFRESHERS as u64);
    // The race is real: refreshes both won and lost against the import.
    assert!(tally.refreshed > 0, "{tally:?}");
}

#[test]
fn concurrent_refreshes_and_an_import_lose_nothing_on_the_file_store() {
    let mut w = World::new();
    // A raw key: the race is about locking, not about Argon2's cost.
    w.set("PAYPULSE_STORE", "file").set(
        "PAYPULSE_VAULT_KEY",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
    );
    race(&w, "file", 10);
}

#[test]
fn concurrent_refreshes_and_an_import_lose_nothing_on_the_aws_store() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    race(&w, "aws", 10);
}
