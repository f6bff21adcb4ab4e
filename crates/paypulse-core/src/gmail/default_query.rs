// The built-in invoice query, one definition: `gmail::query` includes it, and so does the
// Google simulator (tests/google-sim), so that the two never drift apart.

/// Finds rent notices (Swedish landlords' "Hyresavi"/"Avi"), invoices, receipts and order
/// confirmations in Swedish, English, German, French and Dutch, and any mail with a PDF or
/// XML e-invoice attachment; never chats, spam or trash.
pub const DEFAULT_QUERY: &str = concat!(
    "{subject:faktura subject:kvitto subject:hyresavi subject:avi subject:hyra ",
    "subject:orderbekräftelse subject:beställning subject:betalning ",
    "subject:invoice subject:receipt \"order confirmation\" subject:\"your order\" ",
    "subject:rechnung subject:quittung subject:beleg subject:zahlungsbestätigung ",
    "subject:bestellung subject:bestellbestätigung ",
    "subject:facture subject:reçu subject:commande ",
    "subject:factuur subject:bestelling subject:orderbevestiging ",
    "filename:pdf filename:xml} -in:chats -in:spam -in:trash"
);
