//! `connect-gmail`, the whole flow against the Google simulator: the test reads the printed URL,
//! does the browser's GET on the simulator's authorize endpoint, follows the redirect to the
//! CLI's loopback listener, and checks what was stored.

use crate::common;

use std::io::Write;
use std::process::Output;
use std::time::Duration;

use common::{USER, World, json_error};
use paypulse_google_sim::{
    Consent, DEFAULT_CONFIDENTIAL_CLIENT_ID, DEFAULT_CONFIDENTIAL_CLIENT_SECRET,
};
use serde_json::Value;

const GMAIL: &str = "https://www.googleapis.com/auth/gmail.readonly";

/// One HTTP GET without following redirects: (status, Location, body).
fn get(url: &str) -> (u16, Option<String>, String) {
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
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (status, location, resp.text().await.unwrap())
    })
}

/// What the browser does: GET the authorize URL, then follow its redirect to the loopback.
fn browser(url: &str) -> (u16, String) {
    let (status, location, body) = get(url);
    assert_eq!(status, 302, "the simulator answered {status}: {body}");
    let (status, _, page) = get(&location.unwrap());
    (status, page)
}

/// `connect-gmail` against the Google simulator (see [`common::connect_gmail`]).
fn connect(w: &World, args: &[&str], drive: impl FnOnce(&str, &mut dyn Write)) -> Output {
    common::connect_gmail(w, args, "/o/oauth2/v2/auth?", drive)
}

