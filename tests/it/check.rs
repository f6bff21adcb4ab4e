//! `tokens check` and `tokens list` over many users: moto's Secrets Manager holding over a
//! thousand bundles in every state, and the Google simulator deciding which grants still work.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::peers::Moto;
use common::{CLIENT_ID, GOOGLE_EMAIL, GOOGLE_ID, SCOPE, USER, World, json_error};
use serde_json::{Value, json};

const OTHER_CLIENT: &str = "someone-elses-client.apps.googleusercontent.com";
const NO_GMAIL_SCOPE: &str = "openid https://www.googleapis.com/auth/userinfo.email";

/// What a seeded user is, and so what `tokens check` must say of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Valid,
    Expired,
    Revoked,
    RevokedExpired,
    OtherClient,
    NoGmailScope,
    NoRefreshToken,
    Corrupt,
}

impl Kind {
    fn status(self) -> &'static str {
        match self {
            Kind::Valid => "ok",
            Kind::Expired => "refreshed",
            Kind::Revoked | Kind::RevokedExpired => "revoked",
            Kind::OtherClient => "wrong_client",
            Kind::NoGmailScope => "missing_scope",
            Kind::NoRefreshToken => "no_refresh_token",
            Kind::Corrupt => "corrupt",
        }
    }
}

/// A bundle as the backend stores it, for a grant seeded at the simulator.
fn bundle_json(w: &World, kind: Kind) -> String {
    let (client, scope, expires_in) = match kind {
        Kind::Valid | Kind::Revoked => (CLIENT_ID, SCOPE, 3600),
        Kind::Expired | Kind::RevokedExpired | Kind::NoRefreshToken => (CLIENT_ID, SCOPE, -600),
        Kind::OtherClient => (OTHER_CLIENT, SCOPE, 3600),
        Kind::NoGmailScope => (CLIENT_ID, NO_GMAIL_SCOPE, 3600),
        Kind::Corrupt => return "{\"access_token\": \"ya29.cut-off".into(),
    };
    let grant = w.sim.issue_grant(client, GOOGLE_ID, scope, expires_in);
    if matches!(kind, Kind::Revoked | Kind::RevokedExpired) {
        w.sim.revoke(&grant.refresh_token);
    }
    let now = chrono::Utc::now().naive_utc();
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
    let mut b = json!({
        "access_token": grant.access_token,
        "refresh_token": grant.refresh_token,
        "expires_at": fmt(now + chrono::TimeDelta::seconds(expires_in)),
        "expires_in": expires_in.max(0),
        "scope": grant.scope,
        "token_type": "Bearer",
        "created_at": fmt(now),
        "google_user_id": GOOGLE_ID,
        "google_email": GOOGLE_EMAIL,
        "google_name": "Alice Andersson",
        "google_verified_email": true,
        "backend_revision": 3,
    });
    if kind == Kind::NoRefreshToken {
        b.as_object_mut().unwrap().remove("refresh_token");
    }
    b.to_string()
}

/// Secrets Manager's JSON API on moto, as the backend's SDK calls it (moto checks no signature).
async fn secrets_manager(
    http: &reqwest::Client,
    moto: &str,
    action: &str,
    body: Value,
) -> (u16, Value) {
    let resp = http
        .post(moto)
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
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Creates the secrets in moto, 16 requests at a time.
fn seed(moto: &Moto, secrets: &[(String, String)]) {
    use futures_util::stream::{self, StreamExt};
    let endpoint = moto.endpoint();
    runtime().block_on(async {
        let http = reqwest::Client::new();
        let created: Vec<u16> = stream::iter(secrets)
            .map(|(name, value)| {
                let (http, endpoint) = (&http, &endpoint);
                async move {
                    // moto answers a rare 500 under concurrent writes, as the SDK would retry.
                    let mut status = 0;
                    for _ in 0..5 {
                        status = secrets_manager(
                            http,
                            endpoint,
                            "CreateSecret",
                            json!({"Name": name, "SecretString": value}),
                        )
                        .await
                        .0;
                        if status != 500 {
                            break;
                        }
                    }
                    status
                }
            })
            .buffer_unordered(16)
            .collect()
            .await;
        assert!(
            created.iter().all(|s| *s == 200),
            "seeding failed: {created:?}"
        );
    });
}

/// Every secret's current value, by name (BatchGetSecretValue over ListSecrets).
fn stored(moto: &Moto) -> BTreeMap<String, String> {
    let endpoint = moto.endpoint();
    runtime().block_on(async {
        let http = reqwest::Client::new();
        let mut names = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut body = json!({"MaxResults": 100});
            if let Some(t) = &token {
                body["NextToken"] = t.clone().into();
            }
            let (status, page) = secrets_manager(&http, &endpoint, "ListSecrets", body).await;
            assert_eq!(status, 200, "{page}");
            for s in page["SecretList"].as_array().unwrap() {
                names.push(s["Name"].as_str().unwrap().to_owned());
            }
            match page["NextToken"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        // Each secret's AWSCURRENT version, by name: moto's unstaged reads (GetSecretValue
        // without a stage, BatchGetSecretValue) do not follow UpdateSecretVersionStage.
        use futures_util::stream::{self, StreamExt};
        let values: Vec<(String, String)> = stream::iter(names)
            .map(|name| {
                let (http, endpoint) = (&http, &endpoint);
                async move {
                    let (status, v) = secrets_manager(
                        http,
                        endpoint,
                        "GetSecretValue",
                        json!({"SecretId": name, "VersionStage": "AWSCURRENT"}),
                    )
                    .await;
                    assert_eq!(status, 200, "{v}");
                    (name, v["SecretString"].as_str().unwrap().to_owned())
                }
            })
            .buffer_unordered(16)
            .collect()
            .await;
        let out: BTreeMap<String, String> = values.into_iter().collect();
        out
    })
}

/// Runs `tokens check --all --json` (plus `extra`), returns the exit code and the parsed report.
fn check_all(w: &World, extra: &[&str]) -> (i32, Value) {
    let out = w
        .cmd()
        .args(["tokens", "check", "--all", "--json"])
        .args(extra)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), report)
}

