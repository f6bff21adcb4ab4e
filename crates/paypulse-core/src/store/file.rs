//! The `file` store: one AES-256-GCM encrypted file per secret name under
//! `$XDG_DATA_HOME/paypulse/vault/`, mode 0600 in a 0700 folder, written atomically. The
//! cryptography (key, envelope, seal and open) is `vault_crypto.rs`'s.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use secrecy::{ExposeSecret, SecretString};

use super::Listed;
use super::{Cas, LockGuard, Snapshot, StoreError, StoreKind, TokenStore, Version};
use crate::ids::SecretName;

use super::vault_crypto;
pub use super::vault_crypto::VaultKey;

const EXTENSION: &str = "vault";
/// A vault file is a few hundred bytes; anything larger than this is not one.
const MAX_FILE: u64 = 1024 * 1024;
/// Everything but `[a-z0-9_-]` is percent-encoded in file names: `/` never makes a folder, and
/// upper-case letters are escaped too (`A` is `%41`). An escape's hex digits are upper case
/// and a literal letter never is, so the names of two different secrets never differ only in
/// case: on a case-insensitive file system (macOS, Windows) they stay two files.
const FILE_NAME_SET: &AsciiSet = &{
    let mut set = NON_ALPHANUMERIC.remove(b'_').remove(b'-');
    let mut c = b'A';
    while c <= b'Z' {
        set = set.add(c);
        c += 1;
    }
    set
};
/// The names of earlier versions, upper-case letters kept as they are: still read, and
/// replaced by the current name on the next write or delete.
const LEGACY_FILE_NAME_SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'-');

/// The `file` store. Its calls run on the blocking pool, so the store timeout bounds them.
pub struct FileStore {
    vault: Arc<Vault>,
}

struct Vault {
    dir: PathBuf,
    key: Option<VaultKey>,
    /// Where the lock files live: beside the vault files.
    lock_dir: PathBuf,
}

/// The file-name stem of a secret name: everything but `[a-z0-9_-]` percent-encoded (see
/// `FILE_NAME_SET`).
pub fn file_stem(name: &SecretName) -> String {
    utf8_percent_encode(name.as_str(), FILE_NAME_SET).to_string()
}

/// The stem earlier versions gave `name`, when it differs from [`file_stem`] (the name has
/// upper-case letters).
fn legacy_stem(name: &SecretName) -> Option<String> {
    name.as_str()
        .bytes()
        .any(|b| b.is_ascii_uppercase())
        .then(|| utf8_percent_encode(name.as_str(), LEGACY_FILE_NAME_SET).to_string())
}

impl FileStore {
    /// `dir` is the vault folder; `key` is `PAYPULSE_VAULT_KEY` (needed to read or write, not to list).
    pub fn new(dir: PathBuf, key: Option<&SecretString>) -> Result<FileStore, StoreError> {
        let key = key.map(VaultKey::parse).transpose()?;
        Ok(FileStore {
            vault: Arc::new(Vault {
                lock_dir: dir.clone(),
                dir,
                key,
            }),
        })
    }

    #[cfg(test)]
    fn path_of(&self, name: &SecretName) -> PathBuf {
        self.vault.path_of(name)
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Vault) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let vault = self.vault.clone();
        tokio::task::spawn_blocking(move || f(&vault))
            .await
            .map_err(|e| StoreError::Io {
                what: "the file store's worker failed".into(),
                error: std::io::Error::other(e.to_string()),
            })?
    }
}

impl Vault {
    fn path_of(&self, name: &SecretName) -> PathBuf {
        self.dir.join(format!("{}.{EXTENSION}", file_stem(name)))
    }

    /// The file an earlier version wrote for `name`, if there is one under exactly that name
    /// (compared byte for byte: on a case-insensitive file system a file of another secret
    /// whose name differs only in case would open too).
    fn legacy_path(&self, name: &SecretName) -> Option<PathBuf> {
        let file_name = format!("{}.{EXTENSION}", legacy_stem(name)?);
        let found = std::fs::read_dir(&self.dir)
            .ok()?
            .flatten()
            .any(|e| e.file_name().as_encoded_bytes() == file_name.as_bytes());
        found.then(|| self.dir.join(file_name))
    }

