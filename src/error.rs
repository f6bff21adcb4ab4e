//! The CLI error: a kind (which decides the exit code), a typed code, a message and a hint.
//! Every core error is mapped here, and the exit-code table lives here, in one place.

use paypulse_core::config::ConfigError;
use paypulse_core::connect::{ClientSecretError, ConnectError};
use paypulse_core::gmail::GmailError;
use paypulse_core::grant::GrantError;
use paypulse_core::harvest::HarvestError;
use paypulse_core::health::HealthError;
use paypulse_core::ids::IdError;
use paypulse_core::loopback::CallbackError;
use paypulse_core::oauth::OAuthError;
use paypulse_core::paypulse_api::ApiError;
use paypulse_core::paypulse_api::UploadError;
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

/// Declares [`Code`] and the list of all its values (the README's list is tested against it).
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The stable, machine-readable error code of `--json` errors (`{"error": {"code"}}`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            #[cfg(test)]
            pub const ALL: &[Code] = &[$(Code::$name,)*];
        }
    };
}

codes! {
    Usage,
    Config,
    NoUser,
    NoTokens,
    ReconnectRequired,
    NoRefreshToken,
    InvalidCredentials,
    NotLoggedIn,
    SessionExpired,
    AccessDenied,
    AuthorizationFailed,
    ScopeNotGranted,
    Timeout,
    BadPaste,
    Listen,
    KeyringUnavailable,
    KeyringLocked,
    StoreUnavailable,
    StoreTimeout,
    VaultKeyMissing,
    VaultDecrypt,
    CorruptBundle,
    Unsupported,
    TooLarge,
    ReadBack,
    Aws,
    AwsConfig,
    Google,
    InvalidClient,
    NoClientId,
    ClientMismatch,
    BadUrl,
    PaypulseApi,
    Gmail,
    Unauthorized,
    InsufficientScope,
    StoreContended,
    AccountUnknown,
    InsecureUrl,
    ApiMismatch,
    UnsafePath,
    AccountChanged,
    Busy,
    Partial,
    NoManifest,
    NotAManifest,
    AwsThrottled,
    CheckReconnectNeeded,
    CheckFailed,
    Io,
    Cancelled,
    Interrupted,
}

