//! The harvested folder's invoices, from its `manifest.jsonl`: listing (no network, no tokens)
//! and `--reparse` (fields read again from the files by the isolated field reader, the manifest
//! rewritten atomically under the folder's lock). Reading, locking and rewriting are the
//! manifest module's.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::HarvestError;
use super::manifest::{Manifest, ManifestEntry, lines, read_manifest};
use super::plan::PartKind;
use crate::invoice::FieldReader;

/// The lines that parse, as raw JSON (fields of other versions kept) and as entries.
fn parsed_lines(bytes: &[u8]) -> Vec<(Value, ManifestEntry)> {
    lines(bytes)
        .filter_map(|l| {
            let v: Value = serde_json::from_slice(l).ok()?;
            let e: ManifestEntry = serde_json::from_value(v.clone()).ok()?;
            Some((v, e))
        })
        .collect()
}

/// The folder's saved documents (raw `.eml` copies left out), the last line of a part
/// winning, sorted by due date (undated last), then by the message's date.
pub fn list(out: &Path) -> Result<Vec<ManifestEntry>, HarvestError> {
    let bytes = read_manifest(out)?;
    let mut entries: Vec<ManifestEntry> = Vec::new();
    for (_, e) in parsed_lines(&bytes) {
        if e.kind == PartKind::Raw {
            continue;
        }
        match entries
            .iter_mut()
            .find(|x| x.message_id == e.message_id && x.part_id == e.part_id && x.kind == e.kind)
        {
            Some(x) => *x = e,
            None => entries.push(e),
        }
    }
    entries.sort_by(|a, b| {
        let due = |e: &ManifestEntry| e.invoice.as_ref().and_then(|i| i.due_date.clone());
        let (da, db) = (due(a), due(b));
        (da.is_none(), da, &a.date, &a.path).cmp(&(db.is_none(), db, &b.date, &b.path))
    });
    Ok(entries)
}

/// What `--reparse` did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Reparsed {
    /// Documents whose fields were read again.
    pub parsed: usize,
    /// Documents whose fields changed.
    pub changed: usize,
    /// Documents that could not be read (missing file, over the budget, a crashed or overrun
    /// field reader): `invoice` set to null.
    pub failed: Vec<(String, String)>,
}

/// Reads every document's fields again and rewrites the manifest atomically, holding the
/// folder's lock so that no fetch appends meanwhile.
pub async fn reparse(out: &Path, reader: &FieldReader) -> Result<Reparsed, HarvestError> {
    // A folder without a manifest is refused before anything is created in it.
    read_manifest(out)?;
    let manifest = Manifest::open(out, false)?;
    // Read under the lock (and after a migration of the previous version's manifest).
    let bytes = read_manifest(out)?;
    let mut report = Reparsed::default();
    let mut lines = Vec::new();
    for (mut v, e) in parsed_lines(&bytes) {
        if e.kind != PartKind::Raw && is_inside(&e.path) {
            let fields = match reader
                .read(&out.join(&e.path), &e.mime_type, e.from.as_deref())
                .await
            {
                Ok(f) => f,
                Err(err) => {
                    report.failed.push((e.path.clone(), err.to_string()));
                    None
                }
            };
            report.parsed += 1;
            if fields != e.invoice {
                report.changed += 1;
            }
            v["invoice"] = serde_json::to_value(&fields).expect("fields serialize");
        }
        lines.push(serde_json::to_vec(&v).expect("a line serializes"));
    }
    manifest.rewrite(&lines)?;
    Ok(report)
}

/// A manifest path that stays inside the folder (a hand-edited manifest cannot point the
/// reader elsewhere).
fn is_inside(p: &str) -> bool {
    let p = PathBuf::from(p);
    !p.as_os_str().is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}
