/**
 * The pure parts of the HeyMilo write path: request building (heymilo.writes.ts), the write
 * receipts' schemas and normalizers, and the reading of HeyMilo's refusals (heymiloRejection).
 * The HTTP exchange itself is pinned by test/contract/heymilo.mutations.contract.test.ts.
 */
import { AnswerMode, type NewInvitation, type NewTemplate } from '../../../../src/domain/commands';
import { InterviewStatus } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { ErrorCode } from '../../../../src/errors/error-code';
import { heymiloRejection } from '../../../../src/vendors/heymilo/heymilo.client';
import { createHeymiloIngestRequest, createHeymiloPostingRequest, isIsoDateTime } from '../../../../src/vendors/heymilo/heymilo.writes';
import {
  normalizeHeymiloCandidate,
  normalizeHeymiloCreatedPosting,
  normalizeHeymiloIngestedCandidate,
  normalizeHeymiloPosting,
} from '../../../../src/vendors/heymilo/heymilo.normalize';
import {
  heymiloCreatePostingResponseSchema,
  heymiloIngestCandidateResponseSchema,
  type RawHeymiloCandidate,
  type RawHeymiloPosting,
} from '../../../../src/vendors/heymilo/heymilo.raw';
import posting from '../../../fixtures/vendors/heymilo/posting.json';
import { thrown } from '../../../support/contract-helpers';

const template = (overrides: Partial<NewTemplate> = {}): NewTemplate => ({
  name: 'Senior Software Engineer',
  description: null,
  language: null,
  skills: [],
  questions: [],
  options: null,
  ...overrides,
});

const invitation = (overrides: Partial<NewInvitation> = {}): NewInvitation => ({
  templateLocator: '13D77095',
  candidate: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: null },
  sendEmail: null,
  expiresAt: null,
  options: null,
  ...overrides,
});

describe('createHeymiloPostingRequest', () => {
  it('sends only what was given, with one web_interview step', () => {
    expect(createHeymiloPostingRequest(template())).toEqual({ title: 'Senior Software Engineer', workflow: [{ type: 'web_interview' }] });
    // An empty description is a value the client gave (HeyMilo's default is the same "").
    expect(createHeymiloPostingRequest(template({ description: '' }))).toEqual({
      title: 'Senior Software Engineer',
      description: '',
      workflow: [{ type: 'web_interview' }],
    });
  });

  it('maps questions (SPEECH or default) to voice questions with their criteria', () => {
    const body = createHeymiloPostingRequest(
      template({
        questions: [
          { text: 'Design a rate limiter.', timeLimitSeconds: null, answerMode: AnswerMode.SPEECH, evaluationCriteria: 'Trade-offs' },
          { text: 'Why us?', timeLimitSeconds: null, answerMode: null, evaluationCriteria: null },
        ],
        options: { video: false, interviewType: 'CULTURAL' },
      }),
    );
    expect(body.workflow).toEqual([
      {
        type: 'web_interview',
        config: { video: false, interview_type: 'cultural' },
        questions: [
          { modality: 'voice', text: 'Design a rate limiter.', evaluation_criteria: 'Trade-offs' },
          { modality: 'voice', text: 'Why us?' },
        ],
      },
    ]);
  });

  it('a HeyMilo template id replaces the workflow', () => {
    expect(createHeymiloPostingRequest(template({ language: 'de', options: { heymiloTemplateId: 'IT_abc123', maxRetakes: 5 } }))).toEqual({
      title: 'Senior Software Engineer',
      language: 'de',
      interview_template_id: 'IT_abc123',
      max_retakes: 5,
    });
  });

  it('refuses with BAD_USER_INPUT naming the field (null options are fine)', () => {
    expect(createHeymiloPostingRequest(template({ options: { maxRetakes: null, video: null } }))).toEqual(createHeymiloPostingRequest(template()));
    const error = thrown(() => createHeymiloPostingRequest(template({ options: { questionCount: 2.5 } })));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'input.heymilo.questionCount', provider: Provider.HEYMILO });
    expect(error.message).toBe('input.heymilo.questionCount: must be a whole number.');
  });
});

describe('isIsoDateTime', () => {
  it.each(['2030-06-01', '2030-06-01T00:00:00Z', '2030-06-01T00:00:00.000Z', '2030-06-01T09:30:00+02:00', '2028-02-29T00:00:00Z'])('accepts %s', (value) => {
    expect(isIsoDateTime(value)).toBe(true);
  });
  it.each(['', 'tomorrow', '06/01/2030', '2030-13-01', '2030-02-30', '2029-02-29T00:00:00Z', '2030-06-01T25:00:00Z', '1717000000'])('refuses %j', (value) => {
    expect(isIsoDateTime(value)).toBe(false);
  });
});

