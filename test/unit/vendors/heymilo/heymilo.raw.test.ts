import { heymilo } from '../../../../src/vendors/heymilo';
import { describeHeymiloError } from '../../../../src/vendors/heymilo/heymilo.client';
import { heymiloCandidateListResponseSchema, heymiloInterviewDataResponseSchema } from '../../../../src/vendors/heymilo/heymilo.raw';
import { Provider } from '../../../support/providers';
import seed003 from '../../../fixtures/vendors/heymilo/interview-data.seed-003.json';
import candidatesPage from '../../../fixtures/vendors/heymilo/candidates.page.json';
import error401 from '../../../fixtures/vendors/heymilo/error.401.json';
import error422 from '../../../fixtures/vendors/heymilo/error.422.json';

describe('HeyMilo zod schemas', () => {
  it('accept the documented example and keep unknown fields', () => {
    const body = structuredClone(seed003) as { data: Record<string, unknown> };
    body.data.brand_new_field = { nested: true };
    const parsed = heymiloInterviewDataResponseSchema.parse(body);
    expect((parsed.data.parsed as Record<string, unknown>).brand_new_field).toEqual({ nested: true });
    expect(parsed.data.raw).toEqual(body.data);
  });

  it('accept a list page (missing optional fields, null workflow)', () => {
    const parsed = heymiloCandidateListResponseSchema.parse(structuredClone(candidatesPage));
    expect(parsed.data).toHaveLength(3);
    expect(parsed.pagination).toEqual({ has_more: true, total_count: 57, url: '/api/v2/postings/13D77095/candidates' });
  });

  it.each([
    ['interview_id missing', (d: Record<string, unknown>) => delete d.interview_id],
    ['posting_id a number', (d: Record<string, unknown>) => (d.posting_id = 7)],
  ])('reject an object whose naming id is unreadable: %s', (_name, mutate) => {
    const body = structuredClone(seed003) as { data: Record<string, unknown> };
    mutate(body.data);
    expect(heymiloInterviewDataResponseSchema.safeParse(body).success).toBe(false);
  });

  it.each([
    ['score as a string', ['score'], (d: Record<string, unknown>) => (d.score = '78.5')],
    ['status missing', ['status'], (d: Record<string, unknown>) => delete d.status],
    [
      'a scorecard score as a string',
      ['web_interview', 'scorecard'],
      (d: Record<string, unknown>) => (((d.web_interview as Record<string, unknown>).scorecard as Array<Record<string, unknown>>)[0].score = 'seven'),
    ],
    [
      'match_score as a string',
      ['web_interview', 'match_score'],
      (d: Record<string, unknown>) => ((d.web_interview as Record<string, unknown>).match_score = '80'),
    ],
    ['cheat_detection a list', ['cheat_detection'], (d: Record<string, unknown>) => (d.cheat_detection = [])],
  ])('degrade drift to that one field (raw keeps it): %s', (_name, path, mutate) => {
    const body = structuredClone(seed003) as { data: Record<string, unknown> };
    mutate(body.data);
    const { parsed, raw } = heymiloInterviewDataResponseSchema.parse(body).data;
    const at = (o: unknown) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);
    expect(at(parsed) ?? null).toBeNull();
    expect(raw).toEqual(body.data);
    expect(parsed.interview_id).toBe(body.data.interview_id);
  });

  it('reject a list without pagination', () => {
    expect(heymiloCandidateListResponseSchema.safeParse({ data: [] }).success).toBe(false);
  });
});

describe('describeHeymiloError', () => {
  it('reads the APIErrorResponse body', () => {
    expect(describeHeymiloError(401, error401)).toBe('401 authentication_error/invalid_api_key: Invalid or missing API key');
    expect(
      describeHeymiloError(400, { error: { type: 'invalid_request_error', code: 'invalid_starting_after', message: 'bad cursor', param: 'starting_after' } }),
    ).toBe('400 invalid_request_error/invalid_starting_after: bad cursor (param starting_after)');
  });

  it("reads FastAPI's 422 body", () => {
    expect(describeHeymiloError(422, error422)).toBe('422 validation error: query.limit: Input should be less than or equal to 100');
  });

  it('gives up on anything else', () => {
    expect(describeHeymiloError(500, 'Internal Server Error')).toBeUndefined();
    expect(describeHeymiloError(500, { message: 'boom' })).toBeUndefined();
  });
});

describe('heymilo vendor module', () => {
  it('describes HeyMilo', () => {
    expect(heymilo.descriptor).toEqual({
      provider: Provider.HEYMILO,
      displayName: 'HeyMilo',
      defaultBaseUrl: 'https://api.heymilo.ai',
      docsUrl: 'https://docs.heymilo.ai',
      docNotes: { credential: '`X-API-KEY` header' },
      capabilities: {
        pagination: 'CURSOR',
        listInterviews: true,
        listTemplates: true,
        webhooks: true,
        createTemplates: true,
        inviteCandidates: true,
        numericScorecard: true,
        rateLimitPerMinute: 300,
      },
    });
  });

  it('loads its simulator lazily', async () => {
    const module = await heymilo.loadSimulator!();
    expect(typeof module.createSimulator).toBe('function');
  });
});
