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
    Locked(String),
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
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the bundle is {len} bytes, more than this platform's credential store holds ({max})")]
    TooLarge { len: usize, max: usize },
    #[error("{name} did not read back as written")]
    ReadBackMismatch { name: SecretName },
    /// AWS Secrets Manager answered with an error or could not be reached.
    #[error("AWS Secrets Manager: {0}")]
    Aws(String),
    /// AWS Secrets Manager throttled the request (`ThrottlingException`), even after the SDK's
    /// own retries.
    #[error("AWS Secrets Manager is throttling requests: {0}")]
    Throttled(String),
    #[error("AWS Secrets Manager is not configured: {0}")]
    AwsConfig(String),
}

impl StoreError {
    /// Worth retrying with backoff: the store throttled or did not answer in time.
    pub fn is_transient(&self) -> bool {
        matches!(self, StoreError::Throttled(_) | StoreError::Timeout { .. })
    }

    /// The stored value is there but cannot be read as a bundle (a `corrupt` one for `tokens
    /// check` and `tokens list`).
    pub fn is_corrupt(&self) -> bool {
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

/// The one interface every backend implements: opaque secret strings by name.
#[async_trait::async_trait]
pub trait TokenStore: Send + Sync {
    fn kind(&self) -> StoreKind;
    /// The secret stored under `name`, or `None`.
    async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError>;
    /// Stores `value` under `name`, creating or replacing it.
    async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError>;
    /// Deletes `name`; `false` when there was nothing to delete.
    async fn delete(&self, name: &SecretName) -> Result<bool, StoreError>;
    /// Every name that starts with `prefix`.
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
            out.push((name.clone(), self.read(name).await));
        }
        Ok(out)
    }
}

/// A store with the rules every store follows: each call has a timeout, a write is read back
/// once, bundles are parsed and a corrupt one is named.
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

    pub async fn read_raw(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        self.timed("read", self.store.read(name)).await
    }

    /// Writes, then reads back once to confirm.
    pub async fn write_raw(
        &self,
        name: &SecretName,
        value: &SecretString,
    ) -> Result<(), StoreError> {
        self.timed("write", self.store.write(name, value)).await?;
        match self.read_raw(name).await? {
            Some(back) if back.expose_secret() == value.expose_secret() => Ok(()),
            _ => Err(StoreError::ReadBackMismatch { name: name.clone() }),
        }
    }

    pub async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        self.timed("delete", self.store.delete(name)).await
    }

    /// The stored bundle, `None` when there is none; a corrupt one is an error naming it.
    pub async fn load(&self, name: &SecretName) -> Result<Option<TokenBundle>, StoreError> {
        let Some(raw) = self.read_raw(name).await? else {
            return Ok(None);
        };
        TokenBundle::from_json(raw.expose_secret())
            .map(Some)
            .map_err(|e| StoreError::CorruptBundle {
                name: name.clone(),
                detail: e.to_string(),
            })
    }

    /// Stores a bundle (compact JSON, strict format) and confirms it.
    pub async fn save(&self, name: &SecretName, bundle: &TokenBundle) -> Result<(), StoreError> {
        self.write_raw(name, &SecretString::from(bundle.to_json()))
            .await
    }

    /// Stores a new bundle in place of the stored one (a connect or an import). A bundle
    /// without a refresh token keeps the stored one of the same Google account.
    pub async fn replace(
        &self,
        name: &SecretName,
        mut bundle: TokenBundle,
    ) -> Result<Replaced, StoreError> {
        // A stored bundle that cannot be read is replaced: that is how one repairs it.
        let previous = self.load(name).await.unwrap_or(None);
        let mut kept_refresh_token = false;
        if let Some(prev) = &previous
            && prev.google_user_id == bundle.google_user_id
            && bundle.refresh_token.is_none()
            && prev.refresh_token.is_some()
        {
            bundle.refresh_token = prev.refresh_token.clone();
            kept_refresh_token = true;
        }
        self.save(name, &bundle).await?;
        Ok(Replaced {
            bundle,
            previous,
            kept_refresh_token,
        })
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

    #[async_trait::async_trait]
    impl TokenStore for MemoryStore {
        fn kind(&self) -> StoreKind {
            StoreKind::File
        }
        async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
            if self.hang {
                std::future::pending::<()>().await;
            }
            let items = self.items.lock().unwrap();
            Ok(items.get(name.as_str()).cloned().map(SecretString::from))
        }
        async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError> {
            let mut items = self.items.lock().unwrap();
            items.insert(name.as_str().into(), value.expose_secret().into());
            Ok(())
        }
        async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
            Ok(self.items.lock().unwrap().remove(name.as_str()).is_some())
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
}
