//! The OAuth code against an independent, certified OpenID provider (npm's `oidc-provider`, see
//! `tests/oidc/server.js`) rather than the project's own Google simulator: `connect-gmail` with
//! a public client (PKCE) and with a confidential one (`client_secret_post`), `tokens refresh`
//! and `tokens revoke`, every endpoint taken from the provider's discovery document.

use crate::common;

use std::collections::BTreeMap;
use std::process::Output;

use common::peers::Oidc;
use common::{USER, World};
use serde_json::Value;

const GMAIL: &str = "https://www.googleapis.com/auth/gmail.readonly";

/// One HTTP exchange, run on a fresh current-thread runtime (the tests are synchronous).
fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The provider and its endpoints, read from `/.well-known/openid-configuration`.
struct Provider {
    oidc: Oidc,
    auth: String,
    token: String,
    revoke: String,
    userinfo: String,
}

impl Provider {
    fn start() -> Provider {
        let oidc = Oidc::start();
        let url = format!("{}/.well-known/openid-configuration", oidc.issuer());
        let doc: Value = block_on(async {
            let resp = http().get(&url).send().await.unwrap();
            assert_eq!(resp.status(), 200, "{url}");
            resp.json().await.unwrap()
        });
        assert_eq!(doc["issuer"], oidc.issuer());
        let endpoint = |key: &str| {
            doc[key]
                .as_str()
                .unwrap_or_else(|| panic!("no {key} in {doc}"))
                .to_owned()
        };
        for (key, want) in [
            ("code_challenge_methods_supported", "S256"),
            ("scopes_supported", GMAIL),
        ] {
            assert!(
                doc[key].as_array().unwrap().iter().any(|v| v == want),
                "{key}: {}",
                doc[key]
            );
        }
        Provider {
            auth: endpoint("authorization_endpoint"),
            token: endpoint("token_endpoint"),
            revoke: endpoint("revocation_endpoint"),
            userinfo: endpoint("userinfo_endpoint"),
            oidc,
        }
    }

    /// A world whose Google endpoints are this provider's, with `client` (and its `secret`).
    fn world(&self, client: &str, secret: Option<&str>) -> World {
        let mut w = World::new();
        w.set("PAYPULSE_STORE", "file")
            .set("PAYPULSE_USER", USER)
            .set("PAYPULSE_GOOGLE_AUTH_URL", &self.auth)
            .set("PAYPULSE_GOOGLE_TOKEN_URL", &self.token)
            .set("PAYPULSE_GOOGLE_REVOKE_URL", &self.revoke)
            .set("PAYPULSE_GOOGLE_USERINFO_URL", &self.userinfo)
            .set("PAYPULSE_GOOGLE_CLIENT_ID", client);
        match secret {
            Some(s) => w.set("PAYPULSE_GOOGLE_CLIENT_SECRET", s),
            None => w.unset("PAYPULSE_GOOGLE_CLIENT_SECRET"),
        };
        w
    }

    /// GET userinfo with `access_token`: (status, body).
    fn userinfo(&self, access_token: &str) -> (u16, String) {
        block_on(async {
            let resp = http()
                .get(&self.userinfo)
                .bearer_auth(access_token)
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), resp.text().await.unwrap())
        })
    }

    /// A refresh_token grant at the token endpoint, as `client` would send it: (status, body).
    fn refresh(&self, client: &str, secret: Option<&str>, refresh_token: &str) -> (u16, Value) {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", client),
        ];
        if let Some(s) = secret {
            form.push(("client_secret", s));
        }
        block_on(async {
            let resp = http().post(&self.token).form(&form).send().await.unwrap();
            (resp.status().as_u16(), resp.json().await.unwrap())
        })
    }

    /// A revocation request without any client authentication: (status, body).
    fn revoke_anonymously(&self, token: &str) -> (u16, Value) {
        let form = [("token", token), ("token_type_hint", "refresh_token")];
        block_on(async {
            let resp = http().post(&self.revoke).form(&form).send().await.unwrap();
            (resp.status().as_u16(), resp.json().await.unwrap())
        })
    }

    /// What a browser does with the authorize URL: follows the provider's redirects (login and
    /// consent complete by themselves) keeping its cookies, until the provider redirects to the
    /// loopback; then GETs the loopback. Returns the loopback's (status, page).
    fn browse(&self, authorize_url: &str) -> (u16, String) {
        block_on(async {
            let client = http();
            let mut cookies = BTreeMap::<String, String>::new();
            let mut url = reqwest::Url::parse(authorize_url).unwrap();
            for _ in 0..10 {
                let mut req = client.get(url.clone());
                if !cookies.is_empty() {
                    let header = cookies
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join("; ");
                    req = req.header("cookie", header);
                }
                let resp = req.send().await.unwrap();
                for set in resp.headers().get_all("set-cookie") {
                    let set = set.to_str().unwrap();
                    let pair = set.split(';').next().unwrap();
                    let (name, value) = pair.split_once('=').unwrap();
                    let expired = set
                        .to_ascii_lowercase()
                        .contains("expires=thu, 01 jan 1970");
                    if value.is_empty() || expired {
                        cookies.remove(name);
                    } else {
                        cookies.insert(name.to_owned(), value.to_owned());
                    }
                }
                let status = resp.status();
                let Some(location) = resp.headers().get("location") else {
                    let body = resp.text().await.unwrap();
                    panic!(
                        "{url} answered {status} without a redirect: {body}\nprovider log:\n{}",
                        self.oidc.log()
                    );
                };
                assert!(status.is_redirection(), "{url} answered {status}");
                url = url.join(location.to_str().unwrap()).unwrap();
                if !url.as_str().starts_with(self.oidc.issuer()) {
                    // The loopback: the provider's cookies stay with the provider.
                    let resp = client.get(url).send().await.unwrap();
                    return (resp.status().as_u16(), resp.text().await.unwrap());
                }
            }
            panic!("more than 10 redirects from {authorize_url}");
        })
    }
}

