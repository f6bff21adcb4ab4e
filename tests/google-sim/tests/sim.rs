//! Black-box tests of the simulator over HTTP, checking the answers against Google's
//! (and the PayPulse API's) documented behaviour.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use paypulse_google_sim::{
    Consent, DEFAULT_CONFIDENTIAL_CLIENT_ID, DEFAULT_CONFIDENTIAL_CLIENT_SECRET,
    DEFAULT_GOOGLE_EMAIL, DEFAULT_GOOGLE_USER_ID, DEFAULT_PAYPULSE_EMAIL,
    DEFAULT_PAYPULSE_PASSWORD, DEFAULT_PAYPULSE_USER_ID, DEFAULT_PUBLIC_CLIENT_ID, Simulator,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const SCOPE: &str = "openid email profile https://www.googleapis.com/auth/gmail.readonly";
const GMAIL: &str = "https://www.googleapis.com/auth/gmail.readonly";
const REDIRECT: &str = "http://127.0.0.1:53682/";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-more-entropy-here";

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn post_form(url: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = http().post(url).form(form).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn refresh(sim: &Simulator, client_id: &str, refresh_token: &str) -> (StatusCode, Value) {
    post_form(
        &sim.token_url(),
        &[
            ("grant_type", "refresh_token"),
            ("client_id", client_id),
            ("refresh_token", refresh_token),
        ],
    )
    .await
}

/// Query parameters of a URL, in order.
fn query_of(url: &str) -> Vec<(String, String)> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// GETs the authorization endpoint with the usual parameters plus/over `extra`.
async fn authorize(sim: &Simulator, extra: &[(&str, &str)]) -> reqwest::Response {
    let challenge = challenge(VERIFIER);
    let mut params: Vec<(&str, &str)> = vec![
        ("client_id", DEFAULT_PUBLIC_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("response_type", "code"),
        ("scope", SCOPE),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
        ("state", "st-123 xyz"),
        ("access_type", "offline"),
        ("prompt", "consent"),
    ];
    for (k, v) in extra {
        params.retain(|(pk, _)| pk != k);
        if !v.is_empty() {
            params.push((k, v));
        }
    }
    http()
        .get(sim.auth_url())
        .query(&params)
        .send()
        .await
        .unwrap()
}

/// Runs the browser step and returns the redirect's query parameters.
async fn authorize_ok(sim: &Simulator, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let response = authorize(sim, extra).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(REDIRECT), "{location}");
    query_of(&location)
}

async fn exchange(
    sim: &Simulator,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> (StatusCode, Value) {
    post_form(
        &sim.token_url(),
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEFAULT_PUBLIC_CLIENT_ID),
            ("code", code),
            ("code_verifier", verifier),
            ("redirect_uri", redirect_uri),
        ],
    )
    .await
}

fn jwt_claims(jwt: &str) -> Value {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "{jwt}");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

// ----- refresh_token grant --------------------------------------------------------------------

#[tokio::test]
async fn refresh_succeeds_without_a_new_refresh_token() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(DEFAULT_PUBLIC_CLIENT_ID, DEFAULT_GOOGLE_USER_ID, SCOPE, -10);
    assert!(!sim.access_token_valid(&grant.access_token));
    assert!(grant.refresh_token.starts_with("1//0"));

    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        keys(&body),
        [
            "access_token",
            "expires_in",
            "scope",
            "token_type",
            "id_token"
        ]
    );
    let access = body["access_token"].as_str().unwrap();
    assert!(access.starts_with("ya29.") && access.len() > 100);
    assert_eq!(body["expires_in"], 3599);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scope"], SCOPE);
    let id = jwt_claims(body["id_token"].as_str().unwrap());
    assert_eq!(id["sub"], DEFAULT_GOOGLE_USER_ID);
    assert_eq!(id["aud"], DEFAULT_PUBLIC_CLIENT_ID);
    assert_eq!(id["email"], DEFAULT_GOOGLE_EMAIL);
    assert!(sim.access_token_valid(access));
    assert_eq!(sim.token_requests(), 1);
}

#[tokio::test]
async fn refresh_without_openid_has_no_id_token() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        GMAIL,
        3599,
    );
    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("id_token").is_none());
    assert!(body.get("refresh_token").is_none());
}

