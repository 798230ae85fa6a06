import { Provider } from '../../../support/providers';
import { evalyo } from '../../../../src/vendors/evalyo';
import { describeEvalyoError } from '../../../../src/vendors/evalyo/evalyo.client';
import {
  evalyoCandidateResponseSchema,
  evalyoInterviewDetailResponseSchema,
  evalyoInterviewListSchema,
  evalyoJobListSchema,
  evalyoReportResponseSchema,
} from '../../../../src/vendors/evalyo/evalyo.raw';
import completedFixture from '../../../fixtures/vendors/evalyo/interview.completed.json';
import inProgressFixture from '../../../fixtures/vendors/evalyo/interview.in-progress.json';
import interviewsPage from '../../../fixtures/vendors/evalyo/interviews.page.json';
import candidateFixture from '../../../fixtures/vendors/evalyo/candidate.json';
import jobsPage from '../../../fixtures/vendors/evalyo/jobs.page.json';
import reportFixture from '../../../fixtures/vendors/evalyo/report.json';
import error403 from '../../../fixtures/vendors/evalyo/error.403.json';
import error404 from '../../../fixtures/vendors/evalyo/error.404.json';

type Body = Record<string, unknown>;

describe('Evalyo zod schemas', () => {
  it('read single objects enveloped in {data} or bare, and keep unknown fields', () => {
    const wrapped = structuredClone(completedFixture) as { data: Body };
    wrapped.data.brandNewField = { nested: true };
    const { parsed, raw } = evalyoInterviewDetailResponseSchema.parse(wrapped) as { parsed: Body; raw: Body };
    expect(parsed.id).toBe('cm8x2k4qv0001lb08h3f6d2ya');
    expect(parsed.brandNewField).toEqual({ nested: true });
    // raw is the object inside the envelope, exactly as sent.
    expect(raw).toEqual(wrapped.data);
    // Per-turn fields the adapter does not map stay in the parsed object.
    expect((parsed.transcript as Body[])[2]).toMatchObject({
      audioUrl: expect.stringMatching(/turns\/4\.webm$/),
      evaluation: { score: 7, maxScore: 10, flags: [] },
    });
    const bare = evalyoInterviewDetailResponseSchema.parse(structuredClone(inProgressFixture));
    expect([bare.parsed.id, bare.parsed.status]).toEqual(['cm8x1r7tb0007lb08m2n3o4p5', 'in_progress']);
    expect(bare.raw).toEqual(inProgressFixture);
    expect(evalyoCandidateResponseSchema.parse(structuredClone(candidateFixture)).parsed.email).toBe('Camille.Martin@example.com');
    expect(evalyoReportResponseSchema.parse(structuredClone(reportFixture)).parsed.interviewId).toBe('cm8x2k4qv0001lb08h3f6d2ya');
  });

  it('read list pages; pagination is optional, omitted fields are fine', () => {
    const page = evalyoInterviewListSchema.parse(structuredClone(interviewsPage));
    expect(page.data).toHaveLength(3);
    expect(page.pagination).toEqual({ page: 1, pageSize: 3, total: 57, totalPages: 19 });
    expect(evalyoJobListSchema.parse({ data: [] }).pagination).toBeUndefined();
    expect(evalyoJobListSchema.parse(structuredClone(jobsPage)).data.map((j) => j.parsed.status)).toEqual(['DRAFT', 'ACTIVE']);
  });

  it.each([
    ['id missing', (d: Body) => delete d.id],
    ['id as a number', (d: Body) => (d.id = 42)],
    ['id empty', (d: Body) => (d.id = '')],
  ])('reject a detail whose naming id is unreadable: %s', (_name, mutate) => {
    const body = structuredClone(completedFixture) as { data: Body };
    mutate(body.data);
    expect(evalyoInterviewDetailResponseSchema.safeParse(body).success).toBe(false);
  });

  it.each([
    ['status missing', ['status'], (d: Body) => delete d.status],
    ['createdAt as epoch seconds', ['createdAt'], (d: Body) => (d.createdAt = 1779268443)],
    ['overallScore as a string', ['evaluation', 'overallScore'], (d: Body) => ((d.evaluation as Body).overallScore = '78')],
    ['a criterion score as a string', ['evaluation', 'criteria'], (d: Body) => (((d.evaluation as Body).criteria as Body[])[0].score = 'huit')],
    ['flags as words', ['evaluation', 'flags'], (d: Body) => ((d.evaluation as Body).flags = ['READING_SUSPECTED'])],
    ['the evaluation as a sentence', ['evaluation'], (d: Body) => (d.evaluation = 'Strong candidate')],
    ['turnNumber as a string', ['transcript'], (d: Body) => ((d.transcript as Body[])[0].turnNumber = '3')],
    ['transcript not a list', ['transcript'], (d: Body) => (d.transcript = { turns: [] })],
  ])('degrade drift in the detail to that one field, raw keeping it: %s', (_name, path, mutate) => {
    const body = structuredClone(completedFixture) as { data: Body };
    mutate(body.data);
    const { parsed, raw } = evalyoInterviewDetailResponseSchema.parse(body) as { parsed: Body; raw: Body };
    const at = (o: Body) => path.reduce<unknown>((v, k) => (v as Body | undefined)?.[k], o);
    expect(at(parsed) ?? null).toBeNull();
    expect(raw).toEqual(body.data);
    expect(parsed.id).toBe(body.data.id);
    // The rest is read: the audio always, the transcript unless it is the drifted field.
    expect(parsed.audioUrl).toBe(body.data.audioUrl);
    if (path[0] !== 'transcript') expect((parsed.transcript as Body[]).length).toBeGreaterThan(0);
  });

  it('reject a list without a data array', () => {
    expect(evalyoInterviewListSchema.safeParse({ items: [], pagination: { total: 0 } }).success).toBe(false);
    expect(evalyoInterviewListSchema.safeParse({ data: {}, pagination: { total: 0 } }).success).toBe(false);
    expect(evalyoInterviewListSchema.safeParse({ data: [], pagination: { total: -1 } }).success).toBe(false);
  });
});

