//! A subset of Gmail's search language, parsed by a small recursive-descent parser.
//!
//! Supported: bare words and `"quoted phrases"` (subject, body text, sender, recipients and
//! attachment names; whole words, case-insensitive, Unicode-aware), `from:` `to:` `cc:` `bcc:`
//! `subject:` (a word, a `"phrase"`, or a group `(a b)` / `{a b}`), `filename:` (an extension
//! such as `pdf` or a name), `has:attachment`, `label:`, `in:` (`inbox`, `spam`, `trash`,
//! `chats`, `sent`, `drafts`, `anywhere`…), `is:` (`unread`, `read`, `starred`, `important`),
//! `category:`, `after:` / `before:` (epoch seconds, or a date `YYYY/MM/DD`, read in
//! America/Los_Angeles as Gmail does), `newer_than:` / `older_than:` (`3d`, `2m`, `1y`),
//! `larger:` / `smaller:` / `size:` (`10M`, `500K`, bytes), `rfc822msgid:`, negation `-term`,
//! `OR`, `AND`, implicit AND, `{a b c}` (any of), parentheses. An unknown `name:value` is read as
//! plain words, as Gmail roughly does.

use super::mailbox::{Mailbox, StoredMessage, contains_phrase, tokenize};
use super::time::{pacific_midnight, valid_date};

/// Operators the lexer recognises (anything else followed by `:` is a plain word).
const OPERATORS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "filename",
    "has",
    "label",
    "in",
    "is",
    "category",
    "after",
    "before",
    "newer",
    "older",
    "newer_than",
    "older_than",
    "larger",
    "smaller",
    "size",
    "rfc822msgid",
    "deliveredto",
    "list",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    LBrace,
    RBrace,
    Minus,
    Or,
    And,
    Quoted(String),
    Word(String),
    Op(String),
}

fn lex(q: &str) -> Vec<Tok> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut term_start = true;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => {
                i += 1;
                term_start = true;
                continue;
            }
            '(' => out.push(Tok::LParen),
            ')' => out.push(Tok::RParen),
            '{' => out.push(Tok::LBrace),
            '}' => out.push(Tok::RBrace),
            '"' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '"' {
                    end += 1;
                }
                out.push(Tok::Quoted(chars[start..end].iter().collect()));
                i = end + 1;
                term_start = false;
                continue;
            }
            '-' if term_start
                && chars
                    .get(i + 1)
                    .is_some_and(|n| !n.is_whitespace() && *n != ')' && *n != '}') =>
            {
                out.push(Tok::Minus);
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')' | '{' | '}' | '"')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                push_word(&mut out, word);
                // An operator directly followed by a group or a quote belongs to it.
                term_start = out.last().is_some_and(|t| matches!(t, Tok::Op(_)));
                continue;
            }
        }
        // Brackets and `-` start a new term.
        term_start = true;
        i += 1;
    }
    out
}

