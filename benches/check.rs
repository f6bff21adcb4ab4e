//! `cargo bench --bench check`: `tokens check --all` over many bundles in moto's Secrets Manager
//! (default sizes 1,000 and 10,000; `BENCH_USERS=2000,20000` to change), default concurrency.
//!
//! For each size it prints the wall time, checks per second, and the calls per user at each
//! peer: Secrets Manager requests (counted from moto's request log) and Google requests
//! (tokeninfo + token, counted by the simulator). Calls per user should stay flat as the store
//! grows.
//!
//! moto scans every secret per ListSecrets page and per lookup, so it slows down as it holds
//! more: the bench also times a trivial client (a plain HTTP loop, no SDK) doing the same
//! Secrets Manager reads (every ListSecrets page, BatchGetSecretValue for 20 at a time, 16 in
//! flight) and the same tokeninfo calls (16 in flight), and prints our wall time as a ratio to
//! that floor: the part of the time that is ours.
//!
//! Needs moto_server: `PAYPULSE_TEST_MOTO_SERVER`, `<repo>/.venv/bin/moto_server` (scripts/test
//! creates it) or on PATH.

#[path = "../tests/it/common/peers.rs"]
#[allow(dead_code)] // the bench uses a few of the test peers
mod peers;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use paypulse_google_sim::{DEFAULT_GOOGLE_USER_ID, DEFAULT_PUBLIC_CLIENT_ID, Simulator};
use peers::Moto;
use serde_json::{Value, json};

const SCOPE: &str = "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly";
const IN_FLIGHT: usize = 16;

async fn sm(http: &reqwest::Client, endpoint: &str, action: &str, body: &Value) -> Value {
    for _ in 0..5 {
        let resp = http
            .post(endpoint)
            .header("X-Amz-Target", format!("secretsmanager.{action}"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20261122/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0",
            )
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        // moto answers a rare 500 under concurrent writes.
        if resp.status().as_u16() == 500 {
            continue;
        }
        assert!(resp.status().is_success(), "{action}: {}", resp.status());
        return resp.json().await.unwrap();
    }
    panic!("{action} kept failing");
}

/// A user's bundle: most valid, one in twenty expired (refreshed by the check), a few revoked.
fn bundle(sim: &Simulator, i: usize) -> String {
    let expires_in = if i.is_multiple_of(20) { -600 } else { 3600 };
    let g = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        expires_in,
    );
    if i % 100 == 7 {
        sim.revoke(&g.refresh_token);
    }
    let now = chrono::Utc::now().naive_utc();
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
    json!({
        "access_token": g.access_token, "refresh_token": g.refresh_token,
        "expires_at": fmt(now + chrono::TimeDelta::seconds(expires_in)),
        "expires_in": expires_in.max(0), "scope": SCOPE, "token_type": "Bearer",
        "created_at": fmt(now), "google_user_id": DEFAULT_GOOGLE_USER_ID,
        "google_email": "alice@example.com", "google_name": "Alice", "google_verified_email": true,
    })
    .to_string()
}

/// Requests moto has logged so far.
fn moto_requests(moto: &Moto) -> usize {
    moto.log()
        .lines()
        .filter(|l| l.contains("\"POST / HTTP/1.1\""))
        .count()
}

