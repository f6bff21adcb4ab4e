//! A raw RFC 822 message on arbitrary input: the local MIME parse either refuses it or gives a
//! tree whose plan never panics, and every file name built from it is safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::harvest::mime;
use paypulse_core::harvest::names::file_name;
use paypulse_core::harvest::plan::{TypeFilter, plan};

fuzz_target!(|data: &[u8]| {
    let message = mime::parse(data);
    if let Ok(tree) = mime::Tree::of(message.as_ref(), data) {
        let types = TypeFilter::new(&["pdf,xml,html".to_owned()]);
        for p in plan(&tree.parts, &types, true, true) {
            let stem = p.filename.as_deref().unwrap_or("document");
            let sender = tree.from.as_deref().unwrap_or("unknown");
            let name = file_name("2026-01-01", sender, stem, &p.extension);
            assert!(!name.is_empty() && name.len() <= 255);
            assert!(!name.contains('/') && !name.contains('\\') && !name.starts_with('.'));
        }
    }
    mime::dismantle(message);
});
