//! Committing a message: names given in a stable order, each file renamed into place (never
//! over another; an orphan with the same bytes adopted) and listed, then the message recorded
//! as complete.

use super::*;

impl Run<'_> {
    /// The first free name for `base` (suffix number in `n`): not listed in the manifest, not on
    /// disk, not given to another part of this run.
    pub(super) fn assign(&mut self, base: &str, previous: Option<&str>, n: &mut usize) -> String {
        if let Some(p) = previous
            && !self.assigned.contains(p)
            && std::fs::symlink_metadata(self.out.join(p)).is_err()
        {
            self.assigned.insert(p.to_owned());
            return p.to_owned();
        }
        let mut k = 1;
        loop {
            let candidate = with_suffix(base, k);
            let taken = self.assigned.contains(&candidate)
                || self.manifest.is_listed(&candidate)
                || std::fs::symlink_metadata(self.out.join(&candidate)).is_ok();
            if !taken {
                self.assigned.insert(candidate.clone());
                *n = k;
                return candidate;
            }
            k += 1;
        }
    }

    /// Renames every pending part of `w` into place and lists it, then marks the message
    /// complete. Each file is renamed and listed with nothing in between.
    pub(super) fn commit(&self, mut w: Work) -> Result<MessageOutcome, MessageError> {
        let mut outcome = MessageOutcome::default();
        let mut files = w.done.clone();
        let mut first_error = None;
        for mut p in std::mem::take(&mut w.pending) {
            let Some(file) = p.file.take() else { continue };
            let Fetched {
                temp,
                size,
                sha256,
                invoice,
                mut unreadable,
            } = file;
            let result = self.save(&p, temp, size, sha256).and_then(|saved| {
                if let Some(u) = unreadable.as_mut() {
                    u.path = saved.path.clone();
                }
                self.record(&w, &p, saved, invoice)
            });
            match result {
                Ok(entry) => {
                    outcome.unreadable.extend(unreadable);
                    outcome.saved += 1;
                    outcome.bytes += entry.size;
                    if let Some(i) = &entry.invoice {
                        outcome.with_amount += usize::from(i.amount.is_some());
                        outcome.with_due_date += usize::from(i.due_date.is_some());
                    }
                    if let Some((size, mtime_ns)) = stamp_of(&self.out.join(&entry.path)) {
                        files.push(FileStamp {
                            path: entry.path.clone(),
                            kind: entry.kind,
                            size,
                            sha256: entry.sha256.clone(),
                            mtime_ns,
                        });
                    }
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(error) = first_error {
            return Err(MessageError {
                error,
                saved: outcome.saved,
                bytes: outcome.bytes,
                unreadable: outcome.unreadable,
            });
        }
        let c = Completion {
            message_id: w.id.clone(),
            thread_id: w.thread_id.clone(),
            selection: self.selection.clone(),
            files,
            date: w.meta.date.map(|d| d.to_rfc3339()),
            from: w.meta.from.clone(),
            subject: w.meta.subject.clone(),
        };
        if let Err(source) = self.manifest.complete(&c) {
            return Err(MessageError {
                error: GmailError::Io {
                    what: format!("cannot record {} as complete", w.id),
                    error: source,
                },
                saved: outcome.saved,
                bytes: outcome.bytes,
                unreadable: outcome.unreadable,
            });
        }
        Ok(outcome)
    }

    /// An unlisted file under one of this part's names holding exactly these bytes: a file
    /// renamed into place by a run that stopped before its manifest line.
    fn orphan(&self, p: &Pending, size: u64, sha256: &str) -> Option<String> {
        (1..=p.n).map(|k| with_suffix(&p.base, k)).find(|c| {
            (c == &p.name || !self.assigned.contains(c))
                && !self.manifest.is_listed(c)
                && stamp_of(&self.out.join(c)).is_some_and(|(s, _)| s == size)
                && hash_file(&self.out.join(c)).is_some_and(|(_, h)| h == sha256)
                && self.manifest.claim(c)
        })
    }

    /// Renames the temporary file to its name, never over another file (an orphan with the
    /// same bytes is adopted instead).
    fn save(
        &self,
        p: &Pending,
        mut file: tempfile::TempPath,
        size: u64,
        sha256: String,
    ) -> Result<Saved, GmailError> {
        if let Some(path) = self.orphan(p, size, &sha256) {
            drop(file);
            return Ok(Saved { path, size, sha256 });
        }
        let mut candidate = p.name.clone();
        let mut k = p.n;
        loop {
            match file.persist_noclobber(self.out.join(&candidate)) {
                Ok(_) => {
                    self.manifest.claim(&candidate);
                    return Ok(Saved {
                        path: candidate,
                        size,
                        sha256,
                    });
                }
                Err(e)
                    if e.error.kind() == std::io::ErrorKind::AlreadyExists && k < p.n + 10_000 =>
                {
                    // Taken since names were given (another program): the next free one.
                    file = e.path;
                    loop {
                        k += 1;
                        candidate = with_suffix(&p.base, k);
                        if !self.assigned.contains(&candidate)
                            && !self.manifest.is_listed(&candidate)
                        {
                            break;
                        }
                    }
                }
                Err(e) => {
                    return Err(GmailError::Io {
                        what: format!("cannot save {candidate}"),
                        error: e.error,
                    });
                }
            }
        }
    }

    /// Appends the saved file's manifest line (whole, or not at all: a file without its line is
    /// adopted by the next run).
    fn record(
        &self,
        w: &Work,
        p: &Pending,
        saved: Saved,
        invoice: Option<InvoiceFields>,
    ) -> Result<ManifestEntry, GmailError> {
        let part = &p.part;
        let entry = ManifestEntry {
            message_id: w.id.clone(),
            thread_id: w.thread_id.clone(),
            part_id: part.part_id.clone(),
            kind: part.kind,
            filename: part.filename.clone(),
            path: saved.path,
            mime_type: part.mime_type.clone(),
            size: saved.size,
            sha256: saved.sha256,
            date: w.meta.date.map(|d| d.to_rfc3339()),
            from: w.meta.from.clone(),
            subject: w.meta.subject.clone(),
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
}

/// A file renamed into place, not yet in the manifest.
struct Saved {
    path: String,
    size: u64,
    sha256: String,
}
