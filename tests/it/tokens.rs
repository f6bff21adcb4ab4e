//! `tokens refresh|revoke|show|import` against the Google simulator: the OAuth rules of the SPEC.
//! The file store is used throughout (the store lifecycle itself is in stores.rs).

use crate::common;

use common::{USER, World, json_error};
use serde_json::Value;

#[test]
fn invalid_grant_deletes_the_bundle_and_asks_to_reconnect() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    w.sim.revoke(&grant.refresh_token); // the user removed access in their Google account
    let out = w.cmd().args(["tokens", "refresh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reconnect with `paypulse connect-gmail`"),
        "{err}"
    );
    assert!(
        err.contains("Token has been expired or revoked."),
        "Google's reason is shown: {err}"
    );
    assert!(!err.contains(&grant.refresh_token));
    // Deleted: the next command says there are no tokens.
    w.cmd().args(["tokens", "show"]).assert().code(3);
    let files = common::walk(&w.home().join(".local/share/paypulse/vault"));
    assert!(files.is_empty(), "{files:?}");
}

#[test]
fn invalid_grant_under_json_is_a_json_error() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    w.sim.revoke(&grant.refresh_token);
    let out = w
        .cmd()
        .args(["tokens", "refresh", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty(), "errors go to stderr");
    let e = json_error(&out.stderr);
    assert_eq!(e["error"]["code"], "reconnect_required");
    // (Connected just now: the hint goes on to name the "Testing" status, see below.)
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .starts_with("reconnect with `paypulse connect-gmail`"),
        "{e}"
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired or revoked")
    );
}

#[test]
fn other_refresh_failures_keep_the_bundle_and_exit_4() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    w.sim.fail_next_token_requests(1, 503);
    let out = w.cmd().args(["tokens", "refresh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&w.sim.token_url()),
        "names the endpoint: {err}"
    );
    assert_eq!(
        w.reveal(USER)["refresh_token"],
        grant.refresh_token.as_str(),
        "kept"
    );
    // And it works once Google is back.
    w.cmd().args(["tokens", "refresh"]).assert().success();
    assert_eq!(w.reveal(USER)["status"], "valid");
}

#[test]
fn an_unreachable_token_endpoint_is_named() {
    let mut w = World::file_store();
    let (_, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    w.set("PAYPULSE_GOOGLE_TOKEN_URL", "http://127.0.0.1:9/token");
    let out = w.cmd().args(["tokens", "refresh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot reach http://127.0.0.1:9/token"),
        "{err}"
    );
    assert_eq!(w.reveal(USER)["status"], "expired", "kept as it was");
}

#[test]
fn a_rotated_refresh_token_replaces_the_old_one() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    w.sim.set_rotate_refresh_tokens(true);
    let out = w
        .cmd()
        .args(["tokens", "refresh", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["rotated_refresh_token"], true);
    let now = w.reveal(USER);
    let new_rt = now["refresh_token"].as_str().unwrap();
    assert_ne!(new_rt, grant.refresh_token);
    assert!(!w.sim.is_revoked(new_rt));
    // The new one works for the next refresh.
    w.cmd()
        .args(["tokens", "refresh", "--force"])
        .assert()
        .success();
}

#[test]
fn force_refreshes_a_valid_token_and_unknown_expiry_refreshes() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.cmd().args(["tokens", "refresh"]).assert().success();
    assert_eq!(w.sim.token_requests(), 0, "valid: not refreshed");
    w.cmd()
        .args(["tokens", "refresh", "--force"])
        .assert()
        .success();
    assert_eq!(w.sim.token_requests(), 1);

    // An older record without expires_at: "unknown", refreshed.
    let mut old: Value = serde_json::from_str(&bundle).unwrap();
    old.as_object_mut().unwrap().remove("expires_at");
    old["refresh_token"] = grant.refresh_token.clone().into();
    w.import(USER, &old.to_string());
    assert_eq!(w.show(USER)["status"], "unknown");
    w.cmd().args(["tokens", "refresh"]).assert().success();
    assert_eq!(w.sim.token_requests(), 2);
    let now = w.reveal(USER);
    assert_eq!(now["status"], "valid");
    assert!(now["expires_at"].is_string());
}