fn push_word(out: &mut Vec<Tok>, word: String) {
    if word == "OR" || word == "|" {
        out.push(Tok::Or);
        return;
    }
    if word == "AND" {
        out.push(Tok::And);
        return;
    }
    if let Some((name, rest)) = word.split_once(':') {
        let lname = name.to_ascii_lowercase();
        if OPERATORS.contains(&lname.as_str()) {
            out.push(Tok::Op(lname));
            if !rest.is_empty() {
                out.push(Tok::Word(rest.to_owned()));
            }
            return;
        }
    }
    let word = word.strip_prefix('+').unwrap_or(&word).to_owned();
    if !word.is_empty() {
        out.push(Tok::Word(word));
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    All,
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

/// Text fields a word can be searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Any,
    From,
    To,
    Cc,
    Bcc,
    Subject,
    Filename,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    Text {
        field: Field,
        /// The value as written, lower-cased.
        raw: String,
        tokens: Vec<String>,
    },
    /// A label id or name (`label:`, `in:`, `is:`, `category:`).
    Label(String),
    NotLabel(String),
    Anywhere,
    HasAttachment,
    HasUserLabels,
    /// `internalDate >= ms`.
    AfterMs(i64),
    /// `internalDate < ms`.
    BeforeMs(i64),
    Larger(u64),
    Smaller(u64),
    MsgId(String),
    Nothing,
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    now_ms: i64,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// Implicit AND of OR-expressions up to `end` (or the end of input).
    fn sequence(&mut self, ctx: Option<&str>, end: Option<&Tok>) -> Expr {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(t) if Some(t) == end => break,
                Some(Tok::And | Tok::Or) => {
                    self.pos += 1;
                }
                Some(Tok::RParen | Tok::RBrace) if end.is_none() => {
                    // A stray closing bracket: ignored.
                    self.pos += 1;
                }
                Some(Tok::RParen | Tok::RBrace) => break,
                Some(_) => items.push(self.or_expr(ctx, end)),
            }
        }
        match items.len() {
            0 => Expr::All,
            1 => items.remove(0),
            _ => Expr::And(items),
        }
    }

    fn or_expr(&mut self, ctx: Option<&str>, end: Option<&Tok>) -> Expr {
        let mut alts = vec![self.unary(ctx)];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            match self.peek() {
                None => break,
                Some(t) if Some(t) == end => break,
                Some(Tok::RParen | Tok::RBrace) => break,
                _ => alts.push(self.unary(ctx)),
            }
        }
        if alts.len() == 1 {
            alts.remove(0)
        } else {
            Expr::Or(alts)
        }
    }

    fn unary(&mut self, ctx: Option<&str>) -> Expr {
        if self.peek() == Some(&Tok::Minus) {
            self.pos += 1;
            return Expr::Not(Box::new(self.unary(ctx)));
        }
        self.primary(ctx)
    }

    fn primary(&mut self, ctx: Option<&str>) -> Expr {
        match self.next() {
            Some(Tok::LParen) => {
                let e = self.sequence(ctx, Some(&Tok::RParen));
                if self.peek() == Some(&Tok::RParen) {
                    self.pos += 1;
                }
                e
            }
            Some(Tok::LBrace) => {
                let mut alts = Vec::new();
                loop {
                    match self.peek() {
                        None => break,
                        Some(Tok::RBrace) => {
                            self.pos += 1;
                            break;
                        }
                        Some(Tok::Or | Tok::And) => self.pos += 1,
                        Some(Tok::RParen) => break,
                        Some(_) => alts.push(self.unary(ctx)),
                    }
                }
                match alts.len() {
                    0 => Expr::All,
                    1 => alts.remove(0),
                    _ => Expr::Or(alts),
                }
            }
            Some(Tok::Op(op)) => match self.peek() {
                Some(Tok::LParen | Tok::LBrace) => self.primary(Some(&op)),
                Some(Tok::Word(_) | Tok::Quoted(_)) => match self.next() {
                    Some(Tok::Word(w)) => self.term(Some(&op), &w),
                    Some(Tok::Quoted(w)) => self.term(Some(&op), &w),
                    _ => Expr::All,
                },
                // `subject:` with nothing after it: the operator's name as a word.
                _ => self.term(ctx, &op),
            },
            Some(Tok::Quoted(w)) => self.term(ctx, &w),
            Some(Tok::Word(w)) => self.term(ctx, &w),
            _ => Expr::All,
        }
    }

    fn term(&self, op: Option<&str>, value: &str) -> Expr {
        let text = |field: Field| {
            Expr::Term(Term::Text {
                field,
                raw: value.to_lowercase(),
                tokens: tokenize(value),
            })
        };
        let lower = value.to_lowercase();
        let term = match op {
            None => return text(Field::Any),
            Some("from") => return text(Field::From),
            Some("to" | "deliveredto") => return text(Field::To),
            Some("cc") => return text(Field::Cc),
            Some("bcc") => return text(Field::Bcc),
            Some("subject") => return text(Field::Subject),
            Some("filename") => return text(Field::Filename),
            Some("list") => return text(Field::Any),
            Some("label") => Term::Label(lower),
            Some("category") => Term::Label(format!("category_{lower}")),
            Some("in") => match lower.as_str() {
                "anywhere" => Term::Anywhere,
                "chats" | "chat" => Term::Label("chat".into()),
                "drafts" | "draft" => Term::Label("draft".into()),
                "sent" => Term::Label("sent".into()),
                other => Term::Label(other.to_owned()),
            },
            Some("is") => match lower.as_str() {
                "read" => Term::NotLabel("unread".into()),
                "chat" => Term::Label("chat".into()),
                other => Term::Label(other.to_owned()),
            },
            Some("has") => match lower.as_str() {
                "attachment" => Term::HasAttachment,
                "userlabels" => Term::HasUserLabels,
                "nouserlabels" => return Expr::Not(Box::new(Expr::Term(Term::HasUserLabels))),
                _ => Term::Nothing,
            },
            Some("after" | "newer") => parse_when(&lower).map_or(Term::Nothing, Term::AfterMs),
            Some("before" | "older") => parse_when(&lower).map_or(Term::Nothing, Term::BeforeMs),
            Some("newer_than") => {
                parse_age(&lower).map_or(Term::Nothing, |age| Term::AfterMs(self.now_ms - age))
            }
            Some("older_than") => {
                parse_age(&lower).map_or(Term::Nothing, |age| Term::BeforeMs(self.now_ms - age))
            }
            Some("larger" | "size") => parse_size(&lower).map_or(Term::Nothing, Term::Larger),
            Some("smaller") => parse_size(&lower).map_or(Term::Nothing, Term::Smaller),
            Some("rfc822msgid") => Term::MsgId(
                lower
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned(),
            ),
            Some(_) => return text(Field::Any),
        };
        Expr::Term(term)
    }
}

