//! The `file` store: one AES-256-GCM encrypted file per secret name under
//! `$XDG_DATA_HOME/paypulse/vault/`, mode 0600 in a 0700 folder, written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use rand::RngCore;
use secrecy::{ExposeSecret, ExposeSecretMut, SecretBox, SecretString};
use serde::{Deserialize, Serialize};

use super::{Listed, StoreError, StoreKind, TokenStore};
use crate::ids::SecretName;

const EXTENSION: &str = "vault";
/// Everything but `[A-Za-z0-9_-]` is percent-encoded in file names (so `/` never makes a folder).
const FILE_NAME_SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'-');

/// The vault key as `PAYPULSE_VAULT_KEY` gives it.
pub enum VaultKey {
    /// 64 hex characters or base64 of 32 bytes: the key itself.
    Raw(SecretBox<[u8; 32]>),
    /// Anything else: a passphrase, stretched with Argon2id and a per-file salt.
    Passphrase(SecretString),
}

impl VaultKey {
    pub fn parse(value: &SecretString) -> Result<VaultKey, StoreError> {
        let s = value.expose_secret().trim();
        if s.is_empty() {
            return Err(StoreError::EmptyVaultKey);
        }
        let raw = if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(s).ok()
        } else {
            B64.decode(s).ok().filter(|b| b.len() == 32)
        };
        Ok(match raw {
            Some(bytes) => {
                let mut key = Box::new([0u8; 32]);
                key.copy_from_slice(&bytes);
                VaultKey::Raw(SecretBox::new(key))
            }
            None => VaultKey::Passphrase(SecretString::from(s.to_owned())),
        })
    }
}

/// What a vault file holds (JSON): everything but the key needed to decrypt.
#[derive(Serialize, Deserialize)]
struct Envelope {
    paypulse_vault: u32,
    /// `raw` or `argon2id`.
    kdf: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    argon2: Option<Argon2Params>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    nonce: String,
    ciphertext: String,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
struct Argon2Params {
    m: u32,
    t: u32,
    p: u32,
}

pub struct FileStore {
    dir: PathBuf,
    key: Option<VaultKey>,
}

impl FileStore {
    /// `dir` is the vault folder; `key` is `PAYPULSE_VAULT_KEY` (needed to read or write, not to list).
    pub fn new(dir: PathBuf, key: Option<&SecretString>) -> Result<FileStore, StoreError> {
        let key = key.map(VaultKey::parse).transpose()?;
        Ok(FileStore { dir, key })
    }

    fn path_of(&self, name: &SecretName) -> PathBuf {
        let stem = utf8_percent_encode(name.as_str(), FILE_NAME_SET).to_string();
        self.dir.join(format!("{stem}.{EXTENSION}"))
    }

    fn key(&self) -> Result<&VaultKey, StoreError> {
        self.key.as_ref().ok_or(StoreError::MissingVaultKey)
    }

    fn cipher_for(
        &self,
        kdf_params: Option<Argon2Params>,
        salt: Option<&[u8]>,
        name: &SecretName,
    ) -> Result<Aes256Gcm, StoreError> {
        match (self.key()?, kdf_params, salt) {
            (VaultKey::Raw(k), None, None) => Ok(Aes256Gcm::new(k.expose_secret().into())),
            (VaultKey::Passphrase(p), Some(params), Some(salt)) => {
                let argon = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    argon2::Params::new(params.m, params.t, params.p, Some(32)).map_err(|e| {
                        StoreError::CorruptVaultFile {
                            name: name.clone(),
                            detail: e.to_string(),
                        }
                    })?,
                );
                let mut key = SecretBox::new(Box::new([0u8; 32]));
                argon
                    .hash_password_into(p.expose_secret().as_bytes(), salt, key.expose_secret_mut())
                    .map_err(|e| StoreError::CorruptVaultFile {
                        name: name.clone(),
                        detail: e.to_string(),
                    })?;
                Ok(Aes256Gcm::new(key.expose_secret().into()))
            }
            // The file was written with the other kind of key.
            _ => Err(StoreError::Decrypt { name: name.clone() }),
        }
    }

