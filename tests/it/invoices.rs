//! `paypulse invoices`: fetch the simulator's mailbox, then list its invoices with the fields
//! read from each document (table, JSON, CSV), and `--reparse` from the files alone.

use crate::common;

use std::path::PathBuf;

use common::{USER, World};
use serde_json::Value;

fn world() -> World {
    let mut w = World::file_store();
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail);
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w
}

/// `w` with the Gmail URL and vault key of [`world`] again.
fn world_at(mut w: World) -> World {
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail)
        .set("PAYPULSE_VAULT_KEY", common::VAULT_KEY);
    w
}

fn out_dir(w: &World) -> PathBuf {
    w.tmp.path().join("out")
}

fn fetch(w: &World) -> Value {
    let out = out_dir(w);
    let o = w
        .cmd()
        .args(["fetch-invoices", "--json", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn invoices(w: &World, extra: &[&str]) -> (i32, String, String) {
    let out = out_dir(w);
    let o = w
        .cmd()
        .args(["invoices", "--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn by_file<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|e| e["filename"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no entry for {name}"))
}

#[test]
fn fetch_reads_fields_and_invoices_lists_them() {
    let w = world();
    let summary = fetch(&w);
    // The summary keeps its keys and counts the documents with an amount / a due date.
    for key in ["matched", "saved", "skipped", "failed", "bytes", "out"] {
        assert!(summary.get(key).is_some(), "{key} in {summary}");
    }
    assert!(summary["with_amount"].as_u64().unwrap() >= 3, "{summary}");

    // Every line of the manifest is a file's and carries an invoice object (null for raw
    // copies).
    let manifest = std::fs::read_to_string(out_dir(&w).join("manifest.jsonl")).unwrap();
    for line in manifest.lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        assert!(e["path"].is_string(), "{e}");
        assert!(e.get("invoice").is_some(), "{e}");
        if let Some(i) = e["invoice"].as_object() {
            assert_eq!(i.len(), 13, "every field, null when not found: {e}");
        }
    }

    let (code, stdout, stderr) = invoices(&w, &["--json"]);
    assert_eq!(code, 0, "{stderr}");
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert!(!list.is_empty());
    let hetzner = by_file(&list, "Rechnung_R0024471.pdf");
    assert_eq!(hetzner["invoice"]["amount"].as_f64(), Some(11.9));
    assert_eq!(hetzner["invoice"]["currency"], "EUR");
    assert_eq!(hetzner["invoice"]["issuer"], "Hetzner Online GmbH");
    assert_eq!(hetzner["invoice"]["invoice_number"], "R0024471");
    // A Factur-X PDF: read from its embedded XML, its visible text agrees.
    assert_eq!(hetzner["invoice"]["source"], "e-invoice");
    assert_eq!(hetzner["invoice"]["e_invoice"]["syntax"], "cii");
    assert_eq!(hetzner["invoice"]["e_invoice"]["embedded"], true);
    assert_eq!(hetzner["invoice"]["mismatch"], serde_json::json!([]));
    assert_eq!(hetzner["invoice"]["period"], "2025-09-01/2025-09-30");
    let rent = by_file(&list, "Hyresavi_2025-12.pdf");
    assert_eq!(rent["invoice"]["amount"].as_f64(), Some(9845.0));
    assert_eq!(rent["invoice"]["currency"], "SEK");
    assert_eq!(rent["invoice"]["issuer"], "Wallenstam AB");
    assert_eq!(rent["invoice"]["period"], "2025-12");
    // Where and by when to pay, from the notice's text.
    assert_eq!(rent["invoice"]["account"], "bankgiro:5050-1055");
    assert_eq!(rent["invoice"]["due_date"], "2025-11-30");
    assert_eq!(rent["invoice"]["source"], "text");
    assert!(rent["invoice"]["reference"].as_str().is_some(), "{rent}");
    // The manifest's own fields come along.
    for key in ["path", "from", "subject", "date", "sha256"] {
        assert!(rent.get(key).is_some(), "{key}");
    }
    // Sorted by due date (dated first), then by date.
    let dues: Vec<Option<&str>> = list
        .iter()
        .map(|e| e["invoice"]["due_date"].as_str())
        .collect();
    let dated = dues.iter().take_while(|d| d.is_some()).count();
    assert!(dues[dated..].iter().all(Option::is_none), "{dues:?}");
    assert!(dues[..dated].windows(2).all(|p| p[0] <= p[1]), "{dues:?}");

    // The table: a header, a row per document.
    let (code, table, _) = invoices(&w, &[]);
    assert_eq!(code, 0);
    let mut rows = table.lines();
    let header = rows.next().unwrap();
    for col in ["DUE", "ISSUER", "AMOUNT", "REFERENCE", "PAY TO", "FILE"] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(rows.count(), list.len());
    assert!(
        table.contains("11.90 EUR") && table.contains("Hetzner Online GmbH"),
        "{table}"
    );

    // CSV: a header row, one record per document, RFC 4180 quoting.
    let (code, csv_text, _) = invoices(&w, &["--csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "issuer",
            "amount",
            "currency",
            "invoice_date",
            "due_date",
            "invoice_number",
            "reference",
            "account",
            "period",
            "document_type",
            "source",
            "e_invoice",
            "mismatch",
            "path",
            "from",
            "subject",
            "date"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), list.len());
    let row = records
        .iter()
        .find(|r| r[13] == *hetzner["path"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        (&row[0], &row[1], &row[2]),
        ("Hetzner Online GmbH", "11.90", "EUR")
    );
    assert_eq!(
        (&row[9], &row[10], &row[11]),
        ("invoice", "e-invoice", "cii")
    );

    // --csv and --json are one or the other.
    let (code, _, _) = invoices(&w, &["--csv", "--json"]);
    assert_eq!(code, 2);
}

#[test]
fn reparse_rewrites_the_manifest_from_the_files_alone() {
    let mut w = world();
    fetch(&w);
    let path = out_dir(&w).join("manifest.jsonl");
    let before = std::fs::read_to_string(&path).unwrap();
    // An old manifest: no invoice objects, a torn last line, a line of a newer version.
    let mut old = String::new();
    for line in before.lines() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        v.as_object_mut().unwrap().remove("invoice");
        v["from_the_future"] = Value::from(1);
        old.push_str(&serde_json::to_string(&v).unwrap());
        old.push('\n');
    }
    old.push_str("{\"message_id\":\"torn");
    std::fs::write(&path, &old).unwrap();

    // Without --reparse, the old manifest lists documents without fields.
    let (code, stdout, stderr) = invoices(&w, &["--json"]);
    assert_eq!(code, 0, "{stderr}");
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert!(list.iter().all(|e| e["invoice"].is_null()));

    // No Gmail and no tokens: --reparse needs only the files.
    w.set("PAYPULSE_GMAIL_API_URL", "http://127.0.0.1:9");
    w.set("PAYPULSE_VAULT_KEY", "not the key");
    let (code, stdout, stderr) = invoices(&w, &["--json", "--reparse"]);
    assert_eq!(code, 0, "{stderr}");
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let rent = by_file(&list, "Hyresavi_2025-12.pdf");
    assert_eq!(rent["invoice"]["amount"].as_f64(), Some(9845.0));

    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after.lines().count(),
        before.lines().count(),
        "the torn line is gone"
    );
    for line in after.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["from_the_future"], 1, "fields of other versions are kept");
        // Every line is a file's, and gets its fields.
        assert!(v.get("invoice").is_some() && v["path"].is_string(), "{v}");
    }
    // The completion records (under .paypulse/) still say which messages are complete: a
    // re-run reads no message.
    let w = world_at(w);
    let before_gets = w.sim.gmail_requests().len();
    let again = fetch(&w);
    assert_eq!(again["saved"], 0, "{again}");
    let gets: Vec<String> = w.sim.gmail_requests()[before_gets..]
        .iter()
        .filter(|r| r.contains("/messages/"))
        .cloned()
        .collect();
    assert!(gets.is_empty(), "{gets:?}");
    // No temporary file left behind.
    let leftovers: Vec<_> = std::fs::read_dir(out_dir(&w))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".paypulse-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_folder_without_manifest_is_an_error_with_a_hint() {
    let w = world();
    let (code, _, stderr) = invoices(&w, &["--json"]);
    assert_eq!(code, 1);
    let e = common::json_error(stderr.as_bytes());
    assert_eq!(e["error"]["code"], "no_manifest");
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("fetch-invoices")
    );
}

