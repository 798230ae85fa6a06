/**
 * The write path through GraphQL, against the simulators: each mutation per vendor with the exact
 * vendor request it makes, what the client gets back, that the result is visible at once (cache,
 * identity index) and the typed error of every kind of bad input — plus idempotency keys under
 * concurrent retries, on one instance and across two instances sharing the real Redis.
 */
import { Provider } from '../support/providers';
import type { Provider as ProviderName } from '../../src/domain/provider';
import { ErrorCode } from '../../src/errors/error-code';
import type { SimWrite } from '../../src/vendors/kit/sandbox/simulator';
import { CandidateInterviewIdsDocument, CreateInterviewTemplateDocument, InviteCandidateDocument, type InviteCandidateInput } from '../generated/graphql';
import { startHarness, type Harness } from '../support/harness';
import { deleteRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.resetCalls();
  for (const provider of Object.values(Provider)) h.setKnobs(provider, { latencyMs: 0, errorRate: 0 });
});

/** Global id of a template the simulator serves (one its first listed interview was made from). */
async function templateOf(harness: Harness, provider: ProviderName): Promise<string> {
  const result = await harness.query(`{ interviews(provider: ${provider}, first: 1) { edges { node { template { id } } } } }`);
  const edges = (result.data!.interviews as { edges: Array<{ node: { template: { id: string } | null } }> }).edges;
  const id = edges[0]?.node.template?.id;
  if (!id) throw new Error(`no ${provider} template in the sandbox`);
  return id;
}

const locatorOf = (globalId: string) => globalId.slice(globalId.indexOf(':', globalId.indexOf(':') + 1) + 1);
const writes = (harness: Harness, provider: ProviderName): SimWrite[] => harness.sim(provider).writes();

