//! Where bundles live: one [`TokenStore`] trait, four backends, and [`Store`], which adds what
//! every backend needs (timeouts, read-back, bundle parsing) in one place.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::bundle::TokenBundle;
use crate::ids::{SecretName, SecretPrefix, UserId};

pub mod aws;
pub mod env;
pub mod file;
pub mod keyring;
mod vault_crypto;

/// The four stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    Keyring,
    Aws,
    File,
    Env,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Keyring => "keyring",
            StoreKind::Aws => "aws",
            StoreKind::File => "file",
            StoreKind::Env => "env",
        }
    }
}

impl std::fmt::Display for StoreKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for StoreKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "keyring" => Ok(StoreKind::Keyring),
            "aws" => Ok(StoreKind::Aws),
            "file" => Ok(StoreKind::File),
            "env" => Ok(StoreKind::Env),
            other => Err(format!(
                "unknown store {other:?}: expected keyring, aws, file or env"
            )),
        }
    }
}

/// Errors from the stores. Messages never contain a secret.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The platform credential store is absent or does not answer.
    #[error("the {store} store is not available: {detail}")]
    Unavailable { store: StoreKind, detail: String },
    #[error("the keyring is locked: {0}")]
    Locked(#[source] PlatformError),
    #[error("the {store} store did not answer within {secs} s ({op})")]
    Timeout {
        store: StoreKind,
        op: &'static str,
        secs: u64,
    },
    #[error("the env store is read-only: set PAYPULSE_TOKEN_BUNDLE instead")]
    ReadOnly,
    #[error("the {store} store cannot {op}")]
    Unsupported { store: StoreKind, op: &'static str },
    #[error("PAYPULSE_VAULT_KEY is not set: the file store needs a key")]
    MissingVaultKey,
    #[error("PAYPULSE_VAULT_KEY is empty")]
    EmptyVaultKey,
    #[error("cannot decrypt {name}: wrong PAYPULSE_VAULT_KEY, or the file was altered")]
    Decrypt { name: SecretName },
    #[error("{name} is stored but is not a readable vault file: {detail}")]
    CorruptVaultFile { name: SecretName, detail: String },
    #[error("the stored bundle {name} is corrupt: {detail}")]
    CorruptBundle { name: SecretName, detail: String },
    #[error("{what}: {error}")]
    Io { what: String, error: std::io::Error },
    #[error("the bundle is {len} bytes, more than this platform's credential store holds ({max})")]
    TooLarge { len: usize, max: usize },
    #[error("{name} did not read back as written")]
    ReadBackMismatch { name: SecretName },
    #[error(
        "{name} kept changing underneath (other writers); gave up after {MAX_ATTEMPTS} attempts"
    )]
    Contended { name: SecretName },
    #[error(
        "{name} holds a refresh token, and the new bundle has none: without `google_user_id` on both it cannot be told whether they are the same Google account, so neither mixing them nor dropping the stored refresh token is safe"
    )]
    AccountUnknown { name: SecretName },
    /// AWS Secrets Manager answered with an error or could not be reached.
    #[error("AWS Secrets Manager: {0}")]
    Aws(AwsFailure),
    /// AWS Secrets Manager throttled the request (`ThrottlingException`), even after the SDK's
    /// own retries.
    #[error("AWS Secrets Manager is throttling requests: {0}")]
    Throttled(AwsFailure),
    #[error("AWS Secrets Manager is not configured: {0}")]
    AwsConfig(AwsConfigError),
    /// A call that read several bundles at once failed: each of them gets the same error, as
    /// the store gave it.
    #[error(transparent)]
    Batch(std::sync::Arc<StoreError>),
    /// A Secrets Manager write failed part-way; `left` says what the secret holds now (undone,
    /// or what is left and how to clean it).
    #[error("{cause}; {left}")]
    PartWritten {
        cause: Box<StoreError>,
        left: String,
    },
}

