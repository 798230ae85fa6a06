/**
 * Federation for real: our gateway (on the simulators) as a subgraph, a test-only "ats" subgraph
 * that owns its own Candidate, composed with `@apollo/composition` from the SDL our server
 * answers on `_service { sdl }`, and executed by `@apollo/gateway` in-process over HTTP. Queries
 * start in the ATS and cross into our graph (Candidate → interviews → report → scorecard; an
 * application → its Interview); we assert the data, the requests each subgraph got, and the
 * vendor calls: exactly those of the same reads made directly on our graph, none when warm.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFormattedError } from 'graphql';
import { Provider } from '../support/providers';
import { createPeople } from '../../src/vendors/kit/sandbox/data/people';
import type { Micro1Dataset } from '../../src/vendors/micro1/sandbox/micro1.data';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { VENDORS } from '../../src/vendors/vendors';
import { startAtsSubgraph, type AtsApplication, type AtsCandidate, type AtsSubgraph } from '../support/ats-subgraph';
import { documentation } from '../support/docs';
import { startHarness, type Harness } from '../support/harness';
import { composeSupergraph } from '../support/supergraph';
import { postGraphql } from '../support/graphql-http';

const OURS = 'interviews';
const people = createPeople();

/** A federated graph over `ours` and the ATS, and what each subgraph was sent. */
interface Federation {
  query(query: string): Promise<{ data: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }>;
  /** The operations each subgraph received, in order. */
  sent: Record<string, string[]>;
  close(): Promise<void>;
}

const post = (url: string, query: string) => postGraphql(url, query);

async function federate(ours: Harness, ats: AtsSubgraph): Promise<Federation> {
  // The SDL a router would fetch from us, over HTTP.
  const service = await post(`${ours.url}/graphql`, '{ _service { sdl } }');
  const sdl = (service.data as { _service: { sdl: string } })._service.sdl;
  const atsSdl = ((await post(ats.url, '{ _service { sdl } }')).data as { _service: { sdl: string } })._service.sdl;
  const supergraphSdl = composeSupergraph([
    { name: 'ats', sdl: atsSdl, url: ats.url },
    { name: OURS, sdl, url: `${ours.url}/graphql` },
  ]);

  const sent: Record<string, string[]> = { ats: [], [OURS]: [] };
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request: subgraphRequest }) => {
          sent[name].push(subgraphRequest.query ?? '');
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { query: (query) => post(url, query), sent, close: () => server.stop() };
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox(VENDORS, { seed: 42 });
});
afterAll(() => sandbox.close());

/**
 * A gateway instance with a cold cache on the shared simulators, its identity index synced. The
 * sync caches every interview and report it reads; with one-second TTLs (and no stale window)
 * those are gone a second later, so the reads below reach the vendors.
 */
async function coldInstance(): Promise<Harness> {
  const h = await startHarness({
    sandbox,
    env: {
      CACHE_TTL_ACTIVE_SECONDS: '1',
      CACHE_TTL_COMPLETED_SECONDS: '1',
      CACHE_TTL_LIST_SECONDS: '1',
      CACHE_TTL_TEMPLATE_SECONDS: '1',
      CACHE_STALE_IF_ERROR_SECONDS: '0',
    },
  });
  await h.app.tenant().identitySync.runAll();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  h.resetCalls();
  return h;
}

