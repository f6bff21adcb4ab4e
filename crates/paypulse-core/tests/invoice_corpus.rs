//! The labelled corpus (`tests/corpus/docs`, made by `tests/corpus/generate.py`): every
//! document's fields against the expected ones beside it. Prints per-field precision (a value
//! given is right) and recall (a value present is found), and fails below 95 % / 90 %.
//!
//! `cargo test -p paypulse-core --test invoice_corpus -- --nocapture` prints the table.

use std::path::Path;

use paypulse_core::invoice::{Budget, DocKind, InvoiceFields, extract};
use serde_json::Value;

const FIELDS: [&str; 9] = [
    "issuer",
    "amount",
    "currency",
    "invoice_date",
    "due_date",
    "invoice_number",
    "reference",
    "period",
    "account",
];

#[derive(Default, Clone, Copy)]
struct Score {
    /// Values given.
    given: usize,
    /// Values given and right.
    right: usize,
    /// Values the document has.
    present: usize,
    /// Values the document has, found right.
    found: usize,
}

fn same(field: &str, got: &Value, want: &Value) -> bool {
    if field == "amount" {
        let g = got.as_f64();
        let w = want.as_str().and_then(|s| s.parse::<f64>().ok());
        return matches!((g, w), (Some(g), Some(w)) if (g - w).abs() < 1e-9);
    }
    got == want
}

#[test]
fn corpus_precision_and_recall() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/docs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".expected.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "corpus too small: {}", names.len());

    let mut scores = [Score::default(); FIELDS.len()];
    let mut misses = Vec::new();
    for name in &names {
        let stem = name.trim_end_matches(".expected.json");
        let meta: Value = serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let doc = ["pdf", "html", "txt"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no document for {name}"));
        let bytes = std::fs::read(&doc).unwrap();
        let kind = DocKind::detect("", &doc.to_string_lossy(), &bytes).unwrap();
        let from = format!(
            "\"{}\" <billing@example.com>",
            meta["sender"].as_str().unwrap()
        );
        let fields: InvoiceFields = extract(&bytes, kind, Some(&from), &Budget::default())
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let got = serde_json::to_value(&fields).unwrap();
        for (i, f) in FIELDS.iter().enumerate() {
            let (g, w) = (&got[f], &meta["expected"][f]);
            let s = &mut scores[i];
            if !g.is_null() {
                s.given += 1;
                if same(f, g, w) {
                    s.right += 1;
                }
            }
            if !w.is_null() {
                s.present += 1;
                if same(f, g, w) {
                    s.found += 1;
                }
            }
            if !(same(f, g, w) || (g.is_null() && w.is_null())) {
                misses.push(format!("{stem}: {f}: got {g}, want {w}"));
            }
        }
    }

    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!("{} documents", names.len());
    println!(
        "{:<16} {:>9} {:>9} {:>7} {:>7}",
        "field", "precision", "recall", "given", "present"
    );
    let (mut tg, mut tr, mut tp, mut tf) = (0, 0, 0, 0);
    for (i, f) in FIELDS.iter().enumerate() {
        let s = scores[i];
        println!(
            "{f:<16} {:>8.1}% {:>8.1}% {:>7} {:>7}",
            pct(s.right, s.given),
            pct(s.found, s.present),
            s.given,
            s.present
        );
        (tg, tr, tp, tf) = (tg + s.given, tr + s.right, tp + s.present, tf + s.found);
    }
    println!(
        "{:<16} {:>8.1}% {:>8.1}% {:>7} {:>7}",
        "all",
        pct(tr, tg),
        pct(tf, tp),
        tg,
        tp
    );
    for m in &misses {
        println!("miss: {m}");
    }
    for (i, f) in FIELDS.iter().enumerate() {
        let s = scores[i];
        assert!(pct(s.right, s.given) >= 95.0, "{f}: precision below 95 %");
        assert!(pct(s.found, s.present) >= 90.0, "{f}: recall below 90 %");
    }
}
