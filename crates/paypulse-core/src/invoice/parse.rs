//! Value parsers: amounts, currencies, dates, and the check digits of payment references.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use rust_decimal::Decimal;

use super::lang::Lang;

/// A money token found in a line: its value, its currency if written next to it, its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Money {
    pub value: Decimal,
    pub currency: Option<&'static str>,
    pub start: usize,
    pub end: usize,
}

const CUR_BEFORE: &str = r"(?P<pre>€|\$|£|\b(?:SEK|EUR|USD|GBP|NOK|DKK|CHF)\b)";
const CUR_AFTER: &str = r"(?P<post>€|\$|£|\bkr\b\.?|:-|\b(?:SEK|EUR|USD|GBP|NOK|DKK|CHF)\b)";
/// Grouped thousands (space, dot, comma, apostrophe) with optional decimals, or plain digits
/// with optional decimals.
const NUMBER: &str = r"(?P<num>\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<neg>-\s?)?{CUR_BEFORE}?\s?{NUMBER}(?P<tail>[\d%]|\s?%)?\s?{CUR_AFTER}?"
    ))
    .expect("money regex")
});

fn currency_code(token: &str, lang: Lang) -> Option<&'static str> {
    Some(match token.trim_end_matches('.') {
        "€" | "EUR" => "EUR",
        "$" | "USD" => "USD",
        "£" | "GBP" => "GBP",
        "SEK" | ":-" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "CHF" => "CHF",
        // "kr" is the krona of the language the document is written in.
        "kr" => match lang {
            Lang::Sv => "SEK",
            _ => return None,
        },
        _ => return None,
    })
}

/// Parses a number written with thousands groups and a decimal separator, in the forms
/// `1 234,50`, `1.234,50`, `1,234.50`, `9 845`, `29.99`. `None` when the reading is ambiguous
/// (`1.234` or `1,234` without a currency that settles it).
pub(crate) fn parse_number(num: &str, has_currency: bool) -> Option<Decimal> {
    let seps: Vec<(usize, char)> = num
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    let digits_after = |i: usize| num.len() - i - 1;
    let (int_part, frac): (String, String) = match seps.last() {
        None => (num.to_owned(), String::new()),
        Some(&(i, c)) => {
            let last_is_decimal = (c == ',' || c == '.') && digits_after(i) <= 2;
            let group_seps: &[(usize, char)] = if last_is_decimal {
                &seps[..seps.len() - 1]
            } else {
                &seps[..]
            };
            // All group separators the same, and different from the decimal one.
            if let Some(&(_, g)) = group_seps.first() {
                if group_seps.iter().any(|&(_, x)| x != g) {
                    return None;
                }
                if last_is_decimal && g == c {
                    return None;
                }
                // `1.234` / `1,234` alone: a thousands group or three decimals; only an
                // amount written next to a currency is read as thousands.
                if !last_is_decimal
                    && (g == '.' || g == ',')
                    && group_seps.len() == 1
                    && !has_currency
                {
                    return None;
                }
            }
            let int: String = num[..if last_is_decimal { i } else { num.len() }]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let frac = if last_is_decimal {
                num[i + 1..].to_owned()
            } else {
                String::new()
            };
            (int, frac)
        }
    };
    if int_part.is_empty() || int_part.len() > 12 {
        return None;
    }
    let text = if frac.is_empty() {
        int_part
    } else {
        format!("{int_part}.{frac}")
    };
    text.parse().ok()
}

/// Money tokens of a line (dates must be blanked out beforehand). Percentages and negative
/// values are left out; an integer without a currency is not money.
pub(crate) fn money_in(line: &str, lang: Lang) -> Vec<Money> {
    money_signed(line, lang, false)
}

/// Money tokens of a line, negative values included (`-67,00 €`): for the amount a "to pay"
/// label names, which is negative when more was paid than owed.
pub(crate) fn money_in_signed(line: &str, lang: Lang) -> Vec<Money> {
    money_signed(line, lang, true)
}

