//! `manifest.jsonl`: one JSON line per saved file; read once at the start of a run (which also
//! takes the folder's lock), appended to after each rename.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::HarvestError;
use super::plan::PartKind;

pub const MANIFEST: &str = "manifest.jsonl";

/// One line of `manifest.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestEntry {
    pub message_id: String,
    pub thread_id: Option<String>,
    pub part_id: Option<String>,
    pub kind: PartKind,
    pub filename: Option<String>,
    /// Relative to the output folder.
    pub path: String,
    pub mime_type: String,
    pub size: u64,
    pub sha256: String,
    /// RFC 3339 with offset.
    pub date: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    /// The document's invoice fields (null for raw messages and files without text; absent
    /// from manifests written before fields were read).
    #[serde(default)]
    pub invoice: Option<crate::invoice::InvoiceFields>,
}

/// The manifest: read once at start, appended to after each rename.
pub(crate) struct Manifest {
    file: Mutex<std::fs::File>,
    /// (message id, part id, kind) → entry.
    known: HashMap<(String, Option<String>, PartKind), ManifestEntry>,
}

impl Manifest {
    pub(crate) fn open(out: &Path, dry_run: bool) -> Result<Manifest, HarvestError> {
        let path = out.join(MANIFEST);
        let io = |what: &str, source| HarvestError::Io {
            what: format!("{what} {}", path.display()),
            error: source,
        };
        let mut known = HashMap::new();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    // A line cut by a crash is skipped: its file will be fetched again.
                    if let Ok(e) = serde_json::from_str::<ManifestEntry>(line) {
                        known.insert((e.message_id.clone(), e.part_id.clone(), e.kind), e);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io("cannot read", e)),
        }
        let file = if dry_run {
            // Nothing is written in a dry run.
            tempfile::tempfile().map_err(|e| io("cannot open", e))?
        } else {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| io("cannot open", e))?;
            // One run per folder at a time; then leftovers of an interrupted run can go.
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(HarvestError::Busy(out.to_owned()));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io("cannot lock", e)),
            }
            remove_temporaries(out);
            file
        };
        Ok(Manifest {
            file: Mutex::new(file),
            known,
        })
    }

    /// The entry of this part whose file is still there and hashes the same.
    pub(crate) fn verified(
        &self,
        out: &Path,
        key: &(String, Option<String>, PartKind),
    ) -> Option<&ManifestEntry> {
        let e = self.known.get(key)?;
        let path = out.join(&e.path);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() != e.size {
            return None;
        }
        let mut hasher = Sha256::new();
        let mut f = std::fs::File::open(&path).ok()?;
        std::io::copy(&mut f, &mut hasher).ok()?;
        (hex::encode(hasher.finalize()) == e.sha256).then_some(e)
    }

    pub(crate) fn append(&self, entry: &ManifestEntry) -> std::io::Result<()> {
        let mut line = serde_json::to_string(entry).expect("an entry serializes");
        line.push('\n');
        let mut f = self.file.lock().expect("manifest lock");
        f.write_all(line.as_bytes())?;
        f.sync_data()
    }
}

/// Removes temporary files left by an interrupted run (the folder is locked by this run).
pub(crate) fn remove_temporaries(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with(crate::gmail::TEMP_PREFIX)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
