//! The default account's mailbox: about thirty realistic messages, built as real MIME with
//! `mail-builder`. Everything is deterministic: fixed dates, fixed boundaries and Message-IDs,
//! content generated from fixed seeds.

use mail_builder::MessageBuilder;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::text::Text;
use mail_builder::mime::{BodyPart, MimePart};
use sha2::{Digest, Sha256};

use super::mailbox::Mailbox;
use super::time::{rfc5322, unix_from_local};

/// The mailbox owner's address (the default Google account).
const ALICE: (&str, &str) = ("Alice Andersson", crate::DEFAULT_GOOGLE_EMAIL);
const BOB: (&str, &str) = ("Bob Andersson", "bob.andersson@example.org");
const WALLENSTAM: (&str, &str) = ("Wallenstam", "noreply@wallenstam.se");
const ELGIGANTEN: (&str, &str) = ("Elgiganten", "noreply@elgiganten.se");
const TELIA: (&str, &str) = ("Telia", "faktura@telia.se");

/// The size of the large PDF's pseudo-random body (6 MiB).
pub(crate) const LARGE_PDF_BODY: usize = 6 * 1024 * 1024;

/// One message to build.
struct Mail {
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
    subject: &'static str,
    /// Local date and time, and the sender's UTC offset in minutes.
    date: ((i64, u32, u32), (u32, u32, u32), i32),
    /// Unique local part of the Message-ID (the sender's domain is appended).
    msgid: &'static str,
    in_reply_to: Option<String>,
    body: MimePart<'static>,
}

fn domain(addr: &str) -> &str {
    addr.rsplit_once('@').map_or("example.com", |(_, d)| d)
}

impl Mail {
    fn message_id(&self) -> String {
        format!("{}@{}", self.msgid, domain(self.from.1))
    }

    /// The RFC 822 bytes, with the headers Gmail adds on delivery first.
    fn build(self) -> Vec<u8> {
        let (day, time, offset) = self.date;
        let unix = unix_from_local(day, time, offset);
        let received_at = rfc5322(unix + 1, -480);
        let from_domain = domain(self.from.1).to_owned();
        let message_id = self.message_id();
        let mut builder = MessageBuilder::new()
            .header("Delivered-To", Raw::new(self.to.1))
            .header(
                "Received",
                Raw::new(format!(
                    "from mail.{from_domain} (mail.{from_domain}. [198.51.100.{}]) by \
                     mx.google.com with ESMTPS id {}; {received_at} (PST)",
                    unix.rem_euclid(200) + 20,
                    &hex_digest(&message_id)[..24],
                )),
            )
            .header(
                "Return-Path",
                Raw::new(format!("<bounce+{}@{from_domain}>", self.msgid)),
            )
            .from(self.from)
            .to(self.to)
            .subject(Text::new(self.subject))
            .header("Date", Raw::new(rfc5322(unix, offset)))
            .message_id(message_id);
        if let Some(parent) = self.in_reply_to {
            builder = builder.in_reply_to(parent.clone()).references(parent);
        }
        builder
            .header("MIME-Version", Raw::new("1.0"))
            .body(self.body)
            .write_to_vec()
            .unwrap_or_default()
    }
}

fn hex_digest(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A Gmail-style boundary, fixed per message and position.
fn boundary(msgid: &str, n: u32) -> String {
    format!("0000000000{}", &hex_digest(&format!("{msgid}/{n}"))[..18])
}

fn multipart(kind: &str, msgid: &str, n: u32, parts: Vec<MimePart<'static>>) -> MimePart<'static> {
    MimePart::new(
        ContentType::new(format!("multipart/{kind}")).attribute("boundary", boundary(msgid, n)),
        BodyPart::Multipart(parts),
    )
}

fn text(s: impl Into<String>) -> MimePart<'static> {
    MimePart::new("text/plain", BodyPart::Text(s.into().into()))
}

fn html(s: impl Into<String>) -> MimePart<'static> {
    MimePart::new("text/html", BodyPart::Text(s.into().into()))
}

fn alternative(msgid: &str, n: u32, plain: &str, rich: &str) -> MimePart<'static> {
    multipart("alternative", msgid, n, vec![text(plain), html(rich)])
}

/// An attachment part: `Content-Type` with `name`, `Content-Disposition: attachment` with
/// `filename` (non-ASCII or control characters become RFC 2231 by mail-builder).
fn attachment(mime: &str, name: &str, bytes: Vec<u8>) -> MimePart<'static> {
    MimePart::new(
        ContentType::new(mime.to_owned()).attribute("name", name.to_owned()),
        BodyPart::Binary(bytes.into()),
    )
    .attachment(name.to_owned())
}

/// An inline image with a file name and a Content-ID, as mail clients send logos and
/// signature images.
fn inline_image(name: &str, cid: &str, bytes: Vec<u8>) -> MimePart<'static> {
    MimePart::new(
        ContentType::new("image/png").attribute("name", name.to_owned()),
        BodyPart::Binary(bytes.into()),
    )
    .header(
        "Content-Disposition",
        ContentType::new("inline").attribute("filename", name.to_owned()),
    )
    .cid(cid.to_owned())
}