describe('createHeymiloIngestRequest', () => {
  it('sends name and email as given, phone and metadata only when given', () => {
    expect(createHeymiloIngestRequest(invitation())).toEqual({ name: 'Jane Doe', email: 'jane.doe@example.com' });
    expect(
      createHeymiloIngestRequest(
        invitation({
          candidate: { name: 'Jane Doe', email: 'Jane.Doe@Example.com', phone: '+12065551234' },
          options: { metadata: [{ key: 'ats_stage', value: '' }] },
        }),
      ),
    ).toEqual({ name: 'Jane Doe', email: 'Jane.Doe@Example.com', phone_number: '+12065551234', metadata: { ats_stage: '' } });
    // An empty list is "no metadata".
    expect(createHeymiloIngestRequest(invitation({ options: { metadata: [] } }))).toEqual({ name: 'Jane Doe', email: 'jane.doe@example.com' });
  });

  it('counts metadata lengths in characters, as HeyMilo (Python) does', () => {
    const key = '🔑'.repeat(40); // 40 characters, 80 UTF-16 units
    expect(createHeymiloIngestRequest(invitation({ options: { metadata: [{ key, value: 'v' }] } })).metadata).toEqual({ [key]: 'v' });
    expect(thrown(() => createHeymiloIngestRequest(invitation({ options: { metadata: [{ key: `${key}x`, value: 'v' }] } }))).extensions.field).toBe(
      'input.heymilo.metadata[0].key',
    );
  });
});

describe('write receipts', () => {
  const receipt = {
    object: 'posting',
    id: '13D77095',
    status: 'active',
    urls: { candidate_url: 'https://candidates.heymilo.io/acme/senior-engineer', ingestion_url_key: 'k', review_url: 'https://admin.heymilo.ai/x' },
    created_at: 1739612400,
  };

  it('CreatePostingResponse: the receipt alone builds the template from what was sent', () => {
    const { parsed, raw } = heymiloCreatePostingResponseSchema.parse({ data: { ...receipt, extra: 1 }, meta: {} }).data;
    expect(normalizeHeymiloCreatedPosting(parsed, { title: 'Senior Software Engineer', description: 'Build things.', language: undefined }, raw)).toEqual({
      kind: 'InterviewTemplate',
      provider: Provider.HEYMILO,
      locator: '13D77095',
      providerId: '13D77095',
      createdAt: '2025-02-15T09:40:00.000Z',
      updatedAt: null,
      raw: { ...receipt, extra: 1 },
      name: 'Senior Software Engineer',
      description: 'Build things.',
      status: 'active',
      language: null,
      skills: [],
      questions: [],
      inviteUrl: 'https://candidates.heymilo.io/acme/senior-engineer',
    });
  });

  it('CreatePostingResponse with the posting receipt: exactly what the read path gives', () => {
    const full = posting.data as unknown as RawHeymiloPosting;
    const { parsed, raw } = heymiloCreatePostingResponseSchema.parse({ data: { ...receipt, posting: full } }).data;
    expect(normalizeHeymiloCreatedPosting(parsed, { title: 'ignored' }, raw)).toEqual(normalizeHeymiloPosting(full));
  });

  it('rejects a receipt without an id (drift)', () => {
    expect(heymiloCreatePostingResponseSchema.safeParse({ data: { status: 'active' } }).success).toBe(false);
    expect(heymiloIngestCandidateResponseSchema.safeParse({ data: { interview_url: 'u', posting_id: 'p' } }).success).toBe(false);
  });

  it('IngestCandidateResponse alone: INVITED, no vendor word, no timestamps, the candidate as sent', () => {
    const { parsed: data, raw } = heymiloIngestCandidateResponseSchema.parse({
      data: {
        object: 'candidate',
        interview_id: 'D536A69A4090E13F',
        interview_url: 'https://candidates.heymilo.io/acme/i/D536A69A4090E13F',
        posting_id: '13D77095',
      },
    }).data;
    expect(normalizeHeymiloIngestedCandidate(data, { name: 'Jane Doe', email: 'jane.doe@example.com' }, raw)).toEqual({
      kind: 'Interview',
      provider: Provider.HEYMILO,
      locator: 'D536A69A4090E13F',
      providerId: 'D536A69A4090E13F',
      createdAt: null,
      updatedAt: null,
      raw: data,
      status: InterviewStatus.INVITED,
      statusRaw: null,
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.HEYMILO, providerId: null, name: 'Jane Doe', email: 'jane.doe@example.com' },
      templateLocator: '13D77095',
      templateName: null,
      inviteUrl: 'https://candidates.heymilo.io/acme/i/D536A69A4090E13F',
      invitedAt: null,
      startedAt: null,
      completedAt: null,
    });
  });

  it('IngestCandidateResponse with the candidate receipt: the list row, the receipt URL filling a missing interview_url', () => {
    const candidate = {
      object: 'candidate',
      interview_id: 'D536A69A4090E13F',
      candidate_id: 'cand_abc123',
      posting_id: '13D77095',
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
      status: 'pending',
      shortlisted: false,
      dismissed: false,
      created_at: 1739612400,
    };
    const { parsed: data, raw } = heymiloIngestCandidateResponseSchema.parse({
      data: { interview_id: 'D536A69A4090E13F', interview_url: 'https://candidates.heymilo.io/acme/i/D536A69A4090E13F', posting_id: '13D77095', candidate },
    }).data;
    const interview = normalizeHeymiloIngestedCandidate(data, { name: 'ignored', email: 'ignored@example.com' }, raw);
    expect(interview).toEqual({
      ...normalizeHeymiloCandidate(candidate as RawHeymiloCandidate),
      inviteUrl: 'https://candidates.heymilo.io/acme/i/D536A69A4090E13F',
    });
    expect(interview).toMatchObject({ status: InterviewStatus.INVITED, statusRaw: 'pending', invitedAt: '2025-02-15T09:40:00.000Z', raw: candidate });
  });
});