    fn lock_path(&self, name: &SecretName) -> PathBuf {
        self.lock_dir.join(format!("{}.lock", file_stem(name)))
    }

    fn key(&self) -> Result<&VaultKey, StoreError> {
        self.key.as_ref().ok_or(StoreError::MissingVaultKey)
    }

    fn seal(&self, name: &SecretName, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        vault_crypto::seal(self.key()?, name, plain)
    }

    fn open(&self, name: &SecretName, data: &[u8]) -> Result<SecretString, StoreError> {
        vault_crypto::open(self.key()?, name, data)
    }

    fn ensure_dir(&self) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            what: format!("cannot create {}", self.dir.display()),
            error: source,
        };
        create_private_dir(&self.dir).map_err(io)
    }
}

/// Creates `dir` (and its parents) 0700.
#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let perms = std::fs::metadata(dir)?.permissions();
    if perms.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

impl Vault {
    /// The file's bytes, `None` when absent; a symlink is refused, a huge file is not read.
    fn read_bytes(&self, name: &SecretName) -> Result<Option<Vec<u8>>, StoreError> {
        match self.read_file(name, &self.path_of(name))? {
            None => match self.legacy_path(name) {
                Some(legacy) => self.read_file(name, &legacy),
                None => Ok(None),
            },
            found => Ok(found),
        }
    }

    fn read_file(&self, name: &SecretName, path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
        let io = |source| StoreError::Io {
            what: format!("cannot read {}", path.display()),
            error: source,
        };
        let mut opts = std::fs::OpenOptions::new();
        opts.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.custom_flags(libc::O_NOFOLLOW);
        }
        let file = match opts.open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        let mut data = Vec::new();
        file.take(MAX_FILE + 1).read_to_end(&mut data).map_err(io)?;
        if data.len() as u64 > MAX_FILE {
            return Err(StoreError::CorruptVaultFile {
                name: name.clone(),
                detail: format!("larger than {MAX_FILE} bytes"),
            });
        }
        Ok(Some(data))
    }

    fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        match self.read_bytes(name)? {
            None => Ok(Snapshot::absent()),
            Some(data) => Ok(Snapshot {
                value: Some(self.open(name, &data)?),
                version: Version::digest_of(&data),
            }),
        }
    }

    fn version(&self, name: &SecretName) -> Result<Version, StoreError> {
        Ok(self
            .read_bytes(name)?
            .map_or(Version::Absent, |d| Version::digest_of(&d)))
    }

    fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        if &self.version(name)? != expected {
            return Ok(Cas::Lost);
        }
        let sealed = self.seal(name, value.expose_secret().as_bytes())?;
        self.ensure_dir()?;
        let path = self.path_of(name);
        let io = |source| StoreError::Io {
            what: format!("cannot write {}", path.display()),
            error: source,
        };
        // A temporary file in the same folder (created 0600), synced, then renamed over the old one.
        let mut tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(&self.dir)
            .map_err(io)?;
        tmp.write_all(&sealed).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(&path).map_err(|e| io(e.error))?;
        // The file under its earlier name is replaced by this one.
        if let Some(legacy) = self.legacy_path(name) {
            std::fs::remove_file(&legacy).map_err(io)?;
        }
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(Cas::Done(Version::digest_of(&sealed)))
    }

    fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        if &self.version(name)? != expected {
            return Ok(Cas::Lost);
        }
        // Both names: a file left under the earlier one would bring the bundle back.
        let mut removed = false;
        for path in std::iter::once(self.path_of(name)).chain(self.legacy_path(name)) {
            match std::fs::remove_file(&path) {
                Ok(()) => removed = true,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(StoreError::Io {
                        what: format!("cannot delete {}", path.display()),
                        error: source,
                    });
                }
            }
        }
        Ok(if removed {
            Cas::Done(Version::Absent)
        } else {
            Cas::Lost
        })
    }

    /// The vault files under `prefix`, with their modification times.
    fn list_entries(&self, prefix: &str) -> Result<Vec<Listed>, StoreError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Io {
                    what: format!("cannot list {}", self.dir.display()),
                    error: source,
                });
            }
        };
        let mut names = Vec::new();
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(stem) = file_name
                .to_str()
                .and_then(|f| f.strip_suffix(&format!(".{EXTENSION}")))
            else {
                continue;
            };
            if let Ok(name) = percent_decode_str(stem).decode_utf8()
                && name.starts_with(prefix)
            {
                let last_changed = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .map(chrono::DateTime::<chrono::Utc>::from);
                names.push(Listed {
                    name: SecretName::other(&name),
                    last_changed,
                });
            }
        }
        // A name under both its current and its earlier file name: listed once.
        names.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        names.dedup_by(|a, b| a.name == b.name);
        Ok(names)
    }
}