/// `=?UTF-8?B?…?=`: an RFC 2047 encoded word, as some mailers write non-ASCII file names.
fn encoded_word(s: &str) -> String {
    use base64::Engine as _;
    format!(
        "=?UTF-8?B?{}?=",
        base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
    )
}

// ----- generated content ----------------------------------------------------------------------

/// `body` followed by its Luhn (mod 10) check digit: Swedish OCR numbers, bankgiro and
/// plusgiro numbers.
fn luhn(body: &str) -> String {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A bankgiro number (`NNNN-NNNN`) from seven digits.
fn bankgiro(body7: &str) -> String {
    let n = luhn(body7);
    format!("{}-{}", &n[..4], &n[4..])
}

/// Escapes text for a PDF literal string, Latin-1 characters as octal (WinAnsiEncoding).
fn pdf_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if (c as u32) >= 0xA0 && (c as u32) <= 0xFF => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            _ => out.push('?'),
        }
    }
    out
}

/// A small, valid one-page PDF showing these lines (a correct xref table included).
pub(crate) fn pdf(lines: &[&str]) -> Vec<u8> {
    pdf_with_file(lines, None)
}

/// A Factur-X / ZUGFeRD style PDF: the lines, and an XML invoice embedded under `name`
/// (catalog `/Names /EmbeddedFiles` and `/AF`).
pub(crate) fn pdf_with_xml(lines: &[&str], name: &str, xml: &str) -> Vec<u8> {
    pdf_with_file(lines, Some((name, xml)))
}

fn pdf_with_file(lines: &[&str], file: Option<(&str, &str)>) -> Vec<u8> {
    let mut content = String::from("BT\n/F1 12 Tf\n72 770 Td\n16 TL\n");
    for line in lines {
        content.push_str(&format!("({}) Tj T*\n", pdf_string(line)));
    }
    content.push_str("ET\n");
    let catalog = match file {
        None => "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        Some(_) => "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(invoice) 7 0 R] >> >> /AF [7 0 R] >>".to_owned(),
    };
    let mut objects = vec![
        catalog,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    if let Some((name, xml)) = file {
        objects.push(format!(
            "<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length {} >>\nstream\n{xml}\nendstream",
            xml.len()
        ));
        objects.push(format!(
            "<< /Type /Filespec /F ({0}) /UF ({0}) /AFRelationship /Data /EF << /F 6 0 R /UF 6 0 R >> >>",
            pdf_string(name)
        ));
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// xorshift64*: deterministic pseudo-random bytes.
fn pseudo_random(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A large "PDF": a `%PDF-1.7` header, 6 MiB of pseudo-random bytes, `%%EOF`.
pub(crate) fn large_pdf() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    out.extend(pseudo_random(0x5EED_1A46_E0F0_2025, LARGE_PDF_BODY));
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc_input);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
}

/// A small valid PNG (RGB, stored deflate) with a gradient in the given colour.
pub(crate) fn png(size: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..size {
        raw.push(0); // filter: none
        for x in 0..size {
            let shade = u8::try_from((x + y) * 255 / (2 * size)).unwrap_or(255);
            raw.extend_from_slice(&[
                rgb[0].wrapping_add(shade / 2),
                rgb[1].wrapping_add(shade / 3),
                rgb[2].wrapping_add(shade / 4),
            ]);
        }
    }
    // zlib stream with stored blocks.
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &z);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A JPEG-looking blob (JFIF header, pseudo-random data, EOI marker).
fn fake_jpeg(seed: u64, len: usize) -> Vec<u8> {
    let mut out = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    out.extend(pseudo_random(seed, len));
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

fn e_invoice_xml() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"\n\
     \x20        xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\"\n\
     \x20        xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">\n\
     \x20 <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n\
     \x20 <cbc:ID>INV-2026-0042</cbc:ID>\n\
     \x20 <cbc:IssueDate>2026-02-01</cbc:IssueDate>\n\
     \x20 <cbc:DueDate>2026-03-03</cbc:DueDate>\n\
     \x20 <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n\
     \x20 <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>\n\
     \x20 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Acme Cloud AB</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>\n\
     \x20 <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Alice Andersson</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>\n\
     \x20 <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>20260048</cbc:PaymentID>\n\
     \x20   <cac:PayeeFinancialAccount><cbc:ID>50501055</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>\n\
     \x20 <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"SEK\">1249.00</cbc:PayableAmount></cac:LegalMonetaryTotal>\n\
     </Invoice>\n"
        .to_owned()
}

/// The CII (Factur-X EN 16931) invoice Hetzner's PDF embeds: paid by direct debit, so no
/// due date and no payee account.
fn factur_x_xml() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" \
     xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\" \
     xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n\
     <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>\
     <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\
     </rsm:ExchangedDocumentContext>\n\
     <rsm:ExchangedDocument><ram:ID>R0024471</ram:ID><ram:TypeCode>380</ram:TypeCode>\
     <ram:IssueDateTime><udt:DateTimeString format=\"102\">20251002</udt:DateTimeString></ram:IssueDateTime>\
     </rsm:ExchangedDocument>\n\
     <rsm:SupplyChainTradeTransaction>\
     <ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>Hetzner Online GmbH</ram:Name>\
     </ram:SellerTradeParty><ram:BuyerTradeParty><ram:Name>Alice Andersson</ram:Name></ram:BuyerTradeParty>\
     </ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery/>\
     <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>\
     <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>59</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>\
     <ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTimeString format=\"102\">20250901</udt:DateTimeString></ram:StartDateTime>\
     <ram:EndDateTime><udt:DateTimeString format=\"102\">20250930</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>\
     <ram:SpecifiedTradePaymentTerms><ram:DirectDebitMandateID>HZ-7788</ram:DirectDebitMandateID></ram:SpecifiedTradePaymentTerms>\
     <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>10.00</ram:LineTotalAmount>\
     <ram:TaxBasisTotalAmount>10.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">1.90</ram:TaxTotalAmount>\
     <ram:GrandTotalAmount>11.90</ram:GrandTotalAmount><ram:DuePayableAmount>11.90</ram:DuePayableAmount>\
     </ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>\
     </rsm:SupplyChainTradeTransaction>\n\
     </rsm:CrossIndustryInvoice>\n"
        .to_owned()
}