fn statuses(report: &Value) -> BTreeMap<String, String> {
    report["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["user_id"].as_str().unwrap().to_owned(),
                u["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_thousand_users_in_secrets_manager_each_get_the_right_status() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    w.sim.add_client(OTHER_CLIENT, None);

    let plan = [
        (Kind::Valid, 700),
        (Kind::Expired, 100),
        (Kind::Revoked, 30),
        (Kind::RevokedExpired, 20),
        (Kind::OtherClient, 40),
        (Kind::NoGmailScope, 40),
        (Kind::NoRefreshToken, 40),
        (Kind::Corrupt, 30),
    ];
    let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
    let mut secrets = Vec::new();
    for (kind, n) in plan {
        for _ in 0..n {
            let user = format!("user_{:04}", kinds.len());
            secrets.push((format!("gmail/user/{user}"), bundle_json(&w, kind)));
            kinds.insert(user, kind);
        }
    }
    // Not users: another prefix, a name that is no user id.
    secrets.push((
        "staging/gmail/user/user_x".into(),
        bundle_json(&w, Kind::Valid),
    ));
    secrets.push(("gmail/user/not-a-user".into(), bundle_json(&w, Kind::Valid)));
    seed(&moto, &secrets);
    let before = stored(&moto);
    assert_eq!(before.len(), 1002);

    // Google throttles for a while, and its token endpoint fails a few times: retried.
    w.sim.fail_next_tokeninfo_requests(25, 429);
    w.sim.fail_next_token_requests(3, 503);
    let (code, report) = check_all(&w, &[]);
    assert_eq!(
        code, 1,
        "corrupt bundles make it exit 1: {}",
        report["counts"]
    );
    assert_eq!(report["checked"], 1000);
    let got = statuses(&report);
    for (user, kind) in &kinds {
        assert_eq!(got[user], kind.status(), "{user} is {kind:?}");
    }
    assert_eq!(
        report["counts"]["error"], 0,
        "throttling shows in no status"
    );
    assert_eq!(report["counts"]["ok"], 700);
    assert_eq!(report["counts"]["refreshed"], 100);
    assert_eq!(report["counts"]["revoked"], 50);
    // Problems first: the worst (corrupt) lead, ok and refreshed come last.
    let order: Vec<&str> = report["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(order[0], "corrupt");
    assert!(matches!(order[999], "ok" | "refreshed"));
    let first_ok = order.iter().position(|s| *s == "ok" || *s == "refreshed");
    assert_eq!(first_ok, Some(200), "{order:?}");
    let revoked = report["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "revoked")
        .unwrap();
    assert_eq!(revoked["google_email"], GOOGLE_EMAIL);
    assert!(
        revoked["detail"]
            .as_str()
            .unwrap()
            .contains("expired or revoked"),
        "{revoked}"
    );

    // Nothing deleted; nobody touched but the refreshed, and those only in their access token.
    let after = stored(&moto);
    assert_eq!(after.len(), 1002, "check deletes nothing by itself");
    for (name, old) in &before {
        let new = &after[name];
        let user = name.strip_prefix("gmail/user/").unwrap_or("");
        if kinds.get(user) != Some(&Kind::Expired) {
            assert_eq!(old, new, "{name} was touched");
            continue;
        }
        let (old, new): (Value, Value) = (
            serde_json::from_str(old).unwrap(),
            serde_json::from_str(new).unwrap(),
        );
        assert_ne!(old["access_token"], new["access_token"], "{name}");
        assert!(
            w.sim
                .access_token_valid(new["access_token"].as_str().unwrap())
        );
        for field in [
            "refresh_token",
            "created_at",
            "google_user_id",
            "scope",
            "backend_revision",
        ] {
            assert_eq!(old[field], new[field], "{name}: {field}");
        }
    }

    // Right after: the refreshed are ok; with --delete-revoked exactly the revoked go.
    let (code, report) = check_all(&w, &["--delete-revoked", "--concurrency", "8"]);
    assert_eq!(code, 1);
    let again = statuses(&report);
    for (user, kind) in &kinds {
        let want = if *kind == Kind::Expired {
            "ok"
        } else {
            kind.status()
        };
        assert_eq!(again[user], want, "{user} is {kind:?}");
    }
    let remaining: BTreeSet<String> = stored(&moto).into_keys().collect();
    let gone: BTreeSet<String> = before
        .keys()
        .filter(|n| !remaining.contains(*n))
        .cloned()
        .collect();
    let revoked: BTreeSet<String> = kinds
        .iter()
        .filter(|(_, k)| matches!(k, Kind::Revoked | Kind::RevokedExpired))
        .map(|(u, _)| format!("gmail/user/{u}"))
        .collect();
    assert_eq!(gone, revoked);

    // tokens list: the stored status only, every page, no call to Google.
    let (tokeninfo, token) = (w.sim.tokeninfo_requests(), w.sim.token_requests());
    let listed = w.json(&["tokens", "list", "--json"]);
    assert_eq!(listed["store"], "aws");
    let users = listed["users"].as_array().unwrap();
    assert_eq!(users.len(), 950);
    let count = |status: &str| users.iter().filter(|u| u["status"] == status).count();
    assert_eq!(count("valid"), 700 + 100 + 40 + 40);
    assert_eq!(count("expired"), 40);
    assert_eq!(count("corrupt"), 30);
    assert!(users.iter().all(|u| u["last_changed"].is_string()));
    let no_rt = users
        .iter()
        .filter(|u| u["has_refresh_token"] == false)
        .count();
    assert_eq!(no_rt, 40 + 30);
    let filtered = w.json(&[
        "tokens", "list", "--json", "--status", "corrupt", "--status", "expired",
    ]);
    assert_eq!(filtered["users"].as_array().unwrap().len(), 70);
    assert_eq!(
        (w.sim.tokeninfo_requests(), w.sim.token_requests()),
        (tokeninfo, token),
        "list never calls Google"
    );
}

fn file_world() -> World {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file").set("PAYPULSE_USER", USER);
    w
}

#[test]
fn one_user_ok_then_revoked_exits_3_and_is_deleted_only_when_asked() {
    let w = file_world();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let out = w.cmd().args(["tokens", "check"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("USER"), "{table}");
    assert!(
        lines[1].starts_with(USER) && lines[1].contains(" ok "),
        "{table}"
    );
    assert!(table.contains("Checked 1 user: 1 ok"), "{table}");
    assert_eq!(w.sim.tokeninfo_requests(), 1);
    assert_eq!(w.sim.token_requests(), 0, "a live token is not refreshed");

    w.sim.revoke(&grant.refresh_token);
    let out = w
        .cmd()
        .args(["tokens", "check", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["users"][0]["status"], "revoked");
    assert_eq!(report["counts"]["revoked"], 1);
    assert_eq!(
        json_error(&out.stderr)["error"]["code"],
        "check_reconnect_needed"
    );
    assert_eq!(
        w.show(USER)["has_refresh_token"],
        true,
        "kept without --delete-revoked"
    );

    let out = w
        .cmd()
        .args(["tokens", "check", "--delete-revoked"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("deleted"));
    w.cmd().args(["tokens", "show"]).assert().code(3);
    // Nothing stored: the same error as the other token commands.
    let out = w
        .cmd()
        .args(["tokens", "check", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_error(&out.stderr)["error"]["code"], "no_tokens");
}

#[test]
fn an_expired_token_is_refreshed_and_written_back_like_tokens_refresh() {
    let w = file_world();
    let (grant, bundle) = w.grant(-60);
    w.import(USER, &bundle);
    let report = w.json(&["tokens", "check", "--json"]);
    assert_eq!(report["users"][0]["status"], "refreshed");
    let shown = w.reveal(USER);
    assert_eq!(shown["status"], "valid");
    assert_ne!(shown["access_token"], grant.access_token.as_str());
    assert_eq!(shown["refresh_token"], grant.refresh_token.as_str());
    assert_eq!(report["users"][0]["expires_at"], shown["expires_at"]);
    assert_eq!(
        w.json(&["tokens", "check", "--json"])["users"][0]["status"],
        "ok"
    );
}

#[test]
fn google_failing_after_retries_is_an_error_status_exit_1() {
    let mut w = file_world();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.set(
        "PAYPULSE_GOOGLE_TOKENINFO_URL",
        "http://127.0.0.1:9/tokeninfo",
    );
    let out = w
        .cmd()
        .args(["tokens", "check", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let user = &report["users"][0];
    assert_eq!(user["status"], "error");
    assert!(
        user["detail"]
            .as_str()
            .unwrap()
            .contains("cannot reach http://127.0.0.1:9/tokeninfo"),
        "{user}"
    );
    assert_eq!(json_error(&out.stderr)["error"]["code"], "check_failed");
}

#[test]
fn list_in_the_file_store_shows_status_refresh_token_and_mtime_and_filters() {
    let w = file_world();
    let (_, valid) = w.grant(3600);
    w.import("user_valid", &valid);
    let (_, expired) = w.grant(-60);
    w.import("user_expired", &expired);
    let vault = w.home().join(".local/share/paypulse/vault");
    std::fs::write(vault.join("gmail%2Fuser%2Fuser_broken.vault"), "garbage").unwrap();
    let listed = w.json(&["tokens", "list", "--json"]);
    assert_eq!(listed["store"], "file");
    let users = listed["users"].as_array().unwrap();
    let by_user: BTreeMap<&str, &Value> = users
        .iter()
        .map(|u| (u["user_id"].as_str().unwrap(), u))
        .collect();
    assert_eq!(by_user.len(), 3);
    assert_eq!(by_user["user_valid"]["status"], "valid");
    assert_eq!(by_user["user_expired"]["status"], "expired");
    assert_eq!(by_user["user_broken"]["status"], "corrupt");
    assert_eq!(by_user["user_broken"]["google_email"], Value::Null);
    assert_eq!(by_user["user_valid"]["has_refresh_token"], true);
    let changed = by_user["user_valid"]["last_changed"].as_str().unwrap();
    let changed = chrono::DateTime::parse_from_rfc3339(changed).unwrap();
    assert!((chrono::Utc::now() - changed.to_utc()).num_minutes() < 10);
    let only = w.json(&["tokens", "list", "--json", "--status", "expired"]);
    assert_eq!(only["users"].as_array().unwrap().len(), 1);
    assert_eq!(only["users"][0]["user_id"], "user_expired");
    assert_eq!(w.sim.tokeninfo_requests() + w.sim.token_requests(), 0);
}

/// A bundle stored as `SecretBinary` (by hand, or by another tool) is not a bundle: `tokens
/// list` and `tokens check --all` show it as `corrupt` (and check exits 1), never leave it out.
#[test]
fn a_secret_binary_bundle_is_listed_and_checked_as_corrupt() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    let good = bundle_json(&w, Kind::Valid);
    seed(&moto, &[("gmail/user/user_good".into(), good)]);
    let endpoint = moto.endpoint();
    runtime().block_on(async {
        let (status, v) = secrets_manager(
            &reqwest::Client::new(),
            &endpoint,
            "CreateSecret",
            // base64 of a few bytes that are no JSON.
            json!({"Name": "gmail/user/user_binary", "SecretBinary": "AAECAwQF"}),
        )
        .await;
        assert_eq!(status, 200, "{v}");
    });

    let listed = w.json(&["tokens", "list", "--json"]);
    let list: BTreeMap<String, String> = listed["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["user_id"].as_str().unwrap().to_owned(),
                u["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        list.get("user_binary").map(String::as_str),
        Some("corrupt"),
        "{listed}"
    );
    assert_eq!(
        list.get("user_good").map(String::as_str),
        Some("valid"),
        "{listed}"
    );

    let (code, report) = check_all(&w, &[]);
    let s = statuses(&report);
    assert_eq!(
        s.get("user_binary").map(String::as_str),
        Some("corrupt"),
        "{report}"
    );
    assert_eq!(
        s.get("user_good").map(String::as_str),
        Some("ok"),
        "{report}"
    );
    assert_eq!(code, 1, "{report}");
}
