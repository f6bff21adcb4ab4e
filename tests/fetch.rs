//! `fetch-invoices` against the simulator's Gmail: every saved file compared byte for byte with
//! the mailbox, nothing written outside `--out`, an idempotent manifest, faults survived.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use common::{USER, World, walk};
use paypulse_google_sim::GmailFault;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn world() -> World {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file").set("PAYPULSE_USER", USER);
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail);
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w
}

fn out_dir(w: &World) -> PathBuf {
    w.tmp.path().join("out")
}

/// Runs fetch-invoices with `--json` into the world's output folder: (exit code, summary, stderr).
fn fetch(w: &World, extra: &[&str]) -> (i32, Value, String) {
    let out = out_dir(w);
    let o = w
        .cmd()
        .args(["fetch-invoices", "--json", "--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let summary = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (o.status.code().unwrap_or(-1), summary, stderr)
}

/// Every line of the manifest (file entries and "complete" lines).
fn manifest_lines(w: &World) -> Vec<Value> {
    let text = std::fs::read_to_string(out_dir(w).join("manifest.jsonl")).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).expect("every manifest line is JSON"))
        .collect()
}

/// The manifest's file entries.
fn manifest(w: &World) -> Vec<Value> {
    manifest_lines(w)
        .into_iter()
        .filter(|l| l.get("complete").is_none())
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Every manifest line names an existing file inside out/ whose bytes are the mailbox's.
fn assert_manifest_matches_mailbox(w: &World) -> Vec<Value> {
    let out = out_dir(w);
    let lines = manifest(w);
    for e in &lines {
        let path = out.join(e["path"].as_str().unwrap());
        assert_eq!(path.parent().unwrap(), out, "flat inside out/: {path:?}");
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{path:?} missing"));
        assert_eq!(sha(&bytes), e["sha256"].as_str().unwrap(), "{path:?}");
        assert_eq!(bytes.len() as u64, e["size"].as_u64().unwrap());
        let id = e["message_id"].as_str().unwrap();
        let want = match e["kind"].as_str().unwrap() {
            "raw" => {
                w.sim
                    .mailbox()
                    .into_iter()
                    .find(|m| m.id == id)
                    .unwrap()
                    .raw
            }
            _ => w
                .sim
                .part_bytes(id, e["part_id"].as_str().unwrap())
                .expect("a part of the mailbox"),
        };
        assert!(bytes == want, "{path:?} differs from the mailbox's part");
        for field in ["thread_id", "mime_type", "date", "from", "subject"] {
            assert!(e.get(field).is_some(), "{field} in {e}");
        }
        assert!(
            chrono::DateTime::parse_from_rfc3339(e["date"].as_str().unwrap()).is_ok(),
            "{e}"
        );
    }
    lines
}

#[test]
fn saves_every_invoice_byte_for_byte_and_nothing_else() {
    let w = world();
    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    let lines = assert_manifest_matches_mailbox(&w);
    assert_eq!(summary["saved"].as_u64().unwrap() as usize, lines.len());
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["skipped"], 0);
    let bytes: u64 = lines.iter().map(|e| e["size"].as_u64().unwrap()).sum();
    assert_eq!(summary["bytes"].as_u64().unwrap(), bytes);
    let ids: HashSet<&str> = lines
        .iter()
        .map(|e| e["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        summary["matched"].as_u64().unwrap() as usize,
        ids.len(),
        "every matched message yields a file"
    );

    let mailbox = w.sim.mailbox();
    let by_subject = |needle: &str| {
        w.sim
            .message_id_by_subject(needle)
            .unwrap_or_else(|| panic!("no message {needle:?}"))
    };
    // Rent notices: their PDFs.
    let rent = by_subject("Hyresavi");
    assert!(lines.iter().any(|e| e["message_id"] == rent.as_str()
        && e["kind"] == "attachment"
        && e["mime_type"] == "application/pdf"));
    // Never spam, trash, chats or newsletters.
    for m in &mailbox {
        let excluded = m
            .labels
            .iter()
            .any(|l| ["SPAM", "TRASH", "CHAT"].contains(&l.as_str()));
        if excluded {
            assert!(
                !ids.contains(m.id.as_str()),
                "{} ({:?}) was fetched",
                m.subject,
                m.labels
            );
        }
    }
    // No inline images or signatures were saved as attachments; nothing but pdf/html/txt.
    for e in &lines {
        let path = e["path"].as_str().unwrap();
        let ext = path.rsplit('.').next().unwrap();
        assert!(["pdf", "html", "txt"].contains(&ext), "{path}");
        assert!(
            !path.starts_with('.') && !path.contains('/') && !path.contains('\\'),
            "{path}"
        );
        assert!(!path.chars().any(|c| c.is_control()), "{path:?}");
    }
    // Unicode names kept (RFC 2231 / 2047 decoded).
    assert!(
        lines
            .iter()
            .any(|e| e["path"].as_str().unwrap().contains("för")),
        "Swedish names kept"
    );
    // Nothing outside out/ (the vault aside): walk the whole temporary root.
    let out = out_dir(&w);
    let vault = w.home().join(".local/share/paypulse/vault");
    for f in walk(w.tmp.path()) {
        assert!(
            f.starts_with(&out) || f.starts_with(&vault),
            "written outside --out: {f:?}"
        );
    }
    // No leftovers.
    assert!(walk(&out).iter().all(|f| {
        !f.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".paypulse-tmp")
    }));
}

