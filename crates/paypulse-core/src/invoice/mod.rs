//! Invoice fields: a saved document (PDF, XML e-invoice, HTML or text body) → the fields a
//! payer needs (issuer, amount, currency, dates, invoice number, payment reference, where to
//! pay, period, invoice or credit note). Structured data first: an e-invoice (an XML
//! attachment, or the XML a Factur-X / ZUGFeRD PDF embeds) is read exactly; anything else is
//! read from its visible text.
//!
//! Pure and bounded: no network, no OCR of images, a size and time budget per document, and
//! no panic on any input (a pathological document gives no fields, never a stalled run).

mod einvoice;
mod fields;
mod isolate;
mod lang;
mod parse;
mod pdf_guard;
mod text;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use einvoice::{EInvoiceInfo, Syntax};
pub use fields::{display_name, fields_from_text};
pub use isolate::{FieldReader, Limits, WORKER_ARG, serve};
pub use parse::{iban_valid, luhn_valid, rf_valid};
pub use text::{html_text, pdf_text};

/// The fields of one invoice; each `None` (JSON `null`) when the document does not say it
/// plainly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceFields {
    pub issuer: Option<String>,
    /// The total to pay (a JSON number).
    #[serde(with = "amount_json")]
    pub amount: Option<Decimal>,
    /// ISO 4217.
    pub currency: Option<String>,
    /// `YYYY-MM-DD`.
    pub invoice_date: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    pub invoice_number: Option<String>,
    /// Payment reference: Swedish OCR number (Luhn-checked), structured creditor reference
    /// (RF, ISO 11649-checked) or a labelled reference.
    pub reference: Option<String>,
    /// Where to pay: an IBAN (mod-97 checked, no spaces), `bankgiro:NNNN-NNNN` or
    /// `plusgiro:NNNNNN-N` (Luhn checked).
    pub account: Option<String>,
    /// Free text: `2026-12` for a month, `2026-09-01/2026-09-30` for a range.
    pub period: Option<String>,
    /// `invoice` or `credit_note`.
    pub document_type: Option<DocumentType>,
    /// `e-invoice` (read from structured XML) or `text`.
    pub source: Option<Source>,
    /// The e-invoice the fields were read from, if any.
    pub e_invoice: Option<EInvoiceInfo>,
    /// The fields on which a PDF's embedded e-invoice and its visible text disagree.
    pub mismatch: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    Invoice,
    CreditNote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    #[serde(rename = "e-invoice")]
    EInvoice,
    #[serde(rename = "text")]
    Text,
}

/// An amount as a JSON number: written from its exact decimal text, read back exactly
/// (a JSON number's shortest text is the decimal it was written from).
mod amount_json {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => rust_decimal::serde::float::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Num {
            F(f64),
            S(String),
        }
        Ok(match Option::<Num>::deserialize(d)? {
            None => None,
            Some(Num::F(f)) => f.to_string().parse().ok(),
            Some(Num::S(s)) => s.parse().ok(),
        })
    }
}

/// What a saved document is, for reading its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Pdf,
    /// XML: an e-invoice (CII, ZUGFeRD 1, UBL) or other XML, which has no fields.
    Xml,
    Html,
    Text,
}

impl DocKind {
    /// From the MIME type, the file name and the first bytes; `None` for anything else
    /// (images, raw messages).
    pub fn detect(mime_type: &str, path: &str, head: &[u8]) -> Option<DocKind> {
        let mime = mime_type.to_ascii_lowercase();
        let mime = mime.split(';').next().unwrap_or("").trim();
        let ext = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if head.starts_with(b"%PDF-") || mime == "application/pdf" || ext == "pdf" {
            Some(DocKind::Pdf)
        } else if mime == "text/html" || ext == "html" || ext == "htm" {
            Some(DocKind::Html)
        } else if mime == "application/xml" || mime == "text/xml" || ext == "xml" {
            Some(DocKind::Xml)
        } else if einvoice::sniff(head).is_some() {
            // An e-invoice under another name or type (`application/octet-stream`).
            Some(DocKind::Xml)
        } else if mime == "text/plain" || ext == "txt" {
            Some(DocKind::Text)
        } else {
            None
        }
    }
}

/// Per-document limits.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Larger documents are not read.
    pub max_bytes: u64,
    /// PDF pages read (invoices say what matters on the first pages).
    pub max_pages: usize,
    /// Characters of text examined.
    pub max_text: usize,
    /// Wall-clock time for one document.
    pub time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_bytes: 20 * 1024 * 1024,
            max_pages: 8,
            max_text: 256 * 1024,
            time: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InvoiceError {
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("document of {0} bytes is over the size budget")]
    TooLarge(u64),
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    #[error("e-invoice: {0}")]
    Xml(#[from] einvoice::XmlError),
    #[error("text extraction gave up after {0:?}")]
    Timeout(Duration),
    #[error("text extraction failed")]
    Panicked,
    /// The isolated field reader crashed, overran a limit or could not be started.
    #[error("{0}")]
    Worker(String),
    /// The field reader's own account of why the document could not be read.
    #[error("{0}")]
    Unreadable(String),
    #[error("{} is not a regular file", .0.display())]
    NotAFile(PathBuf),
}

