//! Secrets Manager writes that fail part-way or race, against moto behind a proxy that holds
//! back chosen calls: the store ends as it was (a secret restored for a failed write is deleted
//! again, the new tokens revoked), and a secret created without a value is written with the
//! same compare-and-swap as any other.

use crate::common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::peers::Moto;
use common::proxy::{Fault, Proxy};
use common::{GOOGLE_ID, USER, World};
use serde_json::{Value, json};

const MOVE: &str = "secretsmanager.UpdateSecretVersionStage";
const PUT: &str = "secretsmanager.PutSecretValue";

/// The default user's secret.
fn secret() -> String {
    format!("gmail/user/{USER}")
}

/// Calls Secrets Manager's JSON API on moto directly (not through the proxy).
fn secrets_manager(moto: &Moto, action: &str, body: Value) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let resp = reqwest::Client::new()
            .post(moto.endpoint())
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
    })
}

fn describe(moto: &Moto) -> Value {
    let (status, d) = secrets_manager(moto, "DescribeSecret", json!({"SecretId": secret()}));
    assert_eq!(status, 200, "{d}");
    d
}

/// A world on the `aws` store whose calls go through `proxy` to `moto`.
fn world(moto: &Moto, proxy: &Proxy) -> World {
    let mut w = World::new();
    w.use_moto(moto)
        .set("AWS_ENDPOINT_URL_SECRETS_MANAGER", &proxy.endpoint())
        .set("PAYPULSE_STORE", "aws")
        .set("PAYPULSE_USER", USER);
    w
}

/// One HTTP GET without following redirects: (status, Location).
fn get(url: &str) -> (u16, Option<String>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let resp = client.get(url).send().await.unwrap();
        let location = resp
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (resp.status().as_u16(), location)
    })
}

