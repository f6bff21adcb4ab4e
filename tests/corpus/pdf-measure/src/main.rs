use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = &args[1];
    let out = std::path::Path::new(&args[2]);
    std::fs::create_dir_all(out).unwrap();
    for f in &args[3..] {
        let bytes = std::fs::read(f).unwrap();
        let t = Instant::now();
        let r = std::panic::catch_unwind(|| -> Result<(String, usize), String> {
            match which.as_str() {
                "pdf-extract" => {
                    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).map_err(|e| e.to_string())?;
                    Ok((pages.join("\n"), pages.len()))
                }
                "layout" => {
                    let mut doc = pdf_extract::Document::load_mem(&bytes).map_err(|e| e.to_string())?;
                    if doc.is_encrypted() { doc.decrypt("").map_err(|e| e.to_string())?; }
                    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
                    let mut out = String::new();
                    for p in &pages { let mut l = Layout::default(); if pdf_extract::output_doc_page(&doc, &mut l, *p).is_ok() { out.push_str(&l.render()); out.push('\n'); } }
                    Ok((out, pages.len()))
                }
                "lopdf" => {
                    let mut doc = lopdf::Document::load_mem(&bytes).map_err(|e| e.to_string())?;
                    if doc.is_encrypted() { let _ = doc.decrypt(""); }
                    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
                    let t = doc.extract_text(&pages).map_err(|e| e.to_string())?;
                    Ok((t, pages.len()))
                }
                "pdf_oxide" => {
                    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).map_err(|e| e.to_string())?;
                    let n = doc.page_count().map_err(|e| e.to_string())?;
                    let mut s = String::new();
                    for i in 0..n { s.push_str(&doc.extract_text(i).map_err(|e| e.to_string())?); s.push('\n'); }
                    Ok((s, n))
                }
                _ => panic!("which"),
            }
        });
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let name = std::path::Path::new(f).file_name().unwrap().to_string_lossy().to_string();
        match r {
            Ok(Ok((text, n))) => { std::fs::write(out.join(format!("{name}.txt")), text).unwrap(); println!("{name}\tok\t{n}\t{ms:.2}"); }
            Ok(Err(e)) => println!("{name}\terr\t0\t{ms:.2}\t{}", e.replace('\n', " ")),
            Err(_) => println!("{name}\tpanic\t0\t{ms:.2}"),
        }
    }
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
        let col = widths.get(widths.len() / 2).copied().unwrap_or(5.0).max(0.5);
        self.glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
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

