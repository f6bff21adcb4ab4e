//! `manifest.jsonl`: one JSON line per saved file, plus one "complete" line per message once every
//! file of it under a selection (`--types`, bodies, `--raw`) is saved. The folder's lock is taken
//! before the manifest is read; lines cut by a crash are ignored and never glued to the next one.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Write};
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

/// The selection a message was fetched under.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Selection {
    /// Sorted, lower-case extensions.
    pub types: Vec<String>,
    pub bodies: bool,
    pub raw: bool,
}

/// A saved file as it was when its message was marked complete (cheap re-run check).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileStamp {
    pub path: String,
    pub kind: PartKind,
    pub size: u64,
    pub sha256: String,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u64,
}

/// "Every file of this message under `selection` is saved": lets a re-run skip the message from
/// `messages.list` alone. The last such line of a message counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Completion {
    pub message_id: String,
    pub thread_id: Option<String>,
    pub selection: Selection,
    pub files: Vec<FileStamp>,
    /// What names are made of (RFC 3339 date, `From`, `Subject`), for a later `--raw`.
    pub date: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct CompletionLine {
    complete: Completion,
}

/// The key of a saved part: (message id, part id, kind).
pub(crate) type PartKey = (String, Option<String>, PartKind);

/// The entries of a manifest's bytes: torn or foreign lines are skipped.
pub fn parse_entries(bytes: &[u8]) -> Vec<ManifestEntry> {
    lines(bytes)
        .filter_map(|l| serde_json::from_slice::<ManifestEntry>(l).ok())
        .collect()
}

/// The file entries of `DIR/manifest.jsonl` (read-only; a missing manifest is empty).
pub fn read_entries(out: &Path) -> std::io::Result<Vec<ManifestEntry>> {
    match open_nofollow(&out.join(MANIFEST), false) {
        Ok(mut f) => {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)?;
            Ok(parse_entries(&bytes))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
}

/// Opens `path` without following a symbolic link (`O_NOFOLLOW`); `write`: read + append,
/// created 0600. Anything but a regular file is refused.
fn open_nofollow(path: &Path, write: bool) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    if write {
        o.append(true).create(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .mode(0o600);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    let f = o.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return std::io::Error::other("is a symbolic link (not followed)");
        }
        e
    })?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other("is not a regular file"));
    }
    Ok(f)
}

/// The manifest: read once at start (under the folder's lock), appended to after each rename.
pub(crate) struct Manifest {
    file: Mutex<File>,
    known: HashMap<PartKey, ManifestEntry>,
    /// Every path a manifest line names.
    listed: Mutex<HashSet<String>>,
    completions: HashMap<String, Completion>,
}

impl Manifest {
    /// Opens (creates unless `dry_run`) and locks `DIR/manifest.jsonl`, then reads it.
    pub(crate) fn open(out: &Path, dry_run: bool) -> Result<Manifest, HarvestError> {
        let path = out.join(MANIFEST);
        let io = |what: &str, source| HarvestError::Io {
            what: format!("{what} {}", path.display()),
            error: source,
        };
        let mut file = if dry_run {
            match open_nofollow(&path, false) {
                Ok(f) => Some(f),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(io("cannot open", e)),
            }
        } else {
            let file = open_nofollow(&path, true).map_err(|e| io("cannot open", e))?;
            // One run per folder at a time, taken before anything is read.
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(HarvestError::Busy(out.to_owned()));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io("cannot lock", e)),
            }
            Some(file)
        };
        let mut bytes = Vec::new();
        if let Some(f) = file.as_mut() {
            f.read_to_end(&mut bytes)
                .map_err(|e| io("cannot read", e))?;
        }
        let mut known = HashMap::new();
        let mut listed = HashSet::new();
        let mut completions = HashMap::new();
        for line in lines(&bytes) {
            if let Ok(e) = serde_json::from_slice::<ManifestEntry>(line) {
                listed.insert(e.path.clone());
                known.insert((e.message_id.clone(), e.part_id.clone(), e.kind), e);
            } else if let Ok(c) = serde_json::from_slice::<CompletionLine>(line) {
                completions.insert(c.complete.message_id.clone(), c.complete);
            }
            // Anything else is a line cut by a crash: its file is checked again.
        }
        let file = match file {
            Some(mut f) if !dry_run => {
                if bytes.last().is_some_and(|b| *b != b'\n') {
                    // A torn last line is closed so the next entry starts on its own line.
                    f.write_all(b"\n")
                        .and_then(|()| f.sync_data())
                        .map_err(|e| io("cannot write", e))?;
                }
                remove_temporaries(out);
                f
            }
            // Nothing is written in a dry run.
            _ => tempfile::tempfile().map_err(|e| io("cannot open", e))?,
        };
        Ok(Manifest {
            file: Mutex::new(file),
            known,
            listed: Mutex::new(listed),
            completions,
        })
    }

    pub(crate) fn completion(&self, message_id: &str) -> Option<&Completion> {
        self.completions.get(message_id)
    }

    pub(crate) fn is_listed(&self, path: &str) -> bool {
        self.listed.lock().expect("listed lock").contains(path)
    }

    /// Claims an unlisted path for adoption (false when another part claimed it first).
    pub(crate) fn claim(&self, path: &str) -> bool {
        self.listed
            .lock()
            .expect("listed lock")
            .insert(path.to_owned())
    }

    pub(crate) fn entry(&self, key: &PartKey) -> Option<&ManifestEntry> {
        self.known.get(key)
    }

    /// The entry of this part whose file is still there and hashes the same.
    pub(crate) fn verified(&self, out: &Path, key: &PartKey) -> Option<&ManifestEntry> {
        let e = self.known.get(key)?;
        let (size, sha) = hash_file(&out.join(&e.path))?;
        (size == e.size && sha == e.sha256).then_some(e)
    }

    pub(crate) fn append(&self, entry: &ManifestEntry) -> std::io::Result<()> {
        self.listed
            .lock()
            .expect("listed lock")
            .insert(entry.path.clone());
        self.write_line(serde_json::to_vec(entry).expect("an entry serializes"))
    }

    pub(crate) fn complete(&self, c: Completion) -> std::io::Result<()> {
        let line = CompletionLine { complete: c };
        self.write_line(serde_json::to_vec(&line).expect("a completion serializes"))
    }

    /// One `write` of a whole line (a crash cuts at most this line). Not synced per line: a
    /// line lost to a power cut leaves an unlisted file, adopted by the next run; the run syncs
    /// once at its end ([`Manifest::sync`]).
    fn write_line(&self, mut line: Vec<u8>) -> std::io::Result<()> {
        line.push(b'\n');
        let mut f = self.file.lock().expect("manifest lock");
        f.write_all(&line)
    }

    /// Flushes the manifest and the folder's entries (renames) to disk.
    pub(crate) fn sync(&self, out: &Path) {
        let _ = self.file.lock().expect("manifest lock").sync_data();
        if let Ok(dir) = File::open(out) {
            let _ = dir.sync_all();
        }
    }
}

