//! Template-free field extraction from a document's text: labels in Swedish, English, German,
//! French and Dutch, each followed by its value on the same line or in the same column of the
//! next line. Precision first: a value that cannot be read without guessing stays `None`.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use rust_decimal::Decimal;

use super::einvoice::{GiroKind, giro};
use super::lang::{
    Field, INCLUSIVE, LABELS, LEGAL_FORMS, Lang, NOT_TO_PAY, PERIOD_FROM, PERIOD_TO, detect_lang,
};
use super::parse::{
    DateAt, SlashOrder, currencies_in, dates_in, iban_valid, luhn_valid, money_in, money_in_signed,
    month_of, months_in, rf_in, slash_order,
};
use super::{DocumentType, InvoiceFields, Source};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Byte positions of `needle` in `hay` on word boundaries.
fn word_finds(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before_ok = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = needle.ends_with(['#', '°'])
            || hay[e..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            out.push(s);
        }
        from = s + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

fn has_word(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| !word_finds(hay, w).is_empty())
}

#[derive(Debug, Clone, Copy)]
struct LabelAt {
    field: Field,
    start: usize,
    end: usize,
}

/// One line: its text, its lower-cased twin (same byte offsets), and its labels.
struct Line {
    text: String,
    lower: String,
    labels: Vec<LabelAt>,
}

/// Lower-cases without changing byte offsets (characters whose lower case has another
/// length are kept as they are).
fn lower_same_len(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

fn labels_of(lower: &str) -> Vec<LabelAt> {
    let mut found: Vec<LabelAt> = Vec::new();
    for (label, field) in LABELS {
        for s in word_finds(lower, label) {
            found.push(LabelAt {
                field: *field,
                start: s,
                end: s + label.len(),
            });
        }
    }
    // Longest first; drop labels inside a longer one.
    found.sort_by_key(|l| (std::cmp::Reverse(l.end - l.start), l.start));
    let mut kept: Vec<LabelAt> = Vec::new();
    for l in found {
        if !kept.iter().any(|k| l.start < k.end && k.start < l.end) {
            kept.push(l);
        }
    }
    kept.sort_by_key(|l| l.start);
    kept
}

/// Cells of a line: runs separated by a tab or by two spaces or more. (start, end) offsets.
fn cells(text: &str) -> Vec<(usize, usize)> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\t+|\s{2,}|\s\|\s").expect("cell regex"));
    let mut out = Vec::new();
    let mut start = 0;
    for m in SEP.find_iter(text) {
        if m.start() > start {
            out.push((start, m.start()));
        }
        start = m.end();
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Where a label's value may be: after it on its line (up to the next label), else the cell
/// of the next line in the same column, else the next line when it holds a single value.
struct Slot<'a> {
    text: &'a str,
    /// Offset of `text` in its line (for dates and money spans).
    line: usize,
}

fn slots<'a>(lines: &'a [Line], i: usize, k: usize) -> Vec<Slot<'a>> {
    let line = &lines[i];
    let label = line.labels[k];
    let end = line
        .labels
        .get(k + 1)
        .map_or(line.text.len(), |next| next.start);
    let mut out = vec![Slot {
        text: &line.text[label.end..end],
        line: i,
    }];
    // A bare "Amount" / "Total" / "Invoice" / "Date" above a value is a column header or a
    // heading: the line below is a line item, an address. Only precise labels look down.
    // Except in a row of field labels ("Invoice No.  Date  Payment due") that holds a precise
    // one: its values are in the row below, column by column.
    if matches!(label.field, Field::Amount(1 | 2))
        || (matches!(label.field, Field::Number(1) | Field::Issued(1)) && !is_field_row(line))
    {
        return out;
    }
    // The line below (skipping blank lines): the same column when the rows line up.
    if let Some(j) = (i + 1..lines.len().min(i + 3)).find(|&j| !lines[j].text.trim().is_empty()) {
        let below = &lines[j];
        let (here, there) = (cells(&line.text), cells(&below.text));
        let col = here
            .iter()
            .position(|&(s, e)| s <= label.start && label.start < e);
        if let Some(col) = col
            && here.len() == there.len()
            && here.len() > 1
            && below.labels.is_empty()
        {
            let (s, e) = there[col];
            out.push(Slot {
                text: &below.text[s..e],
                line: j,
            });
        } else if here.len() == 1 && below.labels.is_empty() && there.len() == 1 {
            out.push(Slot {
                text: &below.text,
                line: j,
            });
        }
    }
    out
}

