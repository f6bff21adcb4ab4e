//! Any bytes, read as a PDF, an HTML body and a text body: extraction returns (fields or an
//! error) without panicking, within its budget.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::invoice::{Budget, DocKind, extract};

fuzz_target!(|data: &[u8]| {
    let budget = Budget::default();
    for kind in [DocKind::Pdf, DocKind::Xml, DocKind::Html, DocKind::Text] {
        let _ = extract(data, kind, Some("\"Fuzz\" <f@example.com>"), &budget);
    }
});