#[tokio::test]
async fn refresh_after_revocation_is_invalid_grant() {
    let sim = Simulator::start();
    let expected = json!({"error": "invalid_grant", "error_description": "Token has been expired or revoked."});

    // Revoked out of band (the user removed access in their account settings).
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    sim.revoke(&grant.refresh_token);
    assert!(sim.is_revoked(&grant.refresh_token));
    assert!(sim.is_revoked(&grant.access_token));
    assert!(!sim.access_token_valid(&grant.access_token));
    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, expected.clone()));

    // Revoked through the endpoint, by its access token: the whole grant goes.
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let (status, _) = post_form(&sim.revoke_url(), &[("token", &grant.access_token)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(sim.is_revoked(&grant.refresh_token));
    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, expected.clone()));

    // Never issued.
    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, "1//0bogus").await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, expected));
}

#[tokio::test]
async fn refresh_token_of_another_client_is_unauthorized_client() {
    let sim = Simulator::start();
    sim.add_client("other.apps.googleusercontent.com", None);
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let (status, body) = refresh(
        &sim,
        "other.apps.googleusercontent.com",
        &grant.refresh_token,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"error": "unauthorized_client", "error_description": "Unauthorized"})
    );
}

#[tokio::test]
async fn client_authentication_by_form_or_basic() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_CONFIDENTIAL_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let form = |secret: Option<&'static str>| {
        let mut f = vec![
            ("grant_type", "refresh_token".to_owned()),
            ("client_id", DEFAULT_CONFIDENTIAL_CLIENT_ID.to_owned()),
            ("refresh_token", grant.refresh_token.clone()),
        ];
        if let Some(s) = secret {
            f.push(("client_secret", s.to_owned()));
        }
        f
    };
    let token_url = sim.token_url();
    let send = |f: Vec<(&'static str, String)>| {
        let token_url = token_url.clone();
        async move {
            let r = http().post(token_url).form(&f).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let unauthorized = json!({"error": "invalid_client", "error_description": "Unauthorized"});

    let (status, _) = send(form(Some(DEFAULT_CONFIDENTIAL_CLIENT_SECRET))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        send(form(Some("wrong"))).await,
        (StatusCode::UNAUTHORIZED, unauthorized.clone())
    );
    assert_eq!(
        send(form(None)).await,
        (StatusCode::UNAUTHORIZED, unauthorized.clone())
    );

    // HTTP Basic, as oauth2 libraries send it.
    let basic = |secret: &str| {
        http()
            .post(sim.token_url())
            .basic_auth(DEFAULT_CONFIDENTIAL_CLIENT_ID, Some(secret))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", grant.refresh_token.as_str()),
            ])
            .send()
    };
    assert_eq!(
        basic(DEFAULT_CONFIDENTIAL_CLIENT_SECRET)
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let response = basic("nope").await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.json::<Value>().await.unwrap(), unauthorized);

    // Unknown and missing client ids.
    let (status, body) = refresh(
        &sim,
        "nobody.apps.googleusercontent.com",
        &grant.refresh_token,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"error": "invalid_client", "error_description": "The OAuth client was not found."})
    );
    let (status, body) = post_form(
        &sim.token_url(),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &grant.refresh_token),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn rotation_returns_a_new_refresh_token_and_retires_the_old() {
    let sim = Simulator::start();
    sim.set_rotate_refresh_tokens(true);
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!(status, StatusCode::OK);
    let new = body["refresh_token"].as_str().unwrap();
    assert!(new.starts_with("1//0") && new != grant.refresh_token);
    assert!(sim.is_revoked(&grant.refresh_token));
    let (status, _) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, new).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn injected_failures_then_recovery() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    sim.fail_next_token_requests(2, 503);
    for _ in 0..2 {
        let (status, body) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(body["error"].is_string());
    }
    let (status, _) = refresh(&sim, DEFAULT_PUBLIC_CLIENT_ID, &grant.refresh_token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.token_requests(), 3);
}

