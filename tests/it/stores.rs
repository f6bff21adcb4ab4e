//! The token lifecycle (import → show → list → refresh → revoke) in each of the four stores,
//! each against the real thing: an encrypted file, moto's Secrets Manager, gnome-keyring's
//! Secret Service, and the environment.

use crate::common;

use common::peers::{Moto, SecretService};
use common::{USER, World};
use serde_json::Value;

/// The whole lifecycle in whatever store `w` selects.
fn lifecycle(w: &World, store: &str) {
    // A bundle whose access token expires in 2 minutes: inside the refresh window.
    let (grant, bundle) = w.grant(120);
    w.import(USER, &bundle);

    let shown = w.show(USER);
    assert_eq!(shown["store"], store);
    assert_eq!(shown["user_id"], USER);
    assert_eq!(shown["secret_name"], format!("gmail/user/{USER}"));
    assert_eq!(shown["status"], "expiring");
    assert_eq!(shown["has_refresh_token"], true);
    assert_eq!(shown["google_email"], common::GOOGLE_EMAIL);
    assert_eq!(shown["google_user_id"], common::GOOGLE_ID);
    assert_eq!(shown["google_verified_email"], true);
    let masked = shown["access_token"].as_str().unwrap();
    assert!(
        masked.ends_with('…') && masked.chars().count() <= 7,
        "{masked}"
    );
    assert!(grant.access_token.starts_with(masked.trim_end_matches('…')));

    let listed = w.cmd().args(["tokens", "list"]).output().unwrap();
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let table = String::from_utf8(listed.stdout).unwrap();
    let lines: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines.len(), 2, "{table}");
    assert_eq!(lines[0][..3], ["USER", "GOOGLE", "EMAIL"], "{table}");
    assert_eq!(
        lines[1][..4],
        [USER, common::GOOGLE_EMAIL, "expiring", "yes"],
        "{table}"
    );
    let listed = w.json(&["tokens", "list", "--json"]);
    assert_eq!(listed["store"], store);
    let entry = &listed["users"][0];
    assert_eq!(entry["user_id"], USER);
    assert_eq!(entry["secret_name"], format!("gmail/user/{USER}"));
    assert_eq!(entry["google_email"], common::GOOGLE_EMAIL);
    assert_eq!(entry["status"], "expiring");
    assert_eq!(entry["has_refresh_token"], true);
    // Secrets Manager and the file store know when a bundle changed; the keyring does not.
    assert_eq!(
        entry["last_changed"].is_string(),
        store != "keyring",
        "{entry}"
    );

    // Due: refreshed, the refresh token kept (Google sends none), written back.
    let before = w.sim.token_requests();
    let r = w.json(&["tokens", "refresh", "--json", "--user", USER]);
    assert_eq!(r["refreshed"], true);
    assert_eq!(r["rotated_refresh_token"], false);
    assert_eq!(w.sim.token_requests(), before + 1);
    let revealed = w.reveal(USER);
    let new_access = revealed["access_token"].as_str().unwrap();
    assert_ne!(new_access, grant.access_token);
    assert!(w.sim.access_token_valid(new_access));
    assert_eq!(revealed["refresh_token"], grant.refresh_token.as_str());
    assert_eq!(revealed["status"], "valid");
    assert_eq!(
        revealed["google_email"],
        common::GOOGLE_EMAIL,
        "other fields kept"
    );

    // Not due any more: no request.
    let out = w
        .cmd()
        .args(["tokens", "refresh", "--json", "--user", USER])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["refreshed"], false);
    assert_eq!(w.sim.token_requests(), before + 1);

    // Revoke: Google gets the refresh token, the bundle is gone.
    w.cmd()
        .args(["tokens", "revoke", "--yes", "--user", USER])
        .assert()
        .success();
    assert_eq!(w.sim.revoke_requests(), vec![grant.refresh_token.clone()]);
    assert!(w.sim.is_revoked(&grant.refresh_token));
    assert!(!w.sim.access_token_valid(new_access));
    w.cmd()
        .args(["tokens", "show", "--user", USER])
        .assert()
        .code(3);
}