/// `after:`/`before:` values: epoch seconds, or a date (`YYYY/MM/DD`, `YYYY-MM-DD`,
/// `MM/DD/YYYY`) at midnight America/Los_Angeles. Milliseconds.
fn parse_when(v: &str) -> Option<i64> {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<i64>().ok().map(|s| s.saturating_mul(1000));
    }
    let nums: Vec<&str> = v.split(['/', '-', '.']).collect();
    let [a, b, c] = nums.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else {
        (c.parse().ok()?, a.parse().ok()?, b.parse().ok()?)
    };
    valid_date(y, m, d).then(|| pacific_midnight(y, m, d) * 1000)
}

/// `newer_than:`/`older_than:` values: `Nd`, `Nm` (months), `Ny`. Milliseconds.
fn parse_age(v: &str) -> Option<i64> {
    let unit = v.chars().last()?;
    let n: i64 = v[..v.len() - unit.len_utf8()].parse().ok()?;
    let day = 86_400_000;
    match unit {
        'd' => Some(n * day),
        'm' => Some(n * 30 * day),
        'y' => Some(n * 365 * day),
        _ => None,
    }
}

/// `larger:`/`smaller:` values: bytes, or with a `K`/`M`/`G` suffix (`KB`, `MB` too).
fn parse_size(v: &str) -> Option<u64> {
    let v = v.trim_end_matches('b');
    let (num, mult) = match v.chars().last()? {
        'k' => (&v[..v.len() - 1], 1024),
        'm' => (&v[..v.len() - 1], 1024 * 1024),
        'g' => (&v[..v.len() - 1], 1024 * 1024 * 1024),
        _ => (v, 1),
    };
    num.parse::<u64>().ok().map(|n| n * mult)
}

/// Parses a query. `now_ms` anchors `newer_than:`/`older_than:`.
pub(crate) fn parse(q: &str, now_ms: i64) -> Expr {
    let mut parser = Parser {
        toks: lex(q),
        pos: 0,
        now_ms,
    };
    parser.sequence(None, None)
}

/// Whether the query itself asks for spam or trash (then they are not excluded by default).
pub(crate) fn mentions_spam_or_trash(e: &Expr) -> bool {
    match e {
        Expr::And(v) | Expr::Or(v) => v.iter().any(mentions_spam_or_trash),
        Expr::Not(inner) => mentions_spam_or_trash(inner),
        Expr::Term(Term::Anywhere) => true,
        Expr::Term(Term::Label(l)) => l == "spam" || l == "trash",
        _ => false,
    }
}

/// What evaluation needs besides the message.
pub(crate) struct Context<'a> {
    pub mailbox: &'a Mailbox,
    pub owner_email: &'a str,
}

fn has_label(ctx: &Context<'_>, m: &StoredMessage, name: &str) -> bool {
    match ctx.mailbox.label_id(name) {
        Some(id) => m.label_ids.contains(&id),
        None => false,
    }
}

fn text_matches(
    ctx: &Context<'_>,
    m: &StoredMessage,
    field: Field,
    raw: &str,
    tokens: &[String],
) -> bool {
    let d = &m.search;
    let owner;
    let tokens = if raw == "me" && matches!(field, Field::From | Field::To | Field::Cc | Field::Bcc)
    {
        owner = tokenize(ctx.owner_email);
        &owner[..]
    } else {
        tokens
    };
    let in_filenames = || {
        d.filenames.iter().any(|f| {
            let ext = f.rsplit_once('.').map(|(_, e)| e);
            f == raw
                || ext == Some(raw.trim_start_matches('.'))
                || contains_phrase(&tokenize(f), tokens)
        })
    };
    match field {
        Field::Any => {
            [&d.subject, &d.from, &d.to, &d.cc, &d.body]
                .iter()
                .any(|h| contains_phrase(h, tokens))
                || d.filenames
                    .iter()
                    .any(|f| contains_phrase(&tokenize(f), tokens))
        }
        Field::From => contains_phrase(&d.from, tokens),
        Field::To => {
            contains_phrase(&d.to, tokens)
                || contains_phrase(&d.cc, tokens)
                || contains_phrase(&d.bcc, tokens)
        }
        Field::Cc => contains_phrase(&d.cc, tokens),
        Field::Bcc => contains_phrase(&d.bcc, tokens),
        Field::Subject => contains_phrase(&d.subject, tokens),
        Field::Filename => in_filenames(),
    }
}