    fn seal(&self, name: &SecretName, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let mut rng = rand::rng();
        let (kdf, params, salt) = match self.key()? {
            VaultKey::Raw(_) => ("raw", None, None),
            VaultKey::Passphrase(_) => {
                let d = argon2::Params::default();
                let mut salt = [0u8; 16];
                rng.fill_bytes(&mut salt);
                let params = Argon2Params {
                    m: d.m_cost(),
                    t: d.t_cost(),
                    p: d.p_cost(),
                };
                ("argon2id", Some(params), Some(salt.to_vec()))
            }
        };
        let cipher = self.cipher_for(params, salt.as_deref(), name)?;
        let mut nonce = [0u8; 12];
        rng.fill_bytes(&mut nonce);
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: name.as_str().as_bytes(),
                },
            )
            .expect("AES-GCM encryption of a small buffer cannot fail");
        let env = Envelope {
            paypulse_vault: 1,
            kdf: kdf.into(),
            argon2: params,
            salt: salt.map(|s| B64.encode(s)),
            nonce: B64.encode(nonce),
            ciphertext: B64.encode(ciphertext),
        };
        Ok(serde_json::to_vec(&env).expect("an envelope always serializes"))
    }

    fn open(&self, name: &SecretName, data: &[u8]) -> Result<SecretString, StoreError> {
        let corrupt = |detail: &str| StoreError::CorruptVaultFile {
            name: name.clone(),
            detail: detail.into(),
        };
        let env: Envelope =
            serde_json::from_slice(data).map_err(|_| corrupt("not a paypulse vault file"))?;
        if env.paypulse_vault != 1 {
            return Err(corrupt("written by a newer paypulse"));
        }
        let salt = env
            .salt
            .as_deref()
            .map(|s| B64.decode(s))
            .transpose()
            .map_err(|_| corrupt("bad salt"))?;
        let params = match env.kdf.as_str() {
            "raw" => None,
            "argon2id" => Some(
                env.argon2
                    .ok_or_else(|| corrupt("missing KDF parameters"))?,
            ),
            _ => return Err(corrupt("unknown KDF")),
        };
        let nonce = B64.decode(&env.nonce).map_err(|_| corrupt("bad nonce"))?;
        if nonce.len() != 12 {
            return Err(corrupt("bad nonce"));
        }
        let ciphertext = B64
            .decode(&env.ciphertext)
            .map_err(|_| corrupt("bad ciphertext"))?;
        let cipher = self.cipher_for(params, salt.as_deref(), name)?;
        let plain = cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: name.as_str().as_bytes(),
                },
            )
            .map_err(|_| StoreError::Decrypt { name: name.clone() })?;
        String::from_utf8(plain)
            .map(SecretString::from)
            .map_err(|_| corrupt("not UTF-8"))
    }

    fn ensure_dir(&self) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            what: format!("cannot create {}", self.dir.display()),
            source,
        };
        create_private_dir(&self.dir).map_err(io)
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
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
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[async_trait::async_trait]
impl TokenStore for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }

    async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        let path = self.path_of(name);
        match std::fs::read(&path) {
            Ok(data) => self.open(name, &data).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Io {
                what: format!("cannot read {}", path.display()),
                source,
            }),
        }
    }

    async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError> {
        let sealed = self.seal(name, value.expose_secret().as_bytes())?;
        self.ensure_dir()?;
        let path = self.path_of(name);
        let io = |source| StoreError::Io {
            what: format!("cannot write {}", path.display()),
            source,
        };
        // A temporary file in the same folder (created 0600), synced, then renamed over the old one.
        let mut tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(&self.dir)
            .map_err(io)?;
        tmp.write_all(&sealed).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(&path).map_err(|e| io(e.error))?;
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        let path = self.path_of(name);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(StoreError::Io {
                what: format!("cannot delete {}", path.display()),
                source,
            }),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        Ok(self
            .list_entries(prefix)
            .await?
            .into_iter()
            .map(|l| l.name)
            .collect())
    }

    /// The vault files under `prefix`, with their modification times.
    async fn list_entries(&self, prefix: &str) -> Result<Vec<Listed>, StoreError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Io {
                    what: format!("cannot list {}", self.dir.display()),
                    source,
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
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path, key: &str) -> FileStore {
        FileStore::new(dir.join("vault"), Some(&SecretString::from(key.to_owned()))).unwrap()
    }

    const HEX_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[tokio::test]
    async fn round_trip_with_each_key_form() {
        let tmp = tempfile::tempdir().unwrap();
        let b64 = B64.encode([7u8; 32]);
        for key in [HEX_KEY, b64.as_str(), "correct horse battery staple"] {
            let s = store(tmp.path(), key);
            let name = SecretName::other("gmail/user/user_1");
            s.write(&name, &SecretString::from("{\"access_token\":\"ya29.x\"}"))
                .await
                .unwrap();
            let back = s.read(&name).await.unwrap().unwrap();
            assert_eq!(back.expose_secret(), "{\"access_token\":\"ya29.x\"}");
            let on_disk = std::fs::read_to_string(s.path_of(&name)).unwrap();
            assert!(!on_disk.contains("ya29"), "plaintext on disk");
            assert_eq!(s.list("gmail/user/").await.unwrap(), vec![name.clone()]);
            assert!(s.delete(&name).await.unwrap());
            assert!(!s.delete(&name).await.unwrap());
            assert!(s.read(&name).await.unwrap().is_none());
        }
    }

    #[tokio::test]
    async fn wrong_key_is_a_clear_error_never_garbage() {
        let tmp = tempfile::tempdir().unwrap();
        let name = SecretName::other("gmail/user/user_1");
        store(tmp.path(), HEX_KEY)
            .write(&name, &SecretString::from("secret"))
            .await
            .unwrap();
        let other = HEX_KEY.replace("00", "ff");
        for key in [other.as_str(), "a passphrase"] {
            let err = store(tmp.path(), key).read(&name).await.unwrap_err();
            assert!(matches!(err, StoreError::Decrypt { .. }), "{err}");
        }
        let missing = FileStore::new(tmp.path().join("vault"), None).unwrap();
        assert!(matches!(
            missing.read(&name).await.unwrap_err(),
            StoreError::MissingVaultKey
        ));
    }

    #[tokio::test]
    async fn a_file_moved_to_another_name_does_not_decrypt() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let a = SecretName::other("gmail/user/user_a");
        let b = SecretName::other("gmail/user/user_b");
        s.write(&a, &SecretString::from("alice")).await.unwrap();
        std::fs::copy(s.path_of(&a), s.path_of(&b)).unwrap();
        assert!(matches!(
            s.read(&b).await.unwrap_err(),
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
        s.write(&name, &SecretString::from("x")).await.unwrap();
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

    #[tokio::test]
    async fn a_damaged_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path(), HEX_KEY);
        let name = SecretName::other("gmail/user/user_1");
        s.write(&name, &SecretString::from("x")).await.unwrap();
        std::fs::write(s.path_of(&name), "garbage").unwrap();
        let err = s.read(&name).await.unwrap_err();
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
    }
}