/// `tokens access-token` in whatever store `w` selects: a fresh token printed as stored (no
/// call to Google), an expiring one refreshed and written back first, `--json`, and a dead grant
/// (`invalid_grant`: exit 3, the bundle deleted). Nothing but the token on stdout, nothing on
/// stderr.
fn access_token(w: &World, user: &str) {
    let run = |args: &[&str]| {
        let out = w
            .cmd()
            .args(["tokens", "access-token", "--user", user])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            stderr,
        )
    };
    // Fresh: printed as stored.
    let (grant, bundle) = w.grant(3600);
    w.import(user, &bundle);
    let before = w.sim.token_requests();
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, format!("{}\n", grant.access_token));
    assert_eq!(stderr, "");
    assert_eq!(w.sim.token_requests(), before);

    // Expiring (within the 5-minute window): refreshed and written back first.
    let (grant, bundle) = w.grant(120);
    w.import(user, &bundle);
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    let token = stdout.strip_suffix('\n').unwrap();
    assert!(!token.contains('\n'));
    assert_ne!(token, grant.access_token);
    assert!(w.sim.access_token_valid(token));
    assert_eq!(w.sim.token_requests(), before + 1);
    let revealed = w.reveal(user);
    assert_eq!(revealed["access_token"], token);
    assert_eq!(revealed["refresh_token"], grant.refresh_token.as_str());
    assert_eq!(revealed["status"], "valid");

    // --json: the token and what a caller needs to use it, nothing else.
    let (code, stdout, stderr) = run(&["--json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["access_token", "expires_at", "scope", "token_type"]);
    assert_eq!(v["access_token"], token);
    assert_eq!(v["expires_at"], revealed["expires_at"]);
    assert_eq!(v["scope"], common::SCOPE);
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(
        w.sim.token_requests(),
        before + 1,
        "still valid: no refresh"
    );

    // A dead grant: exit 3, reconnect, and the bundle is gone.
    let (grant, bundle) = w.grant(-10);
    w.import(user, &bundle);
    w.sim.revoke(&grant.refresh_token);
    let (code, stdout, stderr) = run(&["--json"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert_eq!(stdout, "");
    let e = common::json_error(stderr.as_bytes());
    assert_eq!(e["error"]["code"], "reconnect_required", "{e}");
    assert!(!stderr.contains(&grant.refresh_token) && !stderr.contains(&grant.access_token));
    w.cmd()
        .args(["tokens", "show", "--user", user])
        .assert()
        .code(3);
}

#[test]
fn file_store_lifecycle() {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file");
    lifecycle(&w, "file");
    // Nothing but the vault folder was written, and no plaintext token is on disk.
    let files = common::walk(&w.home());
    assert!(
        files
            .iter()
            .all(|f| f.starts_with(w.home().join(".local/share/paypulse/vault"))),
        "{files:?}"
    );
    access_token(&w, "user_script");
}

#[test]
fn file_store_never_writes_plaintext_and_refuses_a_wrong_key() {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file");
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    for f in common::walk(&w.home()) {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&grant.refresh_token) && !text.contains(&grant.access_token));
    }
    w.set("PAYPULSE_VAULT_KEY", "another passphrase");
    let out = w
        .cmd()
        .args(["tokens", "show", "--user", USER])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PAYPULSE_VAULT_KEY") && err.contains("gmail/user/user_alice01"),
        "{err}"
    );
    w.unset("PAYPULSE_VAULT_KEY");
    let out = w
        .cmd()
        .args(["tokens", "show", "--user", USER])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PAYPULSE_VAULT_KEY is not set"));
}

