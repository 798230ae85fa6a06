/**
 * Every ```graphql block in the README and docs/ runs against the simulators without an error and returns
 * data, so the documentation cannot drift from the schema or the behaviour.
 */
import { Provider } from '../support/providers';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import { parse, validate } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/build-schema';
import { VENDORS } from '../../src/vendors/vendors';
import { documentation } from '../support/docs';
import { startHarness, type Harness } from '../support/harness';

const README = documentation();
/** Blocks marked `<!-- federated: … -->` need the composed router: test/e2e/federation.test.ts runs them. */
const BLOCKS = [...README.matchAll(/(<!-- federated:[^>]*-->\n)?```graphql\n([\s\S]*?)```/g)].filter((m) => !m[1]).map((m) => m[2]);
/** Queries run over HTTP; subscriptions are checked against the schema (the WebSocket path has its own test). */
const EXAMPLES = BLOCKS.filter((b) => !b.trimStart().startsWith('subscription'));
const SUBSCRIPTIONS = BLOCKS.filter((b) => b.trimStart().startsWith('subscription'));

describe('README example queries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.app.tenant().identitySync.runAll(); // as `npm start` does at boot
  });
  afterAll(() => h.close());

  it('there are examples to check', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES.map((query, i) => [i + 1, query]))('example %i answers with data and no error', async (_n, query) => {
    const finished = h.sim<HeymiloDataset>(Provider.HEYMILO).dataset.interviews.find((i) => i.ready && i.has.webInterview)!;
    const variables = {
      ...(query.includes('$id') ? { id: `heymilo:Interview:${finished.interviewId}` } : {}),
      ...(query.includes('$templateId') ? { templateId: `heymilo:InterviewTemplate:${finished.postingId}` } : {}),
    };
    const result = await h.query(query, variables);
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
    const fields = Object.values(result.data ?? {});
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((value) => value !== null)).toBe(true);
  });

  it.each(SUBSCRIPTIONS.map((s, i) => [i + 1, s]))('subscription example %i is valid against the schema', async (_n, subscription) => {
    expect(validate(await buildGatewaySchema(VENDORS), parse(subscription))).toEqual([]);
  });

  it('together they show data from every simulated vendor; the candidate example spans all of them', async () => {
    const bodies = await Promise.all(EXAMPLES.filter((q) => !q.includes('$') && !q.trimStart().startsWith('mutation')).map((q) => h.query(q)));
    const text = bodies.map((b) => b.body).join('\n');
    for (const vendor of VENDORS) expect(text).toContain(`${vendor.descriptor.provider.toLowerCase()}:Interview:`);
    const candidate = bodies.find((b) => b.data !== null && 'candidate' in b.data)!;
    type Edge = { provider: string; node: { status: string; report: { score: unknown; transcript: unknown[]; recordings: unknown[] } | null } };
    const edges = (candidate.data!.candidate as { interviews: { edges: Edge[] } }).interviews.edges;
    expect(new Set(edges.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));
    // At every vendor, a completed interview with a score, a transcript and recordings.
    const complete = edges.filter(
      (e) => e.node.status === 'COMPLETED' && e.node.report?.score && e.node.report.transcript.length > 0 && e.node.report.recordings.length > 0,
    );
    expect(new Set(complete.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));
  });
});