/// A row of field labels: two cells or more, each cell a label alone (give or take a
/// punctuation mark), one of them precise (an invoice number, an invoice date, a due date).
fn is_field_row(line: &Line) -> bool {
    let cells = cells(&line.text);
    cells.len() > 1
        && cells.iter().all(|&(s, e)| {
            line.labels.iter().any(|l| {
                l.start >= s
                    && l.end <= e
                    && line.text[s..e]
                        .trim()
                        .trim_end_matches(['.', ':', '#'])
                        .len()
                        <= l.end - l.start
            })
        })
        && line
            .labels
            .iter()
            .any(|l| matches!(l.field, Field::Number(0) | Field::Issued(0) | Field::Due))
}

fn first_date(slot: &Slot, order: SlashOrder) -> Option<DateAt> {
    let d = dates_in(slot.text, order).into_iter().next()?;
    // The date comes first in the slot (only filler words before it).
    let before = slot.text[..d.start].trim_matches(|c: char| !c.is_alphanumeric());
    (before.split_whitespace().count() <= 2).then_some(d)
}

/// Blanks out dates (so `20.11.2026` is not read as money).
fn without_dates(text: &str, order: SlashOrder) -> String {
    let mut s = text.to_owned();
    for d in dates_in(text, order) {
        s.replace_range(d.start..d.end, &" ".repeat(d.end - d.start));
    }
    s
}

fn identifier(slot: &Slot) -> Option<String> {
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\s:#.\-]*(?:(?i:n[°ºo]\.?|nr\.?|no\.?|number|nummer)\s*)?[:#]?\s*(?P<id>[A-Za-z0-9][A-Za-z0-9\-/.]{2,40})")
            .expect("id regex")
    });
    let c = ID.captures(slot.text)?;
    let id = c["id"].trim_end_matches(['.', '-', '/']);
    (id.len() >= 3 && id.chars().any(|c| c.is_ascii_digit())).then(|| id.to_owned())
}

fn digits_run(slot: &Slot) -> Option<String> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[\s:#.\-]*(?:(?i:nr|nummer|number|no)\.?\s*)?[:#]?\s*(?P<n>\d[\d ]{0,30}\d)\b",
        )
        .expect("digits regex")
    });
    let c = RUN.captures(slot.text)?;
    Some(c["n"].chars().filter(char::is_ascii_digit).collect())
}

