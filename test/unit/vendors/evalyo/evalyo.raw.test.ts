import { Provider } from '../../../../src/domain/provider';
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
    const parsed = evalyoInterviewDetailResponseSchema.parse(wrapped) as Body;
    expect(parsed.id).toBe('cm8x2k4qv0001lb08h3f6d2ya');
    expect(parsed.brandNewField).toEqual({ nested: true });
    // Per-turn fields the adapter does not map stay in the parsed (raw) object.
    expect((parsed.transcript as Body[])[2]).toMatchObject({ audioUrl: expect.stringMatching(/turns\/4\.webm$/), evaluation: { score: 7, maxScore: 10, flags: [] } });
    const bare = evalyoInterviewDetailResponseSchema.parse(structuredClone(inProgressFixture));
    expect([bare.id, bare.status]).toEqual(['cm8x1r7tb0007lb08m2n3o4p5', 'in_progress']);
    expect(evalyoCandidateResponseSchema.parse(structuredClone(candidateFixture)).email).toBe('Camille.Martin@example.com');
    expect(evalyoReportResponseSchema.parse(structuredClone(reportFixture)).interviewId).toBe('cm8x2k4qv0001lb08h3f6d2ya');
  });

  it('read list pages; pagination is optional, omitted fields are fine', () => {
    const page = evalyoInterviewListSchema.parse(structuredClone(interviewsPage));
    expect(page.data).toHaveLength(3);
    expect(page.pagination).toEqual({ page: 1, pageSize: 3, total: 57, totalPages: 19 });
    expect(evalyoJobListSchema.parse({ data: [] }).pagination).toBeUndefined();
    expect(evalyoJobListSchema.parse(structuredClone(jobsPage)).data.map((j) => j.status)).toEqual(['DRAFT', 'ACTIVE']);
  });

  it.each([
    ['status missing', (d: Body) => delete d.status],
    ['id missing', (d: Body) => delete d.id],
    ['createdAt as epoch seconds', (d: Body) => (d.createdAt = 1779268443)],
    ['overallScore as a string', (d: Body) => ((d.evaluation as Body).overallScore = '78')],
    ['a criterion score as a string', (d: Body) => (((d.evaluation as Body).criteria as Body[])[0].score = 'huit')],
    ['turnNumber as a string', (d: Body) => ((d.transcript as Body[])[0].turnNumber = '3')],
    ['transcript not a list', (d: Body) => (d.transcript = { turns: [] })],
  ])('reject drift in the detail: %s', (_name, mutate) => {
    const body = structuredClone(completedFixture) as { data: Body };
    mutate(body.data);
    expect(evalyoInterviewDetailResponseSchema.safeParse(body).success).toBe(false);
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
      capabilities: { pagination: 'OFFSET', listInterviews: true, listTemplates: true, webhooks: false, createTemplates: false, inviteCandidates: true, numericScorecard: true, rateLimitPerMinute: 500 },
    });
  });

  it('loads its simulator lazily', async () => {
    const module = await evalyo.loadSimulator();
    expect(typeof module.createSimulator).toBe('function');
    expect(module.sandboxOptions).toBeUndefined();
  });
});
