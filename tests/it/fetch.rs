//! `fetch-invoices` against the simulator's Gmail: every saved file compared byte for byte with
//! the mailbox, nothing written outside `--out`, an idempotent manifest, faults survived.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use common::{USER, World, walk};
use paypulse_google_sim::GmailFault;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn world() -> World {
    let mut w = World::file_store();
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

/// The manifest's keys (SPEC): every line has each of them, and nothing else is a line.
const MANIFEST_KEYS: [&str; 13] = [
    "message_id",
    "thread_id",
    "part_id",
    "kind",
    "filename",
    "path",
    "mime_type",
    "size",
    "sha256",
    "date",
    "from",
    "subject",
    "invoice",
];

/// The manifest's lines: one per written file, every line the same keys (`jq -r .path` prints
/// only paths).
fn manifest(w: &World) -> Vec<Value> {
    let text = std::fs::read_to_string(out_dir(w).join("manifest.jsonl")).unwrap_or_default();
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("every manifest line is JSON");
            for k in MANIFEST_KEYS {
                assert!(v.get(k).is_some(), "{k} missing from a manifest line: {l}");
            }
            assert!(v["path"].is_string(), "a line without a path: {l}");
            v
        })
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
    // No inline images or signatures were saved as attachments; nothing but pdf/xml/html/txt.
    for e in &lines {
        let path = e["path"].as_str().unwrap();
        let ext = path.rsplit('.').next().unwrap();
        assert!(["pdf", "xml", "html", "txt"].contains(&ext), "{path}");
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
    w.sim.fail_gmail_path("/messages/", 1, GmailFault::Truncate);
    w.sim.fail_gmail_path("/messages/", 1, GmailFault::Reset);
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
    assert_eq!(
        w.sim.gmail_faults_injected().len(),
        8,
        "every injected fault fired"
    );
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
    assert_eq!(
        stderr.matches(rent.as_str()).count(),
        1,
        "the failed message is named once: {stderr}"
    );
    // -q silences the warning (the error's summary stays).
    let (code, _, quiet) = fetch(&w, &["--retries", "1", "-q"]);
    assert_eq!(code, 5);
    assert!(!quiet.contains("warning"), "{quiet}");
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
fn xml_e_invoices_are_saved_and_read_by_default() {
    let w = world();
    let (code, _, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    let lines = assert_manifest_matches_mailbox(&w);
    let xml = lines
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(".xml"))
        .expect("the XML e-invoice is saved without --types");
    // Read exactly, as an e-invoice.
    let i = &xml["invoice"];
    assert_eq!(i["source"], "e-invoice", "{xml}");
    assert_eq!(i["e_invoice"]["syntax"], "ubl");
    assert_eq!(i["e_invoice"]["embedded"], false);
    assert_eq!(i["amount"].as_f64(), Some(1249.0));
    assert_eq!(i["due_date"], "2026-03-03");
    assert_eq!(i["account"], "bankgiro:5050-1055");
    assert_eq!(i["document_type"], "invoice");
    // `--types pdf` leaves it out.
    let w = world();
    let (code, _, _) = fetch(&w, &["--types", "pdf"]);
    assert_eq!(code, 0);
    let lines = assert_manifest_matches_mailbox(&w);
    assert!(
        !lines
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
    let out = w
        .cmd()
        .args([
            "fetch-invoices",
            "--print-query",
            "--json",
            "--label",
            "Hyra",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert!(
        doc["query"].as_str().unwrap().starts_with("label:Hyra"),
        "{doc}"
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
        .set_gmail_latency(std::time::Duration::from_millis(300));
    let out = out_dir(&w);
    let child = spawn_fetch(&w, "2");
    // Wait until a few messages were read (and their fields, in worker processes), then
    // interrupt: what was read is kept.
    wait_for_reads(&w, 8);
    std::thread::sleep(std::time::Duration::from_secs(1));
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
    // Once messages are being read, the user removes paypulse's access at Google.
    wait_for_reads(&w, 2);
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

/// Waits (up to 30 s) until the running fetch has asked for `n` messages.
fn wait_for_reads(w: &World, n: usize) {
    let started = std::time::Instant::now();
    while count(w, "format=raw") < n && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

// ----- crash-proof harvest, stable names, cheap re-runs --------------------------------------

/// Adds `n` one-PDF invoices from one sender, all on the same day and with the same attachment
/// name (so their file names collide), each PDF distinct.
fn add_colliding_invoices(w: &World, n: usize) {
    for i in 0..n {
        let pdf = format!("%PDF-1.4 invoice {i} {}", "x".repeat(i * 37)).into_bytes();
        let raw = mail_builder::MessageBuilder::new()
            .from(("Tibber", "noreply@tibber.com"))
            .to("alice@example.com")
            .subject(format!("Faktura {i}"))
            // Pairs share a timestamp: the id breaks the tie.
            .date(1_780_646_400 + (i as i64 / 2) * 60)
            .text_body("Din faktura")
            .attachment("application/pdf", "invoice.pdf", pdf)
            .write_to_vec()
            .unwrap();
        w.sim.add_message(raw, &["INBOX"]);
    }
}

/// Name → SHA-256 of every file in `dir` but the manifest.
fn contents(dir: &Path) -> HashMap<String, String> {
    walk(dir)
        .into_iter()
        .filter(|f| f.file_name().unwrap() != "manifest.jsonl")
        .map(|f| {
            let name = f.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (name, sha(&std::fs::read(&f).unwrap()))
        })
        .collect()
}

/// Every file under out/ is listed with its sha256; no temporary is left; no part is saved in
/// two files (a part fetched again after its file was deleted gets a new line for the same
/// path, the last line counts); every part of `want` (message id, part id, kind) is there.
fn assert_folder_whole(w: &World, want: &HashSet<(String, String, String)>) {
    let out = out_dir(w);
    let lines = assert_manifest_matches_mailbox(w);
    let mut last: HashMap<(String, String, String), &Value> = HashMap::new();
    let mut owner: HashMap<String, (String, String, String)> = HashMap::new();
    for e in &lines {
        let path = e["path"].as_str().unwrap().to_owned();
        let key = (
            e["message_id"].as_str().unwrap().to_owned(),
            e["part_id"].as_str().unwrap_or("").to_owned(),
            e["kind"].as_str().unwrap().to_owned(),
        );
        if let Some(other) = owner.insert(path.clone(), key.clone()) {
            assert_eq!(other, key, "{path} holds two parts");
        }
        last.insert(key, e);
    }
    for (name, sha256) in contents(&out) {
        assert!(!name.starts_with(".paypulse-tmp"), "temporary left: {name}");
        let key = owner
            .get(&name)
            .unwrap_or_else(|| panic!("{name} is not in the manifest"));
        let e = last[key];
        assert_eq!(e["path"].as_str().unwrap(), name, "{key:?} saved twice");
        assert_eq!(e["sha256"].as_str().unwrap(), sha256, "{name}");
    }
    let keys: HashSet<_> = last.into_keys().collect();
    assert_eq!(&keys, want, "every expected invoice, nothing else");
}

fn keys_of(lines: &[Value]) -> HashSet<(String, String, String)> {
    lines
        .iter()
        .map(|e| {
            (
                e["message_id"].as_str().unwrap().to_owned(),
                e["part_id"].as_str().unwrap_or("").to_owned(),
                e["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn twenty_four_sigkills_at_random_moments_then_a_run_completes_the_folder() {
    use rand::{Rng, SeedableRng};
    let clean = world();
    add_colliding_invoices(&clean, 8);
    let (code, _, stderr) = fetch(&clean, &[]);
    assert_eq!(code, 0, "{stderr}");
    let want = keys_of(&manifest(&clean));

    let w = world();
    add_colliding_invoices(&w, 8);
    w.sim
        .set_gmail_latency(std::time::Duration::from_millis(15));
    w.sim
        .set_gmail_latency_jitter(std::time::Duration::from_millis(30));
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed_c0de);
    let mut killed = 0;
    // How long a run that was not killed took: kills are drawn within that.
    let mut typical = 1_500u64;
    let mut rounds = 0;
    while killed < 24 && rounds < 300 {
        rounds += 1;
        let concurrency = ["1", "3", "8", "32"][rounds % 4];
        let started = std::time::Instant::now();
        let mut child = spawn_fetch(&w, concurrency);
        let at = std::time::Duration::from_millis(rng.random_range(10..=typical.max(20)));
        let mut finished = false;
        while started.elapsed() < at {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                typical = started.elapsed().as_millis() as u64;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        if !finished && child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        let _ = child.wait();
        // After every crash the folder is consistent: whatever is listed is whole.
        assert_manifest_matches_mailbox_leniently(&w);
        // Keep work to do: the user deletes about a third of the saved files.
        for name in contents(&out_dir(&w)).keys() {
            if !name.starts_with(".paypulse-tmp") && rng.random_bool(0.33) {
                std::fs::remove_file(out_dir(&w).join(name)).unwrap();
            }
        }
    }
    assert!(killed >= 20, "only {killed} runs were killed mid-way");
    w.sim.set_gmail_latency(std::time::Duration::ZERO);
    w.sim.set_gmail_latency_jitter(std::time::Duration::ZERO);
    let (code, _, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_folder_whole(&w, &want);
}

/// Like [`assert_manifest_matches_mailbox`], for a manifest that may end in a torn line and a
/// folder the user deleted files from.
fn assert_manifest_matches_mailbox_leniently(w: &World) {
    let bytes = std::fs::read(out_dir(w).join("manifest.jsonl")).unwrap_or_default();
    for line in bytes.split(|b| *b == b'\n') {
        let Ok(e) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        // A listed file may be gone (the test deletes some); one that is there is whole.
        if let Ok(got) = std::fs::read(out_dir(w).join(e["path"].as_str().unwrap())) {
            assert_eq!(sha(&got), e["sha256"].as_str().unwrap());
        }
    }
}

#[test]
fn a_manifest_torn_inside_a_utf8_character_is_ignored_and_its_file_adopted() {
    let w = world();
    let (code, _, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    let want = keys_of(&manifest(&w));
    let before = contents(&out_dir(&w));
    // Keep the file entries only, the one with a non-ASCII byte last, and cut that line
    // inside its first multi-byte character: as a crash between the rename and the write.
    let path = out_dir(&w).join("manifest.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut ascii, mut wide): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.is_ascii());
    let victim = wide.pop().expect("an entry with a non-ASCII character");
    ascii.extend(wide);
    let mut bytes = ascii.join("\n").into_bytes();
    bytes.push(b'\n');
    let cut = victim.bytes().position(|b| b >= 0x80).unwrap() + 1;
    bytes.extend_from_slice(&victim.as_bytes()[..cut]);
    std::fs::write(&path, &bytes).unwrap();

    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["failed"], 0);
    // The orphan was adopted, not saved again as `-2`.
    assert_eq!(contents(&out_dir(&w)), before, "no file added or changed");
    let after = std::fs::read(&path).unwrap();
    let whole = bytes.len() - cut;
    assert_eq!(
        after[..whole],
        bytes[..whole],
        "the lines before the torn one are kept as they were"
    );
    // The torn line was cut off, not glued to the next one: every line is a whole entry.
    let lines = manifest(&w);
    assert_eq!(keys_of(&lines), want);
    let victim: Value = serde_json::from_str(victim).unwrap();
    assert!(
        lines
            .iter()
            .any(|e| e["path"] == victim["path"] && e["sha256"] == victim["sha256"]),
        "adopted under its name"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_under_out_are_never_followed() {
    use std::os::unix::fs::PermissionsExt;
    let w = world();
    let elsewhere = w.tmp.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "precious\n").unwrap();
    let out = out_dir(&w);
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("manifest.jsonl")).unwrap();
    let (code, _, stderr) = fetch(&w, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "precious\n");
    assert_eq!(
        walk(&out),
        vec![out.join("manifest.jsonl")],
        "nothing saved"
    );

    // --out itself a symbolic link to another folder: refused too.
    let target = w.tmp.path().join("target");
    std::fs::create_dir(&target).unwrap();
    std::fs::remove_file(out.join("manifest.jsonl")).unwrap();
    std::fs::remove_dir(&out).unwrap();
    std::os::unix::fs::symlink(&target, &out).unwrap();
    let (code, _, stderr) = fetch(&w, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unsafe_path"), "{stderr}");
    assert!(walk(&target).is_empty(), "nothing written through the link");

    // A new folder and manifest are private.
    std::fs::remove_file(&out).unwrap();
    let (code, _, stderr) = fetch(&w, &["--max", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o700);
    assert_eq!(mode(&out.join("manifest.jsonl")), 0o600);
}

#[test]
fn random_faults_are_retried_and_every_invoice_is_byte_identical() {
    let clean = world();
    add_colliding_invoices(&clean, 30);
    let (code, _, stderr) = fetch(&clean, &[]);
    assert_eq!(code, 0, "{stderr}");
    let want = keys_of(&manifest(&clean));
    let clean_requests = clean.sim.gmail_requests().len();

    let w = world();
    add_colliding_invoices(&w, 30);
    w.sim.set_gmail_fault_rates(
        7,
        paypulse_google_sim::FaultRates {
            server_error: 0.05,
            too_many_requests: 0.03,
            reset: 0.02,
            // One message is one request now: a truncation must be likely among fewer.
            truncate: 0.03,
        },
    );
    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["failed"], 0);
    assert_folder_whole(&w, &want);
    let injected = w.sim.gmail_faults_injected();
    let of = |f: &dyn Fn(&GmailFault) -> bool| injected.iter().filter(|x| f(x)).count();
    let counts = [
        of(&|f| *f == GmailFault::Status(500)),
        of(&|f| matches!(f, GmailFault::TooManyRequests { .. })),
        of(&|f| *f == GmailFault::Reset),
        of(&|f| *f == GmailFault::Truncate),
    ];
    assert!(
        counts.iter().all(|n| *n > 0),
        "every kind fired: {counts:?}"
    );
    // Each fault cost exactly one more request: the retry.
    assert_eq!(
        w.sim.gmail_requests().len(),
        clean_requests + injected.len(),
        "{counts:?}"
    );
}

#[test]
fn names_do_not_depend_on_timing() {
    let w = world();
    add_colliding_invoices(&w, 12);
    w.sim
        .set_gmail_latency_jitter(std::time::Duration::from_millis(40));
    let fetch_into = |dir: &Path, concurrency: &str| {
        let o = w
            .cmd()
            .args(["fetch-invoices", "--json", "--out"])
            .arg(dir)
            .args(["--concurrency", concurrency])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        contents(dir)
    };
    let a = fetch_into(&w.tmp.path().join("a"), "1");
    let b = fetch_into(&w.tmp.path().join("b"), "32");
    assert_eq!(a, b);
    let tibber: Vec<_> = a.keys().filter(|n| n.contains("Tibber")).collect();
    assert_eq!(tibber.len(), 12, "{tibber:?}");
    assert!(a.contains_key("2026-06-05_Tibber_invoice-12.pdf"), "{a:?}");
}

/// Gmail requests made so far: (messages.get format=full, format=raw, attachments.get).
fn gets(w: &World) -> (usize, usize, usize) {
    let r = w.sim.gmail_requests();
    let is_get = |x: &&String| x.contains("/messages/") && !x.contains("/attachments/");
    (
        r.iter()
            .filter(is_get)
            .filter(|x| x.contains("format=full"))
            .count(),
        r.iter()
            .filter(is_get)
            .filter(|x| x.contains("format=raw"))
            .count(),
        r.iter().filter(|x| x.contains("/attachments/")).count(),
    )
}

#[test]
fn a_rerun_reads_only_what_is_new() {
    let w = world();
    let (code, first, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    let matched = first["matched"].as_u64().unwrap() as usize;
    let saved = first["saved"].as_u64().unwrap();
    let before = gets(&w);
    assert_eq!(
        before,
        (0, matched, 0),
        "one format=raw get per message, nothing else"
    );

    // Same selection: messages.list alone.
    let (code, second, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    assert_eq!(second["skipped"].as_u64().unwrap(), saved);
    assert_eq!(gets(&w), before, "no messages.get, no attachments.get");
    // --verify re-hashes, still without a request.
    let (code, verified, _) = fetch(&w, &["--verify"]);
    assert_eq!(code, 0);
    assert_eq!(verified["skipped"].as_u64().unwrap(), saved);
    assert_eq!(gets(&w), before);

    // --raw added: the message read once more (its .eml), nothing else.
    let (code, raw, stderr) = fetch(&w, &["--raw"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(raw["saved"].as_u64().unwrap() as usize, matched);
    let after = gets(&w);
    assert_eq!((after.0, after.2), (before.0, before.2));
    assert_eq!(after.1, before.1 + matched);
    assert_manifest_matches_mailbox(&w);

    // A file changed behind our back (same size): --verify finds it, only its message is read.
    let victim = manifest(&w)
        .into_iter()
        .find(|e| e["kind"] == "attachment")
        .unwrap();
    let p = out_dir(&w).join(victim["path"].as_str().unwrap());
    let mut bytes = std::fs::read(&p).unwrap();
    bytes[0] ^= 0xff;
    std::fs::write(&p, &bytes).unwrap();
    let (code, _, _) = fetch(&w, &["--raw", "--verify"]);
    assert_eq!(code, 0);
    let last = gets(&w);
    assert_eq!(last.1, after.1 + 1, "one messages.get");
    assert_eq!(
        (last.0, last.2),
        (0, 0),
        "no format=full, no attachments.get"
    );
}

#[test]
fn a_refresh_that_yields_another_google_account_stops_the_run_with_exit_3() {
    let w = world();
    let alice_refresh = w.reveal(USER)["refresh_token"].as_str().unwrap().to_owned();
    w.sim
        .add_google_account("200000000000000000001", "bob@example.com", "Bob");
    let bob = w.sim.issue_grant(
        common::CLIENT_ID,
        "200000000000000000001",
        common::SCOPE,
        3600,
    );
    let bob_bundle = serde_json::json!({
        "access_token": bob.access_token,
        "refresh_token": bob.refresh_token,
        "expires_in": 3600,
        "scope": bob.scope,
        "token_type": "Bearer",
        "google_user_id": "200000000000000000001",
        "google_email": "bob@example.com",
    })
    .to_string();
    w.sim
        .set_gmail_latency(std::time::Duration::from_millis(100));
    let child = spawn_fetch(&w, "1");
    wait_for_reads(&w, 2);
    // Someone stores another account's grant for this user, and Alice's token stops working:
    // the run's next refresh reads Bob's bundle.
    w.import(USER, &bob_bundle);
    w.sim.revoke(&alice_refresh);
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("another Google account"), "{stderr}");
    // What was saved is Alice's, whole and listed; nothing of Bob's mailbox was fetched.
    assert_manifest_matches_mailbox(&w);
}

/// A full disk in the middle of a run (here a file size limit, `ulimit -f`, which fails writes
/// the way a full disk does): the run fails cleanly, and the next one ends with one whole
/// manifest line per file and every invoice of the mailbox listed: nothing lost, nothing doubled.
#[cfg(unix)]
#[test]
fn a_disk_full_run_then_a_rerun_loses_and_doubles_nothing() {
    use std::os::unix::process::CommandExt;
    let w = world();
    // The reference: the same mailbox fetched into another folder.
    let reference = w.tmp.path().join("reference");
    let o = w
        .cmd()
        .args(["fetch-invoices", "--json", "--out"])
        .arg(&reference)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let out = out_dir(&w);
    // Files up to 24 KiB: the manifest outgrows that part-way through the run, as do some PDFs.
    let mut cmd = w.std_cmd();
    cmd.args(["fetch-invoices", "--json", "--out"]).arg(&out);
    // SAFETY: setrlimit between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 24 * 1024,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(5), "some messages failed: {stderr}");
    // Every line that did land is whole.
    let text = std::fs::read(out.join("manifest.jsonl")).unwrap();
    assert!(text.is_empty() || text.ends_with(b"\n"), "a torn last line");
    manifest(&w);

    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["failed"], 0, "{summary}");
    let lines = assert_manifest_matches_mailbox(&w);
    let mut paths = HashSet::new();
    for e in &lines {
        assert!(
            paths.insert(e["path"].as_str().unwrap().to_owned()),
            "{e} listed twice"
        );
    }
    assert_eq!(
        contents(&out),
        contents(&reference),
        "the same files, once each"
    );
    let listed: HashSet<String> = contents(&out).into_keys().collect();
    assert_eq!(paths, listed, "every file listed, every line a file");
    let (code, again, _) = fetch(&w, &[]);
    assert_eq!((code, again["saved"].as_u64()), (0, Some(0)));
}

/// A folder harvested by the previous version (completion lines among the file lines of
/// `manifest.jsonl`) is migrated on the next run: the manifest keeps its file lines alone, and
/// the run still skips every complete message from `messages.list` alone.
#[test]
fn a_previous_versions_manifest_is_migrated_without_reading_a_message_again() {
    let w = world();
    let (code, _, _) = fetch(&w, &[]);
    assert_eq!(code, 0);
    let out = out_dir(&w);
    let state = out.join(".paypulse");
    let records = std::fs::read_to_string(state.join("complete.jsonl")).unwrap();
    assert!(!records.is_empty());
    // Rebuild the old layout: each completion as a `{"complete": ...}` line after its files.
    let mut old = String::new();
    for line in std::fs::read_to_string(out.join("manifest.jsonl"))
        .unwrap()
        .lines()
    {
        old.push_str(line);
        old.push('\n');
    }
    for r in records.lines() {
        old.push_str(&format!("{{\"complete\":{r}}}\n"));
    }
    std::fs::remove_dir_all(&state).unwrap();
    std::fs::write(out.join("manifest.jsonl"), &old).unwrap();
    let before = gets(&w);

    let (code, summary, stderr) = fetch(&w, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["saved"], 0, "{summary}");
    assert_eq!(gets(&w), before, "no message read again");
    // `jq -r .path` prints only paths.
    let lines = manifest(&w);
    assert_eq!(lines.len(), records.lines().count().max(lines.len()));
    assert!(
        !std::fs::read_to_string(out.join("manifest.jsonl"))
            .unwrap()
            .contains("\"complete\"")
    );
}
