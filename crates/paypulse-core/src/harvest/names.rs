//! File names for saved invoices: readable and deterministic (`{date}_{sender}_{name}`), and
//! safe whatever the message says: no path can leave the output folder, no reserved or hidden
//! name, no control characters or escape sequences, not too long.

/// Longest file name most file systems accept, in bytes; room is kept for a `-NN` suffix.
const MAX_NAME_BYTES: usize = 240;

const WINDOWS_RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// One safe path component from untrusted text. Never empty, never `.`/`..`, no separators.
pub fn sanitize_component(raw: &str) -> String {
    let mut s: String = crate::text::single_line(raw)
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    // Collapse runs of white space; trim dots and spaces at both ends (hidden files, Windows).
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s
        .trim_matches(|c: char| c == '.' || c == ' ' || c == '_')
        .to_owned();
    if s.is_empty() { "_".into() } else { s }
}

/// Cuts `s` to at most `max` bytes on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The name of a saved file: `{date}_{sender}_{stem}.{ext}`, sanitized, at most
/// [`MAX_NAME_BYTES`] bytes (the stem is cut, the extension kept), never a reserved name.
pub fn file_name(date: &str, sender: &str, stem: &str, ext: &str) -> String {
    let ext = sanitize_component(ext).to_ascii_lowercase();
    let sender = cut(&sanitize_component(sender), 60).to_owned();
    let stem = sanitize_component(stem);
    let head = format!("{}_{}_", sanitize_component(date), sender);
    let room = MAX_NAME_BYTES
        .saturating_sub(head.len() + ext.len() + 1)
        .max(16);
    let stem = cut(&stem, room).trim_end_matches(['.', ' ']);
    avoid_reserved(format!("{head}{stem}.{ext}"))
}

/// Windows reserves device names (`CON`, `NUL.pdf`, ...) whatever the extension.
fn avoid_reserved(name: String) -> String {
    let upper = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    if WINDOWS_RESERVED.contains(&upper.as_str()) {
        format!("_{name}")
    } else {
        name
    }
}

/// The `n`-th alternative of a taken name: `x.pdf` → `x-2.pdf`.
pub fn with_suffix(name: &str, n: usize) -> String {
    if n <= 1 {
        return name.to_owned();
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
        None => format!("{name}-{n}"),
    }
}

/// The file name's stem of an original attachment name (its extension dropped when it is
/// the one the file will get).
pub fn stem_of<'a>(original: &'a str, ext: &str) -> &'a str {
    match original.rsplit_once('.') {
        Some((stem, e)) if e.eq_ignore_ascii_case(ext) && !stem.is_empty() => stem,
        _ => original,
    }
}

/// A readable sender from a `From` header (RFC 5322, parsed by `mail-parser`): the display
/// name, else the address's domain.
pub fn sender_of(from: &str) -> String {
    let header = format!("From: {}\r\n\r\n", from.replace(['\r', '\n'], " "));
    let parsed = mail_parser::MessageParser::new().parse_headers(header.as_bytes());
    let addr = parsed
        .as_ref()
        .and_then(|m| m.from())
        .and_then(|a| a.first());
    if let Some(a) = addr {
        if let Some(name) = a.name().map(str::trim).filter(|n| !n.is_empty()) {
            return name.to_owned();
        }
        if let Some(address) = a.address() {
            return domain_of(address);
        }
    }
    domain_of(from.trim())
}

fn domain_of(address: &str) -> String {
    let domain = address.rsplit_once('@').map(|(_, d)| d).unwrap_or(address);
    domain.trim().trim_end_matches('>').to_owned()
}

/// An RFC 2822 `Date` header (comments like `(CET)` and all), parsed by `mail-parser`.
pub fn parse_date(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let d = mail_parser::DateTime::parse_rfc822(s)?;
    if !d.is_valid() {
        return None;
    }
    chrono::DateTime::parse_from_rfc3339(&d.to_rfc3339()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_in_the_folder() {
        for raw in [
            "../../etc/passwd",
            "..\\..\\windows\\evil",
            "/absolute/path",
            "..",
            ".",
            "",
            "\u{0}\u{1}",
            "a/../../b",
            "C:\\x",
        ] {
            let n = file_name("2025-12-01", "Sender", raw, "pdf");
            assert!(
                !n.contains('/') && !n.contains('\\') && !n.contains('\0'),
                "{n}"
            );
            assert!(!n.starts_with('.'), "{n}");
            assert!(
                n.starts_with("2025-12-01_Sender_") && n.ends_with(".pdf"),
                "{n}"
            );
        }
    }

    #[test]
    fn escapes_and_controls_are_removed() {
        let n = file_name(
            "2025-12-01",
            "Evil\u{1b}]0;title\u{7}",
            "\u{1b}[31mred\u{1b}[0m",
            "pdf",
        );
        assert_eq!(n, "2025-12-01_Evil_red.pdf");
        assert!(!n.chars().any(|c| c.is_control()));
    }

    #[test]
    fn reserved_and_hidden_names() {
        assert_eq!(sanitize_component(".hidden"), "hidden");
        assert_eq!(sanitize_component("..."), "_");
        assert_eq!(avoid_reserved("CON.pdf".into()), "_CON.pdf");
        assert_eq!(avoid_reserved("nul".into()), "_nul");
        assert_eq!(avoid_reserved("CONSOLE.pdf".into()), "CONSOLE.pdf");
        // Saved names start with the date, so an attachment called CON.pdf is harmless.
        assert_eq!(
            file_name("2025-12-01", "x", "CON", "pdf"),
            "2025-12-01_x_CON.pdf"
        );
    }

    #[test]
    fn unicode_is_kept_and_long_names_are_cut_on_a_char_boundary() {
        let n = file_name(
            "2025-12-01",
            "Wallenstam",
            "Hyresavi_för_lägenhet_1102",
            "pdf",
        );
        assert_eq!(n, "2025-12-01_Wallenstam_Hyresavi_för_lägenhet_1102.pdf");
        let long = "å".repeat(300);
        let n = file_name("2025-12-01", "S", &long, "pdf");
        assert!(n.len() <= MAX_NAME_BYTES, "{}", n.len());
        assert!(n.ends_with("å.pdf"), "{n}");
    }

    #[test]
    fn suffixes_and_senders() {
        assert_eq!(with_suffix("a.pdf", 1), "a.pdf");
        assert_eq!(with_suffix("a.pdf", 3), "a-3.pdf");
        assert_eq!(
            sender_of("Wallenstam AB <noreply@wallenstam.se>"),
            "Wallenstam AB"
        );
        assert_eq!(sender_of("\"Foodora\" <kvitto@foodora.se>"), "Foodora");
        assert_eq!(sender_of("<noreply@wallenstam.se>"), "wallenstam.se");
        assert_eq!(sender_of("billing@elgiganten.se"), "elgiganten.se");
        assert_eq!(stem_of("Hyresavi.PDF", "pdf"), "Hyresavi");
        assert_eq!(stem_of("faktura", "pdf"), "faktura");
        assert_eq!(sender_of("=?utf-8?q?K=C3=B6k_AB?= <a@kok.se>"), "Kök AB");
    }

    #[test]
    fn dates_with_comments() {
        let d = parse_date("Mon, 1 Dec 2025 08:30:00 +0100 (CET)").unwrap();
        assert_eq!(d.to_rfc3339(), "2025-12-01T08:30:00+01:00");
        assert!(parse_date("yesterday").is_none());
    }
}
