//! The harvested folder's invoices, from its `manifest.jsonl`: listing (no network, no tokens)
//! and `--reparse` (fields read again from the files, the manifest rewritten atomically).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Budget, InvoiceError, InvoiceFields, extract_file};
use crate::harvest::manifest::{MANIFEST, ManifestEntry};
use crate::harvest::plan::PartKind;

fn io(what: String) -> impl FnOnce(std::io::Error) -> InvoiceError {
    move |source| InvoiceError::Io { what, source }
}

/// The manifest's text; a symbolic link is not followed.
fn read_manifest_text(out: &Path) -> Result<String, InvoiceError> {
    let path = out.join(MANIFEST);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() || !m.is_file() => {
            return Err(InvoiceError::NotAManifest(path));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InvoiceError::NoManifest(out.to_owned()));
        }
        Err(e) => return Err(io(format!("cannot read {}", path.display()))(e)),
    }
    let bytes = std::fs::read(&path).map_err(io(format!("cannot read {}", path.display())))?;
    // A line cut inside a UTF-8 character is dropped with the rest of its line below.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The lines that parse, as raw JSON (fields of other versions kept) and as entries.
fn parsed_lines(text: &str) -> Vec<(Value, ManifestEntry)> {
    text.lines()
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).ok()?;
            let e: ManifestEntry = serde_json::from_value(v.clone()).ok()?;
            Some((v, e))
        })
        .collect()
}

/// The folder's saved documents (raw `.eml` copies left out), the last line of a part
/// winning, sorted by due date (undated last), then by the message's date.
pub fn list(out: &Path) -> Result<Vec<ManifestEntry>, InvoiceError> {
    let text = read_manifest_text(out)?;
    let mut entries: Vec<ManifestEntry> = Vec::new();
    for (_, e) in parsed_lines(&text) {
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
    /// Documents that could not be read (missing file, over the budget): fields set to null.
    pub failed: Vec<(String, String)>,
}

/// Reads every document's fields again and rewrites the manifest atomically (temporary file,
/// then rename), holding the folder's lock so that no fetch appends meanwhile.
pub async fn reparse(out: &Path, budget: Budget) -> Result<Reparsed, InvoiceError> {
    let path = out.join(MANIFEST);
    let text = read_manifest_text(out)?;
    let lock = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(io(format!("cannot open {}", path.display())))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Err(InvoiceError::Busy(out.to_owned())),
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(io(format!("cannot lock {}", path.display()))(e));
        }
    }
    // Read again under the lock: a fetch may have appended since.
    let text = if text.len() as u64 == lock.metadata().map(|m| m.len()).unwrap_or(0) {
        text
    } else {
        read_manifest_text(out)?
    };
    let mut report = Reparsed::default();
    let mut lines = Vec::new();
    // Every line that is JSON is kept (the pipeline's `complete` lines too); file entries get
    // their fields read again. A torn line goes.
    for mut v in text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
    {
        let Ok(e) = serde_json::from_value::<ManifestEntry>(v.clone()) else {
            lines.push(v);
            continue;
        };
        if e.kind != PartKind::Raw && is_inside(&e.path) {
            let fields = match extract_file(
                out.join(&e.path),
                e.mime_type.clone(),
                e.from.clone(),
                budget,
            )
            .await
            {
                Ok(f) => f,
                Err(err) => {
                    report.failed.push((e.path.clone(), err.to_string()));
                    Some(InvoiceFields::default())
                }
            };
            report.parsed += 1;
            if fields != e.invoice {
                report.changed += 1;
            }
            v["invoice"] = serde_json::to_value(&fields).expect("fields serialize");
        }
        lines.push(v);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(crate::gmail::TEMP_PREFIX)
        .tempfile_in(out)
        .map_err(io(format!("cannot write in {}", out.display())))?;
    for v in &lines {
        let mut line = serde_json::to_string(v).expect("a line serializes");
        line.push('\n');
        tmp.write_all(line.as_bytes())
            .map_err(io(format!("cannot write in {}", out.display())))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(io(format!("cannot write in {}", out.display())))?;
    tmp.persist(&path)
        .map_err(|e| io(format!("cannot replace {}", path.display()))(e.error))?;
    if let Ok(dir) = std::fs::File::open(out) {
        let _ = dir.sync_all();
    }
    drop(lock);
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
