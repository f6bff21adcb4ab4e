//! `paypulse tokens list`: the users with a stored bundle, each with its stored status; only the
//! store is asked (no call to Google).

use std::fmt;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use paypulse_core::bundle::utc_now;
use paypulse_core::health::CheckOptions;
use paypulse_core::ids::{SecretName, UserId};
use paypulse_core::store::StoreKind;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::table::{Column, Table};

/// Store calls made at once while reading the bundles.
const READ_CONCURRENCY: usize = 8;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Keep only the users whose stored bundle has this status (repeatable)
    #[arg(long = "status", value_enum, value_name = "STATUS")]
    pub status: Vec<ListStatus>,
}

/// A bundle's status from its stored expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListStatus {
    /// The access token is valid beyond the 5-minute refresh window
    Valid,
    /// The access token expires within 5 minutes
    Expiring,
    /// The access token has expired
    Expired,
    /// No expiry is recorded
    Unknown,
    /// The bundle cannot be read
    Corrupt,
}

impl fmt::Display for ListStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = serde_json::to_value(self).expect("serializes");
        f.write_str(s.as_str().unwrap_or("?"))
    }
}

#[derive(Serialize)]
struct Entry {
    user_id: UserId,
    secret_name: SecretName,
    google_email: Option<String>,
    status: ListStatus,
    has_refresh_token: bool,
    last_changed: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct ListResult {
    store: StoreKind,
    users: Vec<Entry>,
}

impl fmt::Display for ListResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut table = Table::new([
            Column::left("USER"),
            Column::left("GOOGLE EMAIL"),
            Column::left("STATUS"),
            Column::left("REFRESH TOKEN"),
            Column::left("LAST CHANGED"),
        ]);
        for e in &self.users {
            table.row([
                e.user_id.to_string(),
                e.google_email.clone().unwrap_or_else(|| "-".into()),
                e.status.to_string(),
                if e.has_refresh_token { "yes" } else { "no" }.into(),
                e.last_changed
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                    .unwrap_or_else(|| "-".into()),
            ]);
        }
        write!(f, "{table}")
    }
}

pub async fn run(args: &ListArgs, ctx: &Context) -> Result<(), CliError> {
    let prefix = ctx.secret_prefix()?;
    let store = ctx.store().await?;
    let read = store
        .read_all(&prefix, READ_CONCURRENCY, CheckOptions::default().retry)
        .await?;
    let now = utc_now();
    let mut users = Vec::with_capacity(read.len());
    for (listed, loaded) in read {
        let (status, google_email, has_refresh_token) = match loaded {
            Ok(Some(b)) => {
                let status = match b.status(now) {
                    paypulse_core::bundle::TokenStatus::Valid => ListStatus::Valid,
                    paypulse_core::bundle::TokenStatus::Expiring => ListStatus::Expiring,
                    paypulse_core::bundle::TokenStatus::Expired => ListStatus::Expired,
                    paypulse_core::bundle::TokenStatus::Unknown => ListStatus::Unknown,
                };
                (status, b.google_email, b.refresh_token.is_some())
            }
            Ok(None) => continue,
            Err(e) if e.is_corrupt() => (ListStatus::Corrupt, None, false),
            Err(e) => return Err(e.into()),
        };
        if !args.status.is_empty() && !args.status.contains(&status) {
            continue;
        }
        users.push(Entry {
            user_id: listed.user_id,
            secret_name: listed.secret_name,
            google_email,
            status,
            has_refresh_token,
            last_changed: listed.last_changed,
        });
    }
    if users.is_empty() {
        ctx.printer
            .note(&format!("no token bundles in the {} store", store.kind()));
    }
    ctx.printer.data(&ListResult {
        store: store.kind(),
        users,
    })
}