#[test]
fn a_second_run_saves_nothing_and_a_deleted_file_is_fetched_again() {
    let w = world();
    let (code, first, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    let saved = first["saved"].as_u64().unwrap();
    assert!(saved > 5);
    let attachments_before = count(&w, "/attachments/");
    let (code, second, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    assert_eq!(second["saved"], 0);
    assert_eq!(second["bytes"], 0);
    assert_eq!(second["skipped"].as_u64().unwrap(), saved);
    assert_eq!(
        count(&w, "/attachments/"),
        attachments_before,
        "no attachment downloaded again"
    );
    assert_eq!(manifest(&w).len() as u64, saved, "nothing appended");

    // The user deletes one file: only that one comes back.
    let victim = manifest(&w)
        .into_iter()
        .find(|e| e["kind"] == "attachment")
        .unwrap();
    std::fs::remove_file(out_dir(&w).join(victim["path"].as_str().unwrap())).unwrap();
    let (code, third, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    assert_eq!(third["saved"], 1);
    assert_eq!(third["skipped"].as_u64().unwrap(), saved - 1);
    assert!(out_dir(&w).join(victim["path"].as_str().unwrap()).exists());
    assert_manifest_matches_mailbox(&w);
}

fn count(w: &World, needle: &str) -> usize {
    w.sim
        .gmail_requests()
        .iter()
        .filter(|r| r.contains(needle))
        .count()
}

#[test]
fn faults_and_rate_limits_are_retried_and_everything_is_saved() {
    let clean = world();
    let (_, baseline, _) = fetch(&clean, &[]);
    let want: HashSet<String> = manifest(&clean)
        .iter()
        .map(|e| e["sha256"].as_str().unwrap().to_owned())
        .collect();

    let w = world();
    w.sim.fail_next_gmail(2, GmailFault::Status(500));
    w.sim
        .fail_gmail_path("/attachments/", 1, GmailFault::Truncate);
    w.sim.fail_gmail_path("/attachments/", 1, GmailFault::Reset);
    w.sim.fail_gmail_path(
        "/messages/",
        1,
        GmailFault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    w.sim
        .fail_gmail_path("/messages/", 1, GmailFault::RateLimit403);
    w.sim
        .fail_gmail_path("/messages/", 1, GmailFault::UserRateLimit403);
    w.sim
        .fail_gmail_path("/messages/", 1, GmailFault::Status(503));
    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["saved"], baseline["saved"]);
    let got: HashSet<String> = assert_manifest_matches_mailbox(&w)
        .iter()
        .map(|e| e["sha256"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_message_that_keeps_failing_exits_5_and_the_rest_is_saved() {
    let w = world();
    let rent = w.sim.message_id_by_subject("Hyresavi").unwrap();
    w.sim
        .fail_gmail_path(&rent, usize::MAX, GmailFault::Status(500));
    let (code, summary, stderr) = fetch(&w, &["--retries", "2"]);
    assert_eq!(code, 5, "{stderr}");
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["failures"][0]["message_id"], rent.as_str());
    assert!(
        stderr.contains(&rent),
        "the failed message is named: {stderr}"
    );
    let lines = assert_manifest_matches_mailbox(&w);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|e| e["message_id"] != rent.as_str()));
    assert_eq!(summary["saved"].as_u64().unwrap() as usize, lines.len());
}

#[test]
fn dry_run_writes_nothing() {
    let w = world();
    let (code, summary, _) = fetch(&w, &["--dry-run"]);
    assert_eq!(code, 0);
    assert!(!out_dir(&w).exists(), "no folder, no manifest");
    assert!(summary["planned"].as_array().unwrap().len() > 5);
    assert_eq!(summary["saved"], 0);
    assert_eq!(count(&w, "/attachments/"), 0, "nothing downloaded");
}

#[test]
fn a_refused_access_token_is_refreshed_once() {
    let mut w = World::new();
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_STORE", "file")
        .set("PAYPULSE_USER", USER)
        .set("PAYPULSE_GMAIL_API_URL", &gmail);
    let (grant, bundle) = w.grant(3600);
    // A token the backend thinks is valid but Google no longer accepts.
    let mut b: Value = serde_json::from_str(&bundle).unwrap();
    b["access_token"] = "ya29.not-valid-any-more".into();
    w.import(USER, &b.to_string());
    let (code, summary, stderr) = fetch(&w, &["--max", "3"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["matched"], 3);
    assert_eq!(w.sim.token_requests(), 1, "one refresh for the whole run");
    let shown = w.show(USER);
    assert_eq!(shown["has_refresh_token"], true);
    assert!(!w.sim.is_revoked(&grant.refresh_token));

    // And when the refresh token is dead too: exit 3, reconnect.
    w.import(USER, &b.to_string());
    w.sim.revoke(&grant.refresh_token);
    let (code, _, stderr) = fetch(&w, &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("reconnect with `paypulse connect-gmail`"),
        "{stderr}"
    );
}

#[test]
fn raw_saves_each_message_as_eml() {
    let w = world();
    let (code, _, stderr) = fetch(&w, &["--raw", "--max", "4"]);
    assert_eq!(code, 0, "{stderr}");
    let lines = assert_manifest_matches_mailbox(&w);
    let raws: Vec<_> = lines.iter().filter(|e| e["kind"] == "raw").collect();
    assert_eq!(raws.len(), 4);
    assert!(
        raws.iter()
            .all(|e| e["path"].as_str().unwrap().ends_with(".eml") && e["part_id"].is_null())
    );
}

#[test]
fn types_select_xml_e_invoices_too() {
    let w = world();
    let (code, _, _) = fetch(&w, &["--types", "pdf,xml"]);
    assert_eq!(code, 0);
    let lines = assert_manifest_matches_mailbox(&w);
    assert!(
        lines
            .iter()
            .any(|e| e["path"].as_str().unwrap().ends_with(".xml"))
    );
}

#[test]
fn the_client_paces_itself_under_the_quota() {
    let w = world();
    w.sim.set_gmail_quota(60, 60);
    let (code, _, stderr) = fetch(&w, &["--quota", "60", "--max", "12", "--concurrency", "8"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(w.sim.quota_rejections(), 0, "no 429 provoked");
}

#[test]
fn print_query_shows_the_built_query() {
    let w = world();
    let out = w
        .cmd()
        .args(["fetch-invoices", "--print-query"])
        .output()
        .unwrap();
    let q = String::from_utf8(out.stdout).unwrap();
    assert!(
        q.contains("subject:hyresavi") && q.contains("-in:spam"),
        "{q}"
    );
    let out = w
        .cmd()
        .args([
            "fetch-invoices",
            "--print-query",
            "--from",
            "noreply@wallenstam.se",
            "--after",
            "2025-11-01",
            "--label",
            "Hyra",
        ])
        .output()
        .unwrap();
    let q = String::from_utf8(out.stdout).unwrap();
    assert!(
        q.starts_with("from:noreply@wallenstam.se after:") && q.contains("label:Hyra"),
        "{q}"
    );
    assert!(
        w.sim.gmail_requests().is_empty(),
        "no request to print a query"
    );
}

#[test]
fn human_output_is_one_summary_line_off_a_terminal() {
    let w = world();
    let out = w
        .cmd()
        .args([
            "fetch-invoices",
            "--out",
            out_dir(&w).to_str().unwrap(),
            "--max",
            "3",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("Saved "), "{text}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains('\u{1b}'),
        "no escapes off a terminal"
    );
}

#[test]
fn ctrl_c_stops_cleanly_and_keeps_the_manifest_whole() {
    let w = world();
    w.sim
        .set_gmail_latency(std::time::Duration::from_millis(150));
    let out = out_dir(&w);
    let child = spawn_fetch(&w, "2");
    // Wait until something was saved, then interrupt.
    wait_for_first_save(&w);
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = assert_manifest_matches_mailbox(&w);
    assert!(!lines.is_empty());
    let listed: HashSet<String> = lines
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    for f in walk(&out) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name == "manifest.jsonl" || listed.contains(&name),
            "unlisted file left behind: {name}"
        );
    }
    // And the next run completes the job.
    w.sim.set_gmail_latency(std::time::Duration::ZERO);
    let (code, _, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    assert_manifest_matches_mailbox(&w);
}

#[allow(dead_code)]
fn by_path(lines: &[Value]) -> HashMap<String, Value> {
    lines
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_owned(), e.clone()))
        .collect()
}

#[allow(dead_code)]
fn exists(p: &Path) -> bool {
    p.exists()
}

#[test]
fn the_default_query_finds_the_invoices_and_only_them() {
    let w = world();
    let (code, summary, _) = fetch(&w, &["--dry-run"]);
    assert_eq!(code, 0);
    let out = w
        .cmd()
        .args(["fetch-invoices", "--print-query"])
        .output()
        .unwrap();
    let query = String::from_utf8(out.stdout).unwrap();
    let matched = w.sim.gmail_search(query.trim());
    assert_eq!(summary["matched"].as_u64().unwrap() as usize, matched.len());
    let subjects: Vec<String> = w
        .sim
        .mailbox()
        .into_iter()
        .filter(|m| matched.contains(&m.id))
        .map(|m| m.subject)
        .collect();
    for want in [
        "Hyresavi",
        "Avi för hyra",
        "Faktura 1234",
        "Ihre Rechnung",
        "Your receipt from Pizza Hut",
        "Orderbekräftelse",
        "Kvitto för din beställning",
        "Fwd: Faktura",
        "Thanks for your order",
    ] {
        assert!(
            subjects.iter().any(|s| s.contains(want)),
            "{want} not matched: {subjects:?}"
        );
    }
    for unwanted in [
        "Nyhetsbrev",
        "Black Friday",
        "Veckans erbjudanden",
        "Middag",
        "har skickats",
        "Chat with",
    ] {
        assert!(
            !subjects.iter().any(|s| s.contains(unwanted)),
            "{unwanted} matched: {subjects:?}"
        );
    }
}

#[test]
fn a_grant_revoked_during_the_run_ends_it_with_exit_3() {
    let w = world();
    let refresh = w.reveal(USER)["refresh_token"].as_str().unwrap().to_owned();
    w.sim
        .set_gmail_latency(std::time::Duration::from_millis(100));
    let child = spawn_fetch(&w, "1");
    // Once something was saved, the user removes paypulse's access at Google.
    wait_for_first_save(&w);
    w.sim.revoke(&refresh);
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("reconnect with `paypulse connect-gmail`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("failed:"),
        "not one failure per message: {stderr}"
    );
    // What was saved before is whole and listed.
    assert_manifest_matches_mailbox(&w);
}

/// `fetch-invoices` into the world's output folder, running in the background.
fn spawn_fetch(w: &World, concurrency: &str) -> std::process::Child {
    w.std_cmd()
        .args([
            "fetch-invoices",
            "--out",
            out_dir(w).to_str().unwrap(),
            "--concurrency",
            concurrency,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits (up to 30 s) until the running fetch has saved a file.
fn wait_for_first_save(w: &World) {
    let started = std::time::Instant::now();
    while manifest(w).is_empty() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
