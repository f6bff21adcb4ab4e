// The built-in invoice query, one definition: `gmail::query` includes it, and so does the
// Google simulator (tests/google-sim), so that the two never drift apart.

/// Finds rent notices (Swedish landlords' "Hyresavi"/"Avi"), invoices, receipts and order
/// confirmations in Swedish, English, German, French and Dutch, and any mail with a PDF or
/// XML e-invoice attachment; never chats, spam or trash.
pub const DEFAULT_QUERY: &str = concat!(
    "{subject:faktura subject:kvitto subject:hyresavi subject:avi subject:hyra ",
    "subject:orderbekräftelse subject:betalning ",
    "subject:invoice subject:receipt \"order confirmation\" ",
    "subject:rechnung subject:quittung subject:beleg subject:zahlungsbestätigung ",
    "subject:bestellbestätigung subject:facture subject:reçu ",
    "subject:factuur subject:orderbevestiging ",
    // An order named in the subject, unless it is the shipping notice.
    "(subject:beställning -subject:skickats -subject:levererad) ",
    "(subject:\"your order\" -subject:shipped -subject:delivered) ",
    "(subject:bestellung -subject:versandt -subject:verschickt -subject:zugestellt) ",
    "(subject:commande -subject:expédiée -subject:livrée) ",
    "(subject:bestelling -subject:verzonden -subject:bezorgd) ",
    "filename:pdf filename:xml} -in:chats -in:spam -in:trash"
);