/// The platform's own error (the keyring crate's, D-Bus's), kept as the source.
pub type PlatformError = Box<dyn std::error::Error + Send + Sync>;

/// What AWS Secrets Manager answered, or why it could not be asked: its error code when it gave
/// one (`AccessDeniedException`, `ThrottlingException`, ...) and the whole description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsFailure {
    pub code: Option<String>,
    pub detail: String,
}

impl AwsFailure {
    /// A failure of ours (no answer from AWS to quote).
    pub fn local(detail: impl Into<String>) -> AwsFailure {
        AwsFailure {
            code: None,
            detail: detail.into(),
        }
    }
}

impl std::fmt::Display for AwsFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

/// Why the `aws` store cannot be used as configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwsConfigError {
    #[error("a recovery window of {0} days: AWS takes 7 to 30 days, or 0 to delete at once")]
    RecoveryWindow(u32),
    #[error("no region: set AWS_REGION or a region in your AWS profile")]
    NoRegion,
}

/// A store's token for "the value I read": a write or delete replaces only that value
/// (compare-and-swap). Opaque outside the stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// Nothing stored.
    Absent,
    /// A local value: the SHA-256 of what is stored (the file store: of the file's bytes).
    Digest([u8; 32]),
    /// A Secrets Manager version id (`AWSCURRENT`); `deleted` when the secret is scheduled for
    /// deletion (its value cannot be read).
    Aws { id: String, deleted: bool },
}

impl Version {
    /// The digest version of a local value.
    pub fn digest_of(bytes: &[u8]) -> Version {
        use sha2::Digest;
        Version::Digest(sha2::Sha256::digest(bytes).into())
    }
}

/// What a read found: the value (if any) and its version.
pub struct Snapshot {
    pub value: Option<SecretString>,
    pub version: Version,
}

impl Snapshot {
    pub fn absent() -> Snapshot {
        Snapshot {
            value: None,
            version: Version::Absent,
        }
    }
}

/// The result of a conditional write or delete.
#[derive(Debug)]
pub enum Cas {
    /// Done; the version now stored (`Absent` after a delete).
    Done(Version),
    /// The stored version was no longer the one read: another writer won. Re-read and decide again.
    Lost,
}

/// What a read-decide-write does with what it read.
pub enum Decision<V, T> {
    /// Store `V` in place of what was read.
    Write(V, T),
    /// Delete what was read.
    Delete(T),
    /// Leave it as it is.
    Keep(T),
}

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

fn worker_failed(e: tokio::task::JoinError) -> StoreError {
    StoreError::Io {
        what: "a store worker failed".into(),
        error: std::io::Error::other(e.to_string()),
    }
}

/// How many times a writer that keeps losing the race re-reads before giving up.
const MAX_ATTEMPTS: u32 = 25;
impl StoreError {
    /// Worth retrying with backoff: the store throttled or did not answer in time.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Throttled(_) | StoreError::Timeout { .. } => true,
            // Undone: the store is as it was, so trying again is safe.
            StoreError::PartWritten { cause, .. } => cause.is_transient(),
            StoreError::Batch(e) => e.is_transient(),
            _ => false,
        }
    }

    /// What caused the error, below a [`StoreError::PartWritten`] or a [`StoreError::Batch`].
    pub fn cause(&self) -> &StoreError {
        match self {
            StoreError::PartWritten { cause, .. } => cause.cause(),
            StoreError::Batch(e) => e.cause(),
            other => other,
        }
    }

    /// The stored value is there but cannot be read as a bundle (a `corrupt` one for `tokens
    /// check` and `tokens list`).
    pub fn is_corrupt(&self) -> bool {
        if let StoreError::Batch(e) = self {
            return e.is_corrupt();
        }
        matches!(
            self,
            StoreError::CorruptBundle { .. }
                | StoreError::CorruptVaultFile { .. }
                | StoreError::Decrypt { .. }
        )
    }
}