describe('heymiloRejection', () => {
  it('APIErrorResponse: message, code, and the fields of errors[]', () => {
    expect(
      heymiloRejection(400, {
        error: {
          type: 'invalid_request_error',
          code: 'validation_error',
          message: 'The request body failed validation',
          param: 'title',
          errors: [
            { code: 'invalid_param', message: 'title must be between 3 and 200 characters', param: 'title' },
            { code: 'invalid_param', message: 'deadline must be an ISO 8601 datetime', param: 'deadline' },
          ],
        },
      }),
    ).toEqual({
      kind: 'invalid',
      message: 'The request body failed validation',
      vendorCode: 'validation_error',
      fields: [
        { field: 'title', message: 'title must be between 3 and 200 characters' },
        { field: 'deadline', message: 'deadline must be an ISO 8601 datetime' },
      ],
    });
  });

  it('APIErrorResponse without errors[]: the top-level param, if any', () => {
    expect(
      heymiloRejection(409, { error: { type: 'invalid_request_error', code: 'posting_archived', message: 'Posting is archived', param: 'posting_id' } }),
    ).toEqual({
      kind: 'invalid',
      message: 'Posting is archived',
      vendorCode: 'posting_archived',
      fields: [{ field: 'posting_id', message: 'Posting is archived' }],
    });
    expect(heymiloRejection(400, { error: { type: 'invalid_request_error', code: 'bad', message: 'Bad' } })).toEqual({
      kind: 'invalid',
      message: 'Bad',
      vendorCode: 'bad',
      fields: [],
    });
  });

  it("FastAPI's 422: one field per entry, loc without the leading body", () => {
    expect(
      heymiloRejection(422, {
        detail: [
          { type: 'missing', loc: ['body', 'title'], msg: 'Field required', input: {} },
          { type: 'missing', loc: ['body', 'workflow', 0, 'questions', 1, 'text'], msg: 'Field required' },
          { type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 100' },
          { type: 'value_error', loc: ['body'], msg: 'Value error, provide one or the other' },
        ],
      }),
    ).toEqual({
      kind: 'invalid',
      message:
        'title: Field required; workflow.0.questions.1.text: Field required; query.limit: Input should be less than or equal to 100; Value error, provide one or the other',
      fields: [
        { field: 'title', message: 'Field required' },
        { field: 'workflow.0.questions.1.text', message: 'Field required' },
        { field: 'query.limit', message: 'Input should be less than or equal to 100' },
      ],
    });
  });

  it('leaves a 403 to the HTTP client (VENDOR_AUTH_FAILED: the credential, not the input)', () => {
    expect(heymiloRejection(403, { error: { type: 'permission_error', code: 'forbidden', message: 'No access to this workspace' } })).toBeUndefined();
  });

  it('gives up on bodies HeyMilo does not document', () => {
    expect(heymiloRejection(400, 'Bad Request')).toBeUndefined();
    expect(heymiloRejection(400, { message: 'nope' })).toBeUndefined();
    expect(heymiloRejection(422, { detail: 'not a list' })).toBeUndefined();
  });
});
