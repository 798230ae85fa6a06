/**
 * A vendor that sends no webhooks (Evalyo): a session finished in its simulator reaches the gateway
 * when its cached copy of the interview expires (CACHE_TTL_ACTIVE_SECONDS), not at once.
 */
import type { EvalyoSimulator } from '../../src/vendors/evalyo/sandbox/evalyo.simulator';
import { isUsualEvaluation } from '../../src/vendors/evalyo/sandbox/evalyo.data';
import { startHarness, type Harness } from '../support/harness';
import { Provider } from '../support/providers';

const TTL_SECONDS = 2;
const BY_ID = 'query ($id: ID!) { interview(id: $id) { id status report { score { raw } } } }';

interface ById {
  interview: { id: string; status: string; report: { score: { raw: number | null } | null } | null };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CACHE_TTL_ACTIVE_SECONDS: String(TTL_SECONDS) } });
});
afterAll(() => h.close());

it('an Evalyo interview finished in the simulator reads COMPLETED, with its score, once the cached INVITED copy expires', async () => {
  const sim = h.sim(Provider.EVALYO) as unknown as EvalyoSimulator;
  const listed = await h.query<{ interviews: { edges: Array<{ node: { id: string } }> } }>(
    '{ interviews(provider: EVALYO, status: INVITED, first: 1) { edges { node { id } } } }',
  );
  const { id } = listed.data!.interviews.edges[0].node;
  const first = await h.query<ById>(BY_ID, { id });
  const cachedAt = Date.now();
  expect(first.errors).toBeUndefined();
  expect(first.data).toEqual({ interview: { id, status: 'INVITED', report: null } });

  const locator = id.slice(id.indexOf(':Interview:') + ':Interview:'.length);
  await expect(sim.simulateCompletion(locator)).resolves.toEqual([]);
  const evaluation = sim.dataset.interview(locator)?.detail.evaluation;
  if (!isUsualEvaluation(evaluation)) throw new Error('expected an evaluation with a numeric score');

  // No webhook told the gateway: the cached copy still answers.
  expect((await h.query<ById>(BY_ID, { id })).data).toEqual({ interview: { id, status: 'INVITED', report: null } });

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, cachedAt + TTL_SECONDS * 1000 + 100 - Date.now())));
  const later = await h.query<ById>(BY_ID, { id });
  expect(later.errors).toBeUndefined();
  expect(later.data).toEqual({ interview: { id, status: 'COMPLETED', report: { score: { raw: evaluation.overallScore } } } });
});