/// A secret name as a store lists it, with when it last changed where the store knows.
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: SecretName,
    /// Secrets Manager's `LastChangedDate`, a vault file's mtime; `None` for the keyring.
    pub last_changed: Option<DateTime<Utc>>,
}

/// A user's bundle as [`Store::list_bundles`] finds it.
#[derive(Debug, Clone)]
pub struct ListedBundle {
    pub user_id: UserId,
    pub secret_name: SecretName,
    pub last_changed: Option<DateTime<Utc>>,
}

/// One answer of [`TokenStore::read_many`]: a name and what reading it gave.
pub type ReadResult = (SecretName, Result<Option<SecretString>, StoreError>);

/// What [`Store::replace`] did.
#[derive(Debug)]
pub struct Replaced {
    /// As stored.
    pub bundle: TokenBundle,
    pub previous: Option<TokenBundle>,
    /// The new bundle had no refresh token; the stored one (same account) was kept.
    pub kept_refresh_token: bool,
}

impl Replaced {
    /// The account the stored bundle belonged to (its email, else its id), when it was
    /// another Google account.
    pub fn switched_from(&self) -> Option<String> {
        let prev = self.previous.as_ref()?;
        match (&prev.google_user_id, &self.bundle.google_user_id) {
            (Some(old), Some(new)) if old != new => {
                Some(prev.google_email.clone().unwrap_or_else(|| old.clone()))
            }
            _ => None,
        }
    }
}

/// The one interface every backend implements: opaque secret strings by name, written and
/// deleted only over the version that was read.
#[async_trait::async_trait]
pub trait TokenStore: Send + Sync {
    fn kind(&self) -> StoreKind;
    /// A store whose writes do not last (the `env` store): connect and import refuse it.
    fn is_read_only(&self) -> bool {
        false
    }
    /// A write that fails, or that its caller stops waiting for, is undone by the store
    /// itself (Secrets Manager): afterwards the value it wrote is not current anywhere.
    fn undoes_failed_writes(&self) -> bool {
        false
    }
    /// Serialises the writers of `name` across processes (local stores: an advisory lock file).
    /// `None`: the store's own versions make writes safe.
    async fn lock(&self, _name: &SecretName) -> Result<Option<LockGuard>, StoreError> {
        Ok(None)
    }
    /// What is stored under `name`, with its version. A failed read is an error, never absent.
    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError>;
    /// Stores `value` under `name` if `expected` is still the stored version.
    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError>;
    /// Deletes `name` if `expected` is still the stored version.
    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError>;
    /// The value of the version this writer just wrote, to confirm it; `None` when a later
    /// writer already replaced or deleted it (not an error). Local stores read under the lock.
    async fn read_back(
        &self,
        name: &SecretName,
        written: &Version,
    ) -> Result<Option<SecretString>, StoreError>;
    /// Every name that starts with `prefix` (deleted ones excluded).
    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError>;

    /// Every name that starts with `prefix`, with when it last changed (where the store knows).
    async fn list_entries(&self, prefix: &str) -> Result<Vec<Listed>, StoreError> {
        Ok(self
            .list(prefix)
            .await?
            .into_iter()
            .map(|name| Listed {
                name,
                last_changed: None,
            })
            .collect())
    }

    /// How many secrets [`TokenStore::read_many`] reads in one call.
    fn batch_size(&self) -> usize {
        1
    }

    /// Reads several secrets (at most [`TokenStore::batch_size`]), in `names` order. The outer
    /// error is a failure of the whole call; the inner ones are per secret.
    async fn read_many(&self, names: &[SecretName]) -> Result<Vec<ReadResult>, StoreError> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            out.push((name.clone(), self.read(name).await.map(|s| s.value)));
        }
        Ok(out)
    }
}

/// A store with the rules every store follows: each call has a timeout, writes are
/// compare-and-swap under the store's lock and read back once, bundles are parsed and a
/// corrupt one is named.
#[derive(Clone)]
pub struct Store {
    store: Arc<dyn TokenStore>,
    timeout: Duration,
}

