/**
 * Two tenants on one gateway, sharing the real Redis (cache, identity index, webhook store,
 * idempotency keys, pub/sub), each with its own vendor accounts (two simulator sets with
 * different data): neither can read, invalidate or subscribe to the other's data — directly, by
 * global id, through the identity index, through webhooks, or as federation entities.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Provider } from '../support/providers';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { VENDORS } from '../../src/vendors/vendors';
import { startHarness, type Harness } from '../support/harness';
import { socketDrained, subscriptionsOpened } from '../support/subscriptions';
import { eventually } from '../support/timing';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = randomBytes(4).toString('hex');
const A = { id: `acme-${run}`, key: 'acme-client-key-000000001', token: `acme-micro1-token-${run}` };
const B = { id: `globex-${run}`, key: 'globex-client-key-0000001', token: `globex-micro1-token-${run}` };

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'vendors', 'micro1', name), 'utf8')) as { event: string; data: Record<string, string> };
const reportCreated = fixture('webhook.interview-report-created.seed000.json');
const email = reportCreated.data.candidate_email_id;
const webhookInterviewId = `micro1:Interview:${reportCreated.data.interview_id}~${reportCreated.data.candidate_id}`;

let sandboxA: Sandbox;
let sandboxB: Sandbox;
let h: Harness;
const sockets: Client[] = [];
beforeAll(async () => {
  sandboxA = await startSandbox(VENDORS, { seed: 42 });
  sandboxB = await startSandbox(VENDORS, { seed: 7 });
  h = await startHarness({
    env: { REDIS_URL },
    sandbox: sandboxA,
    tenants: [
      { id: A.id, apiKeys: [A.key], sandbox: sandboxA, webhookTokens: { MICRO1: A.token } },
      { id: B.id, apiKeys: [B.key], sandbox: sandboxB, webhookTokens: { MICRO1: B.token } },
    ],
  });
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await h.close();
  await sandboxA.close();
  await sandboxB.close();
  // The tenants' index, read model and invalidation log keep no expiry.
  await deleteRedisKeys(`ig:*${A.id}*`, `ig:*${B.id}*`);
});

const as = (tenant: typeof A) => h.as({ 'x-api-key': tenant.key });
const callsAt = (sandbox: Sandbox) => [...sandbox.simulators.values()].reduce((n, s) => n + s.totalCalls(), 0);
const resetAll = () => [sandboxA, sandboxB].forEach((s) => s.simulators.forEach((sim) => sim.resetCalls()));
const webhook = (token: string, body: unknown) =>
  h.http('POST', `/webhooks/micro1/${token}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const firstIds = async (tenant: typeof A): Promise<string[]> => {
  const result = await as(tenant).query('{ interviews(provider: MICRO1, first: 5) { edges { node { id } } } }');
  expect(result.errors).toBeUndefined();
  return (result.data!.interviews as { edges: Array<{ node: { id: string } }> }).edges.map((e) => e.node.id);
};
const INTERVIEW = 'query ($id: ID!) { interview(id: $id) { id status candidate { email } } }';

describe('two tenants on one gateway and one Redis', () => {
  it('each reads its own vendor accounts', async () => {
    const [ofA, ofB] = [await firstIds(A), await firstIds(B)];
    expect(ofA).toHaveLength(5);
    expect(ofB).toHaveLength(5);
    expect(ofA.filter((id) => ofB.includes(id))).toEqual([]);
  });

  it("cannot read the other's object by global id, even while the other has it cached", async () => {
    const [id] = await firstIds(A);
    const own = await as(A).query(INTERVIEW, { id });
    expect(own.data!.interview).toMatchObject({ id });
    resetAll();

    // What any unknown id gets (B's vendor account has no such interview): interview(id) says
    // NOT_FOUND, node(id) is null.
    const theirs = await as(B).query(INTERVIEW, { id });
    expect(theirs.data!.interview).toBeNull();
    expect(theirs.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'MICRO1' });
    expect(await as(B).query('query ($id: ID!) { node(id: $id) { id } }', { id })).toMatchObject({ data: { node: null } });
    // B asked its own vendor account, never A's, and got nothing from A's cache.
    expect(callsAt(sandboxA)).toBe(0);
    expect(callsAt(sandboxB)).toBeGreaterThan(0);

    // A's copy is untouched: still served from the cache.
    expect((await as(A).query(INTERVIEW, { id })).data!.interview).toMatchObject({ id });
    expect(callsAt(sandboxA)).toBe(0);
  });

  it("a webhook with A's token reaches A only: A's index and cache learn the candidate, B's do not", async () => {
    const response = await webhook(A.token, reportCreated);
    expect(JSON.parse(response.body)).toEqual({ result: 'applied' });
    resetAll();

    const candidate = `query ($email: String!) { candidate(email: $email) { email interviews { edges { node { id } } } } }`;
    const mine = await as(A).query(candidate, { email });
    expect(mine.data!.candidate).toMatchObject({ email, interviews: { edges: [{ node: { id: webhookInterviewId } }] } });
    expect((await as(A).query(INTERVIEW, { id: webhookInterviewId })).data!.interview).toMatchObject({ status: 'COMPLETED' });
    expect(callsAt(sandboxA)).toBe(0); // written through by the webhook

    expect((await as(B).query(candidate, { email })).data!.candidate).toBeNull();
    const search = await as(B).query('query ($s: String) { candidates(first: 5, search: $s) { edges { node { email } } } }', { s: email });
    expect(search.data!.candidates).toEqual({ edges: [] });
    expect((await as(B).query(INTERVIEW, { id: webhookInterviewId })).data!.interview).toBeNull();
  });

  it("the same delivery with B's token is B's own (not a duplicate of A's), and cannot invalidate A's cache", async () => {
    const [id] = await firstIds(A);
    await as(A).query(INTERVIEW, { id });
    const [template, candidate] = id.replace('micro1:Interview:', '').split('~');
    const completed = { event: 'interview.completed', data: { ...reportCreated.data, interview_id: template, candidate_id: candidate, report_id: `r-${run}` } };

    expect(JSON.parse((await webhook(B.token, reportCreated)).body)).toEqual({ result: 'applied' });
    expect(JSON.parse((await webhook(B.token, completed)).body)).toEqual({ result: 'applied' });
    resetAll();
    expect((await as(A).query(INTERVIEW, { id })).data!.interview).toMatchObject({ id });
    expect(callsAt(sandboxA)).toBe(0);

    const unknown = await webhook('made-up-token-0000000000', reportCreated);
    expect(unknown.status).toBe(401);
  });

  it("A's identity sync fills A's index only", async () => {
    await h.app.tenant(A.id).identitySync.runAll();
    const emails = async (tenant: typeof A) => {
      const result = await as(tenant).query('query { candidates(first: 100) { edges { node { email } } } }');
      return (result.data!.candidates as { edges: Array<{ node: { email: string } }> }).edges.map((e) => e.node.email);
    };
    const [ofA, ofB] = [await emails(A), await emails(B)];
    expect(ofA.length).toBeGreaterThan(20);
    // B knows only what reached B: the candidates of the interviews it read, and the webhook it was sent.
    const read = await as(B).query('{ interviews(provider: MICRO1, first: 5) { edges { node { candidate { email } } } } }');
    const readByB = (read.data!.interviews as { edges: Array<{ node: { candidate: { email: string } } }> }).edges.map((e) =>
      e.node.candidate.email.toLowerCase(),
    );
    expect(new Set(ofB)).toEqual(new Set([...readByB, email]));
  });

  it('subscriptions hear their own tenant only', async () => {
    const listen = (tenant: typeof A) => {
      const events: unknown[] = [];
      const client = createWsClient({
        url: `${h.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { 'x-api-key': tenant.key },
      });
      sockets.push(client);
      const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
      client.subscribe(
        { query: 'subscription { reportReady { providerId } }' },
        { next: (value) => events.push(value), error: () => undefined, complete: () => undefined },
      );
      return { events, connected, client };
    };
    const opened = subscriptionsOpened(h.app.events);
    const [a, b] = [listen(A), listen(B)];
    await Promise.all([a.connected, b.connected]);
    await opened(2);

    const fresh = { ...reportCreated, data: { ...reportCreated.data, report_id: `only-a-${run}`, date_created: '2030-01-01 00:00:00' } };
    expect((await webhook(A.token, fresh)).status).toBe(200);
    await eventually(() => a.events.length > 0, "A's subscriber hears A's report");
    // Anything else the server sent either subscriber for it (a second copy, a copy to B) is in
    // once each socket has answered a later query.
    await Promise.all([socketDrained(a.client), socketDrained(b.client)]);
    expect(a.events).toHaveLength(1);
    expect(b.events).toEqual([]);
  });

  it("federation entity lookups resolve against the caller's tenant", async () => {
    const [id] = await firstIds(A);
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Interview { id } ... on Candidate { email interviews { edges { node { id } } } } } }`;
    const representations = [
      { __typename: 'Interview', id },
      { __typename: 'Candidate', email },
    ];
    const mine = await as(A).query(entities, { r: representations });
    expect(mine.data!._entities).toEqual([{ id }, { email, interviews: { edges: [{ node: { id: webhookInterviewId } }] } }]);

    const theirs = await as(B).query(entities, { r: representations });
    const [interview, person] = theirs.data!._entities as Array<{ email?: string; interviews?: { edges: Array<{ node: { id: string } }> } } | null>;
    expect(interview).toBeNull();
    // B's own index knows this email only through B's own webhook delivery above: B's interview, not A's.
    expect(person?.interviews?.edges.map((e) => e.node.id)).toEqual([webhookInterviewId]);
    expect(JSON.stringify(theirs.data)).not.toContain(id);
  });

  it('idempotency keys are per tenant: the same key makes one write at each tenant’s vendor', async () => {
    const templateOf = async (tenant: typeof A) => {
      const result = await as(tenant).query('{ interviewTemplates(provider: HEYMILO, first: 1) { edges { node { id } } } }');
      return (result.data!.interviewTemplates as { edges: Array<{ node: { id: string } }> }).edges[0].node.id;
    };
    const invite = async (tenant: typeof A) =>
      as(tenant).query('mutation ($input: InviteCandidateInput!) { inviteCandidate(input: $input) { replayed interview { id } } }', {
        input: { templateId: await templateOf(tenant), candidate: { name: 'Ada Lovelace', email: `ada-${run}@example.com` }, idempotencyKey: `key-${run}` },
      });
    const [ofA, ofB] = [await invite(A), await invite(B)];
    expect(ofA.errors).toBeUndefined();
    expect(ofB.errors).toBeUndefined();
    expect(ofA.data!.inviteCandidate).toMatchObject({ replayed: false });
    expect(ofB.data!.inviteCandidate).toMatchObject({ replayed: false });
    const writes = (sandbox: Sandbox) => sandbox.simulators.get(Provider.HEYMILO)!.writes().length;
    expect(writes(sandboxA)).toBe(1);
    expect(writes(sandboxB)).toBe(1);
    // A's retry with the key replays A's answer, not B's.
    const again = await invite(A);
    expect(again.data!.inviteCandidate).toEqual({ ...(ofA.data!.inviteCandidate as object), replayed: true });
  });
});
