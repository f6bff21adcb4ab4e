//! `login` / `logout` against the simulator's PayPulse API.

use crate::common;

use common::World;
use serde_json::Value;

const EMAIL: &str = "alice@example.com";
const PASSWORD: &str = "correct horse battery staple";

fn world() -> World {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file");
    w
}

#[test]
fn login_keeps_the_session_and_its_user_becomes_the_default() {
    let w = world();
    let out = w
        .cmd()
        .args(["login", "--email", EMAIL, "--password-stdin", "--json"])
        .write_stdin(format!("{PASSWORD}\n"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user_id"], "user_alice01");
    assert_eq!(v["email"], EMAIL);
    assert_eq!(v["store"], "file");
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains(PASSWORD) && !text.contains("eyJ"), "{text}");
    }
    // The session's user is the default --user.
    let (_, bundle) = w.grant(3600);
    w.cmd()
        .args(["tokens", "import"])
        .write_stdin(bundle)
        .assert()
        .success();
    let out = w.cmd().args(["tokens", "show", "--json"]).output().unwrap();
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["secret_name"], "gmail/user/user_alice01");

    // Logout forgets it.
    w.cmd()
        .args(["logout"])
        .assert()
        .success()
        .stdout("Logged out\n");
    let out = w.cmd().args(["tokens", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("paypulse login"));
    w.cmd()
        .args(["logout"])
        .assert()
        .success()
        .stdout("Not logged in\n");
}

#[test]
fn wrong_password_and_unknown_account_are_indistinguishable() {
    let w = world();
    let mut errs = Vec::new();
    for (email, password) in [(EMAIL, "wrong"), ("nobody@example.com", PASSWORD)] {
        let out = w
            .cmd()
            .args(["login", "--email", email, "--password-stdin"])
            .write_stdin(password)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        errs.push(String::from_utf8(out.stderr).unwrap());
    }
    assert_eq!(errs[0], errs[1]);
    assert!(errs[0].contains("invalid email or password"), "{}", errs[0]);
    assert!(common::walk(&w.home()).is_empty(), "no session stored");
}

#[test]
fn login_needs_an_api_url_and_a_way_to_get_the_password() {
    let mut w = world();
    let out = w.cmd().args(["login", "--email", EMAIL]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--password-stdin"));
    w.unset("PAYPULSE_API_URL");
    let out = w
        .cmd()
        .args(["login", "--email", EMAIL, "--password-stdin"])
        .write_stdin(PASSWORD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--api-url"));
    assert_eq!(w.sim.login_requests(), 0);
}

#[test]
fn an_unreachable_api_is_named_and_exits_4() {
    let w = world();
    let out = w
        .cmd()
        .args([
            "login",
            "--email",
            EMAIL,
            "--password-stdin",
            "--api-url",
            "http://127.0.0.1:9",
        ])
        .write_stdin(PASSWORD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://127.0.0.1:9/v1/auth/login"));
}
