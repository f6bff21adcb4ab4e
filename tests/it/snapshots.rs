//! Snapshots of what users see: stdout, stderr and the exit code together, for the main
//! commands' human and `--json` output. Times, ports, temp paths and token prefixes are
//! redacted, so a snapshot changes only when the output's shape or wording does. Review a
//! change with `cargo insta review`, or accept it with `INSTA_UPDATE=always cargo test`.

use crate::common;

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

/// Like `snapshot!`, with the snapshot inline (jj's style).
macro_rules! inline {
    ($value:expr, @$snap:literal) => {
        insta::with_settings!({
            filters => vec![
                (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d( UTC)?", "[TIME]"),
                (r"(in|ago) \d+ (second|minute|hour|day)s?|\d+ (second|minute|hour|day)s? ago|just now|in \d+m|\d+m ago", "[RELATIVE]"),
            ],
        }, {
            insta::assert_snapshot!($value, @$snap);
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

/// The human tables and summaries, inline: `tokens list`, `tokens check`, the fetch summary
/// and `paypulse invoices`, against the simulator's default mailbox.
#[test]
fn tables_and_summaries() {
    let mut w = World::file_store();
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail);
    let (_, bundle) = w.grant(3600);
    w.import(common::USER, &bundle);
    let out = w.tmp.path().join("out");
    let out_s = out.to_str().unwrap();
    let tmp = w.tmp.path().to_str().unwrap().to_owned();
    let text = |args: &[&str]| run(&w, args, None).replace(&tmp, "[TMP]");
    inline!(text(&["tokens", "list"]), @r#"
        exit: 0
        --- stdout
        USER          GOOGLE EMAIL       STATUS  REFRESH TOKEN  LAST CHANGED
        user_alice01  alice@example.com  valid   yes            [TIME]
        --- stderr
    "#);
    inline!(text(&["tokens", "check"]), @r#"
        exit: 0
        --- stdout
        USER          GOOGLE EMAIL       STATUS  EXPIRES        DETAIL
        user_alice01  alice@example.com  ok      [RELATIVE]

        Checked 1 user: 1 ok
        --- stderr
    "#);
    inline!(text(&["fetch-invoices", "--out", out_s]), @r#"
        exit: 0
        --- stdout
        Saved 25 files (6.02 MiB) to [TMP]/out from 19 matching messages; 0 already there, 0 failed; 17 with an amount, 10 with a due date, 1 whose fields could not be read
        --- stderr
        warning: 2026-01-31_Länsförsäkringar_Arsbesked_2025.pdf: saved, but its invoice fields could not be read (unreadable PDF: failed parsing cross reference table: invalid start value); its `invoice` is null
    "#);
    inline!(text(&["fetch-invoices", "--out", out_s]), @r#"
        exit: 0
        --- stdout
        Saved 0 files (0 B) to [TMP]/out from 19 matching messages; 25 already there, 0 failed; 0 with an amount, 0 with a due date
        --- stderr
    "#);
    inline!(text(&["invoices", "--out", out_s]), @r#"
        exit: 0
        --- stdout
        DUE         ISSUER                     AMOUNT  REFERENCE    PAY TO              FILE
        2025-11-30  Vattenfall AB         1312.00 SEK  202509311    bankgiro:5400-0161  2025-11-05_Bob Andersson_Vattenfall_faktura_2025-0931.pdf
        2025-11-30  Wallenstam AB         9845.00 SEK  11022025115  bankgiro:5050-1055  2025-11-20_Wallenstam_Hyresavi_2025-12.pdf
        2025-12-31  Wallenstam AB         9845.00 SEK  11022025123  bankgiro:5050-1055  2025-12-19_Wallenstam_Hyresavi_2026-01.pdf
        2026-01-27  Fortum                 842.00 SEK  123400129    plusgiro:448429-1   2025-12-28_Fortum_faktura_1234.pdf
        2026-01-31  Telia Sverige AB       449.00 SEK  55994495     bankgiro:5581-2341  2026-01-05_Telia_faktura-2.pdf
        2026-01-31  Telia Sverige AB       299.00 SEK  55992994     bankgiro:5581-2341  2026-01-05_Telia_faktura.pdf
        2026-01-31  Wallenstam AB         9845.00 SEK  11022026014  bankgiro:5050-1055  2026-01-20_Wallenstam_Hyresavi_2026-02.pdf
        2026-02-28  Wallenstam AB         9845.00 SEK  11022026022  bankgiro:5050-1055  2026-02-20_Wallenstam_Hyresavi_för_lägenhet_1102.pdf
        2026-03-03  Acme Cloud AB         1249.00 SEK  20260048     bankgiro:5050-1055  2026-02-01_Acme Cloud AB_INV-2026-0042.pdf
        2026-03-03  Acme Cloud AB         1249.00 SEK  20260048     bankgiro:5050-1055  2026-02-01_Acme Cloud AB_invoice.xml
        -           Hetzner Online GmbH     11.90 EUR                                   2025-10-02_Hetzner Online GmbH_Rechnung_R0024471.pdf
        -           Elgiganten                7990.00                                   2025-11-28_Elgiganten_Orderbekräftelse – order 4711-2233.ht…
        -           Bergstrom Bygg AB    48500.00 SEK                                   2025-12-12_Bergström Bygg AB_Faktura_2025-118.pdf
        -           foodora                207.00 SEK                                   2026-01-09_foodora_Kvitto för din beställning.html
        -           Åhléns                 649.00 SEK                                   2026-01-17_Åhléns_Kvitto_Åhléns_2026-01-17.pdf
        -           -                                                                   2026-01-31_Länsförsäkringar_Arsbesked_2025.pdf
        -           Billing Dept                                                        2026-02-02_Billing Dept_CON.pdf
        -           Billing Dept                                                        2026-02-02_Billing Dept_etc_passwd.pdf
        -           Billing Dept                                                        2026-02-02_Billing Dept_hidden.pdf
        -           Billing Dept                                                        2026-02-02_Billing Dept_windows_evil.pdf
        -           Weird Shop                                                          2026-02-03_Weird Shop_Kvitto_mycket_langt_filnamn_Kvitto_my…
        -           Weird Shop                                                          2026-02-03_Weird Shop_nulbytebell.pdf
        -           Weird Shop                                                          2026-02-03_Weird Shop_red.pdf
        -           Pizza Hut               20.48 GBP                                   2026-02-06_Pizza Hut_Your receipt from Pizza Hut.html
        -           Bokus                      189.00                                   2026-02-10_Bokus_Thanks for your order #55012.html
        --- stderr
    "#);
}
