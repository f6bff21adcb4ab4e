//! Google's OAuth 2.0 endpoints: authorization (the browser step), token, revocation,
//! userinfo (v2 and OpenID Connect v3) and tokeninfo.
//!
//! Answers follow what Google's servers send, error bodies included, so that a client tested
//! here meets the same shapes in production.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::scope;
use crate::state::{
    self, ACCESS_TOKEN_LIFETIME, CODE_LIFETIME, CodeRecord, Consent, Shared, lock, now,
};
use crate::util::{
    Params, basic_credentials, bearer_token, html_error, is_valid_s256_challenge,
    is_valid_verifier, json, oauth_error, pct, s256,
};

/// Message of Google's 401 when no credential was sent.
pub(crate) const MISSING_CREDENTIAL: &str = "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
/// Message of Google's 401 when the credential sent is invalid, expired or revoked.
pub(crate) const INVALID_CREDENTIAL: &str = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

// ---------------------------------------------------------------------------------------------
// GET /o/oauth2/v2/auth
// ---------------------------------------------------------------------------------------------

/// The authorization endpoint. There is no human, so the configured [`Consent`] decides: the
/// browser is redirected back to the app with a code (or `error=access_denied`). Requests that
/// Google would not redirect (unknown client, bad redirect URI, malformed request) get Google's
/// HTML error page.
pub(crate) async fn authorize(State(shared): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let params = Params::parse(query.as_bytes());
    let mut st = lock(&shared);
    st.authorize_requests
        .push(format!("/o/oauth2/v2/auth?{query}"));

    // Client and redirect URI first: until both are known good, nothing may be redirected.
    let Some(client_id) = params.non_empty("client_id") else {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: client_id",
        );
    };
    if !st.clients.contains_key(client_id) {
        return html_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "The OAuth client was not found.",
        );
    }
    let Some(redirect_uri) = params.non_empty("redirect_uri") else {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: redirect_uri",
        );
    };
    if !is_loopback_redirect(redirect_uri) {
        return html_error(
            StatusCode::BAD_REQUEST,
            "redirect_uri_mismatch",
            &format!(
                "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 \
                 policy. If you're the app developer, register the redirect URI in the Google \
                 Cloud Console. Request details: redirect_uri={redirect_uri}"
            ),
        );
    }

    // The rest of the request.
    match params.non_empty("response_type") {
        None => {
            return html_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Required parameter is missing: response_type",
            );
        }
        Some("code") => {}
        Some(other) => {
            return html_error(
                StatusCode::BAD_REQUEST,
                "unsupported_response_type",
                &format!("Invalid response_type: {other}"),
            );
        }
    }
    let requested = scope::split(params.get("scope").unwrap_or(""));
    if requested.is_empty() {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: scope",
        );
    }
    let unknown: Vec<&str> = requested
        .iter()
        .map(String::as_str)
        .filter(|s| !scope::is_known(s))
        .collect();
    if !unknown.is_empty() {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            &format!(
                "Some requested scopes were invalid. {{invalid=[{}]}}",
                unknown.join(", ")
            ),
        );
    }
    // PKCE: S256 is required. Google assumes `plain` when the method is absent.
    let Some(challenge) = params.non_empty("code_challenge") else {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: code_challenge (PKCE with S256 is required)",
        );
    };
    match params.non_empty("code_challenge_method") {
        Some("S256") => {}
        Some(method) => {
            return html_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("Invalid code_challenge_method: {method} (S256 is required)"),
            );
        }
        None => {
            return html_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing code_challenge_method: plain is not allowed, S256 is required",
            );
        }
    }
    if !is_valid_s256_challenge(challenge) {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Invalid code_challenge",
        );
    }
    let offline = match params.get("access_type") {
        None | Some("online") => false,
        Some("offline") => true,
        Some(other) => {
            return html_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("Invalid access_type: {other}"),
            );
        }
    };
    let prompts: Vec<&str> = params
        .get("prompt")
        .unwrap_or("")
        .split_whitespace()
        .collect();
    if prompts
        .iter()
        .any(|p| !matches!(*p, "none" | "consent" | "select_account"))
        || (prompts.contains(&"none") && prompts.len() > 1)
    {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            &format!("Invalid prompt: {}", params.get("prompt").unwrap_or("")),
        );
    }
    let state_param = params.get("state").map(str::to_owned);

    // Which account consents: the test's choice, else a known login_hint, else the default.
    let account = st
        .consent_account
        .as_deref()
        .and_then(|email| st.account_by_email(email))
        .or_else(|| {
            params
                .non_empty("login_hint")
                .and_then(|hint| st.account_by_email(hint).or_else(|| st.account_by_id(hint)))
        })
        .or_else(|| st.accounts.first())
        .cloned();
    let Some(account) = account else {
        return html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "No Google account can sign in",
        );
    };

    let consent_key = (client_id.to_owned(), account.id.clone());
    let first_consent = !st.consented.contains(&consent_key);
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    let state_part = state_param
        .as_deref()
        .map(|s| format!("state={}&", pct(s)))
        .unwrap_or_default();

    if prompts.contains(&"none") && first_consent {
        return redirect(&format!(
            "{redirect_uri}{sep}{state_part}error=consent_required"
        ));
    }
    let granted: Vec<String> = match &st.consent {
        Consent::Deny => {
            let state_suffix = state_param
                .as_deref()
                .map(|s| format!("&state={}", pct(s)))
                .unwrap_or_default();
            return redirect(&format!(
                "{redirect_uri}{sep}error=access_denied{state_suffix}"
            ));
        }
        Consent::Grant => requested.clone(),
        Consent::DropScope(dropped) => requested
            .iter()
            .filter(|s| !scope::same(s, dropped))
            .cloned()
            .collect(),
    };

    let first_offline = !st.offline_consented.contains(&consent_key);
    let withhold = st.withhold_refresh_tokens;
    if offline {
        st.offline_consented.insert(consent_key.clone());
    }
    st.consented.insert(consent_key);
    let code = state::new_auth_code();
    st.codes.insert(
        code.clone(),
        CodeRecord {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            code_challenge: challenge.to_owned(),
            account_id: account.id.clone(),
            scope: scope::token_form(&granted),
            issue_refresh_token: offline
                && !withhold
                && (first_offline || prompts.contains(&"consent")),
            issued_at: now(),
            used: false,
        },
    );
    let prompt_part = if prompts.contains(&"consent") || first_consent {
        "&prompt=consent"
    } else {
        "&prompt=none"
    };
    redirect(&format!(
        "{redirect_uri}{sep}{state_part}iss={iss}&code={code}&scope={scope}&authuser=0{prompt_part}",
        iss = pct("https://accounts.google.com"),
        code = pct(&code),
        scope = pct(&scope::redirect_form(&granted)),
    ))
}

