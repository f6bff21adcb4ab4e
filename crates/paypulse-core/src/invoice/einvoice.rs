//! Structured e-invoices, read exactly: UN/CEFACT CII (`CrossIndustryInvoice`: Factur-X,
//! ZUGFeRD 2, XRechnung CII), ZUGFeRD 1 (`CrossIndustryDocument`) and UBL 2.1 `Invoice` /
//! `CreditNote` (XRechnung UBL, Peppol BIS Billing 3.0), standalone or embedded in a PDF
//! (`/Names/EmbeddedFiles` and `/AF`, picked by the XML's root element, never by its name).
//!
//! Hostile input: the XML parser refuses DTDs (so no entity expansion at all) and caps the
//! number of nodes; embedded files are inflated up to a byte cap; the name tree walk has a
//! depth and a count cap.
//!
//! Kept crates: roxmltree (read-only tree, DTDs refused by default) and the lopdf that
//! pdf-extract already brings (through its re-export: one lopdf in the tree). No EN 16931
//! crate: `einvoice-pdf` 0.4 (embedded XML only) needs Rust 1.99, newer than this project's;
//! `en16931-formats` 0.2 is a whole semantic model with business-rule validation and writers
//! in both directions, a large young dependency for the ten fields read here; `zugferd` only
//! writes XML.

use std::io::Read;

use pdf_extract::{Dictionary, Document, Object};
use roxmltree::{Node, ParsingOptions};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::parse::{iban_valid, luhn_valid};
use super::{DocumentType, InvoiceFields, Source};

/// What an e-invoice is: its syntax, its guideline (CII) or customization (UBL) id, and
/// whether it came embedded in a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EInvoiceInfo {
    pub syntax: Syntax,
    pub profile: Option<String>,
    pub embedded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    Cii,
    Ubl,
    Zugferd1,
}

/// An e-invoice's XML refused as such (a DTD, too many nodes, not well-formed).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct XmlError(String);

/// Largest embedded file inflated, and most nodes in one XML.
const MAX_XML: u64 = 16 * 1024 * 1024;
const MAX_NODES: u32 = 2_000_000;
/// EN 16931 type codes (UNTDID 1001) of credit notes.
const CREDIT_CODES: &[&str] = &[
    "81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532",
];

fn options<'a>() -> ParsingOptions<'a> {
    ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        entity_resolver: None,
    }
}

/// The syntax an XML's root element names, from its first bytes (no full parse).
pub fn sniff(head: &[u8]) -> Option<Syntax> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the declaration, comments and processing instructions before the root.
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1.trim_start();
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            // A document type (refused later): its internal subset ends with `]>`.
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => r.find("]>")? + 2,
                (_, Some(g)) => g + 1,
                _ => return None,
            };
            rest = r[end..].trim_start();
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let name: String = tag
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    syntax_of(name.rsplit(':').next().unwrap_or(""))
}

fn syntax_of(local: &str) -> Option<Syntax> {
    match local {
        "CrossIndustryInvoice" => Some(Syntax::Cii),
        "CrossIndustryDocument" => Some(Syntax::Zugferd1),
        "Invoice" | "CreditNote" => Some(Syntax::Ubl),
        _ => None,
    }
}

/// The fields of an XML e-invoice; `Ok(None)` for XML that is none (another root element).
pub fn read_xml(bytes: &[u8], embedded: bool) -> Result<Option<InvoiceFields>, XmlError> {
    if sniff(bytes).is_none() {
        return Ok(None);
    }
    // EN 16931 syntaxes are UTF-8.
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|_| XmlError("the XML is not UTF-8".into()))?;
    let doc = roxmltree::Document::parse_with_options(text, options())
        .map_err(|e| XmlError(format!("unreadable XML: {e}")))?;
    let root = doc.root_element();
    let name = root.tag_name().name();
    let ns = root.tag_name().namespace().unwrap_or("");
    let fields = match syntax_of(name) {
        Some(Syntax::Cii) if ns.contains("CrossIndustryInvoice") => cii(root, Syntax::Cii),
        Some(Syntax::Zugferd1) if ns.contains("CrossIndustryDocument") => {
            cii(root, Syntax::Zugferd1)
        }
        Some(Syntax::Ubl) if ns.starts_with("urn:oasis:names:specification:ubl:schema:xsd:") => {
            ubl(root, name == "CreditNote")
        }
        _ => return Ok(None),
    };
    Ok(Some(InvoiceFields {
        source: Some(Source::EInvoice),
        e_invoice: Some(EInvoiceInfo {
            embedded,
            ..fields.1
        }),
        ..fields.0
    }))
}

