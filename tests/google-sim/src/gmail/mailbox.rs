//! A Gmail mailbox: messages kept as their RFC 822 bytes, parsed with `mail-parser` into the
//! `MessagePart` tree Gmail serves, with what search needs, and rendered as Gmail's JSON.

use std::collections::HashSet;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use mail_parser::{HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// Gmail's system labels (ids are their names).
const SYSTEM_LABELS: &[&str] = &[
    "INBOX",
    "SPAM",
    "TRASH",
    "UNREAD",
    "STARRED",
    "IMPORTANT",
    "SENT",
    "DRAFT",
    "CHAT",
    "CATEGORY_PERSONAL",
    "CATEGORY_SOCIAL",
    "CATEGORY_PROMOTIONS",
    "CATEGORY_UPDATES",
    "CATEGORY_FORUMS",
];

/// One node of Gmail's `MessagePart` tree.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// `""` for the root, then `"0"`, `"1"`, `"1.0"`…
    pub part_id: String,
    pub mime_type: String,
    /// The decoded file name, `""` when none.
    pub filename: String,
    /// Unfolded header values; address and subject headers with encoded words decoded.
    pub headers: Vec<(String, String)>,
    /// The decoded content (transfer encoding removed): what `body.data` or
    /// `attachments.get` carries. Empty for containers. For `message/rfc822`: the embedded
    /// message's bytes.
    pub content: Vec<u8>,
    /// Set when the content is served through `attachments.get` instead of `body.data`.
    pub attachment_id: Option<String>,
    /// `multipart/*` and unnamed `message/rfc822`: body `{size: 0}`.
    pub container: bool,
    /// `Content-Disposition: inline`.
    pub inline: bool,
    /// The text of a `text/*` leaf, converted to UTF-8 (for search and snippets).
    pub text: Option<String>,
    pub parts: Vec<Part>,
}

impl Part {
    /// This part and all its descendants, depth first.
    pub fn walk(&self) -> Vec<&Part> {
        let mut out = vec![self];
        for child in &self.parts {
            out.extend(child.walk());
        }
        out
    }

    pub fn find(&self, part_id: &str) -> Option<&Part> {
        self.walk().into_iter().find(|p| p.part_id == part_id)
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The part as Gmail's `MessagePart` JSON.
    pub fn to_json(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("partId".into(), self.part_id.clone().into());
        obj.insert("mimeType".into(), self.mime_type.clone().into());
        obj.insert("filename".into(), self.filename.clone().into());
        obj.insert("headers".into(), headers_json(&self.headers, None));
        obj.insert("body".into(), self.body_json());
        if !self.parts.is_empty() {
            obj.insert(
                "parts".into(),
                Value::Array(self.parts.iter().map(Part::to_json).collect()),
            );
        }
        Value::Object(obj)
    }

    fn body_json(&self) -> Value {
        if self.container {
            return json!({ "size": 0 });
        }
        let size = self.content.len();
        match &self.attachment_id {
            Some(id) => json!({ "attachmentId": id, "size": size }),
            None if size == 0 => json!({ "size": 0 }),
            None => json!({ "size": size, "data": URL_SAFE.encode(&self.content) }),
        }
    }
}

fn headers_json(headers: &[(String, String)], only: Option<&[String]>) -> Value {
    Value::Array(
        headers
            .iter()
            .filter(|(name, _)| only.is_none_or(|o| o.iter().any(|w| w.eq_ignore_ascii_case(name))))
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect(),
    )
}

/// What search looks at, lower-cased and tokenized.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchDoc {
    pub subject: Vec<String>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub body: Vec<String>,
    /// Lower-cased file names of every named part (nested ones included).
    pub filenames: Vec<String>,
    pub has_attachment: bool,
    /// `Message-ID` without angle brackets, lower-cased.
    pub rfc822msgid: String,
}

/// A stored message.
#[derive(Debug)]
pub(crate) struct StoredMessage {
    pub id: String,
    pub thread_id: String,
    pub label_ids: Vec<String>,
    pub internal_date_ms: i64,
    pub history_id: u64,
    pub raw: Vec<u8>,
    pub payload: Part,
    pub snippet: String,
    pub subject: String,
    pub from: String,
    pub message_id_header: String,
    pub search: SearchDoc,
}

