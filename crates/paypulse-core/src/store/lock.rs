//! Local stores' advisory lock files, and the store work that must run to its end even when
//! its caller stops waiting.

use std::time::Duration;

use super::StoreError;

/// A held advisory lock (local stores); released when dropped, and by the kernel when the
/// process dies.
pub struct LockGuard {
    path: std::path::PathBuf,
    /// Remove the lock file before releasing it (the secret was deleted).
    remove: std::sync::atomic::AtomicBool,
    _file: std::fs::File,
}

impl LockGuard {
    /// The secret is gone: the lock file goes too, when the lock is released. Safe because a
    /// waiter checks, once it holds a lock, that its file is still the one at the path.
    pub fn remove_on_release(&self) {
        self.remove
            .store(cfg!(unix), std::sync::atomic::Ordering::Relaxed);
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Unlinked while still held; the lock itself is released when the file closes.
        if *self.remove.get_mut() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The store work that must run to its end even when its caller stops waiting (a timeout,
/// Ctrl-C): a local write that still holds its lock, the undoing of a Secrets Manager write
/// that failed part-way. [`settle`] waits for it before the process exits.
static IN_FLIGHT: std::sync::LazyLock<tokio_util::task::TaskTracker> =
    std::sync::LazyLock::new(tokio_util::task::TaskTracker::new);

/// Runs `fut` on its own task, which is not cancelled when the returned handle is dropped.
pub(crate) fn run_to_end<T: Send + 'static>(
    fut: impl Future<Output = T> + Send + 'static,
) -> tokio::task::JoinHandle<T> {
    IN_FLIGHT.spawn(fut)
}

/// Waits, at most `within`, for the store work that outlived its caller (see [`run_to_end`]);
/// `false` when some is still running. Call before the process exits.
pub async fn settle(within: Duration) -> bool {
    IN_FLIGHT.close();
    let done = tokio::time::timeout(within, IN_FLIGHT.wait()).await.is_ok();
    IN_FLIGHT.reopen();
    done
}

pub(crate) fn worker_failed(e: tokio::task::JoinError) -> StoreError {
    StoreError::Io {
        what: "a store worker failed".into(),
        error: std::io::Error::other(e.to_string()),
    }
}

/// Takes the advisory lock `path` (created 0600 if needed; never the secret itself), waiting
/// while another process holds it. The caller bounds the wait ([`Store`]'s timeout). The lock is
/// the kernel's: a killed holder releases it.
pub async fn lock_file(path: std::path::PathBuf) -> Result<LockGuard, StoreError> {
    let io = |path: &std::path::Path, source| StoreError::Io {
        what: format!("cannot open the lock file {}", path.display()),
        error: source,
    };
    let p = path.clone();
    let file = tokio::task::spawn_blocking(move || {
        let mut opts = std::fs::OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // A lock file planted as a symlink is refused, not followed.
            opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        opts.open(&p)
    })
    .await
    .map_err(|e| io(&path, std::io::Error::other(e.to_string())))?
    .map_err(|e| io(&path, e))?;
    loop {
        match file.try_lock() {
            Ok(()) => {
                // A holder that deleted the secret removed this lock file meanwhile: lock the
                // file now at the path instead (boxed: the future recurses).
                if !still_at(&file, &path) {
                    drop(file);
                    return Box::pin(lock_file(path)).await;
                }
                return Ok(LockGuard {
                    path,
                    remove: std::sync::atomic::AtomicBool::new(false),
                    _file: file,
                });
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                tokio::time::sleep(Duration::from_millis(rand::random_range(2..=15))).await;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&path, e)),
        }
    }
}

/// Whether `file` is still the file at `path` (not unlinked or replaced).
#[cfg(unix)]
fn still_at(file: &std::fs::File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &std::fs::File, _path: &std::path::Path) -> bool {
    true
}
