//! Any bytes, read as a PDF, an XML e-invoice, an HTML body and a text body: extraction returns
//! (fields or an error) without an uncaught panic, within its budget.
//!
//! pdf-extract panics on some malformed fonts; `extract` catches those (`catch_unwind`) and
//! turns them into an error, and in production the whole reader runs in a worker process
//! besides. libfuzzer-sys's panic hook would abort on a caught panic too, so the hook is made
//! silent: a panic that escapes `extract` still ends the run (libfuzzer-sys aborts on it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::invoice::{Budget, DocKind, extract};

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let budget = Budget::default();
    for kind in [DocKind::Pdf, DocKind::Xml, DocKind::Html, DocKind::Text] {
        let _ = extract(data, kind, Some("\"Fuzz\" <f@example.com>"), &budget);
    }
});