/// How much of a message `messages.get` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Minimal,
    Full,
    Raw,
    Metadata,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "minimal" => Some(Format::Minimal),
            "full" => Some(Format::Full),
            "raw" => Some(Format::Raw),
            "metadata" => Some(Format::Metadata),
            _ => None,
        }
    }
}

impl StoredMessage {
    /// The `Message` resource in the given format.
    pub fn to_json(&self, format: Format, metadata_headers: &[String]) -> Value {
        let mut obj = Map::new();
        obj.insert("id".into(), self.id.clone().into());
        obj.insert("threadId".into(), self.thread_id.clone().into());
        obj.insert("labelIds".into(), self.label_ids.clone().into());
        obj.insert("snippet".into(), self.snippet.clone().into());
        match format {
            Format::Full => {
                obj.insert("payload".into(), self.payload.to_json());
            }
            Format::Metadata => {
                let only = (!metadata_headers.is_empty()).then_some(metadata_headers);
                obj.insert(
                    "payload".into(),
                    json!({
                        "partId": "",
                        "mimeType": self.payload.mime_type,
                        "filename": "",
                        "headers": headers_json(&self.payload.headers, only),
                    }),
                );
            }
            Format::Minimal | Format::Raw => {}
        }
        obj.insert("sizeEstimate".into(), self.raw.len().into());
        if format == Format::Raw {
            obj.insert("raw".into(), URL_SAFE.encode(&self.raw).into());
        }
        obj.insert("historyId".into(), self.history_id.to_string().into());
        obj.insert(
            "internalDate".into(),
            self.internal_date_ms.to_string().into(),
        );
        Value::Object(obj)
    }

    /// The part whose content an attachment id names.
    pub fn attachment(&self, attachment_id: &str) -> Option<&Part> {
        self.payload
            .walk()
            .into_iter()
            .find(|p| p.attachment_id.as_deref() == Some(attachment_id))
    }
}

/// A user label.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub id: String,
    pub name: String,
}

/// One account's mailbox.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mailbox {
    pub messages: Vec<Arc<StoredMessage>>,
    pub labels: Vec<Label>,
    seq: u64,
    history_id: u64,
}

impl Mailbox {
    pub fn new() -> Mailbox {
        Mailbox {
            history_id: 1_204_000,
            ..Mailbox::default()
        }
    }

    /// The mailbox's current history id.
    pub fn history_id(&self) -> u64 {
        self.history_id
    }

    pub fn threads_total(&self) -> usize {
        self.messages
            .iter()
            .map(|m| m.thread_id.as_str())
            .collect::<HashSet<_>>()
            .len()
    }

    pub fn get(&self, id: &str) -> Option<&Arc<StoredMessage>> {
        self.messages.iter().find(|m| m.id == id)
    }

    /// Messages newest first (by `internalDate`, then id).
    pub fn newest_first(&self) -> Vec<&Arc<StoredMessage>> {
        let mut all: Vec<&Arc<StoredMessage>> = self.messages.iter().collect();
        all.sort_by(|a, b| {
            b.internal_date_ms
                .cmp(&a.internal_date_ms)
                .then_with(|| b.id.cmp(&a.id))
        });
        all
    }

    /// A user label by name or id (case-insensitive), as Gmail's `label:` reads it: spaces and
    /// slashes may be written as `-`.
    pub fn label_id(&self, name: &str) -> Option<String> {
        let norm = |s: &str| s.to_lowercase().replace([' ', '/'], "-");
        let wanted = norm(name);
        if let Some(system) = SYSTEM_LABELS.iter().find(|s| s.eq_ignore_ascii_case(name)) {
            return Some((*system).to_owned());
        }
        self.labels
            .iter()
            .find(|l| norm(&l.name) == wanted || l.id.eq_ignore_ascii_case(name))
            .map(|l| l.id.clone())
    }

