//! The e-invoice corpus (`tests/corpus/einvoice/docs`, made by
//! `tests/corpus/einvoice/generate.py` from the XRechnung test suite; the expected values are
//! read from each XML with XPath by the generator, not by this reader):
//!
//! - every XML e-invoice (UBL, CII, ZUGFeRD 1) and every PDF that embeds one gives its XML's
//!   values exactly, with `source`, `e_invoice`, `document_type` and `mismatch` right;
//! - the text reader, on the visible layer of the same PDFs without their XML, is graded
//!   against the XML's values (`text`), and on a second layout of the same values
//!   (`layout-b`: labels in a row above their values, other label words, month names,
//!   currency symbols), a third (`layout-c`: a letter with an info box and payment terms in
//!   running text) and a fourth (`layout-d`: a letterhead, a block of document data, boxed
//!   totals, bank details in a footer), each graded once before the reader was changed for it.
//!
//! `cargo test -p paypulse-core --test einvoice_corpus -- --nocapture` prints precision and
//! recall per field and per source.

use std::path::Path;

use paypulse_core::invoice::{Budget, DocKind, extract};
use serde_json::Value;

const FIELDS: [&str; 10] = [
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
];

#[derive(Default, Clone, Copy)]
struct Score {
    given: usize,
    right: usize,
    present: usize,
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

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

struct Graded {
    scores: [Score; FIELDS.len()],
    docs: usize,
    misses: Vec<String>,
}

fn grade(source: &str) -> Graded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/einvoice/docs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".expected.json"))
        .collect();
    names.sort();
    let mut g = Graded {
        scores: [Score::default(); FIELDS.len()],
        docs: 0,
        misses: Vec::new(),
    };
    for name in &names {
        let stem = name.trim_end_matches(".expected.json");
        let meta: Value = serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let kind = meta["kind"].as_str().unwrap();
        let group = if kind == "xml" || kind == "pdf" {
            "e-invoice"
        } else {
            kind
        };
        if group != source {
            continue;
        }
        let text = source != "e-invoice";
        g.docs += 1;
        let path = dir.join(meta["document"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let kind = DocKind::detect("", &path.to_string_lossy(), &bytes).unwrap();
        // The text reader is graded on the text alone, without the sender's name.
        let from = format!(
            "\"{}\" <billing@example.com>",
            meta["sender"].as_str().unwrap()
        );
        let from = (!text).then_some(from.as_str());
        let fields = extract(&bytes, kind, from, &Budget::default())
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let got = serde_json::to_value(&fields).unwrap();
        let want = &meta["expected"];
        for (i, f) in FIELDS.iter().enumerate() {
            let (gv, wv) = (&got[f], &want[f]);
            let s = &mut g.scores[i];
            if !gv.is_null() {
                s.given += 1;
                s.right += usize::from(same(f, gv, wv));
            }
            if !wv.is_null() {
                s.present += 1;
                s.found += usize::from(same(f, gv, wv));
            }
            if !(same(f, gv, wv) || (gv.is_null() && wv.is_null())) {
                g.misses.push(format!("{stem}: {f}: got {gv}, want {wv}"));
            }
        }
        if !text {
            for f in ["source", "e_invoice", "mismatch"] {
                if got[f] != want[f] {
                    g.misses
                        .push(format!("{stem}: {f}: got {}, want {}", got[f], want[f]));
                }
            }
        } else if !got["e_invoice"].is_null() || !got["mismatch"].as_array().unwrap().is_empty() {
            g.misses
                .push(format!("{stem}: text copy read as an e-invoice"));
        }
    }
    g
}

fn print(source: &str, g: &Graded) -> (f64, f64) {
    println!("source {source}: {} documents", g.docs);
    println!(
        "{:<16} {:>9} {:>9} {:>7} {:>7}",
        "field", "precision", "recall", "given", "present"
    );
    let (mut tg, mut tr, mut tp, mut tf) = (0, 0, 0, 0);
    for (i, f) in FIELDS.iter().enumerate() {
        let s = g.scores[i];
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
    for m in &g.misses {
        println!("miss: {m}");
    }
    (pct(tr, tg), pct(tf, tp))
}

#[test]
fn e_invoices_give_their_xml_values_exactly() {
    let g = grade("e-invoice");
    let (precision, recall) = print("e-invoice", &g);
    assert!(g.docs >= 80, "corpus too small: {}", g.docs);
    assert!(g.misses.is_empty(), "{} misses", g.misses.len());
    assert!(precision == 100.0 && recall >= 98.0);
}

#[test]
fn the_text_reader_on_the_visible_layer_of_e_invoices() {
    let g = grade("text");
    let (precision, recall) = print("text", &g);
    assert!(g.docs >= 30, "corpus too small: {}", g.docs);
    for (i, f) in FIELDS.iter().enumerate() {
        let s = g.scores[i];
        assert!(
            pct(s.right, s.given) >= 95.0,
            "{f}: precision {:.1} %",
            pct(s.right, s.given)
        );
    }
    assert!(precision >= 97.0, "precision {precision:.1} %");
    assert!(recall >= 90.0, "recall {recall:.1} %");
}

#[test]
fn the_text_reader_on_a_second_layout() {
    // Measured before any change for it: precision 100 %, recall 81.6 % (the bare "Date" of a
    // row of labels was not read; the reader learnt that row afterwards, so the figure now is
    // no longer one of an untuned layout).
    let g = grade("layout-b");
    let (precision, recall) = print("layout-b", &g);
    assert!(g.docs >= 25, "corpus too small: {}", g.docs);
    assert!(precision >= 97.0, "precision {precision:.1} %");
    assert!(recall >= 90.0, "recall {recall:.1} %");
}

/// A third layout (a letter with an info box, customer and order numbers, a line-item table,
/// payment terms in running text), written after the reader's last change and graded once as
/// it came; the reader was changed for its misses afterwards.
#[test]
fn the_text_reader_on_a_third_layout() {
    // Graded once as it came: precision 100 %, recall 89.9 % (205 of 228 values; the misses:
    // sellers without a legal form, the English label "Issued", a period written "du .. au ..").
    // After the change for them (legal forms, letterheads, issue-date labels, periods "du ..
    // au .."): precision 100 %, recall 99.6 % (227 of 228), no longer an untuned figure.
    let g = grade("layout-c");
    let (precision, recall) = print("layout-c", &g);
    assert!(g.docs >= 25, "corpus too small: {}", g.docs);
    assert!(precision >= 99.0, "precision {precision:.1} %");
    assert!(recall >= 97.0, "recall {recall:.1} %");
}

/// A fourth layout (a letterhead, an address window beside a block of document data, a boxed
/// summary of totals, payment terms under it, bank details in a three-column footer), written
/// without reading the reader and graded once before any change for it; the reader was tuned on
/// it afterwards, so its figure is no longer one of an untuned layout.
#[test]
fn the_text_reader_on_a_fourth_layout() {
    // Graded once as it came, before any change for it: precision 98.6 % (205 of 208: the bank's
    // name in the footer taken for the seller twice, the gross total taken for a negative amount
    // due), recall 89.9 % (205 of 228: sellers without a legal form, "Payable by"/"Betalas
    // senast"-style due dates in a sentence, a reference in a sentence, periods in an item line).
    // After the change for them: precision 100 %, recall 99.6 % (227 of 228).
    let g = grade("layout-d");
    let (precision, recall) = print("layout-d", &g);
    assert!(g.docs >= 25, "corpus too small: {}", g.docs);
    assert!(precision >= 99.0, "precision {precision:.1} %");
    assert!(recall >= 97.0, "recall {recall:.1} %");
}