/// The trivial client's same Secrets Manager reads: every page, then 20 per batch.
async fn moto_floor(http: &reqwest::Client, endpoint: &str) -> (Duration, usize) {
    let started = Instant::now();
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body =
            json!({"MaxResults": 100, "Filters": [{"Key": "name", "Values": ["gmail/user/"]}]});
        if let Some(t) = &token {
            body["NextToken"] = t.clone().into();
        }
        let page = sm(http, endpoint, "ListSecrets", &body).await;
        for s in page["SecretList"].as_array().unwrap() {
            names.push(s["Name"].as_str().unwrap().to_owned());
        }
        match page["NextToken"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    let got: usize = stream::iter(names.chunks(20))
        .map(|chunk| async move {
            let page = sm(
                http,
                endpoint,
                "BatchGetSecretValue",
                &json!({"SecretIdList": chunk}),
            )
            .await;
            page["SecretValues"].as_array().unwrap().len()
        })
        .buffer_unordered(IN_FLIGHT)
        .fold(0, |a, n| async move { a + n })
        .await;
    (started.elapsed(), got)
}

/// The trivial client's same tokeninfo calls.
async fn google_floor(http: &reqwest::Client, sim: &Simulator, tokens: &[String]) -> Duration {
    let started = Instant::now();
    let url = sim.tokeninfo_url();
    stream::iter(tokens)
        .map(|t| {
            let url = &url;
            async move {
                http.post(url)
                    .form(&[("access_token", t)])
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .collect::<Vec<_>>()
        .await;
    started.elapsed()
}

fn run(users: usize) {
    let moto = Moto::start();
    let sim = Simulator::start();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let endpoint = moto.endpoint();

    let seeding = Instant::now();
    let secrets: Vec<(String, String)> = (0..users)
        .map(|i| (format!("gmail/user/user_{i:06}"), bundle(&sim, i)))
        .collect();
    let live_tokens: Vec<String> = secrets
        .iter()
        .filter_map(|(_, b)| {
            let v: Value = serde_json::from_str(b).unwrap();
            (v["expires_in"] != 0).then(|| v["access_token"].as_str().unwrap().to_owned())
        })
        .collect();
    rt.block_on(
        stream::iter(&secrets)
            .map(|(name, value)| {
                let (http, endpoint) = (&http, &endpoint);
                async move {
                    sm(
                        http,
                        endpoint,
                        "CreateSecret",
                        &json!({"Name": name, "SecretString": value}),
                    )
                    .await;
                }
            })
            .buffer_unordered(IN_FLIGHT)
            .collect::<Vec<_>>(),
    );
    eprintln!("seeded {users} bundles in {:?}", seeding.elapsed());

    // The floor, measured before our run (which refreshes and deletes nothing that matters
    // here: the same secrets, the same count).
    let (floor, read) = rt.block_on(moto_floor(&http, &endpoint));
    assert_eq!(read, users);
    let g_floor = rt.block_on(google_floor(&http, &sim, &live_tokens));

    let (sm_before, ti_before, tok_before) = (
        moto_requests(&moto),
        sim.tokeninfo_requests(),
        sim.token_requests(),
    );
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_paypulse"))
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .env("PAYPULSE_STORE", "aws")
        .env("AWS_ENDPOINT_URL_SECRETS_MANAGER", &endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("PAYPULSE_GOOGLE_CLIENT_ID", DEFAULT_PUBLIC_CLIENT_ID)
        .env("PAYPULSE_GOOGLE_TOKEN_URL", sim.token_url())
        .env("PAYPULSE_GOOGLE_TOKENINFO_URL", sim.tokeninfo_url())
        .args(["tokens", "check", "--all", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .expect("paypulse runs");
    let wall = started.elapsed();
    // moto writes its log line after answering: let the last ones land.
    std::thread::sleep(Duration::from_millis(300));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["checked"], users);
    assert_eq!(report["counts"]["error"], 0, "{}", report["counts"]);
    let sm_calls = moto_requests(&moto) - sm_before;
    let google = (sim.tokeninfo_requests() - ti_before) + (sim.token_requests() - tok_before);
    let per = |n: usize| n as f64 / users as f64;
    println!(
        "check --all, {users:>6} users: {:>8.2?} wall, {:>6.0} checks/s; per user: {:.3} Secrets Manager calls, {:.3} Google calls; counts {}",
        wall,
        users as f64 / wall.as_secs_f64(),
        per(sm_calls),
        per(google),
        report["counts"]
    );
    println!(
        "                    floor: moto reads {:>8.2?}, tokeninfo {:>8.2?}; our wall / moto floor = {:.2}, / (moto + tokeninfo floors) = {:.2}",
        floor,
        g_floor,
        wall.as_secs_f64() / floor.as_secs_f64(),
        wall.as_secs_f64() / (floor + g_floor).as_secs_f64()
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_USERS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for users in sizes {
        run(users);
    }
}