// ----- the messages ---------------------------------------------------------------------------

fn rent_notice(
    subject: &'static str,
    msgid: &'static str,
    date: (i64, u32, u32),
    offset: i32,
    month_text: &str,
    file_name: &str,
) -> Mail {
    let plain = format!(
        "Hej Alice Andersson,\n\nHär kommer din hyresavi för {month_text} för lägenhet 1102, \
         Vasagatan 12, Göteborg.\n\nAtt betala: 9 845 kr\nOCR-nummer: 11020{}\n\
         Förfallodag: sista vardagen före månadsskiftet\n\nHyresavin finns bifogad som PDF.\n\n\
         Med vänliga hälsningar\nWallenstam AB\n",
        date.1
    );
    let rich = format!(
        "<!DOCTYPE html><html lang=\"sv\"><body style=\"font-family:Arial\">\
         <p>Hej Alice Andersson,</p><p>Här kommer din hyresavi för <b>{month_text}</b> för \
         lägenhet 1102, Vasagatan 12, Göteborg.</p><table><tr><td>Att betala</td>\
         <td>9&nbsp;845 kr</td></tr><tr><td>OCR-nummer</td><td>11020{}</td></tr></table>\
         <p>Hyresavin finns bifogad som PDF.</p><p>Med vänliga hälsningar<br>Wallenstam AB</p>\
         </body></html>",
        date.1
    );
    // Due on the last day of the month the notice is sent in, paid to Wallenstam's
    // bankgiro with the OCR number of the flat and the month.
    let (y, m) = (date.0, date.1);
    let last = match m {
        2 if y % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let ocr = luhn(&format!("1102{y}{m:02}"));
    let pdf_bytes = pdf(&[
        "Wallenstam AB - Hyresavi",
        &format!("Avser: {month_text}"),
        "Hyresgast: Alice Andersson, lagenhet 1102",
        "Att betala: 9 845 kr",
        &format!("F\u{f6}rfallodatum: {y}-{m:02}-{last}"),
        &format!("OCR: {ocr}"),
        &format!("Bankgiro: {}", bankgiro("5050105")),
    ]);
    Mail {
        from: WALLENSTAM,
        to: ALICE,
        subject,
        date: (date, (8, 0, 0), offset),
        msgid,
        in_reply_to: None,
        body: multipart(
            "mixed",
            msgid,
            0,
            vec![
                alternative(msgid, 1, &plain, &rich),
                attachment("application/pdf", file_name, pdf_bytes),
            ],
        ),
    }
}

fn simple_invoice(
    from: (&'static str, &'static str),
    subject: &'static str,
    msgid: &'static str,
    date: ((i64, u32, u32), (u32, u32, u32), i32),
    plain: &str,
    attachments: Vec<MimePart<'static>>,
) -> Mail {
    let mut parts = vec![text(plain)];
    parts.extend(attachments);
    Mail {
        from,
        to: ALICE,
        subject,
        date,
        msgid,
        in_reply_to: None,
        body: multipart("mixed", msgid, 0, parts),
    }
}

/// The default mailbox, in delivery order, with its labels.
fn messages() -> Vec<(Mail, &'static [&'static str])> {
    const INVOICE: &[&str] = &["INBOX", "CATEGORY_UPDATES"];
    const RENT: &[&str] = &["INBOX", "CATEGORY_UPDATES", "Hyra"];
    const RECEIPT: &[&str] = &["INBOX", "CATEGORY_UPDATES", "Kvitton"];
    let mut out: Vec<(Mail, &'static [&'static str])> = Vec::new();

    // 2025-10-02: German invoice with a PDF.
    out.push((
        simple_invoice(
            ("Hetzner Online GmbH", "billing@hetzner.com"),
            "Ihre Rechnung Nr. R0024471",
            "rechnung-R0024471",
            ((2025, 10, 2), (6, 12, 0), 120),
            "Sehr geehrte Frau Andersson,\n\nanbei erhalten Sie Ihre Rechnung Nr. R0024471 \
             für September 2025.\nDer Betrag von 11,90 EUR wird per Lastschrift eingezogen.\n\n\
             Mit freundlichen Grüßen\nHetzner Online GmbH\n",
            vec![attachment(
                "application/pdf",
                "Rechnung_R0024471.pdf",
                pdf_with_xml(
                    &[
                        "Hetzner Online GmbH",
                        "Rechnung R0024471",
                        "Rechnungsdatum: 02.10.2025",
                        "Leistungszeitraum: 01.09.2025 - 30.09.2025",
                        "Betrag: 11,90 EUR",
                        "Der Betrag wird per Lastschrift eingezogen.",
                    ],
                    "factur-x.xml",
                    &factur_x_xml(),
                ),
            )],
        ),
        INVOICE,
    ));

    // 2025-10-20: a rent notice that was deleted (in the trash).
    out.push((
        rent_notice(
            "Hyresavi november 2025",
            "avi-2025-11-1102",
            (2025, 10, 20),
            120,
            "november 2025",
            "Hyresavi_2025-11.pdf",
        ),
        &["TRASH", "CATEGORY_UPDATES"],
    ));

    // 2025-11-05: a forwarded invoice (message/rfc822 with a PDF inside).
    {
        let inner_id = "vf-faktura-2025-0931";
        let inner = Mail {
            from: ("Vattenfall", "kundservice@vattenfall.se"),
            to: BOB,
            subject: "Faktura 2025-0931 från Vattenfall",
            date: ((2025, 11, 3), (7, 0, 0), 60),
            msgid: inner_id,
            in_reply_to: None,
            body: multipart(
                "mixed",
                inner_id,
                0,
                vec![
                    alternative(
                        inner_id,
                        1,
                        "Hej Bob,\n\nDin elfaktura för oktober 2025 är här. Att betala: \
                         1 312 kr senast 2025-11-30.\n\nVattenfall\n",
                        "<html><body><p>Hej Bob,</p><p>Din elfaktura för oktober 2025 är här. \
                         Att betala: <b>1&nbsp;312 kr</b> senast 2025-11-30.</p>\
                         <p>Vattenfall</p></body></html>",
                    ),
                    attachment(
                        "application/pdf",
                        "Vattenfall_faktura_2025-0931.pdf",
                        pdf(&[
                            "Vattenfall AB",
                            "Faktura 2025-0931",
                            "Att betala: 1 312 kr",
                            "F\u{f6}rfallodatum: 2025-11-30",
                            &format!("OCR: {}", luhn("20250931")),
                            &format!("Bankgiro: {}", bankgiro("5400016")),
                        ]),
                    ),
                ],
            ),
        }
        .build();
        let msgid = "fwd-vf-2025-0931";
        let eml_name = "Faktura 2025-0931 från Vattenfall.eml";
        out.push((
            Mail {
                from: BOB,
                to: ALICE,
                subject: "Fwd: Faktura 2025-0931 från Vattenfall",
                date: ((2025, 11, 5), (21, 40, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        text(
                            "Hej Alice,\n\nhär är elfakturan för lägenheten, kan du lägga in den \
                             bland de andra?\n\n/Bob\n",
                        ),
                        MimePart::new(
                            ContentType::new("message/rfc822").attribute("name", eml_name),
                            BodyPart::Binary(inner.into()),
                        )
                        .transfer_encoding("7bit")
                        .attachment(eml_name),
                    ],
                ),
            },
            &["INBOX", "UNREAD"],
        ));
    }

    // 2025-11-20: rent notice.
    out.push((
        rent_notice(
            "Hyresavi december 2025",
            "avi-2025-12-1102",
            (2025, 11, 20),
            60,
            "december 2025",
            "Hyresavi_2025-12.pdf",
        ),
        RENT,
    ));

    // 2025-11-24: marketing with an image attachment.
    {
        let msgid = "bf-2025-kampanj";
        out.push((
            Mail {
                from: ELGIGANTEN,
                to: ALICE,
                subject: "Black Friday: upp till 50 % rabatt på TV och ljud",
                date: ((2025, 11, 24), (7, 0, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        alternative(
                            msgid,
                            1,
                            "Black Friday är här! Upp till 50 % rabatt på TV, ljud och \
                             hushåll. Se hela katalogen i bilagan.\n",
                            "<html><body><h1>Black Friday är här!</h1><p>Upp till 50 % rabatt \
                             på TV, ljud och hushåll.</p></body></html>",
                        ),
                        attachment("image/jpeg", "katalog.jpg", fake_jpeg(0xB1AC_F41D, 3000)),
                    ],
                ),
            },
            &["CATEGORY_PROMOTIONS"],
        ));
    }

    // 2025-11-28: Elgiganten order confirmation (HTML receipt, no attachment), then its
    // shipping notice in the same thread.
    let order_id = "order-4711-2233";
    out.push((
        Mail {
            from: ELGIGANTEN,
            to: ALICE,
            subject: "Orderbekräftelse – order 4711-2233",
            date: ((2025, 11, 28), (14, 3, 0), 60),
            msgid: order_id,
            in_reply_to: None,
            body: alternative(
                order_id,
                0,
                "Tack för din beställning!\n\nOrdernummer: 4711-2233\n\
                 Samsung 55\" QLED TV   7 990 kr\nFrakt                     0 kr\n\
                 Totalt (inkl. moms)   7 990 kr\n\nVi meddelar dig när ordern skickas.\n",
                "<!DOCTYPE html><html><body style=\"font-family:Helvetica\">\
                 <h2>Tack för din beställning!</h2><p>Ordernummer: <b>4711-2233</b></p>\
                 <table><tr><td>Samsung 55&quot; QLED TV</td><td>7&nbsp;990 kr</td></tr>\
                 <tr><td>Frakt</td><td>0 kr</td></tr><tr><th>Totalt (inkl. moms)</th>\
                 <th>7&nbsp;990 kr</th></tr></table><p>Vi meddelar dig när ordern skickas.</p>\
                 </body></html>",
            ),
        },
        RECEIPT,
    ));
    out.push((
        Mail {
            from: ELGIGANTEN,
            to: ALICE,
            subject: "Din order 4711-2233 har skickats",
            date: ((2025, 12, 1), (9, 12, 0), 60),
            msgid: "ship-4711-2233",
            in_reply_to: Some(format!("{order_id}@elgiganten.se")),
            body: text(
                "Hej Alice,\n\nDin order 4711-2233 har lämnat vårt lager och levereras med \
                 PostNord inom 1–3 vardagar.\nSpårningsnummer: 00370712345678901234\n",
            ),
        },
        INVOICE,
    ));

    // 2025-12-03: Wallenstam newsletter (mentions invoices in the body only).
    {
        let msgid = "nyhetsbrev-2025-12";
        out.push((
            Mail {
                from: WALLENSTAM,
                to: ALICE,
                subject: "Nyhetsbrev från Wallenstam – vintern 2025",
                date: ((2025, 12, 3), (10, 15, 0), 60),
                msgid,
                in_reply_to: None,
                body: alternative(
                    msgid,
                    0,
                    "Vinterns nyheter från Wallenstam.\n\nVisste du att du kan få din faktura \
                     och hyresavi digitalt? Logga in på Mina sidor.\nSnöröjning: ring \
                     fastighetsjouren vid behov.\n",
                    "<html><body><h1>Vinterns nyheter</h1><p>Visste du att du kan få din \
                     faktura och hyresavi digitalt? Logga in på Mina sidor.</p>\
                     <p>Snöröjning: ring fastighetsjouren vid behov.</p></body></html>",
                ),
            },
            &["INBOX", "CATEGORY_UPDATES"],
        ));
    }

    // 2025-12-12: invoice with an inline logo and an Outlook signature image, and the PDF.
    {
        let msgid = "faktura-2025-118";
        let plain = "Hej Alice,\n\nBifogat finns faktura 2025-118 för köksrenoveringen.\n\
                     Belopp: 48 500 kr (efter ROT-avdrag).\n\nVänliga hälsningar\n\
                     Karin Bergström\nBergström Bygg AB\n";
        let rich = "<html><body><p><img src=\"cid:logo@bergstrombygg.se\" alt=\"Bergström Bygg\" \
                    width=\"120\"></p><p>Hej Alice,</p><p>Bifogat finns faktura 2025-118 för \
                    köksrenoveringen.<br>Belopp: <b>48&nbsp;500 kr</b> (efter ROT-avdrag).</p>\
                    <p>Vänliga hälsningar<br>Karin Bergström<br>\
                    <img src=\"cid:image001.png@01DC6B2A.5E3F1A20\" width=\"200\"></p>\
                    </body></html>";
        out.push((
            Mail {
                from: ("Bergström Bygg AB", "ekonomi@bergstrombygg.se"),
                to: ALICE,
                subject: "Faktura 2025-118 – köksrenovering",
                date: ((2025, 12, 12), (16, 5, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        multipart(
                            "related",
                            msgid,
                            1,
                            vec![
                                alternative(msgid, 2, plain, rich),
                                inline_image(
                                    "logo.png",
                                    "logo@bergstrombygg.se",
                                    png(24, [10, 60, 120]),
                                ),
                                inline_image(
                                    "image001.png",
                                    "image001.png@01DC6B2A.5E3F1A20",
                                    png(16, [200, 40, 40]),
                                ),
                            ],
                        ),
                        attachment(
                            "application/pdf",
                            "Faktura_2025-118.pdf",
                            pdf(&["Bergstrom Bygg AB", "Faktura 2025-118", "Belopp: 48 500 kr"]),
                        ),
                    ],
                ),
            },
            &["INBOX", "IMPORTANT"],
        ));
    }

    // 2025-12-19: rent notice.
    out.push((
        rent_notice(
            "Hyresavi januari 2026",
            "avi-2026-01-1102",
            (2025, 12, 19),
            60,
            "januari 2026",
            "Hyresavi_2026-01.pdf",
        ),
        RENT,
    ));

    // 2025-12-28: invoice whose PDF is sent as application/octet-stream.
    {
        let msgid = "fortum-faktura-1234";
        out.push((
            Mail {
                from: ("Fortum", "faktura@fortum.se"),
                to: ALICE,
                subject: "Faktura 1234 från Fortum",
                date: ((2025, 12, 28), (11, 0, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        alternative(
                            msgid,
                            1,
                            "Hej!\n\nDin faktura 1234 på 842 kr finns bifogad.\n\nFortum\n",
                            "<html><body><p>Hej!</p><p>Din faktura 1234 på 842 kr finns \
                             bifogad.</p><p>Fortum</p></body></html>",
                        ),
                        attachment(
                            "application/octet-stream",
                            "faktura_1234.pdf",
                            pdf(&[
                                "Fortum",
                                "Faktura 1234",
                                "Att betala: 842 kr",
                                "Sista betalningsdag: 2026-01-27",
                                &format!("OCR: {}", luhn("12340012")),
                                &format!("Plusgiro: {}", {
                                    let n = luhn("448429");
                                    format!("{}-{}", &n[..n.len() - 1], &n[n.len() - 1..])
                                }),
                            ]),
                        ),
                    ],
                ),
            },
            INVOICE,
        ));
    }

    // 2026-01-05: two Telia invoices, same sender, same Date, same file name.
    for (msgid, subject, what, amount) in [
        (
            "telia-2026-01-mobil",
            "Din faktura från Telia – mobilabonnemang",
            "Mobilabonnemang",
            "299 kr",
        ),
        (
            "telia-2026-01-bredband",
            "Din faktura från Telia – bredband",
            "Bredband 250/250",
            "449 kr",
        ),
    ] {
        out.push((
            simple_invoice(
                TELIA,
                subject,
                msgid,
                ((2026, 1, 5), (6, 0, 0), 60),
                &format!(
                    "Hej Alice,\n\nDin faktura för {what} är klar. Att betala: {amount}.\n\nTelia\n"
                ),
                vec![attachment(
                    "application/pdf",
                    "faktura.pdf",
                    pdf(&[
                        "Telia Sverige AB",
                        &format!("Faktura: {what}"),
                        &format!("Att betala: {amount}"),
                        "F\u{f6}rfallodatum: 2026-01-31",
                        &format!(
                            "OCR: {}",
                            luhn(&format!("5599{}", amount.trim_end_matches(" kr")))
                        ),
                        &format!("Bankgiro: {}", bankgiro("5581234")),
                    ]),
                )],
            ),
            INVOICE,
        ));
    }

    // 2026-01-09: food delivery receipt, HTML with an inline logo, no attachment.
    {
        let msgid = "foodora-order-sv7k2";
        let rich = "<!DOCTYPE html><html><body><img src=\"cid:foodora-logo\" alt=\"foodora\">\
                    <h2>Kvitto för din beställning</h2><p>Restaurang: Pizzeria Napoli</p>\
                    <table><tr><td>1 × Margherita</td><td>119 kr</td></tr>\
                    <tr><td>1 × Tiramisu</td><td>59 kr</td></tr><tr><td>Leveransavgift</td>\
                    <td>29 kr</td></tr><tr><th>Totalt</th><th>207 kr</th></tr></table>\
                    <p>Moms 12 %: 22,18 kr</p></body></html>";
        let plain = "Kvitto för din beställning\n\nRestaurang: Pizzeria Napoli\n\
                     1 x Margherita 119 kr\n1 x Tiramisu 59 kr\nLeveransavgift 29 kr\n\
                     Totalt 207 kr\nMoms 12 %: 22,18 kr\n";
        out.push((
            Mail {
                from: ("foodora", "no-reply@foodora.se"),
                to: ALICE,
                subject: "Kvitto för din beställning",
                date: ((2026, 1, 9), (19, 42, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "related",
                    msgid,
                    0,
                    vec![
                        alternative(msgid, 1, plain, rich),
                        inline_image("foodora-logo.png", "foodora-logo", png(20, [215, 15, 100])),
                    ],
                ),
            },
            RECEIPT,
        ));
    }

    // 2026-01-17: an RFC 2047-encoded file name (and an encoded sender name).
    {
        let msgid = "ahlens-kvitto-260117";
        let name = encoded_word("Kvitto_Åhléns_2026-01-17.pdf");
        out.push((
            Mail {
                from: ("Åhléns", "kundservice@ahlens.se"),
                to: ALICE,
                subject: "Ditt kvitto från Åhléns",
                date: ((2026, 1, 17), (15, 20, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        text("Tack för ditt köp! Ditt digitala kvitto finns bifogat.\n"),
                        MimePart::new(
                            ContentType::new("application/pdf").attribute("name", name.clone()),
                            BodyPart::Binary(
                                pdf(&["Ahlens City", "Kvitto 2026-01-17", "Summa: 649 kr"]).into(),
                            ),
                        )
                        .header(
                            "Content-Disposition",
                            ContentType::new("attachment").attribute("filename", name),
                        ),
                    ],
                ),
            },
            RECEIPT,
        ));
    }

    // 2026-01-20: rent notice with the other subject.
    out.push((
        rent_notice(
            "Avi för hyra februari 2026",
            "avi-2026-02-1102",
            (2026, 1, 20),
            60,
            "februari 2026",
            "Hyresavi_2026-02.pdf",
        ),
        RENT,
    ));

    // 2026-01-31: invoice with a large (6 MiB) PDF.
    {
        let msgid = "lf-arsbesked-2025";
        out.push((
            Mail {
                from: ("Länsförsäkringar", "noreply@lansforsakringar.se"),
                to: ALICE,
                subject: "Faktura och årsbesked 2025",
                date: ((2026, 1, 31), (7, 30, 0), 60),
                msgid,
                in_reply_to: None,
                body: multipart(
                    "mixed",
                    msgid,
                    0,
                    vec![
                        alternative(
                            msgid,
                            1,
                            "Hej Alice,\n\nHär är din faktura för hemförsäkringen och ditt \
                             årsbesked för 2025.\n\nLänsförsäkringar\n",
                            "<html><body><p>Hej Alice,</p><p>Här är din faktura för \
                             hemförsäkringen och ditt årsbesked för 2025.</p></body></html>",
                        ),
                        attachment("application/pdf", "Arsbesked_2025.pdf", large_pdf()),
                    ],
                ),
            },
            INVOICE,
        ));
    }

    // 2026-02-01: an XML e-invoice alongside its PDF.
    out.push((
        simple_invoice(
            ("Acme Cloud AB", "invoices@acmecloud.se"),
            "Invoice INV-2026-0042",
            "inv-2026-0042",
            ((2026, 2, 1), (9, 0, 0), 60),
            "Dear customer,\n\nplease find attached invoice INV-2026-0042 (PDF and Peppol \
             BIS 3.0 XML).\nAmount due: SEK 1,249.00 by 2026-03-03.\n\nAcme Cloud AB\n",
            vec![
                attachment(
                    "application/xml",
                    "invoice.xml",
                    e_invoice_xml().into_bytes(),
                ),
                attachment(
                    "application/pdf",
                    "INV-2026-0042.pdf",
                    pdf(&[
                        "Acme Cloud AB",
                        "Invoice INV-2026-0042",
                        "Amount due: SEK 1,249.00",
                        "Due date: 2026-03-03",
                        &format!("OCR: {}", luhn("2026004")),
                        &format!("Bankgiro: {}", bankgiro("5050105")),
                    ]),
                ),
            ],
        ),
        INVOICE,
    ));

    // 2026-02-02 / 03: hostile file names (and a hostile subject and sender name).
    out.push((
        simple_invoice(
            ("Billing Dept", "billing@sketchy-hosting.example"),
            "Invoice #88231",
            "inv-88231",
            ((2026, 2, 2), (3, 14, 0), 0),
            "Your invoice #88231 is attached.\n",
            vec![
                attachment(
                    "application/pdf",
                    "../../etc/passwd.pdf",
                    pdf(&["hostile 1: ../../etc/passwd.pdf"]),
                ),
                attachment(
                    "application/pdf",
                    "..\\..\\windows\\evil.pdf",
                    pdf(&["hostile 2: ..\\..\\windows\\evil.pdf"]),
                ),
                attachment("application/pdf", "CON.pdf", pdf(&["hostile 3: CON.pdf"])),
                attachment(
                    "application/pdf",
                    ".hidden.pdf",
                    pdf(&["hostile 4: .hidden.pdf"]),
                ),
            ],
        ),
        INVOICE,
    ));
    out.push((
        simple_invoice(
            ("\u{1b}[2JWeird Shop", "noreply@weird-shop.example"),
            "Receipt \u{1b}[31m2026-0007\u{1b}[0m",
            "rcpt-2026-0007",
            ((2026, 2, 3), (3, 15, 0), 0),
            "Thanks for shopping. Receipt attached.\n",
            vec![
                attachment(
                    "application/pdf",
                    "\u{1b}[31mred.pdf",
                    pdf(&["hostile 5: ANSI escape"]),
                ),
                attachment(
                    "application/pdf",
                    &long_name(),
                    pdf(&["hostile 6: 300-character name"]),
                ),
                attachment(
                    "application/pdf",
                    "nul\u{0}byte\u{7}bell.pdf",
                    pdf(&["hostile 7: NUL and BEL in the name"]),
                ),
            ],
        ),
        INVOICE,
    ));

    // 2026-02-06: English receipt, a single text/html part.
    out.push((
        Mail {
            from: ("Pizza Hut", "receipts@pizzahut.co.uk"),
            to: ALICE,
            subject: "Your receipt from Pizza Hut",
            date: ((2026, 2, 6), (20, 31, 0), 0),
            msgid: "ph-receipt-99120",
            in_reply_to: None,
            body: html(
                "<!DOCTYPE html><html><body><h1>Thanks for your order!</h1>\
                 <p>Receipt #99120 &middot; 6 Feb 2026</p><table>\
                 <tr><td>Large Pepperoni</td><td>&pound;15.99</td></tr>\
                 <tr><td>Garlic Bread</td><td>&pound;4.49</td></tr>\
                 <tr><th>Total</th><th>&pound;20.48</th></tr></table>\
                 <p>Paid with Visa ending 4242.</p></body></html>",
            ),
        },
        RECEIPT,
    ));

    // 2026-02-10: the invoice words are only in the body, as the phrase "order confirmation".
    {
        let msgid = "bokus-55012";
        out.push((
            Mail {
                from: ("Bokus", "order@bokus.com"),
                to: ALICE,
                subject: "Thanks for your order #55012",
                date: ((2026, 2, 10), (12, 0, 0), 60),
                msgid,
                in_reply_to: None,
                body: alternative(
                    msgid,
                    0,
                    "This email is your order confirmation.\n\nOrder #55012\n\
                     1 x Pippi Långstrump (inbunden) 189 kr\nTotal: 189 kr\n",
                    "<html><body><p>This email is your <b>order confirmation</b>.</p>\
                     <p>Order #55012</p><p>1 × Pippi Långstrump (inbunden) 189 kr<br>\
                     Total: 189 kr</p></body></html>",
                ),
            },
            RECEIPT,
        ));
    }

    // 2026-02-12: newsletter with "order" and "confirmation" apart.
    {
        let msgid = "ica-v7-2026";
        out.push((
            Mail {
                from: ("ICA Maxi", "nyhetsbrev@ica.se"),
                to: ALICE,
                subject: "Veckans erbjudanden på ICA Maxi",
                date: ((2026, 2, 12), (6, 0, 0), 60),
                msgid,
                in_reply_to: None,
                body: alternative(
                    msgid,
                    0,
                    "Veckans erbjudanden! Order now and save. Confirmation of your Stammis \
                     membership is in the app.\n",
                    "<html><body><h1>Veckans erbjudanden</h1><p>Order now and save.</p>\
                     <p>Confirmation of your Stammis membership is in the app.</p></body></html>",
                ),
            },
            &["CATEGORY_PROMOTIONS", "UNREAD"],
        ));
    }

    // 2026-02-13: a personal thread, the reply sent by Alice.
    out.push((
        Mail {
            from: BOB,
            to: ALICE,
            subject: "Middag på lördag?",
            date: ((2026, 2, 13), (18, 22, 0), 60),
            msgid: "middag-1",
            in_reply_to: None,
            body: text("Hej! Ska vi äta middag på lördag? Jag bjuder.\n/Bob\n"),
        },
        &["INBOX", "UNREAD", "IMPORTANT"],
    ));
    out.push((
        Mail {
            from: ALICE,
            to: BOB,
            subject: "Re: Middag på lördag?",
            date: ((2026, 2, 13), (19, 1, 0), 60),
            msgid: "middag-2",
            in_reply_to: Some("middag-1@example.org".to_owned()),
            body: text("Gärna! Klockan sju?\n/Alice\n"),
        },
        &["SENT"],
    ));

    // 2026-02-14: a chat message that mentions an order confirmation.
    out.push((
        Mail {
            from: BOB,
            to: ALICE,
            subject: "Chat with Bob Andersson",
            date: ((2026, 2, 14), (10, 0, 0), 60),
            msgid: "chat-bob-1",
            in_reply_to: None,
            body: text("Did you get the order confirmation from Elgiganten?\n"),
        },
        &["CHAT"],
    ));

    // 2026-02-15: a spam "invoice" with a PDF.
    out.push((
        simple_invoice(
            ("Inkasso Nord", "krav@inkasso-nord.example"),
            "Faktura #99812 – betala omedelbart",
            "spam-99812",
            ((2026, 2, 15), (2, 0, 0), 60),
            "Er faktura är förfallen. Betala omedelbart för att undvika inkasso.\n",
            vec![attachment(
                "application/pdf",
                "Faktura_99812.pdf",
                pdf(&["Inkasso Nord", "Faktura 99812 (spam)"]),
            )],
        ),
        &["SPAM", "UNREAD"],
    ));

    // 2026-02-20: rent notice with an RFC 2231-encoded Swedish file name.
    out.push((
        rent_notice(
            "Hyresavi mars 2026",
            "avi-2026-03-1102",
            (2026, 2, 20),
            60,
            "mars 2026",
            "Hyresavi_för_lägenhet_1102.pdf",
        ),
        &["INBOX", "CATEGORY_UPDATES", "Hyra", "UNREAD"],
    ));

    out
}

