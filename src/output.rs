//! The one printer: data on stdout (human text from `Display`, or JSON from `Serialize`, of the
//! same value), everything else on stderr.

use std::fmt::Display;
use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::error::CliError;

#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub json: bool,
    pub quiet: bool,
    /// Colours on stderr (a terminal, and no `NO_COLOR`).
    pub color: bool,
}

impl Printer {
    pub fn new(json: bool, quiet: bool) -> Printer {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Printer {
            json,
            quiet,
            color: !no_color && std::io::stderr().is_terminal(),
        }
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
        let label = if self.color {
            "\x1b[33mwarning\x1b[0m"
        } else {
            "warning"
        };
        eprintln!("{label}: {}", clean_lines(message));
    }

    /// Progress or confirmation for humans on stderr; silent with `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// An error on stderr: JSON under `--json`, else `error: ...` and the hint.
    pub fn error(&self, e: &CliError) {
        if self.json {
            let doc = serde_json::json!({"error": {
                "code": e.code,
                "message": clean_lines(&e.message),
                "hint": e.hint.as_deref().map(clean_lines),
                "exit_code": e.exit_code(),
            }});
            eprintln!("{doc}");
            return;
        }
        let label = if self.color {
            "\x1b[31merror\x1b[0m"
        } else {
            "error"
        };
        eprintln!("{label}: {}", clean_lines(&e.message));
        if let Some(hint) = &e.hint {
            let hint = clean_lines(hint);
            let label = if self.color {
                "\x1b[36mhint\x1b[0m"
            } else {
                "hint"
            };
            eprintln!("{label}: {hint}");
        }
    }
}

/// Untrusted text (names, addresses from Google or a bundle) made safe for a terminal: control
/// characters (escape sequences included), bidirectional overrides and zero-width characters
/// are dropped.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !invisible(*c))
        .collect()
}

/// [`clean`] for multi-line text (error messages, which quote remote services and the
/// keyring): line breaks are kept, everything else `clean` drops is dropped.
pub fn clean_lines(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || (!c.is_control() && !invisible(*c)))
        .collect()
}

/// Bidirectional formatting (which can make text read differently from what it is) and
/// zero-width characters.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
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
        assert_eq!(clean("Al\u{1b}[2Jice\n"), "Al[2Jice");
        // Bidi overrides and zero-width characters: "exe.txt" must not show as "txt.exe".
        assert_eq!(
            clean("a\u{202E}txt.exe\u{200B}\u{2066}b\u{FEFF}"),
            "atxt.exeb"
        );
        assert_eq!(
            clean_lines("AWS said:\n\u{1b}]8;;http://x\u{7}link\u{202E}"),
            "AWS said:\n]8;;http://xlink"
        );
    }
}
