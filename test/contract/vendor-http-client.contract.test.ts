/**
 * The shared vendor HTTP client's write path (`postJson`) against a small upstream on port 0:
 * what it sends, how each answer becomes a typed error, which failures leave the outcome unknown,
 * and that a write is never retried.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { z } from 'zod';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { VendorError } from '../../src/errors/vendor.error';
import { BadUserInputError } from '../../src/errors/bad-user-input.error';
import { MAX_URL_LENGTH, safeVendorMessage, VendorHttpClient, type VendorRejection } from '../../src/vendors/kit/http/vendor-http-client';
import { rejection } from '../support/contract-helpers';

let upstream: FastifyInstance;
let baseUrl: string;
/** What the upstream answers next: status, body, and whether it holds the answer until `releaseHeld()`. */
let answer: { status: number; body: unknown; held?: boolean };
/** Lets the held answers go. */
let releaseHeld: () => void = () => undefined;
const received: Array<{ method: string; url: string; headers: Record<string, unknown>; body: unknown }> = [];

beforeAll(async () => {
  upstream = Fastify();
  upstream.all('/*', async (request, reply) => {
    received.push({ method: request.method, url: request.url, headers: request.headers, body: request.body });
    if (answer.held) await new Promise<void>((resolve) => (releaseHeld = resolve));
    return reply.code(answer.status).send(answer.body);
  });
  await upstream.listen({ host: '127.0.0.1', port: 0 });
  const address = upstream.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => upstream.close());
beforeEach(() => {
  received.length = 0;
});
afterEach(() => releaseHeld());

const clients: VendorHttpClient[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

/** A vendor whose refusals look like `{error: {code, message, fields}}`. */
function client(
  options: { rejection?: (status: number, body: unknown) => VendorRejection | undefined; timeoutMs?: number; url?: string; logger?: pino.Logger } = {},
) {
  const made = new VendorHttpClient({
    provider: Provider.EVALYO,
    baseUrl: options.url ?? baseUrl,
    authHeaders: { authorization: 'Bearer secret-key' },
    timeoutMs: options.timeoutMs ?? 2_000,
    connectTimeoutMs: 500,
    logger: options.logger ?? pino({ level: 'silent' }),
    rejection: options.rejection,
  });
  clients.push(made);
  return made;
}

const classify = (status: number, body: unknown): VendorRejection | undefined => {
  const error = (body as { error?: { code?: string; message?: string; fields?: Array<{ field: string; message: string }> } }).error;
  if (!error) return undefined;
  return {
    kind: status === 402 || error.code === 'INSUFFICIENT_CREDITS' ? 'quota' : 'invalid',
    message: error.message,
    vendorCode: error.code,
    fields: error.fields,
  };
};

const created = z.looseObject({ id: z.string() });

describe('postJson', () => {
  it('sends one JSON POST with the auth headers and parses the answer', async () => {
    answer = { status: 201, body: { id: 'int_1', extra: true } };
    expect(await client().postJson('/api/v1/interviews', { candidateId: 'c1', jobId: 'j1' }, created, { route: 'POST /api/v1/interviews' })).toEqual({
      id: 'int_1',
      extra: true,
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/interviews',
      headers: { authorization: 'Bearer secret-key', 'content-type': 'application/json', accept: 'application/json' },
      body: { candidateId: 'c1', jobId: 'j1' },
    });
  });

  it("a vendor's validation refusal is VENDOR_VALIDATION_FAILED with its message cleaned, its code and fields; the vendor stays healthy", async () => {
    answer = {
      status: 422,
      body: {
        error: { code: 'JOB_CLOSED', message: 'Job\u0000 is closed, see https://evalyo.fr/jobs/j1?token=abc', fields: [{ field: 'jobId', message: 'closed' }] },
      },
    };
    const c = client({ rejection: classify });
    const error = await rejection(c.postJson('/api/v1/interviews', {}, created));
    expect(error.message).toBe('EVALYO rejected the request: Job is closed, see [url]');
    expect(error.extensions).toEqual({
      code: ErrorCode.VENDOR_VALIDATION_FAILED,
      provider: Provider.EVALYO,
      vendorMessage: 'Job is closed, see [url]',
      vendorCode: 'JOB_CLOSED',
      fields: [{ field: 'jobId', message: 'closed' }],
    });
    expect(c.health.snapshot().consecutiveFailures).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('400/409/422 without a readable body are still VENDOR_VALIDATION_FAILED, with no vendor words', async () => {
    for (const status of [400, 409, 422]) {
      answer = { status, body: 'nope' };
      const error = await rejection(client().postJson('/x', {}, created));
      expect(error.extensions).toEqual({ code: ErrorCode.VENDOR_VALIDATION_FAILED, provider: Provider.EVALYO });
      expect(error.message).toBe('EVALYO rejected the input');
    }
  });

  it('402, or a refusal the vendor words as a quota, is VENDOR_QUOTA_EXCEEDED', async () => {
    answer = { status: 402, body: { error: { code: 'INSUFFICIENT_CREDITS', message: 'No credits left' } } };
    expect((await rejection(client({ rejection: classify }).postJson('/x', {}, created))).extensions).toMatchObject({
      code: ErrorCode.VENDOR_QUOTA_EXCEEDED,
      vendorCode: 'INSUFFICIENT_CREDITS',
      vendorMessage: 'No credits left',
    });
    answer = { status: 402, body: {} };
    expect((await rejection(client().postJson('/x', {}, created))).code).toBe(ErrorCode.VENDOR_QUOTA_EXCEEDED);
  });

  it('401, and a 403 the vendor does not explain, are VENDOR_AUTH_FAILED; 404 is NOT_FOUND; 429 is VENDOR_RATE_LIMITED — all certain (nothing done)', async () => {
    const cases: Array<[number, ErrorCode]> = [
      [401, ErrorCode.VENDOR_AUTH_FAILED],
      [403, ErrorCode.VENDOR_AUTH_FAILED],
      [404, ErrorCode.NOT_FOUND],
      [429, ErrorCode.VENDOR_RATE_LIMITED],
    ];
    for (const [status, code] of cases) {
      answer = { status, body: { message: 'no' } };
      const error = await rejection(client({ rejection: classify }).postJson('/x', {}, created));
      expect(error.code).toBe(code);
      expect(error.extensions?.outcomeUnknown).toBeUndefined();
    }
  });

  it('a 5xx leaves the outcome unknown and is not retried', async () => {
    answer = { status: 503, body: {} };
    const error = await rejection(client().postJson('/x', {}, created));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.extensions).toEqual({ code: ErrorCode.VENDOR_UNAVAILABLE, provider: Provider.EVALYO, outcomeUnknown: true });
    expect(received).toHaveLength(1);
  });

  it('a timeout leaves the outcome unknown; a refused connection does not (nothing was sent)', async () => {
    // The vendor answers only after the client has given up, however late the client's timer fires.
    answer = { status: 201, body: { id: 'late' }, held: true };
    expect((await rejection(client({ timeoutMs: 150 }).postJson('/x', {}, created))).extensions).toMatchObject({
      code: ErrorCode.VENDOR_TIMEOUT,
      outcomeUnknown: true,
    });
    const refused = await rejection(client({ url: 'http://127.0.0.1:1' }).postJson('/x', {}, created));
    expect(refused.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(refused.extensions?.outcomeUnknown).toBeUndefined();
  });

  it('an unreadable 2xx is VENDOR_BAD_RESPONSE with the outcome unknown (the vendor acted; the gateway cannot say what it made)', async () => {
    answer = { status: 201, body: { identifier: 1 } };
    expect((await rejection(client().postJson('/x', {}, created))).extensions).toEqual({
      code: ErrorCode.VENDOR_BAD_RESPONSE,
      provider: Provider.EVALYO,
      outcomeUnknown: true,
    });
  });
});

describe('request-side errors: the client asked too much of the vendor, which is not failing', () => {
  const listed = z.array(z.unknown());
  /** More than the breaker's 5 failures in a row. */
  const N = 8;

  /** A client whose log lines are kept. */
  function logged() {
    const lines: string[] = [];
    return { lines, made: client({ logger: pino({ level: 'debug' }, { write: (line: string) => lines.push(line) }) }) };
  }

  const healthy = (made: VendorHttpClient) =>
    expect(made.health.snapshot()).toMatchObject({ status: 'UP', breaker: 'CLOSED', consecutiveFailures: 0, lastErrorCode: null });

  it(`a URL over ${MAX_URL_LENGTH} characters is not sent: BAD_USER_INPUT naming the provider, ${N} times, and the vendor stays UP and CLOSED`, async () => {
    answer = { status: 200, body: [] };
    const { lines, made } = logged();
    for (let i = 0; i < N; i += 1) {
      const error = await rejection(made.getJson('/interviews', listed, { query: { candidate_id: 'x'.repeat(200_000) } }));
      expect(error).toBeInstanceOf(BadUserInputError);
      expect(error.extensions).toEqual({ code: ErrorCode.BAD_USER_INPUT, provider: Provider.EVALYO });
      expect(error.message).toMatch(/^The request to EVALYO would be too large to send \(a URL of 2000\d\d characters, at most 8192\): shorten/);
    }
    expect(received).toHaveLength(0);
    healthy(made);
    // The vendor is still called for what it can answer.
    expect(await made.getJson('/interviews', listed)).toEqual([]);
    expect(received).toHaveLength(1);
    expect(lines.filter((line) => line.includes('vendor call not sent: its URL is too long'))).toHaveLength(N);
    for (const line of lines) expect(line.length).toBeLessThan(2_048);
  });

  it.each([413, 414, 431])(`a %i answer is BAD_USER_INPUT, not retried, and ${N} of them leave the vendor UP and CLOSED`, async (status) => {
    answer = { status, body: { error: 'Request Header Fields Too Large', echo: 'x'.repeat(5_000) } };
    const { lines, made } = logged();
    for (let i = 0; i < N; i += 1) {
      const error = await rejection(made.getJson('/interviews', listed, { query: { candidate_id: 'y'.repeat(4_000) } }));
      expect(error.extensions).toEqual({ code: ErrorCode.BAD_USER_INPUT, provider: Provider.EVALYO });
      expect(error.message).toBe(`EVALYO refused the request as too large (HTTP ${status}): shorten the ids or values given.`);
    }
    expect(received).toHaveLength(N);
    healthy(made);
    expect(lines.filter((line) => line.includes('vendor refused the request as too large'))).toHaveLength(N);
    for (const line of lines) expect(line.length).toBeLessThan(2_048);
  });

  it(`other 4xx answers to reads are VENDOR_BAD_RESPONSE but never open the breaker: all ${N} are sent`, async () => {
    answer = { status: 400, body: { message: 'bad request' } };
    const made = client();
    for (let i = 0; i < N; i += 1) {
      expect((await rejection(made.getJson('/interviews', listed))).code).toBe(ErrorCode.VENDOR_BAD_RESPONSE);
    }
    expect(received).toHaveLength(N);
    expect(made.health.snapshot().breaker).toBe('CLOSED');
  });

  it('a 5xx does open it, for contrast: after 5 in a row nothing more is sent', async () => {
    answer = { status: 500, body: {} };
    const made = client();
    for (let i = 0; i < N; i += 1) await rejection(made.getJson('/interviews', listed));
    expect(received).toHaveLength(5);
    expect(made.health.snapshot()).toMatchObject({ breaker: 'OPEN', status: 'DOWN' });
  });
});

describe('safeVendorMessage', () => {
  it('keeps text only: no control characters, no URLs, collapsed whitespace, at most 300 characters', () => {
    expect(safeVendorMessage('  bad\r\n\tinput  ')).toBe('bad input');
    expect(safeVendorMessage('see http://x.io/a?key=s3cret and HTTPS://y.io')).toBe('see [url] and [url]');
    expect(safeVendorMessage('x'.repeat(500))).toHaveLength(300);
    expect(safeVendorMessage({ message: 'object' })).toBeUndefined();
    expect(safeVendorMessage('   ')).toBeUndefined();
  });
});
