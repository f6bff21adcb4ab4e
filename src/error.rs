//! The CLI error: a typed code, a message, the causes below it and a hint. Every core error is
//! mapped here, and the exit code follows from the code in one table ([`Code::kind`]).

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
use std::error::Error;

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
    /// A remote store (Secrets Manager) that did not answer in time: the same code as a local
    /// store's timeout, but a remote failure (exit 4).
    #[serde(rename = "store_timeout")]
    RemoteStoreTimeout,
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

impl Code {
    /// The exit code's kind of each code: the one table (the SPEC's exit codes).
    pub fn kind(self) -> Kind {
        use Code as C;
        match self {
            C::Usage
            | C::Config
            | C::Unsupported
            | C::VaultKeyMissing
            | C::AccountUnknown
            | C::AwsConfig
            | C::NoClientId
            | C::ClientMismatch
            | C::BadUrl
            | C::InsecureUrl
            | C::ApiMismatch => Kind::Usage,
            C::NoUser
            | C::NoTokens
            | C::ReconnectRequired
            | C::NoRefreshToken
            | C::InvalidCredentials
            | C::NotLoggedIn
            | C::SessionExpired
            | C::AccessDenied
            | C::AuthorizationFailed
            | C::ScopeNotGranted
            | C::Timeout
            | C::BadPaste
            | C::Unauthorized
            | C::InsufficientScope
            | C::AccountChanged
            | C::CheckReconnectNeeded => Kind::Auth,
            C::RemoteStoreTimeout
            | C::StoreContended
            | C::Aws
            | C::AwsThrottled
            | C::Google
            | C::InvalidClient
            | C::PaypulseApi
            | C::Gmail => Kind::Remote,
            C::Listen
            | C::KeyringUnavailable
            | C::KeyringLocked
            | C::StoreUnavailable
            | C::StoreTimeout
            | C::VaultDecrypt
            | C::CorruptBundle
            | C::TooLarge
            | C::ReadBack
            | C::UnsafePath
            | C::Busy
            | C::NoManifest
            | C::NotAManifest
            | C::CheckFailed
            | C::Io
            | C::Cancelled => Kind::Failure,
            C::Partial => Kind::Partial,
            C::Interrupted => Kind::Interrupted,
        }
    }
}

#[derive(Debug)]
pub struct CliError {
    /// A stable machine-readable code (`--json`); it decides the exit code.
    pub code: Code,
    pub message: String,
    /// What caused it, outermost first (the error's source chain), where the message does not
    /// already say it: printed as `Caused by:` lines.
    pub causes: Vec<String>,
    pub hint: Option<String>,
}

impl CliError {
    pub fn new(code: Code, message: impl Into<String>) -> CliError {
        CliError {
            code,
            message: message.into(),
            causes: Vec::new(),
            hint: None,
        }
    }