/// Whether a redirect URI is one Google accepts for a desktop client: plain `http` to a
/// loopback host (`127.0.0.1`, `localhost`, `[::1]`), any port and path, no fragment.
fn is_loopback_redirect(uri: &str) -> bool {
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    let loopback_host = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(url::Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    url.scheme() == "http"
        && loopback_host
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
}

/// `302 Found` to `location`.
fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = StatusCode::FOUND.into_response();
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => html_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Invalid redirect_uri",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// POST /token
// ---------------------------------------------------------------------------------------------

/// The token endpoint: `authorization_code` and `refresh_token` grants.
pub(crate) async fn token(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = Params::parse(&body);
    let mut st = lock(&shared);
    st.token_requests += 1;

    if st.fail_token.0 > 0 {
        st.fail_token.0 -= 1;
        return injected_failure(st.fail_token.1);
    }

    let grant_type = params.get("grant_type").unwrap_or("");
    if !matches!(grant_type, "authorization_code" | "refresh_token") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("Invalid grant_type: {grant_type}"),
        );
    }

    let client_id = match authenticate_client(&st, &headers, &params) {
        Ok(id) => id,
        Err((status, error, description)) => return oauth_error(status, error, description),
    };

    if grant_type == "refresh_token" {
        refresh_grant(&mut st, &client_id, &params)
    } else {
        code_grant(&mut st, &client_id, &params)
    }
}

/// The answer to an injected failure: Google-like error bodies for the usual statuses.
fn injected_failure(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (error, description) = match status.as_u16() {
        429 => ("rate_limit_exceeded", "Rate Limit Exceeded"),
        503 => (
            "temporarily_unavailable",
            "The service is currently unavailable.",
        ),
        500..=599 => ("internal_failure", "Backend Error"),
        _ => ("invalid_request", "Bad Request"),
    };
    oauth_error(status, error, description)
}

