//! The `keyring` store: the OS credential store through the `keyring-core` family. On Linux the
//! Secret Service (never the kernel keyring, which forgets on reboot). Service `paypulse`,
//! account = the secret name. Calls are blocking D-Bus / OS calls: they run on the blocking pool
//! and the [`Store`](super::Store) bounds them with a timeout.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KError};
use secrecy::{ExposeSecret, SecretString};

use super::{Cas, LockGuard, Snapshot, StoreError, StoreKind, TokenStore, Version};
use crate::ids::SecretName;

pub const SERVICE: &str = "paypulse";

/// Windows caps a credential blob at 2,560 bytes (the password is stored as UTF-16).
#[cfg(windows)]
const MAX_BYTES: Option<usize> = Some(2560);
#[cfg(not(windows))]
const MAX_BYTES: Option<usize> = None;

pub struct KeyringStore {
    store: Arc<CredentialStore>,
    /// Where the advisory lock files live ([`lock_dir`]).
    lock_dir: PathBuf,
}

/// Where the keyring store's lock files live: `~/.local/state/paypulse/locks/` of the user
/// this process runs as, the home folder found from the uid in the user database
/// (`getpwuid_r`), never from `HOME` or `XDG_STATE_HOME`. Two processes of one user (a cron
/// job and a terminal, whatever their environments) find the same lock for the same secret,
/// as they find the same keyring entry. (`/run/user/UID` is not used: it exists only while the
/// user has a session, so a cron job and a terminal could pick different folders.)
#[cfg(unix)]
pub fn lock_dir() -> Result<PathBuf, StoreError> {
    Ok(home_of_uid()?
        .join(".local")
        .join("state")
        .join("paypulse")
        .join("locks"))
}

/// The lock folder on platforms without a user database: under the profile folder.
#[cfg(not(unix))]
pub fn lock_dir() -> Result<PathBuf, StoreError> {
    #[allow(deprecated)]
    std::env::home_dir()
        .map(|h| {
            h.join("AppData")
                .join("Local")
                .join("paypulse")
                .join("locks")
        })
        .ok_or_else(|| unavailable("the user's profile folder is unknown".into()))
}

/// The home folder of the user this process runs as, from the user database.
#[cfg(unix)]
fn home_of_uid() -> Result<PathBuf, StoreError> {
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: an all-zero passwd is a valid value to be overwritten; getpwuid_r writes at
        // most `buf.len()` bytes into `buf`, and the strings `pwd` points to live in `buf`,
        // which outlives their use below.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || found.is_null() || pwd.pw_dir.is_null() {
            return Err(StoreError::Io {
                what: format!(
                    "cannot find the home folder of uid {uid} for the keyring's lock files"
                ),
                error: if rc == 0 {
                    std::io::Error::from(std::io::ErrorKind::NotFound)
                } else {
                    std::io::Error::from_raw_os_error(rc)
                },
            });
        }
        // SAFETY: a NUL-terminated string inside `buf` (see above).
        let dir = unsafe { std::ffi::CStr::from_ptr(pwd.pw_dir) };
        let dir = PathBuf::from(std::ffi::OsStr::from_bytes(dir.to_bytes()));
        if !dir.is_absolute() {
            return Err(StoreError::Io {
                what: format!("the home folder of uid {uid} is not an absolute path"),
                error: std::io::Error::from(std::io::ErrorKind::InvalidData),
            });
        }
        return Ok(dir);
    }
}

impl KeyringStore {
    /// Connects to the platform store. Blocking: call from the blocking pool.
    pub fn connect(lock_dir: PathBuf) -> Result<KeyringStore, StoreError> {
        platform_store()
            .map(|store| KeyringStore { store, lock_dir })
            .map_err(map_err)
    }

    /// Connects on the blocking pool (a hung D-Bus must not block the runtime).
    pub async fn connect_async(lock_dir: PathBuf) -> Result<KeyringStore, StoreError> {
        tokio::task::spawn_blocking(move || KeyringStore::connect(lock_dir))
            .await
            .unwrap_or_else(|e| Err(unavailable(e.to_string())))
    }

    /// The stored password, `None` when there is none.
    async fn get(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
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

    async fn version(&self, name: &SecretName) -> Result<Version, StoreError> {
        Ok(version_of(self.get(name).await?.as_ref()))
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

fn version_of(value: Option<&SecretString>) -> Version {
    value.map_or(Version::Absent, |v| {
        Version::digest_of(v.expose_secret().as_bytes())
    })
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
                StoreError::Locked(inner)
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

    /// A lock file in [`lock_dir`]: the keyring has no compare-and-swap.
    async fn lock(&self, name: &SecretName) -> Result<Option<LockGuard>, StoreError> {
        let dir = self.lock_dir.clone();
        tokio::task::spawn_blocking(move || super::file::create_private_dir(&dir))
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|r| r)
            .map_err(|source| StoreError::Io {
                what: format!("cannot create {}", self.lock_dir.display()),
                error: source,
            })?;
        let path = self
            .lock_dir
            .join(format!("{}.lock", super::file::file_stem(name)));
        super::lock_file(path).await.map(Some)
    }

    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        let value = self.get(name).await?;
        Ok(Snapshot {
            version: version_of(value.as_ref()),
            value,
        })
    }

    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        let len = value.expose_secret().encode_utf16().count() * 2;
        if let Some(max) = MAX_BYTES
            && len > max
        {
            return Err(StoreError::TooLarge { len, max });
        }
        // Under the lock; this also catches a writer that does not take it.
        if &self.version(name).await? != expected {
            return Ok(Cas::Lost);
        }
        let account = name.as_str().to_owned();
        let stored = SecretString::from(value.expose_secret());
        self.blocking(move |s| {
            let entry: Entry = s.build(SERVICE, &account, None)?;
            entry.set_password(stored.expose_secret())
        })
        .await
        .map_err(map_err)?;
        Ok(Cas::Done(version_of(Some(value))))
    }

    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        if &self.version(name).await? != expected {
            return Ok(Cas::Lost);
        }
        let account = name.as_str().to_owned();
        match self
            .blocking(move |s| s.build(SERVICE, &account, None)?.delete_credential())
            .await
        {
            Ok(()) => Ok(Cas::Done(Version::Absent)),
            Err(KError::NoEntry) => Ok(Cas::Lost),
            Err(e) => Err(map_err(e)),
        }
    }

    async fn read_back(
        &self,
        name: &SecretName,
        _written: &Version,
    ) -> Result<Option<SecretString>, StoreError> {
        match self.get(name).await? {
            Some(v) => Ok(Some(v)),
            None => Err(StoreError::ReadBackMismatch { name: name.clone() }),
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
