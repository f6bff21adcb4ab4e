//! The fetch pipeline: search → read each message (skipped from the manifest alone when it is
//! complete under this selection, else one `messages.get` with `format=raw`, streamed to a
//! temporary file, its MIME parsed locally, every new part written to a temporary file of its
//! own and its fields read; all requests share the client's adaptive window and budget) → names
//! in a stable order (message date, then id) → each file renamed into place and appended to
//! `manifest.jsonl`, then the message's "complete" line. Per-message failures do not stop the
//! run; an interrupted run keeps what it had read.

mod commit;
mod read;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::manifest::{
    Completion, FileStamp, MANIFEST, Manifest, ManifestEntry, Selection, hash_file,
    remove_temporaries, stamp_of,
};
use crate::gmail::{Downloaded, GmailClient, GmailError, MessageRef, RawMessage, write_temp};
use crate::harvest::mime;
use crate::harvest::names::{file_name, parse_date, sender_of, stem_of, with_suffix};
use crate::harvest::plan::{PartKind, PlannedPart, Source, TypeFilter, plan, raw_part};
use crate::invoice::FieldReader;
use crate::invoice::InvoiceFields;

/// What to fetch and where.
#[derive(Debug, Clone)]
pub struct HarvestOptions {
    pub query: String,
    pub max: Option<usize>,
    pub types: TypeFilter,
    pub bodies: bool,
    pub raw: bool,
    pub out: PathBuf,
    /// Messages worked on at once (requests in flight are bounded by the client's window).
    pub concurrency: usize,
    pub dry_run: bool,
    /// Re-hash every file a complete message lists (else size and mtime are compared).
    pub verify: bool,
    /// Reads each saved document's fields (in isolated worker processes).
    pub fields: FieldReader,
}

/// What the pipeline reports as it goes (the binary draws progress from these).
#[derive(Debug, Clone)]
pub enum HarvestEvent {
    /// Messages found so far while listing.
    Listing { matched: usize },
    /// Listing done: this many messages will be fetched.
    Matched { matched: usize },
    /// Bytes of a file arrived.
    Bytes(u64),
    /// A message is done with (saved, skipped, planned or failed: the summary says which).
    MessageDone,
}

/// A saved document whose fields could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct UnreadableDocument {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageFailure {
    pub message_id: String,
    pub reason: String,
}