#[tokio::test]
async fn unsupported_grant_type() {
    let sim = Simulator::start();
    let (status, body) = post_form(&sim.token_url(), &[("grant_type", "password")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "unsupported_grant_type", "error_description": "Invalid grant_type: password"})
    );
    let (status, body) = post_form(&sim.token_url(), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "unsupported_grant_type");
}

// ----- authorization code + PKCE -------------------------------------------------------------

#[tokio::test]
async fn pkce_s256_flow_succeeds() {
    let sim = Simulator::start();
    let redirect = authorize_ok(&sim, &[]).await;
    assert_eq!(param(&redirect, "state"), Some("st-123 xyz"));
    assert_eq!(param(&redirect, "iss"), Some("https://accounts.google.com"));
    assert_eq!(
        param(&redirect, "scope"),
        Some(
            "email profile https://www.googleapis.com/auth/gmail.readonly openid \
             https://www.googleapis.com/auth/userinfo.email \
             https://www.googleapis.com/auth/userinfo.profile"
        )
    );
    let code = param(&redirect, "code").unwrap();
    assert!(code.starts_with("4/0A"));

    let (status, body) = exchange(&sim, code, VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        keys(&body),
        [
            "access_token",
            "expires_in",
            "refresh_token",
            "scope",
            "token_type",
            "id_token"
        ]
    );
    assert_eq!(body["expires_in"], 3599);
    assert!(body["scope"].as_str().unwrap().contains(GMAIL));
    let access = body["access_token"].as_str().unwrap();
    assert!(sim.access_token_valid(access));
    let (status, _) = refresh(
        &sim,
        DEFAULT_PUBLIC_CLIENT_ID,
        body["refresh_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.authorize_requests().len(), 1);
}

#[tokio::test]
async fn pkce_wrong_verifier_reused_code_and_redirect_mismatch() {
    let sim = Simulator::start();

    let code = param(&authorize_ok(&sim, &[]).await, "code")
        .unwrap()
        .to_owned();
    let other_verifier = "another-verifier-that-is-long-enough-to-be-valid-0123";
    let (status, body) = exchange(&sim, &code, other_verifier, REDIRECT).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Invalid code verifier."})
    );

    let code = param(&authorize_ok(&sim, &[]).await, "code")
        .unwrap()
        .to_owned();
    let (status, _) = exchange(&sim, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = exchange(&sim, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Bad Request"})
    );

    let code = param(&authorize_ok(&sim, &[]).await, "code")
        .unwrap()
        .to_owned();
    let (status, body) = exchange(&sim, &code, VERIFIER, "http://127.0.0.1:53682/other").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "redirect_uri_mismatch", "error_description": "Bad Request"})
    );

    let (status, body) = exchange(&sim, "4/0Anever-issued", VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Malformed auth code."})
    );

    let code = param(&authorize_ok(&sim, &[]).await, "code")
        .unwrap()
        .to_owned();
    let (status, body) = post_form(
        &sim.token_url(),
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEFAULT_PUBLIC_CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Missing code verifier."})
    );
}

#[tokio::test]
async fn authorize_rejects_bad_requests_with_an_error_page() {
    let sim = Simulator::start();
    // (parameters to change, HTTP status, error code shown on the page)
    type Case = (&'static [(&'static str, &'static str)], u16, &'static str);
    let cases: [Case; 7] = [
        (
            &[("code_challenge_method", "plain")],
            400,
            "invalid_request",
        ),
        (&[("code_challenge_method", "")], 400, "invalid_request"),
        (
            &[("code_challenge", ""), ("code_challenge_method", "")],
            400,
            "invalid_request",
        ),
        (
            &[("client_id", "nobody.apps.googleusercontent.com")],
            401,
            "invalid_client",
        ),
        (
            &[("redirect_uri", "https://evil.example/cb")],
            400,
            "redirect_uri_mismatch",
        ),
        (&[("scope", "openid gmail.readonly")], 400, "invalid_scope"),
        (
            &[("response_type", "token")],
            400,
            "unsupported_response_type",
        ),
    ];
    for (extra, status, error) in cases {
        let response = authorize(&sim, extra).await;
        assert_eq!(response.status().as_u16(), status, "{extra:?}");
        assert!(response.headers().get("location").is_none());
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(&format!("Error {status}: {error}")), "{page}");
    }
}