/// `invoices --ics`: an iCalendar file of due dates that an independent parser reads, with an
/// event per invoice with a due date and UIDs that stay the same across runs and `--reparse`.
#[test]
fn ics_is_a_calendar_of_due_dates_with_stable_uids() {
    let w = world();
    fetch(&w);
    let (code, stdout, _) = invoices(&w, &["--json"]);
    assert_eq!(code, 0);
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let due: Vec<&Value> = list
        .iter()
        .filter(|e| e["invoice"]["due_date"].is_string())
        .collect();
    assert!(due.len() >= 3, "the demo mailbox has due dates");

    let (code, ics, stderr) = invoices(&w, &["--ics"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(ics.contains("\r\n"), "RFC 5545 lines end in CRLF");
    assert_eq!(ics.matches("\r\nPRODID:").count(), 1, "{ics}");
    let events = parse_ics(&ics);
    assert_eq!(events.len(), due.len(), "{ics}");
    let rent = by_file(&list, "Hyresavi_2025-12.pdf");
    let ev = events
        .iter()
        .find(|e| e["DESCRIPTION"].contains(rent["path"].as_str().unwrap()))
        .expect("the rent notice's event");
    assert_eq!(ev["DTSTART"], "20251130");
    assert_eq!(ev["DTSTART;VALUE"], "DATE", "an all-day event");
    assert_eq!(
        ev["DTEND"], "20251201",
        "the end of an all-day event is the next day"
    );
    assert_eq!(ev["SUMMARY"], "Pay Wallenstam AB 9845.00 SEK");
    assert!(
        ev["DESCRIPTION"].contains("Account: bankgiro:5050-1055"),
        "{ev:?}"
    );
    assert!(ev["DESCRIPTION"].contains("Reference: "), "{ev:?}");
    let uids: std::collections::HashSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "one UID per event");

    // The same calendar after --reparse and on another run: the same UIDs.
    let (code, _, _) = invoices(&w, &["--reparse", "--json"]);
    assert_eq!(code, 0);
    let (_, again, _) = invoices(&w, &["--ics"]);
    assert_eq!(again, ics);

    // One output at a time.
    let (code, _, _) = invoices(&w, &["--ics", "--json"]);
    assert_eq!(code, 2);
    let (code, _, _) = invoices(&w, &["--ics", "--csv"]);
    assert_eq!(code, 2);
}

/// The VEVENTs of an iCalendar text, read by the `ical` crate (not the writer's own parser):
/// property name → value, and `NAME;PARAM` → parameter value.
fn parse_ics(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = cals.next().expect("a calendar").expect("valid iCalendar");
    assert!(cals.next().is_none(), "one calendar");
    assert!(
        cal.properties
            .iter()
            .any(|p| p.name == "VERSION" && p.value.as_deref() == Some("2.0"))
    );
    cal.events
        .iter()
        .map(|ev| {
            let mut m = std::collections::HashMap::new();
            for p in &ev.properties {
                m.insert(p.name.clone(), p.value.clone().unwrap_or_default());
                for (k, v) in p.params.iter().flatten() {
                    m.insert(format!("{};{k}", p.name), v.join(","));
                }
            }
            for key in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
                assert!(m.contains_key(key), "{key} missing: {m:?}");
            }
            m
        })
        .collect()
}