#[async_trait::async_trait]
impl TokenStore for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }

    /// A lock file `{name}.lock` (in the lock folder), never the vault file itself.
    async fn lock(&self, name: &SecretName) -> Result<Option<LockGuard>, StoreError> {
        self.blocking(|v| {
            v.ensure_dir()?;
            create_private_dir(&v.lock_dir).map_err(|source| StoreError::Io {
                what: format!("cannot create {}", v.lock_dir.display()),
                error: source,
            })
        })
        .await?;
        super::lock_file(self.vault.lock_path(name)).await.map(Some)
    }

    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        let name = name.clone();
        self.blocking(move |v| v.read(&name)).await
    }

    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        let (name, value, expected) = (
            name.clone(),
            SecretString::from(value.expose_secret()),
            expected.clone(),
        );
        self.blocking(move |v| v.write(&name, &value, &expected))
            .await
    }

    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        let (name, expected) = (name.clone(), expected.clone());
        self.blocking(move |v| v.delete(&name, &expected)).await
    }

    async fn read_back(
        &self,
        name: &SecretName,
        _written: &Version,
    ) -> Result<Option<SecretString>, StoreError> {
        // Under the lock: what is there now is what this writer wrote.
        match self.read(name).await?.value {
            Some(v) => Ok(Some(v)),
            None => Err(StoreError::ReadBackMismatch { name: name.clone() }),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        let prefix = prefix.to_owned();
        let entries = self.blocking(move |v| v.list_entries(&prefix)).await?;
        Ok(entries.into_iter().map(|l| l.name).collect())
    }

    async fn list_entries(&self, prefix: &str) -> Result<Vec<Listed>, StoreError> {
        let prefix = prefix.to_owned();
        self.blocking(move |v| v.list_entries(&prefix)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD as B64;

    fn store(dir: &Path, key: &str) -> FileStore {
        FileStore::new(dir.join("vault"), Some(&SecretString::from(key.to_owned()))).unwrap()
    }

    async fn put(s: &FileStore, name: &SecretName, value: &str) {
        let v = s.read(name).await.unwrap().version;
        let r = s.write(name, &SecretString::from(value), &v).await.unwrap();
        assert!(matches!(r, Cas::Done(_)));
    }

    async fn get(s: &FileStore, name: &SecretName) -> Option<String> {
        s.read(name)
            .await
            .unwrap()
            .value
            .map(|v| v.expose_secret().to_owned())
    }

    async fn del(s: &FileStore, name: &SecretName) -> bool {
        let v = s.read(name).await.unwrap().version;
        if v == Version::Absent {
            return false;
        }
        matches!(s.delete(name, &v).await.unwrap(), Cas::Done(_))
    }

    const HEX_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[tokio::test]
    async fn round_trip_with_each_key_form() {
        let tmp = tempfile::tempdir().unwrap();
        let b64 = B64.encode([7u8; 32]);
        for key in [HEX_KEY, b64.as_str(), "correct horse battery staple"] {
            let s = store(tmp.path(), key);
            let name = SecretName::other("gmail/user/user_1");
            put(&s, &name, "{\"access_token\":\"ya29.x\"}").await;
            let back = get(&s, &name).await.unwrap();
            assert_eq!(back, "{\"access_token\":\"ya29.x\"}");
            let on_disk = std::fs::read_to_string(s.path_of(&name)).unwrap();
            assert!(!on_disk.contains("ya29"), "plaintext on disk");
            assert_eq!(s.list("gmail/user/").await.unwrap(), vec![name.clone()]);
            assert!(del(&s, &name).await);
            assert!(!del(&s, &name).await);
            assert!(get(&s, &name).await.is_none());
        }
    }

    #[tokio::test]
    async fn wrong_key_is_a_clear_error_never_garbage() {
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        put(&store(tmp.path(), HEX_KEY), &name, "secret").await;
        let other = HEX_KEY.replace("00", "ff");
        for key in [other.as_str(), "a passphrase"] {
            let err = store(tmp.path(), key).read(&name).await.err().unwrap();
            assert!(matches!(err, StoreError::Decrypt { .. }), "{err}");
        }
        let missing = FileStore::new(tmp.path().join("vault"), None).unwrap();
        assert!(matches!(
            missing.read(&name).await.err().unwrap(),
            StoreError::MissingVaultKey
        ));
    }

    #[tokio::test]
    async fn a_file_moved_to_another_name_does_not_decrypt() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let a = SecretName::other("gmail/user/user_a");
        let b = SecretName::other("gmail/user/user_b");
        put(&s, &a, "alice").await;
        std::fs::copy(s.path_of(&a), s.path_of(&b)).unwrap();
        assert!(matches!(
            s.read(&b).await.err().unwrap(),
            StoreError::Decrypt { .. }
        ));
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn permissions_are_private_and_names_stay_in_the_folder() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("staging/gmail/user/user_1");
        put(&s, &name, "x").await;
        let dir_mode = std::fs::metadata(tmp.path().join("vault"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        let files: Vec<_> = std::fs::read_dir(tmp.path().join("vault"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(files.len(), 1, "no temporary file left behind");
        let f = &files[0];
        assert_eq!(
            f.file_name().to_str().unwrap(),
            "staging%2Fgmail%2Fuser%2Fuser_1.vault"
        );
        assert_eq!(f.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }

    /// Two user ids that differ only in case get file names that differ in more than case
    /// (one file each on macOS and Windows), and lock files likewise.
    #[tokio::test]
    async fn names_that_differ_only_in_case_get_distinct_files_on_any_file_system() {
        let upper = SecretName::other("gmail/user/user_Ab");
        let lower = SecretName::other("gmail/user/user_aB");
        assert_ne!(
            file_stem(&upper).to_lowercase(),
            file_stem(&lower).to_lowercase()
        );
        // Names without upper-case letters keep their names from before.
        assert_eq!(
            file_stem(&SecretName::other("staging/gmail/user/user_1-x")),
            "staging%2Fgmail%2Fuser%2Fuser_1-x"
        );
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        put(&s, &upper, "upper").await;
        put(&s, &lower, "lower").await;
        let mut files: Vec<String> = std::fs::read_dir(tmp.path().join("vault"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_lowercase())
            .collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), 2, "{files:?}");
        assert_eq!(get(&s, &upper).await.as_deref(), Some("upper"));
        assert_eq!(get(&s, &lower).await.as_deref(), Some("lower"));
        let mut listed = s.list("gmail/user/").await.unwrap();
        listed.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        assert_eq!(listed, vec![upper, lower]);
    }

    /// A vault file written under the earlier name (upper-case letters kept) is still read,
    /// listed once, and replaced by the current name on the next write; a delete removes it.
    #[tokio::test]
    async fn vault_files_under_the_earlier_name_are_read_and_migrated() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("gmail/user/user_Ab");
        put(&s, &name, "old").await;
        let legacy = tmp
            .path()
            .join("vault")
            .join("gmail%2Fuser%2Fuser_Ab.vault");
        std::fs::rename(s.path_of(&name), &legacy).unwrap();
        assert_eq!(get(&s, &name).await.as_deref(), Some("old"));
        assert_eq!(s.list("gmail/user/").await.unwrap(), vec![name.clone()]);
        put(&s, &name, "new").await;
        assert!(!legacy.exists());
        assert!(s.path_of(&name).exists());
        assert_eq!(get(&s, &name).await.as_deref(), Some("new"));
        // A delete removes the file under either name.
        std::fs::rename(s.path_of(&name), &legacy).unwrap();
        assert!(del(&s, &name).await);
        assert!(!legacy.exists());
        assert!(get(&s, &name).await.is_none());
    }

    #[tokio::test]
    async fn a_damaged_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("gmail/user/user_1");
        put(&s, &name, "x").await;
        std::fs::write(s.path_of(&name), "garbage").unwrap();
        let err = s.read(&name).await.err().unwrap();
        assert!(err.to_string().contains("gmail/user/user_1"), "{err}");
    }

    #[test]
    fn key_forms() {
        assert!(matches!(
            VaultKey::parse(&SecretString::from(HEX_KEY)).unwrap(),
            VaultKey::Raw(_)
        ));
        let b64 = B64.encode([1u8; 32]);
        assert!(matches!(
            VaultKey::parse(&SecretString::from(b64)).unwrap(),
            VaultKey::Raw(_)
        ));
        let short = B64.encode([1u8; 16]);
        assert!(matches!(
            VaultKey::parse(&SecretString::from(short)).unwrap(),
            VaultKey::Passphrase(_)
        ));
        assert!(matches!(
            VaultKey::parse(&SecretString::from("  ")),
            Err(StoreError::EmptyVaultKey)
        ));
        // A key with a stray space around it is a passphrase, used exactly as given.
        assert!(matches!(
            VaultKey::parse(&SecretString::from(format!(" {HEX_KEY}"))).unwrap(),
            VaultKey::Passphrase(_)
        ));
    }

    #[tokio::test]
    async fn a_passphrase_is_not_trimmed() {
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        put(&store(tmp.path(), "pass phrase "), &name, "x").await;
        let err = store(tmp.path(), "pass phrase")
            .read(&name)
            .await
            .err()
            .unwrap();
        assert!(matches!(err, StoreError::Decrypt { .. }), "{err}");
        assert_eq!(
            get(&store(tmp.path(), "pass phrase "), &name)
                .await
                .as_deref(),
            Some("x")
        );
    }

    #[tokio::test]
    async fn crafted_kdf_parameters_are_refused_before_use() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), "a passphrase");
        let name = SecretName::other("gmail/user/user_1");
        put(&s, &name, "x").await;
        let path = s.path_of(&name);
        let mut env: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for (field, value) in [("m", 4_194_304u32), ("t", 100_000), ("p", 1_000)] {
            let mut crafted = env.clone();
            crafted["argon2"][field] = value.into();
            std::fs::write(&path, serde_json::to_vec(&crafted).unwrap()).unwrap();
            let err = s.read(&name).await.err().unwrap();
            assert!(
                matches!(err, StoreError::CorruptVaultFile { .. })
                    && err.to_string().contains("bounds"),
                "{field}: {err}"
            );
        }
        env["salt"] = B64.encode([0u8; 4096]).into();
        std::fs::write(&path, serde_json::to_vec(&env).unwrap()).unwrap();
        assert!(matches!(
            s.read(&name).await.err().unwrap(),
            StoreError::CorruptVaultFile { .. }
        ));
        std::fs::write(&path, vec![b' '; (MAX_FILE + 10) as usize]).unwrap();
        assert!(matches!(
            s.read(&name).await.err().unwrap(),
            StoreError::CorruptVaultFile { .. }
        ));
    }

    fn shared(dir: &Path) -> super::super::Store {
        super::super::Store::new(
            Arc::new(store(dir, HEX_KEY)),
            std::time::Duration::from_secs(20),
        )
    }

    /// Writers in separate stores (as separate processes would be) increment a counter: with
    /// the lock file held across read-decide-write, no increment is lost.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writers_lose_no_update() {
        use super::super::Decision;
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let vault = shared(tmp.path());
            let name = name.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..5 {
                    vault
                        .update_raw(&name, |cur| {
                            let n: u32 = cur.map_or(0, |c| c.expose_secret().parse().unwrap());
                            Ok(Decision::Write(SecretString::from((n + 1).to_string()), ()))
                        })
                        .await
                        .unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let back = shared(tmp.path()).read_raw(&name).await.unwrap().unwrap();
        assert_eq!(back.expose_secret(), "40");
        // The lock file is beside the vault file and is not the secret.
        let lock = tmp.path().join("vault").join("gmail%2Fuser%2Fuser_1.lock");
        assert_eq!(std::fs::metadata(&lock).unwrap().len(), 0);
    }

    /// A delete removes the lock file too, and writers racing with deletes still lose
    /// nothing: each task's writes and deletes alternate; the vault ends as one of them left it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn deletes_remove_the_lock_file_and_racing_writers_stay_serialised() {
        use super::super::Decision;
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        let vault = shared(tmp.path());
        vault
            .write_raw(&name, &SecretString::from("x"))
            .await
            .unwrap();
        assert!(vault.delete(&name).await.unwrap());
        let left: Vec<_> = std::fs::read_dir(tmp.path().join("vault"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "{left:?}");

        // Counters with deletes in between: under the lock, an increment never sees a torn
        // or a stale value.
        let mut tasks = Vec::new();
        for i in 0..6 {
            let vault = shared(tmp.path());
            let name = name.clone();
            tasks.push(tokio::spawn(async move {
                for round in 0..6 {
                    if (i + round) % 3 == 0 {
                        vault.delete(&name).await.unwrap();
                    } else {
                        vault
                            .update_raw(&name, |cur| {
                                let n: u32 = cur.map_or(0, |c| c.expose_secret().parse().unwrap());
                                Ok(Decision::Write(SecretString::from((n + 1).to_string()), ()))
                            })
                            .await
                            .unwrap();
                    }
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    }

    /// A held lock makes a writer wait, within the store timeout; a lock file left by a dead
    /// process (it exists, nobody holds it) does not block.
    #[tokio::test]
    async fn a_held_lock_is_waited_for_within_the_timeout_and_a_stale_one_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        let vault = super::super::Store::new(
            Arc::new(store(tmp.path(), HEX_KEY)),
            std::time::Duration::from_millis(300),
        );
        vault
            .write_raw(&name, &SecretString::from("first"))
            .await
            .unwrap();
        let lock = tmp.path().join("vault").join("gmail%2Fuser%2Fuser_1.lock");
        let holder = std::fs::File::open(&lock).unwrap();
        holder.lock().unwrap();
        let err = vault
            .write_raw(&name, &SecretString::from("second"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Timeout { op: "lock", .. }),
            "{err}"
        );
        drop(holder);
        vault
            .write_raw(&name, &SecretString::from("second"))
            .await
            .unwrap();
        assert_eq!(
            vault
                .read_raw(&name)
                .await
                .unwrap()
                .unwrap()
                .expose_secret(),
            "second"
        );
    }

    /// A vault file that never answers (a FIFO nobody writes to) is bounded by the store
    /// timeout like any other store call.
    #[cfg(unix)]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_hung_file_read_times_out() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("gmail/user/user_1");
        std::fs::create_dir_all(tmp.path().join("vault")).unwrap();
        let fifo = s.path_of(&name);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let vault = super::super::Store::new(Arc::new(s), std::time::Duration::from_millis(300));
        let err = vault.read_raw(&name).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Timeout { op: "read", .. }),
            "{err}"
        );
        // Let the stuck worker go, so the runtime can shut down.
        let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
    }

    #[tokio::test]
    async fn a_write_over_a_version_that_changed_loses() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("gmail/user/user_1");
        put(&s, &name, "a").await;
        let old = s.read(&name).await.unwrap().version;
        put(&s, &name, "b").await;
        assert!(matches!(
            s.write(&name, &SecretString::from("c"), &old)
                .await
                .unwrap(),
            Cas::Lost
        ));
        assert!(matches!(s.delete(&name, &old).await.unwrap(), Cas::Lost));
        assert_eq!(get(&s, &name).await.as_deref(), Some("b"));
    }
}
