//! The CLI error: a kind (which decides the exit code), a message and a hint. Every core error is
//! mapped here, and the exit-code table lives here, in one place.

use paypulse_core::config::ConfigError;
use paypulse_core::grant::GrantError;
use paypulse_core::health::HealthError;
use paypulse_core::ids::IdError;
use paypulse_core::oauth::OAuthError;
use paypulse_core::paypulse_api::ApiError;
use paypulse_core::store::{StoreError, StoreKind};
use serde::Serialize;

/// What went wrong, as far as the exit code is concerned (the SPEC's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 1: a failure not covered below.
    Failure,
    /// 2: a usage error.
    Usage,
    /// 3: authentication needed (not logged in, no stored tokens, reconnect).
    Auth,
    /// 4: a remote service failed (Google, AWS, PayPulse API).
    Remote,
    /// 5: `fetch-invoices` finished, but some messages failed.
    Partial,
    /// 130: interrupted.
    Interrupted,
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Failure => 1,
            Kind::Usage => 2,
            Kind::Auth => 3,
            Kind::Remote => 4,
            Kind::Partial => 5,
            Kind::Interrupted => 130,
        }
    }
}

#[derive(Debug)]
pub struct CliError {
    pub kind: Kind,
    /// A stable machine-readable code (`--json`).
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> CliError {
        CliError {
            kind,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(Kind::Usage, "usage", message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    pub fn interrupted() -> CliError {
        CliError::new(Kind::Interrupted, "interrupted", "interrupted")
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    pub fn io(what: &str, e: std::io::Error) -> CliError {
        CliError::new(Kind::Failure, "io", format!("{what}: {e}"))
    }
}

/// The hint every "log in to Gmail again" error carries.
pub const RECONNECT_HINT: &str = "reconnect with `paypulse connect-gmail`";

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        let message = e.to_string();
        match e {
            StoreError::Unavailable { store: StoreKind::Keyring, .. } => {
                CliError::new(Kind::Failure, "keyring_unavailable", message).with_hint(
                    "no OS keyring answers here; use `--store file` (with PAYPULSE_VAULT_KEY) or `--store aws`",
                )
            }
            StoreError::Locked(_) => CliError::new(Kind::Failure, "keyring_locked", message)
                .with_hint("unlock your keyring (log in to the desktop session), or use `--store file`"),
            StoreError::Timeout { store: StoreKind::Keyring, .. } => {
                CliError::new(Kind::Failure, "store_timeout", message).with_hint(
                    "the keyring (D-Bus Secret Service) hangs; use `--store file` (with PAYPULSE_VAULT_KEY) instead",
                )
            }
            StoreError::Timeout { .. } => CliError::new(Kind::Remote, "store_timeout", message),
            StoreError::Unavailable { .. } => CliError::new(Kind::Failure, "store_unavailable", message),
            StoreError::ReadOnly | StoreError::Unsupported { .. } => {
                CliError::new(Kind::Usage, "unsupported", message)
                    .with_hint("pick another store with `--store`")
            }
            StoreError::MissingVaultKey | StoreError::EmptyVaultKey => {
                CliError::new(Kind::Usage, "vault_key_missing", message).with_hint(
                    "export PAYPULSE_VAULT_KEY: 64 hex characters or base64 of 32 bytes (e.g. `openssl rand -hex 32`), or a passphrase",
                )
            }
            StoreError::Decrypt { .. } => CliError::new(Kind::Failure, "vault_decrypt", message)
                .with_hint("use the PAYPULSE_VAULT_KEY the bundle was written with"),
            StoreError::CorruptVaultFile { .. } | StoreError::CorruptBundle { .. } => {
                CliError::new(Kind::Failure, "corrupt_bundle", message).with_hint(
                    "replace it with `paypulse tokens import`, or reconnect with `paypulse connect-gmail`",
                )
            }
            StoreError::Io { .. } => CliError::new(Kind::Failure, "io", message),
            StoreError::TooLarge { .. } => CliError::new(Kind::Failure, "too_large", message)
                .with_hint("use `--store file` or `--store aws`"),
            StoreError::ReadBackMismatch { .. } => CliError::new(Kind::Failure, "read_back", message),
            StoreError::Aws(_) => CliError::new(Kind::Remote, "aws", message),
            StoreError::Throttled(_) => CliError::new(Kind::Remote, "aws_throttled", message)
                .with_hint("AWS Secrets Manager is rate-limiting this account; try again later, or lower --concurrency"),
            StoreError::AwsConfig(_) => CliError::new(Kind::Usage, "aws_config", message),
        }
    }
}

impl From<OAuthError> for CliError {
    fn from(e: OAuthError) -> CliError {
        let message = e.to_string();
        match e {
            OAuthError::InvalidGrant(_) => {
                CliError::new(Kind::Auth, "reconnect_required", message).with_hint(RECONNECT_HINT)
            }
            OAuthError::NoRefreshToken => CliError::new(Kind::Auth, "no_refresh_token", message)
                .with_hint("revoke access at https://myaccount.google.com/permissions, then reconnect with `paypulse connect-gmail`"),
            OAuthError::MissingClientId => CliError::new(Kind::Usage, "no_client_id", message),
            OAuthError::BadUrl { .. } => CliError::new(Kind::Usage, "bad_url", message),
            OAuthError::InvalidClient(_) => CliError::new(Kind::Remote, "invalid_client", message)
                .with_hint("check PAYPULSE_GOOGLE_CLIENT_ID / PAYPULSE_GOOGLE_CLIENT_SECRET: they must be the client the tokens were issued to"),
            OAuthError::Unreachable { .. } | OAuthError::Remote { .. } | OAuthError::BadResponse { .. } => {
                CliError::new(Kind::Remote, "google", message)
            }
        }
    }
}

impl From<GrantError> for CliError {
    fn from(e: GrantError) -> CliError {
        match e {
            GrantError::NoBundle { .. } => CliError::new(Kind::Auth, "no_tokens", e.to_string())
                .with_hint("connect with `paypulse connect-gmail`, or store a bundle with `paypulse tokens import`"),
            GrantError::Reconnect { .. } | GrantError::Dead { .. } => {
                CliError::new(Kind::Auth, "reconnect_required", e.to_string()).with_hint(RECONNECT_HINT)
            }
            GrantError::Store(e) => e.into(),
            GrantError::OAuth(e) => e.into(),
        }
    }
}

impl From<HealthError> for CliError {
    fn from(e: HealthError) -> CliError {
        match e {
            HealthError::NoBundle { .. } => CliError::new(Kind::Auth, "no_tokens", e.to_string())
                .with_hint("connect with `paypulse connect-gmail`, or store a bundle with `paypulse tokens import`"),
            HealthError::Store(e) => e.into(),
            HealthError::OAuth(e) => e.into(),
        }
    }
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> CliError {
        let message = e.to_string();
        match e {
            ApiError::InvalidCredentials => {
                CliError::new(Kind::Auth, "invalid_credentials", message)
            }
            ApiError::BadUrl(_) => CliError::new(Kind::Usage, "bad_url", message),
            _ => CliError::new(Kind::Remote, "paypulse_api", message),
        }
    }
}

impl From<IdError> for CliError {
    fn from(e: IdError) -> CliError {
        CliError::usage(e.to_string())
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        CliError::new(Kind::Usage, "config", e.to_string())
    }
}