#[tokio::test]
async fn consent_knobs() {
    let sim = Simulator::start();

    sim.set_consent(Consent::Deny);
    let redirect = authorize_ok(&sim, &[]).await;
    assert_eq!(param(&redirect, "error"), Some("access_denied"));
    assert_eq!(param(&redirect, "state"), Some("st-123 xyz"));
    assert_eq!(param(&redirect, "code"), None);

    sim.set_consent(Consent::DropScope(GMAIL.to_owned()));
    let redirect = authorize_ok(&sim, &[]).await;
    assert!(!param(&redirect, "scope").unwrap().contains("gmail"));
    let (_, body) = exchange(&sim, param(&redirect, "code").unwrap(), VERIFIER, REDIRECT).await;
    assert!(!body["scope"].as_str().unwrap().contains("gmail"));

    // Which account consents: login_hint, then the explicit knob.
    sim.set_consent(Consent::Grant);
    sim.add_google_account("200000000000000000001", "bob@example.com", "Bob Berg");
    sim.add_google_account("300000000000000000001", "carol@example.com", "Carol Chen");
    let whoami = |redirect: Vec<(String, String)>| {
        let sim = &sim;
        async move {
            let code = param(&redirect, "code").unwrap().to_owned();
            let (_, body) = exchange(sim, &code, VERIFIER, REDIRECT).await;
            let response = http()
                .get(sim.userinfo_url())
                .bearer_auth(body["access_token"].as_str().unwrap())
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()["email"].clone()
        }
    };
    assert_eq!(
        whoami(authorize_ok(&sim, &[]).await).await,
        DEFAULT_GOOGLE_EMAIL
    );
    assert_eq!(
        whoami(authorize_ok(&sim, &[("login_hint", "bob@example.com")]).await).await,
        "bob@example.com"
    );
    sim.set_consent_account("carol@example.com");
    assert_eq!(
        whoami(authorize_ok(&sim, &[("login_hint", "bob@example.com")]).await).await,
        "carol@example.com"
    );
}

#[tokio::test]
async fn refresh_token_only_for_offline_and_consent() {
    let sim = Simulator::start();
    let has_refresh = |extra: &'static [(&'static str, &'static str)]| {
        let sim = &sim;
        async move {
            let code = param(&authorize_ok(sim, extra).await, "code")
                .unwrap()
                .to_owned();
            let (status, body) = exchange(sim, &code, VERIFIER, REDIRECT).await;
            assert_eq!(status, StatusCode::OK);
            body.get("refresh_token").is_some()
        }
    };
    assert!(!has_refresh(&[("access_type", "online"), ("prompt", "")]).await);
    // First offline consent: a refresh token even without prompt=consent.
    assert!(has_refresh(&[("prompt", "")]).await);
    // Already consented: none without prompt=consent, one with it.
    assert!(!has_refresh(&[("prompt", "")]).await);
    assert!(has_refresh(&[]).await);
}

// ----- revoke --------------------------------------------------------------------------------