#[test]
fn aws_store_lifecycle_against_moto() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    lifecycle(&w, "aws");
    // The SDK warns on stderr about a configured but missing AWS config file; a user's exists.
    for file in ["aws-config", "aws-credentials"] {
        std::fs::write(w.home().join(file), "").unwrap();
    }
    access_token(&w, "user_script");
}

/// Calls Secrets Manager's JSON API on moto directly, as the backend's own SDK would.
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

#[test]
fn aws_store_shares_the_backends_secrets() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");

    // A bundle the backend wrote (Python's isoformat, an extra field): readable.
    let (_, bundle) = w.grant(3600);
    let mut backend: Value = serde_json::from_str(&bundle).unwrap();
    backend["backend_revision"] = 7.into();
    let (status, _) = secrets_manager(
        &moto,
        "CreateSecret",
        serde_json::json!({"Name": "gmail/user/user_backend1", "SecretString": backend.to_string()}),
    );
    assert_eq!(status, 200);
    let shown = w.show("user_backend1");
    assert_eq!(shown["status"], "valid");

    // What we write is what the backend reads: the strict format, unknown fields kept.
    w.cmd()
        .args(["tokens", "refresh", "--force", "--user", "user_backend1"])
        .assert()
        .success();
    // AWS answers a GetSecretValue without a stage with AWSCURRENT; moto answers with the
    // version it last made current itself, and does not follow UpdateSecretVersionStage (how
    // paypulse writes): so the stage is named here.
    let (_, secret) = secrets_manager(
        &moto,
        "GetSecretValue",
        serde_json::json!({"SecretId": "gmail/user/user_backend1", "VersionStage": "AWSCURRENT"}),
    );
    let stored: Value = serde_json::from_str(secret["SecretString"].as_str().unwrap()).unwrap();
    assert_eq!(stored["backend_revision"], 7);
    assert_eq!(stored["refresh_token"], backend["refresh_token"]);
    assert_ne!(stored["access_token"], backend["access_token"]);
    let expires_at = stored["expires_at"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(expires_at, "%Y-%m-%dT%H:%M:%S%.6f").is_ok(),
        "{expires_at}"
    );
    assert!(
        !expires_at.ends_with('Z') && !expires_at.contains('+'),
        "{expires_at}"
    );

    // Revoke: the secret is scheduled for deletion with AWS's default 7-day recovery window
    // (undoable with AWS's restore), and is no longer listed.
    w.cmd()
        .args(["tokens", "revoke", "--yes", "--user", "user_backend1"])
        .assert()
        .success();
    let (status, described) = secrets_manager(
        &moto,
        "DescribeSecret",
        serde_json::json!({"SecretId": "gmail/user/user_backend1"}),
    );
    assert_eq!(status, 200, "{described}");
    assert!(described["DeletedDate"].is_number(), "{described}");
    let listed = w.json(&["tokens", "list", "--json"]);
    assert_eq!(listed["users"].as_array().unwrap().len(), 0, "{listed}");
    w.cmd()
        .args(["tokens", "show", "--user", "user_backend1"])
        .assert()
        .code(3);

    // A reconnect (import) right after works at once: restore, then put the new bundle.
    let (grant, bundle) = w.grant(3600);
    w.import("user_backend1", &bundle);
    assert_eq!(w.show("user_backend1")["status"], "valid");
    let (_, secret) = secrets_manager(
        &moto,
        "GetSecretValue",
        serde_json::json!({"SecretId": "gmail/user/user_backend1", "VersionStage": "AWSCURRENT"}),
    );
    let stored: Value = serde_json::from_str(secret["SecretString"].as_str().unwrap()).unwrap();
    assert_eq!(stored["refresh_token"], grant.refresh_token.as_str());

    // `--recovery-window-days 0` deletes at once.
    w.cmd()
        .args([
            "tokens",
            "revoke",
            "--local-only",
            "--yes",
            "--recovery-window-days",
            "0",
            "--user",
            "user_backend1",
        ])
        .assert()
        .success();
    let (status, described) = secrets_manager(
        &moto,
        "DescribeSecret",
        serde_json::json!({"SecretId": "gmail/user/user_backend1"}),
    );
    assert_ne!(status, 200, "{described}");
    // AWS takes 7 to 30 days (or 0).
    w.cmd()
        .args([
            "tokens",
            "revoke",
            "--local-only",
            "--yes",
            "--recovery-window-days",
            "3",
            "--user",
            "user_backend1",
        ])
        .assert()
        .code(2);
}

