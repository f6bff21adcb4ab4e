#!/usr/bin/env python3
"""E-invoice corpus: XML e-invoices (UBL, CII, ZUGFeRD 1), Factur-X / ZUGFeRD PDFs that embed
them, an XML-less copy of each PDF for the text reader, and the expected fields beside each
document (`NAME.expected.json`), read from the XML with XPath (an oracle independent of the Rust
reader). Run from the repository root:

    python3 -m venv /tmp/einv && /tmp/einv/bin/pip install factur-x fpdf2
    /tmp/einv/bin/python3 tests/corpus/einvoice/generate.py

The output under `tests/corpus/einvoice/docs/` is committed; tests only read it. The sources are
the XRechnung test suite's cases in `xrechnung/` (Apache-2.0, see `xrechnung/LICENSE` and
README.md); the variants made here (credit notes, a foreign currency, a direct debit without a
due date, a Swedish bankgiro invoice, a ZUGFeRD 1 invoice, a PDF whose visible text disagrees with
its XML) are derived from them or written below, with invented names and numbers.
"""
import copy
import io
import json
import os
import re
import shutil
from decimal import Decimal

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "xrechnung")
DOCS = os.path.join(HERE, "docs")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

CREDIT_CODES = {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"}
UBL_INV = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CN = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"


# ------------------------------------------------------------------ check digits
def iban_ok(s):
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def iban(country, bban):
    digits = "".join(str(int(c, 36)) for c in (bban + country + "00"))
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def giro_fmt(kind, digits):
    if kind == "bankgiro":
        return f"bankgiro:{digits[:-4]}-{digits[-4:]}"
    return f"plusgiro:{digits[:-1]}-{digits[-1]}"


# ------------------------------------------------------------------ the oracle (XPath)
def x1(node, path):
    r = node.xpath(path)
    if not r:
        return None
    v = r[0] if isinstance(r[0], str) else r[0].text
    v = (v or "").strip()
    return v or None


def L(*names):
    """A path of local names, any namespace."""
    return "/".join(f"*[local-name()='{n}']" for n in names)


def d102(s):
    if s and re.fullmatch(r"\d{8}", s):
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    return None


def period(a, b):
    if a and b:
        return f"{a}/{b}"
    return None


def oracle(xml_bytes, embedded):
    root = etree.fromstring(xml_bytes)
    name = etree.QName(root).localname
    if name == "CrossIndustryInvoice":
        syntax = "cii"
        hs = L("SupplyChainTradeTransaction", "ApplicableHeaderTradeSettlement")
        ha = L("SupplyChainTradeTransaction", "ApplicableHeaderTradeAgreement")
        ctx = "ExchangedDocumentContext"
        doc = "ExchangedDocument"
        sums = "SpecifiedTradeSettlementHeaderMonetarySummation"
    elif name == "CrossIndustryDocument":
        syntax = "zugferd1"
        hs = L("SpecifiedSupplyChainTradeTransaction", "ApplicableSupplyChainTradeSettlement")
        ha = L("SpecifiedSupplyChainTradeTransaction", "ApplicableSupplyChainTradeAgreement")
        ctx = "SpecifiedExchangedDocumentContext"
        doc = "HeaderExchangedDocument"
        sums = "SpecifiedTradeSettlementMonetarySummation"
    else:
        syntax = "ubl"
    if syntax in ("cii", "zugferd1"):
        type_code = x1(root, L(doc, "TypeCode"))
        ibans = [x1(root, f"{hs}/" + L("SpecifiedTradeSettlementPaymentMeans", "PayeePartyCreditorFinancialAccount", "IBANID"))]
        account = next((i.replace(" ", "") for i in ibans if i and iban_ok(i)), None)
        amount = x1(root, f"{hs}/" + L(sums, "DuePayableAmount"))
        if amount is None:
            amount = x1(root, f"{hs}/" + L(sums, "GrandTotalAmount"))
        f = dict(
            issuer=x1(root, f"{ha}/" + L("SellerTradeParty", "Name")),
            amount=amount,
            currency=x1(root, f"{hs}/" + L("InvoiceCurrencyCode")),
            invoice_date=d102(x1(root, L(doc, "IssueDateTime", "DateTimeString"))),
            due_date=d102(x1(root, f"{hs}/" + L("SpecifiedTradePaymentTerms", "DueDateDateTime", "DateTimeString"))),
            invoice_number=x1(root, L(doc, "ID")),
            reference=x1(root, f"{hs}/" + L("PaymentReference")),
            account=account,
            period=period(
                d102(x1(root, f"{hs}/" + L("BillingSpecifiedPeriod", "StartDateTime", "DateTimeString"))),
                d102(x1(root, f"{hs}/" + L("BillingSpecifiedPeriod", "EndDateTime", "DateTimeString")))),
            document_type="credit_note" if type_code in CREDIT_CODES else "invoice",
        )
        profile = x1(root, L(ctx, "GuidelineSpecifiedDocumentContextParameter", "ID"))
    else:
        credit = name == "CreditNote"
        type_code = x1(root, L("CreditNoteTypeCode" if credit else "InvoiceTypeCode"))
        account = None
        for pm in root.xpath(L("PaymentMeans")):
            acc = x1(pm, L("PayeeFinancialAccount", "ID"))
            branch = (x1(pm, L("PayeeFinancialAccount", "FinancialInstitutionBranch", "ID")) or "").upper()
            if not acc:
                continue
            digits = re.sub(r"\D", "", acc)
            if branch in ("SE:BANKGIRO", "SE:PLUSGIRO") and luhn_digit(digits[:-1]) == digits[-1]:
                account = giro_fmt(branch[3:].lower(), digits)
            elif iban_ok(acc):
                account = acc.replace(" ", "").upper()
            if account:
                break
        due = x1(root, L("DueDate")) or x1(root, L("PaymentMeans", "PaymentDueDate"))
        f = dict(
            issuer=x1(root, L("AccountingSupplierParty", "Party", "PartyLegalEntity", "RegistrationName"))
            or x1(root, L("AccountingSupplierParty", "Party", "PartyName", "Name")),
            amount=x1(root, L("LegalMonetaryTotal", "PayableAmount")),
            currency=x1(root, L("DocumentCurrencyCode")),
            invoice_date=x1(root, L("IssueDate")),
            due_date=due,
            invoice_number=x1(root, L("ID")),
            reference=x1(root, L("PaymentMeans", "PaymentID")),
            account=account,
            period=period(x1(root, L("InvoicePeriod", "StartDate")), x1(root, L("InvoicePeriod", "EndDate"))),
            document_type="credit_note" if credit or type_code in CREDIT_CODES else "invoice",
        )
        profile = x1(root, L("CustomizationID"))
    f["source"] = "e-invoice"
    f["e_invoice"] = dict(syntax=syntax, profile=profile, embedded=embedded)
    f["mismatch"] = []
    return f


# ------------------------------------------------------------------ derived XMLs
def load(name):
    with open(os.path.join(SRC, name), "rb") as fh:
        return etree.fromstring(fh.read())


def ram(tree, path):
    return tree.xpath(path, namespaces={"ram": RAM, "rsm": RSM, "cbc": CBC, "cac": CAC})


def cii_settlement(t):
    return ram(t, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement")[0]


def derived():
    out = {}
    # A credit note (type code 381).
    t = load("01.21a-INVOICE_uncefact.xml")
    ram(t, "rsm:ExchangedDocument/ram:TypeCode")[0].text = "381"
    ram(t, "rsm:ExchangedDocument/ram:ID")[0].text = "GS-18384"
    out["cii-credit-note.xml"] = t
    # A foreign currency (USD) with a payment reference.
    t = load("01.21a-INVOICE_uncefact.xml")
    for el in t.iter():
        if el.get("currencyID") == "EUR":
            el.set("currencyID", "USD")
    s = cii_settlement(t)
    ram(s, "ram:InvoiceCurrencyCode")[0].text = "USD"
    ref = etree.Element(f"{{{RAM}}}PaymentReference")
    ref.text = "INV-18383-US"
    s.insert(0, ref)
    out["cii-usd.xml"] = t
    # A direct debit without a due date.
    t = load("01.21a-INVOICE_uncefact.xml")
    s = cii_settlement(t)
    pm = ram(s, "ram:SpecifiedTradeSettlementPaymentMeans")[0]
    ram(pm, "ram:TypeCode")[0].text = "59"
    for acc in ram(pm, "ram:PayeePartyCreditorFinancialAccount"):
        pm.remove(acc)
    for terms in ram(s, "ram:SpecifiedTradePaymentTerms"):
        for dd in ram(terms, "ram:DueDateDateTime"):
            terms.remove(dd)
        mandate = etree.SubElement(terms, f"{{{RAM}}}DirectDebitMandateID")
        mandate.text = "MANDAT-4711"
    out["cii-direct-debit.xml"] = t
    # A negative amount due on an invoice (more prepaid than owed).
    t = load("01.21a-INVOICE_uncefact.xml")
    s = cii_settlement(t)
    sums = ram(s, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")[0]
    due = ram(sums, "ram:DuePayableAmount")[0]
    prepaid = etree.Element(f"{{{RAM}}}TotalPrepaidAmount")
    prepaid.text = "300.00"
    due.addprevious(prepaid)
    due.text = str(Decimal(due.text) - Decimal("300.00"))
    out["cii-negative.xml"] = t
    # A Swedish invoice in SEK, paid to a Swedish IBAN with an OCR reference.
    t = load("01.21a-INVOICE_uncefact.xml")
    for el in t.iter():
        if el.get("currencyID") == "EUR":
            el.set("currencyID", "SEK")
    s = cii_settlement(t)
    ram(s, "ram:InvoiceCurrencyCode")[0].text = "SEK"
    ram(t, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:Name")[0].text = "Nordvik Energi AB"
    ibanid = ram(s, "ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/ram:IBANID")[0]
    ibanid.text = iban("SE", "50000000058398257466")
    ref = etree.Element(f"{{{RAM}}}PaymentReference")
    ocr = "2026110" + "4417"
    ref.text = ocr + luhn_digit(ocr)
    s.insert(0, ref)
    out["cii-sek.xml"] = t
    # A UBL credit note (Peppol BIS 3 / XRechnung UBL), made from an invoice.
    t = load("01.21a-INVOICE_ubl.xml")
    out["ubl-credit-note.xml"] = ubl_to_credit_note(t)
    # A UBL invoice paid to a Swedish bankgiro (Peppol BIS: branch id SE:BANKGIRO).
    t = load("01.21a-INVOICE_ubl.xml")
    for el in t.iter():
        if el.get("currencyID") == "EUR":
            el.set("currencyID", "SEK")
    t.xpath(L("DocumentCurrencyCode"))[0].text = "SEK"
    t.xpath(L("AccountingSupplierParty", "Party", "PartyLegalEntity", "RegistrationName"))[0].text = "Fjällbo Bredband AB"
    pm = t.xpath(L("PaymentMeans"))[0]
    pm.xpath(L("PaymentMeansCode"))[0].text = "30"
    pid = etree.Element(f"{{{CBC}}}PaymentID")
    body = "55012034"
    pid.text = body + luhn_digit(body)
    pm.xpath(L("PaymentMeansCode"))[0].addnext(pid)
    bg = "578912" + luhn_digit("578912")
    pm.xpath(L("PayeeFinancialAccount", "ID"))[0].text = bg
    pm.xpath(L("PayeeFinancialAccount", "FinancialInstitutionBranch", "ID"))[0].text = "SE:BANKGIRO"
    out["ubl-bankgiro.xml"] = t
    # ZUGFeRD 1 (CrossIndustryDocument), written from scratch.
    out["zugferd1.xml"] = etree.fromstring(ZUGFERD1.encode())
    return out


def ubl_to_credit_note(t):
    data = etree.tostring(t).decode()
    data = data.replace(UBL_INV, UBL_CN)
    data = data.replace("ubl:Invoice", "ubl:CreditNote")
    data = data.replace("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>")
    data = data.replace("cac:InvoiceLine", "cac:CreditNoteLine")
    data = data.replace("cbc:InvoicedQuantity", "cbc:CreditedQuantity")
    t = etree.fromstring(data.encode())
    # UBL 2.1 CreditNote has no DueDate: the due date moves to the payment means.
    due = t.xpath(L("DueDate"))[0]
    d = due.text
    t.remove(due)
    pdd = etree.Element(f"{{{CBC}}}PaymentDueDate")
    pdd.text = d
    t.xpath(L("PaymentMeans", "PaymentMeansCode"))[0].addnext(pdd)
    t.xpath(L("ID"))[0].text = "GS-18383"
    return t


ZUGFERD1 = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>RE-2026-0815</ram:ID>
    <ram:Name>RECHNUNG</ram:Name>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20261102</udt:DateTimeString></ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Havelland Druck GmbH</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Erika Musterfrau</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:PaymentReference>RE-2026-0815</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>58</ram:TypeCode>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE02120300000000202051</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:BillingSpecifiedPeriod>
        <ram:StartDateTime><udt:DateTimeString format="102">20261001</udt:DateTimeString></ram:StartDateTime>
        <ram:EndDateTime><udt:DateTimeString format="102">20261031</udt:DateTimeString></ram:EndDateTime>
      </ram:BillingSpecifiedPeriod>
      <ram:SpecifiedTradePaymentTerms>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20261116</udt:DateTimeString></ram:DueDateDateTime>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">420.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="EUR">420.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">79.80</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">499.80</ram:GrandTotalAmount>
        <ram:DuePayableAmount currencyID="EUR">499.80</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>
"""


# ------------------------------------------------------------------ the visible layer
LABELS = {
    "de": dict(title="Rechnung", credit="Gutschrift", number="Rechnungsnummer", date="Rechnungsdatum",
               due="Fällig am", period="Leistungszeitraum", ref="Verwendungszweck", iban="IBAN",
               bg="Bankgiro", net="Summe netto", tax="Umsatzsteuer", gross="Gesamtbetrag",
               prepaid="Bereits gezahlt", pay="Zu zahlen", dd="Der Betrag wird per Lastschrift eingezogen."),
    "en": dict(title="Invoice", credit="Credit note", number="Invoice number", date="Invoice date",
               due="Due date", period="Billing period", ref="Payment reference", iban="IBAN",
               bg="Bankgiro", net="Subtotal", tax="VAT", gross="Total", prepaid="Paid",
               pay="Amount due", dd="The amount will be collected by direct debit."),
    "fr": dict(title="Facture", credit="Avoir", number="Numéro de facture", date="Date de facture",
               due="Date d'échéance", period="Période", ref="Référence de paiement", iban="IBAN",
               bg="Bankgiro", net="Total HT", tax="TVA", gross="Total TTC", prepaid="Déjà payé",
               pay="Montant à payer", dd="Le montant sera prélevé."),
    "nl": dict(title="Factuur", credit="Creditnota", number="Factuurnummer", date="Factuurdatum",
               due="Vervaldatum", period="Periode", ref="Betalingskenmerk", iban="IBAN",
               bg="Bankgiro", net="Subtotaal", tax="Btw", gross="Totaal", prepaid="Reeds betaald",
               pay="Te betalen", dd="Het bedrag wordt automatisch afgeschreven."),
    "sv": dict(title="Faktura", credit="Kreditfaktura", number="Fakturanummer", date="Fakturadatum",
               due="Förfallodatum", period="Period", ref="OCR", iban="IBAN", bg="Bankgiro",
               net="Delsumma", tax="Moms", gross="Summa", prepaid="Redan betalt",
               pay="Att betala", dd="Beloppet dras via autogiro."),
}


def money(v, lang):
    d = Decimal(v).quantize(Decimal("0.01"))
    neg = d < 0
    s = f"{abs(d):,.2f}"  # 1,234.56
    if lang in ("de", "nl"):
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    elif lang in ("fr", "sv"):
        s = s.replace(",", " ").replace(".", ",")
    return ("-" if neg else "") + s


def date(iso, lang):
    if not iso:
        return None
    y, m, d = iso.split("-")
    return {"de": f"{d}.{m}.{y}", "en": iso, "fr": f"{d}/{m}/{y}", "nl": f"{d}-{m}-{y}", "sv": iso}[lang]


def giro_visible(acc):
    return acc.split(":", 1)[1]


def visible_lines(f, lang, sums):
    lb = LABELS[lang]
    cur = f["currency"]
    lines = [f["issuer"] or "", "Musterstraße 4, 60388 Frankfurt am Main" if lang != "sv" else "Storgatan 4, 111 22 Stockholm", ""]
    lines.append(lb["credit"] if f["document_type"] == "credit_note" else lb["title"])
    lines.append([lb["number"], f["invoice_number"]])
    if f["invoice_date"]:
        lines.append([lb["date"], date(f["invoice_date"], lang)])
    if f["period"]:
        a, b = f["period"].split("/")
        lines.append([lb["period"], f"{date(a, lang)} - {date(b, lang)}"])
    lines.append("")
    if sums.get("net"):
        lines.append([lb["net"], f"{money(sums['net'], lang)} {cur}"])
    if sums.get("tax"):
        lines.append([lb["tax"], f"{money(sums['tax'], lang)} {cur}"])
    if sums.get("gross"):
        lines.append([lb["gross"], f"{money(sums['gross'], lang)} {cur}"])
    if sums.get("prepaid"):
        lines.append([lb["prepaid"], f"{money(sums['prepaid'], lang)} {cur}"])
    lines.append([lb["pay"], f"{money(f['amount'], lang)} {cur}"])
    if f["due_date"]:
        lines.append([lb["due"], date(f["due_date"], lang)])
    if f["reference"]:
        lines.append([lb["ref"], f["reference"]])
    if f["account"]:
        if f["account"].startswith("bankgiro:"):
            lines.append([lb["bg"], giro_visible(f["account"])])
        else:
            a = f["account"]
            lines.append([lb["iban"], " ".join(a[i:i + 4] for i in range(0, len(a), 4))])
    if not f["due_date"] and not f["account"]:
        lines.append(lb["dd"])
    return lines


# A second layout, written after the text reader was last changed and never used to tune it:
# labels in a row with their values in the row below, other label words, currency symbols,
# dates with month names, the payment instructions in a sentence.
LABELS_B = {
    "de": dict(title="RECHNUNG", credit="GUTSCHRIFT", number="Rechnungs-Nr.", date="Datum", due="Zahlbar bis",
               pay="Zahlbetrag", gross="Rechnungsbetrag", net="Nettobetrag", tax="zzgl. USt.",
               prepaid="abzgl. Anzahlung", ref="Verwendungszweck", period="Abrechnungszeitraum",
               sentence="Bitte überweisen Sie den Betrag auf das Konto"),
    "en": dict(title="INVOICE", credit="CREDIT NOTE", number="Invoice No.", date="Date", due="Payment due",
               pay="Balance due", gross="Total", net="Net amount", tax="VAT", prepaid="Less prepayment",
               ref="Reference", period="Service period", sentence="Please transfer the amount to"),
    "fr": dict(title="FACTURE", credit="AVOIR", number="N° de facture", date="Date", due="Échéance",
               pay="Net à payer", gross="Total TTC", net="Total HT", tax="TVA", prepaid="Acompte versé",
               ref="Référence", period="Période", sentence="Merci de virer le montant sur le compte"),
    "nl": dict(title="FACTUUR", credit="CREDITNOTA", number="Factuurnr.", date="Datum", due="Vervaldatum",
               pay="Totaal te betalen", gross="Totaal", net="Subtotaal", tax="Btw", prepaid="Reeds betaald",
               ref="Betalingskenmerk", period="Periode", sentence="Gelieve het bedrag over te maken op"),
    "sv": dict(title="FAKTURA", credit="KREDITFAKTURA", number="Fakturanr", date="Fakturadatum", due="Förfallodag",
               pay="Summa att betala", gross="Summa", net="Netto", tax="Moms", prepaid="Avgår förskott",
               ref="OCR-nummer", period="Avser period", sentence="Betala till"),
}
MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
}
SYMBOL = {"EUR": "€", "USD": "$", "GBP": "£", "SEK": "kr"}


def long_date(iso, lang):
    y, m, d = iso.split("-")
    month = MONTHS[lang][int(m) - 1]
    if lang == "de":
        return f"{int(d)}. {month} {y}"
    if lang == "en":
        return f"{month} {int(d)}, {y}"
    return f"{int(d)} {month} {y}"


def money_b(v, cur, lang):
    n = money(v, lang)
    sym = SYMBOL.get(cur, cur)
    if lang == "en":
        return f"-{sym}{n[1:]}" if n.startswith("-") else f"{sym}{n}"
    if lang == "nl":
        return f"{sym} {n}"
    return f"{n} {sym}"


def visible_lines_b(f, lang, sums):
    lb = LABELS_B[lang]
    cur = f["currency"]
    lines = [f["issuer"] or "", "Industriestraße 7 · 20095 Hamburg" if lang != "sv" else "Kungsgatan 9 · 411 19 Göteborg", ""]
    lines.append(lb["credit"] if f["document_type"] == "credit_note" else lb["title"])
    head = [lb["number"], lb["date"]] + ([lb["due"]] if f["due_date"] else [])
    vals = [f["invoice_number"], long_date(f["invoice_date"], lang)] + ([long_date(f["due_date"], lang)] if f["due_date"] else [])
    lines.append(("row", head))
    lines.append(("row", vals))
    lines.append("")
    if f["period"]:
        a, b = f["period"].split("/")
        lines.append([lb["period"], f"{long_date(a, lang)} – {long_date(b, lang)}"])
    if sums.get("net"):
        lines.append([lb["net"], money_b(sums["net"], cur, lang)])
    if sums.get("tax"):
        lines.append([lb["tax"], money_b(sums["tax"], cur, lang)])
    if sums.get("gross"):
        lines.append([lb["gross"], money_b(sums["gross"], cur, lang)])
    if sums.get("prepaid"):
        lines.append([lb["prepaid"], money_b("-" + sums["prepaid"], cur, lang)])
    lines.append([lb["pay"], money_b(f["amount"], cur, lang)])
    lines.append("")
    if f["account"]:
        acc = f["account"]
        if acc.startswith("bankgiro:"):
            where = "Bankgiro " + acc.split(":", 1)[1]
        else:
            where = "IBAN " + " ".join(acc[i:i + 4] for i in range(0, len(acc), 4))
        lines.append(f"{lb['sentence']}:")
        lines.append(where)
    if f["reference"]:
        lines.append([lb["ref"], f["reference"]])
    return lines


def render_b(lines):
    from fpdf import FPDF
    import datetime
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.set_creator("fpdf2")
    pdf.set_creation_date(datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc))
    for line in lines:
        if isinstance(line, tuple):
            for cell in line[1]:
                pdf.cell(60, 6, cell)
            pdf.ln(6)
        elif isinstance(line, list):
            pdf.cell(110, 6, line[0])
            pdf.cell(70, 6, line[1], align="R")
            pdf.ln(6)
        else:
            pdf.cell(0, 6, line)
            pdf.ln(6)
    return bytes(pdf.output())


# A third layout, written after the reader's last change and graded once, never used to tune
# it: a business letter with an info box (customer and order numbers as noise), a line-item
# table, totals, and payment terms and bank details in running text.
LABELS_C = {
    "de": dict(title="Rechnung", credit="Gutschrift", cust="Kundennummer", order="Bestellnummer",
               number="Rechnungsnummer", date="Rechnungsdatum", items=["Pos.", "Beschreibung", "Menge", "Betrag"],
               net="Summe netto", tax="Umsatzsteuer 19 %", gross="Gesamtbetrag", prepaid="Bereits bezahlt",
               pay="Offener Betrag", terms="Zahlbar bis {due} ohne Abzug.", dd="Der Betrag wird von Ihrem Konto abgebucht.",
               bank="Bankverbindung: Hamburger Sparkasse · IBAN {iban} · BIC HASPDEHHXXX", ref="Verwendungszweck: {ref}",
               period="Leistungszeitraum: {a} bis {b}"),
    "en": dict(title="Invoice", credit="Credit note", cust="Customer ID", order="Order #", number="Invoice #",
               date="Issued", items=["Item", "Description", "Qty", "Amount"], net="Subtotal", tax="Tax (20 %)",
               gross="Total", prepaid="Payments received", pay="Amount due", terms="Payment due by {due}.",
               dd="This amount will be debited from your account.", bank="Pay to IBAN {iban} (BIC HASPDEHHXXX)",
               ref="Payment reference: {ref}", period="Billing period: {a} to {b}"),
    "fr": dict(title="Facture", credit="Avoir", cust="N° client", order="N° de commande", number="Facture n°",
               date="Date de facture", items=["Réf.", "Désignation", "Qté", "Montant"], net="Total HT",
               tax="TVA 20 %", gross="Total TTC", prepaid="Acompte", pay="Reste à payer",
               terms="À régler avant le {due}.", dd="Le montant sera prélevé sur votre compte.",
               bank="Coordonnées bancaires : IBAN {iban} · BIC HASPDEHHXXX", ref="Référence de paiement : {ref}",
               period="Période : du {a} au {b}"),
    "nl": dict(title="Factuur", credit="Creditnota", cust="Klantnummer", order="Ordernummer", number="Factuurnummer",
               date="Factuurdatum", items=["Nr.", "Omschrijving", "Aantal", "Bedrag"], net="Subtotaal",
               tax="Btw 21 %", gross="Totaal", prepaid="Reeds betaald", pay="Openstaand bedrag",
               terms="Uiterste betaaldatum: {due}.", dd="Het bedrag wordt automatisch van uw rekening afgeschreven.",
               bank="Rekeningnummer: IBAN {iban} t.n.v. de afzender", ref="Betalingskenmerk: {ref}",
               period="Periode: {a} t/m {b}"),
    "sv": dict(title="Faktura", credit="Kreditfaktura", cust="Kundnummer", order="Ordernummer", number="Fakturanummer",
               date="Fakturadatum", items=["Rad", "Beskrivning", "Antal", "Belopp"], net="Netto", tax="Moms 25 %",
               gross="Summa", prepaid="Redan betalt", pay="Att betala", terms="Sista betalningsdag {due}.",
               dd="Beloppet dras via autogiro.", bank="Betala till IBAN {iban}", ref="OCR: {ref}",
               period="Period: {a} - {b}"),
}


def visible_lines_c(f, lang, sums, k):
    lb = LABELS_C[lang]
    cur = f["currency"]
    d = lambda iso: date(iso, lang)  # noqa: E731
    lines = [f["issuer"] or "", "Am Sandtorkai 5, 20457 Hamburg · Tel. 040 123456 · www.example.com", ""]
    lines.append([f"Erika Musterfrau", f"{lb['cust']}: {40000 + k}"])
    lines.append(["Hauptstraße 1", f"{lb['order']}: {880000 + 17 * k}"])
    lines.append(["10115 Berlin", f"{lb['number']}: {f['invoice_number']}"])
    lines.append(["", f"{lb['date']}: {d(f['invoice_date'])}"])
    lines.append("")
    lines.append(lb["credit"] if f["document_type"] == "credit_note" else lb["title"])
    if f["period"]:
        a, b = f["period"].split("/")
        lines.append(lb["period"].format(a=d(a), b=d(b)))
    lines.append(("row", lb["items"]))
    net = sums.get("net") or f["amount"]
    lines.append(("row", ["1", "Leistungen lt. Vereinbarung", "1", money(net, lang)]))
    lines.append("")
    lines.append([lb["net"], f"{money(net, lang)} {cur}"])
    if sums.get("tax"):
        lines.append([lb["tax"], f"{money(sums['tax'], lang)} {cur}"])
    if sums.get("gross"):
        lines.append([lb["gross"], f"{money(sums['gross'], lang)} {cur}"])
    if sums.get("prepaid"):
        lines.append([lb["prepaid"], f"{money(sums['prepaid'], lang)} {cur}"])
    lines.append([lb["pay"], f"{money(f['amount'], lang)} {cur}"])
    lines.append("")
    if f["due_date"]:
        lines.append(lb["terms"].format(due=d(f["due_date"])))
    elif not f["account"]:
        lines.append(lb["dd"])
    if f["account"] and not f["account"].startswith("bankgiro:"):
        a = f["account"]
        lines.append(lb["bank"].format(iban=" ".join(a[i:i + 4] for i in range(0, len(a), 4))))
    if f["reference"]:
        lines.append(lb["ref"].format(ref=f["reference"]))
    return lines


def render_c(lines):
    from fpdf import FPDF
    import datetime
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.set_creator("fpdf2")
    pdf.set_creation_date(datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc))
    for line in lines:
        if isinstance(line, tuple):
            widths = [15, 105, 20, 40]
            for w, cell in zip(widths, line[1]):
                pdf.cell(w, 5, cell, align="R" if w == 40 else "L")
            pdf.ln(5)
        elif isinstance(line, list):
            pdf.cell(100, 5, line[0])
            pdf.cell(80, 5, line[1], align="R" if line[0] in ("",) or ":" not in line[1] else "L")
            pdf.ln(5)
        else:
            pdf.cell(0, 5, line)
            pdf.ln(5)
    return bytes(pdf.output())


def sums_of(xml_bytes):
    root = etree.fromstring(xml_bytes)
    g = lambda n: x1(root, "//" + L(n))  # noqa: E731
    return dict(net=g("TaxBasisTotalAmount") or g("TaxExclusiveAmount"), tax=g("TaxTotalAmount"),
                gross=g("GrandTotalAmount") or g("TaxInclusiveAmount"),
                prepaid=g("TotalPrepaidAmount") or g("PrepaidAmount"))


def render(lines):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.set_creator("fpdf2")
    pdf.set_creation_date(__import__("datetime").datetime(2026, 11, 1, tzinfo=__import__("datetime").timezone.utc))
    for line in lines:
        if isinstance(line, list):
            pdf.cell(100, 7, line[0])
            pdf.cell(80, 7, line[1], align="R")
            pdf.ln(7)
        else:
            pdf.cell(0, 7, line)
            pdf.ln(7)
    return bytes(pdf.output())


def facturx(pdf, xml, relationship):
    from facturx import generate_from_binary
    return generate_from_binary(pdf, xml, flavor="factur-x", level="en16931", check_xsd=False,
                                afrelationship=relationship,
                                pdf_metadata={"author": "paypulse corpus", "keywords": "Factur-X",
                                              "title": "Invoice", "subject": "Invoice"})


def encrypt(pdf):
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    w.encrypt(user_password="", owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def attach_pypdf(pdf, files):
    """Embeds files the plain way (catalog /Names /EmbeddedFiles only, no /AF)."""
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for name, data in files:
        w.add_attachment(name, data)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


# The suite's placeholders ("[Seller name]" as the seller, "Rechnungsnummer" as the number)
# are no values a real invoice shows: the PDFs carry invented ones instead, some with a legal
# form and some without, in the XML and in the visible text alike.
SELLERS = ["Musterbau GmbH", "Kontor Nord KG", "Fischer & Söhne OHG", "Elbe Software AG",
           "Rheinlicht e.K.", "Bauer Haustechnik", "Lindner Medien GmbH", "Hafenblick Catering"]


def realistic(data, k):
    text = data.decode("utf-8")
    text = text.replace("[Seller name]", SELLERS[k % len(SELLERS)].replace("&", "&amp;"))
    text = text.replace("<ram:ID>Rechnungsnummer</ram:ID>", f"<ram:ID>RE-2016-{k + 101:04d}</ram:ID>")
    return text.encode("utf-8")


# ------------------------------------------------------------------ cases
def write(name, data):
    with open(os.path.join(DOCS, name), "wb") as fh:
        fh.write(data)


def expect(name, sender, fields, kind, document=None):
    meta = dict(sender=sender, kind=kind, expected=fields, document=document or name + "." + ("xml" if kind == "xml" else "pdf"))
    with open(os.path.join(DOCS, name + ".expected.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=2, sort_keys=True)
        fh.write("\n")


def text_expectation(f):
    t = dict(f)
    t["source"] = "text"
    t["e_invoice"] = None
    t["mismatch"] = []
    return t


def main():
    if os.path.isdir(DOCS):
        shutil.rmtree(DOCS)
    os.makedirs(DOCS)
    sender = "Rechnungsversand"
    # Every XML: the suite's as they are, and the variants.
    xmls = {}
    for n in sorted(os.listdir(SRC)):
        if n.endswith(".xml"):
            with open(os.path.join(SRC, n), "rb") as fh:
                xmls[n] = fh.read()
    for n, t in derived().items():
        data = etree.tostring(t, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        xmls["x-" + n] = data
    for n, data in xmls.items():
        stem = "xml-" + n[:-4]
        if n.startswith("x-"):
            write(stem + ".xml", data)
            expect(stem, sender, oracle(data, False), "xml")
        else:
            expect(stem, sender, oracle(data, False), "xml", "../xrechnung/" + n)

    # PDFs that embed a CII invoice, in several languages and embeddings, each with its
    # XML-less copy.
    langs = ["de", "en", "fr", "nl", "de", "en"]
    cii = [n for n in sorted(xmls) if n.endswith("_uncefact.xml") and "02.01a-INVOICE" not in n]
    pdf_cases = [(n, langs[i % len(langs)], ["data", "alternative", "source"][i % 3]) for i, n in enumerate(cii)]
    pdf_cases += [("x-cii-credit-note.xml", "fr", "data"), ("x-cii-usd.xml", "en", "alternative"),
                  ("x-cii-direct-debit.xml", "de", "data"), ("x-cii-negative.xml", "nl", "data"),
                  ("x-cii-sek.xml", "sv", "data")]
    for k, (n, lang, rel) in enumerate(pdf_cases):
        data = realistic(xmls[n], k)
        f = oracle(data, True)
        stem = "pdf-" + n[:-4]
        visible = render(visible_lines(f, lang, sums_of(data)))
        write(stem + ".pdf", facturx(visible, data, rel))
        expect(stem, sender, f, "pdf")
        write("text-" + n[:-4] + ".pdf", visible)
        expect("text-" + n[:-4], sender, text_expectation(f), "text")
        write("layoutb-" + n[:-4] + ".pdf", render_b(visible_lines_b(f, lang, sums_of(data))))
        expect("layoutb-" + n[:-4], sender, text_expectation(f), "layout-b")
        write("layoutc-" + n[:-4] + ".pdf", render_c(visible_lines_c(f, lang, sums_of(data), k)))
        expect("layoutc-" + n[:-4], sender, text_expectation(f), "layout-c")

    # Embedded the plain way, under names that do not say what they are; a decoy XML first.
    data = xmls["x-zugferd1.xml"]
    f = oracle(data, True)
    visible = render(visible_lines(f, "de", sums_of(data)))
    write("pdf-zugferd1.pdf", attach_pypdf(visible, [("ZUGFeRD-invoice.xml", data)]))
    expect("pdf-zugferd1", sender, f, "pdf")
    write("text-zugferd1.pdf", visible)
    expect("text-zugferd1", sender, text_expectation(f), "text")

    data = xmls["x-cii-usd.xml"]
    f = oracle(data, True)
    visible = render(visible_lines(f, "en", sums_of(data)))
    decoy = b'<?xml version="1.0"?><metadata><title>Not an invoice</title><total>1.00</total></metadata>'
    write("pdf-decoy-names.pdf", attach_pypdf(visible, [("a-metadata.xml", decoy), ("Rechnungsdaten \u00fc.bin", data)]))
    expect("pdf-decoy-names", sender, f, "pdf")

    # Encrypted with an owner password only (opens without one), as some billing systems do.
    data = xmls["x-cii-sek.xml"]
    f = oracle(data, True)
    visible = render(visible_lines(f, "sv", sums_of(data)))
    write("pdf-encrypted.pdf", encrypt(facturx(visible, data, "data")))
    expect("pdf-encrypted", sender, f, "pdf")

    # A manipulated visible layer: another IBAN and amount than the XML's.
    data = xmls["01.21a-INVOICE_uncefact.xml"]
    f = oracle(data, True)
    shown = dict(f)
    shown["amount"] = "2330.00"
    shown["account"] = iban("DE", "370400440532013000")
    visible = render(visible_lines(shown, "de", {}))
    f["mismatch"] = ["amount", "account"]
    write("pdf-mismatch.pdf", facturx(visible, data, "data"))
    expect("pdf-mismatch", sender, f, "pdf")
    write("text-mismatch.pdf", visible)
    expect("text-mismatch", sender, text_expectation(shown), "text")


if __name__ == "__main__":
    main()
