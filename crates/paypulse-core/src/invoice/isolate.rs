//! Field reading behind a process boundary. Anyone can mail a user a PDF that overflows a
//! parser's stack, inflates to gigabytes or loops forever; `catch_unwind` and a timeout on a
//! thread cannot stop any of that. So documents' fields are read by worker processes (the same
//! binary, started with [`WORKER_ARG`]) under hard limits: address space, CPU time, stack, file
//! size 0, no core dump, an empty environment, nothing open but a pipe in and a pipe out. A
//! worker that dies or overruns costs that document's fields, never the run.
//!
//! Workers are reused: starting one costs some 25 ms (the binary's start and the extractor's
//! tables), reading a typical document about 1 ms (`cargo bench --bench fields`). A small pool
//! (the machine's cores, at most 4) keeps idle workers; one that crashed, overran its wall
//! time, served [`MAX_DOCS_PER_WORKER`] documents or [`MAX_BUSY`] of work is replaced, so that its
//! CPU limit stays a per-document bound and no state outlives a few dozen documents.
//!
//! The protocol, per document: one JSON line ([`Request`], with the byte count), the bytes, then
//! one JSON line ([`Answer`]) back.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use super::{Budget, DocKind, InvoiceError, InvoiceFields, extract};

/// The first argument that turns the binary into a field worker (hidden from `--help`).
pub const WORKER_ARG: &str = "__paypulse-field-worker";

/// The most bytes a worker's answer may have.
const MAX_ANSWER: u64 = 1024 * 1024;
/// The most bytes of the request line.
const MAX_REQUEST_LINE: u64 = 64 * 1024;
/// Documents a worker reads before it is replaced.
pub const MAX_DOCS_PER_WORKER: u32 = 64;
/// Wall time a worker spends reading before it is replaced: with the per-document wall limit,
/// its CPU time stays under its `RLIMIT_CPU` (set to this plus two documents' budget).
pub const MAX_BUSY: Duration = Duration::from_secs(20);

/// A worker's hard limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Address space (`RLIMIT_AS`), bytes.
    pub memory: u64,
    /// Main-thread stack (`RLIMIT_STACK`), bytes.
    pub stack: u64,
    /// CPU seconds of one document (the parent kills a worker after the budget's wall time; a
    /// reused worker's `RLIMIT_CPU` is [`MAX_BUSY`] plus twice this).
    pub cpu_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory: 512 * 1024 * 1024,
            stack: 8 * 1024 * 1024,
            cpu_secs: 10,
        }
    }
}

/// What the parent sends before each document.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    /// The document's size in bytes (they follow the line).
    len: u64,
    kind: DocKind,
    from: Option<String>,
    max_pages: usize,
    max_text: usize,
}

/// What the worker answers.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Fields(Box<InvoiceFields>),
    /// The document could not be read (not a crash: a parser's own error).
    Unreadable(String),
}

/// Reads saved documents' fields: in worker processes (the binary's mode) or, where there is no
/// binary to start (the core's own tests, non-Unix systems), in this process.
#[derive(Clone)]
pub struct FieldReader {
    inner: Arc<Inner>,
}

struct Inner {
    worker: Option<(PathBuf, Vec<OsString>)>,
    limits: Limits,
    budget: Budget,
    /// Workers alive at once: a small pool whatever the download window.
    permits: Semaphore,
    /// Idle workers, ready for the next document.
    idle: std::sync::Mutex<Vec<Worker>>,
}

impl std::fmt::Debug for FieldReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldReader")
            .field("worker", &self.inner.worker)
            .field("limits", &self.inner.limits)
            .finish()
    }
}

/// Workers at once: the machine's cores, at most 4.
fn pool_size() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4)
}

impl FieldReader {
    /// Workers started as `program WORKER_ARG` (the binary passes `current_exe()`).
    pub fn worker(program: PathBuf, budget: Budget, limits: Limits) -> FieldReader {
        FieldReader {
            inner: Arc::new(Inner {
                worker: Some((program, vec![WORKER_ARG.into()])),
                limits,
                budget,
                permits: Semaphore::new(pool_size()),
                idle: std::sync::Mutex::new(Vec::new()),
            }),
        }
    }