#[test]
fn aws_store_lists_every_page_under_the_prefix_and_uses_kms() {
    let moto = Moto::start();
    let mut w = World::new();
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    // More than one ListSecrets page (100), plus names that must not be listed.
    for i in 0..130 {
        let name = format!("staging/gmail/user/user_{i:03}");
        let (status, _) = secrets_manager(
            &moto,
            "CreateSecret",
            serde_json::json!({"Name": name, "SecretString": "{}"}),
        );
        assert_eq!(status, 200);
    }
    for other in [
        "gmail/user/user_prod",
        "staging/other/user_x",
        "staging/gmail/user/not a user",
    ] {
        secrets_manager(
            &moto,
            "CreateSecret",
            serde_json::json!({"Name": other, "SecretString": "{}"}),
        );
    }
    let listed = w.json(&["tokens", "list", "--json", "--secret-prefix", "staging/"]);
    let users = listed["users"].as_array().unwrap();
    assert_eq!(users.len(), 130);
    assert_eq!(users[0]["user_id"], "user_000");
    assert_eq!(users[129]["secret_name"], "staging/gmail/user/user_129");

    // A new secret is created with the KMS key given.
    let (_, bundle) = w.grant(3600);
    w.cmd()
        .args([
            "tokens",
            "import",
            "--user",
            "user_kms",
            "--kms-key-id",
            "alias/paypulse-test",
        ])
        .write_stdin(bundle)
        .assert()
        .success();
    let (_, described) = secrets_manager(
        &moto,
        "DescribeSecret",
        serde_json::json!({"SecretId": "gmail/user/user_kms"}),
    );
    assert_eq!(described["KmsKeyId"], "alias/paypulse-test");
}

#[test]
fn aws_store_unreachable_is_a_remote_failure() {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "aws")
        .set("AWS_REGION", "us-east-1")
        .set("AWS_ACCESS_KEY_ID", "testing")
        .set("AWS_SECRET_ACCESS_KEY", "testing")
        .set("AWS_MAX_ATTEMPTS", "1")
        // A port nothing listens on.
        .set("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:9");
    let out = w
        .cmd()
        .args(["tokens", "show", "--json", "--user", USER])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(common::json_error(&out.stderr)["error"]["code"], "aws");
}

#[test]
fn keyring_store_lifecycle_against_gnome_keyring() {
    let ss = SecretService::start();
    let mut w = World::new();
    w.use_secret_service(&ss).set("PAYPULSE_STORE", "keyring");
    let (_, bundle) = w.grant(3600);
    w.import("user_probe", &bundle);
    // Stored as the SPEC says: service `paypulse`, account = the secret name, compact JSON.
    let stored = ss
        .lookup(&[
            ("service", "paypulse"),
            ("username", "gmail/user/user_probe"),
        ])
        .expect("the bundle is in the Secret Service");
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["google_user_id"], common::GOOGLE_ID);
    w.cmd()
        .args([
            "tokens",
            "revoke",
            "--yes",
            "--local-only",
            "--user",
            "user_probe",
        ])
        .assert()
        .success();
    assert!(
        ss.lookup(&[
            ("service", "paypulse"),
            ("username", "gmail/user/user_probe")
        ])
        .is_none()
    );
    lifecycle(&w, "keyring");
    access_token(&w, "user_script");
}

