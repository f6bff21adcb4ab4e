//! Hostile input for the fetch pipeline's policy: whatever a message says, the file-name
//! sanitiser gives a safe name and the MIME walker never panics (deep nesting, huge part counts).

use paypulse_core::gmail::Message;
use paypulse_core::harvest::names::{file_name, sanitize_component};
use paypulse_core::harvest::plan::{TypeFilter, plan};
use proptest::prelude::*;
use serde_json::{Value, json};

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A safe path component (any length: [`file_name`] cuts its parts to fit).
fn assert_safe_component(name: &str) {
    assert!(!name.is_empty());
    assert!(name != "." && name != "..", "{name:?}");
    assert!(!name.starts_with('.'), "hidden: {name:?}");
    assert!(
        !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
        "{name:?}"
    );
    assert!(
        !name.chars().any(|c| c.is_control() || is_invisible(c)),
        "{name:?}"
    );
}

/// A whole file name: a safe component that any file system takes (255 bytes at most).
fn assert_safe(name: &str) {
    assert_safe_component(name);
    assert!(name.len() <= 255, "{} bytes: {name:?}", name.len());
}

/// A MIME tree as Gmail would send it, with untrusted names and types.
fn part() -> impl Strategy<Value = Value> {
    let leaf = (
        "[a-z]{1,8}/[a-z0-9.+-]{1,12}|\\PC{0,20}",
        proptest::option::of("\\PC{0,40}"),
        proptest::option::of("[A-Za-z0-9_-]{0,20}"),
    )
        .prop_map(|(mime, filename, data)| {
            json!({"partId": "1", "mimeType": mime, "filename": filename,
                   "headers": [{"name": "Content-Disposition", "value": "attachment"}],
                   "body": {"size": 3, "data": data, "attachmentId": "a"}})
        });
    leaf.prop_recursive(8, 256, 16, |inner| {
        (
            prop::collection::vec(inner, 0..16),
            "multipart/[a-z]{1,10}|message/rfc822",
        )
            .prop_map(|(parts, mime)| json!({"partId": "", "mimeType": mime, "parts": parts}))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn file_names_are_always_safe(
        date in "\\PC{0,20}",
        sender in "\\PC{0,300}",
        stem in "\\PC{0,300}",
        ext in "\\PC{0,12}",
    ) {
        assert_safe(&file_name(&date, &sender, &stem, &ext));
        assert_safe_component(&sanitize_component(&stem));
    }

    #[test]
    fn the_mime_walker_never_panics(payload in part(), types in "[a-z,]{0,20}", bodies: bool, raw: bool) {
        let msg: Message = serde_json::from_value(json!({"id": "m", "payload": payload})).unwrap();
        let planned = plan(&msg, &TypeFilter::new(&[types]), bodies, raw);
        for p in &planned {
            assert!(!p.extension.contains('/'));
        }
    }
}

#[test]
fn deep_nesting_and_huge_part_counts() {
    // 100,000 sibling parts: planned in one pass.
    let parts: Vec<Value> = (0..100_000)
        .map(|i| {
            json!({"partId": i.to_string(), "mimeType": "application/pdf",
                        "filename": format!("{i}.pdf"), "body": {"attachmentId": "a"}})
        })
        .collect();
    let msg: Message = serde_json::from_value(
        json!({"id": "m", "payload": {"mimeType": "multipart/mixed", "parts": parts}}),
    )
    .unwrap();
    assert_eq!(
        plan(&msg, &TypeFilter::new(&["pdf".into()]), true, false).len(),
        100_000
    );

    // Nesting as deep as a JSON answer can be read (serde_json stops at 128 levels: a deeper
    // answer is a decode error, never a stack overflow in the walker).
    let nest = |depth: usize| {
        let mut text =
            r#"{"mimeType":"application/pdf","filename":"x.pdf","body":{"attachmentId":"a"}}"#
                .to_owned();
        for _ in 0..depth {
            text = format!(r#"{{"mimeType":"multipart/mixed","parts":[{text}]}}"#);
        }
        format!(r#"{{"id":"m","payload":{text}}}"#)
    };
    let msg: Message = serde_json::from_str(&nest(60)).unwrap();
    assert_eq!(
        plan(&msg, &TypeFilter::new(&["pdf".into()]), true, false).len(),
        1
    );
    assert!(serde_json::from_str::<Message>(&nest(10_000)).is_err());
}
