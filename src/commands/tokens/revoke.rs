use std::fmt;

use clap::Args;
use paypulse_core::oauth::Revoked;
use serde::Serialize;

use crate::context::Context;
use crate::error::{CliError, Code};
use crate::output::clean;
use crate::prompt;
use crate::views::Location;

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Delete the stored bundle without calling Google (the grant stays valid at Google)
    #[arg(long)]
    pub local_only: bool,

    /// Do not ask for confirmation (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Serialize)]
struct RevokeResult {
    #[serde(flatten)]
    location: Location,
    /// Whether Google was asked to revoke the grant.
    revoked_at_google: bool,
    /// Google did not know the token any more (already revoked or expired).
    already_invalid: bool,
    deleted: bool,
    /// The stored bundle was replaced by another grant while revoking; it was kept.
    kept_newer: bool,
}

impl fmt::Display for RevokeResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.location;
        let deleted = if self.deleted {
            format!("deleted {} from the {} store", l.secret_name, l.store)
        } else if self.kept_newer {
            format!(
                "{} was replaced by another grant meanwhile and was kept",
                l.secret_name
            )
        } else {
            format!("nothing was stored under {}", l.secret_name)
        };
        match (self.revoked_at_google, self.already_invalid) {
            (false, _) => write!(f, "Not revoked at Google (--local-only); {deleted}"),
            (true, false) => write!(f, "Revoked the grant at Google; {deleted}"),
            (true, true) => write!(
                f,
                "Google no longer knew the token (already revoked or expired); {deleted}"
            ),
        }
    }
}

pub async fn run(args: &RevokeArgs, ctx: &Context) -> Result<(), CliError> {
    let location = ctx.location().await?;
    if !args.yes && !prompt::stdin_is_terminal() {
        return Err(CliError::usage(
            "refusing to revoke without confirmation: stdin is not a terminal",
        )
        .with_hint("pass --yes"));
    }
    let service = ctx.tokens().await?;
    if !args.yes {
        let who = match service.load(&location.secret_name).await {
            Ok(b) => b
                .google_email
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "an unknown account".into()),
            Err(_) if args.local_only => "a bundle".into(),
            Err(e) => return Err(e.into()),
        };
        let what = if args.local_only {
            "Delete"
        } else {
            "Revoke at Google and delete"
        };
        let q = format!(
            "{what} the Gmail tokens of {who} ({}, {} store)?",
            location.secret_name, location.store
        );
        if !prompt::confirm(&q)? {
            return Err(CliError::new(
                Code::Cancelled,
                "cancelled; nothing was changed",
            ));
        }
    }
    let outcome = service
        .revoke(&location.secret_name, args.local_only)
        .await?;
    if outcome.remote == Some(Revoked::AlreadyInvalid) {
        ctx.printer
            .warn("Google did not know the token: it was already revoked or expired");
    }
    ctx.printer.data(&RevokeResult {
        location,
        revoked_at_google: outcome.remote.is_some(),
        already_invalid: outcome.remote == Some(Revoked::AlreadyInvalid),
        deleted: outcome.deleted,
        kept_newer: outcome.kept_newer,
    })
}
