//! [`Store`]: what every backend needs, in one place: timeouts, the one read-decide-write-
//! read-back loop, replace, batched reads, bundle parsing.

use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::*;
use crate::bundle::TokenBundle;
use crate::ids::{SecretName, SecretPrefix};

/// What a read-decide-write does with what it read.
pub enum Decision<V, T> {
    /// Store `V` in place of what was read.
    Write(V, T),
    /// Delete what was read.
    Delete(T),
    /// Leave it as it is.
    Keep(T),
}

/// How many times a writer that keeps losing the race re-reads before giving up.
pub(crate) const MAX_ATTEMPTS: u32 = 25;
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
