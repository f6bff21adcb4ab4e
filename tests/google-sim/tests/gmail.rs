//! Black-box tests of the simulator's Gmail API over HTTP: shapes checked against Gmail's
//! discovery document, search, pagination, MIME round trips, auth, quota, faults and `fields`.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use paypulse_google_sim::{
    DEFAULT_GOOGLE_EMAIL, DEFAULT_GOOGLE_USER_ID, DEFAULT_PUBLIC_CLIENT_ID, GMAIL_INVOICE_QUERY,
    GmailFault, Simulator,
};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

const READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";

/// The subjects the default invoice query matches, newest first.
const INVOICE_SUBJECTS: [&str; 19] = [
    "Hyresavi mars 2026",
    "Thanks for your order #55012",
    "Your receipt from Pizza Hut",
    "Receipt \u{1b}[31m2026-0007\u{1b}[0m",
    "Invoice #88231",
    "Invoice INV-2026-0042",
    "Faktura och årsbesked 2025",
    "Avi för hyra februari 2026",
    "Ditt kvitto från Åhléns",
    "Kvitto för din beställning",
    "Din faktura från Telia – bredband",
    "Din faktura från Telia – mobilabonnemang",
    "Faktura 1234 från Fortum",
    "Hyresavi januari 2026",
    "Faktura 2025-118 – köksrenovering",
    "Orderbekräftelse – order 4711-2233",
    "Hyresavi december 2025",
    "Fwd: Faktura 2025-0931 från Vattenfall",
    "Ihre Rechnung Nr. R0024471",
];

fn http() -> reqwest::Client {
    reqwest::Client::builder().build().unwrap()
}

/// A simulator and a `gmail.readonly` token of the default account. The quota is raised:
/// these tests walk the mailbox faster than Gmail's 250 units per second allow (the quota
/// test sets its own).
fn start() -> (Simulator, String) {
    let sim = Simulator::start();
    sim.set_gmail_quota(1_000_000, 1_000_000);
    let token = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            &format!("openid email {READONLY}"),
            3599,
        )
        .access_token;
    (sim, token)
}

fn users_me(sim: &Simulator) -> String {
    format!("{}/gmail/v1/users/me", sim.gmail_url())
}

/// GETs `{base}/gmail/v1/users/me{rest}` with the token (if any) and query pairs.
async fn get(
    sim: &Simulator,
    token: Option<&str>,
    rest: &str,
    query: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Value) {
    let mut request = http().get(format!("{}{rest}", users_me(sim))).query(query);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, value)
}

async fn ok(sim: &Simulator, token: &str, rest: &str, query: &[(&str, &str)]) -> Value {
    let (status, _, body) = get(sim, Some(token), rest, query).await;
    assert_eq!(status, StatusCode::OK, "{rest} {query:?}: {body}");
    body
}

/// Ids of every message a query lists, walking all pages.
async fn list_all(sim: &Simulator, token: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let mut ids = Vec::new();
    let mut page_token: Option<String> = None;
    loop {
        let mut query: Vec<(&str, &str)> = extra.to_vec();
        if let Some(t) = &page_token {
            query.push(("pageToken", t));
        }
        let body = ok(sim, token, "/messages", &query).await;
        for m in body["messages"].as_array().into_iter().flatten() {
            ids.push(m["id"].as_str().unwrap().to_owned());
        }
        match body["nextPageToken"].as_str() {
            Some(t) => page_token = Some(t.to_owned()),
            None => return ids,
        }
    }
}

fn subjects(sim: &Simulator, ids: &[String]) -> Vec<String> {
    let mailbox = sim.mailbox();
    ids.iter()
        .map(|id| {
            mailbox
                .iter()
                .find(|m| &m.id == id)
                .unwrap()
                .subject
                .clone()
        })
        .collect()
}

/// Every part of a `MessagePart` tree, depth first.
fn parts(part: &Value) -> Vec<&Value> {
    let mut out = vec![part];
    for child in part["parts"].as_array().into_iter().flatten() {
        out.extend(parts(child));
    }
    out
}

fn header<'a>(part: &'a Value, name: &str) -> Option<&'a str> {
    part["headers"]
        .as_array()?
        .iter()
        .find(|h| {
            h["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .and_then(|h| h["value"].as_str())
}

// ----- shapes against the discovery document ----------------------------------------------------

fn discovery() -> Value {
    let path = std::env::var("GMAIL_DISCOVERY_DOC")
        .unwrap_or_else(|_| format!("{}/discovery/gmail.v1.json", env!("CARGO_MANIFEST_DIR")));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("Gmail's discovery document is needed at {path} (or GMAIL_DISCOVERY_DOC): {e}")
    });
    serde_json::from_str(&text).unwrap()
}

/// Checks a JSON value against a discovery schema: every field declared, types and formats
/// as declared (`int64`/`uint64` strings of digits, `int32`/`uint32` integers in range,
/// `byte` base64url), recursively through `$ref`s and arrays.
fn conform(schemas: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(name) = schema["$ref"].as_str() {
        let target = &schemas[name];
        assert!(target.is_object(), "unknown $ref {name}");
        return conform(schemas, target, v, at, errors);
    }
    let format = schema["format"].as_str().unwrap_or("");
    match schema["type"].as_str().unwrap_or("any") {
        "object" => {
            let Some(obj) = v.as_object() else {
                return errors.push(format!("{at}: expected an object, got {v}"));
            };
            for (key, value) in obj {
                match schema["properties"].get(key) {
                    Some(prop) => conform(schemas, prop, value, &format!("{at}.{key}"), errors),
                    None => match schema.get("additionalProperties") {
                        Some(extra) => {
                            conform(schemas, extra, value, &format!("{at}.{key}"), errors)
                        }
                        None => errors.push(format!("{at}.{key}: not declared in the schema")),
                    },
                }
            }
        }
        "array" => {
            let Some(items) = v.as_array() else {
                return errors.push(format!("{at}: expected an array, got {v}"));
            };
            for (i, item) in items.iter().enumerate() {
                conform(
                    schemas,
                    &schema["items"],
                    item,
                    &format!("{at}[{i}]"),
                    errors,
                );
            }
        }
        "string" => {
            let Some(s) = v.as_str() else {
                return errors.push(format!("{at}: expected a string ({format}), got {v}"));
            };
            let ok = match format {
                "int64" => {
                    let digits = s.strip_prefix('-').unwrap_or(s);
                    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
                }
                "uint64" => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()),
                "byte" => s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=')),
                _ => true,
            };
            if !ok {
                errors.push(format!("{at}: {s:?} is not a valid {format} string"));
            }
        }
        "integer" => {
            let in_range = match format {
                "int32" => v.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
                "uint32" => v.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
                _ => v.as_i64().is_some() || v.as_u64().is_some(),
            };
            if !in_range {
                errors.push(format!("{at}: expected an integer ({format}), got {v}"));
            }
        }
        "boolean" if !v.is_boolean() => errors.push(format!("{at}: expected a boolean, got {v}")),
        _ => {}
    }
}

