/**
 * Client authentication in front of /graphql (HTTP and graphql-ws), and the browser-facing
 * protections around it: CORS allow-list, CSRF prevention, body limit. Every refusal happens
 * before any vendor is called.
 */
import { VENDORS } from '../../src/vendors/vendors';
import { generateKeyPairSync } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { createSigner } from 'fast-jwt';
import { createLogger } from '../../src/server/logger';
import { startHarness, type Harness } from '../support/harness';
import { openSocket } from '../support/subscriptions';

const KEY = 'client-key-for-auth-tests-0001';
const SECRET = 'jwt-secret-for-tests-0123456789abcdef';
const QUERY = '{ providers { provider } }';

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((h) => h.close())));
async function harness(env: Record<string, string>, logger?: import('pino').Logger): Promise<Harness> {
  const h = await startHarness({ env, logger });
  harnesses.push(h);
  return h;
}
const post = (h: Harness, headers: Record<string, string>, query = QUERY) =>
  h.http('POST', '/graphql', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
const errorOf = (body: string) => (JSON.parse(body) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0];

/** A POST with header lines written as given, repeats included (fetch and inject merge repeated headers). */
function rawPost(h: Harness, headerLines: string[]): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ query: QUERY });
  const { hostname, port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const socket = netConnect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
    const head = [
      'POST /graphql HTTP/1.1',
      `Host: ${hostname}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      ...headerLines,
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** Resolves with how a graphql-ws connection ended: 'connected' or the close code. */
async function connect(h: Harness, connectionParams?: Record<string, string>): Promise<'connected' | number> {
  const { client, closed } = await openSocket(h, connectionParams);
  void client.dispose();
  return closed ? closed.code : 'connected';
}

describe('API keys (AUTH_API_KEYS)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ AUTH_API_KEYS: `${KEY},another-client-key-0002` });
  });

  it('refuses a request without a key: 401, UNAUTHENTICATED, WWW-Authenticate, no vendor call', async () => {
    h.resetCalls();
    const response = await post(h, {}, '{ interviews(first: 1) { edges { node { id } } } }');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="interview-graph"');
    expect(errorOf(response.body)).toEqual({
      message: 'Authentication required: send an API key in the x-api-key header.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(h.totalCalls()).toBe(0);
  });

  it('refuses a wrong key, and a GET query without one', async () => {
    const wrong = await post(h, { 'x-api-key': 'not-the-key-at-all-00000' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body)).toEqual({ message: 'The API key is not valid.', extensions: { code: 'UNAUTHENTICATED' } });
    const get = await h.http('GET', `/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(401);
  });

  it('serves a valid key from the x-api-key header or as a bearer token', async () => {
    const variants: Array<Record<string, string>> = [{ 'x-api-key': KEY }, { authorization: `Bearer ${KEY}` }, { 'X-API-KEY': 'another-client-key-0002' }];
    for (const headers of variants) {
      const response = await post(h, headers);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).data.providers).toHaveLength(VENDORS.length);
    }
  });

  it('leaves GraphiQL, /healthz and /readyz open (they carry no vendor data)', async () => {
    expect((await h.http('GET', '/graphiql')).status).toBe(200);
    expect((await h.http('GET', '/graphql', { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await h.http('GET', '/healthz')).status).toBe(200);
    expect((await h.http('GET', '/readyz')).status).toBe(200);
  });

  it('closes a graphql-ws connection without a key with 4403, and accepts the key in connectionParams', async () => {
    expect(await connect(h)).toBe(4403);
    expect(await connect(h, { 'x-api-key': 'wrong-key-for-the-socket-01' })).toBe(4403);
    expect(await connect(h, { 'x-api-key': KEY })).toBe('connected');
    expect(await connect(h, { Authorization: `Bearer ${KEY}` })).toBe('connected');
  });

  it('reads the key from AUTH_API_KEY_HEADER when set', async () => {
    const custom = await harness({ AUTH_API_KEYS: KEY, AUTH_API_KEY_HEADER: 'X-Gateway-Key' });
    expect((await post(custom, { 'x-gateway-key': KEY })).status).toBe(200);
    const refused = await post(custom, { 'x-api-key': KEY });
    expect(refused.status).toBe(401);
    expect(errorOf(refused.body).message).toBe('Authentication required: send an API key in the x-gateway-key header.');
  });
});

