// The built-in invoice query, one definition: `gmail::query` includes it, and so does the
// Google simulator (tests/google-sim), so that the two never drift apart.

/// Finds rent notices (Swedish landlords' "Hyresavi"/"Avi"), invoices and receipts in Swedish,
/// English and German, and any mail with a PDF attachment; never chats, spam or trash.
pub const DEFAULT_QUERY: &str = concat!(
    "{subject:faktura subject:kvitto subject:hyresavi subject:avi subject:hyra ",
    "subject:orderbekräftelse subject:betalning ",
    "subject:invoice subject:receipt \"order confirmation\" ",
    "subject:rechnung subject:quittung subject:beleg subject:zahlungsbestätigung ",
    "filename:pdf} -in:chats -in:spam -in:trash"
);
