//! Which parts of a message to save: attachments of the selected types (by MIME type or by
//! extension, inside forwarded messages too), else the HTML (or text) body.

use crate::gmail::{Message, MessagePart};

/// What kind of file a saved part is (the manifest's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Attachment,
    Body,
    Raw,
}

/// Where a part's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Inline in the message (`body.data`, base64url).
    Inline(String),
    /// To fetch with `attachments.get`.
    Attachment(String),
    /// The whole message, `format=raw`.
    Raw,
}

/// One file to write.
#[derive(Debug, Clone)]
pub struct PlannedPart {
    pub part_id: Option<String>,
    pub kind: PartKind,
    /// The original, decoded file name, when the part has one.
    pub filename: Option<String>,
    pub mime_type: String,
    /// The extension the saved file gets (without the dot).
    pub extension: String,
    pub source: Source,
    pub size_hint: u64,
}

/// The selected attachment types: extensions (`pdf`, `xml`) with their MIME types.
#[derive(Debug, Clone)]
pub struct TypeFilter(Vec<String>);

impl TypeFilter {
    pub fn new(list: &[String]) -> TypeFilter {
        let mut v: Vec<String> = list
            .iter()
            .flat_map(|s| s.split(','))
            .map(|s| s.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        v.dedup();
        if v.is_empty() {
            v.extend(["pdf".into(), "xml".into()]);
        }
        TypeFilter(v)
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// The extension this part matches under, if any: its file name's extension, or its
    /// MIME type (`application/pdf`, `application/xml`, `text/xml`, `application/<ext>`).
    fn matches(&self, part: &MessagePart) -> Option<String> {
        let name = part.filename.as_deref().unwrap_or("");
        let ext = extension_of(name);
        if let Some(e) = &ext
            && self.0.contains(e)
        {
            return Some(e.clone());
        }
        let mime = part.mime_type.as_deref().unwrap_or("").to_ascii_lowercase();
        let (top, sub) = mime.split_once('/').unwrap_or(("", ""));
        let sub = sub.split(';').next().unwrap_or("").trim();
        let sub = sub.strip_prefix("x-").unwrap_or(sub);
        self.0
            .iter()
            .find(|t| {
                (top == "application" || (top == "text" && t.as_str() == "xml"))
                    && sub == t.as_str()
            })
            .cloned()
    }
}

/// The lower-case extension of a file name (`x.PDF` → `pdf`).
pub fn extension_of(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.is_empty()
        || ext.is_empty()
        || ext.len() > 10
        || !ext.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    Some(ext.to_ascii_lowercase())
}

/// Every part of the tree, depth first (forwarded `message/rfc822` parts included).
fn walk<'a>(part: &'a MessagePart, out: &mut Vec<&'a MessagePart>) {
    out.push(part);
    for p in &part.parts {
        walk(p, out);
    }
}

fn is_attachment_like(part: &MessagePart) -> bool {
    let named = part.filename.as_deref().is_some_and(|f| !f.is_empty());
    let disposition = part
        .header("Content-Disposition")
        .unwrap_or("")
        .to_ascii_lowercase();
    named || disposition.starts_with("attachment")
}

fn source_of(part: &MessagePart) -> Option<Source> {
    let body = part.body.as_ref()?;
    if let Some(id) = &body.attachment_id {
        return Some(Source::Attachment(id.clone()));
    }
    body.data.as_ref().map(|d| Source::Inline(d.clone()))
}

/// The files to write for `msg`.
pub fn plan(msg: &Message, types: &TypeFilter, bodies: bool, raw: bool) -> Vec<PlannedPart> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    if let Some(p) = &msg.payload {
        walk(p, &mut parts);
    }
    for part in &parts {
        if part
            .mime_type
            .as_deref()
            .is_some_and(|m| m.starts_with("multipart/"))
        {
            continue;
        }
        let Some(ext) = types.matches(part) else {
            continue;
        };
        let Some(source) = source_of(part) else {
            continue;
        };
        out.push(PlannedPart {
            part_id: part.part_id.clone(),
            kind: PartKind::Attachment,
            filename: part.filename.clone().filter(|f| !f.is_empty()),
            mime_type: part
                .mime_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into()),
            extension: ext,
            source,
            size_hint: part.body.as_ref().and_then(|b| b.size).unwrap_or(0),
        });
    }
    if out.is_empty() && bodies {
        for (mime, ext) in [("text/html", "html"), ("text/plain", "txt")] {
            let body = parts.iter().find(|p| {
                p.mime_type
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(mime))
                    && !is_attachment_like(p)
                    && source_of(p).is_some()
            });
            if let Some(p) = body {
                out.push(PlannedPart {
                    part_id: p.part_id.clone(),
                    kind: PartKind::Body,
                    filename: None,
                    mime_type: mime.into(),
                    extension: ext.into(),
                    source: source_of(p).expect("checked above"),
                    size_hint: p.body.as_ref().and_then(|b| b.size).unwrap_or(0),
                });
                break;
            }
        }
    }
    if raw {
        out.push(raw_part());
    }
    out
}