/// The home folder of the user running the tests, from the user database (not `$HOME`).
fn home_of_this_uid() -> std::path::PathBuf {
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    let uid = String::from_utf8(uid.stdout).unwrap();
    let entry = std::process::Command::new("getent")
        .args(["passwd", uid.trim()])
        .output()
        .unwrap();
    let entry = String::from_utf8(entry.stdout).unwrap();
    entry.trim().split(':').nth(5).unwrap().into()
}

/// The keyring's lock for one secret is found from the secret alone: a process with another
/// `HOME` and `XDG_STATE_HOME` (a cron job beside a terminal) waits for the same lock.
#[test]
fn the_keyring_lock_does_not_depend_on_environment_variables() {
    let ss = SecretService::start();
    let mut w = World::new();
    let state = w.tmp.path().join("state");
    w.use_secret_service(&ss)
        .set("PAYPULSE_STORE", "keyring")
        .set("XDG_STATE_HOME", state.to_str().unwrap())
        .set("PAYPULSE_STORE_TIMEOUT", "2s");
    let user = "user_lock_probe_env";
    let dir = home_of_this_uid().join(".local/state/paypulse/locks");
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .unwrap();
    }
    let path = dir.join(format!("gmail%2Fuser%2F{user}.lock"));
    let held = std::os::unix::fs::OpenOptionsExt::mode(&mut std::fs::OpenOptions::new(), 0o600)
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap();
    held.lock().unwrap();
    let (_, bundle) = w.grant(3600);
    let out = w
        .cmd()
        .args(["tokens", "import", "--json", "--user", user])
        .write_stdin(bundle.clone())
        .output()
        .unwrap();
    let err = common::json_error(&out.stderr);
    assert_eq!(err["error"]["code"], "store_timeout", "{err}");
    drop(held);
    let _ = std::fs::remove_file(&path);
    w.import(user, &bundle);
    assert!(!state.exists(), "a lock under XDG_STATE_HOME");
    assert!(!w.home().join(".local/state").exists(), "a lock under HOME");
    w.cmd()
        .args(["tokens", "revoke", "--yes", "--local-only", "--user", user])
        .assert()
        .success();
}

#[test]
fn keyring_absent_is_a_clear_error_naming_the_file_store() {
    // No Secret Service on this bus address: never a silent fallback to another store.
    let w = World::new();
    let out = w
        .cmd()
        .args(["tokens", "show", "--user", USER])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keyring") && err.contains("--store file"),
        "{err}"
    );
    assert!(
        common::walk(&w.home()).is_empty(),
        "nothing written anywhere"
    );
}

#[test]
fn a_hung_dbus_does_not_hang_the_tool() {
    // A bus socket that accepts connections and never answers.
    let w0 = World::new();
    let sock = w0.tmp.path().join("hung-bus");
    let listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let _hold = std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming().flatten() {
            held.push(c);
        }
    });
    let mut w = w0;
    w.set(
        "DBUS_SESSION_BUS_ADDRESS",
        &format!("unix:path={}", sock.display()),
    )
    .set("PAYPULSE_STORE_TIMEOUT", "2s");
    let started = std::time::Instant::now();
    let out = w
        .cmd()
        .args(["tokens", "show", "--json", "--user", USER])
        .output()
        .unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "bounded by the store timeout"
    );
    assert_eq!(out.status.code(), Some(1));
    let e = common::json_error(&out.stderr);
    assert_eq!(e["error"]["code"], "store_timeout");
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("--store file")
    );
}

#[test]
fn env_store_reads_the_bundle_and_keeps_refreshes_in_memory() {
    let mut w = World::new();
    let (grant, bundle) = w.grant(-60);
    w.set("PAYPULSE_STORE", "env")
        .set("PAYPULSE_TOKEN_BUNDLE", &bundle)
        .set("PAYPULSE_USER", "user_ci");
    assert_eq!(w.show("user_ci")["status"], "expired");
    let r = w.json(&["tokens", "refresh", "--json"]);
    assert_eq!(r["refreshed"], true);
    assert_eq!(r["status"], "valid");
    // Nothing was persisted: the environment still holds the old bundle.
    assert_eq!(w.show("user_ci")["status"], "expired");
    assert!(common::walk(&w.home()).is_empty());
    // Read-only: import refuses.
    let out = w
        .cmd()
        .args(["tokens", "import"])
        .write_stdin(bundle)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!w.sim.is_revoked(&grant.refresh_token));
    // No bundle at all: authentication needed.
    w.unset("PAYPULSE_TOKEN_BUNDLE");
    w.cmd().args(["tokens", "show"]).assert().code(3);
}