describe('inviteCandidate, per vendor: the exact vendor request, the new interview, visible at once', () => {
  const EXPIRES = '2030-01-31T18:45:30.000Z';
  const cases: Array<{
    provider: ProviderName;
    input: (templateId: string) => InviteCandidateInput;
    requests: (templateLocator: string) => SimWrite[];
  }> = [
    {
      provider: Provider.MICRO1,
      input: (templateId) => ({
        templateId,
        candidate: { name: 'Ada Lovelace', email: 'Ada.Micro1@Example.com' },
        sendEmail: false,
        micro1: { jobApplicationId: 'ja_1' },
      }),
      requests: (template) => [
        {
          request: 'POST /interview/invite',
          body: {
            interview_id: template,
            candidates: [{ name: 'Ada Lovelace', email: 'Ada.Micro1@Example.com' }],
            disable_email_notification: true,
            job_application_id: 'ja_1',
          },
        },
      ],
    },
    {
      provider: Provider.HEYMILO,
      input: (templateId) => ({
        templateId,
        candidate: { name: 'Ada Lovelace', email: 'ada.heymilo@example.com', phone: '+33612345678' },
        heymilo: { metadata: [{ key: 'ats_id', value: 'A-1' }] },
      }),
      requests: (template) => [
        {
          request: `POST /api/v2/postings/${template}/candidates`,
          body: { name: 'Ada Lovelace', email: 'ada.heymilo@example.com', phone_number: '+33612345678', metadata: { ats_id: 'A-1' } },
        },
      ],
    },
    {
      provider: Provider.XOBIN,
      input: (templateId) => ({
        templateId,
        candidate: { name: 'Ada Lovelace', email: 'ada.xobin@example.com' },
        sendEmail: false,
        expiresAt: EXPIRES,
        xobin: { customFieldId: 'ats-42' },
      }),
      requests: (template) => [
        {
          request: 'POST /ai-interviews/invite',
          body: {
            candidate_name: 'Ada Lovelace',
            candidate_email: 'ada.xobin@example.com',
            ai_interview_id: Number(template),
            invite_format: 'getlink',
            expiry_date: '2030-01-31 18:45',
            custom_field_id: 'ats-42',
          },
        },
      ],
    },
    {
      provider: Provider.EVALYO,
      input: (templateId) => ({
        templateId,
        candidate: { name: 'Ada King Lovelace', email: 'ada.evalyo@example.com' },
        expiresAt: EXPIRES,
        evalyo: { locale: 'en' },
      }),
      requests: (template) => [
        { request: 'POST /api/v1/candidates', body: { email: 'ada.evalyo@example.com', firstName: 'Ada', lastName: 'King Lovelace', locale: 'en' } },
        { request: 'POST /api/v1/interviews', body: { candidateId: expect.any(String), jobId: template, expiresAt: EXPIRES } },
      ],
    },
  ];

  it.each(cases)('$provider', async ({ provider, input, requests }) => {
    const templateId = await templateOf(h, provider);
    h.resetCalls();
    const result = await h.gql(InviteCandidateDocument, { input: input(templateId) });
    expect(result.errors).toBeUndefined();
    expect(writes(h, provider)).toEqual(requests(locatorOf(templateId)));

    const { interview, replayed } = result.data!.inviteCandidate;
    const sent = input(templateId).candidate;
    expect(replayed).toBe(false);
    expect(interview).toMatchObject({ provider, status: 'INVITED', template: { id: templateId } });
    expect(interview.id.startsWith(`${provider.toLowerCase()}:Interview:`)).toBe(true);
    expect(interview.candidate.email).toBe(sent.email.toLowerCase());
    if (provider !== Provider.EVALYO) expect(interview.inviteUrl).toMatch(/^https:\/\//);

    // Visible at once: the identity index lists it, the cache serves it — no vendor call.
    h.resetCalls();
    const person = await h.gql(CandidateInterviewIdsDocument, { email: ` ${sent.email.toUpperCase()} ` });
    expect(person.data?.candidate?.interviews?.edges.map((e) => e.node?.id)).toContain(interview.id);
    const again = await h.query('query ($id: ID!) { interview(id: $id) { id status inviteUrl } }', { id: interview.id });
    expect(again.data?.interview).toEqual({ id: interview.id, status: 'INVITED', inviteUrl: interview.inviteUrl });
    expect(h.totalCalls()).toBe(0);
  });
});

describe('createInterviewTemplate', () => {
  it('MICRO1: one POST /interview with the vendor fields, then candidates can be invited to it', async () => {
    const result = await h.gql(CreateInterviewTemplateDocument, {
      input: {
        provider: 'MICRO1',
        name: '  Full Stack Engineer  ',
        language: 'es-la',
        skills: [{ name: 'React', description: 'Context API' }, { name: 'Node.js' }],
        questions: [
          { text: 'What are your strengths?', timeLimitSeconds: 120, answerMode: 'SPEECH' },
          { text: 'Write a haiku.', answerMode: 'TEXT' },
        ],
        micro1: { codingLanguage: 'TYPESCRIPT', codingRoundRequired: true, proctoring: false },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(writes(h, Provider.MICRO1)).toEqual([
      {
        request: 'POST /interview',
        body: {
          interview_name: 'Full Stack Engineer',
          interview_language: 'es-la',
          skills: [{ name: 'React', description: 'Context API' }, { name: 'Node.js' }],
          custom_question_list: [
            { question: 'What are your strengths?', time: 2, type: 'audio' },
            { question: 'Write a haiku.', type: 'text' },
          ],
          selected_coding_language: 'typescript',
          is_coding_round_required: true,
          is_proctoring_required: false,
        },
      },
    ]);
    const { template, replayed } = result.data!.createInterviewTemplate;
    expect(replayed).toBe(false);
    expect(template).toMatchObject({ provider: 'MICRO1', name: 'Full Stack Engineer', skills: [{ name: 'React' }, { name: 'Node.js' }] });
    expect(template.inviteUrl).toMatch(/^https:\/\//);
    expect(template.questions).toEqual([
      { text: 'What are your strengths?', timeLimitSeconds: 120, type: 'audio' },
      { text: 'Write a haiku.', timeLimitSeconds: null, type: 'text' },
    ]);

    h.resetCalls();
    const invite = await h.gql(InviteCandidateDocument, {
      input: { templateId: template.id, candidate: { name: 'Grace Hopper', email: 'grace@example.com' } },
    });
    expect(invite.errors).toBeUndefined();
    expect(invite.data?.inviteCandidate.interview.template).toEqual({ id: template.id, name: 'Full Stack Engineer' });
    expect(h.calls().MICRO1).toEqual({ 'POST /interview/invite': 1 });
  });

  it('HEYMILO: one POST /api/v2/postings with a web-interview workflow', async () => {
    const result = await h.gql(CreateInterviewTemplateDocument, {
      input: {
        provider: 'HEYMILO',
        name: 'Support Agent',
        description: 'Night shift, bilingual.',
        language: 'fr',
        questions: [{ text: 'Tell me about a difficult customer.', evaluationCriteria: 'Empathy and resolution' }],
        heymilo: { interviewerName: 'Milo', maxRetakes: 1, video: true, interviewType: 'BEHAVIORAL', deadline: '2030-06-01T00:00:00.000Z' },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(writes(h, Provider.HEYMILO)).toEqual([
      {
        request: 'POST /api/v2/postings',
        body: {
          title: 'Support Agent',
          description: 'Night shift, bilingual.',
          language: 'fr',
          interviewer_name: 'Milo',
          max_retakes: 1,
          deadline: '2030-06-01T00:00:00.000Z',
          workflow: [
            {
              type: 'web_interview',
              config: { video: true, interview_type: 'behavioral' },
              questions: [{ modality: 'voice', text: 'Tell me about a difficult customer.', evaluation_criteria: 'Empathy and resolution' }],
            },
          ],
        },
      },
    ]);
    expect(result.data?.createInterviewTemplate.template).toMatchObject({ provider: 'HEYMILO', name: 'Support Agent', description: 'Night shift, bilingual.' });
    expect(result.data?.createInterviewTemplate.template.inviteUrl).toMatch(/^https:\/\//);
  });
});

describe('bad input: a typed error naming the field, and no vendor call', () => {
  const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    [
      'micro1: more than 10 skills',
      'create',
      { provider: 'MICRO1', name: 'X', skills: Array.from({ length: 11 }, (_, i) => ({ name: `s${i}` })) },
      { field: 'input.skills' },
    ],
    [
      'micro1: more than 20 questions',
      'create',
      { provider: 'MICRO1', name: 'X', questions: Array.from({ length: 21 }, (_, i) => ({ text: `q${i}` })) },
      { field: 'input.questions' },
    ],
    [
      'micro1: a question over 4 minutes',
      'create',
      { provider: 'MICRO1', name: 'X', questions: [{ text: 'q', timeLimitSeconds: 300 }] },
      { field: 'input.questions[0].timeLimitSeconds' },
    ],
    ['micro1: an unknown language', 'create', { provider: 'MICRO1', name: 'X', language: 'xx' }, { field: 'input.language' }],
    ['a blank name', 'create', { provider: 'MICRO1', name: '   ' }, { field: 'input.name' }],
    ["another provider's settings", 'create', { provider: 'MICRO1', name: 'X', heymilo: { video: true } }, { field: 'input.heymilo' }],
    ['a field the provider cannot take', 'create', { provider: 'HEYMILO', name: 'Backend Engineer', skills: [{ name: 'React' }] }, { field: 'input.skills' }],
    ['a provider without template creation', 'create', { provider: 'XOBIN', name: 'X' }, { provider: 'XOBIN' }],
    ['a malformed template id', 'invite', { templateId: 'nonsense', candidate: { name: 'A', email: 'a@example.com' } }, {}],
    ['an interview id where a template id belongs', 'invite', { templateId: 'micro1:Interview:a~b', candidate: { name: 'A', email: 'a@example.com' } }, {}],
    [
      'an invalid email',
      'invite',
      { templateId: 'micro1:InterviewTemplate:t1', candidate: { name: 'A', email: 'not-an-email' } },
      { field: 'input.candidate.email' },
    ],
    [
      'an idempotency key over 255 characters',
      'invite',
      { templateId: 'micro1:InterviewTemplate:t1', candidate: { name: 'A', email: 'a@example.com' }, idempotencyKey: 'k'.repeat(256) },
      { field: 'input.idempotencyKey' },
    ],
  ];

  it.each(cases)('%s', async (_label, mutation, input, extensions) => {
    const result =
      mutation === 'create'
        ? await h.query('mutation ($input: CreateInterviewTemplateInput!) { createInterviewTemplate(input: $input) { replayed } }', { input })
        : await h.query('mutation ($input: InviteCandidateInput!) { inviteCandidate(input: $input) { replayed } }', { input });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, ...extensions });
    expect(h.totalCalls()).toBe(0);
  });

  it('an unknown template: NOT_FOUND from the vendor, nothing created', async () => {
    const result = await h.gql(InviteCandidateDocument, {
      input: { templateId: 'heymilo:InterviewTemplate:posting_does_not_exist', candidate: { name: 'A', email: 'a@example.com' } },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: ErrorCode.NOT_FOUND, provider: 'HEYMILO' });
    expect(h.calls().HEYMILO).toEqual({ 'POST /api/v2/postings/:posting_id/candidates': 1 });
  });

  it('a vendor outage during a write: VENDOR_UNAVAILABLE marked outcomeUnknown, sent once (never retried)', async () => {
    const templateId = await templateOf(h, Provider.XOBIN);
    h.resetCalls();
    h.setKnobs(Provider.XOBIN, { errorRate: 1 });
    const result = await h.gql(InviteCandidateDocument, { input: { templateId, candidate: { name: 'A', email: 'a@example.com' } } });
    expect(result.errors?.[0].extensions).toEqual({ code: ErrorCode.VENDOR_UNAVAILABLE, provider: 'XOBIN', outcomeUnknown: true });
    expect(result.body).not.toContain('127.0.0.1');
    expect(h.calls().XOBIN).toEqual({ 'POST /ai-interviews/invite': 1 });
  });
});

describe('idempotencyKey', () => {
  it('concurrent retries with one key: one vendor session, every caller gets it', async () => {
    const templateId = await templateOf(h, Provider.HEYMILO);
    h.resetCalls();
    h.setKnobs(Provider.HEYMILO, { latencyMs: 150 });
    const input = { templateId, candidate: { name: 'Retry Rita', email: 'rita@example.com' }, idempotencyKey: 'rita-invite-1' };
    const results = await Promise.all(Array.from({ length: 8 }, () => h.gql(InviteCandidateDocument, { input })));
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    const ids = new Set(results.map((r) => r.data!.inviteCandidate.interview.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.data!.inviteCandidate.replayed)).toHaveLength(1);
    expect(h.calls().HEYMILO).toEqual({ 'POST /api/v2/postings/:posting_id/candidates': 1 });

    // Later: the stored answer, no call. Other input under the same key: refused, no call.
    h.resetCalls();
    const later = await h.gql(InviteCandidateDocument, { input });
    expect(later.data?.inviteCandidate).toMatchObject({ replayed: true, interview: { id: [...ids][0] } });
    const changed = await h.gql(InviteCandidateDocument, { input: { ...input, candidate: { ...input.candidate, name: 'Rita R.' } } });
    expect(changed.errors?.[0].extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'input.idempotencyKey' });
    expect(h.totalCalls()).toBe(0);
  });

  it('without a key, a repeated mutation is a second vendor session (as the vendors themselves behave)', async () => {
    const templateId = await templateOf(h, Provider.MICRO1);
    h.resetCalls();
    const input = { templateId, candidate: { name: 'Twice Tom', email: 'tom@example.com' } };
    const first = await h.gql(InviteCandidateDocument, { input });
    const second = await h.gql(InviteCandidateDocument, { input });
    expect(first.data?.inviteCandidate.interview.id).not.toBe(second.data?.inviteCandidate.interview.id);
    expect(h.calls().MICRO1).toEqual({ 'POST /interview/invite': 2 });
  });

  it('an outcome-unknown failure is replayed to retries, so a retry can never make a second session', async () => {
    const templateId = await templateOf(h, Provider.EVALYO);
    h.resetCalls();
    const input = { templateId, candidate: { name: 'Unsure Uma', email: 'uma@example.com' }, idempotencyKey: 'uma-1' };
    h.setKnobs(Provider.EVALYO, { errorRate: 1 });
    const first = await h.gql(InviteCandidateDocument, { input });
    expect(first.errors?.[0].extensions).toMatchObject({ code: ErrorCode.VENDOR_UNAVAILABLE, provider: 'EVALYO' });
    // Evalyo's first step (the candidate) failed: nothing was invited, so the key was let go.
    expect(first.errors?.[0].extensions?.outcomeUnknown).toBeUndefined();
    h.setKnobs(Provider.EVALYO, { errorRate: 0 });
    const retried = await h.gql(InviteCandidateDocument, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.inviteCandidate.replayed).toBe(false);

    const xobin = await templateOf(h, Provider.XOBIN);
    const unsure = { templateId: xobin, candidate: { name: 'Unsure Uma', email: 'uma@example.com' }, idempotencyKey: 'uma-2' };
    h.setKnobs(Provider.XOBIN, { errorRate: 1 });
    await h.gql(InviteCandidateDocument, { input: unsure });
    h.setKnobs(Provider.XOBIN, { errorRate: 0 });
    h.resetCalls();
    const replay = await h.gql(InviteCandidateDocument, { input: unsure });
    expect(replay.errors?.[0].extensions).toEqual({ code: ErrorCode.VENDOR_UNAVAILABLE, provider: 'XOBIN', outcomeUnknown: true, idempotentReplay: true });
    expect(h.totalCalls()).toBe(0);
  });

  it('two instances on one Redis: concurrent retries sent to both make one vendor session', async () => {
    const env = { REDIS_URL, TENANT_ID: `mut-${process.pid}-${Date.now()}` };
    const a = await startHarness({ env });
    const b = await startHarness({ env, sandbox: a.sandbox });
    try {
      const templateId = await templateOf(a, Provider.MICRO1);
      a.resetCalls();
      a.setKnobs(Provider.MICRO1, { latencyMs: 150 });
      const input = { templateId, candidate: { name: 'Both Ben', email: 'ben@example.com' }, idempotencyKey: `ben-${Date.now()}` };
      const results = await Promise.all([a, b, a, b, a, b].map((x) => x.gql(InviteCandidateDocument, { input })));
      expect(new Set(results.map((r) => r.data?.inviteCandidate.interview.id)).size).toBe(1);
      expect(results.filter((r) => r.data?.inviteCandidate.replayed === false)).toHaveLength(1);
      // One write in all; reading the template's name for the answer may cost a GET on either instance.
      expect(a.calls().MICRO1['POST /interview/invite']).toBe(1);
      expect(writes(a, Provider.MICRO1)).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
      await deleteRedisKeys(`ig:*${env.TENANT_ID}:*`);
    }
  });
});