/// Whether a message matches.
pub(crate) fn matches(e: &Expr, ctx: &Context<'_>, m: &StoredMessage) -> bool {
    match e {
        Expr::All => true,
        Expr::And(v) => v.iter().all(|e| matches(e, ctx, m)),
        Expr::Or(v) => v.iter().any(|e| matches(e, ctx, m)),
        Expr::Not(inner) => !matches(inner, ctx, m),
        Expr::Term(t) => match t {
            Term::Text { field, raw, tokens } => text_matches(ctx, m, *field, raw, tokens),
            Term::Label(l) => has_label(ctx, m, l),
            Term::NotLabel(l) => !has_label(ctx, m, l),
            Term::Anywhere => true,
            Term::HasAttachment => m.search.has_attachment,
            Term::HasUserLabels => m.label_ids.iter().any(|l| l.starts_with("Label_")),
            Term::AfterMs(ms) => m.internal_date_ms >= *ms,
            Term::BeforeMs(ms) => m.internal_date_ms < *ms,
            Term::Larger(n) => m.raw.len() as u64 > *n,
            Term::Smaller(n) => (m.raw.len() as u64) < *n,
            Term::MsgId(id) => m.search.rfc822msgid == *id,
            Term::Nothing => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(field: Field, v: &str) -> Expr {
        Expr::Term(Term::Text {
            field,
            raw: v.to_lowercase(),
            tokens: tokenize(v),
        })
    }

    #[test]
    fn parses_the_default_invoice_query() {
        let q = crate::GMAIL_INVOICE_QUERY;
        let e = parse(q, 0);
        let Expr::And(items) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(items.len(), 4, "{e:?}");
        let Expr::Or(alts) = &items[0] else {
            panic!("{e:?}")
        };
        assert_eq!(alts.len(), 26);
        assert_eq!(alts[5], text(Field::Subject, "orderbekräftelse"));
        assert_eq!(alts[9], text(Field::Any, "order confirmation"));
        // An order in the subject, the shipping notice left out.
        let Expr::And(group) = &alts[19] else {
            panic!("{:?}", alts[19])
        };
        assert_eq!(group[0], text(Field::Subject, "beställning"));
        assert!(matches!(group[1], Expr::Not(_)));
        assert_eq!(alts[24], text(Field::Filename, "pdf"));
        assert_eq!(alts[25], text(Field::Filename, "xml"));
        assert_eq!(
            items[1],
            Expr::Not(Box::new(Expr::Term(Term::Label("chat".into()))))
        );
        assert!(mentions_spam_or_trash(&e));
    }

    #[test]
    fn operators_groups_and_negation() {
        assert_eq!(
            parse("subject:(a b) -from:x OR to:y", 0),
            Expr::And(vec![
                Expr::And(vec![text(Field::Subject, "a"), text(Field::Subject, "b")]),
                Expr::Or(vec![
                    Expr::Not(Box::new(text(Field::From, "x"))),
                    text(Field::To, "y")
                ]),
            ])
        );
        assert_eq!(parse("foo:bar", 0), text(Field::Any, "foo:bar"));
        assert_eq!(parse("2025-12", 0), text(Field::Any, "2025-12"));
        assert_eq!(
            parse("after:1700000000 before:2026/01/01", 0),
            Expr::And(vec![
                Expr::Term(Term::AfterMs(1_700_000_000_000)),
                Expr::Term(Term::BeforeMs(pacific_midnight(2026, 1, 1) * 1000)),
            ])
        );
        assert_eq!(
            parse("larger:5M", 0),
            Expr::Term(Term::Larger(5 * 1024 * 1024))
        );
        assert_eq!(parse("", 0), Expr::All);
        assert_eq!(parse("((a)", 0), text(Field::Any, "a"));
    }
}
