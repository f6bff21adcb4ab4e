//! `paypulse tokens ...`: the token bundle of one user, for support staff and power users.

pub mod access_token;
pub mod check;
pub mod import;
pub mod list;
pub mod refresh;
pub mod revoke;
pub mod show;

use clap::Subcommand;

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
    /// Print a fresh access token and nothing else, for scripts: refreshed first when it expires
    /// within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)
    AccessToken(access_token::AccessTokenArgs),
}

pub async fn run(cmd: TokensCommand, ctx: &Context) -> Result<(), CliError> {
    match cmd {
        TokensCommand::Show(a) => show::run(&a, ctx).await,
        TokensCommand::Refresh(a) => refresh::run(&a, ctx).await,
        TokensCommand::Revoke(a) => revoke::run(&a, ctx).await,
        TokensCommand::List(a) => list::run(&a, ctx).await,
        TokensCommand::Check(a) => check::run(&a, ctx).await,
        TokensCommand::Import(a) => import::run(&a, ctx).await,
        TokensCommand::AccessToken(a) => access_token::run(&a, ctx).await,
    }
}
