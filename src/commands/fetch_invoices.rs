use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use paypulse_core::gmail::query::{self, QueryFilters};
use paypulse_core::gmail::{
    ClientSettings, DEFAULT_MAX_IN_FLIGHT, DEFAULT_UNITS_PER_SECOND, RetryPolicy,
};
use paypulse_core::harvest::plan::TypeFilter;
use paypulse_core::harvest::{self, HarvestEvent, HarvestOptions, HarvestSummary};

use crate::context::Context;
use crate::env_vars::EnvVars;
use crate::error::{CliError, Code};
use crate::output::clean;

#[derive(Debug, Args)]
pub struct FetchInvoicesArgs {
    /// A raw Gmail search query (replaces the built-in invoice query and the filters below)
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["from", "subject", "after", "before", "label"])]
    pub query: Option<String>,

    /// Only messages from this sender (address or name)
    #[arg(long, value_name = "SENDER")]
    pub from: Option<String>,

    /// Only messages whose subject contains this
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,

    /// Only messages from this day on (YYYY-MM-DD, local time)
    #[arg(long, value_name = "DATE")]
    pub after: Option<NaiveDate>,

    /// Only messages before this day (YYYY-MM-DD, local time)
    #[arg(long, value_name = "DATE")]
    pub before: Option<NaiveDate>,

    /// Only messages with this Gmail label
    #[arg(long, value_name = "NAME")]
    pub label: Option<String>,

    /// Print the search query and exit
    #[arg(long)]
    pub print_query: bool,

    /// At most this many messages
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,

    /// Attachment types to save, by extension or MIME type (comma-separated or repeated)
    #[arg(
        long,
        value_name = "EXT",
        default_value = "pdf,xml",
        value_delimiter = ','
    )]
    pub types: Vec<String>,

    /// Do not save the HTML (or text) body of messages without a matching attachment
    #[arg(long)]
    pub no_bodies: bool,

    /// Also save each message as .eml
    #[arg(long)]
    pub raw: bool,

    /// The output folder
    #[arg(long, value_name = "DIR", default_value = "invoices")]
    pub out: PathBuf,

    /// The most Gmail requests in flight (by default the number adapts to the observed latency
    /// and the quota budget, up to 128)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: Option<u16>,

    /// The per-user Gmail quota budget the client paces itself to, in units per second
    #[arg(long, value_name = "UNITS", default_value_t = DEFAULT_UNITS_PER_SECOND, env = EnvVars::PAYPULSE_GMAIL_QUOTA)]
    pub quota: u32,

    /// Attempts per Gmail request before a message counts as failed (retries back off
    /// exponentially with jitter, honouring Retry-After)
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u16).range(1..=20))]
    pub retries: u16,

    /// List what would be saved; write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Re-hash every saved file of an already complete message (by default its size and
    /// modification time are compared)
    #[arg(long)]
    pub verify: bool,
}

/// `--print-query`'s result.
#[derive(serde::Serialize)]
struct Query {
    query: String,
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.query)
    }
}

#[derive(serde::Serialize)]
struct Summary {
    #[serde(flatten)]
    summary: HarvestSummary,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dry_run: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        let out = clean(&s.out.display().to_string());
        if self.dry_run {
            for p in &s.planned {
                writeln!(f, "{}", clean(p))?;
            }
            return write!(
                f,
                "Would save {} files to {out} from {} matching messages ({} already there)",
                s.planned.len(),
                s.matched,
                s.skipped
            );
        }
        write!(
            f,
            "Saved {} files ({}) to {out} from {} matching messages; {} already there, {} failed; \
             {} with an amount, {} with a due date{}",
            s.saved,
            indicatif::HumanBytes(s.bytes),
            s.matched,
            s.skipped,
            s.failed,
            s.with_amount,
            s.with_due_date,
            if s.fields_unreadable > 0 {
                format!(", {} whose fields could not be read", s.fields_unreadable)
            } else {
                String::new()
            }
        )
    }
}

/// Progress on a terminal: messages and bytes.
struct Progress {
    messages: ProgressBar,
    bytes: ProgressBar,
}