fn money_signed(line: &str, lang: Lang, negative: bool) -> Vec<Money> {
    let mut out = Vec::new();
    for c in MONEY.captures_iter(line) {
        if (c.name("neg").is_some() && !negative) || c.name("tail").is_some() {
            continue;
        }
        let num = c.name("num").expect("num group");
        // Not glued to letters or other digits (`5G`, `A123`).
        let lead = c.name("neg").map_or(num.start(), |n| n.start());
        let before = line[..lead].chars().next_back();
        let after = line[num.end()..].chars().next();
        if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '-' || ch == '/')
            || after.is_some_and(|ch| ch.is_alphanumeric() || ch == '/') && c.name("post").is_none()
        {
            continue;
        }
        let cur_tok = c.name("pre").or(c.name("post"));
        let currency = cur_tok.and_then(|m| currency_code(m.as_str(), lang));
        let has_decimals = num.as_str().len() > 3
            && matches!(num.as_str().as_bytes()[num.as_str().len() - 3], b',' | b'.');
        if cur_tok.is_none() && !has_decimals {
            continue;
        }
        let Some(mut value) = parse_number(num.as_str(), cur_tok.is_some()) else {
            continue;
        };
        if c.name("neg").is_some() {
            value = -value;
        }
        let m = c.get(0).expect("whole match");
        out.push(Money {
            value,
            currency,
            start: m.start(),
            end: m.end(),
        });
    }
    out
}

/// Currencies written anywhere in the text (symbols and codes), for documents whose total
/// has none next to it.
pub(crate) fn currencies_in(text: &str, lang: Lang) -> Vec<&'static str> {
    static CUR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"€|\$|£|\b(?:SEK|EUR|USD|GBP|NOK|DKK|CHF|kr)\b|\d:-").expect("currency regex")
    });
    CUR.find_iter(text)
        .filter_map(|m| {
            let t = m.as_str();
            currency_code(if t.ends_with(":-") { ":-" } else { t }, lang)
        })
        .collect()
}

/// A date found in a line, with its span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DateAt {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    Some(match n {
        "januari" | "january" | "januar" | "janvier" | "jänner" | "jan" => 1,
        "februari" | "february" | "februar" | "février" | "fevrier" | "feb" | "févr" | "fév" => {
            2
        }
        "mars" | "march" | "märz" | "maerz" | "maart" | "mar" | "mrt" => 3,
        "april" | "avril" | "apr" | "avr" => 4,
        "maj" | "may" | "mai" | "mei" => 5,
        "juni" | "june" | "juin" | "jun" => 6,
        "juli" | "july" | "juillet" | "jul" | "juil" => 7,
        "augusti" | "august" | "augustus" | "août" | "aout" | "aug" => 8,
        "september" | "septembre" | "sep" | "sept" => 9,
        "oktober" | "october" | "octobre" | "okt" | "oct" => 10,
        "november" | "novembre" | "nov" => 11,
        "december" | "dezember" | "décembre" | "decembre" | "dec" | "dez" | "déc" => 12,
        _ => return None,
    })
}

const MONTH: &str = r"(?P<mon>\p{L}{3,9}\.?)";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("iso regex"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?P<sep>[./-])(\d{1,2})[./-](\d{4})\b").expect("numeric regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<day>\d{{1,2}})(?:\.|er)?\s+{MONTH}\s+(?P<year>\d{{4}})\b"
    ))
    .expect("dmy regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    ))
    .expect("mdy regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b{MONTH}\s+(?P<year>\d{{4}})\b")).expect("month year regex")
});

/// How slash dates (`07/02/2015`) are read: settled by the language and by other dates of
/// the same document whose day is above 12.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SlashOrder {
    DayFirst,
    MonthFirst,
    Unknown,
}

/// Decides the order of `a/b/yyyy` dates from the document's own unambiguous ones.
pub(crate) fn slash_order(text: &str, lang: Lang) -> SlashOrder {
    if lang != Lang::En {
        return if lang == Lang::Unknown {
            SlashOrder::Unknown
        } else {
            SlashOrder::DayFirst
        };
    }
    let (mut day_first, mut month_first) = (false, false);
    for c in NUMERIC.captures_iter(text) {
        if &c["sep"] != "/" {
            continue;
        }
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[3].parse().unwrap_or(0);
        day_first |= a > 12;
        month_first |= b > 12;
    }
    match (day_first, month_first) {
        (true, false) => SlashOrder::DayFirst,
        (false, true) => SlashOrder::MonthFirst,
        _ => SlashOrder::Unknown,
    }
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d.parse().ok()?)
}

