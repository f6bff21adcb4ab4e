//! Hostile input for the fetch pipeline's policy: whatever a message says, the file-name
//! sanitiser gives a safe name and the MIME walker never panics (deep nesting, huge part counts).

use paypulse_core::harvest::mime;
use paypulse_core::harvest::names::{file_name, sanitize_component};
use paypulse_core::harvest::plan::{MimePart, TypeFilter, plan};
use proptest::prelude::*;

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

/// A message's parts (depth first) with untrusted names and types.
fn parts() -> impl Strategy<Value = Vec<MimePart>> {
    prop::collection::vec(
        (
            "[a-z]{1,8}/[a-z0-9.+-]{1,12}|\\PC{0,20}|multipart/[a-z]{1,10}|message/rfc822",
            "\\PC{0,40}",
            any::<bool>(),
            any::<bool>(),
            0u64..100,
        )
            .prop_map(
                |(mime_type, filename, attachment, container, size)| MimePart {
                    part_id: "1".into(),
                    mime_type,
                    filename,
                    attachment,
                    container,
                    size,
                },
            ),
        0..64,
    )
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
    fn the_mime_walker_never_panics(parts in parts(), types in "[a-z,]{0,20}", bodies: bool, raw: bool) {
        let planned = plan(&parts, &TypeFilter::new(&[types]), bodies, raw);
        for p in &planned {
            assert!(!p.extension.contains('/'));
        }
    }
}

/// The local MIME tree of a raw message (`None`: refused as too deep).
fn tree(raw: &[u8]) -> Option<Vec<MimePart>> {
    let message = mime::parse(raw);
    let parts = mime::Tree::of(message.as_ref(), raw).ok().map(|t| t.parts);
    mime::dismantle(message);
    parts
}

#[test]
fn deep_nesting_and_huge_part_counts() {
    // 100,000 sibling parts: parsed and planned in one pass.
    let mut raw =
        b"Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n"
            .to_vec();
    for i in 0..100_000 {
        raw.extend_from_slice(
            format!("--z\r\nContent-Type: application/pdf; name=\"{i}.pdf\"\r\n\r\n%PDF\r\n")
                .as_bytes(),
        );
    }
    raw.extend_from_slice(b"--z--\r\n");
    let parts = tree(&raw).unwrap();
    assert_eq!(
        plan(&parts, &TypeFilter::new(&["pdf".into()]), true, false).len(),
        100_000
    );

    // Nesting: 60 levels are read; 10,000 are refused, never a stack overflow.
    let nest = |depth: usize| {
        let mut body = b"Content-Type: application/pdf; name=\"x.pdf\"\r\n\r\n%PDF\r\n".to_vec();
        for i in 0..depth {
            let mut m =
                format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n")
                    .into_bytes();
            m.extend_from_slice(&body);
            m.extend_from_slice(format!("\r\n--b{i}--\r\n").as_bytes());
            body = m;
        }
        let mut raw = b"Subject: deep\r\nMIME-Version: 1.0\r\n".to_vec();
        raw.extend_from_slice(&body);
        raw
    };
    let parts = tree(&nest(60)).unwrap();
    assert_eq!(
        plan(&parts, &TypeFilter::new(&["pdf".into()]), true, false).len(),
        1
    );
    assert!(tree(&nest(10_000)).is_none());
}