/// The whole message as `.eml`.
pub fn raw_part() -> PlannedPart {
    PlannedPart {
        part_id: None,
        kind: PartKind::Raw,
        filename: None,
        mime_type: "message/rfc822".into(),
        extension: "eml".into(),
        source: Source::Raw,
        size_hint: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(
        id: &str,
        mime: &str,
        filename: &str,
        body: serde_json::Value,
        parts: Vec<serde_json::Value>,
    ) -> serde_json::Value {
        serde_json::json!({"partId": id, "mimeType": mime, "filename": filename, "headers": [], "body": body, "parts": parts})
    }

    fn message(payload: serde_json::Value) -> Message {
        serde_json::from_value(
            serde_json::json!({"id": "m1", "threadId": "t1", "payload": payload}),
        )
        .unwrap()
    }

    fn att(id: &str) -> serde_json::Value {
        serde_json::json!({"attachmentId": id, "size": 10})
    }

    fn data() -> serde_json::Value {
        serde_json::json!({"data": "PGI-aGk8L2I-", "size": 9})
    }

    #[test]
    fn pdfs_by_type_or_extension_including_forwarded_ones() {
        let msg = message(part(
            "",
            "multipart/mixed",
            "",
            serde_json::json!({"size": 0}),
            vec![
                part(
                    "0",
                    "multipart/alternative",
                    "",
                    serde_json::json!({"size": 0}),
                    vec![
                        part("0.0", "text/plain", "", data(), vec![]),
                        part("0.1", "text/html", "", data(), vec![]),
                    ],
                ),
                part("1", "application/pdf", "Hyresavi.pdf", att("a1"), vec![]),
                part(
                    "2",
                    "application/octet-stream",
                    "faktura_1234.PDF",
                    att("a2"),
                    vec![],
                ),
                part("3", "image/png", "logo.png", att("a3"), vec![]),
                part(
                    "4",
                    "message/rfc822",
                    "",
                    serde_json::json!({"size": 100}),
                    vec![part(
                        "4.0",
                        "multipart/mixed",
                        "",
                        serde_json::json!({"size": 0}),
                        vec![part(
                            "4.0.1",
                            "application/pdf",
                            "inner.pdf",
                            att("a4"),
                            vec![],
                        )],
                    )],
                ),
                part("5", "application/xml", "invoice.xml", att("a5"), vec![]),
            ],
        ));
        let p = plan(&msg, &TypeFilter::new(&["pdf".into()]), true, false);
        let ids: Vec<_> = p.iter().map(|p| p.part_id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["1", "2", "4.0.1"]);
        assert!(
            p.iter()
                .all(|p| p.extension == "pdf" && p.kind == PartKind::Attachment)
        );
        let p = plan(&msg, &TypeFilter::new(&["pdf,xml".into()]), true, true);
        let ids: Vec<_> = p.iter().map(|p| p.part_id.clone()).collect();
        assert_eq!(ids.len(), 5, "{ids:?}");
        assert_eq!(p[3].extension, "xml");
        assert_eq!(p[4].kind, PartKind::Raw);
    }

    #[test]
    fn a_message_without_matching_attachments_yields_its_html_body() {
        let msg = message(part(
            "",
            "multipart/related",
            "",
            serde_json::json!({"size": 0}),
            vec![
                part(
                    "0",
                    "multipart/alternative",
                    "",
                    serde_json::json!({"size": 0}),
                    vec![
                        part("0.0", "text/plain", "", data(), vec![]),
                        part("0.1", "text/html", "", data(), vec![]),
                    ],
                ),
                part("1", "image/png", "inline.png", att("img"), vec![]),
            ],
        ));
        let p = plan(&msg, &TypeFilter::new(&[]), true, false);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, PartKind::Body);
        assert_eq!(p[0].extension, "html");
        assert_eq!(p[0].part_id.as_deref(), Some("0.1"));
        assert!(plan(&msg, &TypeFilter::new(&[]), false, false).is_empty());
        let text_only = message(part("", "text/plain", "", data(), vec![]));
        assert_eq!(
            plan(&text_only, &TypeFilter::new(&[]), true, false)[0].extension,
            "txt"
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(extension_of("a.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension_of(".pdf"), None);
        assert_eq!(extension_of("noext"), None);
        assert_eq!(extension_of("x.p d f"), None);
    }
}
