//! `paypulse tokens ...`: the token bundle of one user, for support staff and power users.

pub mod check;
pub mod import;
pub mod list;
pub mod refresh;
pub mod revoke;
pub mod show;

use clap::Subcommand;
use paypulse_core::ExposeSecret;
use paypulse_core::bundle::{TokenBundle, TokenStatus, format_timestamp, utc_now};
use paypulse_core::ids::{SecretName, UserId, mask};
use paypulse_core::store::StoreKind;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Show the stored bundle: account, scope, expiry, status (secrets masked)
    Show(show::ShowArgs),
    /// Refresh the access token when it expires within 5 minutes (or always with --force)
    Refresh(refresh::RefreshArgs),
    /// Revoke the grant at Google, then delete the stored bundle
    Revoke(revoke::RevokeArgs),
    /// List the users that have a stored bundle, with their stored status (no call to Google)
    List(list::ListArgs),
    /// Check users' Gmail connections live at Google: refresh what expires, report what is
    /// revoked, issued to another client or missing the Gmail scope
    Check(check::CheckArgs),
    /// Store a bundle read from stdin (JSON), after validating it
    Import(import::ImportArgs),
}

pub async fn run(cmd: TokensCommand, ctx: &Context) -> Result<(), CliError> {
    match cmd {
        TokensCommand::Show(a) => show::run(&a, ctx).await,
        TokensCommand::Refresh(a) => refresh::run(&a, ctx).await,
        TokensCommand::Revoke(a) => revoke::run(&a, ctx).await,
        TokensCommand::List(a) => list::run(&a, ctx).await,
        TokensCommand::Check(a) => check::run(&a, ctx).await,
        TokensCommand::Import(a) => import::run(&a, ctx).await,
    }
}

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

/// The location of the selected user's bundle in the selected store.
pub async fn locate(ctx: &Context) -> Result<Location, CliError> {
    let store = ctx.store_kind()?;
    let (user_id, secret_name) = ctx.target().await?;
    Ok(Location {
        user_id,
        store,
        secret_name,
    })
}
