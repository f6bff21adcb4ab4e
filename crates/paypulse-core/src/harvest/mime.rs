//! A message's MIME tree, read locally from its RFC 822 bytes (`format=raw`) by `mail-parser`,
//! in the shape Gmail's `format=full` answer gives it: the same `partId`s (`""` for the root,
//! then `"0"`, `"1"`, `"1.0"`, ... by position; a `message/rfc822` part's message is its child
//! `"N.0"`), MIME types, decoded file names, headers as Gmail shows them, and each leaf's content
//! with only its transfer encoding removed.
//!
//! Untrusted input: the walk keeps its own stack (no recursion however deep the message), a
//! message nested deeper than [`MAX_MIME_DEPTH`] levels is refused, and [`dismantle`] frees a
//! parsed message without the recursive drop of its nested messages.

use std::borrow::Cow;

use mail_parser::{HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType};

use crate::gmail::{GmailError, MAX_MIME_DEPTH};
use crate::harvest::plan::MimePart;

/// A parsed message (borrows its bytes). Read its tree with [`Tree::of`]; free it with
/// [`dismantle`].
pub fn parse(raw: &[u8]) -> Option<Message<'_>> {
    MessageParser::new().parse(raw)
}

/// The message's parts, depth first, with what the manifest and the names need.
pub struct Tree<'a, 'x> {
    pub parts: Vec<MimePart>,
    /// The root's `Date`, `From` and `Subject`, as Gmail shows them.
    pub date: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    /// Where each part's content is: (the message that holds it, its index there).
    nodes: Vec<Option<(&'a Message<'x>, usize)>>,
    raw: &'x [u8],
}

impl<'a, 'x> Tree<'a, 'x> {
    /// The tree of `message` (parsed from `raw`; `None`: no headers at all, read as one
    /// text part, as Gmail does). [`GmailError::TooDeep`] past [`MAX_MIME_DEPTH`] levels.
    pub fn of(message: Option<&'a Message<'x>>, raw: &'x [u8]) -> Result<Self, GmailError> {
        Self::with_depth(message, raw, MAX_MIME_DEPTH)
    }

    fn with_depth(
        message: Option<&'a Message<'x>>,
        raw: &'x [u8],
        max_depth: usize,
    ) -> Result<Self, GmailError> {
        let mut tree = Tree {
            parts: Vec::new(),
            date: None,
            from: None,
            subject: None,
            nodes: Vec::new(),
            raw,
        };
        let Some(message) = message.filter(|m| !m.parts.is_empty()) else {
            tree.parts.push(MimePart {
                part_id: String::new(),
                mime_type: "text/plain".into(),
                filename: String::new(),
                attachment: false,
                container: false,
                size: raw.len() as u64,
            });
            tree.nodes.push(None);
            return Ok(tree);
        };
        if let Some(root) = message.parts.first() {
            let headers = gmail_headers(message, root);
            let find = |name: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            tree.date = find("Date");
            tree.from = find("From");
            tree.subject = find("Subject");
        }
        // (message, part index, partId, depth), depth first, children in order.
        let mut stack: Vec<(&'a Message<'x>, usize, String, usize)> =
            vec![(message, 0, String::new(), 0)];
        while let Some((msg, index, part_id, depth)) = stack.pop() {
            if depth > max_depth {
                return Err(GmailError::TooDeep(max_depth));
            }
            let Some(mp) = msg.parts.get(index) else {
                tree.parts.push(MimePart {
                    part_id,
                    mime_type: "text/plain".into(),
                    filename: String::new(),
                    attachment: false,
                    container: true,
                    size: 0,
                });
                tree.nodes.push(None);
                continue;
            };
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
            let attachment = mp
                .content_disposition()
                .is_some_and(|cd| cd.is_attachment());
            let named = !filename.is_empty();
            let child = |i: usize| {
                if part_id.is_empty() {
                    i.to_string()
                } else {
                    format!("{part_id}.{i}")
                }
            };
            match &mp.body {
                PartType::Multipart(children) => {
                    for (i, &c) in children.iter().enumerate().rev() {
                        stack.push((msg, c as usize, child(i), depth + 1));
                    }
                    tree.parts.push(MimePart {
                        part_id,
                        mime_type,
                        filename,
                        attachment,
                        container: true,
                        size: 0,
                    });
                    tree.nodes.push(None);
                }
                PartType::Message(inner) => {
                    let size = message_bytes(msg, mp, inner).len() as u64;
                    // A named message with content is an attachment of its own (Gmail gives
                    // it an attachment id); else only a container.
                    let container = !(named && size > 0);
                    stack.push((inner, 0, child(0), depth + 1));
                    tree.parts.push(MimePart {
                        part_id,
                        mime_type,
                        filename,
                        attachment,
                        container,
                        size: if container { 0 } else { size },
                    });
                    tree.nodes.push((!container).then_some((msg, index)));
                }
                _ => {
                    let size = leaf_content(msg, mp).len() as u64;
                    tree.parts.push(MimePart {
                        part_id,
                        mime_type,
                        filename,
                        attachment,
                        container: false,
                        size,
                    });
                    tree.nodes.push(Some((msg, index)));
                }
            }
        }
        Ok(tree)
    }