/// Dates of a line in every form invoices use, left to right, overlapping matches removed.
pub(crate) fn dates_in(line: &str, order: SlashOrder) -> Vec<DateAt> {
    let mut found: Vec<DateAt> = Vec::new();
    let mut push = |date: Option<NaiveDate>, start: usize, end: usize| {
        if let Some(date) = date
            && !found.iter().any(|d| start < d.end && d.start < end)
        {
            found.push(DateAt { date, start, end });
        }
    };
    for c in ISO.captures_iter(line) {
        let m = c.get(0).expect("match");
        push(
            c[2].parse().ok().and_then(|mo| ymd(&c[1], mo, &c[3])),
            m.start(),
            m.end(),
        );
    }
    for c in NUMERIC.captures_iter(line) {
        let m = c.get(0).expect("match");
        let (a, b) = (&c[1], &c[3]);
        let (day, month) = match (&c["sep"], order) {
            ("/", SlashOrder::MonthFirst) => (b, a),
            ("/", SlashOrder::Unknown) => continue,
            _ => (a, b),
        };
        push(
            month.parse().ok().and_then(|mo| ymd(&c[4], mo, day)),
            m.start(),
            m.end(),
        );
    }
    for c in DAY_MONTH_YEAR.captures_iter(line) {
        let m = c.get(0).expect("match");
        push(
            month_number(&c["mon"]).and_then(|mo| ymd(&c["year"], mo, &c["day"])),
            m.start(),
            m.end(),
        );
    }
    for c in MONTH_DAY_YEAR.captures_iter(line) {
        let m = c.get(0).expect("match");
        push(
            month_number(&c["mon"]).and_then(|mo| ymd(&c["year"], mo, &c["day"])),
            m.start(),
            m.end(),
        );
    }
    found.sort_by_key(|d| d.start);
    found
}

/// `juni 2015` / `June 2015` / `2015-06` → `2015-06`, at the start of `text`.
pub(crate) fn month_of(text: &str) -> Option<String> {
    static YM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{2})\b").expect("ym regex"));
    let t = text.trim_start();
    if let Some(c) = YM.captures(t) {
        let m: u32 = c[2].parse().ok()?;
        return (1..=12).contains(&m).then(|| format!("{}-{:02}", &c[1], m));
    }
    let c = MONTH_YEAR.captures(t)?;
    if c.get(0)?.start() != 0 {
        return None;
    }
    let mo = month_number(&c["mon"])?;
    let y: i32 = c["year"].parse().ok()?;
    (1990..=2100).contains(&y).then(|| format!("{y}-{mo:02}"))
}

/// Every `month year` in the text with the byte offset where it starts.
pub(crate) fn months_in(text: &str) -> Vec<(usize, String)> {
    MONTH_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let mo = month_number(&c["mon"])?;
            Some((m.start(), format!("{}-{mo:02}", &c["year"])))
        })
        .collect()
}