/// What the labels point at, before choosing.
#[derive(Default)]
struct Found {
    amounts: Vec<(u8, Decimal, Option<&'static str>, usize)>,
    due: Vec<NaiveDate>,
    issued: Vec<(u8, NaiveDate)>,
    numbers: Vec<(u8, String)>,
    ocr: Vec<String>,
    references: Vec<String>,
    /// Bankgiro / plusgiro digits (never a reference), and the accounts as written in the
    /// manifest.
    giro: Vec<String>,
    accounts: Vec<String>,
    periods: Vec<String>,
}

/// One value when all candidates agree, else `None`.
fn agreed<T: PartialEq + Clone>(v: &[T]) -> Option<T> {
    let first = v.first()?;
    v.iter().all(|x| x == first).then(|| first.clone())
}

/// Reads the fields of a document's text. `sender` is the mail's display name, the issuer
/// when the document names none.
pub fn fields_from_text(text: &str, sender: Option<&str>) -> InvoiceFields {
    let text = normalize(text);
    let lower_all = lower_same_len(&text);
    let lang = detect_lang(&lower_all);
    let order = slash_order(&text, lang);
    let lines: Vec<Line> = text
        .lines()
        .map(|l| {
            let lower = lower_same_len(l);
            Line {
                labels: labels_of(&lower),
                text: l.to_owned(),
                lower,
            }
        })
        .collect();

    let f = match order {
        SlashOrder::Unknown => {
            // `07/02/2015` and `07/09/2015`: the reading under which the due date follows
            // the invoice date by at most 90 days, when only one reading does.
            let plausible = |f: &Found| match (choose_ranked(&f.issued), agreed(&f.due)) {
                (Some(i), Some(d)) => (0..=90).contains(&(d - i).num_days()),
                _ => false,
            };
            let day_first = collect(&lines, lang, SlashOrder::DayFirst);
            let month_first = collect(&lines, lang, SlashOrder::MonthFirst);
            match (plausible(&day_first), plausible(&month_first)) {
                (true, false) => day_first,
                (false, true) => month_first,
                _ => collect(&lines, lang, order),
            }
        }
        _ => collect(&lines, lang, order),
    };

    let doc_currency = {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in currencies_in(&text, lang) {
            *counts.entry(c).or_default() += 1;
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        match v.as_slice() {
            [(c, _)] => Some(*c),
            [(c, n), (_, m), ..] if n > m => Some(*c),
            _ => None,
        }
    };

    let (amount, currency) = match choose_amount(&f.amounts, doc_currency) {
        (None, _) if f.amounts.is_empty() => short_notice_amount(&lines, lang, order),
        chosen => chosen,
    };
    let invoice_date = choose_ranked(&f.issued);
    let due_date = agreed(&f.due).filter(|d| invoice_date.is_none_or(|i| *d >= i));
    let reference = choose_reference(&f, &lines);
    let invoice_number = choose_ranked(&f.numbers);
    let period = agreed(&f.periods)
        .or_else(|| agreed(&periods_in_text(&lines, order)))
        .or_else(|| period_from_phrases(&lower_all));
    let issuer = issuer_of(&lines).or_else(|| sender.and_then(display_name));
    let account = choose_account(&f.accounts);

    let mut fields = InvoiceFields {
        issuer,
        amount,
        currency: amount.and(currency).map(str::to_owned),
        invoice_date: invoice_date.map(|d| d.format("%Y-%m-%d").to_string()),
        due_date: due_date.map(|d| d.format("%Y-%m-%d").to_string()),
        invoice_number,
        reference,
        account,
        period,
        ..Default::default()
    };
    let found_any = fields.amount.is_some()
        || fields.due_date.is_some()
        || fields.invoice_date.is_some()
        || fields.invoice_number.is_some()
        || fields.reference.is_some()
        || fields.account.is_some();
    if found_any {
        fields.source = Some(Source::Text);
        fields.document_type = Some(if is_credit_note(&lines) {
            DocumentType::CreditNote
        } else {
            DocumentType::Invoice
        });
    }
    fields
}

/// The amount of a short notice ("Din faktura för oktober: 399 kr.", "Hyra december: 7 312
/// kr"): one to five lines that speak of a bill, with no labelled amount, and a single sum of
/// money in a currency (every money token the same value, none on a VAT or discount line).
fn short_notice_amount(
    lines: &[Line],
    lang: Lang,
    order: SlashOrder,
) -> (Option<Decimal>, Option<&'static str>) {
    // Nouns of a bill, not verbs ("Pay only 99 kr!" is an advertisement).
    const BILL_WORDS: &[&str] = &[
        "faktura", "fakturan", "hyra", "hyran", "hyresavi", "avi", "avgift", "invoice", "bill",
        "rent", "rechnung", "miete", "facture", "loyer", "factuur", "huur",
    ];
    let text_lines: Vec<&Line> = lines.iter().filter(|l| !l.text.trim().is_empty()).collect();
    if text_lines.is_empty() || text_lines.len() > 5 {
        return (None, None);
    }
    if !text_lines.iter().any(|l| has_word(&l.lower, BILL_WORDS)) {
        return (None, None);
    }
    let mut found: Vec<(Decimal, &'static str)> = Vec::new();
    for l in &text_lines {
        let clean = without_dates(&l.text, order);
        for m in money_in(&clean, lang) {
            // A VAT, discount or subtotal line makes the notice no simple one.
            if has_word(&l.lower, NOT_TO_PAY) {
                return (None, None);
            }
            match m.currency {
                Some(c) => found.push((m.value, c)),
                None => return (None, None),
            }
        }
    }
    match found.as_slice() {
        [first, rest @ ..] if rest.iter().all(|x| x == first) => (Some(first.0), Some(first.1)),
        _ => (None, None),
    }
}

/// Where to pay, when the document says it one way: a bankgiro before a plusgiro before an
/// IBAN (a Swedish payer pays by giro; the IBAN is for payments from abroad).
fn choose_account(found: &[String]) -> Option<String> {
    for prefix in ["bankgiro:", "plusgiro:", ""] {
        let of_kind: Vec<String> = found
            .iter()
            .filter(|a| {
                if prefix.is_empty() {
                    !a.contains(':')
                } else {
                    a.starts_with(prefix)
                }
            })
            .cloned()
            .collect();
        if !of_kind.is_empty() {
            return agreed(&of_kind);
        }
    }
    None
}

/// A credit note names itself in a heading: a short line that starts with the word.
fn is_credit_note(lines: &[Line]) -> bool {
    const WORDS: &[&str] = &[
        "kreditfaktura",
        "kreditnota",
        "credit note",
        "credit memo",
        "creditnote",
        "gutschrift",
        "rechnungskorrektur",
        "avoir",
        "facture d'avoir",
        "creditnota",
        "creditfactuur",
    ];
    lines.iter().take(40).any(|l| {
        let t = l.lower.trim();
        t.split_whitespace().count() <= 6
            && WORDS.iter().any(|w| {
                t.strip_prefix(w)
                    .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
    })
}

/// What every label of the document points at, reading `a/b/yyyy` dates in `order`.
fn collect(lines: &[Line], lang: Lang, order: SlashOrder) -> Found {
    let mut f = Found::default();
    for line in lines {
        ocr_row(&mut f, &line.text);
    }
    for (i, line) in lines.iter().enumerate() {
        for (k, label) in line.labels.iter().enumerate() {
            for slot in slots(lines, i, k) {
                if take(&mut f, label.field, &slot, line, lang, order) {
                    break;
                }
            }
        }
    }
    f
}

/// The machine-readable row of a Swedish payment slip (inbetalningskort):
/// `# OCR # kronor öre check > account#41#`, `41` marking a bankgiro account. The OCR number
/// and the account count only when their Luhn digits hold.
fn ocr_row(f: &mut Found, text: &str) {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"#\s*(?P<ocr>\d{2,25})\s*#\s*\d+\s+\d{2}\s+\d\s*>\s*(?P<acc>\d{3,4}-?\d{4})#41#",
        )
        .expect("ocr row regex")
    });
    let Some(c) = ROW.captures(text) else {
        return;
    };
    if luhn_valid(&c["ocr"]) {
        f.ocr.push(c["ocr"].to_owned());
    }
    let acc: String = c["acc"].chars().filter(char::is_ascii_digit).collect();
    if let Some(a) = giro(GiroKind::Bank, &acc) {
        f.giro.push(acc);
        f.accounts.push(a);
    }
}

/// Applies one label to one slot; true when the slot held the label's value.
fn take(
    f: &mut Found,
    field: Field,
    slot: &Slot,
    line: &Line,
    lang: Lang,
    order: SlashOrder,
) -> bool {
    match field {
        Field::Amount(rank) => {
            if has_word(&line.lower, NOT_TO_PAY) && !has_word(&line.lower, INCLUSIVE) {
                return false;
            }
            let clean = without_dates(slot.text, order);
            let money = if rank == 0 {
                money_in_signed(&clean, lang)
            } else {
                money_in(&clean, lang)
            };
            let Some(m) = money.into_iter().next() else {
                return false;
            };
            // Only filler between the label and the amount.
            let gap = clean[..m.start].trim_matches(|c: char| !c.is_alphanumeric());
            if gap.split_whitespace().count() > 3 {
                return false;
            }
            f.amounts.push((rank, m.value, m.currency, slot.line));
            true
        }
        Field::Due => first_date(slot, order)
            .map(|d| f.due.push(d.date))
            .is_some(),
        Field::Issued(rank) => first_date(slot, order)
            .map(|d| f.issued.push((rank, d.date)))
            .is_some(),
        Field::Number(rank) => {
            let Some(id) = identifier(slot) else {
                return false;
            };
            if !dates_in(&id, order).is_empty() {
                return false;
            }
            f.numbers.push((rank, id));
            true
        }
        Field::Ocr => match digits_run(slot) {
            Some(n) if (2..=25).contains(&n.len()) && luhn_valid(&n) => {
                f.ocr.push(n);
                true
            }
            _ => false,
        },
        Field::Reference => {
            if let Some(rf) = rf_in(&slot.text.to_ascii_uppercase()) {
                f.references.push(rf);
                return true;
            }
            // Digits in groups of four (a Dutch betalingskenmerk, a long OCR number).
            static GROUPS: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^[\s:]*(?P<g>\d{4}(?: \d{4}){2,})\b").expect("groups regex")
            });
            if let Some(c) = GROUPS.captures(slot.text) {
                let n: String = c["g"].chars().filter(char::is_ascii_digit).collect();
                if lang != Lang::Sv || luhn_valid(&n) {
                    f.references.push(n);
                    return true;
                }
            }
            let Some(id) = identifier(slot) else {
                return false;
            };
            let digits_only = id.bytes().all(|b| b.is_ascii_digit());
            // A Swedish payment reference is an OCR number: digits whose check digit holds
            // ("Referens" alone is often a contact person or a case number).
            if (lang == Lang::Sv && !(digits_only && luhn_valid(&id))) || id.len() < 4 {
                return false;
            }
            if id.to_ascii_uppercase().starts_with("RF")
                && id[2..].bytes().take(2).all(|b| b.is_ascii_digit())
            {
                return false;
            }
            f.references.push(id);
            true
        }
        Field::Iban => {
            static IBAN: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^[\s:.]*(?:(?i:iban)[\s:.]*)?(?P<i>[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8})")
                    .expect("iban regex")
            });
            let Some(c) = IBAN.captures(slot.text) else {
                return false;
            };
            // The longest run of groups whose check digits hold (text may follow it).
            let groups: Vec<&str> = c["i"].split(' ').collect();
            for n in (1..=groups.len()).rev() {
                let cand = groups[..n].concat().to_ascii_uppercase();
                if iban_valid(&cand) {
                    f.accounts.push(cand);
                    return true;
                }
            }
            false
        }
        Field::Giro(kind) => {
            static GIRO: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^[\s:]*(?:nr\.?\s*)?(?P<n>\d{2,8}(?:[ -]\d{1,4}){0,3})\b")
                    .expect("giro regex")
            });
            let Some(c) = GIRO.captures(slot.text) else {
                return false;
            };
            let n: String = c["n"].chars().filter(char::is_ascii_digit).collect();
            if luhn_valid(&n) {
                if let Some(a) = giro(kind, &n) {
                    f.accounts.push(a);
                }
                f.giro.push(n);
                return true;
            }
            false
        }
        Field::Period => {
            let t = slot
                .text
                .trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            let dates = dates_in(t, order);
            if dates.len() == 1 && dates[0].start == 0 {
                // One day is not a period.
                return false;
            }
            if let [a, b, ..] = dates.as_slice()
                && is_period_from(&t[..a.start], true)
                && is_period_to(&t[a.end..b.start])
                && a.date <= b.date
            {
                f.periods.push(format!(
                    "{}/{}",
                    a.date.format("%Y-%m-%d"),
                    b.date.format("%Y-%m-%d")
                ));
                return true;
            }
            if let Some(m) = month_of(t) {
                f.periods.push(m);
                return true;
            }
            false
        }
    }
}