fn stored(w: &World) -> Option<Value> {
    let out = w
        .cmd()
        .args(["tokens", "show", "--json", "--reveal"])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| serde_json::from_slice(&out.stdout).unwrap())
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn connects_with_a_public_client() {
    let w = World::file_store();
    let out = connect(&w, &["--no-browser", "--json"], |url, _| {
        let (status, page) = browser(url);
        assert_eq!(status, 200);
        assert!(page.contains("You can close this tab"), "{page}");
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user_id"], USER);
    assert_eq!(v["google_email"], common::GOOGLE_EMAIL);
    assert_eq!(v["google_user_id"], common::GOOGLE_ID);
    assert_eq!(v["account_switch"], false);
    assert_eq!(v["store"], "file");
    assert_eq!(v["secret_name"], "gmail/user/user_alice01");
    assert!(v["scope"].as_str().unwrap().contains(GMAIL));
    assert!(v["expires_at"].is_string());

    // What Google was asked for.
    let asked = w.sim.authorize_requests();
    assert_eq!(asked.len(), 1);
    for part in [
        "response_type=code",
        "code_challenge_method=S256",
        "access_type=offline",
        "prompt=consent",
        "state=",
    ] {
        assert!(asked[0].contains(part), "{part} missing in {}", asked[0]);
    }
    assert!(
        asked[0].contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"),
        "{}",
        asked[0]
    );

    let b = stored(&w).expect("stored");
    assert_eq!(b["google_name"], "Alice Andersson");
    assert_eq!(b["google_verified_email"], true);
    assert_eq!(b["status"], "valid");
    assert!(
        w.sim
            .access_token_valid(b["access_token"].as_str().unwrap())
    );
    assert!(!w.sim.is_revoked(b["refresh_token"].as_str().unwrap()));
    // The stored refresh token works.
    w.cmd()
        .args(["tokens", "refresh", "--force"])
        .assert()
        .success();
    // No secret in the output.
    for secret in [
        b["refresh_token"].as_str().unwrap(),
        b["access_token"].as_str().unwrap(),
    ] {
        assert!(!text(&out.stdout).contains(secret) && !text(&out.stderr).contains(secret));
    }
}

#[test]
fn connects_with_a_confidential_client_from_a_client_secret_file() {
    let mut w = World::file_store();
    w.unset("PAYPULSE_GOOGLE_CLIENT_ID")
        .unset("PAYPULSE_GOOGLE_TOKEN_URL")
        .unset("PAYPULSE_GOOGLE_AUTH_URL");
    let file = w.tmp.path().join("client_secret_123.json");
    let json = serde_json::json!({"installed": {
        "client_id": DEFAULT_CONFIDENTIAL_CLIENT_ID,
        "project_id": "paypulse-test",
        "auth_uri": w.sim.auth_url(),
        "token_uri": w.sim.token_url(),
        "client_secret": DEFAULT_CONFIDENTIAL_CLIENT_SECRET,
        "redirect_uris": ["http://localhost"],
    }});
    std::fs::write(&file, json.to_string()).unwrap();
    let out = connect(
        &w,
        &[
            "--no-browser",
            "--client-secret-file",
            file.to_str().unwrap(),
        ],
        |url, _| {
            assert!(url.contains("sim-confidential-client"), "{url}");
            browser(url);
        },
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Connected alice@example.com for user_alice01"),
        "{}",
        text(&out.stdout)
    );
    assert!(!text(&out.stderr).contains(DEFAULT_CONFIDENTIAL_CLIENT_SECRET));
    assert!(stored(&w).is_some());
}

#[test]
fn a_forged_callback_is_rejected_and_the_real_one_accepted() {
    let w = World::file_store();
    let out = connect(&w, &["--no-browser"], |url, _| {
        let (_, location, _) = get(url);
        let location = location.unwrap();
        let base = location
            .split('?')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_owned();
        // Other paths are ignored.
        let (status, _, _) = get(&format!("{base}/favicon.ico"));
        assert_eq!(status, 404);
        // A callback with another state (a login CSRF): refused, escaped, not stored.
        let (status, _, page) = get(&format!("{base}/?state=forged&code=4%2Fattacker&scope=x"));
        assert_eq!(status, 400);
        assert!(page.contains("ignored"), "{page}");
        let (status, _, page) = get(&format!(
            "{base}/?state=%3Cscript%3E&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
        ));
        assert_eq!(status, 400);
        assert!(!page.contains("<script>"), "{page}");
        // Then the real browser comes back.
        let (status, _, _) = get(&location);
        assert_eq!(status, 200);
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    let b = stored(&w).unwrap();
    assert!(
        w.sim
            .access_token_valid(b["access_token"].as_str().unwrap())
    );
}

#[test]
fn denied_consent_stores_nothing_and_exits_3() {
    let w = World::file_store();
    w.sim.set_consent(Consent::Deny);
    let out = connect(&w, &["--no-browser", "--json"], |url, _| {
        let (status, page) = browser(url);
        assert_eq!(status, 200);
        assert!(page.contains("declined"), "{page}");
    });
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_error(&out.stderr)["error"]["code"], "access_denied");
    assert!(stored(&w).is_none());
    assert_eq!(w.sim.token_requests(), 0);
}

#[test]
fn an_unticked_gmail_scope_is_named_and_nothing_is_stored() {
    let w = World::file_store();
    w.sim.set_consent(Consent::DropScope(GMAIL.into()));
    let out = connect(&w, &["--no-browser"], |url, _| {
        browser(url);
    });
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("gmail.readonly") && err.contains("unticked"),
        "{err}"
    );
    assert!(stored(&w).is_none());
}

#[test]
fn a_failed_code_exchange_exits_4_and_stores_nothing() {
    let w = World::file_store();
    w.sim.fail_next_token_requests(1, 500);
    let out = connect(&w, &["--no-browser"], |url, _| {
        browser(url);
    });
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&w.sim.token_url()));
    assert!(stored(&w).is_none());
}

#[test]
fn waiting_for_the_browser_times_out() {
    let w = World::file_store();
    let started = std::time::Instant::now();
    let out = connect(&w, &["--no-browser", "--timeout", "1s"], |_, _| {});
    assert_eq!(out.status.code(), Some(3));
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(
        text(&out.stderr).contains("no answer from the browser within 1 s"),
        "{}",
        text(&out.stderr)
    );
    assert!(stored(&w).is_none());
}

