//! The `keyring` store: the OS credential store through the `keyring-core` family. On Linux the
//! Secret Service (never the kernel keyring, which forgets on reboot). Service `paypulse`,
//! account = the secret name. Calls are blocking D-Bus / OS calls: they run on the blocking pool
//! and the [`Store`](super::Store) bounds them with a timeout.

use std::collections::HashMap;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KError};
use secrecy::{ExposeSecret, SecretString};

use super::{StoreError, StoreKind, TokenStore};
use crate::ids::SecretName;

pub const SERVICE: &str = "paypulse";

/// Windows caps a credential blob at 2,560 bytes (the password is stored as UTF-16).
#[cfg(windows)]
const MAX_BYTES: Option<usize> = Some(2560);
#[cfg(not(windows))]
const MAX_BYTES: Option<usize> = None;

pub struct KeyringStore {
    store: Arc<CredentialStore>,
}

impl KeyringStore {
    /// Connects to the platform store. Blocking: call from the blocking pool.
    pub fn connect() -> Result<KeyringStore, StoreError> {
        platform_store()
            .map(|store| KeyringStore { store })
            .map_err(map_err)
    }

    /// Connects on the blocking pool (a hung D-Bus must not block the runtime).
    pub async fn connect_async() -> Result<KeyringStore, StoreError> {
        tokio::task::spawn_blocking(KeyringStore::connect)
            .await
            .unwrap_or_else(|e| Err(unavailable(e.to_string())))
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(Arc<CredentialStore>) -> Result<T, KError> + Send + 'static,
    ) -> Result<T, KError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(store))
            .await
            .unwrap_or_else(|e| Err(KError::PlatformFailure(e.to_string().into())))
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, KError> {
    Ok(dbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, KError> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, KError> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> Result<Arc<CredentialStore>, KError> {
    Err(KError::NotSupportedByStore(
        "no credential store on this platform".into(),
    ))
}

fn unavailable(detail: String) -> StoreError {
    StoreError::Unavailable {
        store: StoreKind::Keyring,
        detail,
    }
}

fn map_err(e: KError) -> StoreError {
    match e {
        KError::NoStorageAccess(inner) => {
            let detail = inner.to_string();
            if detail.to_lowercase().contains("lock") {
                StoreError::Locked(detail)
            } else {
                unavailable(detail)
            }
        }
        KError::PlatformFailure(inner) => unavailable(inner.to_string()),
        KError::TooLong(what, max) => StoreError::TooLarge {
            len: what.len(),
            max: max as usize,
        },
        other => unavailable(other.to_string()),
    }
}

#[async_trait::async_trait]
impl TokenStore for KeyringStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Keyring
    }

    async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        let account = name.as_str().to_owned();
        let r = self
            .blocking(move |s| s.build(SERVICE, &account, None)?.get_password())
            .await;
        match r {
            Ok(p) => Ok(Some(SecretString::from(p))),
            Err(KError::NoEntry) => Ok(None),
            Err(KError::BadEncoding(_)) => Err(StoreError::CorruptBundle {
                name: name.clone(),
                detail: "not UTF-8".into(),
            }),
            Err(e) => Err(map_err(e)),
        }
    }

    async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError> {
        let len = value.expose_secret().encode_utf16().count() * 2;
        if let Some(max) = MAX_BYTES
            && len > max
        {
            return Err(StoreError::TooLarge { len, max });
        }
        let account = name.as_str().to_owned();
        let value = SecretString::from(value.expose_secret());
        self.blocking(move |s| {
            let entry: Entry = s.build(SERVICE, &account, None)?;
            entry.set_password(value.expose_secret())
        })
        .await
        .map_err(map_err)
    }

    async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        let account = name.as_str().to_owned();
        match self
            .blocking(move |s| s.build(SERVICE, &account, None)?.delete_credential())
            .await
        {
            Ok(()) => Ok(true),
            Err(KError::NoEntry) => Ok(false),
            Err(e) => Err(map_err(e)),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        let found = self
            .blocking(|s| {
                let entries = s.search(&HashMap::from([("service", SERVICE)]))?;
                Ok(entries
                    .iter()
                    .filter_map(|e| e.get_specifiers())
                    .filter(|(service, _)| service == SERVICE)
                    .map(|(_, account)| account)
                    .collect::<Vec<_>>())
            })
            .await;
        match found {
            Ok(accounts) => Ok(accounts
                .into_iter()
                .filter(|a| a.starts_with(prefix))
                .map(|a| SecretName::other(&a))
                .collect()),
            Err(KError::NotSupportedByStore(_)) => Err(StoreError::Unsupported {
                store: StoreKind::Keyring,
                op: "list its entries on this platform",
            }),
            Err(e) => Err(map_err(e)),
        }
    }
}