/// What stands before a period's first date: nothing (when `bare` is allowed) or one word
/// that opens a period ("du", "vom", "from").
fn is_period_from(before: &str, bare: bool) -> bool {
    let t = lower_same_len(before.trim());
    (bare && t.is_empty()) || PERIOD_FROM.contains(&t.as_str())
}

/// What stands between a period's two dates: a dash or a word for "to" ("au", "bis", "t/m").
fn is_period_to(between: &str) -> bool {
    let t = lower_same_len(between.trim());
    t.is_empty() || PERIOD_TO.contains(&t.as_str())
}

/// Periods written out in running text, wherever they stand ("Prestations du 01/06/2016 au
/// 30/06/2016", "Leistungen vom 1. Juni bis 30. Juni 2016"): two dates, the first opened by a
/// word for "from", the second after a word for "to".
fn periods_in_text(lines: &[Line], order: SlashOrder) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let dates = dates_in(&line.text, order);
        for w in dates.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let head = line.text[..a.start].trim_end();
            let word = head
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            if !word.is_empty()
                && is_period_from(word, false)
                && is_period_to(&line.text[a.end..b.start])
                && a.date <= b.date
            {
                let p = format!(
                    "{}/{}",
                    a.date.format("%Y-%m-%d"),
                    b.date.format("%Y-%m-%d")
                );
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

fn choose_amount(
    found: &[(u8, Decimal, Option<&'static str>, usize)],
    doc_currency: Option<&'static str>,
) -> (Option<Decimal>, Option<&'static str>) {
    let Some(best) = found.iter().map(|a| a.0).min() else {
        return (None, None);
    };
    let top: Vec<_> = found.iter().filter(|a| a.0 == best).collect();
    let values: Vec<Decimal> = top.iter().map(|a| a.1).collect();
    let value = match agreed(&values) {
        Some(v) => v,
        None => {
            // Disagreeing totals: the value repeated most often anywhere wins, else none.
            let mut counts: Vec<(Decimal, usize)> = Vec::new();
            for a in found {
                match counts.iter_mut().find(|(v, _)| *v == a.1) {
                    Some(c) => c.1 += 1,
                    None => counts.push((a.1, 1)),
                }
            }
            counts.retain(|(v, _)| values.contains(v));
            counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
            match counts.as_slice() {
                [(v, n), (_, m), ..] if n > m => *v,
                _ => return (None, None),
            }
        }
    };
    let currencies: Vec<&'static str> = top
        .iter()
        .filter(|a| a.1 == value)
        .filter_map(|a| a.2)
        .collect();
    let currency = match currencies.first() {
        Some(c) if currencies.iter().all(|x| x == c) => Some(*c),
        Some(_) => None,
        None => doc_currency,
    };
    (Some(value), currency)
}

fn choose_ranked<T: PartialEq + Clone>(found: &[(u8, T)]) -> Option<T> {
    let best = found.iter().map(|a| a.0).min()?;
    let top: Vec<T> = found
        .iter()
        .filter(|a| a.0 == best)
        .map(|a| a.1.clone())
        .collect();
    agreed(&top)
}

fn choose_reference(f: &Found, _lines: &[Line]) -> Option<String> {
    let ocr: Vec<String> = f
        .ocr
        .iter()
        .filter(|n| !f.giro.contains(n))
        .cloned()
        .collect();
    if let Some(o) = agreed(&ocr) {
        return Some(o);
    }
    if !ocr.is_empty() {
        return None;
    }
    let refs: Vec<String> = f
        .references
        .iter()
        .filter(|n| !f.giro.contains(n))
        .cloned()
        .collect();
    agreed(&refs)
}

/// Month named after the words of a rent notice or a bill ("hyresavi för januari 2027",
/// "Rechnung für Oktober 2026", "loyer de décembre 2026", "huurfactuur januari 2027").
fn period_from_phrases(lower: &str) -> Option<String> {
    const BEFORE: &[&str] = &[
        "för",
        "for",
        "für",
        "de",
        "du mois de",
        "van",
        "avser",
        "hyresavi",
        "huurfactuur",
        "huur",
        "hyra",
        "miete",
        "loyer",
    ];
    let mut found: Vec<String> = Vec::new();
    for (start, month) in months_in(lower) {
        let head = lower[..start].trim_end();
        let word_start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if BEFORE.contains(&&head[word_start..]) && !found.contains(&month) {
            found.push(month);
        }
    }
    agreed(&found)
}

/// The issuer: the letterhead's name, else the first company name (capitalised words ending
/// in a legal form) in the document's head that is not the bank named beside an account.
fn issuer_of(lines: &[Line]) -> Option<String> {
    letterhead(lines).or_else(|| company_name(lines))
}

/// A letterhead: the document's first line is a name alone (capitalised words, no digits, no
/// field label) and the next line an address (a number in it), and the document shows that
/// it is the sender's: the name comes again further down (a return-address line, a footer) or
/// the address line gives a way to reach the sender (phone, web, mail).
fn letterhead(lines: &[Line]) -> Option<String> {
    const CONTACT: &[&str] = &[
        "tel", "tel.", "telefon", "phone", "fax", "www", "web", "e-mail", "email", "mail",
    ];
    const JOINERS: &[&str] = &["&", "+", "und", "and", "och", "et", "en", "-"];
    let mut filled = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty());
    let (i, first) = filled.next()?;
    let (_, next) = filled.next()?;
    let cells_first = cells(&first.text);
    let name = clean_name(first.text.trim());
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_name = cells_first.len() == 1
        && first.labels.is_empty()
        && (1..=5).contains(&words.len())
        && !name.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            JOINERS.contains(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphanumeric() || "&-.'’".contains(c)))
        })
        && !JOINERS.contains(&words[0])
        && !JOINERS.contains(words.last()?);
    if !is_name || !next.text.chars().any(|c| c.is_ascii_digit()) || !next.labels.is_empty() {
        return None;
    }
    let again = lines[i + 1..].iter().any(|l| {
        cells(&l.text).iter().any(|&(s, e)| {
            let cell = l.text[s..e].trim();
            cell == name
                || cell
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(['·', ',', '|', '•', '-']))
        })
    });
    (again || has_word(&next.lower, CONTACT)).then_some(name)
}

