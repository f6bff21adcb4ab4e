//! The one printer: data on stdout (human text from `Display`, or JSON from `Serialize`, of the
//! same value), everything else on stderr.

use std::fmt::Display;
use std::io::Write;

use serde::Serialize;

use crate::error::CliError;

const WARNING: anstyle::Style = anstyle::AnsiColor::Yellow.on_default();
const ERROR: anstyle::Style = anstyle::AnsiColor::Red.on_default();
const HINT: anstyle::Style = anstyle::AnsiColor::Cyan.on_default();

#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub json: bool,
    pub quiet: bool,
}

/// Whether stderr gets colours: `anstream` decides (a terminal, `NO_COLOR`, `CLICOLOR*`), the
/// same rule for the printer (whose `anstream::eprintln!` strips styles otherwise) and the log.
pub fn stderr_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

impl Printer {
    pub fn new(json: bool, quiet: bool) -> Printer {
        Printer { json, quiet }
    }

    /// Prints a command's result. A closed stdout (`| head`) is not an error.
    pub fn data<T: Display + Serialize>(&self, value: &T) -> Result<(), CliError> {
        let text = if self.json {
            serde_json::to_string_pretty(value).expect("results serialize")
        } else {
            value.to_string()
        };
        let mut out = std::io::stdout().lock();
        let r = writeln!(out, "{}", text.trim_end_matches('\n')).and_then(|()| out.flush());
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map_err(|e| CliError::io("cannot write to stdout", e)),
        }
    }

    /// A warning on stderr (shown even with `--json`, which only concerns stdout).
    pub fn warn(&self, message: &str) {
        anstream::eprintln!("{WARNING}warning{WARNING:#}: {}", clean_lines(message));
    }

    /// Instructions the user must act on (a URL to open, what to paste) on stderr: shown even
    /// with `--quiet`.
    pub fn instruct(&self, message: &str) {
        eprintln!("{message}");
    }

    /// Progress or confirmation for humans on stderr; silent with `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// An error on stderr: JSON under `--json`, else `error: ...`, a `Caused by:` line per
    /// cause, and the hint.
    pub fn error(&self, e: &CliError) {
        if self.json {
            let mut doc = serde_json::json!({"error": {
                "code": e.code,
                "message": clean_lines(&e.message),
                "hint": e.hint.as_deref().map(clean_lines),
                "exit_code": e.exit_code(),
            }});
            if !e.causes.is_empty() {
                doc["error"]["causes"] = e.causes.iter().map(|c| clean_lines(c)).collect();
            }
            eprintln!("{doc}");
            return;
        }
        anstream::eprintln!("{ERROR}error{ERROR:#}: {}", clean_lines(&e.message));
        // As jj prints them: one line per source, outermost first.
        for cause in &e.causes {
            anstream::eprintln!("Caused by: {}", clean_lines(cause));
        }
        if let Some(hint) = &e.hint {
            anstream::eprintln!("{HINT}hint{HINT:#}: {}", clean_lines(hint));
        }
    }
}

/// Untrusted text (names, addresses from Google or a bundle) made safe for a terminal: escape
/// sequences, control, bidi and zero-width characters are dropped.
pub fn clean(s: &str) -> String {
    paypulse_core::text::terminal_safe(s)
}

/// [`clean`] for multi-line text (error messages, which quote remote services and the
/// keyring): line breaks are kept, everything else `clean` drops is dropped.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// "in 58 minutes", "3 hours ago".
pub fn relative(delta: chrono::TimeDelta) -> String {
    let secs = delta.num_seconds();
    let abs = secs.unsigned_abs();
    let (n, unit) = match abs {
        0..60 => (abs, "second"),
        60..5_400 => (abs / 60, "minute"),
        5_400..172_800 => (abs / 3_600, "hour"),
        _ => (abs / 86_400, "day"),
    };
    if abs < 5 {
        return "just now".into();
    }
    let plural = if n == 1 { "" } else { "s" };
    if secs >= 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    #[test]
    fn relative_times() {
        assert_eq!(relative(TimeDelta::seconds(42)), "in 42 seconds");
        assert_eq!(relative(TimeDelta::seconds(-1)), "just now");
        assert_eq!(relative(TimeDelta::minutes(58)), "in 58 minutes");
        assert_eq!(relative(TimeDelta::minutes(-1)), "1 minute ago");
        assert_eq!(relative(TimeDelta::hours(5)), "in 5 hours");
        assert_eq!(relative(TimeDelta::days(-3)), "3 days ago");
    }

    #[test]
    fn clean_drops_escapes() {
        assert_eq!(clean("Al\u{1b}[2Jice\n"), "Alice");
        // Bidi overrides and zero-width characters: "exe.txt" must not show as "txt.exe".
        assert_eq!(
            clean("a\u{202E}txt.exe\u{200B}\u{2066}b\u{FEFF}"),
            "atxt.exeb"
        );
        assert_eq!(
            clean_lines("AWS said:\n\u{1b}]8;;http://x\u{7}link\u{202E}"),
            "AWS said:\nlink"
        );
    }
}