/// An OAuth error answer in waiting: status, `error`, `error_description`.
type OAuthError = (StatusCode, &'static str, &'static str);

/// Authenticates the client from HTTP Basic credentials or, failing that, the form's
/// `client_id` / `client_secret`. Public clients are not asked for a secret.
/// The error is the OAuth error to answer with.
fn authenticate_client(
    st: &state::State,
    headers: &HeaderMap,
    params: &Params,
) -> Result<String, OAuthError> {
    let (client_id, secret) = match basic_credentials(headers) {
        Some((id, secret)) if !id.is_empty() => (id, Some(secret)),
        _ => (
            params.non_empty("client_id").unwrap_or("").to_owned(),
            params.get("client_secret").map(str::to_owned),
        ),
    };
    if client_id.is_empty() {
        return Err((
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Could not determine client ID from request.",
        ));
    }
    let Some(client) = st.clients.get(&client_id) else {
        return Err((
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "The OAuth client was not found.",
        ));
    };
    if let Some(expected) = &client.secret
        && secret.as_deref() != Some(expected.as_str())
    {
        return Err((StatusCode::UNAUTHORIZED, "invalid_client", "Unauthorized"));
    }
    Ok(client_id)
}

/// `grant_type=refresh_token`.
fn refresh_grant(st: &mut state::State, client_id: &str, params: &Params) -> Response {
    let Some(refresh_token) = params.non_empty("refresh_token") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: refresh_token",
        );
    };
    let expired_or_revoked = || {
        oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Token has been expired or revoked.",
        )
    };
    let Some(&grant) = st.refresh_index.get(refresh_token) else {
        return expired_or_revoked();
    };
    let Some(record) = st.grants.get(grant).cloned() else {
        return expired_or_revoked();
    };
    if record.revoked {
        return expired_or_revoked();
    }
    if record.client_id != client_id {
        // Google's answer when a refresh token is presented by another client.
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "unauthorized_client",
            "Unauthorized",
        );
    }
    let new_refresh = st
        .rotate_refresh_tokens
        .then(|| st.rotate_refresh_token(grant));
    let access_token = st.mint_access_token(grant, ACCESS_TOKEN_LIFETIME);
    token_answer(st, grant, access_token, new_refresh)
}

/// `grant_type=authorization_code`.
fn code_grant(st: &mut state::State, client_id: &str, params: &Params) -> Response {
    let Some(code) = params.non_empty("code") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: code",
        );
    };
    let Some(record) = st.codes.get_mut(code) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Malformed auth code.",
        );
    };
    if record.used || record.client_id != client_id || now() - record.issued_at > CODE_LIFETIME {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Bad Request");
    }
    // A code is single-use: any redemption attempt by its client consumes it.
    record.used = true;
    let record = record.clone();

    let Some(redirect_uri) = params.non_empty("redirect_uri") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing parameter: redirect_uri",
        );
    };
    if redirect_uri != record.redirect_uri {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "redirect_uri_mismatch",
            "Bad Request",
        );
    }
    let Some(verifier) = params.non_empty("code_verifier") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Missing code verifier.",
        );
    };
    if !is_valid_verifier(verifier) || s256(verifier) != record.code_challenge {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Invalid code verifier.",
        );
    }

    let (grant, access_token, refresh) = st.create_grant(
        client_id,
        &record.account_id,
        &record.scope,
        record.issue_refresh_token,
        ACCESS_TOKEN_LIFETIME,
    );
    token_answer(st, grant, access_token, refresh)
}

