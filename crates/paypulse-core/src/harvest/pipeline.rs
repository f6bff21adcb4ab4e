//! The fetch pipeline: search → fetch each message (bounded concurrency) → write each file
//! atomically → append it to `manifest.jsonl`. Idempotent: a re-run skips what the manifest
//! lists and whose file still hashes the same. Per-message failures do not stop the run.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::manifest::{MANIFEST, Manifest, ManifestEntry, remove_temporaries};
use crate::gmail::{Downloaded, GmailClient, GmailError, Message, decode_base64url, write_temp};
use crate::harvest::names::{file_name, sender_of, stem_of, with_suffix};
use crate::harvest::plan::{PartKind, PlannedPart, Source, TypeFilter, plan};
use crate::invoice::{self, InvoiceFields};

/// What to fetch and where.
#[derive(Debug, Clone)]
pub struct HarvestOptions {
    pub query: String,
    pub max: Option<usize>,
    pub types: TypeFilter,
    pub bodies: bool,
    pub raw: bool,
    pub out: PathBuf,
    pub concurrency: usize,
    pub dry_run: bool,
}

/// What the pipeline reports as it goes (the binary draws progress from these).
#[derive(Debug, Clone)]
pub enum HarvestEvent {
    /// Messages found so far while listing.
    Listing {
        matched: usize,
    },
    /// Listing done: this many messages will be fetched.
    Matched {
        matched: usize,
    },
    /// Bytes of a file arrived.
    Bytes(u64),
    Saved(Box<ManifestEntry>),
    /// Already present (manifest entry whose file still matches).
    Skipped {
        path: String,
    },
    /// `--dry-run`: would be written.
    Planned {
        path: String,
        kind: PartKind,
        size_hint: u64,
    },
    MessageDone,
    Failed {
        message_id: String,
        reason: String,
    },
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<MessageFailure>,
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
    #[error("cannot search Gmail: {0}")]
    List(GmailError),
    /// The grant died during the run (expired or revoked refresh token, token refused).
    #[error("{0}")]
    Auth(GmailError),
    #[error("{what}: {error}")]
    Io { what: String, error: std::io::Error },
}

