#!/usr/bin/env python3
"""Generates the labelled invoice corpus: documents (PDF, HTML, text) and the expected fields
beside each (`NAME.expected.json`). Run from the repository root:

    pip install fpdf2 reportlab && apt-get install qpdf && python3 tests/corpus/generate.py

The output is committed; tests only read it. Every name, number and address is invented.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def ocr(body: str) -> str:
    return body + luhn_digit(body)


def rf(ref: str) -> str:
    digits = "".join(str(int(c, 36)) for c in (ref + "RF00").upper())
    check = 98 - int(digits) % 97
    return f"RF{check:02d}{ref}"


def bankgiro(body: str) -> str:
    n = body + luhn_digit(body)
    return n[:-4] + "-" + n[-4:]


DOCS_SPEC = []


def doc(name, fmt, sender, lines, expected, lang):
    DOCS_SPEC.append(dict(name=name, fmt=fmt, sender=sender, lines=lines, expected=expected, lang=lang))


def exp(issuer=None, amount=None, currency=None, invoice_date=None, due_date=None,
        invoice_number=None, reference=None, period=None, account=None):
    return dict(issuer=issuer, amount=amount, currency=currency, invoice_date=invoice_date,
                due_date=due_date, invoice_number=invoice_number, reference=reference, period=period,
                account=account)


# ---------------------------------------------------------------- Swedish rent notices
o1 = ocr("4471203356")
doc("sv-hyresavi-stenvik", "pdf-fpdf", "Stenvik Fastigheter", [
    "Stenvik Fastigheter AB",
    "Box 1234, 111 22 Stockholm   Org.nr 556677-8899",
    "",
    "HYRESAVI",
    ["Avinummer", "2026-0142"],
    ["Avidatum", "2026-11-15"],
    ["Hyresperiod", "december 2026"],
    "",
    ["Hyra lägenhet 1102", "9 245,00"],
    ["Hushållsel", "350,00"],
    ["Parkering", "250,00"],
    "",
    ["Att betala", "9 845,00 kr"],
    ["Förfallodatum", "2026-11-30"],
    ["Bankgiro", bankgiro("567891")],
    ["OCR-nummer", o1],
    "Betala senast förfallodagen. Ange OCR-numret vid betalning.",
], exp("Stenvik Fastigheter AB", "9845.00", "SEK", "2026-11-15", "2026-11-30", "2026-0142", o1, "2026-12", account="bankgiro:567-8917"), "sv")

o2 = ocr("90031175")
doc("sv-hyresavi-ekbacken", "pdf-reportlab", "Ekbacken Bostäder", [
    "Ekbacken Bostäder AB",
    "Hyresavi för januari 2027",
    "",
    ["Att betala", "Förfallodatum", "OCR"],
    ["7 312 kr", "2026-12-31", o2],
    "",
    "Specifikation",
    ["Månadshyra", "6 912 kr"],
    ["Varmvatten", "400 kr"],
    "",
    ["Plusgiro", "48 42 93-6"],
    "Vid frågor kontakta kundservice 08-123 45 67.",
], exp("Ekbacken Bostäder AB", "7312", "SEK", None, "2026-12-31", None, o2, "2027-01", account="plusgiro:484293-6"), "sv")

o3 = ocr("330019874522")
doc("sv-hyresavi-granhult", "txt", "Granhult Hyresrätter via Avisering", [
    "Granhult Hyresrätter HB",
    "AVI - HYRA",
    "",
    "Period: 2027-02",
    "Fakturadatum: 2027-01-10",
    "Sista betalningsdag: 31 januari 2027",
    "",
    "Hyra                     11 020,00",
    "Moms                          0,00",
    "Summa att betala:        11 020,00 SEK",
    "",
    f"Betala till bankgiro {bankgiro('123456')} med OCR {o3}.",
], exp("Granhult Hyresrätter HB", "11020.00", "SEK", "2027-01-10", "2027-01-31", None, o3, "2027-02", account="bankgiro:123-4566"), "sv")

o4 = ocr("77120044")
doc("sv-hyresavi-sjoport", "html", "Sjöport Bostad", [
    "<h1>Sjöport Bostad AB</h1>",
    "<p>Hej! Här kommer din hyresavi för mars 2027.</p>",
    "<table><tr><th>Beskrivning</th><th>Belopp</th></tr>",
    "<tr><td>Hyra</td><td>8 400,00 kr</td></tr>",
    "<tr><td>Förråd</td><td>150,00 kr</td></tr>",
    "<tr><td><b>Totalt att betala</b></td><td><b>8 550,00 kr</b></td></tr></table>",
    f"<p>Förfallodatum: 2027-02-26<br>OCR-nummer: {o4}<br>Bankgiro: {bankgiro('998877')}</p>",
    "<div style=\"display:none\">Att betala: 1,00 kr</div>",
    "<script>var total = '99 999,00 kr';</script>",
], exp("Sjöport Bostad AB", "8550.00", "SEK", None, "2027-02-26", None, o4, "2027-03", account="bankgiro:998-8775"), "sv")

# ---------------------------------------------------------------- Swedish utility / telecom
o5 = ocr("2120099187")
doc("sv-el-norrsken", "pdf-reportlab", "Norrsken Energi", [
    "Norrsken Energi AB",
    "Faktura",
    ["Fakturanummer", "F-883102"],
    ["Fakturadatum", "2026-10-05"],
    ["Förbrukningsperiod", "2026-09-01 - 2026-09-30"],
    "",
    ["Elhandel 412 kWh", "623,18 kr"],
    ["Fast avgift", "49,00 kr"],
    ["Delsumma", "672,18 kr"],
    ["Moms 25 %", "168,05 kr"],
    ["Öresavrundning", "-0,23 kr"],
    ["Att betala", "840,00 kr"],
    "",
    ["Förfallodag", "2026-10-31"],
    ["OCR", o5],
], exp("Norrsken Energi AB", "840.00", "SEK", "2026-10-05", "2026-10-31", "F-883102", o5, "2026-09-01/2026-09-30"), "sv")

o6 = ocr("50066123")
doc("sv-telefoni-kustnet", "html", "Kustnät", [
    "<div class=\"logo\">Kustnät Mobil AB</div>",
    "<h2>Din faktura</h2>",
    "<table>",
    "<tr><td>Fakturanummer</td><td>KN-2026-5521</td></tr>",
    "<tr><td>Fakturadatum</td><td>2 november 2026</td></tr>",
    "<tr><td>Förfallodatum</td><td>30 november 2026</td></tr>",
    "<tr><td>Belopp att betala</td><td>399:-</td></tr>",
    f"<tr><td>OCR</td><td>{o6}</td></tr>",
    "</table>",
    "<p style=\"visibility:hidden\">Förfallodatum 1 januari 2020</p>",
], exp("Kustnät Mobil AB", "399", "SEK", "2026-11-02", "2026-11-30", "KN-2026-5521", o6, None), "sv")

doc("sv-bredband-txt", "txt", "Fiberbolaget", [
    "Tack för att du är kund hos oss!",
    "",
    "Din faktura för november finns nu tillgänglig.",
    "Belopp: 1 234,50 kr",
    "Förfaller: 2026-11-28",
    "",
    "Med vänlig hälsning,",
    "Fiberbolaget",
], exp("Fiberbolaget", "1234.50", "SEK", None, "2026-11-28", None, None, None), "sv")

# ---------------------------------------------------------------- English
doc("en-utility-brightwater", "pdf-fpdf", "Brightwater Utilities", [
    "Brightwater Utilities Ltd",
    "12 River Road, Leeds LS1 4AB",
    "",
    "INVOICE",
    ["Invoice number", "BW-100234"],
    ["Invoice date", "July 2, 2015"],
    ["Billing period", "June 2015"],
    "",
    ["Water supply", "£ 41.20"],
    ["Sewerage", "£ 38.75"],
    ["Subtotal", "£ 79.95"],
    ["VAT (0%)", "£ 0.00"],
    ["Total amount due", "£ 79.95"],
    ["Payment due by", "July 30, 2015"],
    ["Payment reference", "BW100234"],
], exp("Brightwater Utilities Ltd", "79.95", "GBP", "2015-07-02", "2015-07-30", "BW-100234", "BW100234", "2015-06"), "en")

doc("en-telecom-skyline", "pdf-reportlab", "Skyline Mobile", [
    "Skyline Mobile Inc.",
    "Monthly Statement",
    ["Account", "8812-44"],
    ["Invoice #", "INV-2026-000981"],
    ["Statement date", "November 3, 2026"],
    "",
    ["Plan: Unlimited 5G", "$60.00"],
    ["Device installment", "$1,234.50"],
    ["Taxes and fees", "$7.32"],
    "",
    ["Balance due", "$1,301.82"],
    ["Due date", "November 24, 2026"],
], exp("Skyline Mobile Inc.", "1301.82", "USD", "2026-11-03", "2026-11-24", "INV-2026-000981", None, None), "en")

doc("en-receipt-gadgetbarn", "html", "GadgetBarn", [
    "<html><head><style>.x{color:red}</style><title>Your order</title></head><body>",
    "<p>Thanks for shopping with GadgetBarn!</p>",
    "<p>Order #GB-448120 placed on 14 March 2026</p>",
    "<table>",
    "<tr><td>USB-C cable</td><td>1</td><td>€ 9.99</td></tr>",
    "<tr><td>Phone case</td><td>1</td><td>€ 20.00</td></tr>",
    "<tr><td>Subtotal</td><td></td><td>€ 29.99</td></tr>",
    "<tr><td>Shipping</td><td></td><td>€ 0.00</td></tr>",
    "<tr><td><strong>Total</strong></td><td></td><td><strong>€ 29.99</strong></td></tr>",
    "</table>",
    "<p hidden>Total € 1.00</p>",
    "</body></html>",
], exp("GadgetBarn", "29.99", "EUR", None, None, None, None, None), "en")

doc("en-receipt-bookhive", "html", "Bookhive Ltd", [
    "<div><b>Bookhive Ltd</b> — Receipt</div>",
    "<table><tr><th>Item</th><th>Price</th></tr>",
    "<tr><td>The Long Winter</td><td>£12.49</td></tr>",
    "<tr><td>Bookmark</td><td>£1.50</td></tr>",
    "<tr><td>VAT included</td><td>£2.33</td></tr>",
    "<tr><td>Order total</td><td>£13.99</td></tr></table>",
    "<p>Date: 2026-05-09</p>",
], exp("Bookhive Ltd", "13.99", "GBP", "2026-05-09", None, None, None, None), "en")

doc("en-hosting-txt", "txt", "CloudNest Billing", [
    "CloudNest LLC",
    "Invoice INV-77120",
    "Invoice date: 2026-08-01",
    "",
    "Description            Qty   Amount",
    "VPS small               1    USD 12.00",
    "Backups                 1    USD 2.40",
    "",
    "Total due: USD 14.40",
    "Due: 2026-08-15",
], exp("CloudNest LLC", "14.40", "USD", "2026-08-01", "2026-08-15", "INV-77120", None, None), "en")

# ---------------------------------------------------------------- German
rf1 = rf("RE2015117")
doc("de-strom-rheinwerk", "pdf-fpdf", "Rheinwerk Energie", [
    "Rheinwerk Energie GmbH",
    "Musterstraße 5, 50667 Köln",
    "",
    "Rechnung",
    ["Rechnungsnummer", "RE-2015-117"],
    ["Rechnungsdatum", "02.07.2015"],
    ["Abrechnungszeitraum", "01.06.2015 - 30.06.2015"],
    "",
    ["Arbeitspreis 310 kWh", "86,80 €"],
    ["Grundpreis", "12,50 €"],
    ["Zwischensumme (netto)", "99,30 €"],
    ["MwSt. 19 %", "18,87 €"],
    ["Rechnungsbetrag", "1.118,17 €"],
    "",
    ["Fällig am", "16.07.2015"],
    ["Verwendungszweck", rf1],
], exp("Rheinwerk Energie GmbH", "1118.17", "EUR", "2015-07-02", "2015-07-16", "RE-2015-117", rf1, "2015-06-01/2015-06-30"), "de")

doc("de-telekom-funkhaus", "pdf-reportlab", "Funkhaus Mobilfunk", [
    "Funkhaus Mobilfunk AG",
    "Ihre Rechnung für Oktober 2026",
    ["Rechnungs-Nr.", "4402-118-0093"],
    ["Datum", "5. November 2026"],
    "",
    ["Grundgebühr", "19,99 EUR"],
    ["Verbindungen", "3,01 EUR"],
    ["Summe netto", "19,33 EUR"],
    ["Umsatzsteuer 19 %", "3,67 EUR"],
    ["Zu zahlender Betrag", "23,00 EUR"],
    "Der Betrag wird am 20.11.2026 von Ihrem Konto abgebucht.",
], exp("Funkhaus Mobilfunk AG", "23.00", "EUR", "2026-11-05", None, "4402-118-0093", None, "2026-10"), "de")

doc("de-shop-html", "html", "Kaufladen24", [
    "<h3>Kaufladen24 GmbH</h3><p>Bestellbestätigung und Rechnung</p>",
    "<table><tr><td>Rechnungsnummer:</td><td>K24-99812</td></tr>",
    "<tr><td>Rechnungsdatum:</td><td>12.03.2026</td></tr></table>",
    "<table><tr><td>Kaffeemaschine</td><td>249,00 €</td></tr>",
    "<tr><td>Versand</td><td>4,90 €</td></tr>",
    "<tr><td>Gesamtbetrag</td><td>253,90 €</td></tr>",
    "<tr><td>enthaltene MwSt.</td><td>40,54 €</td></tr></table>",
    "<p>Zahlbar bis 26.03.2026.</p>",
], exp("Kaufladen24 GmbH", "253.90", "EUR", "2026-03-12", "2026-03-26", "K24-99812", None, None), "de")

# ---------------------------------------------------------------- French
rf2 = rf("FAC4471")
doc("fr-energie-lumiere", "pdf-fpdf", "Lumière Énergie", [
    "Lumière Énergie SA",
    "8 rue des Lilas, 69002 Lyon",
    "",
    "FACTURE",
    ["Facture n°", "FA-2015-0702"],
    ["Date de facture", "02 Juillet 2015"],
    ["Période", "juin 2015"],
    "",
    ["Total HT", "24,99 €"],
    ["TVA 20 %", "5,00 €"],
    ["Somme à payer", "29,99 € TTC"],
    ["Date limite de paiement", "17 juillet 2015"],
    ["Référence de paiement", rf2],
], exp("Lumière Énergie SA", "29.99", "EUR", "2015-07-02", "2015-07-17", "FA-2015-0702", rf2, "2015-06"), "fr")

doc("fr-mobile-html", "html", "Ondes Mobile", [
    "<p><b>Ondes Mobile SARL</b></p>",
    "<p>Votre facture du 3 novembre 2026 est disponible.</p>",
    "<table><tr><td>Numéro de facture</td><td>OM-55120</td></tr>",
    "<tr><td>Montant total TTC</td><td>1 234,50 €</td></tr>",
    "<tr><td>Date d'échéance</td><td>18 novembre 2026</td></tr></table>",
], exp("Ondes Mobile SARL", "1234.50", "EUR", "2026-11-03", "2026-11-18", "OM-55120", None, None), "fr")

doc("fr-loyer-txt", "txt", "Gestion Immobilière Dupont", [
    "Gestion Immobilière Dupont SAS",
    "Avis d'échéance - loyer de décembre 2026",
    "",
    "Loyer                   780,00 EUR",
    "Charges                  95,00 EUR",
    "Net à payer :           875,00 EUR",
    "A régler avant le 05/12/2026",
], exp("Gestion Immobilière Dupont SAS", "875.00", "EUR", None, "2026-12-05", None, None, "2026-12"), "fr")

# ---------------------------------------------------------------- Dutch
rf3 = rf("2026110045")
doc("nl-energie-polder", "pdf-reportlab", "Polder Energie", [
    "Polder Energie B.V.",
    "Factuur",
    ["Factuurnummer", "PE-2026-4410"],
    ["Factuurdatum", "4 november 2026"],
    ["Periode", "oktober 2026"],
    "",
    ["Levering stroom", "€ 88,40"],
    ["Vaste kosten", "€ 6,50"],
    ["Subtotaal", "€ 94,90"],
    ["BTW 21%", "€ 19,93"],
    ["Totaal te betalen", "€ 114,83"],
    ["Vervaldatum", "18 november 2026"],
    ["Betalingskenmerk", rf3],
], exp("Polder Energie B.V.", "114.83", "EUR", "2026-11-04", "2026-11-18", "PE-2026-4410", rf3, "2026-10"), "nl")

doc("nl-webshop-html", "html", "Winkeltje", [
    "<div>Winkeltje B.V.</div><div>Bedankt voor je bestelling!</div>",
    "<table><tr><td>Bestelnummer</td><td>W-88123</td></tr>",
    "<tr><td>Besteldatum</td><td>22-09-2026</td></tr></table>",
    "<table><tr><td>Lamp</td><td>€ 1.234,50</td></tr>",
    "<tr><td>Verzendkosten</td><td>€ 0,00</td></tr>",
    "<tr><td>Totaal</td><td>€ 1.234,50</td></tr></table>",
], exp("Winkeltje B.V.", "1234.50", "EUR", "2026-09-22", None, None, None, None), "nl")

doc("nl-huur-txt", "txt", "Woonstichting De Gracht", [
    "Woonstichting De Gracht",
    "Huurfactuur januari 2027",
    "Factuurnummer: 2027-0001-338",
    "Factuurdatum: 15-12-2026",
    "Te betalen: € 912,35",
    "Uiterste betaaldatum: 1 januari 2027",
], exp("Woonstichting De Gracht", "912.35", "EUR", "2026-12-15", "2027-01-01", "2027-0001-338", None, "2027-01"), "nl")

# ---------------------------------------------------------------- generator variety
o7 = ocr("1000234")
doc("sv-hyresavi-encrypted", "pdf-fpdf-encrypted", "Lindhaga Fastighets AB", [
    "Lindhaga Fastighets AB",
    "Hyresavi",
    ["Period", "2026-12"],
    ["Att betala", "5 125,00 kr"],
    ["Förfallodatum", "2026-11-30"],
    ["OCR", o7],
], exp("Lindhaga Fastighets AB", "5125.00", "SEK", None, "2026-11-30", None, o7, "2026-12"), "sv")

doc("en-no-fields-newsletter", "html", "Deals Weekly", [
    "<h1>This week's deals</h1><p>Save up to 50% on selected items. Total savings await!</p>",
    "<p>Unsubscribe at any time.</p>",
], exp("Deals Weekly"), "en")


# ---------------------------------------------------------------- where recall is lost
doc("en-us-slash-dates", "txt", "Lakeside Water Co", [
    "Lakeside Water Co LLC",
    "Invoice number: LW-5521",
    "Invoice date: 07/02/2015",
    "Due date: 07/09/2015",
    "Amount due: $48.10",
], exp("Lakeside Water Co LLC", "48.10", "USD", "2015-07-02", "2015-07-09", "LW-5521", None, None), "en")

doc("en-unlabelled-total", "html", "Corner Café", [
    "<p>Corner Café</p><p>Thanks for stopping by! You paid <b>$12.40</b> with Visa ending 4242.</p>",
], exp("Corner Café", "12.40", "USD", None, None, None, None, None), "en")

o8 = ocr("5512009")
doc("sv-inbetalningskort-ocr-rad", "txt", "Björkliden Hyresvärd", [
    "Björkliden Hyresvärd AB",
    "Hyresavi februari 2027",
    "Att betala: 6 480,00 kr",
    "Förfallodatum: 2027-01-31",
    "",
    "INBETALNING/GIRERING AVI",
    f"#  {o8} #    6480 00   5 >           {bankgiro('5050105')}#41#",
], exp("Björkliden Hyresvärd AB", "6480.00", "SEK", None, "2027-01-31", None, o8, "2027-02", account="bankgiro:5050-1055"), "sv")

doc("de-no-tounicode", "pdf-fpdf-no-tounicode", "Havelstrom Energie GmbH", [
    "Havelstrom Energie GmbH",
    "Rechnung",
    ["Rechnungsnummer", "HS-2026-311"],
    ["Rechnungsdatum", "03.11.2026"],
    ["Rechnungsbetrag", "76,40 €"],
    ["Fällig am", "17.11.2026"],
], exp("Havelstrom Energie GmbH", "76.40", "EUR", "2026-11-03", "2026-11-17", "HS-2026-311", None, None), "de")


def strip_tounicode(path):
    """Drops the fonts' ToUnicode maps (as some generators do): text becomes glyph ids."""
    import re
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        qdf = os.path.join(tmp, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, qdf], check=True)
        data = open(qdf, "rb").read()
        data = re.sub(rb"/ToUnicode \d+ 0 R", b"", data)
        stripped = os.path.join(tmp, "s.pdf")
        open(stripped, "wb").write(data)
        fixed = subprocess.run(["fix-qdf", stripped], check=True, capture_output=True).stdout
        packed = os.path.join(tmp, "p.pdf")
        open(packed, "wb").write(fixed)
        subprocess.run(["qpdf", "--object-streams=generate", "--compress-streams=y", packed, path], check=True)


