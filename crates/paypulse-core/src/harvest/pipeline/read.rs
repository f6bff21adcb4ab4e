//! Reading a message: skipped from its completion record, else downloaded (`format=raw`), its
//! MIME parsed off the async threads, its parts written to temporaries and their fields read.

use super::*;

impl Run<'_> {
    /// Whether a saved file is intact: size and mtime as recorded, or (`--verify`) its hash.
    fn intact(&self, f: &FileStamp) -> bool {
        let path = self.out.join(&f.path);
        if self.opts.verify {
            hash_file(&path).is_some_and(|(size, sha)| size == f.size && sha == f.sha256)
        } else {
            stamp_of(&path).is_some_and(|(size, mtime)| size == f.size && mtime == f.mtime_ns)
        }
    }

    pub(super) async fn examine(&self, id: &str) -> Result<Examined, MessageError> {
        if let Some(c) = self.manifest.completion(id) {
            let same_content = c.selection.types == self.selection.types
                && c.selection.bodies == self.selection.bodies;
            let have_raw = c.files.iter().any(|f| f.kind == PartKind::Raw);
            let wanted: Vec<&FileStamp> = c
                .files
                .iter()
                .filter(|f| f.kind != PartKind::Raw || self.selection.raw)
                .collect();
            // Hashing (`--verify`) and stat calls block: off the async workers' queue.
            if same_content && tokio::task::block_in_place(|| wanted.iter().all(|f| self.intact(f)))
            {
                if have_raw || !self.selection.raw {
                    return Ok(Examined::Skipped(wanted.len()));
                }
                // Only the .eml is new: no need to read the message's parts again.
                let meta = MessageMeta {
                    date: c
                        .date
                        .as_deref()
                        .and_then(|d| DateTime::parse_from_rfc3339(d).ok()),
                    from: c.from.clone(),
                    subject: c.subject.clone(),
                };
                let part = raw_part();
                let base = meta.file_name(&part);
                let file = if self.opts.dry_run {
                    None
                } else {
                    let d = self.read_raw(id).await?.file;
                    Some(Fetched {
                        temp: d.file.into_temp_path(),
                        size: d.size,
                        sha256: d.sha256,
                        invoice: None,
                        unreadable: None,
                    })
                };
                return Ok(Examined::Work(Work {
                    id: id.to_owned(),
                    thread_id: c.thread_id.clone(),
                    meta,
                    pending: vec![Pending {
                        part,
                        previous: None,
                        base,
                        n: 1,
                        name: String::new(),
                        file,
                    }],
                    done: wanted.into_iter().cloned().collect(),
                }));
            }
        }
        let raw = self.read_raw(id).await?;
        let parsed = match self.parse(&raw).await {
            Ok(p) => p,
            Err(e @ (GmailError::TooDeep(_) | GmailError::Unparsable(_))) => {
                // Legal but beyond any mail program's nesting (or built to stall the parser):
                // recorded as complete with no files, so that re-runs skip it instead of failing
                // on it every time.
                let c = Completion {
                    message_id: id.to_owned(),
                    thread_id: raw.thread_id.clone(),
                    selection: self.selection.clone(),
                    files: Vec::new(),
                    date: None,
                    from: None,
                    subject: None,
                };
                if !self.opts.dry_run {
                    self.manifest.complete(&c).map_err(|error| GmailError::Io {
                        what: format!("cannot record {id} as complete"),
                        error,
                    })?;
                }
                return Ok(Examined::Unreadable(e.to_string()));
            }
            Err(e) => return Err(e.into()),
        };
        let meta = MessageMeta::of(&parsed, raw.internal_date.as_deref());
        let mut work = Work {
            id: raw.id.clone(),
            thread_id: raw.thread_id.clone(),
            meta,
            pending: Vec::new(),
            done: Vec::new(),
        };
        let mut raw_file = Some(raw.file);
        for (part, downloaded) in parsed.planned {
            let key = (work.id.clone(), part.part_id.clone(), part.kind);
            let verified = tokio::task::block_in_place(|| {
                self.manifest
                    .verified(self.out, &key)
                    .and_then(|e| stamp_of(&self.out.join(&e.path)).map(|stamp| (e, stamp)))
            });
            if let Some((e, (size, mtime_ns))) = verified {
                work.done.push(FileStamp {
                    path: e.path.clone(),
                    kind: e.kind,
                    size,
                    sha256: e.sha256.clone(),
                    mtime_ns,
                });
                continue;
            }
            let downloaded = match part.source {
                Source::Raw => raw_file.take(),
                Source::Part(_) => downloaded,
            };
            let base = work.meta.file_name(&part);
            let previous = self.manifest.entry(&key).map(|e| e.path.clone());
            work.pending.push(Pending {
                part,
                previous,
                base,
                n: 1,
                name: String::new(),
                file: None,
            });
            if let (Some(p), Some(d)) = (work.pending.last_mut(), downloaded)
                && !self.opts.dry_run
            {
                p.file = Some(Fetched {
                    temp: d.file.into_temp_path(),
                    size: d.size,
                    sha256: d.sha256,
                    invoice: None,
                    unreadable: None,
                });
            }
        }
        // The message's own file goes unless it is saved (`--raw`).
        drop(raw_file);
        self.read_fields(&mut work).await;
        Ok(Examined::Work(work))
    }

    /// One `messages.get` (`format=raw`), streamed into a temporary file.
    async fn read_raw(&self, id: &str) -> Result<RawMessage, GmailError> {
        let progress = |n: u64| (self.events)(HarvestEvent::Bytes(n));
        self.client.get_raw(id, &self.scratch, &progress).await
    }

    /// Parses a downloaded message off the async threads, within the memory budget, and writes
    /// each planned part (but the message itself) to a temporary file of its own.
    async fn parse(&self, raw: &RawMessage) -> Result<Parsed, GmailError> {
        let weight = raw
            .file
            .size
            .saturating_mul(2)
            .div_ceil(1024)
            .clamp(1, u64::from(MEMORY_BUDGET_KIB)) as u32;
        let _permit = self
            .budget
            .acquire_many(weight)
            .await
            .expect("the budget is never closed");
        let path = raw.file.file.path().to_owned();
        let dir = self.scratch.clone();
        let types = self.opts.types.clone();
        let (bodies, want_raw, extract) = (self.opts.bodies, self.opts.raw, !self.opts.dry_run);
        let task = tokio::task::spawn_blocking(move || {
            parse_message(&path, &dir, &types, bodies, want_raw, extract)
        });
        // A message built to stall the parser is given up on (the thread finishes on its own;
        // whatever it writes is removed when it drops it).
        match tokio::time::timeout(PARSE_TIME_LIMIT, task).await {
            Ok(joined) => joined.map_err(|e| GmailError::Io {
                what: "parse task".into(),
                error: std::io::Error::other(e),
            })?,
            Err(_) => Err(GmailError::Unparsable(PARSE_TIME_LIMIT.as_secs())),
        }
    }

    /// Reads the fields of every pending part of `w` from its temporary file (in the isolated
    /// field reader), before names are given.
    async fn read_fields(&self, w: &mut Work) {
        let meta = &w.meta;
        let reads = w.pending.iter_mut().filter_map(|p| {
            let file = p.file.as_mut()?;
            let part = &p.part;
            Some(async move {
                let (invoice, unreadable) = self.invoice_fields(part, meta, &file.temp).await;
                file.invoice = invoice;
                file.unreadable = unreadable;
            })
        });
        futures_util::future::join_all(reads).await;
    }

    /// A downloaded document's invoice fields, read by the isolated field reader. `None` for
    /// raw messages and documents without text; a document that cannot be read (its reader
    /// crashed or overran a limit) gets `invoice: null` and is reported, never a failed
    /// message.
    async fn invoice_fields(
        &self,
        part: &PlannedPart,
        meta: &MessageMeta,
        downloaded: &Path,
    ) -> (Option<InvoiceFields>, Option<UnreadableDocument>) {
        if part.kind == PartKind::Raw {
            return (None, None);
        }
        // The temporary file's name says nothing of its type: the part's own name does.
        let named = part
            .filename
            .clone()
            .unwrap_or_else(|| format!("part.{}", part.extension));
        match self
            .opts
            .fields
            .read_as(downloaded, &named, &part.mime_type, meta.from.as_deref())
            .await
        {
            Ok(fields) => (fields, None),
            Err(e) => (
                None,
                Some(UnreadableDocument {
                    path: String::new(),
                    reason: e.to_string(),
                }),
            ),
        }
    }
}

/// Reads the message at `path`, parses its MIME, plans its parts, and (when `extract`) writes
/// each planned part but the message itself to a temporary file in `dir`. Runs on the blocking
/// pool: the parse keeps its own stack and the message is freed without recursion.
fn parse_message(
    path: &Path,
    dir: &Path,
    types: &TypeFilter,
    bodies: bool,
    raw: bool,
    extract: bool,
) -> Result<Parsed, GmailError> {
    let bytes = crate::harvest::mapped::Bytes::open(path).map_err(|error| GmailError::Io {
        what: "cannot read a downloaded message".into(),
        error,
    })?;
    bytes.with(|bytes| {
        let message = mime::parse(bytes);
        let result = (|| {
            let tree = mime::Tree::of(message.as_ref(), bytes)?;
            let mut planned = Vec::new();
            for part in plan(&tree.parts, types, bodies, raw) {
                let file = match part.source {
                    Source::Part(i) if extract => Some(write_temp(dir, &tree.content(i))?),
                    _ => None,
                };
                planned.push((part, file));
            }
            Ok(Parsed {
                date: tree.date.clone(),
                from: tree.from.clone(),
                subject: tree.subject.clone(),
                planned,
            })
        })();
        mime::dismantle(message);
        result
    })
}