    /// The content of part `i` (transfer encoding removed; empty for containers).
    pub fn content(&self, i: usize) -> Cow<'_, [u8]> {
        match self.nodes.get(i) {
            Some(Some((msg, index))) => match msg.parts.get(*index) {
                Some(mp) => match &mp.body {
                    PartType::Message(inner) => message_bytes(msg, mp, inner),
                    _ => leaf_content(msg, mp),
                },
                None => Cow::Borrowed(&[]),
            },
            Some(None) if self.parts.len() == 1 && !self.parts[0].container => {
                Cow::Borrowed(self.raw)
            }
            _ => Cow::Borrowed(&[]),
        }
    }
}

/// Frees a parsed message without recursing into its nested messages (a message nested
/// 100,000 `message/rfc822` levels deep would overflow the stack of a recursive drop).
pub fn dismantle(message: Option<Message<'_>>) {
    let mut pending: Vec<Message<'_>> = message.into_iter().collect();
    while let Some(mut m) = pending.pop() {
        for part in std::mem::take(&mut m.parts) {
            if let PartType::Message(inner) = part.body {
                pending.push(inner);
            }
        }
    }
}

/// The bytes of a `message/rfc822` part: the embedded message.
fn message_bytes<'m>(
    owner: &'m Message<'_>,
    mp: &'m mail_parser::MessagePart<'_>,
    inner: &'m Message<'_>,
) -> Cow<'m, [u8]> {
    if mp.encoding == mail_parser::Encoding::None {
        let raw = owner.raw_message.as_ref();
        if let Some(b) = raw.get(mp.offset_body as usize..mp.offset_end as usize) {
            return Cow::Borrowed(b);
        }
    }
    Cow::Borrowed(inner.raw_message())
}

/// The content of a leaf with only its transfer encoding removed, as Gmail serves it: text in
/// another charset than UTF-8 (or not valid UTF-8) keeps its own bytes, not mail-parser's UTF-8.
fn leaf_content<'m>(
    message: &'m Message<'_>,
    mp: &'m mail_parser::MessagePart<'_>,
) -> Cow<'m, [u8]> {
    let converted = mp.contents();
    let text = match &mp.body {
        PartType::Text(t) | PartType::Html(t) => t,
        _ => return Cow::Borrowed(converted),
    };
    let charset = mp
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .unwrap_or("us-ascii")
        .to_ascii_lowercase();
    let utf8 = matches!(charset.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii");
    if utf8 && !text.contains('\u{FFFD}') {
        return Cow::Borrowed(converted);
    }
    let Some(raw) = message
        .raw_message
        .get(mp.offset_body as usize..mp.offset_end as usize)
    else {
        return Cow::Borrowed(converted);
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
            return Cow::Borrowed(trimmed);
        }
    };
    decoded.map_or(Cow::Borrowed(converted), Cow::Owned)
}

