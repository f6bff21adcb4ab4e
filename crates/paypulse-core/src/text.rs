//! Untrusted text (subjects, senders, attachment names, remote error messages) made safe to show
//! on a terminal or to use in a file name: escape sequences, control characters, bidirectional
//! overrides and zero-width characters are removed.

/// Bidi controls (which reorder what a terminal shows, e.g. `invoice` U+202E `fdp.exe`) and zero-width
/// characters (which hide text or make two names look alike).
fn is_invisible(c: char) -> bool {
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

/// The text without ANSI/VT escape sequences (parsed by `anstream`'s stripper, which knows CSI,
/// OSC and the rest) and without control or invisible characters.
pub fn terminal_safe(s: &str) -> String {
    anstream::adapter::strip_str(s)
        .to_string()
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect()
}

/// Like [`terminal_safe`], but control characters (newlines, tabs) become spaces, so that the
/// words on either side stay apart.
pub fn single_line(s: &str) -> String {
    anstream::adapter::strip_str(s)
        .to_string()
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_invisibles_go() {
        assert_eq!(terminal_safe("Al\u{1b}[2Jice\n"), "Alice");
        assert_eq!(terminal_safe("\u{1b}]0;title\u{7}Bob"), "Bob");
        assert_eq!(terminal_safe("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(terminal_safe("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(terminal_safe("a\u{200B}b\u{FEFF}c"), "abc");
        assert_eq!(single_line("two\nlines"), "two lines");
    }
}
