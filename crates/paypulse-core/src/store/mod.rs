//! Where bundles live: one [`TokenStore`] trait, four backends, and [`Store`], which adds what
//! every backend needs (timeouts, read-back, bundle parsing) in one place.

use serde::Serialize;

pub mod aws;
pub mod env;
pub mod file;
pub mod keyring;
mod vault_crypto;

mod backend;
mod batch;
mod error;
mod facade;
mod lock;
#[cfg(test)]
pub(crate) mod memory;

pub use backend::*;
pub use batch::Loaded;
pub use error::*;
pub use facade::*;
pub use lock::*;

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
#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use secrecy::{ExposeSecret, SecretString};

    use super::memory::MemoryStore;
    use super::*;
    use crate::bundle::TokenBundle;
    use crate::ids::{SecretName, SecretPrefix};

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
        let users = vault.list_bundles(&SecretPrefix::default()).await.unwrap();
        let users: Vec<&str> = users.iter().map(|u| u.user_id.as_str()).collect();
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