/// A successful token answer: `access_token`, `expires_in`, `refresh_token` (only when one is
/// given), `scope`, `token_type`, and `id_token` when the grant includes `openid`.
fn token_answer(
    st: &mut state::State,
    grant: usize,
    access_token: String,
    refresh: Option<String>,
) -> Response {
    let scope = st
        .grants
        .get(grant)
        .map(|g| g.scope.clone())
        .unwrap_or_default();
    let mut body = serde_json::Map::new();
    body.insert("access_token".into(), access_token.clone().into());
    body.insert("expires_in".into(), ACCESS_TOKEN_LIFETIME.into());
    if let Some(rt) = refresh {
        body.insert("refresh_token".into(), rt.into());
    }
    body.insert("scope".into(), scope.clone().into());
    body.insert("token_type".into(), "Bearer".into());
    if scope::has_openid(&scope)
        && let Some(id_token) = st.mint_id_token(grant, &access_token)
    {
        body.insert("id_token".into(), id_token.into());
    }
    json(StatusCode::OK, &Value::Object(body))
}

// ---------------------------------------------------------------------------------------------
// POST /revoke
// ---------------------------------------------------------------------------------------------

/// The revocation endpoint (RFC 7009 as Google implements it). The token may come in the form
/// body or the query string. Revoking any token of a grant revokes the whole grant.
pub(crate) async fn revoke(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let form = Params::parse(&body);
    let query = Params::parse(query.unwrap_or_default().as_bytes());
    let token = form
        .non_empty("token")
        .or_else(|| query.non_empty("token"))
        .map(str::to_owned);
    let mut st = lock(&shared);
    st.revoke_requests.push(token.clone().unwrap_or_default());
    let Some(token) = token else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: token",
        );
    };
    let invalid = || {
        oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_token",
            "Token expired or revoked",
        )
    };
    // Only a current refresh token or a live access token can be revoked.
    let grant = match st.refresh_index.get(&token) {
        Some(&g) => Some(g),
        None => st.live_access(&token).map(|(a, _)| a.grant),
    };
    let Some(grant) = grant else {
        return invalid();
    };
    if st.grants.get(grant).is_none_or(|g| g.revoked) {
        return invalid();
    }
    st.revoke_grant(grant);
    json(StatusCode::OK, &json!({}))
}

// ---------------------------------------------------------------------------------------------
// GET /oauth2/v2/userinfo, GET|POST /oauth2/v3/userinfo
// ---------------------------------------------------------------------------------------------

/// The identity behind a request's access token (`Authorization: Bearer`, or the
/// `access_token` query parameter that Google also accepts).
enum Caller {
    Missing,
    Invalid,
    Valid {
        account: state::Account,
        scope: String,
    },
}

fn caller(shared: &Shared, headers: &HeaderMap, query: Option<String>) -> Caller {
    let query = Params::parse(query.unwrap_or_default().as_bytes());
    let Some(token) =
        bearer_token(headers).or_else(|| query.non_empty("access_token").map(str::to_owned))
    else {
        return Caller::Missing;
    };
    let st = lock(shared);
    let Some((_, grant)) = st.live_access(&token) else {
        return Caller::Invalid;
    };
    let scope = grant.scope.clone();
    match st.account_by_id(&grant.account_id) {
        Some(account) => Caller::Valid {
            account: account.clone(),
            scope,
        },
        None => Caller::Invalid,
    }
}

