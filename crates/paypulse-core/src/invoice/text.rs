//! Document → text. HTML: the visible text in document order, a line per block and per table
//! row, cells separated by tabs. PDF: the text of the first pages, a line per text line.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::InvoiceError;

/// Elements whose content is never shown.
const INVISIBLE: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "iframe", "object", "svg",
    "canvas", "button", "select", "option", "textarea",
];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "address",
    "hr",
    "dt",
    "dd",
    "dl",
    "center",
    "main",
    "nav",
    "aside",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "caption",
];

fn hidden(el: &scraper::node::Element) -> bool {
    if INVISIBLE.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    if el.name() == "input"
        && el
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
    {
        return true;
    }
    let Some(style) = el.attr("style") else {
        return false;
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "display:none",
        "visibility:hidden",
        "mso-hide:all",
        "font-size:0;",
        "font-size:0px",
        "max-height:0;",
        "max-height:0px",
        "opacity:0;",
    ]
    .iter()
    .any(|p| style.contains(p) || (p.ends_with(';') && style.ends_with(&p[..p.len() - 1])))
}

/// The visible text of an HTML document.
pub fn html_text(html: &str) -> String {
    // The HTML parser slows down with the nesting depth: past this many tags the rest of the
    // document is left out (receipts have far fewer).
    const MAX_TAGS: usize = 8_000;
    let html = match html.match_indices('<').nth(MAX_TAGS) {
        Some((cut, _)) => &html[..cut],
        None => html,
    };
    let doc = Html::parse_document(html);
    let mut out = String::new();
    // The hidden element being skipped (its subtree is left out).
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if hidden(el) {
                            skipping = Some(node.id());
                        } else if BLOCKS.contains(&el.name()) {
                            out.push('\n');
                        }
                    }
                    Node::Text(t) => {
                        let mut prev_space = out.ends_with([' ', '\n', '\t']);
                        for c in t.chars() {
                            if c.is_whitespace() && c != '\u{a0}' {
                                if !prev_space {
                                    out.push(' ');
                                    prev_space = true;
                                }
                            } else {
                                out.push(c);
                                prev_space = false;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    match el.name() {
                        "td" | "th" => out.push('\t'),
                        name if BLOCKS.contains(&name) => out.push('\n'),
                        _ => {}
                    }
                }
            }
        }
    }
    tidy(&out)
}

/// Trims lines, drops empty ones and stray cell separators.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let cells: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// The text of a PDF's first `max_pages` pages, laid out: a line per text line (top to
/// bottom, left to right), columns kept apart by two spaces or more, as `pdftotext -layout`
/// does. Encrypted PDFs that open with the empty password (owner-password only) are read.
pub fn pdf_text(bytes: &[u8], max_pages: usize) -> Result<String, InvoiceError> {
    let err = |e: &dyn std::fmt::Display| InvoiceError::Pdf(e.to_string());
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| err(&e))?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| err(&e))?;
    }
    let pages: Vec<(u32, pdf_extract::ObjectId)> =
        doc.get_pages().into_iter().take(max_pages).collect();
    // What pdf-extract and lopdf lack: caps on decoded sizes and on Form XObject nesting.
    let ids: Vec<_> = pages.iter().map(|(_, id)| *id).collect();
    super::pdf_guard::check(&doc, &ids).map_err(InvoiceError::Pdf)?;
    let pages: Vec<u32> = pages.into_iter().map(|(n, _)| n).collect();
    let mut out = String::new();
    for page in pages {
        let mut layout = Layout::default();
        // A page that fails is skipped; the others still count.
        if pdf_extract::output_doc_page(&doc, &mut layout, page).is_ok() {
            out.push_str(&layout.render());
            out.push('\n');
        }
    }
    Ok(out)
}

/// One glyph placed on the page (top-left origin).
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width and font size, in page units.
    width: f64,
    size: f64,
    text: String,
}

/// Collects a page's glyphs, then lays them out in lines and columns.
#[derive(Default)]
struct Layout {
    height: f64,
    glyphs: Vec<Glyph>,
}

impl pdf_extract::OutputDev for Layout {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // Bounded: a page with absurdly many glyphs keeps the first ones.
        if self.glyphs.len() >= 200_000 || text.trim().is_empty() {
            return Ok(());
        }
        // The font size on the page: the text matrix applied to (size, size).
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite() && width.is_finite()) {
            return Ok(());
        }
        self.glyphs.push(Glyph {
            x,
            y,
            width: width * size,
            size: size.max(0.1),
            text: text.chars().filter(|c| !c.is_control()).collect(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

impl Layout {
    fn render(&mut self) -> String {
        if self.glyphs.is_empty() {
            return String::new();
        }
        // The width of one text column: the page's median glyph advance.
        let mut widths: Vec<f64> = self
            .glyphs
            .iter()
            .map(|g| g.width / g.text.chars().count().max(1) as f64)
            .filter(|w| *w > 0.0)
            .collect();
        widths.sort_by(f64::total_cmp);
        let col = widths
            .get(widths.len() / 2)
            .copied()
            .unwrap_or(5.0)
            .max(0.5);
        self.glyphs
            .sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Lines: glyphs whose baselines are within half their size.
        let mut lines: Vec<Vec<&Glyph>> = Vec::new();
        let mut line_y = f64::NAN;
        for g in &self.glyphs {
            match lines.last_mut() {
                Some(line) if (g.y - line_y).abs() < g.size * 0.5 => line.push(g),
                _ => {
                    lines.push(vec![g]);
                    line_y = g.y;
                }
            }
        }
        let mut out = String::new();
        for mut line in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut chars = 0usize;
            let mut end = f64::NEG_INFINITY;
            for g in line {
                if chars > 0 {
                    let gap = g.x - end;
                    if gap > g.size * 0.8 {
                        // Another column: pad to its position, two spaces at least.
                        let target = (g.x / col).round() as usize;
                        let pad = target.saturating_sub(chars).clamp(2, 400);
                        text.extend(std::iter::repeat_n(' ', pad));
                        chars += pad;
                    } else if gap > g.size * 0.15 {
                        text.push(' ');
                        chars += 1;
                    }
                } else {
                    let pad = ((g.x / col).round() as usize).min(400);
                    text.extend(std::iter::repeat_n(' ', pad));
                    chars += pad;
                }
                text.push_str(&g.text);
                chars += g.text.chars().count();
                end = g.x + g.width;
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_rows_and_cells() {
        let t = html_text(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <p>Hello <b>there</b></p><script>var x = 1;</script>\
             <table><tr><td>Total</td><td>9,99 €</td></tr></table>\
             <div style=\"display: none\">secret</div><p hidden>gone</p><span>end</span></body></html>",
        );
        assert_eq!(t, "Hello there\nTotal\t9,99 €\nend\n");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(3_000) + "x";
        assert!(html_text(&html).contains('x'));
        // Past the tag budget the rest is cut, quickly.
        let html = "<div>".repeat(100_000) + "x";
        assert!(!html_text(&html).contains('x'));
    }
}