/// Runs the pipeline. `events` is called from the pipeline's tasks; `cancel` stops it
/// cleanly: no new work starts, files in flight are discarded, the manifest stays whole.
pub async fn harvest(
    client: &GmailClient,
    opts: &HarvestOptions,
    events: &(dyn Fn(HarvestEvent) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<HarvestSummary, HarvestError> {
    if !opts.dry_run {
        std::fs::create_dir_all(&opts.out).map_err(|source| HarvestError::Io {
            what: format!("cannot create {}", opts.out.display()),
            error: source,
        })?;
    }
    let manifest = Manifest::open(&opts.out, opts.dry_run)?;
    let mut summary = HarvestSummary {
        matched: 0,
        saved: 0,
        skipped: 0,
        failed: 0,
        bytes: 0,
        out: opts.out.clone(),
        with_amount: 0,
        with_due_date: 0,
        failures: Vec::new(),
        planned: Vec::new(),
        interrupted: false,
    };

    // 1. Search: every page, up to --max.
    let mut ids = Vec::new();
    let mut page_token: Option<String> = None;
    loop {
        let want = opts
            .max
            .map(|m| m.saturating_sub(ids.len()))
            .unwrap_or(usize::MAX);
        if want == 0 {
            break;
        }
        let page_size = want.min(500) as u32;
        let page = tokio::select! {
            p = client.list_page(&opts.query, page_token.as_deref(), page_size) => p.map_err(HarvestError::List)?,
            _ = cancel.cancelled() => { summary.interrupted = true; return Ok(summary); }
        };
        ids.extend(page.messages.into_iter().take(want));
        events(HarvestEvent::Listing { matched: ids.len() });
        match page.next_page_token {
            Some(t) if !t.is_empty() => page_token = Some(t),
            _ => break,
        }
    }
    summary.matched = ids.len();
    events(HarvestEvent::Matched { matched: ids.len() });

    // 2. Fetch and write, a bounded number of messages at a time.
    let names = Mutex::new(Vec::<String>::new());
    let ctx = Run {
        client,
        opts,
        manifest: &manifest,
        events,
        names: &names,
    };
    let mut results = futures_util::stream::iter(ids)
        .map(|m| {
            let ctx = &ctx;
            async move { (m.id.clone(), ctx.message(&m.id).await) }
        })
        .buffer_unordered(opts.concurrency.max(1));
    loop {
        let next = tokio::select! {
            n = results.next() => n,
            _ = cancel.cancelled() => { summary.interrupted = true; break; }
        };
        let Some((id, result)) = next else { break };
        match result {
            Ok(outcome) => {
                summary.saved += outcome.saved;
                summary.with_amount += outcome.with_amount;
                summary.with_due_date += outcome.with_due_date;
                summary.skipped += outcome.skipped;
                summary.bytes += outcome.bytes;
                summary.planned.extend(outcome.planned);
            }
            Err(e) => {
                // Partial work of a failed message was kept (its files are complete and listed).
                summary.saved += e.saved;
                summary.bytes += e.bytes;
                if e.error.needs_reconnect() {
                    // No other message can succeed either: stop, and say so.
                    drop(results);
                    return Err(HarvestError::Auth(e.error));
                }
                summary.failed += 1;
                let reason = e.error.to_string();
                events(HarvestEvent::Failed {
                    message_id: id.clone(),
                    reason: reason.clone(),
                });
                summary.failures.push(MessageFailure {
                    message_id: id,
                    reason,
                });
            }
        }
        events(HarvestEvent::MessageDone);
    }
    // Dropping the stream discards files in flight; a download still running on the
    // blocking pool writes into a file whose name is gone.
    drop(results);
    if summary.interrupted && !opts.dry_run {
        remove_temporaries(&opts.out);
    }
    Ok(summary)
}

struct Run<'a> {
    client: &'a GmailClient,
    opts: &'a HarvestOptions,
    manifest: &'a Manifest,
    events: &'a (dyn Fn(HarvestEvent) + Send + Sync),
    /// Names chosen in this dry run (so collisions show as they would happen).
    names: &'a Mutex<Vec<String>>,
}

#[derive(Default)]
struct MessageOutcome {
    saved: usize,
    /// Saved documents whose fields include an amount / a due date.
    with_amount: usize,
    with_due_date: usize,
    skipped: usize,
    bytes: u64,
    planned: Vec<String>,
}

struct MessageError {
    error: GmailError,
    saved: usize,
    bytes: u64,
}

impl Run<'_> {
    async fn message(&self, id: &str) -> Result<MessageOutcome, MessageError> {
        let mut outcome = MessageOutcome::default();
        let fail = |error, o: &MessageOutcome| MessageError {
            error,
            saved: o.saved,
            bytes: o.bytes,
        };
        let msg = self
            .client
            .get_message(id)
            .await
            .map_err(|e| fail(e, &outcome))?;
        let meta = MessageMeta::of(&msg);
        for part in plan(&msg, &self.opts.types, self.opts.bodies, self.opts.raw) {
            let key = (msg.id.clone(), part.part_id.clone(), part.kind);
            if let Some(e) = self.manifest.verified(&self.opts.out, &key) {
                outcome.skipped += 1;
                (self.events)(HarvestEvent::Skipped {
                    path: e.path.clone(),
                });
                continue;
            }
            let name = meta.file_name(&part);
            if self.opts.dry_run {
                let name = self.unique_planned(&name);
                (self.events)(HarvestEvent::Planned {
                    path: name.clone(),
                    kind: part.kind,
                    size_hint: part.size_hint,
                });
                outcome.planned.push(name);
                continue;
            }
            let downloaded = self
                .download(&msg, &part)
                .await
                .map_err(|e| fail(e, &outcome))?;
            let invoice = self.invoice_fields(&part, &meta, &downloaded).await;
            let entry = self
                .commit(&msg, &meta, &part, &name, downloaded, invoice)
                .map_err(|e| fail(e, &outcome))?;
            outcome.saved += 1;
            if let Some(i) = &entry.invoice {
                outcome.with_amount += usize::from(i.amount.is_some());
                outcome.with_due_date += usize::from(i.due_date.is_some());
            }
            outcome.bytes += entry.size;
            (self.events)(HarvestEvent::Saved(Box::new(entry)));
        }
        Ok(outcome)
    }

    async fn download(&self, msg: &Message, part: &PlannedPart) -> Result<Downloaded, GmailError> {
        let progress = |n: u64| (self.events)(HarvestEvent::Bytes(n));
        match &part.source {
            Source::Inline(data) => {
                let bytes = decode_base64url(data)?;
                progress(bytes.len() as u64);
                write_temp(&self.opts.out, &bytes)
            }
            Source::Attachment(att) => {
                self.client
                    .download_attachment(&msg.id, att, &self.opts.out, &progress)
                    .await
            }
            Source::Raw => {
                self.client
                    .download_raw(&msg.id, &self.opts.out, &progress)
                    .await
            }
        }
    }

    /// The document's invoice fields, read from the downloaded file before it is committed
    /// (off the executor, within the extraction budget). `None` for raw messages; a document
    /// that cannot be read gets null fields and a warning, never a failed message.
    async fn invoice_fields(
        &self,
        part: &PlannedPart,
        meta: &MessageMeta,
        downloaded: &Downloaded,
    ) -> Option<InvoiceFields> {
        if part.kind == PartKind::Raw {
            return None;
        }
        let path = downloaded.file.path().to_owned();
        let budget = invoice::Budget::default();
        match invoice::extract_file(path, part.mime_type.clone(), meta.from.clone(), budget).await {
            Ok(fields) => fields,
            Err(e) => {
                tracing::warn!(error = %e, "no invoice fields for a document");
                Some(InvoiceFields::default())
            }
        }
    }

    /// Renames the temporary file to a free name (never over another file) and appends the
    /// manifest line, with no await in between: an interruption cannot separate the two.
    fn commit(
        &self,
        msg: &Message,
        meta: &MessageMeta,
        part: &PlannedPart,
        name: &str,
        downloaded: Downloaded,
        invoice: Option<InvoiceFields>,
    ) -> Result<ManifestEntry, GmailError> {
        let Downloaded {
            mut file,
            size,
            sha256,
        } = downloaded;
        let mut n = 1;
        let final_name = loop {
            let candidate = with_suffix(name, n);
            match file.persist_noclobber(self.opts.out.join(&candidate)) {
                Ok(_) => break candidate,
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => {
                    file = e.file;
                    n += 1;
                }
                Err(e) => {
                    return Err(GmailError::Io {
                        what: format!("cannot save {candidate}"),
                        error: e.error,
                    });
                }
            }
        };
        if let Ok(dir) = std::fs::File::open(&self.opts.out) {
            let _ = dir.sync_all();
        }
        let entry = ManifestEntry {
            message_id: msg.id.clone(),
            thread_id: msg.thread_id.clone(),
            part_id: part.part_id.clone(),
            kind: part.kind,
            filename: part.filename.clone(),
            path: final_name,
            mime_type: part.mime_type.clone(),
            size,
            sha256,
            date: meta.date.map(|d| d.to_rfc3339()),
            from: meta.from.clone(),
            subject: meta.subject.clone(),
            invoice,
        };
        self.manifest
            .append(&entry)
            .map_err(|source| GmailError::Io {
                what: format!("cannot append to {MANIFEST}"),
                error: source,
            })?;
        Ok(entry)
    }

    fn unique_planned(&self, name: &str) -> String {
        let mut taken = self.names.lock().expect("names lock");
        let mut n = 1;
        loop {
            let candidate = with_suffix(name, n);
            if !taken.contains(&candidate) && !self.opts.out.join(&candidate).exists() {
                taken.push(candidate.clone());
                return candidate;
            }
            n += 1;
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
    fn of(msg: &Message) -> MessageMeta {
        let header = |n: &str| {
            msg.payload
                .as_ref()
                .and_then(|p| p.header(n))
                .map(str::to_owned)
        };
        let internal = msg
            .internal_date
            .as_deref()
            .and_then(|ms| ms.parse::<i64>().ok())
            .and_then(DateTime::<Utc>::from_timestamp_millis)
            .map(|d| d.fixed_offset());
        let date = header("Date").as_deref().and_then(parse_date).or(internal);
        MessageMeta {
            date,
            from: header("From"),
            subject: header("Subject"),
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

/// RFC 2822 dates as mail carries them, comments like `(UTC)` and all.
fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let no_comment = match s.find('(') {
        Some(i) => s[..i].trim(),
        None => s.trim(),
    };
    DateTime::parse_from_rfc2822(no_comment).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_comments() {
        let d = parse_date("Mon, 1 Dec 2025 08:30:00 +0100 (CET)").unwrap();
        assert_eq!(d.to_rfc3339(), "2025-12-01T08:30:00+01:00");
        assert!(parse_date("yesterday").is_none());
    }
}