/// A bundle is imported, then revoked (deleted with the 7-day recovery window), and the user
/// reconnects: the write restores the secret, puts the new tokens and moves `AWSCURRENT`, and
/// that move's answer comes too late (the store timeout hits). The secret is deleted again,
/// nothing is listed, and the new tokens, left in a version of the deleted secret, are revoked.
#[test]
fn a_reconnect_that_times_out_after_restoring_leaves_the_secret_deleted_and_revokes_the_new_tokens()
{
    let moto = Moto::start();
    let proxy = Proxy::start(&moto.endpoint());
    let mut w = world(&moto, &proxy);
    let (old, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.cmd()
        .args(["tokens", "revoke", "--yes", "--user", USER])
        .assert()
        .success();
    assert!(describe(&moto)["DeletedDate"].is_number());
    let revoked_before = w.sim.revoke_requests().len();

    proxy.on(MOVE, Fault::DelayResponse(Duration::from_secs(4)), 1);
    w.set("PAYPULSE_STORE_TIMEOUT", "1s");
    let out = common::connect_gmail(
        &w,
        &["--no-browser", "--json"],
        "/o/oauth2/v2/auth?",
        |url, _| {
            let (status, location) = get(url);
            assert_eq!(status, 302);
            let (status, _) = get(&location.unwrap());
            assert_eq!(status, 200);
        },
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    let err = common::json_error(&out.stderr);
    assert_eq!(err["error"]["code"], "store_timeout", "{err}");
    assert!(
        proxy.seen().iter().any(|t| t == MOVE),
        "the write got as far as the stage move: {:?}",
        proxy.seen()
    );

    // Deleted again, with its recovery window; not current, not listed.
    let d = describe(&moto);
    assert!(d["DeletedDate"].is_number(), "{d}");
    let (status, _) = secrets_manager(
        &moto,
        "GetSecretValue",
        json!({"SecretId": secret(), "VersionStage": "AWSCURRENT"}),
    );
    assert_ne!(status, 200, "a deleted secret's value is not readable");
    w.set("PAYPULSE_STORE_TIMEOUT", "20s");
    let listed = w.json(&["tokens", "list", "--json"]);
    assert_eq!(listed["users"], json!([]), "{listed}");

    // The new grant was revoked at Google (the old one had been revoked by `tokens revoke`).
    let revoked = w.sim.revoke_requests();
    assert_eq!(revoked.len(), revoked_before + 1, "{revoked:?}");
    let new_token = revoked.last().unwrap();
    assert_ne!(new_token, &old.refresh_token);
    assert!(w.sim.is_revoked(new_token));
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("revoked at Google"),
        "{err}"
    );
}

/// As above with `tokens import`, and the stage move held back before it reaches Secrets
/// Manager (it lands after the write gave up): the restored secret does not stay current with
/// the deleted bundle.
#[test]
fn an_import_that_times_out_after_restoring_does_not_bring_the_deleted_bundle_back() {
    let moto = Moto::start();
    let proxy = Proxy::start(&moto.endpoint());
    let mut w = world(&moto, &proxy);
    let (_, first) = w.grant(3600);
    w.import(USER, &first);
    w.cmd()
        .args(["tokens", "revoke", "--yes", "--local-only", "--user", USER])
        .assert()
        .success();

    proxy.on(MOVE, Fault::DelayRequest(Duration::from_secs(3)), 1);
    w.set("PAYPULSE_STORE_TIMEOUT", "1s");
    let (_, second) = w.grant(3600);
    let out = w
        .cmd()
        .args(["tokens", "import", "--json", "--user", USER])
        .write_stdin(second)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Right after the command, and after the held-back move has landed.
    for _ in 0..2 {
        let d = describe(&moto);
        assert!(d["DeletedDate"].is_number(), "{d}");
        let (status, v) = secrets_manager(
            &moto,
            "GetSecretValue",
            json!({"SecretId": secret(), "VersionStage": "AWSCURRENT"}),
        );
        assert_ne!(status, 200, "the deleted bundle is current again: {v}");
        std::thread::sleep(Duration::from_secs(3));
    }
    w.set("PAYPULSE_STORE_TIMEOUT", "20s");
    assert_eq!(w.json(&["tokens", "list", "--json"])["users"], json!([]));
}

/// A bundle JSON for the default Google account, with or without a refresh token.
fn bundle(access: &str, refresh: Option<&str>) -> String {
    let mut b = json!({
        "access_token": access,
        "expires_at": "2099-01-01T00:00:00.000000",
        "expires_in": 3600,
        "scope": common::SCOPE,
        "token_type": "Bearer",
        "created_at": "2026-01-01T00:00:00.000000",
        "google_user_id": GOOGLE_ID,
        "google_email": common::GOOGLE_EMAIL,
    });
    if let Some(r) = refresh {
        b["refresh_token"] = r.into();
    }
    b.to_string()
}

/// A secret created without a value (as an infrastructure template may): two imports race to
/// write its first version. The one without a refresh token is held back after it read
/// "nothing stored"; the other lands first. The late one must lose the compare-and-swap, read
/// again and keep the refresh token of the same account, not overwrite it blind.
#[test]
fn a_secret_created_without_a_value_is_written_with_compare_and_swap() {
    let moto = Moto::start();
    let proxy = Proxy::start(&moto.endpoint());
    let w = world(&moto, &proxy);
    let (status, v) = secrets_manager(&moto, "CreateSecret", json!({"Name": secret()}));
    assert_eq!(status, 200, "{v}");

    proxy.on(PUT, Fault::DelayRequest(Duration::from_secs(3)), 1);
    let mut late = w
        .std_cmd()
        .args(["tokens", "import", "--json", "--user", USER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    late.stdin
        .take()
        .unwrap()
        .write_all(bundle("ya29.late", None).as_bytes())
        .unwrap();
    let started = Instant::now();
    while !proxy.seen().iter().any(|t| t == PUT) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            proxy.seen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The other writer, straight to Secrets Manager, while the first one's put is held back.
    w.cmd()
        .env("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint())
        .args(["tokens", "import", "--json", "--user", USER])
        .write_stdin(bundle("ya29.first", Some("1//kept")))
        .assert()
        .success();
    let out = late.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored = w.reveal(USER);
    assert_eq!(stored["access_token"], "ya29.late");
    assert_eq!(
        stored["refresh_token"], "1//kept",
        "the late write overwrote a bundle it never read"
    );
}

/// `tokens revoke --recovery-window-days 0` checks the version, then deletes; a reconnect (here
/// an import) that lands between the check and the delete is not destroyed with it: the delete
/// first schedules the deletion, checks again, and restores the newer bundle.
#[test]
fn a_delete_without_recovery_window_does_not_destroy_a_write_that_landed_meanwhile() {
    let moto = Moto::start();
    let proxy = Proxy::start(&moto.endpoint());
    let w = world(&moto, &proxy);
    let (_, first) = w.grant(3600);
    w.import(USER, &first);

    proxy.on(
        "secretsmanager.DeleteSecret",
        Fault::DelayRequest(Duration::from_secs(3)),
        1,
    );
    let revoke = w
        .std_cmd()
        .args([
            "tokens",
            "revoke",
            "--yes",
            "--json",
            "--recovery-window-days",
            "0",
            "--user",
            USER,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !proxy
        .seen()
        .iter()
        .any(|t| t == "secretsmanager.DeleteSecret")
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            proxy.seen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The reconnect, straight to Secrets Manager, while the delete is on its way.
    let (second_grant, second) = w.grant(3600);
    w.cmd()
        .env("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint())
        .args(["tokens", "import", "--json", "--user", USER])
        .write_stdin(second)
        .assert()
        .success();
    let out = revoke.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = describe(&moto);
    assert!(d["DeletedDate"].is_null(), "{d}");
    assert_eq!(
        w.reveal(USER)["access_token"],
        second_grant.access_token.as_str()
    );
}
