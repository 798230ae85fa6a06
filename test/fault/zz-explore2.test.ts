import { Provider } from '../../src/domain/provider';
import { startHarness, type Harness } from '../support/harness';

const log = (label: string, v: unknown) => process.stdout.write(`\n### ${label}\n${JSON.stringify(v).slice(0, 1500)}\n`);
const BOTH = `{ m: interviews(provider: MICRO1, first: 3) { edges { node { id status candidate { email } } } } h: interviews(provider: HEYMILO, first: 3) { edges { node { id status } } } }`;

describe('explore2', () => {
  it('redis down', async () => {
    const t0 = Date.now();
    const h = await startHarness({ env: { REDIS_URL: 'redis://127.0.0.1:1', TENANT_ID: 'fault-down' } });
    log('start ms', Date.now() - t0);
    try {
      for (let i = 0; i < 4; i++) {
        const t = Date.now();
        const r = await h.query(BOTH);
        log(`down q${i}`, { ms: Date.now() - t, status: r.status, errors: r.errors, calls: h.totalCalls() });
      }
      const t = Date.now();
      const c = await h.query('{ candidate(email: "x@example.com") { email accounts { provider } } }');
      log('candidate', { ms: Date.now() - t, status: c.status, body: c.body });
      const ready = await h.http('GET', '/readyz');
      log('readyz', ready);
      const tok = h.app.tenant().webhookTokens;
      log('tokens', tok);
      const w = await h.http('POST', `/webhooks/micro1/${tok.MICRO1}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'interview.started', data: { interview_id: 'i1', candidate_id: 'c1', candidate_email_id: 'a@b.co', date_started: '2026-01-01 10:00:00' } }) });
      log('webhook', w);
      const m = await h.query('mutation { inviteCandidate(input: { templateId: "micro1:InterviewTemplate:x", candidate: { email: "a@b.co", name: "A" }, idempotencyKey: "k1" }) { interview { id } } }');
      log('mutation', m.body);
    } finally {
      const t = Date.now();
      await h.close();
      log('close ms', Date.now() - t);
    }
  });
  it('hang', async () => {
    const h = await startHarness({ env: { VENDOR_TIMEOUT_MS: '300' } });
    try {
      h.setKnobs(Provider.MICRO1, { hang: true });
      for (let i = 0; i < 7; i++) {
        h.resetCalls();
        const t = Date.now();
        const r = await h.query(BOTH);
        log(`hang ${i}`, { ms: Date.now() - t, errors: r.errors?.map((e) => e.extensions), calls: h.calls().MICRO1 });
      }
      const hh = await h.query('{ providers { provider health { status breaker consecutiveFailures lastErrorCode } } }');
      log('health', hh.data);
    } finally {
      await h.close();
    }
  });
});