/// The run's result (`--json`: matched, saved, skipped, failed, bytes, out).
#[derive(Debug, Clone, Serialize)]
pub struct HarvestSummary {
    pub matched: usize,
    pub saved: usize,
    pub skipped: usize,
    pub failed: usize,
    pub bytes: u64,
    pub out: PathBuf,
    /// Documents saved by this run whose invoice fields include an amount / a due date.
    pub with_amount: usize,
    pub with_due_date: usize,
    /// Documents saved by this run whose fields could not be read (the field reader crashed,
    /// overran a limit or gave up): their `invoice` is null, the file is saved.
    pub fields_unreadable: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<MessageFailure>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableDocument>,
    /// Messages that cannot be read at all (nested beyond any mail program's depth): skipped
    /// once, recorded so that re-runs do not try them again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_messages: Vec<MessageFailure>,
    /// `--dry-run`: what would be written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<String>,
    #[serde(skip)]
    pub interrupted: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum HarvestError {
    #[error("another paypulse is fetching into {}", .0.display())]
    Busy(PathBuf),
    #[error("{} {why}: refusing to write there", .path.display())]
    Unsafe { path: PathBuf, why: &'static str },
    #[error("cannot search Gmail: {0}")]
    List(GmailError),
    /// The grant died during the run (expired or revoked refresh token, token refused).
    #[error("{0}")]
    Auth(GmailError),
    #[error("{what}: {error}")]
    Io { what: String, error: std::io::Error },
    #[error("no manifest in {}: nothing was fetched there", .0.display())]
    NoManifest(PathBuf),
    #[error("{} is not a regular file", .0.display())]
    NotAManifest(PathBuf),
}

/// Runs the pipeline. `events` is called from the pipeline's tasks; `cancel` stops it
/// cleanly: no new work starts, files in flight are discarded, the manifest stays whole.
pub async fn harvest(
    client: &GmailClient,
    opts: &HarvestOptions,
    events: &(dyn Fn(HarvestEvent) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<HarvestSummary, HarvestError> {
    let out: PathBuf = opts.out.components().collect();
    prepare_folder(&out, opts.dry_run)?;
    let manifest = Manifest::open(&out, opts.dry_run)?;
    let mut summary = HarvestSummary {
        matched: 0,
        saved: 0,
        skipped: 0,
        failed: 0,
        bytes: 0,
        out: opts.out.clone(),
        with_amount: 0,
        with_due_date: 0,
        fields_unreadable: 0,
        failures: Vec::new(),
        unreadable: Vec::new(),
        unreadable_messages: Vec::new(),
        planned: Vec::new(),
        interrupted: false,
    };
    let started = std::time::Instant::now();
    let mut types: Vec<String> = opts.types.as_slice().to_vec();
    types.sort();
    types.dedup();
    let selection = Selection {
        types,
        bodies: opts.bodies,
        raw: opts.raw,
    };
    // A dry run writes nothing under DIR: messages are read into a private folder elsewhere.
    let scratch_dir = if opts.dry_run {
        Some(tempfile::tempdir().map_err(|error| HarvestError::Io {
            what: "cannot create a temporary folder".into(),
            error,
        })?)
    } else {
        None
    };
    let mut run = Run {
        client,
        opts,
        out: &out,
        scratch: scratch_dir
            .as_ref()
            .map_or(out.as_path(), |d| d.path())
            .to_owned(),
        manifest: &manifest,
        events,
        selection,
        assigned: HashSet::new(),
        budget: tokio::sync::Semaphore::new(MEMORY_BUDGET_KIB as usize),
    };

    // 0. Which mailbox this run reads (a token for another one stops it), while
    // 1. searching: every page, up to --max. Messages are read as soon as their page arrives.
    let (found, listed_ids) = tokio::sync::mpsc::unbounded_channel::<MessageRef>();
    let listed = std::sync::atomic::AtomicUsize::new(0);
    let listing = async {
        let found = found;
        let mut count = 0usize;
        let mut page_token: Option<String> = None;
        let mut bound = false;
        loop {
            let want = opts
                .max
                .map(|m| m.saturating_sub(count))
                .unwrap_or(usize::MAX);
            if want == 0 {
                break;
            }
            let page_size = want.min(500) as u32;
            let list = client.list_page(&opts.query, page_token.as_deref(), page_size);
            let page = if bound {
                list.await?
            } else {
                // The first page and the mailbox's profile at once; no message is read before
                // the run is bound to its mailbox.
                bound = true;
                futures_util::future::try_join(client.bind_account(), list)
                    .await?
                    .1
            };
            for m in page.messages.into_iter().take(want) {
                count += 1;
                listed.store(count, std::sync::atomic::Ordering::Relaxed);
                let _ = found.send(m);
            }
            events(HarvestEvent::Listing { matched: count });
            match page.next_page_token {
                Some(t) if !t.is_empty() => page_token = Some(t),
                _ => break,
            }
        }
        Ok::<_, GmailError>(count)
    };
    let ids = futures_util::stream::unfold(listed_ids, |mut rx| async move {
        rx.recv().await.map(|m| (m, rx))
    });

    // 2. Read each message: skipped from the manifest alone, or downloaded (one call), parsed,
    // its new parts written to temporary files and their fields read. Nothing here waits for
    // another message: the window stays full whatever the latency.
    let mut works = Vec::new();
    let mut fatal = None;
    {
        let ctx = &run;
        let results = ids
            .map(|m| async move { (m.id.clone(), ctx.examine(&m.id).await) })
            .buffer_unordered(opts.concurrency.max(1));
        let mut results = std::pin::pin!(results);
        let mut listing = std::pin::pin!(listing);
        let mut listing_done = false;
        loop {
            // Biased: the listing is looked at first, so the stream of ids never ends before
            // its result is seen.
            let next = tokio::select! {
                biased;
                _ = cancel.cancelled() => { summary.interrupted = true; break; }
                r = &mut listing, if !listing_done => {
                    listing_done = true;
                    match r {
                        Ok(n) => {
                            summary.matched = n;
                            events(HarvestEvent::Matched { matched: n });
                            tracing::debug!(matched = n, elapsed = ?started.elapsed(), "listed");
                        }
                        Err(e) => {
                            fatal = Some(if e.needs_reconnect() {
                                HarvestError::Auth(e)
                            } else {
                                HarvestError::List(e)
                            });
                            break;
                        }
                    }
                    continue;
                }
                n = results.next() => n,
            };
            let Some((id, result)) = next else { break };
            match result {
                Ok(Examined::Skipped(files)) => {
                    summary.skipped += files;
                    events(HarvestEvent::MessageDone);
                }
                Ok(Examined::Unreadable(reason)) => {
                    summary.unreadable_messages.push(MessageFailure {
                        message_id: id,
                        reason,
                    });
                    events(HarvestEvent::MessageDone);
                }
                Ok(Examined::Work(w)) => {
                    summary.skipped += w.done.len();
                    works.push(w);
                }
                Err(e) => {
                    if let Err(e) = summary.fail(id, e, events) {
                        // No other message can be read: keep what was.
                        fatal = Some(e);
                        break;
                    }
                }
            }
        }
        if !listing_done {
            summary.matched = listed.load(std::sync::atomic::Ordering::Relaxed);
        }
    }
    tracing::debug!(elapsed = ?started.elapsed(), to_save = works.len(), "read");

    // 3. Names in a stable order (the message's date, then its id), whatever the timing. An
    // interrupted run names and keeps what it had read.
    works.sort_by(|a, b| {
        let key = |w: &Work| (w.meta.date.is_none(), w.meta.date, w.id.clone());
        key(a).cmp(&key(b))
    });
    for w in &mut works {
        for p in &mut w.pending {
            p.name = run.assign(&p.base, p.previous.as_deref(), &mut p.n);
        }
    }

    if opts.dry_run {
        for w in &works {
            for p in &w.pending {
                summary.planned.push(p.name.clone());
            }
            events(HarvestEvent::MessageDone);
        }
        return Ok(summary);
    }

    // 4. Each file renamed into place and listed, then its message's "complete" line.
    for w in works {
        let id = w.id.clone();
        if fatal.is_some() {
            // Only what was read is kept; a failure here changes nothing of the outcome.
            let _ = tokio::task::block_in_place(|| run.commit(w));
            continue;
        }
        // Renames, appends and stat calls block: the commit runs where blocking is allowed.
        match tokio::task::block_in_place(|| run.commit(w)) {
            Ok(outcome) => {
                summary.saved += outcome.saved;
                summary.bytes += outcome.bytes;
                summary.with_amount += outcome.with_amount;
                summary.with_due_date += outcome.with_due_date;
                summary.fields_unreadable += outcome.unreadable.len();
                summary.unreadable.extend(outcome.unreadable);
                events(HarvestEvent::MessageDone);
            }
            Err(mut e) => {
                // Partial work of a failed message was kept (its files are complete and listed).
                summary.saved += e.saved;
                summary.bytes += e.bytes;
                summary.fields_unreadable += e.unreadable.len();
                summary.unreadable.extend(std::mem::take(&mut e.unreadable));
                if let Err(e) = summary.fail(id, e, events) {
                    fatal = Some(e);
                }
            }
        }
    }
    if summary.interrupted || fatal.is_some() {
        // Downloads still running on the blocking pool write into files whose names are gone.
        remove_temporaries(&out);
    }
    manifest.sync();
    tracing::debug!(elapsed = ?started.elapsed(), "saved");
    match fatal {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// Bytes of messages held in memory at once while they are parsed, in KiB. A message needs
/// about twice its size (its bytes, and its largest decoded part); one larger than the budget
/// is parsed alone.
const MEMORY_BUDGET_KIB: u32 = 24 * 1024;

/// The longest a message's MIME is parsed (a 100,000-part message takes well under a second).
const PARSE_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

impl HarvestSummary {
    /// Records a failed message; a dead grant (or another account) ends the run.
    fn fail(
        &mut self,
        id: String,
        e: MessageError,
        events: &(dyn Fn(HarvestEvent) + Send + Sync),
    ) -> Result<(), HarvestError> {
        if e.error.needs_reconnect() {
            // No other message can succeed either: stop, and say so.
            return Err(HarvestError::Auth(e.error));
        }
        self.failed += 1;
        let reason = e.error.to_string();
        events(HarvestEvent::MessageDone);
        self.failures.push(MessageFailure {
            message_id: id,
            reason,
        });
        Ok(())
    }
}

/// The output folder: never a symbolic link; created 0700 (it holds senders and subjects).
fn prepare_folder(out: &Path, dry_run: bool) -> Result<(), HarvestError> {
    let io = |source| HarvestError::Io {
        what: format!("cannot create {}", out.display()),
        error: source,
    };
    let check = || match std::fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => Err(HarvestError::Unsafe {
            path: out.to_owned(),
            why: "is a symbolic link",
        }),
        Ok(m) if !m.is_dir() => Err(HarvestError::Unsafe {
            path: out.to_owned(),
            why: "is not a folder",
        }),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io(e)),
    };
    if check()? || dry_run {
        return Ok(());
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    match b.create(out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io(e)),
    }
    check().map(|_| ())
}

struct Run<'a> {
    client: &'a GmailClient,
    opts: &'a HarvestOptions,
    out: &'a Path,
    manifest: &'a Manifest,
    events: &'a (dyn Fn(HarvestEvent) + Send + Sync),
    selection: Selection,
    /// Names given to this run's parts.
    assigned: HashSet<String>,
    /// Where messages and parts are downloaded to (DIR, or a private folder in a dry run).
    scratch: PathBuf,
    /// KiB of messages held in memory at once while parsed ([`MEMORY_BUDGET_KIB`]).
    budget: tokio::sync::Semaphore,
}

enum Examined {
    /// Complete under this selection, its files intact: this many files.
    Skipped(usize),
    /// Cannot be read (recorded, so that re-runs skip it): why.
    Unreadable(String),
    Work(Work),
}

/// A message with parts to save.
struct Work {
    id: String,
    thread_id: Option<String>,
    meta: MessageMeta,
    pending: Vec<Pending>,
    /// Files of the message already saved (they go into its "complete" line).
    done: Vec<FileStamp>,
}

struct Pending {
    part: PlannedPart,
    /// The path a manifest line gives this very part whose file is gone: it comes back there.
    previous: Option<String>,
    /// The name before collisions, and the suffix number the assigned name has.
    base: String,
    n: usize,
    name: String,
    /// The part's bytes under a temporary name in DIR, with its fields (`None` in a dry run).
    file: Option<Fetched>,
}

/// A part downloaded into a temporary file (no descriptor held open), its fields read.
struct Fetched {
    temp: tempfile::TempPath,
    size: u64,
    sha256: String,
    invoice: Option<InvoiceFields>,
    unreadable: Option<UnreadableDocument>,
}

/// What the local parse of a message gives the pipeline.
struct Parsed {
    date: Option<String>,
    from: Option<String>,
    subject: Option<String>,
    /// Every planned part with its bytes in a temporary file (`None`: the raw message itself,
    /// or a dry run).
    planned: Vec<(PlannedPart, Option<Downloaded>)>,
}

#[derive(Default)]
struct MessageOutcome {
    saved: usize,
    bytes: u64,
    /// Saved documents whose fields include an amount / a due date.
    with_amount: usize,
    with_due_date: usize,
    unreadable: Vec<UnreadableDocument>,
}

struct MessageError {
    error: GmailError,
    saved: usize,
    bytes: u64,
    unreadable: Vec<UnreadableDocument>,
}

impl From<GmailError> for MessageError {
    fn from(error: GmailError) -> Self {
        MessageError {
            error,
            saved: 0,
            bytes: 0,
            unreadable: Vec::new(),
        }
    }
}

/// What the file names and the manifest say about a message.
struct MessageMeta {
    date: Option<DateTime<FixedOffset>>,
    from: Option<String>,
    subject: Option<String>,
}

impl MessageMeta {
    fn of(parsed: &Parsed, internal_date: Option<&str>) -> MessageMeta {
        let internal = internal_date
            .and_then(|ms| ms.parse::<i64>().ok())
            .and_then(DateTime::<Utc>::from_timestamp_millis)
            .map(|d| d.fixed_offset());
        let date = parsed.date.as_deref().and_then(parse_date).or(internal);
        MessageMeta {
            date,
            from: parsed.from.clone(),
            subject: parsed.subject.clone(),
        }
    }

    fn file_name(&self, part: &PlannedPart) -> String {
        let date = self
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into());
        let sender = self
            .from
            .as_deref()
            .map(sender_of)
            .unwrap_or_else(|| "unknown".into());
        let stem = match (&part.filename, part.kind) {
            (Some(f), PartKind::Attachment) => stem_of(f, &part.extension).to_owned(),
            _ => self
                .subject
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "message".into()),
        };
        file_name(&date, &sender, &stem, &part.extension)
    }
}