describe('composed with an ATS subgraph that owns Candidate', () => {
  // Shared people were interviewed at every vendor; the ATS spells their emails its own way.
  const candidates: AtsCandidate[] = [
    { atsId: 'ats-1', email: people[1].email.toUpperCase(), fullName: `${people[1].firstName} ${people[1].lastName}`, stage: 'onsite' },
    { atsId: 'ats-2', email: ` ${people[2].email} `, fullName: `${people[2].firstName} ${people[2].lastName}`, stage: 'screen' },
    { atsId: 'ats-3', email: 'never.interviewed@example.com', fullName: 'Nadia Never', stage: 'applied' },
  ];
  const CROSSING = `{
    atsCandidates {
      atsId fullName stage email
      accounts { provider }
      interviews(first: 50) { edges { provider node { id status report { id score { value } scorecard { items { name } } } } } }
    }
  }`;
  /** The same reads made directly on our graph, one alias per person. */
  const direct = candidates
    .map(
      (c, i) =>
        `c${i}: candidate(email: ${JSON.stringify(c.email)}) { accounts { provider } interviews(first: 50) { edges { provider node { id status report { id score { value } scorecard { items { name } } } } } } }`,
    )
    .join('\n');

  let ats: AtsSubgraph;
  beforeAll(async () => {
    ats = await startAtsSubgraph({ candidates, applications: [] });
  });
  afterAll(() => ats.close());

  it('Candidate → interviews → report → scorecard, from the ATS into our graph, with the vendor calls of a direct read', async () => {
    const reference = await coldInstance();
    const expected = await reference.query(`{ ${direct} }`);
    expect(expected.errors).toBeUndefined();
    const directCalls = reference.calls();
    await reference.close();

    const ours = await coldInstance();
    const graph = await federate(ours, ats);
    try {
      const result = await graph.query(CROSSING);
      expect(result.errors).toBeUndefined();
      const rows = result.data!.atsCandidates as Array<{
        atsId: string;
        fullName: string;
        stage: string;
        email: string;
        accounts: Array<{ provider: string }>;
        interviews: {
          edges: Array<{
            provider: string;
            node: { id: string; status: string; report: { score: { value: number | null } | null; scorecard: { items: unknown[] } | null } | null };
          }>;
        };
      }>;
      // The ATS's own fields, and ours merged onto the same objects.
      expect(rows.map((r) => [r.atsId, r.fullName, r.stage, r.email])).toEqual(candidates.map((c) => [c.atsId, c.fullName, c.stage, c.email]));
      rows.forEach((row, i) => {
        const same = expected.data![`c${i}`] as { accounts: unknown; interviews: unknown } | null;
        if (same === null) {
          // Nobody at any vendor: still a Candidate, with nothing on it (not a null entity).
          expect(row.accounts).toEqual([]);
          expect(row.interviews.edges).toEqual([]);
        } else {
          expect({ accounts: row.accounts, interviews: row.interviews }).toEqual(same);
        }
      });
      const first = rows[0];
      expect(new Set(first.interviews.edges.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));
      expect(first.interviews.edges.some((e) => (e.node.report?.scorecard?.items.length ?? 0) > 0)).toBe(true);
      expect(rows[2].interviews.edges).toEqual([]);

      // One fetch per subgraph: the ATS list, then every candidate to us in one `_entities`.
      expect(graph.sent.ats).toHaveLength(1);
      expect(graph.sent[OURS]).toHaveLength(1);
      expect(graph.sent[OURS][0]).toContain('_entities(representations:');
      // Federation adds no vendor call: exactly those of the same reads made directly.
      expect(ours.calls()).toEqual(directCalls);
      expect(ours.totalCalls()).toBeGreaterThan(0);

      // The docs' federated example runs through the same router.
      const readme = documentation();
      const examples = [...readme.matchAll(/<!-- federated:[^>]*-->\n```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const answer = await graph.query(example);
        expect(answer.errors).toBeUndefined();
        expect(JSON.stringify(answer.data)).toContain('"atsId":"ats-1"');
      }

      // Warm: the same query again costs no vendor call.
      ours.resetCalls();
      const again = await graph.query(CROSSING);
      expect(again.data).toEqual(result.data);
      expect(ours.totalCalls()).toBe(0);
    } finally {
      await graph.close();
      await ours.close();
    }
  }, 60_000);
});

describe('100 Interview entities in one router fetch', () => {
  it('reach us as one `_entities` request and one batched load per vendor, not 100 calls', async () => {
    const micro1 = sandbox.simulators.get(Provider.MICRO1) as unknown as { dataset: Micro1Dataset };
    const sessions = micro1.dataset.invites.slice(0, 100);
    const applications: AtsApplication[] = sessions.map((s, i) => ({
      id: `app-${i}`,
      candidateEmail: 'recruiter.pool@example.com',
      interviewId: `micro1:Interview:${s.interview_id}~${s.candidate_id}`,
    }));
    const ats = await startAtsSubgraph({
      candidates: [{ atsId: 'ats-p', email: 'recruiter.pool@example.com', fullName: 'Pool', stage: 'applied' }],
      applications,
    });

    // The same 100 interviews read directly, one `node` per id: what the loaders cost for them.
    // (100 aliases and ~2,000 tokens: over the default limits, so this reference instance allows them.)
    const reference = await startHarness({ sandbox, env: { GRAPHQL_MAX_ALIASES: '100', GRAPHQL_MAX_TOKENS: '10000' } });
    reference.resetCalls(); // the simulators' counters are shared by every instance on them
    const direct = await reference.query(
      `{ ${applications.map((a, i) => `n${i}: node(id: "${a.interviewId}") { id ... on Interview { status candidate { email } } }`).join('\n')} }`,
    );
    expect(direct.errors).toBeUndefined();
    const directCalls = reference.calls();
    await reference.close();

    const ours = await startHarness({ sandbox });
    ours.resetCalls();
    const graph = await federate(ours, ats);
    try {
      const result = await graph.query('{ applications { id interview { id status candidate { email } } } }');
      expect(result.errors).toBeUndefined();
      const rows = result.data!.applications as Array<{ id: string; interview: { id: string; status: string; candidate: { email: string | null } } | null }>;
      expect(rows).toHaveLength(100);
      rows.forEach((row, i) => expect(row.interview).toEqual(direct.data![`n${i}`]));
      expect(rows.every((r) => r.interview !== null)).toBe(true);

      expect(graph.sent[OURS]).toHaveLength(1);
      expect(graph.sent[OURS][0]).toContain('_entities(representations:');
      expect(ours.calls()).toEqual(directCalls);
      // micro1 reads sessions per template: far fewer calls than interviews.
      const templates = new Set(sessions.map((s) => s.interview_id)).size;
      expect(ours.totalCalls()).toBeLessThanOrEqual(2 * templates + 2);
      expect(ours.totalCalls()).toBeLessThan(20);
    } finally {
      await graph.close();
      await ours.close();
      await ats.close();
    }
  }, 60_000);
});

describe('bad entity representations', () => {
  it('a malformed id, an id of another type and a missing key are BAD_USER_INPUT; an unknown id is null, as with `node`', async () => {
    const ours = await startHarness({ sandbox });
    try {
      const result = await ours.query(
        `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Interview { id } ... on Candidate { email } } }`,
        {
          r: [
            { __typename: 'Interview', id: 'nonsense' },
            { __typename: 'Interview', id: 'micro1:Report:abc' },
            { __typename: 'Candidate' },
            { __typename: 'Interview', id: 'heymilo:Interview:int_does_not_exist' },
            { __typename: 'Candidate', email: ' Never.Seen@Example.com ' },
          ],
        },
      );
      const entities = result.data!._entities as Array<Record<string, unknown> | null>;
      expect(entities.slice(0, 4)).toEqual([null, null, null, null]);
      expect(entities[4]).toEqual({ __typename: 'Candidate', email: 'never.seen@example.com' });
      const byIndex = Object.fromEntries((result.errors ?? []).map((e) => [e.path?.[1], e.extensions?.code]));
      expect(byIndex).toEqual({ 0: 'BAD_USER_INPUT', 1: 'BAD_USER_INPUT', 2: 'BAD_USER_INPUT' });
    } finally {
      await ours.close();
    }
  });
});
