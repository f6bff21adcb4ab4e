//! The local MIME parse (`format=raw`) gives every part the `partId`, MIME type, file name, size
//! and bytes that Gmail's `format=full` answer gives it: checked over every message of the
//! simulator's mailbox (the seeded corpus, plus forwarded, encoded and deeply nested ones).

use paypulse_core::harvest::mime;
use paypulse_google_sim::{DEFAULT_GOOGLE_USER_ID, DEFAULT_PUBLIC_CLIENT_ID, Simulator};
use serde_json::Value;

/// (partId, mimeType, filename, body.size), depth first.
type Row = (String, String, String, u64);

fn rows_of_full(payload: &Value) -> Vec<Row> {
    let mut out = Vec::new();
    let mut stack = vec![payload];
    while let Some(p) = stack.pop() {
        let s = |k: &str| p[k].as_str().unwrap_or("").to_owned();
        out.push((
            s("partId"),
            s("mimeType"),
            s("filename"),
            p["body"]["size"].as_u64().unwrap_or(0),
        ));
        if let Some(parts) = p["parts"].as_array() {
            stack.extend(parts.iter().rev());
        }
    }
    out
}

fn extra_messages() -> Vec<Vec<u8>> {
    use mail_builder::MessageBuilder;
    use mail_builder::mime::MimePart;
    let pdf = b"%PDF-1.4 extra".to_vec();
    let inner = MessageBuilder::new()
        .from(("Inner AB", "inner@example.com"))
        .to("alice@example.com")
        .subject("Faktura inner")
        .text_body("inner")
        .attachment("application/pdf", "inner.pdf", pdf.clone())
        .write_to_vec()
        .unwrap();
    let forwarded = MessageBuilder::new()
        .from(("Alice", "alice@example.com"))
        .to("alice@example.com")
        .subject("Fwd: Faktura (nested)")
        .text_body("see below")
        .html_body("<p>see below</p>")
        .attachment("message/rfc822", "forwarded.eml", inner.clone())
        .write_to_vec()
        .unwrap();
    let mut deep = MimePart::new("application/pdf", pdf.clone()).attachment("deep.pdf");
    // 40 levels: serde_json reads the JSON answer up to 128 levels (two per MIME level).
    for _ in 0..40 {
        deep = MimePart::new(
            "multipart/mixed",
            vec![deep, MimePart::new("text/plain", "x")],
        );
    }
    let deep = MessageBuilder::new()
        .from(("Djup AB", "faktura@djup.example"))
        .to("alice@example.com")
        .subject("Faktura (djup)")
        .body(deep)
        .write_to_vec()
        .unwrap();
    let latin1 = b"From: =?iso-8859-1?q?K=F6k?= <kok@example.com>\r\nTo: alice@example.com\r\nSubject: =?iso-8859-1?q?R=E4kning?=\r\nDate: Mon, 1 Dec 2025 08:30:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>R=E4kning 100 kr</p>\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=iso-8859-1''R%E4kning.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--b--\r\n".to_vec();
    let single = b"From: a@example.com\r\nSubject: plain\r\n\r\nno parts at all\r\n".to_vec();
    vec![forwarded, deep, latin1, single]
}

#[tokio::test]
async fn local_part_ids_are_gmails_over_the_whole_mailbox() {
    let sim = Simulator::start();
    for raw in extra_messages() {
        sim.add_message(raw, &["INBOX"]);
    }
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        "https://www.googleapis.com/auth/gmail.readonly",
        3600,
    );
    let http = reqwest::Client::new();
    let mailbox = sim.mailbox();
    assert!(mailbox.len() > 30, "{}", mailbox.len());
    let mut leaves = 0;
    for m in &mailbox {
        let url = format!(
            "{}/gmail/v1/users/me/messages/{}?format=full",
            sim.gmail_url(),
            m.id
        );
        let resp = http
            .get(&url)
            .bearer_auth(&grant.access_token)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{url}: {}", resp.status());
        let full: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
        let want = rows_of_full(&full["payload"]);

        let message = mime::parse(&m.raw);
        let tree = mime::Tree::of(message.as_ref(), &m.raw).unwrap();
        let got: Vec<Row> = tree
            .parts
            .iter()
            .map(|p| {
                (
                    p.part_id.clone(),
                    p.mime_type.clone(),
                    p.filename.clone(),
                    p.size,
                )
            })
            .collect();
        assert_eq!(got, want, "{}: {}", m.id, m.subject);
        for (i, p) in tree.parts.iter().enumerate() {
            if p.container || p.size == 0 {
                continue;
            }
            let bytes = sim.part_bytes(&m.id, &p.part_id).unwrap();
            assert!(
                *tree.content(i) == bytes[..],
                "{} {}: part {} differs",
                m.id,
                m.subject,
                p.part_id
            );
            leaves += 1;
        }
        drop(tree);
        mime::dismantle(message);
    }
    assert!(leaves > 50, "{leaves} parts compared");
}
