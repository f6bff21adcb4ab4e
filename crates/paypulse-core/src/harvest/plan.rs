//! Which parts of a message to save: attachments of the selected types (by MIME type or by
//! extension, inside forwarded messages too), else the HTML (or text) body.

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
    /// The part at this index of the message's parts (depth first).
    Part(usize),
    /// The whole message (`.eml`).
    Raw,
}

/// One MIME part of a message, as Gmail's `format=full` tree shows it (read locally from the
/// raw message, see [`super::mime`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MimePart {
    /// Gmail's `partId`: `""` for the root, then `"0"`, `"1"`, `"1.0"`...
    pub part_id: String,
    /// Lower case, `type/subtype`.
    pub mime_type: String,
    /// The decoded file name, `""` when none.
    pub filename: String,
    /// `Content-Disposition: attachment`.
    pub attachment: bool,
    /// `multipart/*` and unnamed `message/rfc822`: no content of their own.
    pub container: bool,
    /// Bytes of content (transfer encoding removed).
    pub size: u64,
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
    fn matches(&self, part: &MimePart) -> Option<String> {
        let ext = extension_of(&part.filename);
        if let Some(e) = &ext
            && self.0.contains(e)
        {
            return Some(e.clone());
        }
        let mime = part.mime_type.to_ascii_lowercase();
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

fn is_attachment_like(part: &MimePart) -> bool {
    !part.filename.is_empty() || part.attachment
}

/// Whether a part has content to save (Gmail: `body.data` or an attachment id).
fn has_content(part: &MimePart) -> bool {
    !part.container && part.size > 0
}

/// The files to write for a message whose parts (depth first) are `parts`.
pub fn plan(parts: &[MimePart], types: &TypeFilter, bodies: bool, raw: bool) -> Vec<PlannedPart> {
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if part.mime_type.starts_with("multipart/") {
            continue;
        }
        let Some(ext) = types.matches(part) else {
            continue;
        };
        if !has_content(part) {
            continue;
        }
        out.push(PlannedPart {
            part_id: Some(part.part_id.clone()),
            kind: PartKind::Attachment,
            filename: Some(part.filename.clone()).filter(|f| !f.is_empty()),
            mime_type: part.mime_type.clone(),
            extension: ext,
            source: Source::Part(i),
            size_hint: part.size,
        });
    }
    if out.is_empty() && bodies {
        for (mime, ext) in [("text/html", "html"), ("text/plain", "txt")] {
            let body = parts.iter().position(|p| {
                p.mime_type.eq_ignore_ascii_case(mime) && !is_attachment_like(p) && has_content(p)
            });
            if let Some(i) = body {
                out.push(PlannedPart {
                    part_id: Some(parts[i].part_id.clone()),
                    kind: PartKind::Body,
                    filename: None,
                    mime_type: mime.into(),
                    extension: ext.into(),
                    source: Source::Part(i),
                    size_hint: parts[i].size,
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

    /// (partId, MIME type, file name, has content).
    fn tree(parts: &[(&str, &str, &str, bool)]) -> Vec<MimePart> {
        parts
            .iter()
            .map(|(id, mime, name, content)| MimePart {
                part_id: (*id).into(),
                mime_type: (*mime).into(),
                filename: (*name).into(),
                attachment: false,
                container: mime.starts_with("multipart/") || !content,
                size: if *content { 10 } else { 0 },
            })
            .collect()
    }

    #[test]
    fn pdfs_by_type_or_extension_including_forwarded_ones() {
        let msg = tree(&[
            ("", "multipart/mixed", "", false),
            ("0", "multipart/alternative", "", false),
            ("0.0", "text/plain", "", true),
            ("0.1", "text/html", "", true),
            ("1", "application/pdf", "Hyresavi.pdf", true),
            ("2", "application/octet-stream", "faktura_1234.PDF", true),
            ("3", "image/png", "logo.png", true),
            ("4", "message/rfc822", "", false),
            ("4.0", "multipart/mixed", "", false),
            ("4.0.1", "application/pdf", "inner.pdf", true),
            ("5", "application/xml", "invoice.xml", true),
            ("6", "application/pdf", "empty.pdf", false),
        ]);
        let p = plan(&msg, &TypeFilter::new(&["pdf".into()]), true, false);
        let ids: Vec<_> = p.iter().map(|p| p.part_id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["1", "2", "4.0.1"]);
        assert!(
            p.iter()
                .all(|p| p.extension == "pdf" && p.kind == PartKind::Attachment)
        );
        assert_eq!(p[0].source, Source::Part(4));
        let p = plan(&msg, &TypeFilter::new(&["pdf,xml".into()]), true, true);
        let ids: Vec<_> = p.iter().map(|p| p.part_id.clone()).collect();
        assert_eq!(ids.len(), 5, "{ids:?}");
        assert_eq!(p[3].extension, "xml");
        assert_eq!(p[4].kind, PartKind::Raw);
    }

    #[test]
    fn a_message_without_matching_attachments_yields_its_html_body() {
        let msg = tree(&[
            ("", "multipart/related", "", false),
            ("0", "multipart/alternative", "", false),
            ("0.0", "text/plain", "", true),
            ("0.1", "text/html", "", true),
            ("1", "image/png", "inline.png", true),
        ]);
        let p = plan(&msg, &TypeFilter::new(&[]), true, false);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, PartKind::Body);
        assert_eq!(p[0].extension, "html");
        assert_eq!(p[0].part_id.as_deref(), Some("0.1"));
        assert!(plan(&msg, &TypeFilter::new(&[]), false, false).is_empty());
        let text_only = tree(&[("", "text/plain", "", true)]);
        assert_eq!(
            plan(&text_only, &TypeFilter::new(&[]), true, false)[0].extension,
            "txt"
        );
        // An HTML part sent as an attachment is not the body.
        let mut attached = tree(&[
            ("", "multipart/mixed", "", false),
            ("0", "text/html", "", true),
        ]);
        attached[1].attachment = true;
        assert!(plan(&attached, &TypeFilter::new(&[]), true, false).is_empty());
    }

    #[test]
    fn extensions() {
        assert_eq!(extension_of("a.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension_of(".pdf"), None);
        assert_eq!(extension_of("noext"), None);
        assert_eq!(extension_of("x.p d f"), None);
    }
}