def write_txt(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def write_html(path, lines):
    body = "\n".join(lines)
    if "<html" not in body:
        body = "<!DOCTYPE html><html><body>\n" + body + "\n</body></html>"
    with open(path, "w", encoding="utf-8") as f:
        f.write(body + "\n")


def write_fpdf(path, lines, encrypt=False):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.set_creator("fpdf2")
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password="")
    for line in lines:
        if isinstance(line, list):
            width = 180 / len(line)
            for i, cell in enumerate(line):
                pdf.cell(width if len(line) > 2 else (100 if i == 0 else 80), 7, cell,
                         align="L" if i == 0 or len(line) > 2 else "R")
            pdf.ln(7)
        else:
            pdf.cell(0, 7, line)
            pdf.ln(7)
    pdf.output(path)


def write_reportlab(path, lines):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(path, pagesize=A4, pageCompression=1)
    c.setCreator("reportlab")
    y = 800
    for line in lines:
        if isinstance(line, list):
            if len(line) > 2:
                for i, cell in enumerate(line):
                    c.drawString(60 + i * 160, y, cell)
            else:
                c.drawString(60, y, line[0])
                c.drawRightString(500, y, line[1])
        else:
            c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()


def main():
    os.makedirs(DOCS, exist_ok=True)
    ext = {"txt": "txt", "html": "html"}
    for d in DOCS_SPEC:
        e = ext.get(d["fmt"], "pdf")
        path = os.path.join(DOCS, f"{d['name']}.{e}")
        if d["fmt"] == "txt":
            write_txt(path, [l if isinstance(l, str) else "    ".join(l) for l in d["lines"]])
        elif d["fmt"] == "html":
            write_html(path, d["lines"])
        elif d["fmt"] == "pdf-fpdf":
            write_fpdf(path, d["lines"])
        elif d["fmt"] == "pdf-fpdf-no-tounicode":
            write_fpdf(path, d["lines"])
            strip_tounicode(path)
        elif d["fmt"] == "pdf-fpdf-encrypted":
            write_fpdf(path, d["lines"], encrypt=True)
        elif d["fmt"] == "pdf-reportlab":
            write_reportlab(path, d["lines"])
        else:
            sys.exit(f"unknown format {d['fmt']}")
        meta = {"sender": d["sender"], "lang": d["lang"], "generator": d["fmt"], "expected": d["expected"]}
        with open(os.path.join(DOCS, f"{d['name']}.expected.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{len(DOCS_SPEC)} documents in {DOCS}")


if __name__ == "__main__":
    main()