impl Progress {
    fn new(visible: bool) -> Progress {
        let multi = MultiProgress::with_draw_target(if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let messages = multi.add(ProgressBar::new_spinner());
        messages.set_style(
            ProgressStyle::with_template("{spinner} messages {bar:30} {pos}/{len} eta {eta} {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        messages.set_message("searching");
        messages.enable_steady_tick(Duration::from_millis(120));
        let bytes = multi.add(ProgressBar::new_spinner());
        bytes.set_style(
            ProgressStyle::with_template("  bytes {bytes} ({bytes_per_sec}) {elapsed}")
                .expect("a valid template"),
        );
        Progress { messages, bytes }
    }

    fn event(&self, e: &HarvestEvent) {
        match e {
            HarvestEvent::Listing { matched } => self
                .messages
                .set_message(format!("searching: {matched} found")),
            HarvestEvent::Matched { matched } => {
                self.messages.set_length(*matched as u64);
                self.messages.set_message("");
            }
            HarvestEvent::Bytes(n) => self.bytes.inc(*n),
            HarvestEvent::MessageDone => self.messages.inc(1),
        }
    }

    fn finish(&self) {
        self.messages.finish_and_clear();
        self.bytes.finish_and_clear();
    }
}

pub async fn run(args: &FetchInvoicesArgs, ctx: &Context) -> Result<(), CliError> {
    let filters = QueryFilters {
        from: args.from.clone(),
        subject: args.subject.clone(),
        after: args.after,
        before: args.before,
        label: args.label.clone(),
    };
    let query = query::build(args.query.as_deref(), &filters);
    if args.print_query {
        return ctx.printer.data(&Query { query });
    }
    let location = ctx.location().await?;
    let max_in_flight = args.concurrency.map_or(DEFAULT_MAX_IN_FLIGHT, usize::from);
    let settings = ClientSettings {
        units_per_second: args.quota,
        max_in_flight,
        costs: ctx.settings.config.gmail.costs,
        retry: RetryPolicy {
            attempts: args.retries as usize,
            ..RetryPolicy::default()
        },
    };
    let client = ctx.gmail(&location.secret_name, settings).await?;
    let opts = HarvestOptions {
        query,
        max: args.max,
        types: TypeFilter::new(&args.types),
        bodies: !args.no_bodies,
        raw: args.raw,
        out: args.out.clone(),
        // Messages worked on at once; the client's window bounds the requests in flight.
        concurrency: max_in_flight.max(16) * 2,
        dry_run: args.dry_run,
        verify: args.verify,
        fields: ctx.field_reader()?,
    };
    let progress = Progress::new(std::io::stderr().is_terminal() && !ctx.printer.quiet);
    let events = |e: HarvestEvent| progress.event(&e);
    let result = harvest::harvest(&client, &opts, &events, &ctx.cancel).await;
    progress.finish();
    let summary = result?;
    let interrupted = summary.interrupted;
    let failed = summary.failed;
    tracing::debug!(
        rate_limited = client.rate_limited(),
        "Gmail answers that were rate limits"
    );
    if !ctx.printer.quiet {
        for d in &summary.unreadable {
            ctx.printer.warn(&format!(
                "{}: saved, but its invoice fields could not be read ({}); its `invoice` is null",
                clean(&d.path),
                clean(&d.reason)
            ));
        }
        for m in &summary.unreadable_messages {
            ctx.printer.warn(&format!(
                "message {} was skipped: {}; later runs skip it too (delete {}/.paypulse to try again)",
                clean(&m.message_id),
                clean(&m.reason),
                clean(&summary.out.display().to_string())
            ));
        }
        for f in &summary.failures {
            ctx.printer.warn(&format!(
                "message {} was not saved: {}",
                clean(&f.message_id),
                clean(&f.reason)
            ));
        }
    }
    ctx.printer.data(&Summary {
        summary,
        dry_run: args.dry_run,
    })?;
    if interrupted {
        return Err(CliError::interrupted());
    }
    if failed > 0 {
        return Err(CliError::new(
            Code::Partial,
            format!("{failed} messages failed; the rest were saved"),
        )
        .with_hint("run the same command again: what was saved is skipped"));
    }
    Ok(())
}
