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
                // The project's own extractor: pdf-extract plus its layout step.
                "layout" => {
                    let text = paypulse_core::invoice::pdf_text(&bytes, usize::MAX).map_err(|e| e.to_string())?;
                    let pages = pdf_extract::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0);
                    Ok((text, pages))
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