/// The Luhn (mod 10) check of Swedish OCR numbers and bankgiro/plusgiro numbers.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// An IBAN (ISO 13616, upper case, no spaces): country, two check digits and 11 to 30
/// letters or digits, valid when the rearranged number is 1 mod 97.
pub fn iban_valid(iban: &str) -> bool {
    let b = iban.as_bytes();
    if !(15..=34).contains(&b.len())
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
        || !b[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    mod97(&format!("{}{}", &iban[4..], &iban[..4])) == 1
}

/// The remainder mod 97 of an alphanumeric string read as digits (A = 10, ..., Z = 35).
fn mod97(s: &str) -> u32 {
    let mut rem: u32 = 0;
    for ch in s.chars() {
        let v = ch.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem
}

/// ISO 11649 structured creditor reference (`RF` + 2 check digits + up to 21 characters):
/// valid when the rearranged reference is 1 mod 97.
pub fn rf_valid(reference: &str) -> bool {
    let r: String = reference
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if !(5..=25).contains(&r.len())
        || !r.starts_with("RF")
        || !r[2..4].bytes().all(|b| b.is_ascii_digit())
        || !r.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    mod97(&format!("{}{}", &r[4..], &r[..4])) == 1
}

/// A structured creditor reference anywhere in a line (`RF18 5390 0754 7034` or
/// `RF18539007547034`), validated by its check digits.
pub(crate) fn rf_in(line: &str) -> Option<String> {
    static RF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bRF\d{2}(?: ?[A-Z0-9]{1,21}){1,6}\b").expect("rf regex"));
    for m in RF.find_iter(line) {
        // The longest prefix (by whole groups) that validates.
        let groups: Vec<&str> = m.as_str().split(' ').collect();
        for n in (1..=groups.len()).rev() {
            let cand: String = groups[..n].concat();
            if rf_valid(&cand) {
                return Some(cand);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_in_every_written_form() {
        assert_eq!(parse_number("1 234,50", false), Some(d("1234.50")));
        assert_eq!(parse_number("1.234,50", false), Some(d("1234.50")));
        assert_eq!(parse_number("1,234.50", false), Some(d("1234.50")));
        assert_eq!(parse_number("9 845", true), Some(d("9845")));
        assert_eq!(parse_number("29.99", false), Some(d("29.99")));
        assert_eq!(parse_number("1.234", false), None);
        assert_eq!(parse_number("1.234", true), Some(d("1234")));
        assert_eq!(parse_number("1.234.567,89", false), Some(d("1234567.89")));
        assert_eq!(parse_number("1,234,50", false), None);
    }

    #[test]
    fn money_tokens_with_currencies() {
        let m = money_in("Att betala 9 845 kr", Lang::Sv);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].value, m[0].currency), (d("9845"), Some("SEK")));
        let m = money_in("Total € 29.99", Lang::En);
        assert_eq!((m[0].value, m[0].currency), (d("29.99"), Some("EUR")));
        let m = money_in("Somme à payer 29.99 € TTC", Lang::Fr);
        assert_eq!((m[0].value, m[0].currency), (d("29.99"), Some("EUR")));
        let m = money_in("Belopp 399:-", Lang::Sv);
        assert_eq!((m[0].value, m[0].currency), (d("399"), Some("SEK")));
        assert!(money_in("Moms 25 %", Lang::Sv).is_empty());
        assert!(money_in("Plan 5G 2026", Lang::En).is_empty());
        assert!(money_in("Avrundning -0,23 kr", Lang::Sv).is_empty());
        assert_eq!(
            money_in_signed("Zu zahlen -67,00 EUR", Lang::De)[0].value,
            d("-67.00")
        );
    }

    #[test]
    fn dates_in_every_written_form() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let one = |s: &str| dates_in(s, SlashOrder::DayFirst)[0].date;
        assert_eq!(one("2015-07-02"), day(2015, 7, 2));
        assert_eq!(one("Fällig am 02.07.2015"), day(2015, 7, 2));
        assert_eq!(one("2 juli 2015"), day(2015, 7, 2));
        assert_eq!(one("02 Juillet 2015"), day(2015, 7, 2));
        assert_eq!(one("July 2, 2015"), day(2015, 7, 2));
        assert_eq!(one("5. November 2026"), day(2026, 11, 5));
        assert_eq!(one("22-09-2026"), day(2026, 9, 22));
        assert!(dates_in("07/02/2015", SlashOrder::Unknown).is_empty());
        assert_eq!(
            dates_in("07/02/2015", SlashOrder::MonthFirst)[0].date,
            day(2015, 7, 2)
        );
        assert!(dates_in("31.02.2015", SlashOrder::DayFirst).is_empty());
    }

    #[test]
    fn check_digits() {
        assert!(luhn_valid("44712033560"));
        assert!(!luhn_valid("44712033561"));
        assert!(rf_valid("RF18539007547034"));
        assert!(rf_valid("RF18 5390 0754 7034"));
        assert!(!rf_valid("RF19539007547034"));
        assert!(iban_valid("DE79000000001234567890"));
        assert!(iban_valid("SE4550000000058398257466"));
        assert!(!iban_valid("DE79000000001234567891"));
        assert!(!iban_valid("de79000000001234567890"));
        assert_eq!(
            rf_in("Ref: RF18 5390 0754 7034 thanks").as_deref(),
            Some("RF18539007547034")
        );
    }

    #[test]
    fn months() {
        assert_eq!(month_of("juni 2015").as_deref(), Some("2015-06"));
        assert_eq!(month_of("2026-12").as_deref(), Some("2026-12"));
        assert_eq!(month_of("décembre 2026").as_deref(), Some("2026-12"));
        assert_eq!(month_of("next 2026"), None);
    }
}