fn assert_conforms(doc: &Value, schema: &str, v: &Value) {
    let schemas = &doc["schemas"];
    let mut errors = Vec::new();
    conform(schemas, &json!({ "$ref": schema }), v, schema, &mut errors);
    assert!(
        errors.is_empty(),
        "{schema} drifts from Gmail's shape:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_schema_check_catches_drift() {
    let doc = discovery();
    let schemas = &doc["schemas"];
    let mut errors = Vec::new();
    let bad = json!({
        "id": "1", "historyId": 5, "internalDate": "12x", "sizeEstimate": "3", "extra": 1,
        "payload": {"partId": "", "body": {"size": 1, "data": "a+b/"}, "parts": [{"filename": 3}]}
    });
    conform(
        schemas,
        &json!({"$ref": "Message"}),
        &bad,
        "Message",
        &mut errors,
    );
    let joined = errors.join("\n");
    for needle in [
        "Message.historyId",
        "Message.internalDate",
        "Message.sizeEstimate",
        "Message.extra",
        "Message.payload.body.data",
        "Message.payload.parts[0].filename",
    ] {
        assert!(joined.contains(needle), "{needle} not caught:\n{joined}");
    }
}

#[tokio::test]
async fn responses_conform_to_the_discovery_document() {
    let doc = discovery();
    let (sim, token) = start();

    let profile = ok(&sim, &token, "/profile", &[]).await;
    assert_conforms(&doc, "Profile", &profile);

    for query in [
        vec![],
        vec![("maxResults", "3")],
        vec![("q", GMAIL_INVOICE_QUERY)],
        vec![("q", "subject:nothing-matches-this")],
    ] {
        let list = ok(&sim, &token, "/messages", &query).await;
        assert_conforms(&doc, "ListMessagesResponse", &list);
    }

    let mut attachments = 0;
    for m in sim.mailbox() {
        for format in ["full", "metadata", "minimal", "raw"] {
            let message = ok(
                &sim,
                &token,
                &format!("/messages/{}", m.id),
                &[("format", format)],
            )
            .await;
            assert_conforms(&doc, "Message", &message);
            if format == "full" {
                for part in parts(&message["payload"]) {
                    assert_conforms(&doc, "MessagePart", part);
                    if let Some(aid) = part["body"]["attachmentId"].as_str() {
                        let body = ok(
                            &sim,
                            &token,
                            &format!("/messages/{}/attachments/{aid}", m.id),
                            &[],
                        )
                        .await;
                        assert_conforms(&doc, "MessagePartBody", &body);
                        attachments += 1;
                    }
                }
            }
        }
    }
    assert!(attachments >= 25, "{attachments}");
}

#[tokio::test]
async fn message_resource_has_gmails_fields_per_format() {
    let (sim, token) = start();
    let id = sim.message_id_by_subject("Hyresavi december 2025").unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();

    let full = ok(&sim, &token, &format!("/messages/{id}"), &[]).await;
    assert_eq!(
        keys(&full),
        [
            "id",
            "threadId",
            "labelIds",
            "snippet",
            "payload",
            "sizeEstimate",
            "historyId",
            "internalDate"
        ]
    );
    assert_eq!(
        keys(&full["payload"]),
        ["partId", "mimeType", "filename", "headers", "body", "parts"]
    );
    assert_eq!(full["payload"]["partId"], "");
    assert_eq!(full["payload"]["body"], json!({"size": 0}));
    assert_eq!(
        full["labelIds"],
        json!(["INBOX", "CATEGORY_UPDATES", "Label_1"])
    );
    assert!(
        full["snippet"]
            .as_str()
            .unwrap()
            .starts_with("Hej Alice Andersson, Här kommer din hyresavi")
    );
    assert_eq!(
        header(&full["payload"], "Subject"),
        Some("Hyresavi december 2025")
    );
    assert_eq!(
        header(&full["payload"], "Date"),
        Some("Thu, 20 Nov 2025 08:00:00 +0100")
    );
    // internalDate: the Date header plus a second or so of delivery.
    let internal: i64 = full["internalDate"].as_str().unwrap().parse().unwrap();
    assert!(
        (1_763_622_001_000..1_763_622_002_000).contains(&internal),
        "{internal}"
    );

    let minimal = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[("format", "minimal")],
    )
    .await;
    assert_eq!(
        keys(&minimal),
        [
            "id",
            "threadId",
            "labelIds",
            "snippet",
            "sizeEstimate",
            "historyId",
            "internalDate"
        ]
    );

    let metadata = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[
            ("format", "metadata"),
            ("metadataHeaders", "From"),
            ("metadataHeaders", "subject"),
        ],
    )
    .await;
    assert_eq!(
        metadata["payload"]["headers"],
        json!([
            {"name": "From", "value": "\"Wallenstam\" <noreply@wallenstam.se>"},
            {"name": "Subject", "value": "Hyresavi december 2025"},
        ])
    );
    assert!(metadata["payload"].get("parts").is_none());
    assert!(metadata["payload"].get("body").is_none());
    let all_headers = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[("format", "METADATA")],
    )
    .await;
    assert_eq!(
        all_headers["payload"]["headers"],
        full["payload"]["headers"]
    );

    let raw = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[("format", "raw")],
    )
    .await;
    assert!(raw.get("payload").is_none());
    assert!(raw["raw"].is_string());
}

// ----- search -----------------------------------------------------------------------------------

#[tokio::test]
async fn the_default_invoice_query_finds_exactly_the_invoices() {
    let (sim, token) = start();
    let ids = list_all(&sim, &token, &[("q", GMAIL_INVOICE_QUERY)]).await;
    assert_eq!(subjects(&sim, &ids), INVOICE_SUBJECTS);
    assert_eq!(sim.gmail_search(GMAIL_INVOICE_QUERY), ids);

    // Newsletters, the chat, spam and trash are not among them.
    let mailbox = sim.mailbox();
    for m in &mailbox {
        let excluded = m
            .labels
            .iter()
            .any(|l| ["SPAM", "TRASH", "CHAT"].contains(&l.as_str()));
        if excluded || m.subject.contains("Nyhetsbrev") || m.subject.contains("erbjudanden") {
            assert!(!ids.contains(&m.id), "{} matched", m.subject);
        }
    }
    assert_eq!(mailbox.len(), 28);
}

