//! The harvested folder's records. This module alone reads, locks, appends to and rewrites them:
//!
//! - `DIR/manifest.jsonl`, the public format: one JSON line per written file, nothing else;
//! - `DIR/.paypulse/`, the tool's bookkeeping: `lock` (held by a fetch or a `--reparse` for its
//!   whole run) and `complete.jsonl` (which messages are complete under which selection, so that a
//!   re-run skips them from `messages.list` alone). Deleting that folder costs a re-read of each
//!   message, never a lost or doubled file.
//!
//! An append lands whole or is cut back to the previous end of its file; a line cut by a crash is
//! cut off on the next open; rewrites are atomic (temporary file, then rename); nothing is
//! followed through a symbolic link. A manifest of the previous version (completion lines among
//! the file lines) is migrated when the folder is next opened for writing.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::HarvestError;
use super::plan::PartKind;

pub const MANIFEST: &str = "manifest.jsonl";
/// The tool's own folder inside the output folder.
pub const STATE_DIR: &str = ".paypulse";
const LOCK: &str = "lock";
const COMPLETE: &str = "complete.jsonl";

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

/// A completion line as the previous version wrote it, inside `manifest.jsonl`.
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

/// The bytes of `DIR/manifest.jsonl`, read without the lock (a listing): `NoManifest` when there
/// is none, `NotAManifest` when it is a symbolic link or not a regular file.
pub fn read_manifest(out: &Path) -> Result<Vec<u8>, HarvestError> {
    let path = out.join(MANIFEST);
    match open_nofollow(&path, false) {
        Ok(mut f) => {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)
                .map_err(|error| HarvestError::Io {
                    what: format!("cannot read {}", path.display()),
                    error,
                })?;
            Ok(bytes)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(HarvestError::NoManifest(out.to_owned()))
        }
        Err(_) => Err(HarvestError::NotAManifest(path)),
    }
}

/// The file entries of `DIR/manifest.jsonl` (read-only; a missing manifest is empty).
pub fn read_entries(out: &Path) -> Result<Vec<ManifestEntry>, HarvestError> {
    match read_manifest(out) {
        Ok(bytes) => Ok(parse_entries(&bytes)),
        Err(HarvestError::NoManifest(_)) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The non-blank lines of a JSON-lines file (a last line cut by a crash included).
pub(crate) fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
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

/// `DIR/.paypulse`, created 0700 when `create`; never a symbolic link. `None`: not there.
fn state_dir(out: &Path, create: bool) -> Result<Option<PathBuf>, HarvestError> {
    let dir = out.join(STATE_DIR);
    let unsafe_dir = |why| HarvestError::Unsafe {
        path: dir.clone(),
        why,
    };
    let io = |error| HarvestError::Io {
        what: format!("cannot create {}", dir.display()),
        error,
    };
    let check = || match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => Err(unsafe_dir("is a symbolic link")),
        Ok(m) if !m.is_dir() => Err(unsafe_dir("is not a folder")),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io(e)),
    };
    if check()? {
        return Ok(Some(dir));
    }
    if !create {
        return Ok(None);
    }
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    match b.create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io(e)),
    }
    check().map(|_| Some(dir))
}

/// The folder's lock (`DIR/.paypulse/lock`): one fetch or `--reparse` at a time. A file that is
/// never replaced, so the lock holds across the manifest's atomic rewrites.
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    pub fn acquire(out: &Path) -> Result<FolderLock, HarvestError> {
        let dir = state_dir(out, true)?.expect("created");
        let path = dir.join(LOCK);
        let io = |what: &str, error| HarvestError::Io {
            what: format!("{what} {}", path.display()),
            error,
        };
        let file = open_nofollow(&path, true).map_err(|e| io("cannot open", e))?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(HarvestError::Busy(out.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => Err(io("cannot lock", e)),
        }
    }
}

/// An append-only JSON-lines file whose appends land whole or not at all: a failed write (a
/// full disk, a file size limit) is cut back to where the file ended before it.
struct Journal {
    file: File,
    end: u64,
    name: PathBuf,
}

