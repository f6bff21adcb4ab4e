// A certified OpenID provider (the `oidc-provider` package) as an independent OAuth peer for
// paypulse's integration tests (tests/oidc.rs, started by tests/common/peers.rs).
//
// It listens on 127.0.0.1 on an OS-chosen port and prints its issuer URL as the first line on
// stdout. Everything else (oidc-provider's warnings, errors) goes to stderr.
//
// - two native clients with a loopback redirect `http://127.0.0.1/` (any port, RFC 8252 7.3):
//   a public one (`token_endpoint_auth_method: none`) and a confidential one
//   (`client_secret_post`); PKCE (S256) is required of both;
// - Google-like grants: refresh tokens without `offline_access` (paypulse asks as Google wants,
//   with `access_type=offline` and `prompt=consent`), not bound to the browser session;
// - revocation (RFC 7009, client authentication required), introspection (RFC 7662) and
//   userinfo (`/me`: sub, email, email_verified, name);
// - the login and consent interaction completes by itself: a client that follows redirects and
//   keeps cookies gets the code delivered to its loopback redirect.
//
// Usage: node server.js   (stops on SIGTERM / SIGINT)

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const PUBLIC_CLIENT = 'paypulse-public';
const CONFIDENTIAL_CLIENT = 'paypulse-confidential';
const CONFIDENTIAL_SECRET = 'paypulse-confidential-secret';
const GMAIL_READONLY = 'https://www.googleapis.com/auth/gmail.readonly';

const ACCOUNT = {
  sub: '248289761001',
  email: 'carol@example.org',
  email_verified: true,
  name: 'Carol Chen',
};

const nativeClient = {
  application_type: 'native',
  redirect_uris: ['http://127.0.0.1/'],
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token'],
};

const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    { ...nativeClient, client_id: PUBLIC_CLIENT, token_endpoint_auth_method: 'none' },
    {
      ...nativeClient,
      client_id: CONFIDENTIAL_CLIENT,
      client_secret: CONFIDENTIAL_SECRET,
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'offline_access', 'email', 'profile', GMAIL_READONLY],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    introspection: { enabled: true },
    userinfo: { enabled: true },
  },
  // Like Google with access_type=offline: a refresh token for every code grant, valid
  // independently of the browser session.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  expiresWithSession: async () => false,
  interactions: {
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  async findAccount(_ctx, id) {
    if (id !== ACCOUNT.sub) return undefined;
    return { accountId: id, claims: async () => ({ ...ACCOUNT }) };
  },
});

// The user signs in and ticks every requested scope, without a page.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT.sub } });
    return;
  }
  if (prompt.name !== 'consent') {
    throw new Error(`unexpected prompt ${prompt.name}`);
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((err) => {
      console.error('interaction failed:', err);
      res.statusCode = 500;
      res.end(`interaction failed: ${err.message}`);
    });
    return;
  }
  callback(req, res);
});

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

process.stdout.write(`${issuer}\n`);