#[derive(Debug)]
pub struct CliError {
    pub kind: Kind,
    /// A stable machine-readable code (`--json`).
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    pub fn new(kind: Kind, code: Code, message: impl Into<String>) -> CliError {
        CliError {
            kind,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(Kind::Usage, Code::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    pub fn interrupted() -> CliError {
        CliError::new(Kind::Interrupted, Code::Interrupted, "interrupted")
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    pub fn io(what: &str, e: std::io::Error) -> CliError {
        CliError::new(Kind::Failure, Code::Io, format!("{what}: {e}"))
    }
}

/// The hint every "log in to Gmail again" error carries.
pub const RECONNECT_HINT: &str = "reconnect with `paypulse connect-gmail`";

/// The hint of a grant Google called dead (`invalid_grant`) within about a week of connecting:
/// the likely cause is a Google Cloud project in "Testing" publishing status.
pub fn testing_hint(age: chrono::TimeDelta) -> String {
    format!(
        "{RECONNECT_HINT}. The grant was {}: a Google Cloud project whose OAuth consent screen \
         is in \"Testing\" publishing status gets refresh tokens that expire after 7 days; \
         publish the app (Google Auth Platform > Audience > Publish app), then reconnect once \
         (see the README's \"Use it with your own Gmail\")",
        paypulse_core::grant::connected_ago(age)
    )
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        let message = e.to_string();
        match e {
            StoreError::Unavailable { store: StoreKind::Keyring, .. } => {
                CliError::new(Kind::Failure, Code::KeyringUnavailable, message).with_hint(
                    "no OS keyring answers here; use `--store file` (with PAYPULSE_VAULT_KEY) or `--store aws`",
                )
            }
            StoreError::Locked(_) => CliError::new(Kind::Failure, Code::KeyringLocked, message)
                .with_hint("unlock your keyring (log in to the desktop session), or use `--store file`"),
            StoreError::Timeout { store: StoreKind::Keyring, .. } => {
                CliError::new(Kind::Failure, Code::StoreTimeout, message).with_hint(
                    "the keyring (D-Bus Secret Service) hangs; use `--store file` (with PAYPULSE_VAULT_KEY) instead",
                )
            }
            StoreError::Timeout { .. } => CliError::new(Kind::Remote, Code::StoreTimeout, message),
            StoreError::Unavailable { .. } => CliError::new(Kind::Failure, Code::StoreUnavailable, message),
            StoreError::ReadOnly | StoreError::Unsupported { .. } => {
                CliError::new(Kind::Usage, Code::Unsupported, message)
                    .with_hint("pick another store with `--store`")
            }
            StoreError::MissingVaultKey | StoreError::EmptyVaultKey => {
                CliError::new(Kind::Usage, Code::VaultKeyMissing, message).with_hint(
                    "export PAYPULSE_VAULT_KEY: 64 hex characters or base64 of 32 bytes (e.g. `openssl rand -hex 32`), or a passphrase",
                )
            }
            StoreError::Decrypt { .. } => CliError::new(Kind::Failure, Code::VaultDecrypt, message)
                .with_hint("use the PAYPULSE_VAULT_KEY the bundle was written with"),
            StoreError::CorruptVaultFile { .. } | StoreError::CorruptBundle { .. } => {
                CliError::new(Kind::Failure, Code::CorruptBundle, message).with_hint(
                    "replace it with `paypulse tokens import`, or reconnect with `paypulse connect-gmail`",
                )
            }
            StoreError::Io { .. } => CliError::new(Kind::Failure, Code::Io, message),
            StoreError::TooLarge { .. } => CliError::new(Kind::Failure, Code::TooLarge, message)
                .with_hint("use `--store file` or `--store aws`"),
            StoreError::ReadBackMismatch { .. } => CliError::new(Kind::Failure, Code::ReadBack, message),
            StoreError::Contended { .. } => CliError::new(Kind::Remote, Code::StoreContended, message)
                .with_hint("other writers kept changing the bundle; try again"),
            StoreError::AccountUnknown { .. } => CliError::new(Kind::Usage, Code::AccountUnknown, message)
                .with_hint("import a bundle with `google_user_id` (or with a refresh token), or delete the stored one first with `paypulse tokens revoke --local-only`"),
            StoreError::Aws(_) => CliError::new(Kind::Remote, Code::Aws, message),
            StoreError::Throttled(_) => CliError::new(Kind::Remote, Code::AwsThrottled, message)
                .with_hint("AWS Secrets Manager is rate-limiting this account; try again later, or lower --concurrency"),
            StoreError::AwsConfig(_) => CliError::new(Kind::Usage, Code::AwsConfig, message),
            // As its cause, with the whole message (what the write left behind).
            StoreError::PartWritten { cause, .. } => {
                let mut err = CliError::from(*cause);
                err.message = message;
                err
            }
        }
    }
}

impl From<OAuthError> for CliError {
    fn from(e: OAuthError) -> CliError {
        let message = e.to_string();
        match e {
            OAuthError::InvalidGrant(_) => {
                CliError::new(Kind::Auth, Code::ReconnectRequired, message).with_hint(RECONNECT_HINT)
            }
            OAuthError::NoRefreshToken => CliError::new(Kind::Auth, Code::NoRefreshToken, message)
                .with_hint("revoke access at https://myaccount.google.com/permissions, then reconnect with `paypulse connect-gmail`"),
            OAuthError::MissingClientId => CliError::new(Kind::Usage, Code::NoClientId, message)
                .with_hint("connect with `paypulse connect-gmail --client-secret-file client_secret_....json` (a Desktop client's file from the Google Cloud console; see the README's \"Use it with your own Gmail\"): it remembers the client"),
            OAuthError::BadUrl { .. } => CliError::new(Kind::Usage, Code::BadUrl, message),
            OAuthError::Insecure(_) => CliError::new(Kind::Usage, Code::InsecureUrl, message),
            OAuthError::InvalidClient(_) => CliError::new(Kind::Remote, Code::InvalidClient, message)
                .with_hint("check PAYPULSE_GOOGLE_CLIENT_ID / PAYPULSE_GOOGLE_CLIENT_SECRET (or `[google]` in the config file): they must be the client the tokens were issued to"),
            OAuthError::Unreachable { .. } | OAuthError::Remote { .. } | OAuthError::BadResponse { .. } => {
                CliError::new(Kind::Remote, Code::Google, message)
            }
        }
    }
}

impl From<GrantError> for CliError {
    fn from(e: GrantError) -> CliError {
        match e {
            GrantError::NoBundle { .. } => CliError::new(Kind::Auth, Code::NoTokens, e.to_string())
                .with_hint("connect with `paypulse connect-gmail`, or store a bundle with `paypulse tokens import`"),
            GrantError::Reconnect { .. } | GrantError::Dead { .. } => {
                let hint = match e.testing_expiry_likely() {
                    Some(age) => testing_hint(age),
                    None => RECONNECT_HINT.to_owned(),
                };
                CliError::new(Kind::Auth, Code::ReconnectRequired, e.to_string()).with_hint(hint)
            }
            GrantError::Store(e) => e.into(),
            GrantError::OAuth(e) => e.into(),
        }
    }
}

impl From<HealthError> for CliError {
    fn from(e: HealthError) -> CliError {
        match e {
            HealthError::NoBundle { .. } => CliError::new(Kind::Auth, Code::NoTokens, e.to_string())
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
                CliError::new(Kind::Auth, Code::InvalidCredentials, message)
            }
            ApiError::BadUrl(_) => CliError::new(Kind::Usage, Code::BadUrl, message),
            ApiError::Insecure(_) => CliError::new(Kind::Usage, Code::InsecureUrl, message),
            _ => CliError::new(Kind::Remote, Code::PaypulseApi, message),
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
        match e {
            ConfigError::OtherClient { .. } => {
                CliError::new(Kind::Usage, Code::ClientMismatch, e.to_string())
            }
            ConfigError::Write { .. } => CliError::new(Kind::Failure, Code::Io, e.to_string()),
            _ => CliError::new(Kind::Usage, Code::Config, e.to_string()),
        }
    }
}

impl From<CallbackError> for CliError {
    fn from(e: CallbackError) -> CliError {
        use CallbackError as E;
        let message = e.to_string();
        match e {
            E::Bind { .. } => CliError::new(Kind::Failure, Code::Listen, message)
                .with_hint("pick another port with --port, or leave it to the OS"),
            E::AccessDenied => CliError::new(Kind::Auth, Code::AccessDenied, message)
                .with_hint("run `paypulse connect-gmail` again and allow access"),
            E::Authorization(_) => CliError::new(Kind::Auth, Code::AuthorizationFailed, message),
            E::Timeout(_) => CliError::new(Kind::Auth, Code::Timeout, message)
                .with_hint("run it again; with a browser on another machine, use --paste"),
            E::BadPaste | E::PastedStateMismatch => {
                CliError::new(Kind::Auth, Code::BadPaste, message).with_hint(
                    "paste the whole URL from the browser's address bar after allowing access",
                )
            }
        }
    }
}

impl From<ConnectError> for CliError {
    fn from(e: ConnectError) -> CliError {
        use ConnectError as E;
        let message = e.to_string();
        match e {
            E::ScopeNotGranted { .. } => CliError::new(Kind::Auth, Code::ScopeNotGranted, message).with_hint(
                "run `paypulse connect-gmail` again and leave \"Read your email\" ticked on the consent screen",
            ),
            E::Identity(inner) => {
                let mut err: CliError = inner.into();
                err.message = message;
                err
            }
            E::OAuth(inner) => inner.into(),
            E::Store(inner) => inner.into(),
        }
    }
}

impl From<ClientSecretError> for CliError {
    fn from(e: ClientSecretError) -> CliError {
        CliError::usage(e.to_string()).with_hint(
            "pass the client_secret_*.json of a Desktop client, as the Google Cloud console downloads it",
        )
    }
}

impl From<UploadError> for CliError {
    fn from(e: UploadError) -> CliError {
        match e {
            UploadError::SessionExpired => CliError::new(Kind::Auth, Code::SessionExpired, e.to_string())
                .with_hint("the tokens are stored locally; log in again with `paypulse login`, then connect with --upload"),
            UploadError::Api(inner) => inner.into(),
        }
    }
}

impl From<HarvestError> for CliError {
    fn from(e: HarvestError) -> CliError {
        match e {
            HarvestError::List(g) | HarvestError::Auth(g) => g.into(),
            HarvestError::Busy(_) => CliError::new(Kind::Failure, Code::Busy, e.to_string())
                .with_hint("wait for the other run to finish, or fetch into another --out folder"),
            HarvestError::Unsafe { .. } => {
                CliError::new(Kind::Failure, Code::UnsafePath, e.to_string())
                    .with_hint("give --out a real folder (not a symbolic link)")
            }
            HarvestError::Io { .. } => CliError::new(Kind::Failure, Code::Io, e.to_string()),
            HarvestError::NoManifest(_) => {
                CliError::new(Kind::Failure, Code::NoManifest, e.to_string()).with_hint(
                    "fetch invoices into it first with `paypulse fetch-invoices --out DIR`",
                )
            }
            HarvestError::NotAManifest(_) => {
                CliError::new(Kind::Failure, Code::NotAManifest, e.to_string())
            }
        }
    }
}

impl From<GmailError> for CliError {
    fn from(e: GmailError) -> CliError {
        let message = e.to_string();
        match e {
            GmailError::Grant(s) => s.into(),
            GmailError::Insecure(_) => CliError::new(Kind::Usage, Code::InsecureUrl, message),
            GmailError::Config(_) => CliError::usage(message),
            GmailError::AccountChanged { .. } => CliError::new(
                Kind::Auth,
                Code::AccountChanged,
                message,
            )
            .with_hint(
                "check which Google account is stored with `paypulse tokens show`, then run again",
            ),
            GmailError::Unauthorized => {
                CliError::new(Kind::Auth, Code::Unauthorized, message).with_hint(RECONNECT_HINT)
            }
            GmailError::Http {
                status: 403,
                reason: Some(ref r),
                ..
            } if r.contains("Permission") || r.contains("SCOPE") => {
                CliError::new(Kind::Auth, Code::InsufficientScope, message).with_hint(
                    "reconnect with `paypulse connect-gmail` and allow reading your email",
                )
            }
            _ => CliError::new(Kind::Remote, Code::Gmail, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's list of error codes (the backticked words after "The codes are:").
    fn readme_codes() -> Vec<String> {
        let readme = include_str!("../README.md");
        let start = readme
            .find("The codes are:")
            .expect("the README lists the error codes");
        let list = &readme[start..];
        let end = list
            .find("\n\n`hint`")
            .expect("the list ends before `hint`");
        list[..end]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_readme_lists_every_error_code_and_no_other() {
        let mut ours: Vec<String> = Code::ALL
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let mut listed = readme_codes();
        ours.sort();
        listed.sort();
        assert_eq!(listed, ours, "README's error codes differ from error::Code");
    }
}