    /// `error` under `code`: its message, and its source chain as the causes.
    pub fn caused(code: Code, error: &(dyn Error + 'static)) -> CliError {
        let message = error.to_string();
        let causes = causes(error, &message);
        CliError {
            code,
            message,
            causes,
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(Code::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    pub fn interrupted() -> CliError {
        CliError::new(Code::Interrupted, "interrupted")
    }

    pub fn kind(&self) -> Kind {
        self.code.kind()
    }

    pub fn exit_code(&self) -> i32 {
        self.kind().exit_code()
    }

    pub fn io(what: &str, e: std::io::Error) -> CliError {
        CliError::new(Code::Io, format!("{what}: {e}"))
    }
}

/// The source chain of `error`, leaving out what `message` (or an outer cause) already says:
/// most messages quote their cause, and a "Caused by" line must add something.
fn causes(error: &(dyn Error + 'static), message: &str) -> Vec<String> {
    let mut said = message.to_owned();
    let mut out = Vec::new();
    let mut next = error.source();
    while let Some(e) = next {
        let text = e.to_string();
        if !text.trim().is_empty() && !said.contains(&text) {
            said.push('\n');
            said.push_str(&text);
            out.push(text);
        }
        next = e.source();
    }
    out
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
        store_error(&e)
    }
}

/// A store error's code and hint, by reference (a batch's error is shared by its users).
fn store_error(e: &StoreError) -> CliError {
    let (code, hint) = match e {
        // As its cause, with the whole message (what the write left behind).
        StoreError::PartWritten { cause, .. } => {
            let inner = store_error(cause);
            return CliError {
                causes: causes(e, &e.to_string()),
                message: e.to_string(),
                ..inner
            };
        }
        StoreError::Batch(inner) => return store_error(inner),
        StoreError::Unavailable {
            store: StoreKind::Keyring,
            ..
        } => (
            Code::KeyringUnavailable,
            Some(
                "no OS keyring answers here; use `--store file` (with PAYPULSE_VAULT_KEY) or `--store aws`",
            ),
        ),
        StoreError::Locked(_) => (
            Code::KeyringLocked,
            Some("unlock your keyring (log in to the desktop session), or use `--store file`"),
        ),
        StoreError::Timeout {
            store: StoreKind::Keyring,
            ..
        } => (
            Code::StoreTimeout,
            Some(
                "the keyring (D-Bus Secret Service) hangs; use `--store file` (with PAYPULSE_VAULT_KEY) instead",
            ),
        ),
        StoreError::Timeout {
            store: StoreKind::Aws,
            ..
        } => (Code::RemoteStoreTimeout, None),
        StoreError::Timeout { .. } => (Code::StoreTimeout, None),
        StoreError::Unavailable { .. } => (Code::StoreUnavailable, None),
        StoreError::ReadOnly | StoreError::Unsupported { .. } => {
            (Code::Unsupported, Some("pick another store with `--store`"))
        }
        StoreError::MissingVaultKey | StoreError::EmptyVaultKey => (
            Code::VaultKeyMissing,
            Some(
                "export PAYPULSE_VAULT_KEY: 64 hex characters or base64 of 32 bytes (e.g. `openssl rand -hex 32`), or a passphrase",
            ),
        ),
        StoreError::Decrypt { .. } => (
            Code::VaultDecrypt,
            Some("use the PAYPULSE_VAULT_KEY the bundle was written with"),
        ),
        StoreError::CorruptVaultFile { .. } | StoreError::CorruptBundle { .. } => (
            Code::CorruptBundle,
            Some(
                "replace it with `paypulse tokens import`, or reconnect with `paypulse connect-gmail`",
            ),
        ),
        StoreError::Io { .. } => (Code::Io, None),
        StoreError::TooLarge { .. } => {
            (Code::TooLarge, Some("use `--store file` or `--store aws`"))
        }
        StoreError::ReadBackMismatch { .. } => (Code::ReadBack, None),
        StoreError::Contended { .. } => (
            Code::StoreContended,
            Some("other writers kept changing the bundle; try again"),
        ),
        StoreError::AccountUnknown { .. } => (
            Code::AccountUnknown,
            Some(
                "import a bundle with `google_user_id` (or with a refresh token), or delete the stored one first with `paypulse tokens revoke --local-only`",
            ),
        ),
        StoreError::Aws(_) => (Code::Aws, None),
        StoreError::Throttled(_) => (
            Code::AwsThrottled,
            Some(
                "AWS Secrets Manager is rate-limiting this account; try again later, or lower --concurrency",
            ),
        ),
        StoreError::AwsConfig(_) => (Code::AwsConfig, None),
    };
    let err = CliError::caused(code, e);
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

impl From<OAuthError> for CliError {
    fn from(e: OAuthError) -> CliError {
        let err = |code| CliError::caused(code, &e);
        match &e {
            OAuthError::InvalidGrant(_) => {
                err(Code::ReconnectRequired).with_hint(RECONNECT_HINT)
            }
            OAuthError::NoRefreshToken => err(Code::NoRefreshToken)
                .with_hint("revoke access at https://myaccount.google.com/permissions, then reconnect with `paypulse connect-gmail`"),
            OAuthError::MissingClientId => err(Code::NoClientId)
                .with_hint("connect with `paypulse connect-gmail --client-secret-file client_secret_....json` (a Desktop client's file from the Google Cloud console; see the README's \"Use it with your own Gmail\"): it remembers the client"),
            OAuthError::BadUrl { .. } => err(Code::BadUrl),
            OAuthError::Insecure(_) => err(Code::InsecureUrl),
            OAuthError::InvalidClient(_) => err(Code::InvalidClient)
                .with_hint("check PAYPULSE_GOOGLE_CLIENT_ID / PAYPULSE_GOOGLE_CLIENT_SECRET (or `[google]` in the config file): they must be the client the tokens were issued to"),
            OAuthError::Unreachable { .. } | OAuthError::Remote { .. } | OAuthError::BadResponse { .. } => {
                err(Code::Google)
            }
        }
    }
}

impl From<GrantError> for CliError {
    fn from(e: GrantError) -> CliError {
        match e {
            GrantError::NoBundle { .. } => CliError::caused(Code::NoTokens, &e)
                .with_hint("connect with `paypulse connect-gmail`, or store a bundle with `paypulse tokens import`"),
            GrantError::Reconnect { .. } | GrantError::Dead { .. } => {
                let hint = match e.testing_expiry_likely() {
                    Some(age) => testing_hint(age),
                    None => RECONNECT_HINT.to_owned(),
                };
                CliError::caused(Code::ReconnectRequired, &e).with_hint(hint)
            }
            GrantError::Store(e) => e.into(),
            GrantError::OAuth(e) => e.into(),
        }
    }
}

impl From<HealthError> for CliError {
    fn from(e: HealthError) -> CliError {
        match e {
            HealthError::NoBundle { .. } => CliError::caused(Code::NoTokens, &e)
                .with_hint("connect with `paypulse connect-gmail`, or store a bundle with `paypulse tokens import`"),
            HealthError::Store(e) => e.into(),
            HealthError::OAuth(e) => e.into(),
        }
    }
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> CliError {
        let code = match e {
            ApiError::InvalidCredentials => Code::InvalidCredentials,
            ApiError::BadUrl(_) => Code::BadUrl,
            ApiError::Insecure(_) => Code::InsecureUrl,
            _ => Code::PaypulseApi,
        };
        CliError::caused(code, &e)
    }
}

impl From<IdError> for CliError {
    fn from(e: IdError) -> CliError {
        CliError::caused(Code::Usage, &e)
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        let code = match e {
            ConfigError::OtherClient { .. } => Code::ClientMismatch,
            ConfigError::Write { .. } => Code::Io,
            _ => Code::Config,
        };
        CliError::caused(code, &e)
    }
}

impl From<CallbackError> for CliError {
    fn from(e: CallbackError) -> CliError {
        use CallbackError as E;
        let err = |code| CliError::caused(code, &e);
        match &e {
            E::Bind { .. } => {
                err(Code::Listen).with_hint("pick another port with --port, or leave it to the OS")
            }
            E::AccessDenied => err(Code::AccessDenied)
                .with_hint("run `paypulse connect-gmail` again and allow access"),
            E::Authorization(_) => err(Code::AuthorizationFailed),
            E::Timeout(_) => err(Code::Timeout)
                .with_hint("run it again; with a browser on another machine, use --paste"),
            E::BadPaste | E::PastedStateMismatch => err(Code::BadPaste).with_hint(
                "paste the whole URL from the browser's address bar after allowing access",
            ),
        }
    }
}

impl From<ConnectError> for CliError {
    fn from(e: ConnectError) -> CliError {
        use ConnectError as E;
        let message = e.to_string();
        match e {
            E::ScopeNotGranted { .. } => CliError::caused(Code::ScopeNotGranted, &e).with_hint(
                "run `paypulse connect-gmail` again and leave \"Read your email\" ticked on the consent screen",
            ),
            // As the OAuth error, with the whole message (which step failed).
            E::Identity(inner) => CliError {
                message,
                ..inner.into()
            },
            E::OAuth(inner) => inner.into(),
            E::Store(inner) => inner.into(),
        }
    }
}

impl From<ClientSecretError> for CliError {
    fn from(e: ClientSecretError) -> CliError {
        CliError::caused(Code::Usage, &e).with_hint(
            "pass the client_secret_*.json of a Desktop client, as the Google Cloud console downloads it",
        )
    }
}

impl From<UploadError> for CliError {
    fn from(e: UploadError) -> CliError {
        match e {
            UploadError::SessionExpired => CliError::caused(Code::SessionExpired, &e)
                .with_hint("the tokens are stored locally; log in again with `paypulse login`, then connect with --upload"),
            UploadError::Api(inner) => inner.into(),
        }
    }
}

impl From<HarvestError> for CliError {
    fn from(e: HarvestError) -> CliError {
        match e {
            HarvestError::List(g) | HarvestError::Auth(g) => g.into(),
            HarvestError::Busy(_) => CliError::caused(Code::Busy, &e)
                .with_hint("wait for the other run to finish, or fetch into another --out folder"),
            HarvestError::Unsafe { .. } => CliError::caused(Code::UnsafePath, &e)
                .with_hint("give --out a real folder (not a symbolic link)"),
            HarvestError::Io { .. } => CliError::caused(Code::Io, &e),
            HarvestError::NoManifest(_) => CliError::caused(Code::NoManifest, &e)
                .with_hint("fetch invoices into it first with `paypulse fetch-invoices --out DIR`"),
            HarvestError::NotAManifest(_) => CliError::caused(Code::NotAManifest, &e),
        }
    }
}

impl From<GmailError> for CliError {
    fn from(e: GmailError) -> CliError {
        let e = match e {
            GmailError::Grant(s) => return s.into(),
            e => e,
        };
        let err = |code| CliError::caused(code, &e);
        match &e {
            GmailError::Insecure(_) => err(Code::InsecureUrl),
            GmailError::Config(_) => err(Code::Usage),
            GmailError::AccountChanged { .. } => err(Code::AccountChanged).with_hint(
                "check which Google account is stored with `paypulse tokens show`, then run again",
            ),
            GmailError::Unauthorized => err(Code::Unauthorized).with_hint(RECONNECT_HINT),
            _ if e.is_missing_scope() => err(Code::InsufficientScope)
                .with_hint("reconnect with `paypulse connect-gmail` and allow reading your email"),
            _ => err(Code::Gmail),
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
        // A typed code may share its wire name with another (`store_timeout`).
        ours.dedup();
        listed.sort();
        assert_eq!(listed, ours, "README's error codes differ from error::Code");
    }

    #[test]
    fn a_store_timeout_is_one_code_and_exits_by_where_the_store_is() {
        let timeout = |store| StoreError::Timeout {
            store,
            op: "read",
            secs: 1,
        };
        let wire = |e: &CliError| serde_json::to_value(e.code).unwrap();
        let keyring = CliError::from(timeout(StoreKind::Keyring));
        let file = CliError::from(timeout(StoreKind::File));
        let aws = CliError::from(timeout(StoreKind::Aws));
        assert_eq!(wire(&keyring), "store_timeout");
        assert_eq!(wire(&aws), "store_timeout");
        assert_eq!((keyring.exit_code(), file.exit_code()), (1, 1));
        assert_eq!(aws.exit_code(), 4);
        // Shared by the users of a failed batch read: still the store's own error.
        let batch = CliError::from(StoreError::Batch(std::sync::Arc::new(timeout(
            StoreKind::Keyring,
        ))));
        assert_eq!(batch.exit_code(), 1);
        assert!(batch.message.contains("keyring"), "{}", batch.message);
        assert!(batch.hint.is_some());
    }

    #[test]
    fn the_source_chain_is_kept_where_the_message_does_not_say_it() {
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl std::fmt::Display for Outer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("cannot read the manifest")
            }
        }
        impl Error for Outer {
            fn source(&self) -> Option<&(dyn Error + 'static)> {
                Some(&self.0)
            }
        }
        let e = CliError::caused(Code::Io, &Outer(std::io::Error::other("disk on fire")));
        assert_eq!(e.message, "cannot read the manifest");
        assert_eq!(e.causes, ["disk on fire"]);
        // A message that already quotes its cause gets no "Caused by" line for it.
        let quoted = CliError::from(ConfigError::Read {
            path: "/x/config.toml".into(),
            error: std::io::Error::other("denied"),
        });
        assert!(quoted.causes.is_empty(), "{:?}", quoted.causes);
        assert!(quoted.message.contains("denied"));
    }
}
