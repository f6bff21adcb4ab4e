use std::fmt;

use clap::Args;
use paypulse_core::bundle::{TokenBundle, utc_now};
use paypulse_core::grant::RefreshOutcome;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::output::relative;
use crate::views::{BundleView, Location};

#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// Refresh even when the access token is still valid
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct RefreshResult {
    #[serde(flatten)]
    location: Location,
    /// A new access token was stored.
    refreshed: bool,
    /// Google sent a new refresh token, which replaced the old one.
    rotated_refresh_token: bool,
    /// The stored bundle changed meanwhile and was left as it is.
    superseded: bool,
    #[serde(flatten)]
    bundle: Option<BundleView>,
    #[serde(skip)]
    expires_at: Option<chrono::NaiveDateTime>,
}

impl fmt::Display for RefreshResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expiry = match self.expires_at {
            Some(t) => format!("expires {}", relative(t - utc_now())),
            None => "expiry unknown".into(),
        };
        let name = &self.location.secret_name;
        if self.superseded {
            write!(
                f,
                "{name} changed while refreshing (another connect?); kept the newer bundle"
            )
        } else if self.refreshed {
            write!(f, "Refreshed the access token of {name}; {expiry}")?;
            if self.rotated_refresh_token {
                write!(f, " (Google also issued a new refresh token; stored)")?;
            }
            Ok(())
        } else {
            write!(
                f,
                "The access token of {name} is still valid ({expiry}); not refreshed (use --force)"
            )
        }
    }
}

pub async fn run(args: &RefreshArgs, ctx: &Context) -> Result<(), CliError> {
    let location = ctx.location().await?;
    let service = ctx.tokens().await?;
    let outcome = service.refresh(&location.secret_name, args.force).await?;
    let view = |b: &TokenBundle| (Some(BundleView::new(b, false)), b.expires_at);
    let (refreshed, rotated, superseded, (bundle, expires_at)) = match &outcome {
        RefreshOutcome::NotNeeded(b) => (false, false, false, view(b)),
        RefreshOutcome::Refreshed {
            bundle, rotated, ..
        } => (true, *rotated, false, view(bundle)),
        RefreshOutcome::Superseded(b) => {
            (false, false, true, b.as_ref().map_or((None, None), view))
        }
    };
    if superseded {
        ctx.printer
            .warn("the stored bundle changed while refreshing; it was not overwritten");
    }
    ctx.printer.data(&RefreshResult {
        location,
        refreshed,
        rotated_refresh_token: rotated,
        superseded,
        bundle,
        expires_at,
    })
}
