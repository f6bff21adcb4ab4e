//! `paypulse invoices`: the folder's invoices and their fields, from its manifest (no network,
//! no tokens); `--reparse` reads the fields again from the files on disk.

use std::fmt;
use std::path::PathBuf;

use clap::Args;
use icalendar::{Calendar, Component, Event, EventLike, Property};
use paypulse_core::harvest::{self, ManifestEntry};
use paypulse_core::invoice::{DocumentType, InvoiceFields, Source, Syntax};
use serde::Serialize;

use crate::context::Context;
use crate::error::{CliError, Code};
use crate::output::clean;
use crate::table::{Column, Table};

#[derive(Debug, Args)]
pub struct InvoicesArgs {
    /// The folder `fetch-invoices` wrote to
    #[arg(long, value_name = "DIR", default_value = "invoices")]
    pub out: PathBuf,

    /// CSV with a header row (one row per invoice) instead of a table
    #[arg(long, conflicts_with = "ics")]
    pub csv: bool,

    /// An iCalendar file (RFC 5545) of due dates instead of a table: one all-day event per
    /// invoice with a due date, whose UID stays the same across runs
    #[arg(long)]
    pub ics: bool,

    /// Read the fields again from the files on disk and rewrite the manifest (no network)
    #[arg(long)]
    pub reparse: bool,
}

pub async fn run(args: &InvoicesArgs, ctx: &Context) -> Result<(), CliError> {
    if args.csv && ctx.printer.json {
        return Err(CliError::usage("--csv and --json cannot be used together"));
    }
    if args.ics && ctx.printer.json {
        return Err(CliError::usage("--ics and --json cannot be used together"));
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
    if args.csv || args.ics {
        // CSV and iCalendar go out as text whatever the terminal.
        let text = if args.ics {
            listing.to_ics()
        } else {
            listing.to_csv()?
        };
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

const CSV_HEADER: [&str; 17] = [
    "issuer",
    "amount",
    "currency",
    "invoice_date",
    "due_date",
    "invoice_number",
    "reference",
    "account",
    "period",
    "document_type",
    "source",
    "e_invoice",
    "mismatch",
    "path",
    "from",
    "subject",
    "date",
];

impl Listing {
    fn to_csv(&self) -> Result<String, CliError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| CliError::new(Code::Io, format!("cannot write CSV: {e}"));
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
                opt(&i.account),
                opt(&i.period),
                i.document_type
                    .map(doc_type_name)
                    .unwrap_or_default()
                    .into(),
                i.source.map(source_name).unwrap_or_default().into(),
                i.e_invoice
                    .as_ref()
                    .map(|x| syntax_name(x.syntax))
                    .unwrap_or_default()
                    .into(),
                i.mismatch.join(" "),
                e.path.clone(),
                opt(&e.from),
                opt(&e.subject),
                opt(&e.date),
            ])
            .map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| CliError::new(Code::Io, format!("cannot write CSV: {e}")))?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
    }
}

fn doc_type_name(d: DocumentType) -> &'static str {
    match d {
        DocumentType::Invoice => "invoice",
        DocumentType::CreditNote => "credit_note",
    }
}

fn source_name(s: Source) -> &'static str {
    match s {
        Source::EInvoice => "e-invoice",
        Source::Text => "text",
    }
}

fn syntax_name(s: Syntax) -> &'static str {
    match s {
        Syntax::Cii => "cii",
        Syntax::Ubl => "ubl",
        Syntax::Zugferd1 => "zugferd1",
    }
}

impl Listing {
    /// The due dates as an iCalendar file: an all-day event per invoice with a due date. The
    /// UID is the saved part's identity (message and part), so that it stays the same across
    /// runs and `--reparse`, and a calendar that imports the file again updates its events.
    fn to_ics(&self) -> String {
        let mut cal = Calendar::empty();
        cal.append_property(Property::new("VERSION", "2.0"));
        cal.append_property(Property::new("PRODID", "-//paypulse//invoices//EN"));
        cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
        cal.name("paypulse: invoices due");
        for e in &self.entries {
            let Some(i) = &e.invoice else { continue };
            let Some(due) = i
                .due_date
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            else {
                continue;
            };
            let issuer = i.issuer.clone().unwrap_or_else(|| "?".into());
            let mut summary = match i.document_type {
                Some(DocumentType::CreditNote) => format!("Credit note {issuer}"),
                _ => format!("Pay {issuer}"),
            };
            if let Some(a) = i.amount {
                summary.push_str(&format!(" {a:.2}"));
            }
            if let Some(c) = &i.currency {
                summary.push(' ');
                summary.push_str(c);
            }
            let mut description = Vec::new();
            if let Some(r) = &i.reference {
                description.push(format!("Reference: {r}"));
            }
            if let Some(a) = &i.account {
                description.push(format!("Account: {a}"));
            }
            if let Some(n) = &i.invoice_number {
                description.push(format!("Invoice: {n}"));
            }
            if !i.mismatch.is_empty() {
                description.push(format!(
                    "Warning: the PDF's visible text disagrees with its e-invoice on {}",
                    i.mismatch.join(", ")
                ));
            }
            description.push(format!("File: {}", e.path));
            // The mail's date (not the time of this run): the same file gives the same event.
            let stamp = e
                .date
                .as_deref()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                .map_or(chrono::DateTime::UNIX_EPOCH, |d| d.to_utc());
            let event = Event::new()
                .uid(&event_uid(&e.message_id, e.part_id.as_deref()))
                .timestamp(stamp)
                .summary(&clean(&summary))
                .description(
                    &description
                        .iter()
                        .map(|l| clean(l))
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
                .starts(due)
                .ends(due + chrono::Days::new(1))
                .done();
            cal.push(event);
        }
        cal.done().to_string()
    }
}

/// `{message}.{part}@paypulse`, from the identifiers' safe characters only.
fn event_uid(message_id: &str, part_id: Option<&str>) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .take(128)
            .collect()
    };
    let part = part_id.map_or_else(|| "raw".to_owned(), |p| format!("p{}", safe(p)));
    format!("{}.{part}@paypulse", safe(message_id))
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
        let mut table = Table::new([
            Column::left("DUE"),
            Column::left("ISSUER").max(32),
            Column::right("AMOUNT"),
            Column::left("REFERENCE").max(27),
            Column::left("PAY TO").max(34),
            Column::left("FILE").max(60),
        ]);
        for e in &self.entries {
            let i = e.invoice.clone().unwrap_or_default();
            table.row([
                i.due_date.clone().unwrap_or_else(|| "-".into()),
                i.issuer.clone().unwrap_or_else(|| "-".into()),
                amount_text(&i),
                i.reference.clone().unwrap_or_default(),
                i.account.clone().unwrap_or_default(),
                e.path.clone(),
            ]);
        }
        write!(f, "{table}")
    }
}