/// The first child element with this local name (any namespace).
fn child<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

fn children<'a, 'i>(n: Node<'a, 'i>, local: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == local)
}

/// Descends by local names.
fn path<'a, 'i>(n: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().try_fold(n, |n, name| child(n, name))
}

/// The trimmed text of the element at `names`, none when empty.
fn text(n: Node, names: &[&str]) -> Option<String> {
    let t = path(n, names)?.text()?.trim();
    (!t.is_empty()).then(|| crate::text::single_line(t).trim().to_owned())
}

fn amount(n: Node, names: &[&str]) -> Option<Decimal> {
    text(n, names)?.parse().ok()
}

/// CII dates: `format="102"` is `YYYYMMDD`.
fn date102(n: Node, names: &[&str]) -> Option<String> {
    let t = text(n, names)?;
    let d = chrono::NaiveDate::parse_from_str(&t, "%Y%m%d").ok()?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn iso_date(n: Node, names: &[&str]) -> Option<String> {
    let t = text(n, names)?;
    let d = chrono::NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok()?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn range(a: Option<String>, b: Option<String>) -> Option<String> {
    Some(format!("{}/{}", a?, b?))
}

fn doc_type(code: Option<&str>, credit_root: bool) -> DocumentType {
    if credit_root || code.is_some_and(|c| CREDIT_CODES.contains(&c.trim())) {
        DocumentType::CreditNote
    } else {
        DocumentType::Invoice
    }
}

/// An IBAN (without spaces) when its check digits hold.
fn iban(s: &str) -> Option<String> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    iban_valid(&s).then_some(s)
}

/// `bankgiro:NNNN-NNNN` / `plusgiro:NNNNNN-N` when the Luhn digit holds.
pub(crate) fn giro(kind: GiroKind, s: &str) -> Option<String> {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    match kind {
        GiroKind::Bank if (7..=8).contains(&d.len()) && luhn_valid(&d) => Some(format!(
            "bankgiro:{}-{}",
            &d[..d.len() - 4],
            &d[d.len() - 4..]
        )),
        GiroKind::Plus if (2..=8).contains(&d.len()) && luhn_valid(&d) => Some(format!(
            "plusgiro:{}-{}",
            &d[..d.len() - 1],
            &d[d.len() - 1..]
        )),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GiroKind {
    Bank,
    Plus,
}

/// CII (and ZUGFeRD 1, whose elements differ in name only).
fn cii(root: Node, syntax: Syntax) -> (InvoiceFields, EInvoiceInfo) {
    let (ctx, doc, tx, agreement, settlement, sums) = match syntax {
        Syntax::Zugferd1 => (
            "SpecifiedExchangedDocumentContext",
            "HeaderExchangedDocument",
            "SpecifiedSupplyChainTradeTransaction",
            "ApplicableSupplyChainTradeAgreement",
            "ApplicableSupplyChainTradeSettlement",
            "SpecifiedTradeSettlementMonetarySummation",
        ),
        _ => (
            "ExchangedDocumentContext",
            "ExchangedDocument",
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "ApplicableHeaderTradeSettlement",
            "SpecifiedTradeSettlementHeaderMonetarySummation",
        ),
    };
    let profile = text(
        root,
        &[ctx, "GuidelineSpecifiedDocumentContextParameter", "ID"],
    );
    let s = path(root, &[tx, settlement]);
    let at = |names: &[&str]| s.and_then(|s| text(s, names));
    let amount = s.and_then(|s| {
        amount(s, &[sums, "DuePayableAmount"]).or_else(|| amount(s, &[sums, "GrandTotalAmount"]))
    });
    let account = s.and_then(|s| {
        children(s, "SpecifiedTradeSettlementPaymentMeans").find_map(|pm| {
            let acc = child(pm, "PayeePartyCreditorFinancialAccount")?;
            text(acc, &["IBANID"]).and_then(|i| iban(&i))
        })
    });
    let due = s.and_then(|s| {
        children(s, "SpecifiedTradePaymentTerms")
            .find_map(|t| date102(t, &["DueDateDateTime", "DateTimeString"]))
    });
    let period = s.and_then(|s| {
        range(
            date102(
                s,
                &["BillingSpecifiedPeriod", "StartDateTime", "DateTimeString"],
            ),
            date102(
                s,
                &["BillingSpecifiedPeriod", "EndDateTime", "DateTimeString"],
            ),
        )
    });
    let code = text(root, &[doc, "TypeCode"]);
    let fields = InvoiceFields {
        issuer: text(root, &[tx, agreement, "SellerTradeParty", "Name"]),
        amount,
        currency: at(&["InvoiceCurrencyCode"]),
        invoice_date: date102(root, &[doc, "IssueDateTime", "DateTimeString"]),
        due_date: due,
        invoice_number: text(root, &[doc, "ID"]),
        reference: at(&["PaymentReference"]),
        account,
        period,
        document_type: Some(doc_type(code.as_deref(), false)),
        ..Default::default()
    };
    (
        fields,
        EInvoiceInfo {
            syntax,
            profile,
            embedded: false,
        },
    )
}

/// UBL 2.1 `Invoice` / `CreditNote`.
fn ubl(root: Node, credit: bool) -> (InvoiceFields, EInvoiceInfo) {
    let supplier = path(root, &["AccountingSupplierParty", "Party"]);
    let issuer = supplier.and_then(|p| {
        text(p, &["PartyLegalEntity", "RegistrationName"])
            .or_else(|| text(p, &["PartyName", "Name"]))
    });
    let means: Vec<Node> = children(root, "PaymentMeans").collect();
    let account = means.iter().find_map(|pm| {
        let acc = child(*pm, "PayeeFinancialAccount")?;
        let id = text(acc, &["ID"])?;
        let branch = text(acc, &["FinancialInstitutionBranch", "ID"])
            .unwrap_or_default()
            .to_ascii_uppercase();
        match branch.as_str() {
            "SE:BANKGIRO" => giro(GiroKind::Bank, &id),
            "SE:PLUSGIRO" => giro(GiroKind::Plus, &id),
            _ => iban(&id),
        }
    });
    let due = iso_date(root, &["DueDate"]).or_else(|| {
        means
            .iter()
            .find_map(|pm| iso_date(*pm, &["PaymentDueDate"]))
    });
    let code = text(
        root,
        &[if credit {
            "CreditNoteTypeCode"
        } else {
            "InvoiceTypeCode"
        }],
    );
    let fields = InvoiceFields {
        issuer,
        amount: amount(root, &["LegalMonetaryTotal", "PayableAmount"]),
        currency: text(root, &["DocumentCurrencyCode"]),
        invoice_date: iso_date(root, &["IssueDate"]),
        due_date: due,
        invoice_number: text(root, &["ID"]),
        reference: means.iter().find_map(|pm| text(*pm, &["PaymentID"])),
        account,
        period: range(
            iso_date(root, &["InvoicePeriod", "StartDate"]),
            iso_date(root, &["InvoicePeriod", "EndDate"]),
        ),
        document_type: Some(doc_type(code.as_deref(), credit)),
        ..Default::default()
    };
    (
        fields,
        EInvoiceInfo {
            syntax: Syntax::Ubl,
            profile: text(root, &["CustomizationID"]),
            embedded: false,
        },
    )
}

/// The e-invoice embedded in a PDF: every embedded file of the catalog's `/AF` and
/// `/Names/EmbeddedFiles`, the first whose XML root is an e-invoice's.
pub fn embedded(pdf: &[u8]) -> Result<Option<InvoiceFields>, XmlError> {
    let Ok(mut doc) = Document::load_mem(pdf) else {
        return Ok(None);
    };
    // Encrypted with an owner password only: opens with the empty one, as its text does.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Ok(None);
    }
    let Ok(catalog) = doc.catalog() else {
        return Ok(None);
    };
    let mut specs: Vec<&Dictionary> = Vec::new();
    if let Ok(af) = catalog.get_deref(b"AF", &doc).and_then(Object::as_array) {
        specs.extend(af.iter().filter_map(|o| deref_dict(&doc, o)));
    }
    if let Ok(names) = catalog.get_deref(b"Names", &doc).and_then(Object::as_dict)
        && let Ok(tree) = names
            .get_deref(b"EmbeddedFiles", &doc)
            .and_then(Object::as_dict)
    {
        name_tree(&doc, tree, 0, &mut specs);
    }
    let mut first_err = None;
    let mut seen = Vec::new();
    for spec in specs {
        let Some((id, content)) = file_content(&doc, spec) else {
            continue;
        };
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        if sniff(&content).is_none() {
            continue;
        }
        match read_xml(&content, true) {
            Ok(Some(f)) => return Ok(Some(f)),
            Ok(None) => {}
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    first_err.map_or(Ok(None), Err)
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(o).ok()?.1.as_dict().ok()
}

/// File specifications of a name tree (`/Names [name spec ...]`, `/Kids [...]`), bounded.
fn name_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    out: &mut Vec<&'a Dictionary>,
) {
    if depth > 16 || out.len() > 256 {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [_, spec] = pair
                && let Some(d) = deref_dict(doc, spec)
            {
                out.push(d);
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids.iter().take(256) {
            if let Some(d) = deref_dict(doc, kid) {
                name_tree(doc, d, depth + 1, out);
            }
        }
    }
}

/// The bytes of a file specification's embedded file (`/EF /F` or `/UF`), inflated up to
/// [`MAX_XML`], with the stream's object id (the same file is often listed twice).
fn file_content(doc: &Document, spec: &Dictionary) -> Option<((u32, u16), Vec<u8>)> {
    let ef = spec.get_deref(b"EF", doc).ok()?.as_dict().ok()?;
    let obj = ef.get(b"F").or_else(|_| ef.get(b"UF")).ok()?;
    let id = obj.as_reference().unwrap_or((0, 0));
    let stream = doc.dereference(obj).ok()?.1.as_stream().ok()?;
    let filters = stream.filters().unwrap_or_default();
    let data = match filters.as_slice() {
        [] => stream
            .content
            .iter()
            .take(MAX_XML as usize)
            .copied()
            .collect(),
        [b"FlateDecode"] => inflate_capped(&stream.content, MAX_XML)?,
        _ => return None,
    };
    Some((id, data))
}

/// A zlib stream inflated up to `cap` bytes (a compression bomb stops there).
fn inflate_capped(data: &[u8], cap: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(cap)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inflation_bomb_stops_at_the_cap() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..64 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        let out = inflate_capped(&bomb, MAX_XML).unwrap();
        assert_eq!(out.len() as u64, MAX_XML);
    }

    #[test]
    fn sniffs_the_root_element() {
        assert_eq!(
            sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x --><rsm:CrossIndustryInvoice xmlns:rsm=\"u\">"),
            Some(Syntax::Cii)
        );
        assert_eq!(sniff(b"<Invoice xmlns=\"u\">"), Some(Syntax::Ubl));
        assert_eq!(sniff(b"<ubl:CreditNote>"), Some(Syntax::Ubl));
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
    }

    #[test]
    fn dtds_and_entities_are_refused() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&b;</ID></Invoice>"#;
        assert!(read_xml(bomb, false).is_err());
    }

    #[test]
    fn a_ubl_invoice_with_a_bankgiro() {
        let xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>F-77</cbc:ID><cbc:IssueDate>2026-11-01</cbc:IssueDate><cbc:DueDate>2026-11-30</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Nordvik AB</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>44712033560</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>5050-1055</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="SEK">1250.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>"#;
        let f = read_xml(xml, false).unwrap().unwrap();
        assert_eq!(f.account.as_deref(), Some("bankgiro:5050-1055"));
        assert_eq!(f.amount, Some("1250.00".parse().unwrap()));
        assert_eq!(f.issuer.as_deref(), Some("Nordvik AB"));
        assert_eq!(f.reference.as_deref(), Some("44712033560"));
        assert_eq!(f.document_type, Some(DocumentType::Invoice));
        assert_eq!(f.e_invoice.unwrap().syntax, Syntax::Ubl);
    }

    #[test]
    fn other_xml_is_no_invoice() {
        assert!(
            read_xml(b"<metadata><total>1</total></metadata>", false)
                .unwrap()
                .is_none()
        );
        assert!(
            read_xml(b"<Invoice xmlns=\"urn:other\"/>", false)
                .unwrap()
                .is_none()
        );
    }
}