/// Google's API error body for a 401, with its `WWW-Authenticate` header.
fn api_unauthenticated(message: &str, invalid_token: bool) -> Response {
    let mut response = json(
        StatusCode::UNAUTHORIZED,
        &json!({ "error": { "code": 401, "message": message, "status": "UNAUTHENTICATED" } }),
    );
    let challenge = if invalid_token {
        "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""
    } else {
        "Bearer realm=\"https://accounts.google.com/\""
    };
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

/// `GET /oauth2/v2/userinfo`: fields depend on the granted scopes (`email` for the address,
/// `profile` for the name and picture). A token without any identity scope is refused.
pub(crate) async fn userinfo_v2(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let (account, scope) = match caller(&shared, &headers, query) {
        Caller::Missing => return api_unauthenticated(MISSING_CREDENTIAL, false),
        Caller::Invalid => return api_unauthenticated(INVALID_CREDENTIAL, true),
        Caller::Valid { account, scope } => (account, scope),
    };
    let (email, profile) = (scope::has_email(&scope), scope::has_profile(&scope));
    if !email && !profile && !scope::has_openid(&scope) {
        return api_unauthenticated(MISSING_CREDENTIAL, false);
    }
    let mut body = serde_json::Map::new();
    body.insert("id".into(), account.id.clone().into());
    if email {
        body.insert("email".into(), account.email.clone().into());
        body.insert("verified_email".into(), account.verified.into());
    }
    if profile {
        body.insert("name".into(), account.name.clone().into());
        body.insert("given_name".into(), account.given_name().into());
        body.insert("family_name".into(), account.family_name().into());
    }
    body.insert("picture".into(), account.picture().into());
    json(StatusCode::OK, &Value::Object(body))
}

/// `GET|POST /oauth2/v3/userinfo`: the OpenID Connect shape. Its errors are OAuth-style.
pub(crate) async fn userinfo_v3(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let (account, scope) = match caller(&shared, &headers, query) {
        Caller::Missing | Caller::Invalid => {
            let mut response = oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_request",
                "Invalid Credentials",
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(
                    "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
                ),
            );
            return response;
        }
        Caller::Valid { account, scope } => (account, scope),
    };
    let (email, profile) = (scope::has_email(&scope), scope::has_profile(&scope));
    if !email && !profile && !scope::has_openid(&scope) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request",
            "Invalid Credentials",
        );
    }
    let mut body = serde_json::Map::new();
    body.insert("sub".into(), account.id.clone().into());
    if profile {
        body.insert("name".into(), account.name.clone().into());
        body.insert("given_name".into(), account.given_name().into());
        body.insert("family_name".into(), account.family_name().into());
    }
    body.insert("picture".into(), account.picture().into());
    if email {
        body.insert("email".into(), account.email.clone().into());
        body.insert("email_verified".into(), account.verified.into());
    }
    json(StatusCode::OK, &Value::Object(body))
}

// ---------------------------------------------------------------------------------------------
// GET|POST /tokeninfo, GET|POST /oauth2/v3/tokeninfo
// ---------------------------------------------------------------------------------------------

/// `tokeninfo?access_token=…` (or `id_token=…`), from the query string or a form body. Numbers
/// and booleans are JSON strings, as Google sends them. A dead (expired, revoked) or unknown
/// token is `400 {"error":"invalid_token","error_description":"Invalid Value"}`.
pub(crate) async fn tokeninfo(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let query = Params::parse(query.unwrap_or_default().as_bytes());
    let form = Params::parse(&body);
    let param = |name: &str| query.non_empty(name).or_else(|| form.non_empty(name));
    let invalid = || oauth_error(StatusCode::BAD_REQUEST, "invalid_token", "Invalid Value");
    let mut st = lock(&shared);
    st.tokeninfo_requests += 1;
    if st.fail_tokeninfo.0 > 0 {
        st.fail_tokeninfo.0 -= 1;
        return injected_failure(st.fail_tokeninfo.1);
    }

    if let Some(token) = param("access_token") {
        let Some((access, grant)) = st.live_access(token) else {
            return invalid();
        };
        let Some(account) = st.account_by_id(&grant.account_id) else {
            return invalid();
        };
        let mut body = serde_json::Map::new();
        body.insert("azp".into(), grant.client_id.clone().into());
        body.insert("aud".into(), grant.client_id.clone().into());
        body.insert("sub".into(), account.id.clone().into());
        body.insert("scope".into(), grant.scope.clone().into());
        body.insert("exp".into(), access.expires_at.to_string().into());
        body.insert(
            "expires_in".into(),
            (access.expires_at - now()).max(0).to_string().into(),
        );
        if scope::has_email(&grant.scope) {
            body.insert("email".into(), account.email.clone().into());
            body.insert("email_verified".into(), account.verified.to_string().into());
        }
        let access_type = if grant.refresh_token.is_some() {
            "offline"
        } else {
            "online"
        };
        body.insert("access_type".into(), access_type.into());
        return json(StatusCode::OK, &Value::Object(body));
    }

    if let Some(token) = param("id_token") {
        let Some(Value::Object(claims)) = st.id_tokens.get(token) else {
            return invalid();
        };
        if claims.get("exp").and_then(Value::as_i64).unwrap_or(0) <= now() {
            return invalid();
        }
        let mut body = serde_json::Map::new();
        for (k, v) in claims {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            body.insert(k.clone(), v.into());
        }
        body.insert("alg".into(), "RS256".into());
        body.insert("typ".into(), "JWT".into());
        return json(StatusCode::OK, &Value::Object(body));
    }

    invalid()
}
