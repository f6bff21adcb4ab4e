//! Snapshots of what users see: stdout, stderr and the exit code together, for the main
//! commands' human and `--json` output. Times, ports, temp paths and token prefixes are
//! redacted, so a snapshot changes only when the output's shape or wording does. Review a
//! change with `cargo insta review`, or accept it with `INSTA_UPDATE=always cargo test`.

mod common;

use common::World;

/// `exit`, then stdout, then stderr, as one text.
fn run(w: &World, args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = w.cmd();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            filters => vec![
                (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "[TIME]"),
                (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d( UTC)?", "[TIME]"),
                (r"(in|ago) \d+ (second|minute|hour|day)s?|\d+ (second|minute|hour|day)s? ago|just now", "[RELATIVE]"),
                (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
                (r#""(access_token|refresh_token)": "[^"]*""#, r#""$1": "[MASKED]""#),
                (r"(Access|Refresh) token:(\s+)\S+…", "$1 token:$2[MASKED]"),
                (r#""expires_in": \d+"#, r#""expires_in": [SECONDS]"#),
            ],
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn tokens_show_refresh_and_errors() {
    let w = World::file_store();
    snapshot!(
        "tokens_show_nothing_stored",
        run(&w, &["tokens", "show"], None)
    );
    snapshot!(
        "tokens_show_nothing_stored_json",
        run(&w, &["tokens", "show", "--json"], None)
    );
    let (_, bundle) = w.grant(3600);
    snapshot!(
        "tokens_import_json",
        run(&w, &["tokens", "import", "--json"], Some(&bundle))
    );
    snapshot!("tokens_show", run(&w, &["tokens", "show"], None));
    snapshot!(
        "tokens_show_json",
        run(&w, &["tokens", "show", "--json"], None)
    );
    snapshot!(
        "tokens_refresh_not_needed",
        run(&w, &["tokens", "refresh"], None)
    );
    snapshot!(
        "tokens_refresh_force_json",
        run(&w, &["tokens", "refresh", "--force", "--json"], None)
    );
    snapshot!(
        "tokens_revoke_json",
        run(&w, &["tokens", "revoke", "--yes", "--json"], None)
    );
}

#[test]
fn usage_errors() {
    let w = World::file_store();
    snapshot!(
        "bad_user_id",
        run(&w, &["tokens", "show", "--user", "../etc"], None)
    );
    snapshot!(
        "bad_user_id_json",
        run(&w, &["tokens", "show", "--json", "--user", "../etc"], None)
    );
    snapshot!(
        "empty_user_json",
        run(&w, &["tokens", "show", "--json", "--user", ""], None)
    );
    snapshot!(
        "unknown_flag_json",
        run(&w, &["tokens", "show", "--json", "--frobnicate"], None)
    );
}

#[test]
fn login_and_logout() {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file");
    let password = format!("{}\n", paypulse_google_sim::DEFAULT_PAYPULSE_PASSWORD);
    let email = paypulse_google_sim::DEFAULT_PAYPULSE_EMAIL;
    let login = run(
        &w,
        &["login", "--email", email, "--password-stdin", "--json"],
        Some(&password),
    );
    snapshot!("login_json", login.replace(&w.sim.api_url(), "[API]"));
    snapshot!("logout", run(&w, &["logout"], None));
    let wrong = run(
        &w,
        &["login", "--email", email, "--password-stdin"],
        Some("wrong\n"),
    );
    snapshot!(
        "login_wrong_password",
        wrong.replace(&w.sim.api_url(), "[API]")
    );
}

/// A subcommand's help shows its own options under "Options" and the global ones apart, under
/// "Global options" (as `gh` shows inherited flags).
#[test]
fn subcommand_help_keeps_the_global_options_apart() {
    // No variables set: help shows their values.
    let mut w = World::new();
    for var in [
        "PAYPULSE_GOOGLE_CLIENT_ID",
        "PAYPULSE_GOOGLE_AUTH_URL",
        "PAYPULSE_GOOGLE_TOKEN_URL",
        "PAYPULSE_GOOGLE_REVOKE_URL",
        "PAYPULSE_GOOGLE_USERINFO_URL",
        "PAYPULSE_GOOGLE_TOKENINFO_URL",
        "PAYPULSE_API_URL",
        "PAYPULSE_VAULT_KEY",
    ] {
        w.unset(var);
    }
    let help = run(&w, &["tokens", "show", "--help"], None);
    let own = help
        .split("Options:")
        .nth(1)
        .and_then(|rest| rest.split("Global options:").next())
        .expect("an Options and a Global options heading");
    assert!(own.contains("--reveal"), "{help}");
    for global in ["--store", "--user", "--json", "--config", "--verbose"] {
        assert!(
            !own.contains(global),
            "{global} under the command's own options:\n{help}"
        );
    }
    snapshot!("tokens_show_help", help);
    snapshot!(
        "tokens_show_short_help",
        run(&w, &["tokens", "show", "-h"], None)
    );
    snapshot!(
        "tokens_access_token_help",
        run(&w, &["tokens", "access-token", "--help"], None)
    );
}