/// `tokens access-token` with the `env` store, as CI runs it: an expired bundle is refreshed in
/// memory (the environment cannot be written), a fresh one printed as it is, a dead grant ends
/// with exit 3.
#[test]
fn env_store_access_token_refreshes_in_memory() {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "env")
        .set("PAYPULSE_USER", "user_ci");
    let (grant, bundle) = w.grant(3600);
    w.set("PAYPULSE_TOKEN_BUNDLE", &bundle);
    let out = w.cmd().args(["tokens", "access-token"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, format!("{}\n", grant.access_token).into_bytes());

    let (grant, bundle) = w.grant(-60);
    w.set("PAYPULSE_TOKEN_BUNDLE", &bundle);
    let before = w.sim.token_requests();
    for _ in 0..2 {
        let out = w.cmd().args(["tokens", "access-token"]).output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = String::from_utf8(out.stdout).unwrap();
        let token = token.strip_suffix('\n').unwrap();
        assert_ne!(token, grant.access_token);
        assert!(w.sim.access_token_valid(token));
    }
    // Each run refreshes anew: nothing was persisted.
    assert_eq!(w.sim.token_requests(), before + 2);
    assert_eq!(w.show("user_ci")["status"], "expired");
    assert!(common::walk(&w.home()).is_empty());

    w.sim.revoke(&grant.refresh_token);
    let out = w
        .cmd()
        .args(["tokens", "access-token", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    assert_eq!(
        common::json_error(&out.stderr)["error"]["code"],
        "reconnect_required"
    );
}

#[test]
fn a_locked_keyring_says_so_and_names_the_way_out() {
    let ss = SecretService::start();
    let mut w = World::new();
    w.use_secret_service(&ss).set("PAYPULSE_STORE", "keyring");
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    // Lock the collection, as a screen lock or a logout would.
    let locked = ss.run(
        "dbus-send",
        &[
            "--session",
            "--dest=org.freedesktop.secrets",
            "--print-reply",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ],
        None,
    );
    assert!(
        locked.status.success(),
        "{}",
        String::from_utf8_lossy(&locked.stderr)
    );
    let out = w
        .cmd()
        .args(["tokens", "show", "--json", "--user", USER])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = common::json_error(&out.stderr);
    assert_eq!(e["error"]["code"], "keyring_locked", "{e}");
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("--store file")
    );
}

/// A local store that does not answer in time is a local failure (exit 1), as the keyring's
/// is; only Secrets Manager's timeout is a remote service's (exit 4, tests/aws_writes.rs). The
/// code is `store_timeout` either way.
#[test]
fn a_file_store_timeout_is_a_local_failure() {
    let mut w = World::file_store();
    w.set("PAYPULSE_STORE_TIMEOUT", "1s");
    let user = "user_file_lock";
    let (_, bundle) = w.grant(3600);
    w.import(user, &bundle);
    let vault = w.home().join(".local/share/paypulse/vault");
    let path = vault.join(format!("gmail%2Fuser%2F{user}.lock"));
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap();
    held.lock().unwrap();
    let out = w
        .cmd()
        .args(["tokens", "import", "--json", "--user", user])
        .write_stdin(bundle.clone())
        .output()
        .unwrap();
    let err = common::json_error(&out.stderr);
    assert_eq!(err["error"]["code"], "store_timeout", "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err["error"]["message"].as_str().unwrap().contains("file"),
        "{err}"
    );
    drop(held);
}
