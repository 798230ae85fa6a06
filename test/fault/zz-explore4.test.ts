import { Provider } from '../../src/domain/provider';
import { startHarness, type Harness } from '../support/harness';

const log = (label: string, v: unknown) => process.stdout.write(`\n### ${label}\n${JSON.stringify(v).slice(0, 1500)}\n`);
describe('explore4', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(() => h.close());
  it('micro1 time float', async () => {
    const ds = (h.sim(Provider.MICRO1) as any).dataset;
    const t = ds.templates[0];
    log('tpl', { id: t.interview_id, cq: t.custom_questions });
    t.custom_questions = [{ question: 'Q?', time: 90.5, type: 'audio' }];
    const r = await h.query('{ interviewTemplates(provider: MICRO1, first: 2) { edges { node { id questions { text timeLimitSeconds } } } } }');
    log('float time', { status: r.status, body: r.body.slice(0, 800) });
    t.custom_questions = [{ question: 'Q?', time: 1e12, type: 'audio' }];
    const r2 = await h.query('{ interviewTemplates(provider: MICRO1, first: 3) { edges { node { id questions { text timeLimitSeconds } } } } }');
    log('huge time', { status: r2.status, body: r2.body.slice(0, 800) });
  });
  it('heymilo transcript epoch', async () => {
    const ds = (h.sim(Provider.HEYMILO) as any).dataset;
    const rec = ds.interviews.find((i: any) => i.ready);
    log('keys', Object.keys(rec));
    const data = rec.data;
    log('wi', Object.keys(data.web_interview ?? {}));
    const tr = data.web_interview?.transcript;
    log('tr0', tr?.[0]);
    if (tr?.[0]) tr[0].timestamp = 1739612430;
    const id = `heymilo:Interview:${rec.interviewId ?? data.interview_id}`;
    const r = await h.query('query($id: ID!) { interview(id: $id) { id status report { transcript { sequence offsetMs text } } } }', { id });
    log('epoch offset', { status: r.status, errors: r.errors, data: JSON.stringify(r.data).slice(0, 300) });
  });
  it('heymilo score huge', async () => {
    const ds = (h.sim(Provider.HEYMILO) as any).dataset;
    const rec = ds.interviews.filter((i: any) => i.ready)[1];
    rec.data.web_interview.match_score = 1e308;
    rec.data.score = 1e308;
    if (rec.data.web_interview.scorecard?.[0]) rec.data.web_interview.scorecard[0].score = 1e308;
    const id = `heymilo:Interview:${rec.data.interview_id}`;
    const r = await h.query('query($id: ID!) { interview(id: $id) { id status report { score { value raw } scorecard { overall { value } items { score { value raw } } } } } }', { id });
    log('huge score', { status: r.status, errors: r.errors, data: JSON.stringify(r.data).slice(0, 300) });
  });
});
