//! Google's scope vocabulary: short aliases (`email`, `profile`), their URL forms, and the two
//! shapes in which Google reports a granted scope (on the redirect and in token answers).

const USERINFO_EMAIL: &str = "https://www.googleapis.com/auth/userinfo.email";
const USERINFO_PROFILE: &str = "https://www.googleapis.com/auth/userinfo.profile";

/// Splits a space-separated scope string into its distinct scopes, in order.
pub(crate) fn split(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scope.split_whitespace() {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

/// The URL form of a scope: `email` and `profile` are aliases of the userinfo scopes.
pub(crate) fn expand(scope: &str) -> &str {
    match scope {
        "email" => USERINFO_EMAIL,
        "profile" => USERINFO_PROFILE,
        other => other,
    }
}

/// Whether Google knows this scope. Unknown scopes make the authorization endpoint answer
/// `invalid_scope`.
pub(crate) fn is_known(scope: &str) -> bool {
    matches!(scope, "openid" | "email" | "profile")
        || scope.starts_with("https://www.googleapis.com/auth/")
        || scope == "https://mail.google.com/"
}

/// Whether a granted scope string allows reading the email address.
pub(crate) fn has_email(scope: &str) -> bool {
    scope
        .split_whitespace()
        .any(|s| s == "email" || s == USERINFO_EMAIL)
}

/// Whether a granted scope string allows reading the profile (name, picture).
pub(crate) fn has_profile(scope: &str) -> bool {
    scope
        .split_whitespace()
        .any(|s| s == "profile" || s == USERINFO_PROFILE)
}

/// Whether a granted scope string includes `openid`.
pub(crate) fn has_openid(scope: &str) -> bool {
    scope.split_whitespace().any(|s| s == "openid")
}

/// What a granted scope string allows of the Gmail API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GmailAccess {
    /// No Gmail read scope.
    None,
    /// `gmail.metadata` only: ids, labels and headers, no `q`, no bodies.
    Metadata,
    /// `gmail.readonly`, `gmail.modify` or `https://mail.google.com/`.
    Read,
}

/// The Gmail access a granted scope string gives.
pub(crate) fn gmail_access(scope: &str) -> GmailAccess {
    let scopes: Vec<&str> = scope.split_whitespace().collect();
    if scopes.iter().any(|s| {
        matches!(
            *s,
            "https://mail.google.com/"
                | "https://www.googleapis.com/auth/gmail.readonly"
                | "https://www.googleapis.com/auth/gmail.modify"
        )
    }) {
        GmailAccess::Read
    } else if scopes.contains(&"https://www.googleapis.com/auth/gmail.metadata") {
        GmailAccess::Metadata
    } else {
        GmailAccess::None
    }
}

/// Whether two scopes name the same permission (`email` and its URL are the same).
pub(crate) fn same(a: &str, b: &str) -> bool {
    expand(a) == expand(b)
}

/// The granted scope as the token endpoint reports it: aliases replaced by their URLs,
/// duplicates removed, in the requested order.
pub(crate) fn token_form(granted: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for s in granted {
        let e = expand(s);
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out.join(" ")
}

/// The granted scope as the authorization endpoint reports it on the redirect: the aliases
/// requested, then the other URL scopes, then `openid`, then the userinfo URLs, e.g.
/// `email profile https://www.googleapis.com/auth/gmail.readonly openid
/// https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile`.
pub(crate) fn redirect_form(granted: &[String]) -> String {
    let wants = |name: &str| granted.iter().any(|s| s == name);
    let email = granted.iter().any(|s| same(s, "email"));
    let profile = granted.iter().any(|s| same(s, "profile"));
    let mut out: Vec<&str> = Vec::new();
    if wants("email") {
        out.push("email");
    }
    if wants("profile") {
        out.push("profile");
    }
    for s in granted {
        let s = s.as_str();
        if !matches!(
            s,
            "email" | "profile" | "openid" | USERINFO_EMAIL | USERINFO_PROFILE
        ) && !out.contains(&s)
        {
            out.push(s);
        }
    }
    if wants("openid") {
        out.push("openid");
    }
    if email {
        out.push(USERINFO_EMAIL);
    }
    if profile {
        out.push(USERINFO_PROFILE);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUESTED: &str = "openid email profile https://www.googleapis.com/auth/gmail.readonly";

    #[test]
    fn redirect_form_matches_google() {
        assert_eq!(
            redirect_form(&split(REQUESTED)),
            "email profile https://www.googleapis.com/auth/gmail.readonly openid \
             https://www.googleapis.com/auth/userinfo.email \
             https://www.googleapis.com/auth/userinfo.profile"
        );
    }

    #[test]
    fn token_form_uses_urls() {
        assert_eq!(
            token_form(&split(REQUESTED)),
            "openid https://www.googleapis.com/auth/userinfo.email \
             https://www.googleapis.com/auth/userinfo.profile \
             https://www.googleapis.com/auth/gmail.readonly"
        );
    }

    #[test]
    fn scope_checks_accept_both_forms() {
        assert!(has_email("openid email"));
        assert!(has_email(USERINFO_EMAIL));
        assert!(!has_email("profile"));
        assert!(has_profile(USERINFO_PROFILE));
        assert!(has_openid("email openid"));
        assert!(!is_known("gmail.readonly"));
        assert!(is_known("https://www.googleapis.com/auth/gmail.readonly"));
    }
}
