/**
 * The cross-vendor feeds on the four simulators (read model in memory): `interviews`,
 * `reports` and `interviewTemplates` without a provider answer every configured vendor in one
 * order with one cursor, after the identity sync fed the read model. Checked against the ground
 * truth of the vendors' own lists read through the gateway: order, filters, totals, cursors (no
 * duplicate, no gap, foreign ones refused), scores (comparable first), a webhook moving an
 * interview to the top, freshness (`extensions.indexIncomplete`), and a vendor outage mid-paging.
 */
import { Provider } from '../support/providers';
import { DATA_EPOCH } from '../../src/vendors/kit/sandbox/data/people';
import type { HeymiloSimulator } from '../../src/vendors/heymilo/sandbox/heymilo.simulator';
import { VENDORS } from '../../src/vendors/vendors';
import { startHarness, type Harness } from '../support/harness';

interface Node {
  id: string;
  provider: string;
  status: string;
  updatedAt: string | null;
  completedAt: string | null;
  invitedAt: string | null;
  email: string | null;
  template: string | null;
}

const PROVIDERS = VENDORS.map((v) => v.descriptor.provider as string);

const NODE = `id provider status updatedAt completedAt invitedAt candidate { email } template { id }`;

let h: Harness;
/** Every interview of every vendor, read through each vendor's live list (the ground truth). */
let truth: Node[];

function toNode(n: Record<string, unknown>): Node {
  return {
    id: n.id as string,
    provider: n.provider as string,
    status: n.status as string,
    updatedAt: n.updatedAt as string | null,
    completedAt: n.completedAt as string | null,
    invitedAt: n.invitedAt as string | null,
    email: ((n.candidate as { email: string | null }).email ?? '').trim().toLowerCase() || null,
    template: (n.template as { id: string } | null)?.id ?? null,
  };
}