describe('JWTs', () => {
  const now = () => Math.floor(Date.now() / 1000);
  let hs: Harness;
  beforeAll(async () => {
    hs = await harness({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'https://idp.example.com', AUTH_JWT_AUDIENCE: 'interview-graph', TENANT_ID: 'acme' });
  });
  const sign = (claims: Record<string, unknown>, key = SECRET, algorithm: 'HS256' | 'RS256' = 'HS256') =>
    createSigner({ key, algorithm })({ iss: 'https://idp.example.com', aud: 'interview-graph', sub: 'user-1', exp: now() + 60, ...claims });

  it('serves a valid HS256 token, with or without a tenant claim naming this tenant', async () => {
    expect((await post(hs, { authorization: `Bearer ${sign({})}` })).status).toBe(200);
    expect((await post(hs, { authorization: `Bearer ${sign({ tenant: 'acme' })}` })).status).toBe(200);
  });

  it.each([
    ['expired', { exp: now() - 60 }, 'The token has expired.'],
    ['without exp', { exp: undefined }, 'The token is not valid.'],
    ['from another issuer', { iss: 'https://evil.example.com' }, 'The token is not valid.'],
    ['for another audience', { aud: 'someone-else' }, 'The token is not valid.'],
  ])('refuses a token %s: 401 UNAUTHENTICATED', async (_name, claims, message) => {
    const response = await post(hs, { authorization: `Bearer ${sign(claims)}` });
    expect(response.status).toBe(401);
    expect(errorOf(response.body)).toEqual({ message, extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a token signed with another secret, and a tampered one', async () => {
    expect((await post(hs, { authorization: `Bearer ${sign({}, 'another-secret-0123456789abcdefghijk')}` })).status).toBe(401);
    const [head, , signature] = sign({}).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'https://idp.example.com', aud: 'interview-graph', sub: 'admin', exp: now() + 60 })).toString('base64url');
    expect((await post(hs, { authorization: `Bearer ${head}.${forged}.${signature}` })).status).toBe(401);
  });

  it('answers 403 FORBIDDEN to a valid token for another tenant', async () => {
    const response = await post(hs, { authorization: `Bearer ${sign({ tenant: 'globex' })}` });
    expect(response.status).toBe(403);
    expect(errorOf(response.body)).toEqual({ message: 'The token is for a tenant this gateway does not serve.', extensions: { code: 'FORBIDDEN' } });
  });

  it('verifies RS256 tokens with the public key, and refuses an HS256 token made with that public key (algorithm confusion)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = await harness({ AUTH_JWT_PUBLIC_KEY: pem });
    const rsSign = (key: string, algorithm: 'HS256' | 'RS256') => createSigner({ key, algorithm })({ sub: 'u', exp: now() + 60 });
    expect((await post(rs, { authorization: `Bearer ${rsSign(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256')}` })).status).toBe(200);
    expect((await post(rs, { authorization: `Bearer ${rsSign(pem, 'HS256')}` })).status).toBe(401);
  });
});

