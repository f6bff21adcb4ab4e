//! What can go wrong in a store: one error type for every backend, with the platform's or
//! AWS's own error kept as the source.

use crate::ids::SecretName;

use super::StoreKind;
use super::facade::MAX_ATTEMPTS;

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
