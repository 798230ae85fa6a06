/**
 * "Client errors stay client errors": an id outside its vendor's grammar — 200 KB long, or letters
 * where the vendor numbers its objects — is BAD_USER_INPUT naming the provider and the problem,
 * echoes no more than the id's start, reaches no vendor, and however often it is sent leaves every
 * vendor's breaker CLOSED and health UP (a 200 KB micro1 id once answered VENDOR_BAD_RESPONSE and
 * took micro1 DOWN for the whole tenant). No log line carries the id, or any URL, whole.
 */
import { createLogger } from '../../src/server/logger';
import { startHarness, type Harness } from '../support/harness';
import { Provider } from '../support/providers';

const HUGE = 'x'.repeat(200_000);
/** More than the breaker's 5 failures in a row. */
const TIMES = 6;
const lines: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ logger: createLogger('trace', { write: (line: string) => lines.push(line) }) });
});
afterAll(() => h.close());
beforeEach(() => h.resetCalls());

/** Every vendor: its slug and a locator of each kind too long for any grammar. */
const HUGE_IDS = ['micro1', 'heymilo', 'xobin', 'evalyo'].flatMap((slug) => [
  [slug, `${slug}:Interview:${slug === 'micro1' ? `a~${HUGE}` : HUGE}`],
  [slug, `${slug}:InterviewTemplate:${HUGE}`],
  [slug, `${slug}:Report:${slug === 'micro1' ? `a~b~${HUGE}` : HUGE}`],
]);

const NODE = 'query($id: ID!) { node(id: $id) { id } }';

async function expectRefused(query: string, variables: Record<string, unknown>, provider: string, path: string): Promise<string> {
  const result = await h.query(query, variables);
  expect(result.status).toBe(200);
  expect(result.errors).toEqual([{ message: expect.any(String), locations: expect.any(Array), path: [path], extensions: { code: 'BAD_USER_INPUT' } }]);
  const message = result.errors![0].message;
  expect(message).toMatch(new RegExp(`^Malformed ${provider} `));
  // The start of the id, never the whole of it.
  expect(message.length).toBeLessThan(400);
  expect(result.body.length).toBeLessThan(1_000);
  return message;
}

describe('an id outside its vendor grammar: BAD_USER_INPUT before any vendor call', () => {
  it.each(HUGE_IDS.map(([slug, id]) => [slug, id.slice(0, id.indexOf(':', slug.length + 1)), id]))(
    `%s: a 200 KB %s id, ${TIMES} times → BAD_USER_INPUT saying what is wrong, no call`,
    async (slug, _kind, id) => {
      // Xobin numbers its objects; the others' ids are opaque strings of at most 128 characters.
      const problem =
        slug === 'xobin' ? /Xobin ids are whole numbers from 1 to \d+ written in digits/ : /is 200\d{3} characters long, more than the 128 an id can have\.$/;
      for (let i = 0; i < TIMES; i += 1) {
        expect(await expectRefused(NODE, { id }, slug, 'node')).toMatch(problem);
      }
      expect(h.totalCalls()).toBe(0);
    },
  );

  it('every vendor stays UP with its breaker CLOSED after all of them', async () => {
    const providers = await h.query('{ providers { provider health { status breaker consecutiveFailures lastErrorCode } } }');
    const health = (providers.data!.providers as Array<{ provider: string; health: unknown }>).map((p) => [p.provider, p.health]);
    const up = { status: 'UP', breaker: 'CLOSED', consecutiveFailures: 0, lastErrorCode: null };
    expect(health).toEqual([
      [Provider.MICRO1, up],
      [Provider.HEYMILO, up],
      [Provider.XOBIN, up],
      [Provider.EVALYO, up],
    ]);
  });

  it.each([
    ['xobin', 'xobin:Interview:abc', /Xobin ids are whole numbers/],
    ['xobin', 'xobin:Interview:6726.5', /Xobin ids are whole numbers/],
    ['micro1', 'micro1:Interview:123e4567-e89b-12d3-a456-426614174000', /a micro1 Interview is named by <interview_id>~<candidate_id>/],
    ['heymilo', 'heymilo:Interview:D536A69A4090E13F%2F..', /may hold only letters, digits/],
  ])('%s, wrong grammar %j → BAD_USER_INPUT naming it, no call', async (slug, id, problem) => {
    expect(await expectRefused('query($id: ID!) { interview(id: $id) { id } }', { id }, slug, 'interview')).toMatch(problem);
    expect(h.totalCalls()).toBe(0);
  });

  it('the same where a template id is taken: a list filter and the inviteCandidate mutation', async () => {
    const templateId = `micro1:InterviewTemplate:${HUGE}`;
    await expectRefused(
      'query($t: ID!) { interviews(provider: MICRO1, first: 5, templateId: $t) { edges { node { id } } } }',
      { t: templateId },
      'micro1',
      'interviews',
    );
    await expectRefused(
      'mutation($input: InviteCandidateInput!) { inviteCandidate(input: $input) { interview { id } } }',
      { input: { templateId, candidate: { name: 'Ada Lovelace', email: 'ada@example.com' }, idempotencyKey: 'bad-ids-1' } },
      'micro1',
      'inviteCandidate',
    );
    expect(h.totalCalls()).toBe(0);
  });
});

it('no log line is longer than 2 KB: not a 200 KB id, a 100 KB operation name, nor a 12 KB request URL', async () => {
  await expectRefused(NODE, { id: `micro1:Interview:a~${HUGE}` }, 'micro1', 'node');
  const named = await h.query(`query ${'Q'.repeat(100_000)} { providers { provider } }`);
  expect(named.errors).toBeUndefined();
  const get = await h.http('GET', `/graphql?query=${encodeURIComponent('{ providers { provider } }')}&padding=${'p'.repeat(12_000)}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(get.status).toBe(200);
  // The run logged what it was meant to: the refusal (at debug), the operation's name, the URL.
  expect(lines.some((l) => l.includes('"msg":"Malformed micro1 Interview id'))).toBe(true);
  expect(lines.some((l) => l.includes('"operation":"QQQQ'))).toBe(true);
  expect(lines.some((l) => l.includes('padding=ppp'))).toBe(true);
  expect(lines.filter((l) => l.length > 2_048).map((l) => l.slice(0, 300))).toEqual([]);
});
