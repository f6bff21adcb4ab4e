use std::fmt;

use chrono::NaiveDateTime;
use clap::Args;
use paypulse_core::bundle::{parse_timestamp, utc_now};
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::output::{clean, relative};
use crate::views::{BundleView, Location};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Show the access and refresh tokens in full
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Serialize)]
pub struct ShowResult {
    #[serde(flatten)]
    pub location: Location,
    #[serde(flatten)]
    pub bundle: BundleView,
}

fn when(at: Option<&str>, now: NaiveDateTime) -> String {
    match at.and_then(parse_timestamp) {
        Some(t) => format!(
            "{} UTC ({})",
            t.format("%Y-%m-%d %H:%M:%S"),
            relative(t - now)
        ),
        None => "unknown".into(),
    }
}

impl fmt::Display for ShowResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.bundle;
        let l = &self.location;
        let now = utc_now();
        writeln!(f, "{} ({} store)", l.secret_name, l.store)?;
        let account = match (&b.google_email, &b.google_name) {
            (Some(e), Some(n)) => format!("{} ({})", clean(e), clean(n)),
            (Some(e), None) => clean(e),
            (None, _) => "unknown".into(),
        };
        let verified = match b.google_verified_email {
            Some(true) => "",
            Some(false) => ", email not verified",
            None => "",
        };
        let row = |f: &mut fmt::Formatter<'_>, k: &str, v: &str| writeln!(f, "  {k:<15} {v}");
        row(f, "User:", l.user_id.as_str())?;
        row(f, "Account:", &format!("{account}{verified}"))?;
        row(
            f,
            "Google user id:",
            &clean(b.google_user_id.as_deref().unwrap_or("unknown")),
        )?;
        row(f, "Status:", &b.status.to_string())?;
        row(f, "Expires:", &when(b.expires_at.as_deref(), now))?;
        row(f, "Scope:", &clean(b.scope.as_deref().unwrap_or("unknown")))?;
        row(f, "Access token:", &b.access_token)?;
        let refresh = match &b.refresh_token {
            Some(t) => t.clone(),
            None => "none (refreshes are impossible: reconnect to get one)".into(),
        };
        row(f, "Refresh token:", &refresh)?;
        row(f, "Created:", &when(b.created_at.as_deref(), now))
    }
}

pub async fn run(args: &ShowArgs, ctx: &Context) -> Result<(), CliError> {
    let location = ctx.location().await?;
    let service = ctx.tokens().await?;
    let bundle = service.load(&location.secret_name).await?;
    ctx.printer.data(&ShowResult {
        location,
        bundle: BundleView::new(&bundle, args.reveal),
    })
}