    /// Resolves a label given by system id, user-label name or id; unknown names create a user
    /// label.
    fn resolve_label(&mut self, name: &str) -> String {
        if let Some(id) = self.label_id(name) {
            return id;
        }
        let id = format!("Label_{}", self.labels.len() + 1);
        self.labels.push(Label {
            id: id.clone(),
            name: name.to_owned(),
        });
        id
    }

    /// Adds a message from its RFC 822 bytes. Its `internalDate` is its `Date` header plus a
    /// little delivery delay (the current time when it has none); its thread is the one of the
    /// message it replies to, if any. Returns its id.
    pub fn add(&mut self, raw: Vec<u8>, labels: &[&str]) -> String {
        self.seq += 1;
        self.history_id += 17 + (self.seq % 5) * 3;
        let seq = self.seq;
        let parsed = MessageParser::default().parse(&raw[..]);
        let date_ms = parsed
            .as_ref()
            .and_then(|m| m.date())
            .map(|d| d.to_timestamp() * 1000 + 1000 + i64::try_from(seq * 137 % 1000).unwrap_or(0))
            .unwrap_or_else(|| crate::state::now() * 1000);
        let mut id_num =
            (u64::try_from(date_ms).unwrap_or(0) << 20) | (seq.wrapping_mul(0x9E37) & 0xF_FFFF);
        while self
            .messages
            .iter()
            .any(|m| m.id == format!("{id_num:016x}"))
        {
            id_num += 1;
        }
        let id = format!("{id_num:016x}");
        let label_ids: Vec<String> = {
            let mut ids = Vec::new();
            for l in labels {
                let l = self.resolve_label(l);
                if !ids.contains(&l) {
                    ids.push(l);
                }
            }
            ids
        };

        let (payload, doc, subject, from, message_id_header, references) = match &parsed {
            Some(message) => {
                let payload = build_part(message, 0, String::new(), &id);
                let doc = search_doc(message, &payload);
                let subject = message.subject().unwrap_or("").to_owned();
                let from = payload.header("From").unwrap_or("").to_owned();
                let mid = message.message_id().unwrap_or("").to_owned();
                let mut refs = Vec::new();
                for v in [message.in_reply_to(), message.references()] {
                    match v {
                        HeaderValue::Text(t) => refs.push(t.to_string()),
                        HeaderValue::TextList(l) => refs.extend(l.iter().map(|t| t.to_string())),
                        _ => {}
                    }
                }
                (payload, doc, subject, from, mid, refs)
            }
            None => (
                Part {
                    part_id: String::new(),
                    mime_type: "text/plain".into(),
                    filename: String::new(),
                    headers: Vec::new(),
                    content: raw.clone(),
                    attachment_id: None,
                    container: false,
                    inline: false,
                    text: None,
                    parts: Vec::new(),
                },
                SearchDoc::default(),
                String::new(),
                String::new(),
                String::new(),
                Vec::new(),
            ),
        };
        let thread_id = self
            .messages
            .iter()
            .find(|m| !m.message_id_header.is_empty() && references.contains(&m.message_id_header))
            .map_or_else(|| id.clone(), |m| m.thread_id.clone());
        let snippet = snippet(&payload);
        self.messages.push(Arc::new(StoredMessage {
            id: id.clone(),
            thread_id,
            label_ids,
            internal_date_ms: date_ms,
            history_id: self.history_id,
            raw,
            payload,
            snippet,
            subject,
            from,
            message_id_header,
            search: doc,
        }));
        id
    }
}

/// Gmail-looking attachment id of a part: long, opaque, URL-safe and stable.
fn attachment_id(message_id: &str, part_id: &str) -> String {
    let a = Sha256::digest(format!("{message_id}:{part_id}:a").as_bytes());
    let b = Sha256::digest(format!("{message_id}:{part_id}:b").as_bytes());
    format!(
        "ANGjdJ{}{}",
        URL_SAFE_NO_PAD.encode(a),
        URL_SAFE_NO_PAD.encode(&b[..24])
    )
}

fn child_id(parent: &str, index: usize) -> String {
    if parent.is_empty() {
        index.to_string()
    } else {
        format!("{parent}.{index}")
    }
}