#[test]
fn an_account_switch_is_stored_and_reported() {
    let w = World::file_store();
    w.sim
        .add_google_account("200000000000000000002", "bob@example.com", "Bob Berg");
    let grant = w.sim.issue_grant(
        common::CLIENT_ID,
        "200000000000000000002",
        common::SCOPE,
        3600,
    );
    let bob = serde_json::json!({
        "access_token": grant.access_token, "refresh_token": grant.refresh_token,
        "google_user_id": "200000000000000000002", "google_email": "bob@example.com",
    });
    w.import(USER, &bob.to_string());
    let out = connect(&w, &["--no-browser", "--json"], |url, _| {
        browser(url);
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["account_switch"], true);
    let err = text(&out.stderr);
    assert!(
        err.contains("bob@example.com") && err.contains("alice@example.com"),
        "{err}"
    );
    assert_eq!(stored(&w).unwrap()["google_email"], "alice@example.com");
}

#[test]
fn a_reconnect_without_a_refresh_token_keeps_the_stored_one() {
    let w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w.sim.set_withhold_refresh_tokens(true);
    let out = connect(&w, &["--no-browser"], |url, _| {
        browser(url);
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("kept the stored one"));
    let b = stored(&w).unwrap();
    assert_eq!(b["refresh_token"], grant.refresh_token.as_str());
    assert_ne!(b["access_token"], grant.access_token.as_str());

    // With nothing to keep: stored, with a warning that refreshes are impossible.
    let w2 = World::file_store();
    w2.sim.set_withhold_refresh_tokens(true);
    let out = connect(&w2, &["--no-browser"], |url, _| {
        browser(url);
    });
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("no refresh token"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(stored(&w2).unwrap()["has_refresh_token"], false);
}

fn login(w: &World, api_url: &str) {
    w.cmd()
        .args([
            "login",
            "--email",
            "alice@example.com",
            "--password-stdin",
            "--api-url",
            api_url,
        ])
        .write_stdin("correct horse battery staple\n")
        .assert()
        .success();
}

#[test]
fn upload_sends_the_tokens_to_the_paypulse_api() {
    let mut w = World::file_store();
    w.unset("PAYPULSE_USER");
    login(&w, &w.sim.api_url());
    let out = connect(&w, &["--no-browser", "--upload", "--json"], |url, _| {
        browser(url);
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user_id"], "user_alice01", "the logged-in user");
    assert_eq!(v["uploaded"]["account_switch"], false);
    let sent = w.sim.stored_tokens("user_alice01").expect("uploaded");
    let b = stored(&w).unwrap();
    assert_eq!(sent["access_token"], b["access_token"]);
    assert_eq!(sent["refresh_token"], b["refresh_token"]);
    assert_eq!(sent["google_user_id"], common::GOOGLE_ID);
}

#[test]
fn upload_goes_only_to_the_api_the_session_is_for() {
    let mut w = World::file_store();
    w.unset("PAYPULSE_USER");
    // A session from another PayPulse stack: its JWT and the Gmail tokens must not be sent to
    // this API. Refused before the browser step.
    let other = paypulse_google_sim::Simulator::start();
    login(&w, &other.api_url());
    let out = w
        .cmd()
        .args([
            "connect-gmail",
            "--no-browser",
            "--upload",
            "--json",
            "--api-url",
            &w.sim.api_url(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        common::json_error(&out.stderr)["error"]["code"],
        "api_mismatch"
    );
    assert!(w.sim.authorize_requests().is_empty());
    assert!(w.sim.stored_tokens("user_alice01").is_none());
    assert!(other.stored_tokens("user_alice01").is_none());

    // Without any session, it stops before the browser.
    let w2 = World::file_store();
    let out = w2
        .cmd()
        .args(["connect-gmail", "--no-browser", "--upload"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(w2.sim.authorize_requests().is_empty());
}

#[test]
fn paste_accepts_the_redirect_url_from_another_machine() {
    let w = World::file_store();
    let out = connect(&w, &["--paste", "--json"], |url, stdin| {
        // The browser elsewhere is redirected to a loopback address that is not ours: the user
        // copies the URL from its address bar instead.
        let (status, location, _) = get(url);
        assert_eq!(status, 302);
        writeln!(stdin, "{}", location.unwrap()).unwrap();
    });
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stored(&w).is_some());
}

#[cfg(unix)]
#[test]
fn the_browser_gets_a_minimal_environment() {
    use std::os::unix::fs::PermissionsExt;
    let mut w = World::file_store();
    let dump = w.home().join("browser-env");
    let script = w.home().join("fake-browser");
    std::fs::write(&script, format!("#!/bin/sh\nenv > '{}'\n", dump.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    w.set("BROWSER", &script.to_string_lossy())
        .set("PATH", "/usr/bin:/bin")
        .set("PAYPULSE_GOOGLE_CLIENT_SECRET", "GOCSPX-sekrit-client")
        .set("AWS_SECRET_ACCESS_KEY", "aws-sekrit-key")
        .set("AWS_SESSION_TOKEN", "aws-sekrit-session");
    // Nobody consents: the command times out, after the browser was started.
    let out = w
        .cmd()
        .args(["connect-gmail", "--timeout", "3s"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let env = std::fs::read_to_string(&dump).expect("the browser command ran");
    for secret in [
        "PAYPULSE_VAULT_KEY",
        "GOCSPX-sekrit-client",
        "aws-sekrit-key",
        "aws-sekrit-session",
        common::VAULT_KEY,
    ] {
        assert!(
            !env.contains(secret),
            "{secret} reached the browser:\n{env}"
        );
    }
    assert!(!env.contains("PAYPULSE_"), "{env}");
    assert!(!env.contains("AWS_"), "{env}");
    assert!(env.contains("HOME="), "{env}");
}

/// A `client_secret_*.json` as the Google Cloud console downloads it for a Desktop client, with
/// the simulator's endpoints.
fn client_json(w: &World, client_id: &str, secret: Option<&str>) -> std::path::PathBuf {
    let file = w
        .tmp
        .path()
        .join("client_secret_123-abc.apps.googleusercontent.com.json");
    let mut installed = serde_json::json!({
        "client_id": client_id,
        "project_id": "paypulse-newcomer",
        "auth_uri": w.sim.auth_url(),
        "token_uri": w.sim.token_url(),
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "redirect_uris": ["http://localhost"],
    });
    if let Some(s) = secret {
        installed["client_secret"] = s.into();
    }
    std::fs::write(
        &file,
        serde_json::json!({ "installed": installed }).to_string(),
    )
    .unwrap();
    file
}

/// A world with no OAuth client and no Google token or authorize URL in the environment: only
/// the client JSON knows them, as on a new user's machine.
fn newcomer() -> World {
    let mut w = World::file_store();
    w.unset("PAYPULSE_GOOGLE_CLIENT_ID")
        .unset("PAYPULSE_GOOGLE_TOKEN_URL")
        .unset("PAYPULSE_GOOGLE_AUTH_URL");
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail);
    w
}

fn config_path(w: &World) -> std::path::PathBuf {
    w.home().join(".config/paypulse/config.toml")
}

/// The README's path for a new user: connect with the downloaded client JSON, then every later
/// command (refresh, check, a harvest after the access token expired, access-token) works
/// without the file or any client variable.
#[test]
fn a_newcomer_connects_with_a_client_json_and_every_later_command_works() {
    let w = newcomer();
    let file = client_json(
        &w,
        DEFAULT_CONFIDENTIAL_CLIENT_ID,
        Some(DEFAULT_CONFIDENTIAL_CLIENT_SECRET),
    );
    let out = connect(
        &w,
        &[
            "--no-browser",
            "--client-secret-file",
            file.to_str().unwrap(),
        ],
        |url, _| {
            browser(url);
        },
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let config = config_path(&w);
    let said: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("OAuth client"))
        .collect();
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(
        said[0].contains(DEFAULT_CONFIDENTIAL_CLIENT_ID)
            && said[0].contains(config.to_str().unwrap()),
        "{stderr}"
    );
    assert!(!stderr.contains(DEFAULT_CONFIDENTIAL_CLIENT_SECRET));
    assert!(!text(&out.stdout).contains(DEFAULT_CONFIDENTIAL_CLIENT_SECRET));

    // The config file: created private, with the client and its token endpoint.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&config).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let saved: toml::Table = std::fs::read_to_string(&config).unwrap().parse().unwrap();
    let google = saved["google"].as_table().unwrap();
    assert_eq!(
        google["client_id"].as_str(),
        Some(DEFAULT_CONFIDENTIAL_CLIENT_ID)
    );
    assert_eq!(
        google["client_secret"].as_str(),
        Some(DEFAULT_CONFIDENTIAL_CLIENT_SECRET)
    );
    assert_eq!(
        google["token_url"].as_str(),
        Some(w.sim.token_url().as_str())
    );
    assert_eq!(saved.len(), 1, "nothing else written: {saved:?}");

    // Without the file or any client variable: refresh, check.
    let refreshed = w.json(&["tokens", "refresh", "--force", "--json"]);
    assert_eq!(refreshed["refreshed"], true);
    let checked = w.json(&["tokens", "check", "--json"]);
    assert_eq!(checked["counts"]["ok"], 1, "{checked}");

    // An hour later: the access token has expired, and the harvest refreshes it first.
    let mut b = stored(&w).unwrap();
    let bundle: serde_json::Map<String, Value> = b
        .as_object_mut()
        .unwrap()
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "user_id" | "store" | "secret_name" | "status" | "has_refresh_token"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut bundle = Value::Object(bundle);
    bundle["expires_at"] = "2020-01-01T00:00:00.000000".into();
    w.import(USER, &bundle.to_string());
    let before = w.sim.token_requests();
    let dir = w.tmp.path().join("invoices");
    let fetched = w.json(&["fetch-invoices", "--json", "--out", dir.to_str().unwrap()]);
    assert!(fetched["saved"].as_u64().unwrap() > 0, "{fetched}");
    assert_eq!(w.sim.token_requests(), before + 1);
    assert_eq!(stored(&w).unwrap()["status"], "valid");

    // And a script's token.
    let out = w.cmd().args(["tokens", "access-token"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let token = text(&out.stdout);
    assert!(w.sim.access_token_valid(token.trim_end_matches('\n')));
    assert_eq!(
        token,
        format!(
            "{}\n",
            stored(&w).unwrap()["access_token"].as_str().unwrap()
        )
    );
}

/// A configured client is never overwritten: another client's file is refused before the
/// browser step, naming both; the same client's file only adds a missing secret, and the
/// user's comments stay.
#[test]
fn a_configured_client_is_kept() {
    let w = newcomer();
    let config = config_path(&w);
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let mine = format!(
        "# my paypulse settings\nstore = \"file\"  # no keyring here\n\n[google]\n# the team's client\nclient_id = \"{DEFAULT_CONFIDENTIAL_CLIENT_ID}\"\ntoken_url = \"{}\"\n",
        w.sim.token_url()
    );
    std::fs::write(&config, &mine).unwrap();

    // Another client: a usage error before anything happens, the config untouched.
    let other = client_json(&w, common::CLIENT_ID, None);
    let out = w
        .cmd()
        .args([
            "connect-gmail",
            "--no-browser",
            "--json",
            "--client-secret-file",
        ])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let e = json_error(&out.stderr);
    assert_eq!(e["error"]["code"], "client_mismatch", "{e}");
    let message = e["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(common::CLIENT_ID) && message.contains(DEFAULT_CONFIDENTIAL_CLIENT_ID),
        "{message}"
    );
    assert!(w.sim.authorize_requests().is_empty());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), mine);

    // The same client: connects, and only its missing secret is added.
    let same = client_json(
        &w,
        DEFAULT_CONFIDENTIAL_CLIENT_ID,
        Some(DEFAULT_CONFIDENTIAL_CLIENT_SECRET),
    );
    let out = connect(
        &w,
        &[
            "--no-browser",
            "--client-secret-file",
            same.to_str().unwrap(),
        ],
        |url, _| {
            browser(url);
        },
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = std::fs::read_to_string(&config).unwrap();
    assert!(after.starts_with(&mine), "{after}");
    assert_eq!(
        after[mine.len()..].trim(),
        format!("client_secret = \"{DEFAULT_CONFIDENTIAL_CLIENT_SECRET}\"")
    );
    w.cmd()
        .args(["tokens", "refresh", "--force"])
        .assert()
        .success();

    // A client named in the environment is configured too: another file is refused.
    let mut w2 = newcomer();
    w2.set("PAYPULSE_GOOGLE_CLIENT_ID", common::CLIENT_ID);
    let file = client_json(
        &w2,
        DEFAULT_CONFIDENTIAL_CLIENT_ID,
        Some(DEFAULT_CONFIDENTIAL_CLIENT_SECRET),
    );
    let out = w2
        .cmd()
        .args(["connect-gmail", "--no-browser", "--client-secret-file"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("PAYPULSE_GOOGLE_CLIENT_ID"), "{err}");
    assert!(!config_path(&w2).exists());
}