#[tokio::test]
async fn search_syntax() {
    let (sim, token) = start();
    let count = |q: &'static str| {
        let sim = &sim;
        let token = &token;
        async move { list_all(sim, token, &[("q", q)]).await.len() }
    };
    let mailbox = sim.mailbox();
    let not_spam_trash = mailbox
        .iter()
        .filter(|m| !m.labels.iter().any(|l| l == "SPAM" || l == "TRASH"))
        .count();

    // Words: case-insensitive, Unicode, whole words, any field.
    assert_eq!(count("orderbekräftelse").await, 1);
    assert_eq!(count("ORDERBEKRÄFTELSE").await, 1);
    assert_eq!(count("Åhléns").await, 1);
    assert_eq!(count("köksrenoveringen").await, 1, "body words");
    assert_eq!(
        count("hyresavi").await,
        5,
        "subjects and the newsletter's body"
    );
    assert_eq!(count("hyres").await, 0, "whole words only");
    assert_eq!(
        count("vattenfall_faktura_2025-0931.pdf").await,
        1,
        "nested attachment names"
    );

    // Field operators.
    assert_eq!(count("subject:hyresavi").await, 3);
    assert_eq!(count("subject:avi").await, 1);
    assert_eq!(count("{subject:hyresavi subject:avi}").await, 4);
    assert_eq!(count("subject:faktura").await, 6);
    assert_eq!(count("subject:(din faktura)").await, 2);
    assert_eq!(count("subject:\"faktura från\"").await, 2);
    assert_eq!(count("subject:{hyresavi rechnung}").await, 4);
    assert_eq!(count("from:wallenstam.se").await, 5);
    assert_eq!(
        count("from:noreply@wallenstam.se -subject:nyhetsbrev").await,
        4
    );
    assert_eq!(
        count("from:Åhléns").await,
        1,
        "encoded display names are searched decoded"
    );
    assert_eq!(count("to:bob.andersson@example.org").await, 1);
    assert_eq!(count("from:me").await, 1);
    assert_eq!(count("filename:pdf").await, 15);
    assert_eq!(count("filename:xml").await, 1);
    assert_eq!(count("filename:invoice.xml").await, 1);
    assert_eq!(count("filename:faktura.pdf").await, 2);
    assert_eq!(count("filename:Hyresavi_för_lägenhet_1102.pdf").await, 1);
    assert_eq!(
        count("has:attachment -filename:pdf").await,
        1,
        "inline images do not count"
    );
    assert_eq!(count("label:hyra").await, 4);
    assert_eq!(count("label:Kvitton").await, 5);
    assert_eq!(count("in:inbox is:unread").await, 3);
    assert_eq!(count("category:promotions").await, 2);
    assert_eq!(
        count("rfc822msgid:<order-4711-2233@elgiganten.se>").await,
        1
    );
    assert_eq!(count("foo:bar").await, 0, "unknown operators are words");

    // Phrases, AND, OR, negation, groups.
    assert_eq!(
        count("\"order confirmation\"").await,
        2,
        "Bokus and the chat"
    );
    assert_eq!(count("\"order confirmation\" -in:chats").await, 1);
    assert_eq!(
        count("order confirmation").await,
        3,
        "both words anywhere: ICA too"
    );
    assert_eq!(
        count("(subject:faktura OR subject:invoice) -from:telia.se").await,
        6
    );
    assert_eq!(count("subject:invoice OR subject:rechnung").await, 3);
    assert_eq!(count("-subject:faktura").await, not_spam_trash - 6);
    assert_eq!(count("").await, not_spam_trash);

    // Spam, trash, chats.
    assert_eq!(count("in:chats").await, 1);
    assert_eq!(count("in:spam").await, 1);
    assert_eq!(count("in:trash subject:hyresavi").await, 1);
    assert_eq!(count("in:anywhere subject:hyresavi").await, 4);
    let with_spam = list_all(
        &sim,
        &token,
        &[("q", "subject:faktura"), ("includeSpamTrash", "true")],
    )
    .await;
    assert_eq!(with_spam.len(), 7);
    assert_eq!(
        list_all(&sim, &token, &[("includeSpamTrash", "true")])
            .await
            .len(),
        28
    );
    assert_eq!(
        list_all(&sim, &token, &[("labelIds", "SPAM")]).await.len(),
        0
    );
    assert_eq!(
        list_all(
            &sim,
            &token,
            &[("labelIds", "SPAM"), ("includeSpamTrash", "true")]
        )
        .await
        .len(),
        1
    );
    assert_eq!(
        list_all(
            &sim,
            &token,
            &[("labelIds", "INBOX"), ("labelIds", "Label_1")]
        )
        .await
        .len(),
        4
    );

    // Dates: epoch seconds exactly, YYYY/MM/DD at midnight in Gmail's Pacific time.
    // 2026-02-01T00:00:00Z .. 2026-02-11T00:00:00Z: Acme, the two hostile ones, Pizza Hut, Bokus.
    assert_eq!(count("after:1769904000 before:1770768000").await, 5);
    // Midnight 2026-02-12 in Los Angeles is 08:00 UTC: ICA's 05:00 UTC newsletter is before it.
    assert_eq!(count("after:2026/02/12").await, 4);
    assert_eq!(count("after:2026/2/12 before:2026-02-14").await, 2);
    assert_eq!(count("before:2025/10/03").await, 1);
    assert_eq!(count("newer_than:36500d").await, not_spam_trash);
    assert_eq!(count("older_than:1d subject:faktura").await, 6);

    // Sizes.
    assert_eq!(count("larger:5M").await, 1);
    assert_eq!(count("larger:5000000").await, 1);
    let small = mailbox
        .iter()
        .filter(|m| m.raw.len() < 1000 && !m.labels.iter().any(|l| l == "SPAM" || l == "TRASH"))
        .count();
    assert_eq!(count("smaller:1000").await, small);
    assert!(small >= 3);
}