describe('one credential per request', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) => createSigner({ key: SECRET, algorithm: 'HS256' })({ sub: 'user-1', exp: now() + 60, ...claims });
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ AUTH_API_KEYS: `${KEY},another-client-key-0002`, AUTH_JWT_SECRET: SECRET, TENANT_ID: 'acme' });
  });
  const refusal = {
    message: 'Send one credential, not 2: an API key in x-api-key or Authorization: Bearer <token>.',
    extensions: { code: 'BAD_REQUEST' },
  };

  it.each([
    ['an API key and a JWT naming another tenant', () => ({ 'x-api-key': KEY, authorization: `Bearer ${sign({ tenant: 'globex' })}` })],
    ['an API key and a JWT for the same tenant', () => ({ 'x-api-key': KEY, authorization: `Bearer ${sign({ tenant: 'acme' })}` })],
    ['two different API keys', () => ({ 'x-api-key': KEY, authorization: 'Bearer another-client-key-0002' })],
  ])('refuses %s: 400 BAD_REQUEST before anything runs', async (_name, headers) => {
    h.resetCalls();
    const response = await post(h, headers(), '{ interviews(first: 1) { edges { node { id } } } }');
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toEqual(refusal);
    expect(h.totalCalls()).toBe(0);
  });

  it('serves the same API key sent in both places, and each credential alone', async () => {
    const variants: Array<Record<string, string>> = [
      { 'x-api-key': KEY, authorization: `Bearer ${KEY}` },
      { 'x-api-key': KEY },
      { authorization: `Bearer ${sign({ tenant: 'acme' })}` },
    ];
    for (const headers of variants) {
      expect((await post(h, headers)).status).toBe(200);
    }
  });

  // Node keeps only the first of repeated Authorization headers and joins repeated custom ones into
  // one value, so a proxy that reads the other copy would name another caller than we do.
  it.each([
    ['two Authorization headers', [`Authorization: Bearer ${KEY}`, 'Authorization: Bearer another-client-key-0002'], 400],
    ['a valid Authorization header, then an invalid one', [`Authorization: Bearer ${KEY}`, 'Authorization: Bearer not-a-key-of-anyone'], 400],
    ['two x-api-key headers', [`x-api-key: ${KEY}`, 'x-api-key: another-client-key-0002'], 400],
    ['the same Authorization header twice', [`Authorization: Bearer ${KEY}`, `Authorization: Bearer ${KEY}`], 200],
  ])('%s: every copy counts', async (_name, lines, status) => {
    const response = await rawPost(h, lines as string[]);
    expect(response.status).toBe(status);
    if (status === 400) expect(errorOf(response.body)).toEqual(refusal);
  });

  it('closes a graphql-ws connection whose connection_init carries two credentials with 4400, and accepts one', async () => {
    expect(await connect(h, { 'x-api-key': KEY, Authorization: `Bearer ${sign({ tenant: 'globex' })}` })).toBe(4400);
    expect(await connect(h, { 'x-api-key': KEY, 'X-API-KEY': 'another-client-key-0002' })).toBe(4400);
    expect(await connect(h, { 'x-api-key': KEY, Authorization: `Bearer ${KEY}` })).toBe('connected');
    expect(await connect(h, { Authorization: `Bearer ${sign({ tenant: 'acme' })}` })).toBe('connected');
  });
});

describe('open access', () => {
  it('serves without credentials in sandbox mode and says so loudly (warn) at startup', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const h = await harness({}, logger);
    expect((await post(h, {})).status).toBe(200);
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string }).find((l) => l.msg.startsWith('OPEN ACCESS'));
    expect(warning).toMatchObject({ level: 40, reason: 'sandbox mode with no client credential configured' });
  });
});

describe('browser protections', () => {
  it('answers CORS preflights only for origins in CORS_ORIGINS', async () => {
    const h = await harness({ AUTH_API_KEYS: KEY, CORS_ORIGINS: 'https://app.example.com' });
    const preflight = (origin: string) =>
      h.http('OPTIONS', '/graphql', {
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-api-key');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await preflight('https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const actual = await post(h, { 'x-api-key': KEY, origin: 'https://app.example.com' });
    expect(actual.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('sends no CORS headers at all by default', async () => {
    const h = await harness({});
    const response = await post(h, { origin: 'https://app.example.com' });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.http('OPTIONS', '/graphql', {
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(404);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses requests a browser could forge cross-site (CSRF prevention): a bare GET and a text/plain POST', async () => {
    const h = await harness({ AUTH_API_KEYS: KEY });
    const get = await h.http('GET', `/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { 'x-api-key': KEY } });
    expect(get.status).toBe(400);
    expect(get.body).toContain('This operation has been blocked as a potential Cross-Site Request Forgery');
    const form = await h.http('POST', '/graphql', { headers: { 'x-api-key': KEY, 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY }) });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    // With a non-simple header the same GET is served.
    expect(
      (await h.http('GET', `/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { 'x-api-key': KEY, 'apollo-require-preflight': 'true' } })).status,
    ).toBe(200);
  });

  it('refuses a body over GRAPHQL_MAX_BODY_BYTES with 413 before anything runs', async () => {
    const h = await harness({ GRAPHQL_MAX_BODY_BYTES: '2048' });
    h.resetCalls();
    const response = await post(h, {}, `{ providers { provider } } # ${'x'.repeat(4000)}`);
    expect(response.status).toBe(413);
    expect(h.totalCalls()).toBe(0);
  });
});