#[test]
fn a_bundle_without_refresh_token_cannot_be_refreshed() {
    let w = World::file_store();
    let (_, bundle) = w.grant(-10);
    let mut b: Value = serde_json::from_str(&bundle).unwrap();
    b.as_object_mut().unwrap().remove("refresh_token");
    let out = w
        .cmd()
        .args(["tokens", "import"])
        .write_stdin(b.to_string())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no refresh token"));
    let out = w.cmd().args(["tokens", "refresh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("connect-gmail"));
    assert_eq!(w.sim.token_requests(), 0);
}

#[test]
fn revoke_needs_yes_off_a_terminal_and_changes_nothing_without_it() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let out = w.cmd().args(["tokens", "revoke"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    assert!(w.sim.revoke_requests().is_empty());
    assert!(!w.sim.is_revoked(&grant.refresh_token));
    assert_eq!(w.show(USER)["status"], "valid");
}

#[test]
fn revoke_local_only_never_calls_google() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let out = w
        .cmd()
        .args(["tokens", "revoke", "--local-only", "--yes", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["revoked_at_google"], false);
    assert_eq!(r["deleted"], true);
    assert!(w.sim.revoke_requests().is_empty());
    assert!(w.sim.access_token_valid(&grant.access_token));
    w.cmd().args(["tokens", "show"]).assert().code(3);
}

#[test]
fn revoke_sends_the_access_token_when_there_is_no_refresh_token() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    let mut b: Value = serde_json::from_str(&bundle).unwrap();
    b.as_object_mut().unwrap().remove("refresh_token");
    w.import(USER, &b.to_string());
    w.cmd()
        .args(["tokens", "revoke", "--yes"])
        .assert()
        .success();
    assert_eq!(w.sim.revoke_requests(), vec![grant.access_token.clone()]);
}

#[test]
fn revoking_an_already_revoked_grant_still_deletes() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.sim.revoke(&grant.refresh_token);
    let r = w.json(&["tokens", "revoke", "--yes", "--json"]);
    assert_eq!(r["already_invalid"], true);
    assert_eq!(r["deleted"], true);
    w.cmd().args(["tokens", "show"]).assert().code(3);
}

#[test]
fn a_failing_revoke_endpoint_keeps_the_bundle() {
    let mut w = World::file_store();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.set("PAYPULSE_GOOGLE_REVOKE_URL", "http://127.0.0.1:9/revoke");
    w.cmd().args(["tokens", "revoke", "--yes"]).assert().code(4);
    assert_eq!(w.show(USER)["status"], "valid");
}

#[test]
fn import_validates_and_loses_nothing() {
    let w = World::file_store();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    for bad in [
        "",
        "{",
        "[]",
        r#"{"refresh_token":"1//0x"}"#,
        r#"{"access_token":"x","expires_at":"tomorrow"}"#,
    ] {
        let out = w
            .cmd()
            .args(["tokens", "import"])
            .write_stdin(bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    assert_eq!(
        w.show(USER)["status"],
        "valid",
        "the stored bundle survived bad input"
    );
}

#[test]
fn a_corrupt_stored_bundle_is_named_with_a_way_out() {
    let mut w = World::file_store();
    w.set("PAYPULSE_STORE", "env")
        .set("PAYPULSE_TOKEN_BUNDLE", "{\"access_token\": 5}");
    let out = w.cmd().args(["tokens", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gmail/user/user_alice01") && err.contains("tokens import"),
        "{err}"
    );
}

#[test]
fn user_ids_are_validated_before_any_store_or_network_call() {
    let mut w = World::file_store();
    // A store that would hang and an endpoint that would fail: neither is reached.
    w.set("PAYPULSE_STORE", "keyring");
    // A Secrets Manager endpoint that counts who connects: nobody may.
    let endpoint = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    endpoint.set_nonblocking(true).unwrap();
    let url = format!("http://{}", endpoint.local_addr().unwrap());
    w.set("AWS_ENDPOINT_URL_SECRETS_MANAGER", &url)
        .set("AWS_REGION", "us-east-1")
        .set("AWS_ACCESS_KEY_ID", "testing")
        .set("AWS_SECRET_ACCESS_KEY", "testing");
    for store in ["keyring", "aws"] {
        for bad in ["../etc/passwd", "user_", "user_a/b", "admin"] {
            let out = w
                .cmd()
                .args([
                    "tokens", "refresh", "--force", "--store", store, "--user", bad,
                ])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{store} {bad}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("invalid user id"));
        }
    }
    assert!(
        endpoint.accept().is_err(),
        "the store was contacted before the user id was checked"
    );
}

#[test]
fn human_show_is_a_short_aligned_report_with_masked_secrets() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let out = w.cmd().args(["tokens", "show"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("gmail/user/user_alice01 (file store)\n"),
        "{text}"
    );
    assert!(text.contains("  Status:         valid\n"), "{text}");
    assert!(
        text.contains("alice@example.com (Alice Andersson)"),
        "{text}"
    );
    assert!(
        text.contains("(in 59 minutes)") || text.contains("(in 1 hour)"),
        "{text}"
    );
    assert!(!text.contains(&grant.access_token) && !text.contains(&grant.refresh_token));
    assert!(!text.contains('\u{1b}'), "no escapes off a terminal");
}

#[test]
fn no_secret_is_ever_printed_or_logged() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    let mut outputs = Vec::new();
    let mut secrets = vec![
        grant.access_token.clone(),
        grant.refresh_token.clone(),
        common::VAULT_KEY.to_owned(),
    ];
    for args in [
        &["tokens", "show", "-vvv"][..],
        &["tokens", "show", "--json", "-vvv"],
        &["tokens", "refresh", "-vvv"],
        &["tokens", "refresh", "--force", "--json", "-vvv"],
        &["tokens", "list", "-vvv"],
        &["tokens", "revoke", "--yes", "-vvv"],
    ] {
        let out = w.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Each refresh stored a new access token: it must not leak either.
        if args[1] == "refresh" {
            let stored = w.reveal(USER);
            secrets.push(stored["access_token"].as_str().unwrap().to_owned());
        }
        outputs.push(out);
    }
    assert_eq!(w.sim.token_requests(), 2, "both refreshes reached Google");
    assert_eq!(secrets.len(), 5);
    assert!(
        secrets[3] != secrets[0] && secrets[4] != secrets[3],
        "two new access tokens"
    );
    for out in outputs {
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            for secret in &secrets {
                assert!(!text.contains(&secret[..secret.len().min(12)]), "{text}");
            }
        }
    }
}

#[test]
fn config_file_is_layered_under_env_and_flags() {
    let mut w = World::file_store();
    w.unset("PAYPULSE_STORE").unset("PAYPULSE_USER");
    let cfg = w.home().join(".config/paypulse");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "store = \"file\"\nuser = \"user_fromconfig\"\n",
    )
    .unwrap();
    let (_, bundle) = w.grant(3600);
    // Config: store file, user from config.
    w.cmd()
        .args(["tokens", "import"])
        .write_stdin(bundle.clone())
        .assert()
        .success();
    assert_eq!(w.show("user_fromconfig")["store"], "file");
    let out = w.cmd().args(["tokens", "show", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user_id"], "user_fromconfig");
    // Env beats config; the flag beats env.
    w.set("PAYPULSE_USER", "user_fromenv");
    w.cmd().args(["tokens", "show"]).assert().code(3);
    w.cmd()
        .args(["tokens", "show", "--user", "user_fromconfig"])
        .assert()
        .success();
    // A broken config file is a usage error that names it.
    std::fs::write(cfg.join("config.toml"), "stor = \"file\"\n").unwrap();
    let out = w.cmd().args(["tokens", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.toml"));
    // A store that does not exist is an error of the config file, naming it and the key, even
    // for a command that never opens a store.
    std::fs::write(cfg.join("config.toml"), "store = \"fiel\"\n").unwrap();
    for args in [&["tokens", "show", "--json"][..], &["invoices", "--json"]] {
        let out = w.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = json_error(&out.stderr);
        assert_eq!(e["error"]["code"], "config", "{e}");
        let message = e["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("config.toml") && message.contains("`store`"),
            "{message}"
        );
    }
}

#[test]
fn usage_errors_under_json_are_json_on_stderr() {
    let w = World::file_store();
    let out = w.cmd().args(["--json", "tokens", "shw"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let e = json_error(&out.stderr);
    assert_eq!(e["error"]["code"], "usage");
    assert!(e["error"]["message"].as_str().unwrap().contains("shw"));
    // Without --json: clap's own text.
    let out = w.cmd().args(["tokens", "shw"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error:"));
}

#[test]
fn verbosity_flags_beat_paypulse_log() {
    let mut w = World::file_store();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.set("PAYPULSE_LOG", "trace");
    let noisy = w.cmd().args(["tokens", "show"]).output().unwrap();
    let quiet = w.cmd().args(["tokens", "show", "-q"]).output().unwrap();
    assert!(noisy.status.success() && quiet.status.success());
    assert!(!noisy.stderr.is_empty(), "PAYPULSE_LOG=trace logs");
    assert!(
        quiet.stderr.is_empty(),
        "-q wins: {}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    assert_eq!(noisy.stdout, quiet.stdout, "logs never go to stdout");
}

#[test]
fn an_import_without_refresh_token_keeps_the_stored_one_of_the_same_account() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let mut newer: Value = serde_json::from_str(&bundle).unwrap();
    newer.as_object_mut().unwrap().remove("refresh_token");
    newer["access_token"] = "ya29.a-newer-access-token".into();
    let out = w
        .cmd()
        .args(["tokens", "import"])
        .write_stdin(newer.to_string())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kept the stored one"));
    let now = w.reveal(USER);
    assert_eq!(now["access_token"], "ya29.a-newer-access-token");
    assert_eq!(now["refresh_token"], grant.refresh_token.as_str());

    // Another account's bundle never inherits it.
    newer["google_user_id"] = "200000000000000000002".into();
    newer["google_email"] = "bob@example.com".into();
    let r = w
        .cmd()
        .args(["tokens", "import", "--json"])
        .write_stdin(newer.to_string())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["account_switch"], true);
    assert_eq!(v["has_refresh_token"], false);
    assert!(String::from_utf8_lossy(&r.stderr).contains("alice@example.com"));
}

#[test]
fn empty_variables_count_as_unset() {
    let mut w = World::file_store();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.set("PAYPULSE_STORE_TIMEOUT", "")
        .set("PAYPULSE_GOOGLE_TOKEN_URL", "")
        .set("PAYPULSE_SECRET_PREFIX", "");
    let shown = w.show(USER);
    assert_eq!(shown["secret_name"], "gmail/user/user_alice01");
    // An empty store falls back to the config file's (here: none, so the keyring), not to an
    // error about a missing value.
    w.set("PAYPULSE_STORE", "");
    let out = w.cmd().args(["tokens", "show"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("a value is required"), "{err}");
    assert!(err.contains("keyring"), "{err}");
}

#[test]
fn check_and_list_never_print_a_token() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(-10);
    w.import(USER, &bundle);
    let outputs: Vec<_> = [
        &["tokens", "check", "-vvv"][..],
        &["tokens", "check", "--all", "--json", "-vvv"],
        &["tokens", "list", "-vvv"],
        &["tokens", "list", "--json", "-vvv"],
    ]
    .iter()
    .map(|args| w.cmd().args(*args).output().unwrap())
    .collect();
    assert!(outputs[0].status.success());
    let new_access = w.reveal(USER)["access_token"].as_str().unwrap().to_owned();
    assert_ne!(new_access, grant.access_token, "the check refreshed it");
    for out in outputs {
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(&grant.refresh_token), "{text}");
            assert!(!text.contains(&grant.access_token[..20]), "{text}");
            assert!(!text.contains(&new_access[..20]), "{text}");
        }
    }
}

#[test]
fn the_tokeninfo_url_comes_from_env_else_config() {
    let mut w = World::file_store();
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let cfg = w.home().join(".config/paypulse");
    std::fs::create_dir_all(&cfg).unwrap();
    let write_config = |url: &str| {
        std::fs::write(
            cfg.join("config.toml"),
            format!("[google]\ntokeninfo_url = \"{url}\"\n"),
        )
        .unwrap()
    };
    // Config only: used.
    w.unset("PAYPULSE_GOOGLE_TOKENINFO_URL");
    write_config(&w.sim.tokeninfo_url());
    let report = w.json(&["tokens", "check", "--json"]);
    assert_eq!(report["users"][0]["status"], "ok");
    assert_eq!(w.sim.tokeninfo_requests(), 1);
    // The environment beats the config.
    write_config("http://127.0.0.1:9/tokeninfo");
    w.set("PAYPULSE_GOOGLE_TOKENINFO_URL", &w.sim.tokeninfo_url());
    let report = w.json(&["tokens", "check", "--json"]);
    assert_eq!(report["users"][0]["status"], "ok");
    assert_eq!(w.sim.tokeninfo_requests(), 2);
}

#[test]
fn an_explicitly_empty_user_is_a_usage_error_and_an_empty_variable_is_unset() {
    let mut w = World::file_store();
    // The keyring would fail (no bus): it must not be reached.
    w.set("PAYPULSE_STORE", "keyring");
    for args in [
        &["tokens", "show", "--json", "--user", ""][..],
        &["tokens", "access-token", "--json", "--user="][..],
        &["--user", "", "tokens", "refresh", "--json"][..],
    ] {
        let out = w.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = json_error(&out.stderr);
        assert_eq!(e["error"]["code"], "usage", "{args:?}: {e}");
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap()
                .contains("invalid user id"),
            "{e}"
        );
    }
    // An empty PAYPULSE_USER counts as unset: no user given, not logged in.
    w.set("PAYPULSE_STORE", "file").set("PAYPULSE_USER", "");
    let out = w.cmd().args(["tokens", "show", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_error(&out.stderr)["error"]["code"], "no_user");
}

/// A bundle of a fresh grant whose `created_at` lies `days` ago and whose access token expired.
fn dead_bundle(w: &World, days: i64) -> (paypulse_google_sim::Grant, String) {
    let (grant, bundle) = w.grant(-10);
    let mut b: Value = serde_json::from_str(&bundle).unwrap();
    let created = chrono::Utc::now().naive_utc() - chrono::TimeDelta::days(days);
    b["created_at"] = created.format("%Y-%m-%dT%H:%M:%S%.6f").to_string().into();
    (grant, b.to_string())
}

/// A grant that Google calls dead within about a week of connecting most likely comes from a
/// Google Cloud project in "Testing" publishing status: `tokens refresh` and `tokens check`
/// name that cause; for an old grant they do not.
#[test]
fn a_grant_dead_within_a_week_names_the_testing_status() {
    let w = World::file_store();
    for (days, young) in [(3, true), (7, true), (30, false)] {
        let (grant, bundle) = dead_bundle(&w, days);
        w.import(USER, &bundle);
        w.sim.revoke(&grant.refresh_token);

        let out = w.cmd().args(["tokens", "check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{days} days");
        let report = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        let hint = err.lines().find(|l| l.starts_with("hint:")).unwrap();
        assert_eq!(hint.contains("\"Testing\""), young, "{days} days: {err}");
        assert_eq!(hint.contains("7 days"), young, "{days} days: {err}");
        assert!(report.contains("revoked"), "{report}");
        assert_eq!(report.contains("Testing"), young, "{report}");
        // check never deletes without --delete-revoked; refresh does, with the same hint.
        let out = w
            .cmd()
            .args(["tokens", "refresh", "--json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        let e = json_error(&out.stderr);
        assert_eq!(e["error"]["code"], "reconnect_required");
        let hint = e["error"]["hint"].as_str().unwrap();
        assert!(hint.contains("paypulse connect-gmail"), "{hint}");
        assert_eq!(hint.contains("\"Testing\""), young, "{days} days: {hint}");
        if young {
            assert!(
                hint.contains(&format!("connected {days} days ago")),
                "{hint}"
            );
        }
        w.cmd().args(["tokens", "show"]).assert().code(3);
    }
}

/// `tokens access-token` prints a bundle without `expires_at` as stored (the backend's rule),
/// and refreshes it with `--force`; a valid one is never refreshed, not even with `--force`.
#[test]
fn access_token_with_unknown_expiry_refreshes_only_with_force() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    let mut b: Value = serde_json::from_str(&bundle).unwrap();
    b.as_object_mut().unwrap().remove("expires_at");
    w.import(USER, &b.to_string());
    let before = w.sim.token_requests();
    let out = w.cmd().args(["tokens", "access-token"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", grant.access_token)
    );
    assert_eq!(w.sim.token_requests(), before);
    let v = w.json(&["tokens", "access-token", "--force", "--json"]);
    assert_ne!(v["access_token"], grant.access_token.as_str());
    assert!(
        w.sim
            .access_token_valid(v["access_token"].as_str().unwrap())
    );
    assert!(v["expires_at"].is_string(), "{v}");
    assert_eq!(w.sim.token_requests(), before + 1);
    // Now valid: --force changes nothing.
    let again = w.json(&["tokens", "access-token", "--force", "--json"]);
    assert_eq!(again["access_token"], v["access_token"]);
    assert_eq!(w.sim.token_requests(), before + 1);
}