/// Runs `connect-gmail --no-browser --json`, reads the printed authorize URL and plays the
/// browser with it.
fn connect(p: &Provider, w: &World) -> Output {
    let marker = format!("{}?", p.auth);
    common::connect_gmail(w, &["--no-browser", "--json"], &marker, |url, _| {
        for part in [
            "response_type=code",
            "code_challenge_method=S256",
            "code_challenge=",
            "state=",
            "redirect_uri=http%3A%2F%2F127.0.0.1%3A",
        ] {
            assert!(url.contains(part), "{part} missing in {url}");
        }
        let (status, page) = p.browse(url);
        assert_eq!(status, 200, "{page}");
    })
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string {key} in {v}"))
}

/// connect-gmail, two forced refreshes and a revoke with `client`, each checked at the provider.
/// `rotates`: the provider rotates this client's refresh token at every refresh (oidc-provider
/// does so for public clients).
fn connect_refresh_revoke(client: &str, secret: Option<&str>, rotates: bool) {
    let p = Provider::start();
    let w = p.world(client, secret);

    // connect-gmail: the code exchange (PKCE; the secret in the form for the confidential
    // client), the granted scope from the token response, the identity from userinfo.
    let out = connect(&p, &w);
    assert!(
        out.status.success(),
        "{}\nprovider log:\n{}",
        text(&out.stderr),
        p.oidc.log()
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["user_id"], USER);
    assert_eq!(v["google_user_id"], Oidc::SUB);
    assert_eq!(v["google_email"], Oidc::EMAIL);
    assert_eq!(v["account_switch"], false);
    let b = w.reveal(USER);
    assert_eq!(b["google_name"], Oidc::NAME);
    assert_eq!(b["google_verified_email"], true);
    assert_eq!(b["status"], "valid");
    let scope: Vec<&str> = str_of(&b, "scope").split(' ').collect();
    for want in ["openid", "email", "profile", GMAIL] {
        assert!(scope.contains(&want), "{want} not in {scope:?}");
    }
    let access = str_of(&b, "access_token").to_owned();
    let refresh = str_of(&b, "refresh_token").to_owned();
    let (status, me) = p.userinfo(&access);
    assert_eq!(status, 200, "the stored access token at userinfo: {me}");
    assert!(me.contains(Oidc::SUB), "{me}");
    for secret in [access.as_str(), refresh.as_str()]
        .into_iter()
        .chain(secret)
    {
        assert!(!text(&out.stdout).contains(secret) && !text(&out.stderr).contains(secret));
    }

    // tokens refresh --force, twice: with a rotating provider the second one works only if the
    // first stored the new refresh token (reusing a rotated one revokes the whole grant).
    let mut previous = (access, refresh);
    for round in 1..=2 {
        let r = w.json(&["tokens", "refresh", "--force", "--json"]);
        assert_eq!(r["refreshed"], true, "round {round}: {r}");
        assert_eq!(r["rotated_refresh_token"], rotates, "round {round}: {r}");
        let b = w.reveal(USER);
        let access = str_of(&b, "access_token").to_owned();
        let refresh = str_of(&b, "refresh_token").to_owned();
        assert_ne!(access, previous.0, "round {round}: a new access token");
        assert_eq!(refresh != previous.1, rotates, "round {round}");
        let (status, me) = p.userinfo(&access);
        assert_eq!(
            status, 200,
            "round {round}: the refreshed token at userinfo: {me}"
        );
        previous = (access, refresh);
    }
    let (access, refresh) = previous;

    // The provider refuses an anonymous revocation (RFC 7009 2.1), so paypulse must identify
    // the client.
    let (status, body) = p.revoke_anonymously(&refresh);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_request", "{body}");

    // tokens revoke --yes: revoked at the provider, deleted.
    let r = w.json(&["tokens", "revoke", "--yes", "--json"]);
    assert_eq!(r["revoked_at_google"], true, "{r}");
    assert_eq!(r["already_invalid"], false, "{r}");
    assert_eq!(r["deleted"], true, "{r}");
    let out = w.cmd().args(["tokens", "show", "--json"]).output().unwrap();
    assert!(!out.status.success(), "the bundle is gone");
    let (status, body) = p.refresh(client, secret, &refresh);
    assert_eq!(status, 400, "the revoked refresh token: {body}");
    assert_eq!(body["error"], "invalid_grant", "{body}");
    let (status, me) = p.userinfo(&access);
    assert_eq!(
        status, 401,
        "the grant's access token is revoked with it: {me}"
    );
}

#[test]
fn a_public_client_connects_refreshes_and_revokes_at_an_openid_provider() {
    connect_refresh_revoke(Oidc::PUBLIC_CLIENT, None, true);
}

#[test]
fn a_confidential_client_connects_refreshes_and_revokes_at_an_openid_provider() {
    connect_refresh_revoke(
        Oidc::CONFIDENTIAL_CLIENT,
        Some(Oidc::CONFIDENTIAL_SECRET),
        false,
    );
}
