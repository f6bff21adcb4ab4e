//! `paypulse tokens check`: one user's (`--user`) or every user's (`--all`) Gmail connection,
//! checked live at Google. Exit 0 when all work, 3 when some must reconnect, 1 when some could
//! not be read or checked.

use std::fmt;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paypulse_core::bundle::{format_timestamp, utc_now};
use paypulse_core::health::{
    CheckOptions, DEFAULT_CONCURRENCY, HealthChecker, HealthStatus, UserHealth, WalkEvent,
};
use paypulse_core::ids::{SecretName, UserId};
use serde::Serialize;

use crate::context::Context;
use crate::error::{CliError, Code, testing_hint};
use crate::output::relative;
use crate::table::{Column, Table};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check every user with a stored bundle (under --secret-prefix) instead of one user
    #[arg(long)]
    pub all: bool,

    /// Delete the bundles found revoked (the user must reconnect anyway); without it, nothing
    /// is ever deleted
    #[arg(long)]
    pub delete_revoked: bool,

    /// How many users are checked at once
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_CONCURRENCY as u16,
        value_parser = clap::value_parser!(u16).range(1..=512)
    )]
    pub concurrency: u16,
}

#[derive(Serialize)]
struct UserRow {
    user_id: UserId,
    secret_name: SecretName,
    google_email: Option<String>,
    status: HealthStatus,
    detail: Option<String>,
    expires_at: Option<String>,
    #[serde(skip)]
    expires: Option<chrono::NaiveDateTime>,
    /// Revoked within about a week of connecting: the grant's age.
    #[serde(skip)]
    testing_expiry_likely: Option<chrono::TimeDelta>,
}

#[derive(Serialize)]
struct CheckResult {
    checked: usize,
    counts: serde_json::Map<String, serde_json::Value>,
    users: Vec<UserRow>,
}

impl CheckResult {
    fn new(mut users: Vec<UserHealth>) -> CheckResult {
        // Problems first (the worst first), then by user.
        users.sort_by(|a, b| {
            (b.status.severity(), a.status, a.user_id.as_str()).cmp(&(
                a.status.severity(),
                b.status,
                b.user_id.as_str(),
            ))
        });
        let mut counts = serde_json::Map::new();
        for s in HealthStatus::ALL {
            let n = users.iter().filter(|u| u.status == s).count();
            counts.insert(s.as_str().into(), n.into());
        }
        CheckResult {
            checked: users.len(),
            counts,
            users: users
                .into_iter()
                .map(|u| UserRow {
                    user_id: u.user_id,
                    secret_name: u.secret_name,
                    google_email: u.google_email,
                    status: u.status,
                    detail: u.detail,
                    expires_at: u.expires_at.map(format_timestamp),
                    expires: u.expires_at,
                    testing_expiry_likely: u.testing_expiry_likely,
                })
                .collect(),
        }
    }

    fn worst(&self) -> u8 {
        self.users
            .iter()
            .map(|u| u.status.severity())
            .max()
            .unwrap_or(0)
    }

    fn count(&self, s: HealthStatus) -> usize {
        self.counts
            .get(s.as_str())
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize
    }
}

impl fmt::Display for CheckResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let now = utc_now();
        let mut table = Table::new([
            Column::left("USER"),
            Column::left("GOOGLE EMAIL"),
            Column::left("STATUS"),
            Column::left("EXPIRES"),
            Column::left("DETAIL"),
        ]);
        for u in &self.users {
            table.row([
                u.user_id.to_string(),
                u.google_email.clone().unwrap_or_else(|| "-".into()),
                u.status.to_string(),
                u.expires
                    .map(|t| relative(t - now))
                    .unwrap_or_else(|| "-".into()),
                u.detail.clone().unwrap_or_default(),
            ]);
        }
        write!(f, "{table}")?;
        let summary: Vec<String> = HealthStatus::ALL
            .iter()
            .filter(|s| self.count(**s) > 0)
            .map(|s| format!("{} {s}", self.count(*s)))
            .collect();
        write!(
            f,
            "\nChecked {} user{}: {}",
            self.checked,
            if self.checked == 1 { "" } else { "s" },
            if summary.is_empty() {
                "none stored".into()
            } else {
                summary.join(", ")
            }
        )
    }
}

