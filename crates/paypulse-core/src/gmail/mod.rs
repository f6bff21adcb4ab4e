//! Gmail: the wire types, the API client (quota budget, retries, 401 refresh) and the
//! streamed download of attachments.

pub mod client;
pub mod download;
pub mod pacer;
pub mod query;
pub mod types;

use std::time::Duration;

use crate::grant::GrantError;

pub use client::{
    ClientSettings, DEFAULT_MAX_IN_FLIGHT, DEFAULT_UNITS_PER_SECOND, GMAIL_API_URL, GmailClient,
    MAX_MIME_DEPTH, Method, RAW_FIELDS, RawMessage, RetryPolicy,
};
pub use download::{Downloaded, TEMP_PREFIX, decode_base64url, write_temp};
pub use pacer::MethodCosts;
pub use types::*;

#[derive(Debug, thiserror::Error)]
pub enum GmailError {
    #[error(transparent)]
    Grant(#[from] GrantError),
    #[error("Gmail refused the access token even after a refresh")]
    Unauthorized,
    #[error("Gmail answered HTTP {status}{}: {message}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
    Http {
        status: u16,
        reason: Option<String>,
        message: String,
        /// Seconds from `Retry-After`.
        retry_after: Option<u64>,
    },
    #[error("cannot reach Gmail: {0}")]
    Transport(String),
    #[error("Gmail's answer could not be decoded: {0}")]
    Decode(String),
    /// A message nested deeper than any mail program nests one: skipped, not retried.
    #[error("the message's MIME parts nest deeper than {0} levels: skipped")]
    TooDeep(usize),
    /// A message whose MIME could not be parsed in reasonable time: skipped, not retried.
    #[error("the message's MIME could not be parsed within {0} s: skipped")]
    Unparsable(u64),
    #[error("{0}")]
    Insecure(String),
    #[error(
        "the stored grant now reads another Google account ({found}) than the one this run started with ({expected}); stopped so that no other mailbox is fetched into this folder"
    )]
    AccountChanged { expected: String, found: String },
    #[error("{0}")]
    Config(String),
    #[error("{what}: {error}")]
    Io { what: String, error: std::io::Error },
}

impl GmailError {
    /// 429, 5xx, rate-limit 403s, connection errors and truncated bodies (a transport error)
    /// are retried; an answer of an unexpected shape is not (it would be the same again).
    pub fn is_retryable(&self) -> bool {
        match self {
            GmailError::Http { status, .. } => *status >= 500 || self.is_rate_limit(),
            GmailError::Transport(_) => true,
            _ => false,
        }
    }

    /// A 429 or a rate-limit 403: the pace must slow down.
    /// A 403 whose reason is Google's for a token granted without the scope the call needs
    /// (`insufficientPermissions`, `ACCESS_TOKEN_SCOPE_INSUFFICIENT`): a reconnect asking for
    /// it helps, a retry does not.
    pub fn is_missing_scope(&self) -> bool {
        matches!(
            self,
            GmailError::Http {
                status: 403,
                reason: Some(r),
                ..
            } if matches!(r.as_str(), "insufficientPermissions" | "ACCESS_TOKEN_SCOPE_INSUFFICIENT")
        )
    }

    pub fn is_rate_limit(&self) -> bool {
        match self {
            GmailError::Http { status, reason, .. } => {
                *status == 429
                    || (*status == 403
                        && matches!(
                            reason.as_deref(),
                            Some("rateLimitExceeded" | "userRateLimitExceeded")
                        ))
            }
            _ => false,
        }
    }

    /// The stored grant cannot be used any more: the user must reconnect.
    pub fn needs_reconnect(&self) -> bool {
        matches!(
            self,
            GmailError::Unauthorized
                | GmailError::AccountChanged { .. }
                | GmailError::Grant(GrantError::Reconnect { .. } | GrantError::NoBundle { .. })
        )
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            GmailError::Http {
                retry_after: Some(s),
                ..
            } => Some(Duration::from_secs((*s).min(120))),
            _ => None,
        }
    }
}
