/**
 * The background identity sync on the simulators: it indexes every interview by email, resumes
 * after a vendor outage without losing or duplicating anything, and with two instances on one
 * Redis only one syncs a vendor at a time (another takes over when the holder dies).
 */
import { normaliseEmail } from '../../src/domain/email';
import { Provider } from '../support/providers';
import type { HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import { startHarness, type Harness } from '../support/harness';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every (provider, locator) the index holds for the given emails. */
async function indexed(h: Harness, emails: string[]): Promise<string[]> {
  const refs = await h.app.tenant().identity.refsFor(emails);
  return refs.flat().map((r) => `${r.provider}|${r.locator}`);
}

describe('identity sync', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
  });

  it('resumes after a vendor outage midway: nothing lost, nothing twice, progress visible in providers', async () => {
    const h = await startHarness({ env: { IDENTITY_SYNC_PAGES_PER_RUN: '2' } });
    harnesses.push(h);
    const data = h.sim<HeymiloDataset>(Provider.HEYMILO).dataset;
    const emails = [...new Set(data.interviews.map((i) => normaliseEmail(i.candidate.email)!))];

    expect(await h.app.tenant().identitySync.runOnce(Provider.HEYMILO)).toBe('partial');
    const afterFirstRun = await indexed(h, emails);
    expect(afterFirstRun.length).toBeGreaterThan(0);
    expect(afterFirstRun.length).toBeLessThan(data.interviews.length);

    h.setKnobs(Provider.HEYMILO, { outage: true });
    expect(await h.app.tenant().identitySync.runOnce(Provider.HEYMILO)).toBe('failed');
    expect(await indexed(h, emails)).toEqual(afterFirstRun); // nothing dropped
    const status = await h.query('{ providers { provider sync { inProgress lastError lastSyncAt indexedAt } } }');
    expect((status.data!.providers as Array<{ provider: string; sync: unknown }>)[1]).toEqual({
      provider: 'HEYMILO',
      sync: { inProgress: true, lastError: 'VENDOR_UNAVAILABLE: HEYMILO is unavailable', lastSyncAt: null, indexedAt: null },
    });

    h.setKnobs(Provider.HEYMILO, { outage: false });
    h.resetCalls();
    let outcome = await h.app.tenant().identitySync.runOnce(Provider.HEYMILO);
    for (let guard = 0; outcome === 'partial' && guard < 20; guard += 1) outcome = await h.app.tenant().identitySync.runOnce(Provider.HEYMILO);
    expect(outcome).toBe('completed');
    // Resumed where it stopped: the postings list was read at the start of the pass, not again.
    expect(h.calls().HEYMILO['GET /api/v2/postings'] ?? 0).toBe(0);

    const all = await indexed(h, emails);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(data.interviews.map((i) => `HEYMILO|${i.interviewId}`)));
    const done = await h.query('{ providers { provider sync { inProgress lastError lastSyncAt indexedThisPass indexedAt lastFullPassAt } } }');
    expect((done.data!.providers as Array<{ sync: { inProgress: boolean; lastError: null; lastSyncAt: string } }>)[1].sync).toMatchObject({
      inProgress: false,
      lastError: null,
      lastSyncAt: expect.any(String),
      lastFullPassAt: expect.any(String),
      // The whole list is read, but two pages a run left no budget for the reports of its
      // finished interviews: not indexed yet.
      indexedAt: null,
    });
    // Later runs fetch that report backlog (50 interviews a step, two steps a run) until it is empty.
    const indexedAt = async () =>
      ((await h.query('{ providers { sync { indexedAt } } }')).data!.providers as Array<{ sync: { indexedAt: string | null } }>)[1].sync.indexedAt;
    for (let guard = 0; guard < 20 && (await indexedAt()) === null; guard += 1) await h.app.tenant().identitySync.runOnce(Provider.HEYMILO);
    expect(await indexedAt()).toEqual(expect.any(String));
    const awaiting = await h.app.tenant().readModel.awaitingReports(Provider.HEYMILO, null, 10);
    expect(awaiting).toEqual([]);

    // A second pass is incremental (`created_after` the checkpoint) and finds nothing new.
    outcome = await h.app.tenant().identitySync.runOnce(Provider.HEYMILO);
    for (let guard = 0; outcome === 'partial' && guard < 20; guard += 1) outcome = await h.app.tenant().identitySync.runOnce(Provider.HEYMILO);
    expect(outcome).toBe('completed');
    const again = await indexed(h, emails);
    expect(again.length).toBe(all.length);
  });

  it('micro1 pass indexes every invite; a second pass stops at the checkpoint after one page', async () => {
    const h = await startHarness();
    harnesses.push(h);
    expect(await h.app.tenant().identitySync.runOnce(Provider.MICRO1)).toBe('completed');
    const firstPass = h.calls().MICRO1['GET /interview/invites'];
    expect(firstPass).toBeGreaterThan(1);
    h.resetCalls();
    expect(await h.app.tenant().identitySync.runOnce(Provider.MICRO1)).toBe('completed');
    // One invites page (it reaches the checkpoint), the template list every pass reads, and the
    // report of the one session at the checkpoint (re-read so a twin of the same second is not lost).
    expect(h.calls().MICRO1).toEqual({ 'GET /interview/invites': 1, 'GET /interviews': 1, 'GET /interview/reports': 1 });
  });

  it('two instances on one Redis: one syncs a vendor at a time; another takes over when the holder dies', async () => {
    const tenant = `sync-${process.pid}-${Date.now()}`;
    const a = await startHarness({ env: { REDIS_URL, TENANT_ID: tenant } });
    const b = await startHarness({ env: { REDIS_URL, TENANT_ID: tenant } });
    harnesses.push(a, b);
    try {
      const [ra, rb] = await Promise.all([a.app.tenant().identitySync.runOnce(Provider.MICRO1), b.app.tenant().identitySync.runOnce(Provider.MICRO1)]);
      expect([ra, rb].sort()).toEqual(['completed', 'locked']);

      // An instance that took the lock and died: nobody syncs until the lock expires.
      expect(await a.app.tenant().identity.store.acquireLock(Provider.HEYMILO, 'dead-instance', 300)).toBe(true);
      expect(await b.app.tenant().identitySync.runOnce(Provider.HEYMILO)).toBe('locked');
      await new Promise((r) => setTimeout(r, 350));
      expect(await b.app.tenant().identitySync.runOnce(Provider.HEYMILO)).toBe('completed');
    } finally {
      await deleteRedisKeys(`ig:*${tenant}*`);
    }
  });
});
