/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, for tests of single sign-on: it
 * listens on 127.0.0.1 on a free port, with Wellwork registered as a client (and another client
 * besides), and people who sign in at its own small form, which tests post to over HTTP and
 * browser journeys fill in. It can be told to misbehave at its token endpoint as an attacker or a
 * broken provider would: an ID token for another client, or one already expired, signed with its
 * real keys.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext } from 'oidc-provider';

export interface TestIdentity {
  /** The subject: the person's id at the provider, which they sign in with on its form. */
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

export type Misbehaviour = 'wrong-audience' | 'expired-id-token' | null;

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people who can sign in, by subject; tests add to it. */
  people: Map<string, TestIdentity>;
  /** How the token endpoint misbehaves from now on (null: it does not). */
  misbehave(misbehaviour: Misbehaviour): void;
  /**
   * Someone at a browser of their own following Wellwork's redirect to the provider and signing in
   * there as `login`: the address the provider sends them back to.
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in – Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Sign in at the provider</button>
</form></main></body></html>`;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts a provider that sends people back to `redirectUri`. With `emailInIdToken: false` the ID
 * token carries the subject only, and the email is given by the userinfo endpoint (as some
 * providers do).
 */
export async function startTestProvider(
  redirectUri: string,
  options: { emailInIdToken?: boolean } = {},
): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'wellwork';
  const clientSecret = randomBytes(24).toString('base64url');
  const people = new Map<string, TestIdentity>();
  let misbehaviour: Misbehaviour = null;

  const signingKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-signing-key',
    alg: 'RS256',
    use: 'sig',
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: 'another-service',
        client_secret: randomBytes(24).toString('base64url'),
        redirect_uris: ['http://127.0.0.1/another-service/callback'],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // By default, as Microsoft Entra ID does, the ID token carries the claims of the scopes granted.
    conformIdTokenClaims: options.emailInIdToken === false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ ...person }) };
    },
    // Wellwork is the organisation's own service: its people are not asked to consent.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  // Misbehaviour at the token endpoint: the ID token replaced with one the provider signs for
  // another client, or with one that expired ten minutes ago.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !misbehaviour || !body?.id_token) return;
    const payload = JSON.parse(
      Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    const client =
      misbehaviour === 'wrong-audience' ? await provider.Client.find('another-service') : ctx.oidc.client;
    const token = new provider.IdToken(
      { sub: payload.sub, email: payload.email, email_verified: payload.email_verified, name: payload.name },
      { ctx, client },
    );
    token.scope = 'openid email profile';
    token.set('nonce', payload.nonce);
    body.id_token = await token.issue(
      misbehaviour === 'expired-id-token'
        ? { use: 'idtoken', expiresAt: Math.floor(Date.now() / 1000) - 600 }
        : { use: 'idtoken' },
    );
  });

  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!interaction) return handle(request, response);
    void (async () => {
      try {
        const details = await provider.interactionDetails(request, response);
        if (request.method === 'GET') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end(loginPage(details.uid));
          return;
        }
        const login = (await formBody(request)).get('login') ?? '';
        await provider.interactionFinished(
          request,
          response,
          people.has(login)
            ? { login: { accountId: login } }
            : { error: 'access_denied', error_description: 'Unknown user' },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    misbehave(next) {
      misbehaviour = next;
    },
    async signIn(authorizationUrl, login) {
      const cookies = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop += 1) {
        if (url.origin !== issuer) return url;
        const atForm = /^\/interaction\//.test(url.pathname);
        const response = await fetch(url, {
          method: atForm ? 'POST' : 'GET',
          redirect: 'manual',
          headers: {
            cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(atForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(atForm ? { body: new URLSearchParams({ login }).toString() } : {}),
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair = ''] = line.split(';');
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
        }
        const location = response.headers.get('location');
        if (!location)
          throw new Error(
            `The provider answered ${response.status} at ${url.pathname}: ${await response.text()}`,
          );
        url = new URL(location, url);
      }
      throw new Error('The provider redirected too many times');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