#[tokio::test]
async fn revoke_then_revoke_again() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let (status, body) = post_form(&sim.revoke_url(), &[("token", &grant.refresh_token)]).await;
    assert_eq!((status, body), (StatusCode::OK, json!({})));
    assert!(sim.is_revoked(&grant.refresh_token));
    assert!(!sim.access_token_valid(&grant.access_token));

    let (status, body) = post_form(&sim.revoke_url(), &[("token", &grant.refresh_token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_token", "error_description": "Token expired or revoked"})
    );

    // The token may also come in the query string.
    let other = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let response = http()
        .post(sim.revoke_url())
        .query(&[("token", &other.refresh_token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    assert_eq!(
        sim.revoke_requests(),
        [
            grant.refresh_token.clone(),
            grant.refresh_token,
            other.refresh_token
        ]
    );
}

// ----- userinfo and tokeninfo ----------------------------------------------------------------

#[tokio::test]
async fn userinfo_shapes_and_401s() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );

    let response = http()
        .get(sim.userinfo_url())
        .bearer_auth(&grant.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["id"], DEFAULT_GOOGLE_USER_ID);
    assert_eq!(body["email"], DEFAULT_GOOGLE_EMAIL);
    assert_eq!(body["verified_email"], true);
    assert_eq!(body["name"], "Alice Andersson");
    assert_eq!(body["given_name"], "Alice");
    assert_eq!(body["family_name"], "Andersson");
    assert!(body["picture"].is_string());

    let v3: Value = http()
        .get(format!("{}/oauth2/v3/userinfo", sim.base_url()))
        .bearer_auth(&grant.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v3["sub"], DEFAULT_GOOGLE_USER_ID);
    assert_eq!(v3["email_verified"], true);

    let missing = http().get(sim.userinfo_url()).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::UNAUTHORIZED);
    assert!(missing.headers().contains_key("www-authenticate"));
    assert_eq!(
        missing.json::<Value>().await.unwrap(),
        json!({"error": {"code": 401, "message": "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.", "status": "UNAUTHENTICATED"}})
    );

    let invalid_body = json!({"error": {"code": 401, "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.", "status": "UNAUTHENTICATED"}});
    let expired = sim.issue_grant(DEFAULT_PUBLIC_CLIENT_ID, DEFAULT_GOOGLE_USER_ID, SCOPE, -1);
    sim.revoke(&grant.access_token);
    for token in [
        "ya29.bogus",
        expired.access_token.as_str(),
        grant.access_token.as_str(),
    ] {
        let response = http()
            .get(sim.userinfo_url())
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.json::<Value>().await.unwrap(), invalid_body);
    }
}

