//! `paypulse invoices`: the folder's invoices and their fields, from its manifest (no network,
//! no tokens); `--reparse` reads the fields again from the files on disk.

use std::fmt;
use std::path::PathBuf;

use clap::Args;
use paypulse_core::harvest::{self, ManifestEntry};
use paypulse_core::invoice::InvoiceFields;
use serde::Serialize;

use crate::context::Context;
use crate::error::{CliError, Code, Kind};
use crate::output::clean;

#[derive(Debug, Args)]
pub struct InvoicesArgs {
    /// The folder `fetch-invoices` wrote to
    #[arg(long, value_name = "DIR", default_value = "invoices")]
    pub out: PathBuf,

    /// CSV with a header row (one row per invoice) instead of a table
    #[arg(long)]
    pub csv: bool,

    /// Read the fields again from the files on disk and rewrite the manifest (no network)
    #[arg(long)]
    pub reparse: bool,
}

pub async fn run(args: &InvoicesArgs, ctx: &Context) -> Result<(), CliError> {
    if args.csv && ctx.printer.json {
        return Err(CliError::usage("--csv and --json cannot be used together"));
    }
    if args.reparse {
        let report = harvest::reparse(&args.out, &ctx.field_reader()?).await?;
        for (path, reason) in &report.failed {
            ctx.printer
                .warn(&format!("{}: no fields: {}", clean(path), clean(reason)));
        }
        ctx.printer.note(&format!(
            "re-read {} documents, {} changed",
            report.parsed, report.changed
        ));
    }
    let entries = harvest::list(&args.out)?;
    let listing = Listing { entries };
    if args.csv {
        // CSV goes out as text whatever the terminal.
        let text = listing.to_csv()?;
        let printer = crate::output::Printer {
            json: false,
            ..ctx.printer
        };
        return printer.data(&Text(text));
    }
    ctx.printer.data(&listing)
}

/// Already-rendered text (the CSV).
#[derive(Serialize)]
#[serde(transparent)]
struct Text(String);

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The listing: `--json` is the array of manifest entries (each with its `invoice`).
#[derive(Serialize)]
#[serde(transparent)]
struct Listing {
    entries: Vec<ManifestEntry>,
}

const CSV_HEADER: [&str; 12] = [
    "issuer",
    "amount",
    "currency",
    "invoice_date",
    "due_date",
    "invoice_number",
    "reference",
    "period",
    "path",
    "from",
    "subject",
    "date",
];

impl Listing {
    fn to_csv(&self) -> Result<String, CliError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| {
            CliError::new(Kind::Failure, Code::Io, format!("cannot write CSV: {e}"))
        };
        w.write_record(CSV_HEADER).map_err(err)?;
        for e in &self.entries {
            let i = e.invoice.clone().unwrap_or_default();
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            w.write_record([
                opt(&i.issuer),
                i.amount.map(|a| format!("{a:.2}")).unwrap_or_default(),
                opt(&i.currency),
                opt(&i.invoice_date),
                opt(&i.due_date),
                opt(&i.invoice_number),
                opt(&i.reference),
                opt(&i.period),
                e.path.clone(),
                opt(&e.from),
                opt(&e.subject),
                opt(&e.date),
            ])
            .map_err(err)?;
        }
        let bytes = w.into_inner().map_err(|e| {
            CliError::new(Kind::Failure, Code::Io, format!("cannot write CSV: {e}"))
        })?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
    }
}

/// A cell of the table: untrusted text without control characters, cut to `width` characters.
fn cell(s: &str, width: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= width {
        s
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn amount_text(i: &InvoiceFields) -> String {
    match (&i.amount, &i.currency) {
        (Some(a), Some(c)) => format!("{a:.2} {c}"),
        (Some(a), None) => format!("{a:.2}"),
        _ => String::new(),
    }
}

impl fmt::Display for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return writeln!(f, "no invoices");
        }
        let rows: Vec<[String; 5]> = self
            .entries
            .iter()
            .map(|e| {
                let i = e.invoice.clone().unwrap_or_default();
                [
                    i.due_date.clone().unwrap_or_else(|| "-".into()),
                    cell(&i.issuer.clone().unwrap_or_else(|| "-".into()), 32),
                    amount_text(&i),
                    cell(&i.reference.clone().unwrap_or_default(), 27),
                    cell(&e.path, 60),
                ]
            })
            .collect();
        let header = ["DUE", "ISSUER", "AMOUNT", "REFERENCE", "FILE"];
        let mut widths = header.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, r: [&str; 5]| {
            writeln!(
                f,
                "{:<w0$}  {:<w1$}  {:>w2$}  {:<w3$}  {}",
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
            )
        };
        line(f, header)?;
        for r in &rows {
            line(f, [&r[0], &r[1], &r[2], &r[3], &r[4]])?;
        }
        Ok(())
    }
}