/// The first company name (capitalised words ending in a legal form) in the document's head,
/// skipping the bank named beside an account ("Bankverbindung / Commerzbank AG / IBAN …").
fn company_name(lines: &[Line]) -> Option<String> {
    let by_account = |i: usize| {
        lines[i.saturating_sub(1)..lines.len().min(i + 2)]
            .iter()
            .any(|l| {
                l.labels
                    .iter()
                    .any(|x| matches!(x.field, Field::Iban | Field::Giro(_)))
            })
    };
    for (n, line) in lines.iter().enumerate().take(20) {
        if by_account(n) {
            continue;
        }
        for (s, e) in cells(&line.text) {
            let cell = &line.text[s..e];
            let words: Vec<&str> = cell.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                let w_clean = w.trim_end_matches([',', ';', ':']);
                if i == 0 || !LEGAL_FORMS.contains(&w_clean) {
                    continue;
                }
                let mut j = i;
                while j > 0 && i - j < 5 {
                    let prev = words[j - 1];
                    // "Fischer & Söhne OHG": a joiner between two capitalised words.
                    if prev == "&"
                        && j >= 2
                        && j < i
                        && words[j - 2].chars().next().is_some_and(char::is_uppercase)
                    {
                        j -= 1;
                        continue;
                    }
                    if prev
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        && prev
                            .chars()
                            .all(|c| c.is_alphanumeric() || "&-.'’".contains(c))
                    {
                        j -= 1;
                    } else {
                        break;
                    }
                }
                if j == i {
                    continue;
                }
                let mut name = words[j..i].join(" ");
                name.push(' ');
                name.push_str(w_clean);
                return Some(clean_name(&name));
            }
        }
    }
    None
}

