//! Property tests: the invoice extractor returns on any input (never panics), and what it
//! reads is grounded in the text (no amount or reference out of nothing).

use std::path::Path;

use paypulse_core::invoice::{
    Budget, DocKind, extract, fields_from_text, html_text, luhn_valid, rf_valid,
};
use proptest::prelude::*;

/// Pieces of invoices, shuffled into lines: labels, amounts, dates, references, junk.
fn invoice_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Att betala".to_owned()),
        Just("Förfallodatum".to_owned()),
        Just("Total".to_owned()),
        Just("Subtotal".to_owned()),
        Just("Rechnungsbetrag".to_owned()),
        Just("Somme à payer".to_owned()),
        Just("Te betalen".to_owned()),
        Just("OCR".to_owned()),
        Just("RF18 5390 0754 7034".to_owned()),
        Just("Fällig am".to_owned()),
        Just("Invoice #".to_owned()),
        Just("Period".to_owned()),
        Just("\t".to_owned()),
        Just("   ".to_owned()),
        Just("\n".to_owned()),
        Just("€".to_owned()),
        Just("kr".to_owned()),
        Just(":-".to_owned()),
        Just("ÅÄÖ ß é".to_owned()),
        "[0-9]{1,12}",
        "[0-9]{1,3}([ .,][0-9]{3}){0,3}([.,][0-9]{2})?",
        "[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}",
        "[0-9]{1,2} (juli|July|Juillet|mars|Dezember) [0-9]{4}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn text_fields_never_panic(text in invoice_like()) {
        let f = fields_from_text(&text, Some("Sender"));
        // A reference given passes its check digits or is a token of the text.
        if let Some(r) = &f.reference {
            prop_assert!(text.replace(' ', "").contains(r.as_str()) || rf_valid(r) || luhn_valid(r));
        }
        if let Some(d) = &f.due_date {
            prop_assert!(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
        }
    }

    #[test]
    fn any_string_never_panics(text in "\\PC{0,400}") {
        let _ = fields_from_text(&text, None);
        let _ = html_text(&text);
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for kind in [DocKind::Pdf, DocKind::Xml, DocKind::Html, DocKind::Text] {
            let _ = extract(&bytes, kind, Some("x <a@b.example>"), &Budget::default());
        }
    }

    #[test]
    fn damaged_pdfs_never_panic(
        seed in 0usize..64,
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        truncate in any::<prop::sample::Index>(),
    ) {
        let pdfs = corpus_pdfs();
        let mut bytes = pdfs[seed % pdfs.len()].clone();
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if seed % 3 == 0 {
            bytes.truncate(truncate.index(bytes.len()));
        }
        let _ = extract(&bytes, DocKind::Pdf, None, &Budget::default());
    }

    /// E-invoices (XML, and Factur-X PDFs that embed one), damaged: fields or an error, never
    /// a panic.
    #[test]
    fn damaged_e_invoices_never_panic(
        seed in 0usize..256,
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        truncate in any::<prop::sample::Index>(),
    ) {
        let docs = e_invoices();
        let (kind, original) = &docs[seed % docs.len()];
        let mut bytes = original.clone();
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if seed % 3 == 0 {
            bytes.truncate(truncate.index(bytes.len()));
        }
        let _ = extract(&bytes, *kind, None, &Budget::default());
    }
}

fn e_invoices() -> Vec<(DocKind, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/einvoice/docs");
    let mut v: Vec<(DocKind, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let kind = if name.starts_with("pdf-") && name.ends_with(".pdf") {
                DocKind::Pdf
            } else if name.ends_with(".xml") {
                DocKind::Xml
            } else {
                return None;
            };
            Some((kind, std::fs::read(e.path()).unwrap()))
        })
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(v.len() > 10);
    v
}

fn corpus_pdfs() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/docs");
    let mut v: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}