/// Unfolds a raw header value (RFC 5322 §2.2.3) and trims it.
fn unfold(raw: &str) -> String {
    raw.replace("\r\n", "").replace('\n', "").trim().to_owned()
}

/// Whether Gmail shows this header decoded (encoded words resolved).
fn decoded_header(name: &HeaderName<'_>) -> bool {
    matches!(
        name,
        HeaderName::Subject
            | HeaderName::From
            | HeaderName::To
            | HeaderName::Cc
            | HeaderName::Bcc
            | HeaderName::ReplyTo
            | HeaderName::Sender
    )
}

fn render_addresses(value: &HeaderValue<'_>) -> Option<String> {
    let HeaderValue::Address(address) = value else {
        return None;
    };
    let rendered: Vec<String> = address
        .iter()
        .map(|a| match (a.name(), a.address()) {
            (Some(name), Some(addr)) => {
                if name.contains([',', ';', ':', '<', '>', '@', '"', '(', ')', '[', ']', '\\']) {
                    format!(
                        "\"{}\" <{addr}>",
                        name.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                } else {
                    format!("{name} <{addr}>")
                }
            }
            (None, Some(addr)) => addr.to_owned(),
            (Some(name), None) => name.to_owned(),
            (None, None) => String::new(),
        })
        .collect();
    Some(rendered.join(", "))
}

/// Builds the `MessagePart` of `message.parts[index]`.
fn build_part(message: &Message<'_>, index: usize, part_id: String, message_id: &str) -> Part {
    let raw = message.raw_message.as_ref();
    let Some(mp) = message.parts.get(index) else {
        return Part {
            part_id,
            mime_type: "text/plain".into(),
            filename: String::new(),
            headers: Vec::new(),
            content: Vec::new(),
            attachment_id: None,
            container: false,
            inline: false,
            text: None,
            parts: Vec::new(),
        };
    };
    let headers: Vec<(String, String)> = mp
        .headers
        .iter()
        .map(|h| {
            let slice = |a: u32, b: u32| {
                raw.get(a as usize..b as usize)
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .unwrap_or_default()
            };
            let name = slice(h.offset_field, h.offset_start);
            let name = name.trim_end().trim_end_matches(':').trim().to_owned();
            let mut value = unfold(&slice(h.offset_start, h.offset_end));
            if decoded_header(&h.name) && value.contains("=?") {
                value = match &h.value {
                    HeaderValue::Text(t) => t.to_string(),
                    other => render_addresses(other).unwrap_or(value),
                };
            }
            (name, value)
        })
        .collect();
    let mime_type = mp
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_owned(),
        })
        .unwrap_or_else(|| {
            if matches!(mp.body, PartType::Message(_)) {
                "message/rfc822".into()
            } else {
                "text/plain".into()
            }
        })
        .to_ascii_lowercase();
    let filename = mp.attachment_name().unwrap_or("").to_owned();
    let inline = mp.content_disposition().is_some_and(|cd| cd.is_inline());
    let named = !filename.is_empty();
    let attachment = |content: &[u8]| {
        (named && !content.is_empty()).then(|| attachment_id(message_id, &part_id))
    };
    match &mp.body {
        PartType::Multipart(children) => {
            let parts = children
                .iter()
                .enumerate()
                .map(|(i, &child)| {
                    build_part(message, child as usize, child_id(&part_id, i), message_id)
                })
                .collect();
            Part {
                part_id,
                mime_type,
                filename,
                headers,
                content: Vec::new(),
                attachment_id: None,
                container: true,
                inline,
                text: None,
                parts,
            }
        }
        PartType::Message(inner) => {
            let content = inner.raw_message().to_vec();
            let attachment_id = attachment(&content);
            let child = build_part(inner, 0, child_id(&part_id, 0), message_id);
            Part {
                container: attachment_id.is_none(),
                attachment_id,
                part_id,
                mime_type,
                filename,
                headers,
                content,
                inline,
                text: None,
                parts: vec![child],
            }
        }
        _ => {
            let content = leaf_content(message, mp);
            Part {
                attachment_id: attachment(&content),
                part_id,
                mime_type,
                filename,
                headers,
                content,
                container: false,
                inline,
                text: match &mp.body {
                    PartType::Text(t) | PartType::Html(t) => Some(t.to_string()),
                    _ => None,
                },
                parts: Vec::new(),
            }
        }
    }
}