/// The text of a document, within the budget.
pub fn document_text(bytes: &[u8], kind: DocKind, budget: &Budget) -> Result<String, InvoiceError> {
    if bytes.len() as u64 > budget.max_bytes {
        return Err(InvoiceError::TooLarge(bytes.len() as u64));
    }
    let mut text = match kind {
        DocKind::Pdf => {
            // Third-party parsers on hostile input: a panic is an unreadable document.
            std::panic::catch_unwind(|| pdf_text(bytes, budget.max_pages))
                .map_err(|_| InvoiceError::Panicked)??
        }
        DocKind::Html => html_text(&String::from_utf8_lossy(bytes)),
        DocKind::Text => String::from_utf8_lossy(bytes).into_owned(),
        // The text of an XML file is markup, not what a person reads.
        DocKind::Xml => String::new(),
    };
    if text.len() > budget.max_text {
        let mut cut = budget.max_text;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Ok(text)
}

/// The fields of a document's bytes: the single, pure entry point (no file system, no
/// network). `from` is the mail's `From` header (its display name is the issuer when the
/// document names none).
///
/// Structured data first: an XML e-invoice, or the one a PDF embeds, gives the fields exactly
/// (a PDF's visible text is still read, to name the fields on which it disagrees in
/// `mismatch`); anything else is read from its text.
pub fn extract(
    bytes: &[u8],
    kind: DocKind,
    from: Option<&str>,
    budget: &Budget,
) -> Result<InvoiceFields, InvoiceError> {
    if bytes.len() as u64 > budget.max_bytes {
        return Err(InvoiceError::TooLarge(bytes.len() as u64));
    }
    let sender = from.and_then(display_name);
    let with_sender = |mut f: InvoiceFields| {
        if f.issuer.is_none() {
            f.issuer.clone_from(&sender);
        }
        f
    };
    match kind {
        DocKind::Xml => Ok(with_sender(
            einvoice::read_xml(bytes, false)?.unwrap_or_default(),
        )),
        DocKind::Pdf => {
            // Third-party parsers on hostile input: a panic is an unreadable document.
            let structured = std::panic::catch_unwind(|| einvoice::embedded(bytes))
                .map_err(|_| InvoiceError::Panicked)?;
            let text = document_text(bytes, kind, budget);
            match structured {
                Ok(Some(mut e)) => {
                    if let Ok(text) = text {
                        let visible = fields_from_text(&text, None);
                        e.mismatch = mismatch(&e, &visible);
                    }
                    Ok(with_sender(e))
                }
                Ok(None) => Ok(fields_from_text(&text?, sender.as_deref())),
                Err(err) => match text {
                    // A broken e-invoice inside a readable PDF: its text still tells.
                    Ok(text) => Ok(fields_from_text(&text, sender.as_deref())),
                    Err(_) => Err(err.into()),
                },
            }
        }
        DocKind::Html | DocKind::Text => {
            let text = document_text(bytes, kind, budget)?;
            Ok(fields_from_text(&text, sender.as_deref()))
        }
    }
}

/// The fields on which the visible text states a value other than the e-invoice's (a field
/// the text does not state is no disagreement).
fn mismatch(e: &InvoiceFields, visible: &InvoiceFields) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, differ: bool| {
        if differ {
            out.push(name.to_owned());
        }
    };
    fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
        matches!((a, b), (Some(a), Some(b)) if a != b)
    }
    // Amounts: the same value, whatever the sign a credit note is shown with.
    check(
        "amount",
        matches!((e.amount, visible.amount), (Some(a), Some(b)) if a != b && a.abs() != b.abs()),
    );
    check("currency", differ(&e.currency, &visible.currency));
    check(
        "invoice_date",
        differ(&e.invoice_date, &visible.invoice_date),
    );
    check("due_date", differ(&e.due_date, &visible.due_date));
    check(
        "invoice_number",
        differ(&e.invoice_number, &visible.invoice_number),
    );
    check("reference", differ(&e.reference, &visible.reference));
    check("account", differ(&e.account, &visible.account));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_serialize_as_nulls_and_a_number() {
        let f = InvoiceFields {
            amount: Some("9845.50".parse().unwrap()),
            ..Default::default()
        };
        let j = serde_json::to_value(&f).unwrap();
        assert_eq!(j["amount"], serde_json::json!(9845.5));
        assert!(j["due_date"].is_null() && j.as_object().unwrap().len() == 13);
        assert_eq!(j["mismatch"], serde_json::json!([]));
        // A line written before these fields existed still reads.
        let old: InvoiceFields = serde_json::from_str(
            r#"{"issuer":"A","amount":1.5,"currency":"EUR","invoice_date":null,"due_date":null,"invoice_number":null,"reference":null,"period":null}"#,
        )
        .unwrap();
        assert_eq!(
            (old.account, old.source, old.mismatch.len()),
            (None, None, 0)
        );
        let back: InvoiceFields = serde_json::from_value(j).unwrap();
        assert_eq!(back.amount, Some("9845.5".parse().unwrap()));
        let old: InvoiceFields = serde_json::from_str("{}").unwrap();
        assert_eq!(old, InvoiceFields::default());
    }

    #[test]
    fn kinds() {
        assert_eq!(
            DocKind::detect("application/octet-stream", "a.bin", b"%PDF-1.4"),
            Some(DocKind::Pdf)
        );
        assert_eq!(
            DocKind::detect("text/html", "a.html", b"<html>"),
            Some(DocKind::Html)
        );
        assert_eq!(DocKind::detect("message/rfc822", "a.eml", b"From:"), None);
        assert_eq!(
            DocKind::detect("application/xml", "a", b"<x/>"),
            Some(DocKind::Xml)
        );
        assert_eq!(
            DocKind::detect("text/xml; charset=utf-8", "a", b"<x/>"),
            Some(DocKind::Xml)
        );
        assert_eq!(
            DocKind::detect("", "rechnung.XML", b"<x/>"),
            Some(DocKind::Xml)
        );
        assert_eq!(
            DocKind::detect(
                "application/octet-stream",
                "a.dat",
                b"<?xml version=\"1.0\"?><Invoice xmlns=\"x\">"
            ),
            Some(DocKind::Xml)
        );
    }
}
