//! Cheap checks on a parsed PDF before its text is extracted, for what pdf-extract and lopdf
//! lack: a cap on a stream's decoded size (a content stream compressed twice inflates a few
//! kilobytes to gigabytes) and on Form XObject nesting (a form that draws itself makes
//! pdf-extract recurse until its stack overflows). They make the common bombs fail fast and
//! cheaply; the worker process's hard limits (`isolate.rs`) remain the guarantee.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream, content::Content};

/// The most bytes one stream may decode to (a page's text is a few kilobytes).
pub(crate) const MAX_DECODED: u64 = 64 * 1024 * 1024;
/// The deepest nesting of Form XObjects drawn by `Do` (real documents nest two or three).
pub(crate) const MAX_FORM_DEPTH: usize = 16;

/// Refuses a document with a stream that decodes beyond [`MAX_DECODED`], or a page whose Form
/// XObjects draw themselves or nest beyond [`MAX_FORM_DEPTH`].
pub(crate) fn check(doc: &Document, pages: &[ObjectId]) -> Result<(), String> {
    for obj in doc.objects.values() {
        if let Object::Stream(s) = obj {
            check_stream(s)?;
        }
    }
    let mut verified = HashSet::new();
    for &page in pages {
        let Ok(content) = doc.get_page_content(page) else {
            continue;
        };
        let Some(resources) = page_resources(doc, page) else {
            continue;
        };
        walk_forms(doc, &content, resources, &mut Vec::new(), &mut verified)?;
    }
    Ok(())
}

fn is_flate(filter: &[u8]) -> bool {
    filter == b"FlateDecode" || filter == b"Fl"
}

/// Decodes a Flate-only stream layer by layer, each layer capped, the last one only counted.
/// Streams of other filters, images and undecodable streams are left to the parser.
fn check_stream(s: &Stream) -> Result<(), String> {
    let is_image = s
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Image");
    let Ok(filters) = s.filters() else {
        return Ok(());
    };
    if is_image || filters.is_empty() || !filters.iter().all(|f| is_flate(f)) {
        return Ok(());
    }
    let too_large = || format!("a stream decodes to more than {} MiB", MAX_DECODED >> 20);
    let mut data: Cow<[u8]> = Cow::Borrowed(&s.content);
    for layer in 0..filters.len() {
        let mut decoder = flate2::read::ZlibDecoder::new(&data[..]).take(MAX_DECODED + 1);
        if layer + 1 == filters.len() {
            let n = std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0);
            if n > MAX_DECODED {
                return Err(too_large());
            }
        } else {
            let mut next = Vec::new();
            if decoder.read_to_end(&mut next).is_err() {
                return Ok(());
            }
            if next.len() as u64 > MAX_DECODED {
                return Err(too_large());
            }
            data = Cow::Owned(next);
        }
    }
    Ok(())
}

/// A page's resources (its own, else the nearest ancestor's).
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return doc.dereference(r).ok()?.1.as_dict().ok();
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Follows the Form XObjects that `content` draws (`Do`), depth first: a form on its own path
/// is a loop; a path longer than [`MAX_FORM_DEPTH`] is refused. `verified` holds forms whose
/// whole subtree was checked (a form drawn many times is checked once).
fn walk_forms(
    doc: &Document,
    content: &[u8],
    resources: &Dictionary,
    path: &mut Vec<ObjectId>,
    verified: &mut HashSet<ObjectId>,
) -> Result<(), String> {
    if path.len() > MAX_FORM_DEPTH {
        return Err(format!(
            "Form XObjects nest deeper than {MAX_FORM_DEPTH} levels"
        ));
    }
    let Ok(ops) = Content::decode(content) else {
        return Ok(());
    };
    let xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let Some(xobjects) = xobjects else {
        return Ok(());
    };
    for op in ops.operations.iter().filter(|op| op.operator == "Do") {
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
            continue;
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            continue;
        };
        if path.contains(id) {
            return Err("a Form XObject draws itself".into());
        }
        if verified.contains(id) {
            continue;
        }
        let Ok(Object::Stream(form)) = doc.get_object(*id) else {
            continue;
        };
        let is_form = form
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Form");
        if !is_form {
            continue;
        }
        // A form without resources draws with its parent's (as pdf-extract does).
        let inner = form
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .unwrap_or(resources);
        let body = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        path.push(*id);
        walk_forms(doc, &body, inner, path, verified)?;
        path.pop();
        verified.insert(*id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use pdf_extract::{Dictionary, Document, Object, Stream};

    use crate::invoice::{InvoiceError, pdf_text};

    /// A one-page document whose page draws `content` with `resources`; `extra` objects are
    /// added first (their ids start at 1).
    fn doc_with(build: impl FnOnce(&mut Document) -> (Dictionary, Stream)) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let (resources, content) = build(&mut doc);
        let content_id = doc.add_object(content);
        let pages_id = doc.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Reference(content_id));
        let page_id = doc.add_object(page);
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
        pages.set("Count", Object::Integer(1));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn xobjects(name: &str, id: pdf_extract::ObjectId) -> Dictionary {
        let mut x = Dictionary::new();
        x.set(name, Object::Reference(id));
        let mut r = Dictionary::new();
        r.set("XObject", Object::Dictionary(x));
        r
    }

    #[test]
    fn a_form_that_draws_itself_is_refused_before_the_parser_recurses() {
        let bytes = doc_with(|doc| {
            let id = doc.new_object_id();
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"XObject".to_vec()));
            dict.set("Subtype", Object::Name(b"Form".to_vec()));
            dict.set("Resources", Object::Dictionary(xobjects("X0", id)));
            doc.objects
                .insert(id, Object::Stream(Stream::new(dict, b"/X0 Do".to_vec())));
            (
                xobjects("X0", id),
                Stream::new(Dictionary::new(), b"/X0 Do".to_vec()),
            )
        });
        match pdf_text(&bytes, 8) {
            Err(InvoiceError::Pdf(why)) => assert!(why.contains("draws itself"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stream_compressed_twice_into_a_bomb_is_refused_without_inflating_it() {
        let mut once = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..80 {
            once.write_all(&chunk).unwrap();
        }
        let once = once.finish().unwrap();
        let mut twice = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        twice.write_all(&once).unwrap();
        let twice = twice.finish().unwrap();
        let bytes = doc_with(|_| {
            let mut dict = Dictionary::new();
            dict.set(
                "Filter",
                Object::Array(vec![
                    Object::Name(b"FlateDecode".to_vec()),
                    Object::Name(b"FlateDecode".to_vec()),
                ]),
            );
            (Dictionary::new(), Stream::new(dict, twice))
        });
        assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
        match pdf_text(&bytes, 8) {
            Err(InvoiceError::Pdf(why)) => assert!(why.contains("decodes to more than"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