impl Journal {
    /// Opens (creates) `path` for appending, cuts off a last line left without its newline by a
    /// crash, and returns the file's bytes.
    fn open(path: &Path) -> Result<(Journal, Vec<u8>), HarvestError> {
        let io = |what: &str, error| HarvestError::Io {
            what: format!("{what} {}", path.display()),
            error,
        };
        let mut file = open_nofollow(path, true).map_err(|e| io("cannot open", e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| io("cannot read", e))?;
        if bytes.last().is_some_and(|b| *b != b'\n') {
            // A torn last line: its file is unlisted and is adopted or fetched again.
            let keep = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            bytes.truncate(keep);
            file.set_len(keep as u64)
                .and_then(|()| file.sync_data())
                .map_err(|e| io("cannot repair", e))?;
        }
        let end = bytes.len() as u64;
        Ok((
            Journal {
                file,
                end,
                name: path.to_owned(),
            },
            bytes,
        ))
    }

    /// One `write` of a whole line; on failure the file is cut back to its previous end.
    fn append(&mut self, mut line: Vec<u8>) -> std::io::Result<()> {
        line.push(b'\n');
        match self.file.write_all(&line) {
            Ok(()) => {
                self.end += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                if let Err(cut) = self.file.set_len(self.end) {
                    tracing::warn!(file = %self.name.display(), error = %cut, "cannot cut back a failed append");
                }
                Err(e)
            }
        }
    }
}

/// Writes `lines` to `path` atomically: a temporary file in the same folder, synced, renamed
/// over it, the folder synced.
fn rewrite_atomically(path: &Path, lines: &[Vec<u8>]) -> Result<(), HarvestError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |what: &str, error| HarvestError::Io {
        what: format!("{what} {}", path.display()),
        error,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(crate::gmail::TEMP_PREFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| io("cannot rewrite", e))?;
    let mut buf = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        buf.extend_from_slice(l);
        buf.push(b'\n');
    }
    tmp.write_all(&buf)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io("cannot rewrite", e))?;
    tmp.persist(path)
        .map_err(|e| io("cannot replace", e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The manifest and the completion records of a folder, opened under the folder's lock.
pub(crate) struct Manifest {
    out: PathBuf,
    /// `None` in a dry run (nothing is locked or written).
    lock: Option<FolderLock>,
    files: Option<Mutex<Journal>>,
    completes: Option<Mutex<Journal>>,
    known: HashMap<PartKey, ManifestEntry>,
    /// Every path a manifest line names.
    listed: Mutex<HashSet<String>>,
    completions: HashMap<String, Completion>,
}

impl Manifest {
    /// Locks the folder (unless `dry_run`), migrates a manifest of the previous version, removes
    /// temporaries of an interrupted run, then reads the manifest and the completion records.
    pub(crate) fn open(out: &Path, dry_run: bool) -> Result<Manifest, HarvestError> {
        let path = out.join(MANIFEST);
        if dry_run {
            let bytes = match read_manifest(out) {
                Ok(b) => b,
                Err(HarvestError::NoManifest(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            let complete = match state_dir(out, false)? {
                Some(dir) => match open_nofollow(&dir.join(COMPLETE), false) {
                    Ok(mut f) => {
                        let mut b = Vec::new();
                        f.read_to_end(&mut b).map_err(|error| HarvestError::Io {
                            what: format!("cannot read {}", dir.join(COMPLETE).display()),
                            error,
                        })?;
                        b
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                    Err(error) => {
                        return Err(HarvestError::Io {
                            what: format!("cannot read {}", dir.join(COMPLETE).display()),
                            error,
                        });
                    }
                },
                None => Vec::new(),
            };
            return Ok(Manifest::from_bytes(
                out, None, None, None, &bytes, &complete,
            ));
        }
        // A manifest that is a symbolic link (or not a file) is refused before anything is
        // created in the folder.
        match open_nofollow(&path, false) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(HarvestError::Io {
                    what: format!("cannot open {}", path.display()),
                    error,
                });
            }
        }
        let lock = FolderLock::acquire(out)?;
        let dir = state_dir(out, true)?.expect("created");
        let (mut completes, mut complete_bytes) = Journal::open(&dir.join(COMPLETE))?;
        let (mut files, mut bytes) = Journal::open(&path)?;
        // The previous version kept completion lines in the manifest: move them out (appended
        // first, so a crash in between doubles a record, never loses one), then rewrite the
        // manifest with its file lines alone.
        let mut moved = false;
        let mut kept = Vec::new();
        for line in lines(&bytes) {
            if serde_json::from_slice::<ManifestEntry>(line).is_ok() {
                kept.push(line.to_vec());
            } else {
                if let Ok(c) = serde_json::from_slice::<CompletionLine>(line) {
                    completes
                        .append(serde_json::to_vec(&c.complete).expect("a completion serializes"))
                        .map_err(|error| HarvestError::Io {
                            what: format!("cannot write {}", dir.join(COMPLETE).display()),
                            error,
                        })?;
                }
                // Anything else (a line glued to another by an old version's failed append)
                // describes no file that can be trusted: the files are checked again.
                moved = true;
            }
        }
        if moved {
            completes
                .file
                .sync_data()
                .map_err(|error| HarvestError::Io {
                    what: format!("cannot write {}", dir.join(COMPLETE).display()),
                    error,
                })?;
            rewrite_atomically(&path, &kept)?;
            drop(files);
            (files, bytes) = Journal::open(&path)?;
            // Read again: the records now include the moved ones.
            (completes, complete_bytes) = Journal::open(&dir.join(COMPLETE))?;
        }
        remove_temporaries(out);
        Ok(Manifest::from_bytes(
            out,
            Some(lock),
            Some(files),
            Some(completes),
            &bytes,
            &complete_bytes,
        ))
    }

    fn from_bytes(
        out: &Path,
        lock: Option<FolderLock>,
        files: Option<Journal>,
        completes: Option<Journal>,
        manifest: &[u8],
        complete: &[u8],
    ) -> Manifest {
        let mut known = HashMap::new();
        let mut listed = HashSet::new();
        for e in parse_entries(manifest) {
            listed.insert(e.path.clone());
            known.insert((e.message_id.clone(), e.part_id.clone(), e.kind), e);
        }
        let mut completions = HashMap::new();
        for line in lines(complete).chain(lines(manifest)) {
            let c = serde_json::from_slice::<Completion>(line)
                .or_else(|_| serde_json::from_slice::<CompletionLine>(line).map(|c| c.complete));
            if let Ok(c) = c {
                completions.insert(c.message_id.clone(), c);
            }
        }
        // A completion counts only while the manifest lists every file it names: a file whose
        // line was lost is checked (and listed) again, never skipped for good.
        completions.retain(|_, c| c.files.iter().all(|f| listed.contains(&f.path)));
        Manifest {
            out: out.to_owned(),
            lock,
            files: files.map(Mutex::new),
            completes: completes.map(Mutex::new),
            known,
            listed: Mutex::new(listed),
            completions,
        }
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

    /// Appends a file's line (whole, or not at all).
    pub(crate) fn append(&self, entry: &ManifestEntry) -> std::io::Result<()> {
        self.listed
            .lock()
            .expect("listed lock")
            .insert(entry.path.clone());
        let line = serde_json::to_vec(entry).expect("an entry serializes");
        match &self.files {
            Some(j) => j.lock().expect("manifest lock").append(line),
            None => Ok(()),
        }
    }

    /// Records that every file of a message under a selection is saved.
    pub(crate) fn complete(&self, c: &Completion) -> std::io::Result<()> {
        let line = serde_json::to_vec(c).expect("a completion serializes");
        match &self.completes {
            Some(j) => j.lock().expect("completions lock").append(line),
            None => Ok(()),
        }
    }

    /// Replaces the manifest's lines atomically (`--reparse`), under the folder's lock.
    pub(crate) fn rewrite(&self, lines: &[Vec<u8>]) -> Result<(), HarvestError> {
        debug_assert!(self.lock.is_some(), "rewritten under the lock");
        let Some(files) = &self.files else {
            return Ok(());
        };
        let path = self.out.join(MANIFEST);
        let mut j = files.lock().expect("manifest lock");
        rewrite_atomically(&path, lines)?;
        let (reopened, _) = Journal::open(&path)?;
        *j = reopened;
        Ok(())
    }

    /// Flushes the manifest, the completion records and the folder's entries (renames) to disk.
    pub(crate) fn sync(&self) {
        for j in [&self.files, &self.completes].into_iter().flatten() {
            let _ = j.lock().expect("journal lock").file.sync_data();
        }
        if let Ok(dir) = File::open(&self.out) {
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
    fn a_torn_last_line_is_cut_off_before_the_next_append() {
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

    fn completion(id: &str, path: &str) -> Completion {
        Completion {
            message_id: id.into(),
            thread_id: None,
            selection: Selection {
                types: vec!["pdf".into()],
                bodies: true,
                raw: false,
            },
            files: vec![FileStamp {
                path: path.into(),
                kind: PartKind::Attachment,
                size: 3,
                sha256: hex::encode(Sha256::digest(b"abc")),
                mtime_ns: 1,
            }],
            date: None,
            from: None,
            subject: None,
        }
    }

    #[test]
    fn a_previous_versions_manifest_is_migrated_to_file_lines_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        for l in [
            serde_json::to_vec(&entry("m1", "a.pdf")).unwrap(),
            serde_json::to_vec(&CompletionLine {
                complete: completion("m1", "a.pdf"),
            })
            .unwrap(),
            serde_json::to_vec(&entry("m2", "b.pdf")).unwrap(),
            // Two lines glued by an old version's failed append.
            [
                serde_json::to_vec(&entry("m3", "c.pdf")).unwrap(),
                serde_json::to_vec(&entry("m4", "d.pdf")).unwrap(),
            ]
            .concat(),
            serde_json::to_vec(&CompletionLine {
                complete: completion("m3", "c.pdf"),
            })
            .unwrap(),
        ] {
            bytes.extend_from_slice(&l);
            bytes.push(b'\n');
        }
        std::fs::write(dir.path().join(MANIFEST), &bytes).unwrap();
        let m = Manifest::open(dir.path(), false).unwrap();
        // m1's completion moved; m3's names a file no line lists: it does not count.
        assert!(m.completion("m1").is_some());
        assert!(m.completion("m3").is_none());
        drop(m);
        let text = std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        let keys: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.iter().all(|v| v["path"].is_string()));
        let moved = std::fs::read_to_string(dir.path().join(STATE_DIR).join(COMPLETE)).unwrap();
        assert_eq!(moved.lines().count(), 2);
        // Opened again: nothing more to migrate, the same records.
        let m = Manifest::open(dir.path(), false).unwrap();
        assert!(m.completion("m1").is_some());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(),
            text
        );
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
