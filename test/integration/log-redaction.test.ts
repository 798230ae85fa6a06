/**
 * Secrets never reach the logs: client API keys and JWTs, the JWT secret, vendor API keys (the
 * one in use and a rejected one), webhook URL tokens, the trace collector's key (its export fails). Everything is logged at `trace` so no line
 * escapes the check, and the run is made to log requests, refusals and vendor failures.
 */
import { createSigner } from 'fast-jwt';
import { Provider } from '../support/providers';
import { SANDBOX_API_KEY } from '../../src/sandbox/start-sandbox';
import { createLogger } from '../../src/server/logger';
import { startHarness } from '../support/harness';

const CLIENT_KEY = 'client-key-that-must-not-be-logged-01';
const WRONG_KEY = 'wrong-client-key-must-not-be-logged-2';
const JWT_SECRET = 'jwt-secret-that-must-not-be-logged-0123';
const HEYMILO_KEY = 'heymilo-vendor-key-that-must-not-be-logged';
const WEBHOOK_TOKEN = 'micro1-webhook-token-not-logged-01';
const COLLECTOR_KEY = 'otlp-collector-key-that-must-not-be-logged';

it('no log line carries a client key, JWT, JWT secret, vendor key, webhook token or collector key', async () => {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
  const h = await startHarness({
    env: {
      AUTH_API_KEYS: CLIENT_KEY,
      AUTH_JWT_SECRET: JWT_SECRET,
      MICRO1_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      VENDOR_RETRIES: '0',
      // A collector that cannot be reached: the failed export is logged.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1',
      OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${COLLECTOR_KEY}`,
    },
    // HeyMilo gets a key its simulator refuses: the VENDOR_AUTH_FAILED path logs the vendor's answer.
    apiKeys: { [Provider.HEYMILO]: HEYMILO_KEY },
    logger,
  });
  try {
    const jwt = createSigner({ key: JWT_SECRET })({ sub: 'someone', exp: Math.floor(Date.now() / 1000) + 60 });
    const query = JSON.stringify({
      query:
        '{ heymilo: interviews(provider: HEYMILO, first: 3) { edges { node { id } } } micro1: interviews(provider: MICRO1, first: 3) { edges { node { id } } } }',
    });
    const post = (headers: Record<string, string>) => h.http('POST', '/graphql', { headers: { 'content-type': 'application/json', ...headers }, body: query });

    const served = await post({ 'x-api-key': CLIENT_KEY });
    expect(served.status).toBe(200);
    expect(JSON.parse(served.body).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VENDOR_AUTH_FAILED', provider: 'HEYMILO' }) })]),
    );
    expect((await post({ authorization: `Bearer ${jwt}` })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${CLIENT_KEY}` })).status).toBe(200);
    expect((await post({ 'x-api-key': WRONG_KEY })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${jwt.slice(0, -4)}AAAA` })).status).toBe(401);
    expect(
      (await h.http('POST', `/webhooks/micro1/${WEBHOOK_TOKEN}`, { headers: { 'content-type': 'application/json' }, body: '{"event":"nope"}' })).status,
    ).toBe(422);
    expect((await h.http('POST', `/webhooks/micro1/${WRONG_KEY}`, { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    await h.app.tenant().identitySync.runAll();
  } finally {
    await h.close();
  }

  const log = lines.join('');
  // The run did log what it was meant to: requests, refusals, the vendor's refusal.
  expect(log).toContain('"url":"/graphql"');
  expect(log).toContain('request refused: not authenticated');
  expect(log).toContain('/webhooks/micro1/[redacted]');
  expect(lines.some((l) => l.includes('HEYMILO') && l.includes('401'))).toBe(true);
  expect(log).toContain('trace export failed');
  for (const secret of [CLIENT_KEY, WRONG_KEY, JWT_SECRET, HEYMILO_KEY, SANDBOX_API_KEY, WEBHOOK_TOKEN, COLLECTOR_KEY]) {
    expect({ secret, found: lines.filter((l) => l.includes(secret)) }).toEqual({ secret, found: [] });
  }
  // No JWT either (three base64url parts starting with a JSON header).
  expect(lines.filter((l) => /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(l))).toEqual([]);
});