#[tokio::test]
async fn tokeninfo_answers_strings() {
    let sim = Simulator::start();
    let grant = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    let response = http()
        .get(sim.tokeninfo_url())
        .query(&[("access_token", &grant.access_token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["aud"], DEFAULT_PUBLIC_CLIENT_ID);
    assert_eq!(body["azp"], DEFAULT_PUBLIC_CLIENT_ID);
    assert_eq!(body["sub"], DEFAULT_GOOGLE_USER_ID);
    assert_eq!(body["scope"], SCOPE);
    assert_eq!(body["email"], DEFAULT_GOOGLE_EMAIL);
    assert_eq!(body["email_verified"], "true");
    assert_eq!(body["access_type"], "offline");
    assert!(body["exp"].as_str().unwrap().parse::<i64>().is_ok());
    let expires_in: i64 = body["expires_in"].as_str().unwrap().parse().unwrap();
    assert!((3590..=3599).contains(&expires_in));

    let response = http()
        .get(sim.tokeninfo_url())
        .query(&[("access_token", "ya29.bogus")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"error": "invalid_token", "error_description": "Invalid Value"})
    );
}

#[tokio::test]
async fn tokeninfo_tells_other_clients_missing_scopes_revoked_grants_and_injected_faults() {
    let sim = Simulator::start();
    let other = "other-client.apps.googleusercontent.com";
    sim.add_client(other, None);
    let info = |token: String| {
        let url = sim.tokeninfo_url();
        async move {
            let r = http()
                .post(url)
                .form(&[("access_token", token)])
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let foreign = sim.issue_grant(other, DEFAULT_GOOGLE_USER_ID, SCOPE, 3599);
    let (status, body) = info(foreign.access_token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["aud"], other);
    assert_eq!(body["azp"], other);

    let narrow = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        "openid email",
        3599,
    );
    let (status, body) = info(narrow.access_token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body["scope"].as_str().unwrap().contains(GMAIL), "{body}");

    let revoked = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    sim.revoke(&revoked.refresh_token);
    let dead = json!({"error": "invalid_token", "error_description": "Invalid Value"});
    assert_eq!(
        info(revoked.access_token).await,
        (StatusCode::BAD_REQUEST, dead.clone())
    );

    let live = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        SCOPE,
        3599,
    );
    sim.fail_next_tokeninfo_requests(2, 429);
    assert_eq!(
        info(live.access_token.clone()).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        info(live.access_token.clone()).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(info(live.access_token).await.0, StatusCode::OK);
    assert_eq!(sim.tokeninfo_requests(), 6);
}

// ----- PayPulse API --------------------------------------------------------------------------

async fn login(sim: &Simulator, email: &str, password: &str) -> (StatusCode, Value) {
    let response = http()
        .post(format!("{}/v1/auth/login", sim.api_url()))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn paypulse_login() {
    let sim = Simulator::start();
    let (status, body) = login(&sim, DEFAULT_PAYPULSE_EMAIL, DEFAULT_PAYPULSE_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["message"], "Login successful");
    assert_eq!(body["code"], 200);
    assert_eq!(body["data"]["username"], DEFAULT_PAYPULSE_EMAIL);
    assert_eq!(body["data"]["token_type"], "bearer");
    let claims = jwt_claims(body["data"]["access_token"].as_str().unwrap());
    assert_eq!(claims["user_id"], DEFAULT_PAYPULSE_USER_ID);
    assert_eq!(claims["email"], DEFAULT_PAYPULSE_EMAIL);
    let (exp, iat) = (
        claims["exp"].as_i64().unwrap(),
        claims["iat"].as_i64().unwrap(),
    );
    assert_eq!(exp - iat, 3600);

    let wrong_password = login(&sim, DEFAULT_PAYPULSE_EMAIL, "Tr0ub4dor&3").await;
    let unknown_email = login(&sim, "mallory@example.com", DEFAULT_PAYPULSE_PASSWORD).await;
    assert_eq!(wrong_password.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong_password.1,
        json!({"message": "Invalid email or password", "code": 401})
    );
    assert_eq!(wrong_password, unknown_email);
    assert_eq!(sim.login_requests(), 3);

    let response = http()
        .post(format!("{}/v1/auth/login", sim.api_url()))
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn paypulse_store_tokens() {
    let sim = Simulator::start();
    let url = format!("{}/v1/auth/gmail/store-tokens", sim.api_url());
    let (_, body) = login(&sim, DEFAULT_PAYPULSE_EMAIL, DEFAULT_PAYPULSE_PASSWORD).await;
    let jwt = body["data"]["access_token"].as_str().unwrap().to_owned();
    let tokens = |google_user_id: &str| json!({"access_token": "ya29.x", "refresh_token": "1//0x", "google_user_id": google_user_id});
    let store = |token: String, body: Value| {
        let url = url.clone();
        async move {
            let response = http()
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            (response.status(), response.json::<Value>().await.unwrap())
        }
    };
    let unauthorized = (
        StatusCode::UNAUTHORIZED,
        json!({"message": "Unauthorized", "code": 401}),
    );

    assert_eq!(store("not.a.jwt".into(), tokens("1")).await, unauthorized);
    let expired = sim.issue_paypulse_jwt(DEFAULT_PAYPULSE_USER_ID, DEFAULT_PAYPULSE_EMAIL, -5);
    assert_eq!(store(expired, tokens("1")).await, unauthorized);
    let no_auth = http().post(&url).json(&tokens("1")).send().await.unwrap();
    assert_eq!(no_auth.status(), StatusCode::UNAUTHORIZED);

    let (status, body) = store(jwt.clone(), tokens(DEFAULT_GOOGLE_USER_ID)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"message": "Tokens stored", "code": 200, "data": {"account_switch": false}})
    );
    let (_, body) = store(jwt.clone(), tokens(DEFAULT_GOOGLE_USER_ID)).await;
    assert_eq!(body["data"]["account_switch"], false);
    let (_, body) = store(jwt.clone(), tokens("999")).await;
    assert_eq!(body["data"]["account_switch"], true);
    assert_eq!(
        sim.stored_tokens(DEFAULT_PAYPULSE_USER_ID),
        Some(tokens("999"))
    );
    assert_eq!(sim.stored_tokens("user_nobody"), None);

    let (status, _) = store(jwt, json!({"refresh_token": "1//0x"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

// ----- lifecycle -----------------------------------------------------------------------------

#[test]
fn usable_from_sync_code_and_stops_when_dropped() {
    let sim = Simulator::start();
    let addr = sim.base_url().trim_start_matches("http://").to_owned();
    assert!(std::net::TcpStream::connect(&addr).is_ok());
    assert_eq!(sim.auth_url(), format!("http://{addr}/o/oauth2/v2/auth"));
    assert_eq!(sim.api_url(), format!("http://{addr}/paypulse"));
    drop(sim);
    assert!(std::net::TcpStream::connect(&addr).is_err());
}
