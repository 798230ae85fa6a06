/**
 * Inbound webhooks end to end over HTTP: the seed 000 micro1 payloads are accepted and queryable
 * right after with no vendor call; duplicates are acknowledged and ignored; out-of-order
 * deliveries never overwrite newer state; bad deliveries get a typed 4xx and change nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../src/server/logger';
import type { MemoryWebhookStore } from '../../src/webhooks/webhook-store';
import { startHarness, type Harness } from '../support/harness';
import { micro1Session } from '../support/webhook-payloads';

const FIXTURES = join(__dirname, '..', 'fixtures', 'vendors', 'micro1');
const seed = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { event: string; data: Record<string, unknown> };
const reportCreated = seed('webhook.interview-report-created.seed000.json');
const recordingCompleted = seed('webhook.interview-recording-completed.seed000.json');
const applicantCompleted = seed('webhook.applicant-completed.seed000.json');

const TOKEN = 'micro1-webhook-token-for-tests';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN } });
});
afterAll(() => h.close());
beforeEach(() => h.resetCalls());

const post = (body: unknown, options: { token?: string; provider?: string; contentType?: string; raw?: string } = {}) =>
  h.http('POST', `/webhooks/${options.provider ?? 'micro1'}/${options.token ?? TOKEN}`, {
    headers: { 'content-type': options.contentType ?? 'application/json' },
    body: options.raw ?? JSON.stringify(body),
  });

describe('the seed 000 micro1 webhooks', () => {
  it('interview_report.created is stored, applied, and queryable right after with no vendor call', async () => {
    const response = await post(reportCreated);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ result: 'applied' });

    const d = reportCreated.data as { interview_id: string; candidate_id: string; report_id: string; candidate_email_id: string };
    const interviewId = `micro1:Interview:${d.interview_id}~${d.candidate_id}`;
    const result = await h.query(
      `query($id: ID!) { interview(id: $id) { status report { providerId score { value scaleMin scaleMax } integrity { score { value } violations { type value } }
         recordings { format } transcript { offsetMs } } } }`,
      { id: interviewId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      interview: {
        status: 'COMPLETED',
        report: {
          providerId: d.report_id,
          // micro1 documents no scale for either figure (example 85): kept raw, no 0–100 value.
          score: { value: null, scaleMin: null, scaleMax: null },
          integrity: { score: { value: null }, violations: [{ type: 'tab_switch', value: '3' }] },
          recordings: [{ format: 'HLS' }],
          transcript: [{ offsetMs: 100000 }],
        },
      },
    });
    expect(h.totalCalls()).toBe(0);

    // The identity index learned who was interviewed.
    const person = await h.query(`{ candidate(email: "${d.candidate_email_id}") { accounts { provider } } }`);
    expect(person.data).toEqual({ candidate: { accounts: [{ provider: 'MICRO1' }] } });
    expect(h.totalCalls()).toBe(0);
  });

  it('the same delivery again is acknowledged as a duplicate and stored once', async () => {
    const before = (h.app.tenant().webhookStore as MemoryWebhookStore).all().length;
    const response = await post(reportCreated);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ result: 'duplicate' });
    expect((h.app.tenant().webhookStore as MemoryWebhookStore).all().length).toBe(before);
  });

  it.each([
    ['interview_recording.completed', recordingCompleted],
    ['applicant.completed', applicantCompleted],
  ])('%s is accepted and stored', async (_type, body) => {
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(['applied', 'stale']).toContain((JSON.parse(response.body) as { result: string }).result);
  });
});

describe('bad deliveries get a typed error and change nothing', () => {
  it.each([
    ['a wrong token', 401, 'UNAUTHORIZED', () => post(reportCreated, { token: 'wrong-token-but-long-enough' })],
    ['malformed JSON', 400, 'MALFORMED_JSON', () => post(null, { raw: '{"event": "interview_report.created", ' })],
    ['a body that is not JSON', 415, 'UNSUPPORTED_MEDIA_TYPE', () => post(null, { raw: 'event=1', contentType: 'text/plain' })],
    ['an unknown event type', 422, 'INVALID_WEBHOOK', () => post({ event: 'interview.exploded', data: {} })],
    ['a known event missing its ids', 422, 'INVALID_WEBHOOK', () => post({ event: 'interview_report.created', data: { candidate_name: 'x' } })],
    // Ids are checked as a client's are: one outside the vendor's grammar could never be read back and would reach its URLs.
    [
      'an interview id with a path in it',
      422,
      'INVALID_WEBHOOK',
      () => post({ ...reportCreated, data: { ...reportCreated.data, interview_id: '../../admin' } }),
    ],
    [
      'a candidate id of 1,000 characters',
      422,
      'INVALID_WEBHOOK',
      () => post({ ...reportCreated, data: { ...reportCreated.data, candidate_id: 'c'.repeat(1000) } }),
    ],
    ['a report id with a space', 422, 'INVALID_WEBHOOK', () => post({ ...reportCreated, data: { ...reportCreated.data, report_id: 'h0gq kAcaDJ' } })],
    // An amendment (a recording or proctoring score for a report) names its report by bare ids, checked alike.
    [
      'a recording for a report id of 1,000 characters',
      422,
      'INVALID_WEBHOOK',
      () => post({ ...recordingCompleted, data: { ...recordingCompleted.data, report_id: 'r'.repeat(1000) } }),
    ],
    [
      'a proctoring score whose candidate id has a slash',
      422,
      'INVALID_WEBHOOK',
      () => post({ event: 'proctoring_score.completed', data: { report_id: 'h0gqkAcaDJ', candidate_id: 'a/b', proctoring_score: 90 } }),
    ],
    ['a body over 1 MB', 413, 'BODY_TOO_LARGE', () => post({ event: 'applicant.created', data: { pad: 'x'.repeat(1024 * 1024) } })],
    ['an unknown vendor', 404, 'NOT_FOUND', () => post(reportCreated, { provider: 'acme' })],
    ['a vendor without webhooks', 404, 'NOT_FOUND', () => post(reportCreated, { provider: 'evalyo' })],
  ] as const)('%s → %i %s', async (_what, status, code, send) => {
    const before = (h.app.tenant().webhookStore as MemoryWebhookStore).all().length;
    const response = await send();
    expect(response.status).toBe(status);
    expect((JSON.parse(response.body) as { error: { code: string } }).error.code).toBe(code);
    expect((h.app.tenant().webhookStore as MemoryWebhookStore).all().length).toBe(before);
    expect(response.body).not.toContain(TOKEN);
    expect(h.totalCalls()).toBe(0);
  });

  it('the refusal of an id names what is wrong, never echoing the id', async () => {
    const response = await post({ ...reportCreated, data: { ...reportCreated.data, interview_id: 'x'.repeat(500) } });
    const { message } = (JSON.parse(response.body) as { error: { message: string } }).error;
    expect(message).toMatch(/^The webhook is refused: its Interview id is not one its vendor issues: .*interview_id/);
    expect(message).not.toContain('x'.repeat(50));
  });
});

describe('secrets stay out of the logs', () => {
  it('neither the URL token nor a wrong one is logged, on success or refusal', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const logged = await startHarness({ env: { MICRO1_WEBHOOK_TOKEN: TOKEN }, logger });
    try {
      const send = (token: string) =>
        logged.http('POST', `/webhooks/micro1/${token}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(applicantCompleted) });
      expect((await send(TOKEN)).status).toBe(200);
      expect((await send('a-wrong-token-of-some-length')).status).toBe(401);
      const all = lines.join('\n');
      expect(all).toMatch(/\/webhooks\/micro1\/\[redacted\]/);
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain('a-wrong-token-of-some-length');
    } finally {
      await logged.close();
    }
  });
});

describe('ordering and volume', () => {
  it('a delivery whose settling is written but whose listeners are not told yet still counts as unapplied', async () => {
    const webhooks = h.app.tenant().webhooks;
    const store = h.app.tenant().webhookStore;
    const told: string[] = [];
    webhooks.onSettled((record) => told.push(record.dedupeKey));
    const settle = store.settle.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = false;
    const spy = jest.spyOn(store, 'settle').mockImplementation(async (...args) => {
      await settle(...args);
      written = true;
      await gate;
    });
    try {
      const s = micro1Session(888_888);
      const answer = post(s.started);
      while (!written) await new Promise((resolve) => setTimeout(resolve, 5));
      // Gone from the store's set, not yet announced: an observer polling for 0 must not stop here.
      expect(await store.unapplied()).toBe(0);
      expect(await webhooks.unapplied()).toBe(1);
      expect(told).toEqual([]);
      release();
      expect(JSON.parse((await answer).body)).toEqual({ result: 'applied' });
      expect(await webhooks.unapplied()).toBe(0);
      expect(told).toHaveLength(1);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('a report that arrives before its "started" event is not overwritten by it', async () => {
    const s = micro1Session(999_999);
    expect(JSON.parse((await post(s.report)).body)).toEqual({ result: 'applied' });
    expect(JSON.parse((await post(s.started)).body)).toEqual({ result: 'stale' });
    const result = await h.query('query($id: ID!) { interview(id: $id) { status } }', { id: s.id });
    expect(result.data).toEqual({ interview: { status: 'COMPLETED' } });
    expect(h.totalCalls()).toBe(0);
  });

  it('1,000 deliveries, 30 % duplicates, shuffled: each event stored once, none lost, newest state wins', async () => {
    const sessions = Array.from({ length: 350 }, (_, i) => micro1Session(i));
    const distinct = sessions.flatMap((s) => [s.started, s.report]); // 700
    const duplicates = Array.from({ length: 300 }, (_, i) => distinct[(i * 7) % distinct.length]);
    const deliveries = [...distinct, ...duplicates];
    // Deterministic shuffle.
    let seedValue = 12345;
    const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = deliveries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const store = h.app.tenant().webhookStore as MemoryWebhookStore;
    const storedBefore = store.all().length;

    const results: string[] = [];
    for (let i = 0; i < deliveries.length; i += 25) {
      const batch = await Promise.all(deliveries.slice(i, i + 25).map((d) => post(d)));
      for (const response of batch) {
        expect(response.status).toBe(200);
        results.push((JSON.parse(response.body) as { result: string }).result);
      }
    }
    expect(results).toHaveLength(1000);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(300);
    expect(results.filter((r) => r !== 'duplicate')).toHaveLength(700);
    expect(store.all().length - storedBefore).toBe(700);

    // Whatever the order, every session ends COMPLETED with its report, served from the cache.
    h.resetCalls();
    const ids = sessions.map((s) => s.id);
    // 15 aliases a query: the default GRAPHQL_MAX_ALIASES.
    for (let i = 0; i < ids.length; i += 15) {
      const chunk = ids.slice(i, i + 15);
      const query = `{ ${chunk.map((id, k) => `i${k}: interview(id: "${id}") { status report { providerId } }`).join(' ')} }`;
      const result = await h.query(query);
      expect(result.errors).toBeUndefined();
      for (const value of Object.values(result.data!))
        expect(value).toMatchObject({ status: 'COMPLETED', report: { providerId: expect.stringMatching(/^rep/) } });
    }
    expect(h.totalCalls()).toBe(0);
  }, 60_000);
});