/** Reads a whole connection page by page; returns the nodes (errors fail the test) and the first page's totalCount. */
async function readAll(
  field: string,
  args: string,
  selection = NODE,
  first = 100,
): Promise<{ nodes: Array<Record<string, unknown>>; totalCount: number | null; pages: number }> {
  const nodes: Array<Record<string, unknown>> = [];
  let after: string | null = null;
  let totalCount: number | null = null;
  const cursors = new Set<string>();
  for (let pages = 1; pages < 200; pages += 1) {
    const result = await h.query(
      `query($after: String) { ${field}(first: ${first}, after: $after${args ? `, ${args}` : ''}) { totalCount edges { cursor provider node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(result.errors).toBeUndefined();
    const connection = result.data![field] as {
      totalCount: number | null;
      edges: Array<{ cursor: string; provider: string; node: Record<string, unknown> }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    if (pages === 1) totalCount = connection.totalCount;
    for (const edge of connection.edges) {
      expect(cursors.has(edge.cursor)).toBe(false);
      cursors.add(edge.cursor);
      expect(edge.node).not.toBeNull();
      nodes.push({ ...edge.node, provider: edge.provider });
    }
    if (!connection.pageInfo.hasNextPage) return { nodes, totalCount, pages };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('no end');
}

/** Newest first by `key`, nulls last, ties by id (the documented total order). */
function ordered(nodes: Node[], key: (n: Node) => string | null): Node[] {
  return [...nodes].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      const ta = Date.parse(ka);
      const tb = Date.parse(kb);
      if (ta !== tb) return tb - ta;
    }
    const ia = `${a.provider}|${a.id.slice(a.id.indexOf(':Interview:') + 11)}`;
    const ib = `${b.provider}|${b.id.slice(b.id.indexOf(':Interview:') + 11)}`;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

beforeAll(async () => {
  h = await startHarness();
  // Before any sync the read model is empty, and the answer says so.
  const before = JSON.parse((await h.query('{ interviews(first: 5) { totalCount edges { cursor } } }')).body) as {
    data: { interviews: { totalCount: number; edges: unknown[] } };
    extensions?: { indexIncomplete?: string[] };
  };
  expect(before.data.interviews).toEqual({ totalCount: 0, edges: [] });
  expect(before.extensions?.indexIncomplete).toEqual(PROVIDERS);

  expect(await h.app.tenant().identitySync.runAll()).toEqual(Object.fromEntries(PROVIDERS.map((p) => [p, 'completed'])));
  truth = [];
  for (const provider of PROVIDERS) {
    const { nodes } = await readAll('interviews', `provider: ${provider}`);
    truth.push(...nodes.map(toNode));
  }
}, 120_000);
afterAll(() => h.close());

describe('interviews across every vendor', () => {
  it('answers all four vendors in one order (updatedAt, newest first, ties by id, undated last), with a total and no duplicate or gap', async () => {
    const { nodes, totalCount, pages } = await readAll('interviews', '', NODE, 37);
    expect(pages).toBeGreaterThan(10);
    expect(totalCount).toBe(truth.length);
    const served = nodes.map(toNode);
    expect(new Set(served.map((n) => n.provider))).toEqual(new Set(PROVIDERS));
    expect(served.map((n) => n.id)).toEqual(ordered(truth, (n) => n.updatedAt).map((n) => n.id));
    // The page's objects are the vendors' own (loaded through the cache): the same fields as their live lists.
    const byId = new Map(truth.map((n) => [n.id, n]));
    for (const node of served) expect(node).toEqual(byId.get(node.id));
  });

  it('the first page of the default feed, as the README shows it, mixes vendors and says nothing is missing once indexed', async () => {
    const result = JSON.parse((await h.query('{ interviews(first: 20) { totalCount edges { node { provider status updatedAt } } } }')).body) as {
      data: { interviews: { totalCount: number; edges: Array<{ node: { provider: string; updatedAt: string } }> } };
      extensions?: Record<string, unknown>;
    };
    expect(result.extensions?.indexIncomplete).toBeUndefined();
    expect(result.data.interviews.totalCount).toBe(truth.length);
    expect(result.data.interviews.edges).toHaveLength(20);
    expect(new Set(result.data.interviews.edges.map((e) => e.node.provider)).size).toBeGreaterThan(1);
  });

  it.each([
    ['COMPLETED_AT_DESC', (n: Node) => n.completedAt],
    ['INVITED_AT_DESC', (n: Node) => n.invitedAt],
  ])('orderBy %s: newest first, those without the time last, never dropped', async (order, key) => {
    const { nodes, totalCount } = await readAll('interviews', `orderBy: ${order}`);
    expect(totalCount).toBe(truth.length);
    expect(nodes.map((n) => n.id)).toEqual(ordered(truth, key).map((n) => n.id));
  });

  it('filters by status, providers, template, update time and candidate, each exactly as the vendors list them', async () => {
    const expectIds = async (args: string, keep: (n: Node) => boolean, countable: boolean) => {
      const { nodes, totalCount } = await readAll('interviews', args);
      const expected = ordered(truth.filter(keep), (n) => n.updatedAt).map((n) => n.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(nodes.map((n) => n.id)).toEqual(expected);
      expect(totalCount).toBe(countable ? expected.length : null);
    };
    await expectIds('status: COMPLETED', (n) => n.status === 'COMPLETED', true);
    await expectIds('providers: [HEYMILO, XOBIN]', (n) => n.provider === 'HEYMILO' || n.provider === 'XOBIN', true);
    await expectIds('providers: [EVALYO], status: INVITED', (n) => n.provider === 'EVALYO' && n.status === 'INVITED', true);
    const template = truth.find((n) => n.template && n.provider === 'MICRO1')!.template!;
    await expectIds(`templateId: "${template}"`, (n) => n.template === template, true);
    const dated = truth
      .filter((n) => n.updatedAt)
      .map((n) => Date.parse(n.updatedAt!))
      .sort((a, b) => a - b);
    const middle = new Date(dated[Math.floor(dated.length / 2)]).toISOString();
    const late = new Date(dated[Math.floor((dated.length * 3) / 4)]).toISOString();
    await expectIds(`updatedAfter: "${middle}"`, (n) => n.updatedAt !== null && n.updatedAt >= middle, false);
    await expectIds(`updatedAfter: "${middle}", updatedBefore: "${late}"`, (n) => n.updatedAt !== null && n.updatedAt >= middle && n.updatedAt < late, false);
    await expectIds(`updatedBefore: "${middle}", status: COMPLETED`, (n) => n.updatedAt !== null && n.updatedAt < middle && n.status === 'COMPLETED', false);
    const person = truth.find((n) => n.email && truth.filter((o) => o.email === n.email).length > 2)!.email!;
    await expectIds(`candidateEmail: "  ${person.toUpperCase()} "`, (n) => n.email === person, true);
  });

  it('refuses garbage and foreign cursors with BAD_USER_INPUT', async () => {
    const page = await h.query('{ interviews(first: 2, status: COMPLETED) { pageInfo { endCursor } } }');
    const cursor = (page.data!.interviews as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const vendorList = await h.query('{ interviews(provider: MICRO1, first: 2) { pageInfo { endCursor } } }');
    const vendorCursor = (vendorList.data!.interviews as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const reports = await h.query('{ reports(first: 2) { pageInfo { endCursor } } }');
    const reportCursor = (reports.data!.reports as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    for (const [args, after] of [
      ['', 'garbage'],
      ['', 'x'.repeat(5000)],
      ['', cursor], // other filters
      ['status: COMPLETED, orderBy: COMPLETED_AT_DESC', cursor], // other order
      ['', vendorCursor], // one vendor's live list
      ['', reportCursor], // another field
      ['provider: MICRO1', cursor], // the live list refuses feed cursors
    ]) {
      const result = await h.query(`query($after: String) { interviews(first: 2, after: $after${args ? `, ${args}` : ''}) { edges { cursor } } }`, { after });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toEqual({ interviews: null });
    }
  });

  it('refuses bad arguments with BAD_USER_INPUT naming them', async () => {
    for (const [args, argument] of [
      ['candidateEmail: "not-an-email"', 'candidateEmail'],
      ['provider: MICRO1, providers: [HEYMILO]', 'providers'],
      ['providers: []', 'providers'],
      ['providers: [HEYMILO], templateId: "micro1:InterviewTemplate:abc"', 'templateId'],
      ['first: 0', 'first'],
    ]) {
      const result = await h.query(`{ interviews(${args}) { edges { cursor } } }`);
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', argument]]);
    }
  });
});

describe('reports across every vendor', () => {
  const SELECTION = 'id completedAt score { value scale }';

  it('COMPLETED_AT_DESC lists every completed report once, newest first', async () => {
    const { nodes, totalCount } = await readAll('reports', '', SELECTION);
    const completed = truth.filter((n) => n.status === 'COMPLETED');
    expect(nodes.length).toBeGreaterThanOrEqual(completed.length * 0.9);
    expect(totalCount).toBe(nodes.length);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(new Set(nodes.map((n) => n.provider))).toEqual(new Set(PROVIDERS));
    const times = nodes.map((n) => (n.completedAt ? Date.parse(n.completedAt as string) : -Infinity));
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
  });

  it('SCORE_DESC: comparable (PERCENT) scores first, highest first; every other scale after them in completion order', async () => {
    const { nodes, totalCount } = await readAll('reports', 'orderBy: SCORE_DESC', SELECTION, 45);
    expect(totalCount).toBe(nodes.length);
    const scale = (n: Record<string, unknown>) => (n.score as { scale: string } | null)?.scale ?? 'NONE';
    const firstOther = nodes.findIndex((n) => scale(n) !== 'PERCENT');
    expect(firstOther).toBeGreaterThan(0);
    const known = nodes.slice(0, firstOther);
    const rest = nodes.slice(firstOther);
    expect(rest.every((n) => scale(n) !== 'PERCENT')).toBe(true);
    expect(new Set(rest.map(scale)).size).toBeGreaterThan(0);
    const values = known.map((n) => (n.score as { value: number }).value);
    for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const times = rest.map((n) => (n.completedAt ? Date.parse(n.completedAt as string) : -Infinity));
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);

    // minScore matches comparable scores only, in either order.
    const threshold = values[Math.floor(values.length / 2)];
    const above = await readAll('reports', `orderBy: SCORE_DESC, minScore: ${threshold}`, SELECTION);
    expect(above.nodes.map((n) => n.id)).toEqual(known.filter((n) => (n.score as { value: number }).value >= threshold).map((n) => n.id));
    const byTime = await readAll('reports', `minScore: ${threshold}`, SELECTION);
    expect(new Set(byTime.nodes.map((n) => n.id))).toEqual(new Set(above.nodes.map((n) => n.id)));
    expect(byTime.totalCount).toBeNull();

    const bad = await h.query('{ reports(first: 1, minScore: 101) { edges { cursor } } }');
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'minScore']]);
  });
});

describe('interview templates across every vendor', () => {
  it('lists every vendor template once, newest first, with a total', async () => {
    const expected: string[] = [];
    for (const provider of PROVIDERS) expected.push(...(await readAll('interviewTemplates', `provider: ${provider}`, 'id')).nodes.map((n) => n.id as string));
    const { nodes, totalCount } = await readAll('interviewTemplates', '', 'id createdAt', 7);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(expected));
    expect(nodes).toHaveLength(expected.length);
    expect(totalCount).toBe(expected.length);
    const times = nodes.map((n) => (n.createdAt ? Date.parse(n.createdAt as string) : -Infinity));
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
  });
});

describe('a webhook moves an interview in every feed at once', () => {
  it('a HeyMilo session finished now comes first by update and by completion, and its report is in the report feed', async () => {
    const sim = h.sim<never>(Provider.HEYMILO) as unknown as HeymiloSimulator;
    const token = h.app.tenant().webhookTokens.HEYMILO!;
    sim.deliverWebhooks(`${h.url}/webhooks/heymilo/${token}`);
    const waiting = truth.find((n) => n.provider === 'HEYMILO' && n.status === 'INVITED')!;
    const interviewId = waiting.id.slice(waiting.id.indexOf(':Interview:') + 11);
    const at = DATA_EPOCH + 86_400_000;
    const deliveries = await sim.simulateCompletion(interviewId, { at });
    sim.deliverWebhooks(null);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);

    const top = await h.query(`{
      updated: interviews(first: 1) { edges { node { id status } } }
      completed: interviews(first: 1, orderBy: COMPLETED_AT_DESC) { edges { node { id status } } }
      recent: reports(first: 1) { edges { node { interview { id } } } }
    }`);
    expect(top.errors).toBeUndefined();
    expect(top.data).toEqual({
      updated: { edges: [{ node: { id: waiting.id, status: 'COMPLETED' } }] },
      completed: { edges: [{ node: { id: waiting.id, status: 'COMPLETED' } }] },
      recent: { edges: [{ node: { interview: { id: waiting.id } } }] },
    });
  });
});