/// A progress bar on a terminal, nothing elsewhere.
fn progress_bar(visible: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        None,
        if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} checked {bar:30} {pos}/{len} ({per_sec}) eta {eta} {msg}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar.set_message("listing");
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

pub async fn run(args: &CheckArgs, ctx: &Context) -> Result<(), CliError> {
    let store = ctx.store().await?;
    let opts = CheckOptions {
        delete_revoked: args.delete_revoked,
        concurrency: usize::from(args.concurrency),
        ..CheckOptions::default()
    };
    let checker = HealthChecker::new(store.clone(), ctx.oauth().clone(), ctx.http().clone(), opts);
    let users = if args.all {
        let prefix = ctx.secret_prefix()?;
        let bar = progress_bar(std::io::stderr().is_terminal() && !ctx.printer.quiet);
        let problems = AtomicU64::new(0);
        let events = |e: WalkEvent<'_>| match e {
            WalkEvent::Listed(n) => {
                bar.set_length(n as u64);
                bar.set_message("");
            }
            WalkEvent::Checked(h) => {
                bar.inc(1);
                if h.status.severity() > 0 {
                    let n = problems.fetch_add(1, Ordering::Relaxed) + 1;
                    bar.set_message(format!("{n} problems"));
                }
            }
        };
        let result = checker.check_all(&prefix, &events).await;
        bar.finish_and_clear();
        result?
    } else {
        let crate::views::Location {
            user_id: user,
            secret_name: name,
            ..
        } = ctx.location().await?;
        vec![checker.check_user(&user, &name).await?]
    };
    let result = CheckResult::new(users);
    ctx.printer.data(&result)?;
    let deleted = result
        .users
        .iter()
        .filter(|u| u.status == HealthStatus::Revoked && args.delete_revoked)
        .count();
    if deleted > 0 {
        ctx.printer.note(&format!(
            "deleted {deleted} revoked bundles (--delete-revoked)"
        ));
    }
    match result.worst() {
        0 => Ok(()),
        1 => {
            let n = result
                .users
                .iter()
                .filter(|u| u.status.severity() == 1)
                .count();
            let young = result
                .users
                .iter()
                .filter_map(|u| u.testing_expiry_likely)
                .max();
            let hint = match young {
                // One user (the usual newcomer's case): the likely cause, as `tokens refresh`
                // names it.
                Some(age) if result.checked == 1 => testing_hint(age),
                Some(_) => "each of them: `paypulse connect-gmail` (revoked, wrong_client, missing_scope, \
                     no_refresh_token); a grant revoked within a week of connecting most likely \
                     comes from a Google Cloud project in \"Testing\" publishing status, whose \
                     refresh tokens expire after 7 days: publish the app"
                    .to_owned(),
                None => "each of them: `paypulse connect-gmail` (revoked, wrong_client, missing_scope, no_refresh_token)".to_owned(),
            };
            Err(CliError::new(
                Code::CheckReconnectNeeded,
                format!(
                    "{n} of {} users must reconnect their Gmail account",
                    result.checked
                ),
            )
            .with_hint(hint))
        }
        _ => {
            let n = result
                .users
                .iter()
                .filter(|u| u.status.severity() == 2)
                .count();
            Err(CliError::new(Code::CheckFailed,
                format!("{n} of {} users could not be read or checked (corrupt, error)", result.checked),
            )
            .with_hint("see their detail; corrupt bundles are replaced with `paypulse tokens import` or a reconnect"))
        }
    }
}