impl Store {
    pub fn new(store: Arc<dyn TokenStore>, timeout: Duration) -> Store {
        Store { store, timeout }
    }

    pub fn kind(&self) -> StoreKind {
        self.store.kind()
    }

    /// Whether `e`, from a write of this store, means the write was undone (or is being undone
    /// before the process exits): the value it wrote is not current, nor will it become so.
    pub fn write_undone(&self, e: &StoreError) -> bool {
        match e {
            StoreError::PartWritten { .. } => true,
            StoreError::Timeout { op: "write", .. } => self.store.undoes_failed_writes(),
            _ => false,
        }
    }

    /// Fails when a bundle written here would not last (the read-only `env` store); refreshes
    /// may still go there (they stay in memory).
    pub fn check_writable(&self) -> Result<(), StoreError> {
        if self.store.is_read_only() {
            return Err(StoreError::ReadOnly);
        }
        Ok(())
    }

    async fn timed<T>(
        &self,
        op: &'static str,
        fut: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let started = std::time::Instant::now();
        let answer = tokio::time::timeout(self.timeout, fut).await;
        tracing::debug!(store = %self.kind(), op, elapsed_ms = started.elapsed().as_millis() as u64, ok = matches!(answer, Ok(Ok(_))), "store call");
        match answer {
            Ok(r) => r,
            Err(_) => Err(StoreError::Timeout {
                store: self.kind(),
                op,
                secs: self.timeout.as_secs().max(1),
            }),
        }
    }