    /// Fields read on this process's blocking pool (no isolation: for tests and platforms
    /// without worker processes).
    pub fn in_process(budget: Budget) -> FieldReader {
        FieldReader {
            inner: Arc::new(Inner {
                worker: None,
                limits: Limits::default(),
                budget,
                permits: Semaphore::new(pool_size()),
                idle: std::sync::Mutex::new(Vec::new()),
            }),
        }
    }

    pub fn budget(&self) -> Budget {
        self.inner.budget
    }

    /// The fields of the saved file at `path`. `Ok(None)` for a kind of document that has no
    /// fields (images, raw messages); an error when the document could not be read (crashed
    /// or overran its worker, over the budget, not a regular file).
    pub async fn read(
        &self,
        path: &Path,
        mime_type: &str,
        from: Option<&str>,
    ) -> Result<Option<InvoiceFields>, InvoiceError> {
        self.read_as(path, &path.to_string_lossy(), mime_type, from)
            .await
    }

    /// Like [`FieldReader::read`], for a file whose own name says nothing of its type (a
    /// temporary file): `name` is the one its kind is told from.
    pub async fn read_as(
        &self,
        path: &Path,
        name: &str,
        mime_type: &str,
        from: Option<&str>,
    ) -> Result<Option<InvoiceFields>, InvoiceError> {
        let budget = self.inner.budget;
        let p = path.to_owned();
        let bytes = tokio::task::spawn_blocking(move || read_regular(&p, budget.max_bytes))
            .await
            .map_err(|_| InvoiceError::Panicked)??;
        let Some(kind) = DocKind::detect(mime_type, name, &bytes) else {
            return Ok(None);
        };
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let request = Request {
            len: bytes.len() as u64,
            kind,
            from: from.map(str::to_owned),
            max_pages: budget.max_pages,
            max_text: budget.max_text,
        };
        match &self.inner.worker {
            Some((program, args)) => {
                let idle = self.inner.idle.lock().expect("idle lock").pop();
                let mut worker = match idle {
                    Some(w) => w,
                    None => Worker::start(program, args, &self.inner.limits)?,
                };
                let started = std::time::Instant::now();
                let result = worker.read(budget.time, &request, &bytes).await;
                worker.docs += 1;
                worker.busy += started.elapsed();
                // A worker that crashed, overran or lost its way is dropped (killed); a healthy
                // one (fields, or the parser's own refusal) serves again until its share is
                // spent.
                let healthy = matches!(result, Ok(_) | Err(InvoiceError::Unreadable(_)));
                if healthy && worker.docs < MAX_DOCS_PER_WORKER && worker.busy < MAX_BUSY {
                    self.inner.idle.lock().expect("idle lock").push(worker);
                }
                result.map(Some)
            }
            None => {
                let job = tokio::task::spawn_blocking(move || {
                    std::panic::catch_unwind(|| answer(&request, &bytes))
                });
                match tokio::time::timeout(budget.time, job).await {
                    Ok(Ok(Ok(Answer::Fields(f)))) => Ok(Some(*f)),
                    Ok(Ok(Ok(Answer::Unreadable(why)))) => Err(InvoiceError::Unreadable(why)),
                    Ok(_) => Err(InvoiceError::Panicked),
                    Err(_) => Err(InvoiceError::Timeout(budget.time)),
                }
            }
        }
    }
}

