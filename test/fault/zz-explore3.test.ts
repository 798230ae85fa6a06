import { startHarness, type Harness } from '../support/harness';
import { startSlowProxy } from '../support/slow-redis-proxy';

const log = (label: string, v: unknown) => process.stdout.write(`\n### ${label}\n${JSON.stringify(v).slice(0, 800)}\n`);
const QS: Record<string, string> = {
  providers: '{ providers { provider } }',
  list: '{ interviews(provider: MICRO1, first: 3) { edges { node { id status } } } }',
  listCand: '{ interviews(provider: MICRO1, first: 3) { edges { node { id candidate { email } } } } }',
  templates: '{ interviewTemplates(provider: HEYMILO, first: 3) { edges { node { id } } } }',
};
async function run(h: Harness, tag: string) {
  for (const [k, q] of Object.entries(QS)) {
    for (let i = 0; i < 2; i++) {
      const t = Date.now();
      const r = await h.query(q);
      log(`${tag} ${k} ${i}`, { ms: Date.now() - t, status: r.status, errors: r.errors?.map((e) => e.extensions) });
    }
  }
}
describe('explore3', () => {
  it('redis down', async () => {
    const h = await startHarness({ env: { REDIS_URL: 'redis://127.0.0.1:1', TENANT_ID: 'fault-down' } });
    try { await run(h, 'down'); } finally { await h.close(); }
  });
  it('redis slow', async () => {
    const proxy = await startSlowProxy(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
    const h = await startHarness({ env: { REDIS_URL: proxy.url, TENANT_ID: `fault-slow-${process.pid}` } });
    try {
      await run(h, 'fast');
      proxy.delayMs = 2000;
      await run(h, 'slow');
    } finally { await h.close(); await proxy.close(); }
  }, 60000);
});
