//! Views that several commands print: where a bundle is, a bundle with its secrets masked, and
//! the account-switch warning.

use paypulse_core::ExposeSecret;
use paypulse_core::bundle::{TokenBundle, TokenStatus, format_timestamp, utc_now};
use paypulse_core::ids::{SecretName, UserId, mask};
use paypulse_core::store::StoreKind;
use serde::Serialize;

use crate::output::clean;

/// Where a bundle is: the user, the store and the secret name (shared by the results below).
#[derive(Debug, Serialize)]
pub struct Location {
    pub user_id: UserId,
    pub store: StoreKind,
    pub secret_name: SecretName,
}

/// A bundle as `tokens show` (and the other commands' `--json`) reports it: its fields with
/// the tokens masked unless revealed, plus status.
#[derive(Debug, Serialize)]
pub struct BundleView {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_at: Option<String>,
    pub expires_in: Option<i64>,
    pub scope: Option<String>,
    pub token_type: Option<String>,
    pub created_at: Option<String>,
    pub google_user_id: Option<String>,
    pub google_email: Option<String>,
    pub google_name: Option<String>,
    pub google_verified_email: Option<bool>,
    pub status: TokenStatus,
    pub has_refresh_token: bool,
}

impl BundleView {
    pub fn new(b: &TokenBundle, reveal: bool) -> BundleView {
        let show = |s: &str| if reveal { s.to_owned() } else { mask(s) };
        BundleView {
            access_token: show(b.access_token.expose_secret()),
            refresh_token: b.refresh_token.as_ref().map(|t| show(t.expose_secret())),
            expires_at: b.expires_at.map(format_timestamp),
            expires_in: b.expires_in,
            scope: b.scope.clone(),
            token_type: b.token_type.clone(),
            created_at: b.created_at.map(format_timestamp),
            google_user_id: b.google_user_id.clone(),
            google_email: b.google_email.clone(),
            google_name: b.google_name.clone(),
            google_verified_email: b.google_verified_email,
            status: b.status(utc_now()),
            has_refresh_token: b.refresh_token.is_some(),
        }
    }
}

/// The warning printed when a write replaced another Google account's tokens.
pub fn account_switch_warning(name: &SecretName, old: &str, new: Option<&str>) -> String {
    format!(
        "account switch: {name} held the tokens of {}; it now holds those of {}",
        clean(old),
        clean(new.unwrap_or("another account"))
    )
}