/// A name from untrusted text: no escape sequences, control, bidi or zero-width characters.
fn clean_name(s: &str) -> String {
    let s: String = crate::text::single_line(s).chars().take(120).collect();
    s.trim().to_owned()
}

/// The display name of a `From` header (`"Name" <addr>` → `Name`); none for a bare address.
pub fn display_name(from: &str) -> Option<String> {
    let name = match from.find('<') {
        Some(i) => &from[..i],
        None if from.contains('@') => return None,
        None => from,
    };
    let name = clean_name(name.trim().trim_matches('"').trim());
    (!name.is_empty() && !name.contains('@')).then_some(name)
}

/// Spaces of every kind become plain spaces, except tabs (cell separators); carriage
/// returns go.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\r')
        .map(|c| match c {
            '\t' | '\n' => c,
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> InvoiceFields {
        fields_from_text(text, Some("Sender Name"))
    }

    #[test]
    fn to_pay_wins_over_subtotal_and_vat() {
        let f = fields("Delsumma 672,18 kr\nMoms 25 % 168,05 kr\nAtt betala 840,00 kr\n");
        assert_eq!(f.amount, Some("840.00".parse().unwrap()));
        assert_eq!(f.currency.as_deref(), Some("SEK"));
    }

    #[test]
    fn label_above_value_in_the_same_column() {
        let f = fields("Att betala    Förfallodatum    OCR\n7 312 kr    2026-12-31    9003117\n");
        assert_eq!(f.amount, Some("7312".parse().unwrap()));
        assert_eq!(f.due_date.as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn ocr_needs_its_check_digit() {
        let f = fields("OCR: 44712033560\n");
        assert_eq!(f.reference.as_deref(), Some("44712033560"));
        let f = fields("OCR: 44712033561\n");
        assert_eq!(f.reference, None);
    }

    #[test]
    fn a_sender_name_loses_its_escape_sequences() {
        assert_eq!(
            display_name("\"\u{1b}[2JWeird \u{202E}Shop\" <shop@example.com>").as_deref(),
            Some("Weird Shop")
        );
    }

    #[test]
    fn issuer_from_legal_form_else_sender() {
        let f = fields("Stenvik Fastigheter AB\nHyresavi\n");
        assert_eq!(f.issuer.as_deref(), Some("Stenvik Fastigheter AB"));
        let f = fields_from_text("nothing here", Some("\"Acme\" <a@b.example>"));
        assert_eq!(f.issuer.as_deref(), Some("Acme"));
        let f = fields_from_text("nothing here", Some("a@b.example"));
        assert_eq!(f.issuer, None);
    }

    #[test]
    fn slash_dates_settled_by_the_gap_between_dates() {
        let f = fields("Invoice date: 07/02/2015\nDue date: 07/09/2015\nAmount due: $1.00\n");
        assert_eq!(f.invoice_date.as_deref(), Some("2015-07-02"));
        assert_eq!(f.due_date.as_deref(), Some("2015-07-09"));
        // One date alone: the order stays unknown, the date unread.
        let f = fields("Invoice date: 07/02/2015\nAmount due: $1.00\n");
        assert_eq!(f.invoice_date, None);
    }

    #[test]
    fn a_row_of_field_labels_above_its_values() {
        let f =
            fields("Invoice No.    Date    Payment due\nA-1002    4 April 2026    18 April 2026\n");
        assert_eq!(f.invoice_date.as_deref(), Some("2026-04-04"));
        assert_eq!(f.invoice_number.as_deref(), Some("A-1002"));
        // A line-item table's header is no such row: its first item is not the invoice date.
        let f = fields("Date    Description    Amount\n2026-01-03    Widget    12,00 €\n");
        assert_eq!((f.invoice_date, f.amount), (None, None));
    }

    #[test]
    fn legal_forms_joiners_and_the_bank_beside_an_account() {
        let f = fields("Fischer & Söhne OHG\nRechnung\n");
        assert_eq!(f.issuer.as_deref(), Some("Fischer & Söhne OHG"));
        for name in [
            "Nordlicht UG",
            "Kanzlei Weber GbR",
            "Rossi Trasporti S.r.l.",
            "Lumo Oyj",
        ] {
            let f = fields(&format!("{name}\nInvoice\n"));
            assert_eq!(f.issuer.as_deref(), Some(name));
        }
        // The bank named beside the account is not the seller.
        let f =
            fields("Rechnung\nBankverbindung\nCommerzbank AG\nIBAN DE79 0000 0000 1234 5678 90\n");
        assert_eq!(f.issuer.as_deref(), Some("Sender Name"));
    }

    #[test]
    fn a_letterhead_without_a_legal_form() {
        let text = "Bauer Haustechnik\nAm Markt 5, 20457 Hamburg · Tel. 040 123456\nInvoice\n";
        assert_eq!(fields(text).issuer.as_deref(), Some("Bauer Haustechnik"));
        let text = "Hafenblick Catering\nKeizersgracht 100\nFactuur\nHafenblick Catering · Keizersgracht 100\n";
        assert_eq!(fields(text).issuer.as_deref(), Some("Hafenblick Catering"));
        // A name and an address alone may be the recipient's: not taken.
        let text = "Erika Musterfrau\nHauptstraße 1\nInvoice\n";
        assert_eq!(fields(text).issuer.as_deref(), Some("Sender Name"));
    }

    #[test]
    fn issue_date_labels_due_sentences_and_periods_from_to() {
        let f = fields(
            "Issued: 2016-03-02\nPayable by 16 Mar 2016.\nPlease quote INV-18383-US as the payment reference.\nAmount due: €1.00\n",
        );
        assert_eq!(f.invoice_date.as_deref(), Some("2016-03-02"));
        assert_eq!(f.due_date.as_deref(), Some("2016-03-16"));
        assert_eq!(f.reference.as_deref(), Some("INV-18383-US"));
        let f = fields("Facture\nPériode : du 01/06/2016 au 30/06/2016\nNet à payer 45,22 €\n");
        assert_eq!(f.period.as_deref(), Some("2016-06-01/2016-06-30"));
        let f = fields(
            "Facture\n1 Prestations du 01/06/2016 au 30/06/2016   38,00\nNet à payer 45,22 €\n",
        );
        assert_eq!(f.period.as_deref(), Some("2016-06-01/2016-06-30"));
        let f = fields("Factuur\nPeriode 13 april 2018 t/m 30 april 2018\nTe voldoen -67,00 €\n");
        assert_eq!(f.period.as_deref(), Some("2018-04-13/2018-04-30"));
        assert_eq!(f.amount, Some("-67.00".parse().unwrap()));
    }

    #[test]
    fn conflicting_totals_give_none() {
        let f = fields("Total 10,00 €\nTotal 20,00 €\n");
        assert_eq!(f.amount, None);
    }

    #[test]
    fn nothing_from_nothing() {
        let f = fields_from_text("Save up to 50% on everything. Total savings await!", None);
        assert_eq!(f, InvoiceFields::default());
    }
}

#[cfg(test)]
mod short_notices {
    use super::*;

    /// (text, amount, currency, due date, reference, account, period)
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        (
            "Wallenstam AB\nHyresavi\nOCR 44712033560\nAtt betala 9880 kr\nPeriod november 2026\n",
            Some("9880"),
            Some("SEK"),
            None,
            Some("44712033560"),
            None,
            Some("2026-11"),
        ),
        (
            "Din faktura för oktober: 399 kr. Förfallodag 2026-10-31.",
            Some("399"),
            Some("SEK"),
            Some("2026-10-31"),
            None,
            None,
            None,
        ),
        (
            "Hyra december: 7 312 kr. Betala senast 30 november till bankgiro 5050-1055, OCR 44712033560.",
            Some("7312"),
            Some("SEK"),
            None,
            Some("44712033560"),
            Some("bankgiro:5050-1055"),
            None,
        ),
        (
            "Summa att betala: 1 249,00 kr\nBG 5050-1055\nOCR 44712033560\nSista betalningsdag 2026-12-28",
            Some("1249.00"),
            Some("SEK"),
            Some("2026-12-28"),
            Some("44712033560"),
            Some("bankgiro:5050-1055"),
            None,
        ),
        (
            "Your bill for November is ready. Amount due: £42.50. Due date: 14 December 2026.",
            Some("42.50"),
            Some("GBP"),
            Some("2026-12-14"),
            None,
            None,
            None,
        ),
        (
            "Thanks for your order #A-55012. Total: $129.99",
            Some("129.99"),
            Some("USD"),
            None,
            None,
            None,
            None,
        ),
        (
            "Amount due $18.00 on Dec 1, 2026",
            Some("18.00"),
            Some("USD"),
            None,
            None,
            None,
            None,
        ),
        (
            "Zu zahlen: 54,90 € bis 15.12.2026\nIBAN: DE02 1203 0000 0000 2020 51",
            Some("54.90"),
            Some("EUR"),
            None,
            None,
            Some("DE02120300000000202051"),
            None,
        ),
        (
            "Montant à payer : 35,99 €. Date limite de paiement : 05/12/2026.",
            Some("35.99"),
            Some("EUR"),
            Some("2026-12-05"),
            None,
            None,
            None,
        ),
        (
            "Te betalen: € 61,20 vóór 12-12-2026. Betalingskenmerk 1234 5678 9012 3456.",
            Some("61.20"),
            Some("EUR"),
            None,
            Some("1234567890123456"),
            None,
            None,
        ),
        (
            "Kundnummer 884512\nOrdernummer 55012\nAtt betala 249 kr",
            Some("249"),
            Some("SEK"),
            None,
            None,
            None,
            None,
        ),
    ];

    #[test]
    fn short_notices_in_every_language() {
        let mut wrong = Vec::new();
        for (text, amount, currency, due, reference, account, period) in CASES {
            let f = fields_from_text(text, None);
            let got = (
                f.amount.map(|a| a.to_string()),
                f.currency.clone(),
                f.due_date.clone(),
                f.reference.clone(),
                f.account.clone(),
                f.period.clone(),
            );
            let want = (
                amount.map(str::to_owned),
                currency.map(str::to_owned),
                due.map(str::to_owned),
                reference.map(str::to_owned),
                account.map(str::to_owned),
                period.map(str::to_owned),
            );
            if got != want {
                wrong.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