describe('describeEvalyoError', () => {
  it('reads {error:{code, message}}', () => {
    expect(describeEvalyoError(403, error403)).toBe("403 FORBIDDEN: This API key lacks the 'candidates:read' scope required for this resource.");
    expect(describeEvalyoError(404, error404)).toBe("404 NOT_FOUND: Interview 'cm0000000000000000000000' not found.");
    expect(describeEvalyoError(402, { error: { code: 'INSUFFICIENT_CREDITS' } })).toBe('402 INSUFFICIENT_CREDITS');
  });

  it('gives up on anything else', () => {
    expect(describeEvalyoError(502, '<html>Bad gateway</html>')).toBeUndefined();
    expect(describeEvalyoError(500, { message: 'boom' })).toBeUndefined();
  });
});

describe('evalyo vendor module', () => {
  it('describes Evalyo', () => {
    expect(evalyo.descriptor).toEqual({
      provider: Provider.EVALYO,
      displayName: 'Evalyo',
      defaultBaseUrl: 'https://app.evalyo.fr',
      docsUrl: 'https://evalyo.fr/en/docs',
      docNotes: {
        credential: '`Authorization: Bearer`; needs `interviews:read`, `candidates:read`, `jobs:read`',
        baseUrl: "the host is not in Evalyo's public docs: check yours",
        rateLimit: 'it depends on the plan: 500 Starter, 2000 Pro, 5000 Business',
      },
      capabilities: {
        pagination: 'OFFSET',
        listInterviews: true,
        listTemplates: true,
        webhooks: false,
        createTemplates: false,
        inviteCandidates: true,
        numericScorecard: true,
        rateLimitPerMinute: 500,
      },
    });
  });

  it('loads its simulator lazily', async () => {
    const module = await evalyo.loadSimulator!();
    expect(typeof module.createSimulator).toBe('function');
    expect(module.sandboxOptions).toBeUndefined();
  });
});