/// A regular file's bytes (never through a symbolic link), at most `max` of them.
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, InvoiceError> {
    let io = |source| InvoiceError::Io {
        what: format!("cannot read {}", path.display()),
        source,
    };
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = o.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return InvoiceError::NotAFile(path.to_owned());
        }
        io(e)
    })?;
    let meta = f.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(InvoiceError::NotAFile(path.to_owned()));
    }
    if meta.len() > max {
        return Err(InvoiceError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(InvoiceError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn answer(request: &Request, bytes: &[u8]) -> Answer {
    let budget = Budget {
        max_bytes: u64::MAX,
        max_pages: request.max_pages,
        max_text: request.max_text,
        time: Duration::MAX,
    };
    match extract(bytes, request.kind, request.from.as_deref(), &budget) {
        Ok(f) => Answer::Fields(Box::new(f)),
        Err(e) => Answer::Unreadable(e.to_string()),
    }
}

/// A running worker process.
struct Worker {
    child: tokio::process::Child,
    stdin: tokio::process::ChildStdin,
    stdout: tokio::io::BufReader<tokio::process::ChildStdout>,
    docs: u32,
    busy: Duration,
}

impl Worker {
    fn start(program: &Path, args: &[OsString], limits: &Limits) -> Result<Worker, InvoiceError> {
        let mut cmd = tokio::process::Command::new(program);
        cmd.args(args)
            .env_clear()
            .current_dir("/")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        #[cfg(unix)]
        {
            let limits = *limits;
            // SAFETY: between fork and exec only async-signal-safe calls are made (setrlimit,
            // prctl, close_range): no allocation, no lock.
            unsafe {
                cmd.pre_exec(move || confine(&limits));
            }
        }
        #[cfg(not(unix))]
        let _ = limits;
        let mut child = cmd
            .spawn()
            .map_err(|e| InvoiceError::Worker(format!("cannot start a field worker: {e}")))?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = tokio::io::BufReader::new(child.stdout.take().expect("piped"));
        Ok(Worker {
            child,
            stdin,
            stdout,
            docs: 0,
            busy: Duration::ZERO,
        })
    }

    /// Sends one document and reads its answer, within `wall`. Any error leaves the worker
    /// unusable (the caller drops it, which kills it).
    async fn read(
        &mut self,
        wall: Duration,
        request: &Request,
        bytes: &[u8],
    ) -> Result<InvoiceFields, InvoiceError> {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};

        let mut head = serde_json::to_vec(request).expect("a request serializes");
        head.push(b'\n');
        let talk = async {
            let send = async {
                // A worker that dies early closes its end: the answer's absence says why.
                let _ = self.stdin.write_all(&head).await;
                let _ = self.stdin.write_all(bytes).await;
                let _ = self.stdin.flush().await;
            };
            let receive = async {
                let mut line = Vec::new();
                (&mut self.stdout)
                    .take(MAX_ANSWER + 1)
                    .read_until(b'\n', &mut line)
                    .await
                    .map(|_| line)
            };
            let ((), line) = tokio::join!(send, receive);
            line
        };
        let line = match tokio::time::timeout(wall, talk).await {
            Ok(r) => r.map_err(|e| InvoiceError::Worker(format!("field worker lost: {e}")))?,
            Err(_) => return Err(InvoiceError::Timeout(wall)),
        };
        if !line.ends_with(b"\n") {
            if line.len() as u64 > MAX_ANSWER {
                return Err(InvoiceError::Worker(
                    "field worker's answer is too large".into(),
                ));
            }
            // The worker ended without an answer: how it ended says why.
            let status = tokio::time::timeout(Duration::from_secs(2), self.child.wait()).await;
            return Err(InvoiceError::Worker(match status {
                Ok(Ok(status)) => describe(&status),
                _ => "field worker stopped answering".into(),
            }));
        }
        match serde_json::from_slice::<Answer>(&line) {
            Ok(Answer::Fields(f)) => Ok(*f),
            Ok(Answer::Unreadable(why)) => Err(InvoiceError::Unreadable(why)),
            Err(_) => Err(InvoiceError::Worker(
                "field worker's answer is not JSON".into(),
            )),
        }
    }
}

/// How a worker ended, in words.
fn describe(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let what = match sig {
                libc::SIGSEGV | libc::SIGBUS => "crashed (memory fault or stack overflow)",
                libc::SIGABRT => "aborted (out of memory or a parser's fatal error)",
                libc::SIGXCPU => "exceeded its CPU time",
                libc::SIGKILL => "was killed (CPU time or memory limit)",
                _ => "was ended by a signal",
            };
            return format!("field reader {what} (signal {sig})");
        }
    }
    format!("field reader failed ({status})")
}

