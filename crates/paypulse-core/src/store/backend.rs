//! The one interface every backend implements ([`TokenStore`]) and what it trades in:
//! versions for compare-and-swap, snapshots, listings.

use chrono::{DateTime, Utc};
use secrecy::SecretString;

use super::{LockGuard, StoreError, StoreKind};
use crate::ids::{SecretName, UserId};

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