/// Size and SHA-256 of a regular file (never through a symbolic link).
pub(crate) fn hash_file(path: &Path) -> Option<(u64, String)> {
    let mut f = open_nofollow(path, false).ok()?;
    let mut hasher = Sha256::new();
    let size = std::io::copy(&mut f, &mut hasher).ok()?;
    Some((size, hex::encode(hasher.finalize())))
}

/// Size and modification time of a regular file (a symbolic link is not one).
pub(crate) fn stamp_of(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::symlink_metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    let mtime = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((m.len(), u64::try_from(mtime.as_nanos()).unwrap_or(u64::MAX)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, path: &str) -> ManifestEntry {
        ManifestEntry {
            message_id: id.into(),
            thread_id: None,
            part_id: Some("1".into()),
            kind: PartKind::Attachment,
            filename: None,
            path: path.into(),
            mime_type: "application/pdf".into(),
            size: 3,
            sha256: hex::encode(Sha256::digest(b"abc")),
            date: None,
            from: Some("Åsa <a@b>".into()),
            subject: None,
            invoice: None,
        }
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_closed_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"abc").unwrap();
        let good = serde_json::to_vec(&entry("m1", "a.pdf")).unwrap();
        let torn = serde_json::to_vec(&entry("m2", "b.pdf")).unwrap();
        // Cut inside the two-byte "Å".
        let cut = torn.iter().position(|b| *b == 0xC3).unwrap() + 1;
        let mut bytes = good.clone();
        bytes.push(b'\n');
        bytes.extend_from_slice(&torn[..cut]);
        std::fs::write(dir.path().join(MANIFEST), &bytes).unwrap();
        let m = Manifest::open(dir.path(), false).unwrap();
        assert_eq!(m.known.len(), 1);
        let key = ("m1".to_owned(), Some("1".to_owned()), PartKind::Attachment);
        assert!(m.verified(dir.path(), &key).is_some());
        m.append(&entry("m3", "c.pdf")).unwrap();
        drop(m);
        let text = std::fs::read(dir.path().join(MANIFEST)).unwrap();
        let parsed = parse_entries(&text);
        assert_eq!(
            parsed
                .iter()
                .map(|e| e.message_id.as_str())
                .collect::<Vec<_>>(),
            ["m1", "m3"]
        );
        assert!(text.ends_with(b"\n"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_manifest_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, b"precious").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&target, out.join(MANIFEST)).unwrap();
        assert!(Manifest::open(&out, false).is_err());
        assert!(Manifest::open(&out, true).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_manifest_is_0600_and_locked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let m = Manifest::open(dir.path(), false).unwrap();
        let mode = std::fs::metadata(dir.path().join(MANIFEST))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(matches!(
            Manifest::open(dir.path(), false),
            Err(HarvestError::Busy(_))
        ));
        drop(m);
    }
}