/// The content of a leaf part with only the transfer encoding removed, as Gmail serves it.
/// mail-parser converts text parts to UTF-8; for other charsets the original bytes are
/// decoded from the raw message instead.
fn leaf_content(message: &Message<'_>, mp: &mail_parser::MessagePart<'_>) -> Vec<u8> {
    let converted = mp.contents().to_vec();
    if !matches!(mp.body, PartType::Text(_) | PartType::Html(_)) {
        return converted;
    }
    let charset = mp
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .unwrap_or("us-ascii")
        .to_ascii_lowercase();
    if matches!(charset.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
        return converted;
    }
    let Some(raw) = message
        .raw_message
        .get(mp.offset_body as usize..mp.offset_end as usize)
    else {
        return converted;
    };
    let decoded = match mp.encoding {
        mail_parser::Encoding::Base64 => mail_parser::decoders::base64::base64_decode(raw),
        mail_parser::Encoding::QuotedPrintable => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(raw)
        }
        mail_parser::Encoding::None => {
            let trimmed = if converted.ends_with(b"\n") {
                raw
            } else {
                raw.strip_suffix(b"\r\n").unwrap_or(raw)
            };
            Some(trimmed.to_vec())
        }
    };
    decoded.unwrap_or(converted)
}

/// Lower-cased words of a text: runs of alphanumeric characters (Unicode-aware).
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `needle` occurs as consecutive tokens in `hay`.
pub(crate) fn contains_phrase(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn address_tokens(message: &Message<'_>, name: HeaderName<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for value in message.header_values(name) {
        if let HeaderValue::Address(address) = value {
            for a in address.iter() {
                if let Some(n) = a.name() {
                    out.extend(tokenize(n));
                }
                if let Some(addr) = a.address() {
                    out.extend(tokenize(addr));
                }
            }
        }
    }
    out
}

/// Text of a body part for search and snippets (HTML reduced to its text).
fn part_text(part: &Part) -> Option<String> {
    if !part.filename.is_empty() || part.attachment_id.is_some() {
        return None;
    }
    let text = part.text.as_deref()?;
    match part.mime_type.as_str() {
        "text/plain" => Some(text.to_owned()),
        "text/html" => Some(mail_parser::decoders::html::html_to_text(text)),
        _ => None,
    }
}

fn search_doc(message: &Message<'_>, payload: &Part) -> SearchDoc {
    let mut body = Vec::new();
    let mut filenames = Vec::new();
    let mut has_attachment = false;
    for part in payload.walk() {
        if let Some(text) = part_text(part) {
            body.extend(tokenize(&text));
        }
        if !part.filename.is_empty() {
            filenames.push(part.filename.to_lowercase());
            if !part.inline {
                has_attachment = true;
            }
        }
    }
    SearchDoc {
        subject: tokenize(message.subject().unwrap_or("")),
        from: address_tokens(message, HeaderName::From),
        to: address_tokens(message, HeaderName::To),
        cc: address_tokens(message, HeaderName::Cc),
        bcc: address_tokens(message, HeaderName::Bcc),
        body,
        filenames,
        has_attachment,
        rfc822msgid: message.message_id().unwrap_or("").to_lowercase(),
    }
}

/// Gmail's snippet: the start of the text (the plain body, else the HTML body's text),
/// whitespace collapsed, HTML-escaped.
fn snippet(payload: &Part) -> String {
    let parts = payload.walk();
    let text = parts
        .iter()
        .filter(|p| p.mime_type == "text/plain")
        .find_map(|p| part_text(p))
        .or_else(|| {
            parts
                .iter()
                .filter(|p| p.mime_type == "text/html")
                .find_map(|p| part_text(p))
        })
        .unwrap_or_default();
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = collapsed.chars().take(140).collect();
    crate::util::html_escape(cut.trim_end())
}