    /// A write or delete. Under a lock (local stores) it runs on its own task that holds the
    /// lock until the call has ended, even when the caller stops waiting: a blocking write that
    /// outlives the timeout can never land after the lock was released. A store without a lock
    /// (Secrets Manager) undoes a write that its caller abandoned by itself.
    async fn under_lock<T: Send + 'static>(
        &self,
        op: &'static str,
        lock: &Option<Arc<LockGuard>>,
        call: impl Future<Output = Result<T, StoreError>> + Send + 'static,
    ) -> Result<T, StoreError> {
        let Some(lock) = lock else {
            return self.timed(op, call).await;
        };
        let held = lock.clone();
        let task = run_to_end(async move {
            let r = call.await;
            drop(held);
            r
        });
        self.timed(op, async move { task.await.map_err(worker_failed)? })
            .await
    }

    pub async fn read_raw(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        Ok(self.timed("read", self.store.read(name)).await?.value)
    }

    /// Read, decide, write (compare-and-swap), read back: the store's lock is held throughout;
    /// a writer that lost the race re-reads and `decide`s again.
    pub async fn update_raw<T>(
        &self,
        name: &SecretName,
        mut decide: impl FnMut(Option<&SecretString>) -> Result<Decision<SecretString, T>, StoreError>,
    ) -> Result<T, StoreError> {
        let lock = self
            .timed("lock", self.store.lock(name))
            .await?
            .map(Arc::new);
        for attempt in 0..MAX_ATTEMPTS {
            let snap = self.timed("read", self.store.read(name)).await?;
            let lost = match decide(snap.value.as_ref())? {
                Decision::Keep(t) => return Ok(t),
                Decision::Delete(t) => {
                    if snap.value.is_none() {
                        return Ok(t);
                    }
                    let (store, n, expected) =
                        (self.store.clone(), name.clone(), snap.version.clone());
                    let deleted =
                        self.under_lock("delete", &lock, async move {
                            store.delete(&n, &expected).await
                        })
                        .await?;
                    match deleted {
                        Cas::Done(_) => {
                            if let Some(l) = &lock {
                                l.remove_on_release();
                            }
                            return Ok(t);
                        }
                        Cas::Lost => t,
                    }
                }
                Decision::Write(value, t) => {
                    let (store, n, expected) =
                        (self.store.clone(), name.clone(), snap.version.clone());
                    let v = SecretString::from(value.expose_secret());
                    let written = self
                        .under_lock("write", &lock, async move {
                            store.write(&n, &v, &expected).await
                        })
                        .await?;
                    match written {
                        Cas::Done(version) => {
                            let back = self
                                .timed("read", self.store.read_back(name, &version))
                                .await?;
                            return match back {
                                Some(b) if b.expose_secret() != value.expose_secret() => {
                                    Err(StoreError::ReadBackMismatch { name: name.clone() })
                                }
                                // As written, or already replaced by a later writer.
                                _ => Ok(t),
                            };
                        }
                        Cas::Lost => t,
                    }
                }
            };
            drop(lost);
            tracing::debug!(%name, attempt, "another writer changed the secret first; reading it again");
            let jitter = rand::random_range(5..=20u64) * u64::from(attempt + 1).min(10);
            tokio::time::sleep(Duration::from_millis(jitter)).await;
        }
        Err(StoreError::Contended { name: name.clone() })
    }

    /// [`update_raw`](Self::update_raw) on bundles: what is stored is parsed (a corrupt bundle
    /// is an error, never "nothing stored").
    pub async fn update<T>(
        &self,
        name: &SecretName,
        mut decide: impl FnMut(Option<TokenBundle>) -> Result<Decision<TokenBundle, T>, StoreError>,
    ) -> Result<T, StoreError> {
        self.update_raw(name, |raw| {
            let current = raw.map(|r| parse_bundle(name, r)).transpose()?;
            Ok(match decide(current)? {
                Decision::Write(b, t) => Decision::Write(SecretString::from(b.to_json()), t),
                Decision::Delete(t) => Decision::Delete(t),
                Decision::Keep(t) => Decision::Keep(t),
            })
        })
        .await
    }

    /// Stores `value` whatever is stored (the PayPulse session), and confirms it.
    pub async fn write_raw(
        &self,
        name: &SecretName,
        value: &SecretString,
    ) -> Result<(), StoreError> {
        self.update_raw(name, |_| {
            Ok(Decision::Write(
                SecretString::from(value.expose_secret()),
                (),
            ))
        })
        .await
    }

    /// Deletes whatever is stored under `name`; `false` when there was nothing.
    pub async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        self.update_raw(name, |cur| {
            Ok(match cur {
                Some(_) => Decision::Delete(true),
                None => Decision::Keep(false),
            })
        })
        .await
    }

    /// The stored bundle, `None` when there is none; a corrupt one is an error naming it.
    pub async fn load(&self, name: &SecretName) -> Result<Option<TokenBundle>, StoreError> {
        self.read_raw(name)
            .await?
            .map(|raw| parse_bundle(name, &raw))
            .transpose()
    }

    /// Stores a new bundle in place of the stored one (a connect or an import). A bundle
    /// without a refresh token keeps the stored one of the same Google account (both bundles
    /// name it); when that cannot be told, the write is refused rather than mixing accounts or
    /// dropping a refresh token. A stored bundle that cannot be read stops the write.
    pub async fn replace(
        &self,
        name: &SecretName,
        bundle: TokenBundle,
    ) -> Result<Replaced, StoreError> {
        self.replace_noting(name, bundle, &mut None).await
    }

    /// [`Store::replace`], noting in `stored_before` whether a bundle was stored when the
    /// write was last decided (`None`: no write was decided).
    pub async fn replace_noting(
        &self,
        name: &SecretName,
        bundle: TokenBundle,
        stored_before: &mut Option<bool>,
    ) -> Result<Replaced, StoreError> {
        self.check_writable()?;
        self.update(name, |previous| {
            *stored_before = Some(previous.is_some());
            let mut new = bundle.clone();
            let mut kept_refresh_token = false;
            if let Some(prev) = &previous
                && new.refresh_token.is_none()
                && prev.refresh_token.is_some()
            {
                match (&prev.google_user_id, &new.google_user_id) {
                    (Some(a), Some(b)) if a == b => {
                        new.refresh_token = prev.refresh_token.clone();
                        kept_refresh_token = true;
                    }
                    // Another account: an account switch, its refresh token goes with it.
                    (Some(_), Some(_)) => {}
                    _ => return Err(StoreError::AccountUnknown { name: name.clone() }),
                }
            }
            Ok(Decision::Write(
                new.clone(),
                Replaced {
                    bundle: new,
                    previous,
                    kept_refresh_token,
                },
            ))
        })
        .await
    }

    /// The users with a stored bundle under `prefix`, sorted.
    pub async fn list_users(&self, prefix: &SecretPrefix) -> Result<Vec<UserId>, StoreError> {
        let names = self
            .timed("list", self.store.list(&SecretName::bundle_prefix(prefix)))
            .await?;
        let mut users: Vec<UserId> = names.iter().filter_map(|n| n.user_id(prefix)).collect();
        users.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        users.dedup();
        Ok(users)
    }

    /// The users' bundles under `prefix`, sorted by user id, with when each last changed.
    pub async fn list_bundles(
        &self,
        prefix: &SecretPrefix,
    ) -> Result<Vec<ListedBundle>, StoreError> {
        let entries = self
            .timed(
                "list",
                self.store.list_entries(&SecretName::bundle_prefix(prefix)),
            )
            .await?;
        let mut out: Vec<ListedBundle> = entries
            .into_iter()
            .filter_map(|e| {
                Some(ListedBundle {
                    user_id: e.name.user_id(prefix)?,
                    secret_name: e.name,
                    last_changed: e.last_changed,
                })
            })
            .collect();
        out.sort_by(|a, b| a.user_id.as_str().cmp(b.user_id.as_str()));
        out.dedup_by(|a, b| a.user_id == b.user_id);
        Ok(out)
    }

    /// How many bundles [`Store::load_many`] reads in one store call.
    pub fn batch_size(&self) -> usize {
        self.store.batch_size().max(1)
    }

    /// Loads several bundles in as few store calls as the store allows ([`Store::batch_size`]
    /// per call), in `names` order: each `None` when absent, a corrupt one an error naming it.
    /// The outer error is a failure of a whole call.
    pub async fn load_many(
        &self,
        names: &[SecretName],
    ) -> Result<Vec<Result<Option<TokenBundle>, StoreError>>, StoreError> {
        let mut out = Vec::with_capacity(names.len());
        for chunk in names.chunks(self.batch_size()) {
            let answers = self.timed("read", self.store.read_many(chunk)).await?;
            for (name, answer) in answers {
                out.push(answer.and_then(|raw| {
                    match raw {
                        None => Ok(None),
                        Some(raw) => TokenBundle::from_json(raw.expose_secret())
                            .map(Some)
                            .map_err(|e| StoreError::CorruptBundle {
                                name: name.clone(),
                                detail: e.to_string(),
                            }),
                    }
                }));
            }
        }
        Ok(out)
    }
}

