//! The vault's cryptography: the key as `PAYPULSE_VAULT_KEY` gives it (a raw 32-byte key, or a
//! passphrase stretched with Argon2id and a per-file salt), and a vault file's envelope:
//! AES-256-GCM under a random nonce, the secret name as associated data. A crafted file cannot
//! ask for unbounded KDF work.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rand::RngCore;
use secrecy::{ExposeSecret, ExposeSecretMut, SecretBox, SecretString};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::ids::SecretName;

/// Bounds on the Argon2 parameters a vault file may ask for (a crafted file must not make the
/// tool allocate gigabytes or spin for minutes): memory in KiB, passes, lanes.
const MAX_ARGON2_M: u32 = 256 * 1024;
const MAX_ARGON2_T: u32 = 16;
const MAX_ARGON2_P: u32 = 16;
/// The vault key as `PAYPULSE_VAULT_KEY` gives it.
pub enum VaultKey {
    /// 64 hex characters or base64 of 32 bytes: the key itself.
    Raw(SecretBox<[u8; 32]>),
    /// Anything else: a passphrase, stretched with Argon2id and a per-file salt.
    Passphrase(SecretString),
}

impl VaultKey {
    /// The value is used exactly as given: a passphrase is not trimmed (a trailing space is
    /// part of it). A value that is empty or only whitespace is refused.
    pub fn parse(value: &SecretString) -> Result<VaultKey, StoreError> {
        let s: &str = value.expose_secret();
        if s.trim().is_empty() {
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

fn cipher_for(
    key: &VaultKey,
    kdf_params: Option<Argon2Params>,
    salt: Option<&[u8]>,
    name: &SecretName,
) -> Result<Aes256Gcm, StoreError> {
    match (key, kdf_params, salt) {
        (VaultKey::Raw(k), None, None) => Ok(Aes256Gcm::new(k.expose_secret().into())),
        (VaultKey::Passphrase(p), Some(params), Some(salt)) => {
            if !(1..=MAX_ARGON2_P).contains(&params.p)
                || !(1..=MAX_ARGON2_T).contains(&params.t)
                || params.m > MAX_ARGON2_M
                || !(8..=64).contains(&salt.len())
            {
                return Err(StoreError::CorruptVaultFile {
                    name: name.clone(),
                    detail: format!(
                        "KDF parameters out of bounds (at most {MAX_ARGON2_M} KiB, {MAX_ARGON2_T} passes, {MAX_ARGON2_P} lanes)"
                    ),
                });
            }
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

/// Encrypts a bundle for `name` (the name is the associated data: a file copied to another
/// name does not decrypt) into a vault file's bytes.
pub(crate) fn seal(key: &VaultKey, name: &SecretName, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut rng = rand::rng();
    let (kdf, params, salt) = match key {
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
    let cipher = cipher_for(key, params, salt.as_deref(), name)?;
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

/// Decrypts a vault file's bytes written for `name`.
pub(crate) fn open(
    key: &VaultKey,
    name: &SecretName,
    data: &[u8],
) -> Result<SecretString, StoreError> {
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
    let cipher = cipher_for(key, params, salt.as_deref(), name)?;
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
