//! A Gmail message (JSON) on arbitrary input: decoding either fails or gives a message whose
//! MIME walk never panics, and every file name built from it is safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::gmail::Message;
use paypulse_core::harvest::names::file_name;
use paypulse_core::harvest::plan::{TypeFilter, plan};

fuzz_target!(|data: &[u8]| {
    let Ok(msg) = serde_json::from_slice::<Message>(data) else {
        return;
    };
    let types = TypeFilter::new(&["pdf,xml,html".to_owned()]);
    for p in plan(&msg, &types, true, true) {
        let stem = p.filename.as_deref().unwrap_or("document");
        let name = file_name("2026-01-01", &msg.id, stem, &p.extension);
        assert!(!name.is_empty() && name.len() <= 255);
        assert!(!name.contains('/') && !name.contains('\\') && !name.starts_with('.'));
    }
});