fn parse_bundle(name: &SecretName, raw: &SecretString) -> Result<TokenBundle, StoreError> {
    TokenBundle::from_json(raw.expose_secret()).map_err(|e| StoreError::CorruptBundle {
        name: name.clone(),
        detail: e.to_string(),
    })
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

#[cfg(test)]
pub(crate) mod memory {
    //! An in-memory store for the core's unit tests (the integration tests use the real peers).
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    #[derive(Default)]
    pub struct MemoryStore {
        pub items: Mutex<BTreeMap<String, String>>,
        pub hang: bool,
    }

    impl MemoryStore {
        pub fn put(&self, name: &SecretName, value: &str) {
            self.items
                .lock()
                .unwrap()
                .insert(name.as_str().into(), value.into());
        }
        fn version(items: &BTreeMap<String, String>, name: &SecretName) -> Version {
            items
                .get(name.as_str())
                .map_or(Version::Absent, |v| Version::digest_of(v.as_bytes()))
        }
    }

    #[async_trait::async_trait]
    impl TokenStore for MemoryStore {
        fn kind(&self) -> StoreKind {
            StoreKind::File
        }
        async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
            if self.hang {
                std::future::pending::<()>().await;
            }
            let items = self.items.lock().unwrap();
            Ok(Snapshot {
                value: items.get(name.as_str()).cloned().map(SecretString::from),
                version: Self::version(&items, name),
            })
        }
        async fn write(
            &self,
            name: &SecretName,
            value: &SecretString,
            expected: &Version,
        ) -> Result<Cas, StoreError> {
            let mut items = self.items.lock().unwrap();
            if &Self::version(&items, name) != expected {
                return Ok(Cas::Lost);
            }
            items.insert(name.as_str().into(), value.expose_secret().into());
            Ok(Cas::Done(Self::version(&items, name)))
        }
        async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
            let mut items = self.items.lock().unwrap();
            if &Self::version(&items, name) != expected {
                return Ok(Cas::Lost);
            }
            items.remove(name.as_str());
            Ok(Cas::Done(Version::Absent))
        }
        async fn read_back(
            &self,
            name: &SecretName,
            _written: &Version,
        ) -> Result<Option<SecretString>, StoreError> {
            Ok(self.read(name).await?.value)
        }
        async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
            let items = self.items.lock().unwrap();
            Ok(items
                .keys()
                .filter(|k| k.starts_with(prefix))
                .map(|k| SecretName::other(k))
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryStore;
    use super::*;

    #[tokio::test]
    async fn a_hung_store_times_out() {
        let vault = Store::new(
            Arc::new(MemoryStore {
                hang: true,
                ..Default::default()
            }),
            Duration::from_millis(50),
        );
        let err = vault.read_raw(&SecretName::other("x")).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Timeout { op: "read", .. }),
            "{err}"
        );
    }

    #[tokio::test]
    async fn corrupt_bundles_are_named_and_list_filters_by_prefix() {
        let store = Arc::new(MemoryStore::default());
        {
            let mut items = store.items.lock().unwrap();
            items.insert("gmail/user/user_a".into(), "{not json".into());
            items.insert("gmail/user/user_b".into(), r#"{"access_token":"x"}"#.into());
            items.insert("gmail/user/not-a-user".into(), "{}".into());
            items.insert("staging/gmail/user/user_c".into(), "{}".into());
        }
        let vault = Store::new(store, Duration::from_secs(5));
        let err = vault
            .load(&SecretName::other("gmail/user/user_a"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("gmail/user/user_a"), "{err}");
        let users = vault.list_users(&SecretPrefix::default()).await.unwrap();
        let users: Vec<&str> = users.iter().map(|u| u.as_str()).collect();
        assert_eq!(users, ["user_a", "user_b"]);
    }

    fn bundle(access: &str, refresh: Option<&str>, google_id: Option<&str>) -> TokenBundle {
        let mut b = TokenBundle::issued(
            SecretString::from(access),
            refresh.map(SecretString::from),
            Some(3600),
            None,
            crate::bundle::utc_now(),
        );
        b.google_user_id = google_id.map(String::from);
        b
    }

    #[tokio::test]
    async fn replace_fails_closed_and_never_mixes_accounts() {
        let store = Arc::new(MemoryStore::default());
        let vault = Store::new(store.clone(), Duration::from_secs(5));
        let name = SecretName::other("gmail/user/user_a");
        // A stored bundle that cannot be read stops the write (it may hold a refresh token).
        store.put(&name, "{not json");
        let err = vault
            .replace(&name, bundle("ya29.new", None, Some("1")))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::CorruptBundle { .. }), "{err}");
        assert_eq!(store.items.lock().unwrap()[name.as_str()], "{not json");

        // Same account (both name it): the stored refresh token is kept.
        store.put(
            &name,
            &bundle("ya29.old", Some("1//rt"), Some("1")).to_json(),
        );
        let r = vault
            .replace(&name, bundle("ya29.new", None, Some("1")))
            .await
            .unwrap();
        assert!(r.kept_refresh_token);
        assert_eq!(r.bundle.refresh_token.unwrap().expose_secret(), "1//rt");

        // Unknown account on one side: refused, nothing written.
        let err = vault
            .replace(&name, bundle("ya29.anon", None, None))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::AccountUnknown { .. }), "{err}");
        let stored = vault.load(&name).await.unwrap().unwrap();
        assert_eq!(stored.access_token.expose_secret(), "ya29.new");

        // Another account: a switch; the old account's refresh token is not carried over.
        let r = vault
            .replace(&name, bundle("ya29.bob", None, Some("2")))
            .await
            .unwrap();
        assert!(!r.kept_refresh_token);
        assert!(r.bundle.refresh_token.is_none());
        assert!(r.switched_from().is_some());
    }

    /// A local store whose write blocks for a while on the blocking pool (a slow disk, a
    /// D-Bus call that answers late), guarded by a real lock file.
    struct SlowLocalStore {
        lock: std::path::PathBuf,
        inner: MemoryStore,
        landed: Arc<std::sync::atomic::AtomicBool>,
    }

    #[async_trait::async_trait]
    impl TokenStore for SlowLocalStore {
        fn kind(&self) -> StoreKind {
            StoreKind::File
        }
        async fn lock(&self, _name: &SecretName) -> Result<Option<LockGuard>, StoreError> {
            lock_file(self.lock.clone()).await.map(Some)
        }
        async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
            self.inner.read(name).await
        }
        async fn write(
            &self,
            name: &SecretName,
            value: &SecretString,
            expected: &Version,
        ) -> Result<Cas, StoreError> {
            let landed = self.landed.clone();
            tokio::task::spawn_blocking(move || {
                std::thread::sleep(Duration::from_millis(800));
                landed.store(true, std::sync::atomic::Ordering::SeqCst);
            })
            .await
            .unwrap();
            self.inner.write(name, value, expected).await
        }
        async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
            self.inner.delete(name, expected).await
        }
        async fn read_back(
            &self,
            name: &SecretName,
            written: &Version,
        ) -> Result<Option<SecretString>, StoreError> {
            self.inner.read_back(name, written).await
        }
        async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
            self.inner.list(prefix).await
        }
    }

    /// A write that outlives the store timeout keeps the lock until it has landed: another
    /// writer cannot take the lock, read the old value and overwrite the late write.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_timed_out_write_holds_its_lock_until_it_has_landed() {
        let tmp = tempfile::tempdir().unwrap();
        let lock = tmp.path().join("x.lock");
        let landed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let vault = Store::new(
            Arc::new(SlowLocalStore {
                lock: lock.clone(),
                inner: MemoryStore::default(),
                landed: landed.clone(),
            }),
            Duration::from_millis(200),
        );
        let name = SecretName::other("gmail/user/user_a");
        let err = vault
            .write_raw(&name, &SecretString::from("late"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Timeout { op: "write", .. }),
            "{err}"
        );
        assert!(!landed.load(std::sync::atomic::Ordering::SeqCst));
        let other = std::fs::File::open(&lock).unwrap();
        let started = std::time::Instant::now();
        loop {
            match other.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    assert!(started.elapsed() < Duration::from_secs(5), "never released");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                Err(e) => panic!("{e:?}"),
            }
        }
        assert!(
            landed.load(std::sync::atomic::Ordering::SeqCst),
            "the lock was released while the write was still running"
        );
    }

    #[tokio::test]
    async fn a_failed_read_is_an_error_not_nothing_stored() {
        let vault = Store::new(
            Arc::new(MemoryStore {
                hang: true,
                ..Default::default()
            }),
            Duration::from_millis(50),
        );
        let name = SecretName::other("gmail/user/user_a");
        let err = vault
            .replace(&name, bundle("ya29.new", None, Some("1")))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Timeout { .. }), "{err}");
        assert!(vault.delete(&name).await.is_err());
    }
}
