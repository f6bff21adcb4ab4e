//! The Gmail search query of `fetch-invoices`: raw, built from filters, or the built-in one.

use chrono::{Local, NaiveDate, TimeZone};

include!("default_query.rs");

/// The filters `fetch-invoices` builds a query from.
#[derive(Debug, Clone, Default)]
pub struct QueryFilters {
    pub from: Option<String>,
    pub subject: Option<String>,
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
    pub label: Option<String>,
}

impl QueryFilters {
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.subject.is_none()
            && self.after.is_none()
            && self.before.is_none()
            && self.label.is_none()
    }
}

/// Quotes a value when Gmail would otherwise split it.
fn term(op: &str, value: &str) -> String {
    let v = value.replace('"', "");
    if v.chars().any(|c| c.is_whitespace() || "(){}".contains(c)) {
        format!("{op}:\"{v}\"")
    } else {
        format!("{op}:{v}")
    }
}

/// Local midnight of `date` as epoch seconds (Gmail reads `after:2025/01/01` in Pacific time;
/// epoch seconds mean what the user meant).
pub fn local_midnight(date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&midnight))
        .timestamp()
}

/// `raw` when given; else the filters (with chats, spam and trash excluded); else the default.
pub fn build(raw: Option<&str>, filters: &QueryFilters) -> String {
    if let Some(q) = raw {
        return q.to_owned();
    }
    if filters.is_empty() {
        return DEFAULT_QUERY.to_owned();
    }
    let mut parts = Vec::new();
    if let Some(f) = &filters.from {
        parts.push(term("from", f));
    }
    if let Some(s) = &filters.subject {
        parts.push(term("subject", s));
    }
    if let Some(d) = filters.after {
        parts.push(format!("after:{}", local_midnight(d)));
    }
    if let Some(d) = filters.before {
        parts.push(format!("before:{}", local_midnight(d)));
    }
    if let Some(l) = &filters.label {
        parts.push(term("label", l));
    }
    parts.push("-in:chats -in:spam -in:trash".into());
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_built_queries() {
        assert_eq!(build(None, &QueryFilters::default()), DEFAULT_QUERY);
        assert_eq!(
            build(
                Some("from:x"),
                &QueryFilters {
                    label: Some("a".into()),
                    ..Default::default()
                }
            ),
            "from:x"
        );
        let q = build(
            None,
            &QueryFilters {
                from: Some("Wallenstam AB".into()),
                subject: Some("hyresavi".into()),
                label: Some("Invoices".into()),
                ..Default::default()
            },
        );
        assert_eq!(
            q,
            "from:\"Wallenstam AB\" subject:hyresavi label:Invoices -in:chats -in:spam -in:trash"
        );
    }

    #[test]
    fn dates_are_local_midnight_epoch_seconds() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let q = build(
            None,
            &QueryFilters {
                after: Some(d),
                ..Default::default()
            },
        );
        let secs = local_midnight(d);
        assert!(q.starts_with(&format!("after:{secs} ")), "{q}");
        let back = Local.timestamp_opt(secs, 0).unwrap();
        assert_eq!(back.date_naive(), d);
        assert_eq!(back.format("%H:%M").to_string(), "00:00");
    }
}