#[tokio::test]
async fn pagination_walks_every_message_once() {
    let (sim, token) = start();
    let all = sim.mailbox();
    let expected: Vec<String> = all
        .iter()
        .filter(|m| !m.labels.iter().any(|l| l == "SPAM" || l == "TRASH"))
        .map(|m| m.id.clone())
        .collect();

    let mut ids = Vec::new();
    let mut pages = 0;
    let mut token_param: Option<String> = None;
    loop {
        let mut query = vec![("maxResults", "2")];
        if let Some(t) = &token_param {
            query.push(("pageToken", t.as_str()));
        }
        let body = ok(&sim, &token, "/messages", &query).await;
        pages += 1;
        assert_eq!(body["resultSizeEstimate"], expected.len());
        let page = body["messages"].as_array().unwrap();
        assert!(page.len() <= 2);
        for m in page {
            assert_eq!(m.as_object().unwrap().len(), 2, "{m}");
            ids.push(m["id"].as_str().unwrap().to_owned());
        }
        match body["nextPageToken"].as_str() {
            Some(t) => token_param = Some(t.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, expected.len().div_ceil(2));
    assert_eq!(ids, expected, "newest first, each once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());

    // Defaults and limits.
    let body = ok(&sim, &token, "/messages", &[]).await;
    assert_eq!(body["messages"].as_array().unwrap().len(), expected.len());
    assert!(body.get("nextPageToken").is_none());
    let body = ok(&sim, &token, "/messages", &[("maxResults", "100000")]).await;
    assert_eq!(body["messages"].as_array().unwrap().len(), expected.len());
    let body = ok(&sim, &token, "/messages", &[("q", "nothing-matches-this")]).await;
    assert_eq!(body, json!({"resultSizeEstimate": 0}));

    // A page token belongs to its query.
    let first = ok(&sim, &token, "/messages", &[("maxResults", "1")]).await;
    let t = first["nextPageToken"].as_str().unwrap();
    let (status, _, body) = get(
        &sim,
        Some(&token),
        "/messages",
        &[("maxResults", "1"), ("q", "faktura"), ("pageToken", t)],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) = get(&sim, Some(&token), "/messages", &[("pageToken", "garbage")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
    let (status, _, body) = get(&sim, Some(&token), "/messages", &[("maxResults", "ten")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"]["message"],
        "Invalid value at 'max_results' (TYPE_UINT32), \"ten\""
    );
}

// ----- MIME -------------------------------------------------------------------------------------

#[tokio::test]
async fn part_ids_and_base64url_round_trip() {
    let (sim, token) = start();
    for m in sim.mailbox() {
        let message = ok(&sim, &token, &format!("/messages/{}", m.id), &[]).await;
        let mut stack = vec![(&message["payload"], String::new())];
        while let Some((part, expected_id)) = stack.pop() {
            assert_eq!(part["partId"], expected_id.as_str(), "{}", m.subject);
            for (i, child) in part["parts"].as_array().into_iter().flatten().enumerate() {
                let id = if expected_id.is_empty() {
                    i.to_string()
                } else {
                    format!("{expected_id}.{i}")
                };
                stack.push((child, id));
            }
            let mime = part["mimeType"].as_str().unwrap();
            let body = &part["body"];
            let filename = part["filename"].as_str().unwrap();
            if mime.starts_with("multipart/") {
                assert_eq!(*body, json!({"size": 0}), "{}", m.subject);
                assert!(sim.part_bytes(&m.id, &expected_id).is_none());
                continue;
            }
            let expected = sim.part_bytes(&m.id, &expected_id).unwrap();
            let size = body["size"].as_u64().unwrap() as usize;
            assert_eq!(size, expected.len(), "{} part {expected_id}", m.subject);
            if !filename.is_empty() {
                // Named parts (attachments, named inline images, attached messages): fetched
                // separately, never inline.
                assert!(
                    body.get("data").is_none(),
                    "{} part {expected_id}",
                    m.subject
                );
                let aid = body["attachmentId"].as_str().unwrap();
                assert_eq!(sim.attachment_id(&m.id, &expected_id).as_deref(), Some(aid));
                let att = ok(
                    &sim,
                    &token,
                    &format!("/messages/{}/attachments/{aid}", m.id),
                    &[],
                )
                .await;
                assert_eq!(att["size"].as_u64().unwrap() as usize, expected.len());
                let data = att["data"].as_str().unwrap();
                assert!(!data.contains(['+', '/']));
                assert_eq!(
                    URL_SAFE.decode(data).unwrap(),
                    expected,
                    "{} part {expected_id}",
                    m.subject
                );
            } else if mime.starts_with("text/") {
                assert!(body.get("attachmentId").is_none());
                let data = body["data"].as_str().unwrap();
                assert_eq!(URL_SAFE.decode(data).unwrap(), expected);
            }
        }
    }
}

#[tokio::test]
async fn raw_format_is_the_rfc822_message() {
    let (sim, token) = start();
    for m in sim.mailbox() {
        let message = ok(
            &sim,
            &token,
            &format!("/messages/{}", m.id),
            &[("format", "raw")],
        )
        .await;
        let raw = URL_SAFE.decode(message["raw"].as_str().unwrap()).unwrap();
        assert_eq!(raw, m.raw, "{}", m.subject);
        assert_eq!(
            message["sizeEstimate"].as_u64().unwrap() as usize,
            m.raw.len()
        );
        assert!(m.raw.windows(10).any(|w| w == b"Message-ID"));
    }
}

#[tokio::test]
async fn notable_messages_look_as_mail_clients_send_them() {
    let (sim, token) = start();
    let full = |subject: &'static str| {
        let sim = &sim;
        let token = &token;
        async move {
            let id = sim.message_id_by_subject(subject).unwrap();
            (
                id.clone(),
                ok(sim, token, &format!("/messages/{id}"), &[]).await,
            )
        }
    };
    let named = |m: &Value| -> Vec<(String, String, String)> {
        parts(&m["payload"])
            .into_iter()
            .filter(|p| !p["filename"].as_str().unwrap().is_empty())
            .map(|p| {
                (
                    p["partId"].as_str().unwrap().to_owned(),
                    p["mimeType"].as_str().unwrap().to_owned(),
                    p["filename"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let triple = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());

    // Rent notice: alternative text + HTML, then the PDF.
    let (id, m) = full("Hyresavi december 2025").await;
    let p = parts(&m["payload"]);
    assert_eq!(p[1]["mimeType"], "multipart/alternative");
    assert_eq!(p[2]["mimeType"], "text/plain");
    assert_eq!(p[3]["mimeType"], "text/html");
    assert_eq!(
        named(&m),
        [triple("1", "application/pdf", "Hyresavi_2025-12.pdf")]
    );
    let pdf = sim.part_bytes(&id, "1").unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4") && pdf.ends_with(b"%%EOF\n"));
    let text = String::from_utf8(sim.part_bytes(&id, "0.0").unwrap()).unwrap();
    assert!(text.contains("Här kommer din hyresavi för december 2025"));

    // RFC 2231 and RFC 2047 file names are decoded.
    let (_, m) = full("Hyresavi mars 2026").await;
    assert_eq!(
        named(&m),
        [triple(
            "1",
            "application/pdf",
            "Hyresavi_för_lägenhet_1102.pdf"
        )]
    );
    assert!(
        header(&m["payload"]["parts"][1], "Content-Disposition")
            .unwrap()
            .contains("filename*=UTF-8''")
    );
    let (_, m) = full("Ditt kvitto från Åhléns").await;
    assert_eq!(
        named(&m),
        [triple(
            "1",
            "application/pdf",
            "Kvitto_Åhléns_2026-01-17.pdf"
        )]
    );
    assert!(
        header(&m["payload"]["parts"][1], "Content-Type")
            .unwrap()
            .contains("=?UTF-8?B?")
    );
    assert_eq!(
        header(&m["payload"], "From"),
        Some("Åhléns <kundservice@ahlens.se>")
    );

    // A PDF sent as application/octet-stream.
    let (_, m) = full("Faktura 1234 från Fortum").await;
    assert_eq!(
        named(&m),
        [triple("1", "application/octet-stream", "faktura_1234.pdf")]
    );

    // Hostile names, kept as sent.
    let (_, m) = full("Invoice #88231").await;
    let names: Vec<String> = named(&m).into_iter().map(|t| t.2).collect();
    assert_eq!(
        names,
        [
            "../../etc/passwd.pdf",
            "..\\..\\windows\\evil.pdf",
            "CON.pdf",
            ".hidden.pdf"
        ]
    );
    let id = sim.message_id_by_subject("2026-0007").unwrap();
    let m = ok(&sim, &token, &format!("/messages/{id}"), &[]).await;
    let names: Vec<String> = named(&m).into_iter().map(|t| t.2).collect();
    assert_eq!(names[0], "\u{1b}[31mred.pdf");
    assert_eq!(names[1].chars().count(), 300);
    assert!(names[1].ends_with(".pdf"));
    assert_eq!(names[2], "nul\u{0}byte\u{7}bell.pdf");
    assert_eq!(
        header(&m["payload"], "Subject"),
        Some("Receipt \u{1b}[31m2026-0007\u{1b}[0m")
    );
    assert!(header(&m["payload"], "From").unwrap().contains('\u{1b}'));

    // The forwarded invoice: a message/rfc822 part holding the original, whose PDF has its own
    // attachment id.
    let (id, m) = full("Fwd: Faktura 2025-0931").await;
    let rfc822 = &m["payload"]["parts"][1];
    assert_eq!(rfc822["mimeType"], "message/rfc822");
    assert_eq!(rfc822["partId"], "1");
    let inner = &rfc822["parts"][0];
    assert_eq!(inner["partId"], "1.0");
    assert_eq!(
        header(inner, "Subject"),
        Some("Faktura 2025-0931 från Vattenfall")
    );
    assert_eq!(
        header(inner, "From"),
        Some("\"Vattenfall\" <kundservice@vattenfall.se>")
    );
    assert_eq!(
        named(&m),
        [
            triple(
                "1",
                "message/rfc822",
                "Faktura 2025-0931 från Vattenfall.eml"
            ),
            triple(
                "1.0.1",
                "application/pdf",
                "Vattenfall_faktura_2025-0931.pdf"
            ),
        ]
    );
    let eml = sim.part_bytes(&id, "1").unwrap();
    assert!(eml.starts_with(b"Delivered-To: bob.andersson@example.org"));
    let aid = sim.attachment_id(&id, "1.0.1").unwrap();
    let att = ok(
        &sim,
        &token,
        &format!("/messages/{id}/attachments/{aid}"),
        &[],
    )
    .await;
    assert!(
        URL_SAFE
            .decode(att["data"].as_str().unwrap())
            .unwrap()
            .starts_with(b"%PDF-")
    );

    // Inline logo and signature image (named, with Content-IDs referenced by the HTML), and the PDF.
    let (id, m) = full("Faktura 2025-118").await;
    assert_eq!(
        named(&m),
        [
            triple("0.1", "image/png", "logo.png"),
            triple("0.2", "image/png", "image001.png"),
            triple("1", "application/pdf", "Faktura_2025-118.pdf"),
        ]
    );
    let html = String::from_utf8(sim.part_bytes(&id, "0.0.1").unwrap()).unwrap();
    for p in ["0.1", "0.2"] {
        let part = parts(&m["payload"])
            .into_iter()
            .find(|x| x["partId"] == p)
            .unwrap();
        let cid = header(part, "Content-ID").unwrap().trim_matches(['<', '>']);
        assert!(html.contains(&format!("cid:{cid}")), "{cid}");
        assert!(
            header(part, "Content-Disposition")
                .unwrap()
                .starts_with("inline")
        );
        assert!(
            sim.part_bytes(&id, p)
                .unwrap()
                .starts_with(b"\x89PNG\r\n\x1a\n")
        );
    }

    // The e-invoice: XML next to the PDF.
    let (_, m) = full("Invoice INV-2026-0042").await;
    assert_eq!(
        named(&m),
        [
            triple("1", "application/xml", "invoice.xml"),
            triple("2", "application/pdf", "INV-2026-0042.pdf")
        ]
    );

    // HTML receipts without attachments; Pizza Hut's is a single text/html part.
    let (_, m) = full("Your receipt from Pizza Hut").await;
    assert_eq!(m["payload"]["mimeType"], "text/html");
    assert!(m["payload"].get("parts").is_none());
    assert!(m["payload"]["body"]["data"].is_string());
    let (_, m) = full("Orderbekräftelse").await;
    assert!(named(&m).is_empty());
    let (_, m) = full("Kvitto för din beställning").await;
    assert_eq!(named(&m), [triple("1", "image/png", "foodora-logo.png")]);

    // Same sender, same Date, same file name, different content.
    let telia: Vec<_> = sim
        .mailbox()
        .into_iter()
        .filter(|m| m.subject.contains("Telia"))
        .collect();
    assert_eq!(telia.len(), 2);
    let a = sim.part_bytes(&telia[0].id, "1").unwrap();
    let b = sim.part_bytes(&telia[1].id, "1").unwrap();
    assert_ne!(a, b);
    let ma = ok(&sim, &token, &format!("/messages/{}", telia[0].id), &[]).await;
    let mb = ok(&sim, &token, &format!("/messages/{}", telia[1].id), &[]).await;
    assert_eq!(
        header(&ma["payload"], "Date"),
        header(&mb["payload"], "Date")
    );
    assert_eq!(named(&ma)[0].2, "faktura.pdf");
    assert_eq!(named(&mb)[0].2, "faktura.pdf");

    // Threads: a shipping notice joins its order's thread.
    let order = sim.message_id_by_subject("Orderbekräftelse").unwrap();
    let shipped = sim
        .mailbox()
        .into_iter()
        .find(|m| m.subject.contains("har skickats"))
        .unwrap();
    assert_eq!(shipped.thread_id, order);
}

#[tokio::test]
async fn every_part_has_distinct_bytes() {
    let (sim, token) = start();
    let mut seen = HashSet::new();
    for m in sim.mailbox() {
        let message = ok(&sim, &token, &format!("/messages/{}", m.id), &[]).await;
        for part in parts(&message["payload"]) {
            if part["filename"].as_str().unwrap().is_empty() {
                continue;
            }
            let bytes = sim
                .part_bytes(&m.id, part["partId"].as_str().unwrap())
                .unwrap();
            assert!(seen.insert(bytes), "{} {}", m.subject, part["filename"]);
        }
    }
}

#[tokio::test]
async fn the_large_pdf_is_streamed_in_chunks() {
    let (sim, token) = start();
    let id = sim
        .message_id_by_subject("Faktura och årsbesked 2025")
        .unwrap();
    let aid = sim.attachment_id(&id, "1").unwrap();
    let before = sim.gmail_bytes_sent();
    let mut response = http()
        .get(format!(
            "{}/messages/{id}/attachments/{aid}",
            users_me(&sim)
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("content-length").is_none());
    assert_eq!(response.headers()["transfer-encoding"], "chunked");
    let mut body = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        chunks += 1;
        body.extend_from_slice(&chunk);
    }
    assert!(chunks > 10, "{chunks}");
    let value: Value = serde_json::from_slice(&body).unwrap();
    let pdf = URL_SAFE.decode(value["data"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7\n"));
    assert!(pdf.ends_with(b"%%EOF\n"));
    assert!(pdf.len() > 6 * 1024 * 1024, "{}", pdf.len());
    assert_eq!(value["size"].as_u64().unwrap() as usize, pdf.len());
    assert_eq!(Some(pdf), sim.part_bytes(&id, "1"));
    assert_eq!(sim.gmail_bytes_sent() - before, body.len() as u64);
}

#[tokio::test]
async fn added_messages_are_parsed_searched_and_threaded() {
    use mail_builder::MessageBuilder;
    let (sim, token) = start();
    let raw = MessageBuilder::new()
        .from(("Hyresvärden", "avi@hyresvarden.example"))
        .to(DEFAULT_GOOGLE_EMAIL)
        .subject("Hyresavi april 2026")
        .message_id("april@hyresvarden.example")
        .in_reply_to("avi-2026-03-1102@wallenstam.se")
        .date(1_774_000_000i64)
        .text_body("Se bifogad avi.")
        .attachment(
            "application/pdf",
            "april.pdf",
            b"%PDF-1.4 april %%EOF".as_slice(),
        )
        .write_to_vec()
        .unwrap();
    let id = sim.add_message(raw.clone(), &["INBOX", "Hyra", "Egen etikett"]);
    let summary = sim.mailbox().into_iter().find(|m| m.id == id).unwrap();
    assert_eq!(summary.raw, raw);
    assert_eq!(summary.labels, ["INBOX", "Label_1", "Label_3"]);
    assert_eq!(summary.internal_date_ms / 1000, 1_774_000_001);
    let march = sim.message_id_by_subject("Hyresavi mars 2026").unwrap();
    assert_eq!(summary.thread_id, march);
    assert_eq!(
        sim.message_id_by_subject("hyresavi april"),
        Some(id.clone())
    );
    assert_eq!(
        list_all(&sim, &token, &[("q", "label:hyra")]).await.len(),
        5
    );
    assert_eq!(
        list_all(&sim, &token, &[("q", "label:egen-etikett")]).await,
        std::slice::from_ref(&id)
    );
    assert_eq!(
        list_all(&sim, &token, &[("q", GMAIL_INVOICE_QUERY)])
            .await
            .len(),
        20
    );
    assert_eq!(sim.part_bytes(&id, "1").unwrap(), b"%PDF-1.4 april %%EOF");
    let profile = ok(&sim, &token, "/profile", &[]).await;
    assert_eq!(profile["messagesTotal"], 29);
}

#[tokio::test]
async fn text_in_other_charsets_is_served_as_sent_and_searched_decoded() {
    use mail_builder::MessageBuilder;
    use mail_builder::headers::content_type::ContentType;
    use mail_builder::mime::{BodyPart, MimePart};
    let (sim, token) = start();
    // "Räkning för mars" in ISO-8859-1.
    let latin1: Vec<u8> = "Räkning för mars".chars().map(|c| c as u8).collect();
    let raw = MessageBuilder::new()
        .from(("Gammal Tjänst", "info@gammal.example"))
        .to(DEFAULT_GOOGLE_EMAIL)
        .subject("Kvitto")
        .message_id("latin1@gammal.example")
        .date(1_774_100_000i64)
        .body(MimePart::new(
            ContentType::new("text/plain").attribute("charset", "iso-8859-1"),
            BodyPart::Binary(latin1.clone().into()),
        ))
        .write_to_vec()
        .unwrap();
    let id = sim.add_message(raw, &["INBOX"]);
    let m = ok(&sim, &token, &format!("/messages/{id}"), &[]).await;
    let data = URL_SAFE
        .decode(m["payload"]["body"]["data"].as_str().unwrap())
        .unwrap();
    assert_eq!(data, latin1);
    assert_eq!(sim.part_bytes(&id, "").unwrap(), latin1);
    assert_eq!(m["snippet"], "Räkning för mars");
    assert_eq!(list_all(&sim, &token, &[("q", "räkning")]).await, [id]);
}

// ----- errors, auth, quota, faults ---------------------------------------------------------------

#[tokio::test]
async fn profile_and_not_found_answers() {
    let (sim, token) = start();
    let profile = ok(&sim, &token, "/profile", &[]).await;
    assert_eq!(profile["emailAddress"], DEFAULT_GOOGLE_EMAIL);
    assert_eq!(profile["messagesTotal"], 28);
    assert_eq!(profile["threadsTotal"], 26);
    assert!(
        profile["historyId"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 1_000_000
    );
    // The user's own address works as the user id.
    let response = http()
        .get(format!(
            "{}/gmail/v1/users/{DEFAULT_GOOGLE_EMAIL}/profile",
            sim.gmail_url()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let (status, _, body) = get(&sim, Some(&token), "/messages/19aaaaaaaaaaaaaa", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"error": {"code": 404, "message": "Requested entity was not found.", "errors": [{"message": "Requested entity was not found.", "domain": "global", "reason": "notFound"}], "status": "NOT_FOUND"}})
    );
    let (status, _, body) = get(&sim, Some(&token), "/messages/not-an-id", &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["message"], "Invalid id value");
    let id = sim.mailbox()[0].id.clone();
    let (status, _, body) = get(
        &sim,
        Some(&token),
        &format!("/messages/{id}/attachments/ANGjdJnope"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["message"], "Invalid attachment token");
    let (status, _, body) = get(
        &sim,
        Some(&token),
        &format!("/messages/{id}"),
        &[("format", "pretty")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
    let (status, headers, body) = get(&sim, Some(&token), "/drafts", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(body.as_str().unwrap().contains("404."));
}

#[tokio::test]
async fn authentication_and_scopes() {
    let (sim, token) = start();
    let invalid = json!({"error": {
        "code": 401,
        "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        "errors": [{"message": "Invalid Credentials", "domain": "global", "reason": "authError", "location": "Authorization", "locationType": "header"}],
        "status": "UNAUTHENTICATED",
    }});
    let challenge = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";

    let (status, headers, body) = get(&sim, Some("ya29.not-a-token"), "/messages", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body, invalid);
    assert_eq!(headers["www-authenticate"], challenge);

    let expired = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            READONLY,
            -5,
        )
        .access_token;
    let (status, _, body) = get(&sim, Some(&expired), "/profile", &[]).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid.clone()));

    let revoked = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            READONLY,
            3599,
        )
        .access_token;
    sim.revoke(&revoked);
    let (status, _, body) = get(&sim, Some(&revoked), "/messages", &[]).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid));

    let (status, headers, body) = get(&sim, None, "/messages", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["errors"][0]["reason"], "required");
    assert_eq!(
        headers["www-authenticate"],
        "Bearer realm=\"https://accounts.google.com/\""
    );

    // A token without a Gmail scope.
    let identity_only = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            "openid email profile",
            3599,
        )
        .access_token;
    let id = sim.mailbox()[0].id.clone();
    let (status, headers, body) =
        get(&sim, Some(&identity_only), &format!("/messages/{id}"), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], 403);
    assert_eq!(
        body["error"]["message"],
        "Request had insufficient authentication scopes."
    );
    assert_eq!(
        body["error"]["errors"][0]["reason"],
        "insufficientPermissions"
    );
    assert_eq!(body["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(
        body["error"]["details"][0]["reason"],
        "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    );
    assert_eq!(
        body["error"]["details"][0]["metadata"]["method"],
        "caribou.api.proto.MailboxService.GetMessage"
    );
    assert!(
        headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );

    // Full Gmail access works; metadata-only access has its restrictions.
    let full = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            "https://mail.google.com/",
            3599,
        )
        .access_token;
    ok(&sim, &full, &format!("/messages/{id}"), &[]).await;
    let metadata = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            DEFAULT_GOOGLE_USER_ID,
            "https://www.googleapis.com/auth/gmail.metadata",
            3599,
        )
        .access_token;
    ok(&sim, &metadata, "/messages", &[]).await;
    ok(
        &sim,
        &metadata,
        &format!("/messages/{id}"),
        &[("format", "metadata")],
    )
    .await;
    let (status, _, body) = get(&sim, Some(&metadata), "/messages", &[("q", "faktura")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"]["message"],
        "Metadata scope does not support 'q' parameter"
    );
    let (status, _, _) = get(&sim, Some(&metadata), &format!("/messages/{id}"), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The token in the query string, as Google also accepts.
    let response = http()
        .get(format!("{}/profile", users_me(&sim)))
        .query(&[("access_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // Another user's mailbox: delegation denied. Another account: its own, empty mailbox.
    let response = http()
        .get(format!(
            "{}/gmail/v1/users/bob@example.org/messages",
            sim.gmail_url()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["error"]["message"],
        format!("Delegation denied for {DEFAULT_GOOGLE_EMAIL}")
    );
    sim.add_google_account("200000000000000000001", "bob@example.org", "Bob Andersson");
    let bob = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            "200000000000000000001",
            READONLY,
            3599,
        )
        .access_token;
    assert_eq!(
        ok(&sim, &bob, "/messages", &[]).await,
        json!({"resultSizeEstimate": 0})
    );
    let profile = ok(&sim, &bob, "/profile", &[]).await;
    assert_eq!(profile["emailAddress"], "bob@example.org");
    assert_eq!(profile["messagesTotal"], 0);
}

#[tokio::test]
async fn quota_exhaustion_answers_429_with_retry_after() {
    let (sim, token) = start();
    sim.set_gmail_quota(10, 10);
    ok(&sim, &token, "/messages", &[]).await; // 5
    ok(&sim, &token, "/messages", &[]).await; // 10
    let (status, headers, body) = get(&sim, Some(&token), "/messages", &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        body,
        json!({"error": {"code": 429, "message": "Too many concurrent requests for user.", "errors": [{"message": "Too many concurrent requests for user.", "domain": "usageLimits", "reason": "rateLimitExceeded"}], "status": "RESOURCE_EXHAUSTED"}})
    );
    let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert_eq!(sim.quota_rejections(), 1);
    tokio::time::sleep(Duration::from_millis(600)).await;
    ok(&sim, &token, "/messages", &[]).await;
    // getProfile costs 1 unit.
    sim.set_gmail_quota(1, 3);
    for _ in 0..3 {
        ok(&sim, &token, "/profile", &[]).await;
    }
    let (status, headers, _) = get(&sim, Some(&token), "/profile", &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "1");
    assert_eq!(sim.quota_rejections(), 2);
    // Quota is per user: another account still has its own.
    sim.add_google_account("200000000000000000001", "bob@example.org", "Bob Andersson");
    let bob = sim
        .issue_grant(
            DEFAULT_PUBLIC_CLIENT_ID,
            "200000000000000000001",
            READONLY,
            3599,
        )
        .access_token;
    ok(&sim, &bob, "/profile", &[]).await;
}

#[tokio::test]
async fn injected_faults() {
    let (sim, token) = start();
    let status_of = |fault: GmailFault| {
        let sim = &sim;
        let token = &token;
        async move {
            sim.fail_next_gmail(1, fault);
            get(sim, Some(token), "/messages", &[]).await
        }
    };

    let (status, _, body) = status_of(GmailFault::Status(500)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body,
        json!({"error": {"code": 500, "message": "Backend Error", "errors": [{"message": "Backend Error", "domain": "global", "reason": "backendError"}], "status": "INTERNAL"}})
    );
    let (status, _, body) = status_of(GmailFault::Status(503)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"]["errors"][0]["reason"], "backendError");
    assert_eq!(body["error"]["status"], "UNAVAILABLE");
    let (status, headers, _) = status_of(GmailFault::Status(502)).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );

    let (status, _, body) = status_of(GmailFault::RateLimit403).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({"error": {"code": 403, "message": "Rate Limit Exceeded", "errors": [{"message": "Rate Limit Exceeded", "domain": "usageLimits", "reason": "rateLimitExceeded"}], "status": "PERMISSION_DENIED"}})
    );
    let (status, _, body) = status_of(GmailFault::UserRateLimit403).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"]["errors"][0]["reason"],
        "userRateLimitExceeded"
    );
    assert_eq!(body["error"]["errors"][0]["domain"], "usageLimits");

    let (status, headers, body) = status_of(GmailFault::TooManyRequests {
        retry_after_secs: 7,
    })
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "7");
    assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
    assert_eq!(
        sim.quota_rejections(),
        0,
        "injected 429s are not quota rejections"
    );

    // Reset: the connection closes with no answer; the next request is fine.
    sim.fail_next_gmail(1, GmailFault::Reset);
    let err = http()
        .get(format!("{}/profile", users_me(&sim)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_request() || err.is_connect(), "{err:?}");
    ok(&sim, &token, "/profile", &[]).await;

    // Truncate: status and headers arrive, the body stops half-way.
    let id = sim.message_id_by_subject("Hyresavi december 2025").unwrap();
    sim.fail_next_gmail(1, GmailFault::Truncate);
    let before = sim.gmail_bytes_sent();
    let response = http()
        .get(format!("{}/messages/{id}", users_me(&sim)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let length: u64 = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(response.bytes().await.is_err());
    assert_eq!(sim.gmail_bytes_sent() - before, length / 2);

    // fail_next_gmail(n) covers exactly n requests of any kind.
    sim.fail_next_gmail(2, GmailFault::Status(503));
    assert_eq!(
        get(&sim, Some(&token), "/profile", &[]).await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        get(&sim, Some(&token), &format!("/messages/{id}"), &[])
            .await
            .0,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        get(&sim, Some(&token), "/profile", &[]).await.0,
        StatusCode::OK
    );

    // fail_gmail_path: only matching paths, here always.
    let aid = sim.attachment_id(&id, "1").unwrap();
    sim.fail_gmail_path(&aid, usize::MAX, GmailFault::Status(500));
    for _ in 0..3 {
        let (status, _, _) = get(
            &sim,
            Some(&token),
            &format!("/messages/{id}/attachments/{aid}"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    }
    ok(&sim, &token, &format!("/messages/{id}"), &[]).await;
    let other = sim.message_id_by_subject("Hyresavi januari 2026").unwrap();
    let other_aid = sim.attachment_id(&other, "1").unwrap();
    ok(
        &sim,
        &token,
        &format!("/messages/{other}/attachments/{other_aid}"),
        &[],
    )
    .await;
    sim.fail_gmail_path(&other, 1, GmailFault::RateLimit403);
    assert_eq!(
        get(&sim, Some(&token), &format!("/messages/{other}"), &[])
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    ok(&sim, &token, &format!("/messages/{other}"), &[]).await;
    sim.clear_gmail_faults();
    ok(
        &sim,
        &token,
        &format!("/messages/{id}/attachments/{aid}"),
        &[],
    )
    .await;

    // Latency.
    sim.set_gmail_latency(Duration::from_millis(300));
    let started = Instant::now();
    ok(&sim, &token, "/profile", &[]).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    sim.set_gmail_latency(Duration::ZERO);

    // Every request was recorded, faulted ones included.
    let requests = sim.gmail_requests();
    assert_eq!(requests[0], "GET /gmail/v1/users/me/messages");
    assert!(requests.iter().any(|r| r.starts_with(&format!(
        "GET /gmail/v1/users/me/messages/{id}/attachments/"
    ))));
    assert_eq!(requests.len(), 21);
}

#[tokio::test]
async fn fields_masks() {
    let (sim, token) = start();
    let id = sim.message_id_by_subject("Fwd: Faktura 2025-0931").unwrap();
    let full = ok(&sim, &token, &format!("/messages/{id}"), &[]).await;

    let masked = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[(
            "fields",
            "id,threadId,internalDate,payload(partId,mimeType,filename,headers,body,parts)",
        )],
    )
    .await;
    assert_eq!(
        masked.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "threadId", "payload", "internalDate"]
    );
    assert_eq!(
        masked["payload"], full["payload"],
        "parts selected whole keeps the subtree"
    );

    let masked = ok(
        &sim,
        &token,
        &format!("/messages/{id}"),
        &[(
            "fields",
            "payload/parts(partId,filename,body/attachmentId,parts(partId,parts(partId,filename)))",
        )],
    )
    .await;
    assert_eq!(
        masked,
        json!({"payload": {"parts": [
            {"partId": "0", "filename": "", "body": {}},
            {"partId": "1", "filename": "Faktura 2025-0931 från Vattenfall.eml",
             "body": {"attachmentId": full["payload"]["parts"][1]["body"]["attachmentId"]},
             "parts": [{"partId": "1.0", "parts": [
                 {"partId": "1.0.0", "filename": ""},
                 {"partId": "1.0.1", "filename": "Vattenfall_faktura_2025-0931.pdf"}]}]},
        ]}})
    );

    let list = ok(
        &sim,
        &token,
        "/messages",
        &[
            ("maxResults", "2"),
            ("fields", "messages(id),nextPageToken"),
        ],
    )
    .await;
    assert_eq!(
        list.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["messages", "nextPageToken"]
    );
    assert_eq!(
        list["messages"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["id"]
    );

    let profile = ok(&sim, &token, "/profile", &[("fields", "emailAddress")]).await;
    assert_eq!(profile, json!({"emailAddress": DEFAULT_GOOGLE_EMAIL}));

    let (status, _, body) = get(&sim, Some(&token), "/profile", &[("fields", "payload(")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");

    // prettyPrint=false gives compact JSON.
    let response = http()
        .get(format!("{}/profile", users_me(&sim)))
        .query(&[("prettyPrint", "false")])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(!response.text().await.unwrap().contains('\n'));
}

/// The built-in query on a labelled mailbox of ordinary retail and personal mail in the five
/// languages: order confirmations, receipts and invoices are found; newsletters, shipping
/// notices and personal mail are not.
#[test]
fn the_default_query_on_a_labelled_mailbox() {
    let sim = Simulator::start();
    // (subject, found)
    const LABELLED: &[(&str, bool)] = &[
        ("Tack för din beställning!", true),
        ("Din beställning av Sony WH-1000XM5 har tagits emot", true),
        ("Orderbekräftelse #100234", true),
        ("Kvitto på ditt köp hos Clas Ohlson", true),
        ("Bekräftelse av din beställning 55-1234", true),
        ("Your order #112-4455 is confirmed", true),
        ("Thank you for your order", true),
        ("Order confirmation – 2026-11-03", true),
        ("Your receipt from Spotify", true),
        ("Ihre Bestellung bei Zalando", true),
        ("Bestellbestätigung Nr. 4711", true),
        ("Ihre Rechnung für November", true),
        ("Votre commande n° 5544 est confirmée", true),
        ("Confirmation de commande", true),
        ("Votre facture Free Mobile", true),
        ("Uw bestelling bij Bol.com", true),
        ("Bedankt voor je bestelling", true),
        ("Orderbevestiging 778899", true),
        ("Je factuur van Ziggo", true),
        ("Nyhetsbrev: veckans bästa erbjudanden", false),
        ("Black Friday – upp till 70 % rabatt", false),
        ("Middag på lördag?", false),
        ("Our newsletter: autumn collection", false),
        ("Invitation: team lunch", false),
        ("Neue Angebote für Sie", false),
        ("Les soldes commencent !", false),
        ("Weekaanbiedingen", false),
        ("Semesterbilder från Kreta", false),
        ("Din beställning har skickats", false),
        ("Your order has shipped", false),
        ("Ihre Bestellung wurde versandt", false),
        ("Votre commande a été expédiée", false),
        ("Je bestelling is verzonden", false),
    ];
    let mut ids = Vec::new();
    for (i, (subject, _)) in LABELLED.iter().enumerate() {
        let raw = format!(
            "From: Shop {i} <shop{i}@example.com>\r\nTo: {DEFAULT_GOOGLE_EMAIL}\r\n\
             Subject: =?UTF-8?B?{}?=\r\nDate: Tue, 3 Nov 2026 10:{i:02}:00 +0100\r\n\
             Message-ID: <labelled-{i}@example.com>\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n",
            base64::engine::general_purpose::STANDARD.encode(subject)
        );
        ids.push(sim.add_message(raw.into_bytes(), &["INBOX"]));
    }
    let matched: HashSet<String> = sim.gmail_search(GMAIL_INVOICE_QUERY).into_iter().collect();
    let mut wrong = Vec::new();
    for ((subject, want), id) in LABELLED.iter().zip(&ids) {
        let found = matched.contains(id);
        println!(
            "{} {subject}",
            if found { "found    " } else { "not found" }
        );
        if found != *want {
            wrong.push(*subject);
        }
    }
    assert!(wrong.is_empty(), "misclassified: {wrong:?}");
}