/// The worker's limits, set in the child between fork and exec.
#[cfg(unix)]
fn confine(limits: &Limits) -> std::io::Result<()> {
    fn set(resource: libc::c_int, value: u64) -> std::io::Result<()> {
        let lim = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit with a valid pointer to a local.
        if unsafe { libc::setrlimit(resource as _, &lim) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
    set(libc::RLIMIT_CORE as _, 0)?;
    set(libc::RLIMIT_AS as _, limits.memory)?;
    set(libc::RLIMIT_STACK as _, limits.stack)?;
    // A reused worker's CPU time: its share of work plus two documents' budget (see
    // `MAX_BUSY`). The soft limit sends SIGXCPU; one second later the hard limit, SIGKILL.
    let cpu_secs = MAX_BUSY.as_secs() + 2 * limits.cpu_secs;
    let cpu = libc::rlimit {
        rlim_cur: cpu_secs as libc::rlim_t,
        rlim_max: (cpu_secs + 1) as libc::rlim_t,
    };
    // SAFETY: as above.
    if unsafe { libc::setrlimit(libc::RLIMIT_CPU, &cpu) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    set(libc::RLIMIT_FSIZE as _, 0)?;
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain syscalls with constant arguments.
        unsafe {
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
            // Nothing but stdin, stdout and stderr stays open (fds without CLOEXEC included).
            libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
        }
    }
    Ok(())
}

/// The worker's side: reads requests and their documents from `input` until it ends, and writes
/// one answer line for each to `output`. Returns the process's exit code.
pub fn serve(input: impl Read, mut output: impl Write) -> i32 {
    let mut input = std::io::BufReader::new(input);
    loop {
        let mut line = Vec::new();
        match std::io::BufRead::read_until(
            &mut (&mut input).take(MAX_REQUEST_LINE),
            b'\n',
            &mut line,
        ) {
            Ok(0) => return 0,
            Ok(_) => {}
            Err(_) => return 2,
        }
        let Ok(request) = serde_json::from_slice::<Request>(&line) else {
            return 2;
        };
        let mut bytes = Vec::new();
        match (&mut input).take(request.len).read_to_end(&mut bytes) {
            Ok(n) if n as u64 == request.len => {}
            _ => return 2,
        }
        let answer = answer(&request, &bytes);
        drop(bytes);
        let mut out = serde_json::to_vec(&answer).expect("an answer serializes");
        out.push(b'\n');
        if output
            .write_all(&out)
            .and_then(|()| output.flush())
            .is_err()
        {
            return 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_answers_each_document_of_a_stream() {
        let docs = [
            "Faktura\nAtt betala: 9 880,00 kr\nFörfallodag 2026-12-31\n",
            "Invoice\nAmount due: 12.50 EUR\nDue date: 2026-11-30\n",
        ];
        let mut input = Vec::new();
        for doc in docs {
            let req = Request {
                len: doc.len() as u64,
                kind: DocKind::Text,
                from: Some("Wallenstam AB <avi@example.se>".into()),
                max_pages: 8,
                max_text: 1 << 16,
            };
            input.extend(serde_json::to_vec(&req).unwrap());
            input.push(b'\n');
            input.extend_from_slice(doc.as_bytes());
        }
        let mut out = Vec::new();
        assert_eq!(serve(&input[..], &mut out), 0);
        let due: Vec<Option<String>> = out
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| match serde_json::from_slice(l).unwrap() {
                Answer::Fields(f) => f.due_date,
                Answer::Unreadable(why) => panic!("{why}"),
            })
            .collect();
        assert_eq!(
            due,
            [Some("2026-12-31".to_owned()), Some("2026-11-30".to_owned())]
        );
    }

    #[test]
    fn serve_refuses_a_request_that_is_not_json() {
        let mut out = Vec::new();
        assert_eq!(serve(&b"nonsense\n%PDF-"[..], &mut out), 2);
        assert!(out.is_empty());
    }

    #[tokio::test]
    async fn in_process_reader_skips_kinds_without_fields_and_refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let img = dir.path().join("a.png");
        std::fs::write(&img, b"\x89PNG").unwrap();
        let r = FieldReader::in_process(Budget::default());
        assert!(r.read(&img, "image/png", None).await.unwrap().is_none());
        #[cfg(unix)]
        {
            let link = dir.path().join("l.txt");
            std::os::unix::fs::symlink(&img, &link).unwrap();
            assert!(matches!(
                r.read(&link, "text/plain", None).await,
                Err(InvoiceError::NotAFile(_))
            ));
        }
    }
}