/// A 300-character file name ending in `.pdf`.
fn long_name() -> String {
    let stem = "Kvitto_mycket_langt_filnamn_";
    let mut name = String::new();
    while name.len() < 296 {
        name.push_str(stem);
    }
    name.truncate(296);
    name.push_str(".pdf");
    name
}

/// Builds the default mailbox.
pub(crate) fn default_mailbox() -> Mailbox {
    let mut mailbox = Mailbox::new();
    for (mail, labels) in messages() {
        mailbox.add(mail.build(), labels);
    }
    mailbox
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mailbox_is_deterministic() {
        let a = default_mailbox();
        let b = default_mailbox();
        assert_eq!(a.messages.len(), b.messages.len());
        for (x, y) in a.messages.iter().zip(&b.messages) {
            assert_eq!(x.id, y.id);
            assert_eq!(x.raw, y.raw, "{}", x.subject);
            assert_eq!(x.internal_date_ms, y.internal_date_ms);
        }
    }

    #[test]
    fn generated_files_look_right() {
        let doc = pdf(&["Hej (världen)"]);
        assert!(doc.starts_with(b"%PDF-1.4\n") && doc.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&doc);
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(doc[xref..].starts_with(b"xref"));
        assert!(text.contains("(Hej \\(v\\344rlden\\)) Tj"));
        let image = png(4, [1, 2, 3]);
        assert!(
            image.starts_with(b"\x89PNG\r\n\x1a\n")
                && image.ends_with(&crc32(b"IEND").to_be_bytes())
        );
        assert_eq!(large_pdf().len(), LARGE_PDF_BODY + 15 + 7);
        assert_eq!(long_name().chars().count(), 300);
    }
}
