//! Even at `PAYPULSE_LOG=trace`, with every store (aws included), no token, bundle, vault key
//! or password reaches stderr.

use crate::common;

use common::peers::{Moto, SecretService};
use common::{USER, VAULT_KEY, World};

const PASSWORD: &str = "correct horse battery staple";

/// Whether `text` holds a whole token starting with `prefix` (a masked one, at most 6
/// characters and `…`, is fine).
fn has_token(text: &str, prefix: &str) -> bool {
    text.match_indices(prefix).any(|(i, _)| {
        text[i + prefix.len()..]
            .chars()
            .take(12)
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .count()
            == 12
    })
}

/// Every command that touches a secret, at trace level; returns all of stderr.
fn run_everything(w: &World, store: &str, access: &str, refresh: &str, bundle: &str) -> String {
    let mut stderr = String::new();
    let mut revealed = String::new();
    let mut run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = w.cmd();
        cmd.args(args);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        let out = cmd.output().unwrap();
        if args.contains(&"--reveal") {
            revealed.push_str(&String::from_utf8_lossy(&out.stdout));
        }
        stderr.push_str(&String::from_utf8_lossy(&out.stderr));
        assert!(
            out.status.success(),
            "{store}: {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    if store != "env" {
        run(&["tokens", "import", "--user", USER], Some(bundle));
    }
    run(&["tokens", "show", "--user", USER], None);
    run(&["tokens", "refresh", "--force", "--user", USER], None);
    run(
        &["tokens", "show", "--json", "--reveal", "--user", USER],
        None,
    );
    if store != "env" {
        run(&["tokens", "list"], None);
    }
    // Prints the token on stdout (its job), never in the log.
    run(&["tokens", "access-token", "--user", USER], None);
    run(&["tokens", "revoke", "--yes", "--user", USER], None);
    // The access token the refresh stored, as `--reveal` showed it on stdout.
    let shown: serde_json::Value = serde_json::from_str(&revealed)
        .unwrap_or_else(|_| panic!("{store}: no revealed bundle in {revealed}"));
    let refreshed = shown["access_token"].as_str().unwrap().to_owned();
    if store != "env" {
        // The refresh stored a new access token (the env store keeps it in memory only).
        assert_ne!(refreshed, access);
    }
    for secret in [access, refresh, refreshed.as_str(), bundle, VAULT_KEY] {
        assert!(
            !stderr.contains(secret),
            "{store}: a secret reached stderr at trace level"
        );
    }
    assert!(
        !stderr.contains("\"access_token\""),
        "{store}: a bundle reached stderr"
    );
    assert!(
        !has_token(&stderr, "ya29."),
        "{store}: an access token reached stderr"
    );
    // The test would catch a leak: trace logging did run.
    assert!(
        stderr.contains("TRACE") || stderr.contains("DEBUG"),
        "{store}: no logs at all"
    );
    stderr
}

fn traced(mut w: World) -> World {
    w.set("PAYPULSE_LOG", "trace");
    w
}

#[test]
fn no_secret_in_trace_logs_with_the_file_store() {
    let mut w = traced(World::new());
    w.set("PAYPULSE_STORE", "file");
    stored_store(&w, "file");
}

fn stored_store(w: &World, store: &str) {
    let (grant, bundle) = w.grant(-60);
    run_everything(w, store, &grant.access_token, &grant.refresh_token, &bundle);
}

#[test]
fn no_secret_in_trace_logs_with_the_aws_store() {
    let moto = Moto::start();
    let mut w = traced(World::new());
    w.use_moto(&moto).set("PAYPULSE_STORE", "aws");
    stored_store(&w, "aws");
}

#[test]
fn no_secret_in_trace_logs_with_the_keyring_store() {
    let ss = SecretService::start();
    let mut w = traced(World::new());
    w.use_secret_service(&ss).set("PAYPULSE_STORE", "keyring");
    stored_store(&w, "keyring");
}

#[test]
fn no_secret_in_trace_logs_with_the_env_store() {
    let mut w = traced(World::new());
    let (grant, bundle) = w.grant(-60);
    w.set("PAYPULSE_STORE", "env")
        .set("PAYPULSE_TOKEN_BUNDLE", &bundle);
    run_everything(
        &w,
        "env",
        &grant.access_token,
        &grant.refresh_token,
        &bundle,
    );
}

#[test]
fn no_password_in_trace_logs_at_login() {
    let mut w = traced(World::new());
    w.set("PAYPULSE_STORE", "file");
    w.sim.add_paypulse_user("alice@example.com", PASSWORD, USER);
    let out = w
        .cmd()
        .args(["login", "--email", "alice@example.com", "--password-stdin"])
        .write_stdin(format!("{PASSWORD}\n"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains(PASSWORD), "the password reached stderr");
    assert!(!stderr.contains("eyJ"), "the session JWT reached stderr");
}