/// A part's headers as Gmail shows them: unfolded values, address and subject headers with
/// encoded words decoded.
fn gmail_headers(
    message: &Message<'_>,
    mp: &mail_parser::MessagePart<'_>,
) -> Vec<(String, String)> {
    let raw = message.raw_message.as_ref();
    mp.headers
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
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, rfc822: bool) -> Vec<u8> {
        let mut body = b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"x.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n".to_vec();
        for i in 0..depth {
            body = if rfc822 {
                let mut m =
                    b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\nMIME-Version: 1.0\r\n"
                        .to_vec();
                m.extend_from_slice(&body);
                m
            } else {
                let b = format!("b{i}");
                let mut m =
                    format!("Content-Type: multipart/mixed; boundary=\"{b}\"\r\n\r\n--{b}\r\n")
                        .into_bytes();
                m.extend_from_slice(&body);
                m.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
                m
            };
        }
        let mut raw = b"From: a@b.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n".to_vec();
        raw.extend_from_slice(&body);
        raw
    }

    fn tree_of(raw: &[u8], max: usize) -> Result<Vec<(String, String, u64)>, GmailError> {
        let msg = parse(raw);
        let out = Tree::with_depth(msg.as_ref(), raw, max).map(|t| {
            t.parts
                .iter()
                .map(|p| (p.part_id.clone(), p.mime_type.clone(), p.size))
                .collect()
        });
        dismantle(msg);
        out
    }

    #[test]
    fn part_ids_by_position_and_contents_decoded() {
        let raw = b"From: =?utf-8?q?K=C3=B6k_AB?= <a@kok.example>\r\nSubject: Faktura\r\nDate: Mon, 1 Dec 2025 08:30:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej\r\n--x\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename*=utf-8''f%C3%B6r.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--x--\r\n";
        let msg = parse(raw);
        let t = Tree::of(msg.as_ref(), raw).unwrap();
        let ids: Vec<&str> = t.parts.iter().map(|p| p.part_id.as_str()).collect();
        assert_eq!(ids, ["", "0", "1"]);
        assert_eq!(t.parts[2].filename, "för.pdf");
        assert!(t.parts[2].attachment);
        assert_eq!(&*t.content(2), b"%PDF-1.4");
        assert_eq!(&*t.content(1), b"Hej");
        assert_eq!(t.from.as_deref(), Some("Kök AB <a@kok.example>"));
        assert_eq!(t.subject.as_deref(), Some("Faktura"));
        drop(t);
        dismantle(msg);

        // A message without parts: the root alone, partId "".
        let raw = b"Subject: x\r\n\r\nbody\r\n";
        assert_eq!(tree_of(raw, 8).unwrap()[0].0, "");
    }

    #[test]
    fn deep_messages_are_refused_without_overflowing_the_stack() {
        let ids = tree_of(&nested(70, false), MAX_MIME_DEPTH).unwrap();
        assert_eq!(ids.last().unwrap().1, "application/pdf");
        assert_eq!(ids.last().unwrap().0.split('.').count(), 70);
        assert!(matches!(
            tree_of(&nested(300, false), MAX_MIME_DEPTH),
            Err(GmailError::TooDeep(_))
        ));
        // Forwarded within forwarded, far deeper than a recursive drop survives.
        let deep = nested(100_000, true);
        assert!(matches!(
            tree_of(&deep, MAX_MIME_DEPTH),
            Err(GmailError::TooDeep(_))
        ));
        let ids = tree_of(&nested(10, true), MAX_MIME_DEPTH).unwrap();
        assert_eq!(ids[1].0, "0");
        assert_eq!(ids.last().unwrap().1, "application/pdf");
    }

    #[test]
    fn a_hundred_thousand_parts_in_one_pass() {
        let mut raw = b"Subject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"z\"\r\n\r\n".to_vec();
        for i in 0..100_000 {
            raw.extend_from_slice(
                format!("--z\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"{i}.pdf\"\r\n\r\n%PDF\r\n").as_bytes(),
            );
        }
        raw.extend_from_slice(b"--z--\r\n");
        let started = std::time::Instant::now();
        let ids = tree_of(&raw, MAX_MIME_DEPTH).unwrap();
        assert_eq!(ids.len(), 100_001);
        assert_eq!(ids[100_000].0, "99999");
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }
}
