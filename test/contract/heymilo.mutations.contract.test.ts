/**
 * The HeyMilo write path against the HeyMilo simulator on port 0: createTemplate
 * (`POST /api/v2/postings`) and inviteCandidate (`POST /api/v2/postings/{posting_id}/candidates`).
 * Pins the exact request bodies (`sim.writes()`), the returned domain objects, read-after-write
 * through the existing read methods, pre-call refusals (no vendor call), the vendor's refusals
 * mapped to typed errors, no retries; and the simulator's own write routes (HeyMilo's error bodies).
 */
import { AnswerMode, type NewInvitation, type NewTemplate } from '../../src/domain/commands';
import { type Interview, InterviewStatus, type InterviewTemplate } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { VendorError } from '../../src/errors/vendor.error';
import { HEYMILO_API_INVITEE, type HeymiloDataset } from '../../src/vendors/heymilo/sandbox/heymilo.data';
import { createSimulator, type HeymiloSimulator } from '../../src/vendors/heymilo/sandbox/heymilo.simulator';
import { createHeymiloAdapter, type HeymiloAdapter } from '../../src/vendors/heymilo/heymilo.adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { rejection } from '../support/contract-helpers';

const API_KEY = 'hm_live_mutations_test_key';
const CREATE = 'POST /api/v2/postings';
const INGEST = 'POST /api/v2/postings/:posting_id/candidates';
const POSTING = 'GET /api/v2/postings/:posting_id';
const POSTINGS = 'GET /api/v2/postings';
const CANDIDATES = 'GET /api/v2/postings/:posting_id/candidates';
const DATA = 'GET /api/v2/interviews/:interview_id/data';

let sim: HeymiloSimulator;
let adapter: HeymiloAdapter;
let dataset: HeymiloDataset;
const { newAdapter } = describeVendorContract({
  // A 429 test leaves its adapter paused for the Retry-After it was given (as every replica would be).
  freshAdapterPerTest: true,
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: createHeymiloAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    dataset = sim.dataset;
  },
});

function template(overrides: Partial<NewTemplate> = {}): NewTemplate {
  return { name: 'Staff Data Engineer', description: null, language: null, skills: [], questions: [], options: null, ...overrides };
}

function question(text: string, overrides: Partial<NewTemplate['questions'][number]> = {}): NewTemplate['questions'][number] {
  return { text, timeLimitSeconds: null, answerMode: null, evaluationCriteria: null, ...overrides };
}

/** The active Go backend posting of the seeded data set. */
const activePosting = () => dataset.postings.find((p) => p.posting.name === 'senior-backend-engineer-go')!.posting.id;

function invitation(overrides: Partial<NewInvitation> = {}): NewInvitation {
  return {
    templateLocator: activePosting(),
    candidate: { name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: null },
    sendEmail: null,
    expiresAt: null,
    options: null,
    ...overrides,
  };
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/* ============================================================================ createTemplate */

describe('createTemplate', () => {
  it('minimal input: one POST with a bare web-interview step; returns what the read path returns', async () => {
    const created = await adapter.createTemplate!(template());

    expect(sim.writes()).toEqual([{ request: 'POST /api/v2/postings', body: { title: 'Staff Data Engineer', workflow: [{ type: 'web_interview' }] } }]);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });

    const stored = dataset.posting(created.locator)!.posting;
    expect(created).toEqual<InterviewTemplate>({
      kind: 'InterviewTemplate',
      provider: Provider.HEYMILO,
      locator: stored.id,
      providerId: stored.id,
      createdAt: iso(stored.created_at!),
      updatedAt: iso(stored.updated_at!),
      raw: stored,
      name: 'Staff Data Engineer',
      // HeyMilo's default: an empty description.
      description: null,
      status: 'active',
      language: 'en',
      skills: [],
      questions: [],
      inviteUrl: 'https://candidates.heymilo.io/acme/staff-data-engineer',
    });
    expect(created.locator).toMatch(/^pst_[a-z0-9]{10}$/);

    // Read-after-write: by id and at the head of the list.
    sim.resetCalls();
    const read = await adapter.getTemplates([created.locator]);
    expect(read.results).toEqual([created]);
    const list = await adapter.listTemplates({ first: 1, after: null });
    expect(list.edges.map((e) => e.node)).toEqual([created]);
    expect(sim.calls()).toEqual({ [POSTING]: 1, [POSTINGS]: 1 });
  });

  it('maps every unified field and option, sending only what was given', async () => {
    const created = await adapter.createTemplate!(
      template({
        name: 'Support Agent (FR)',
        description: 'Night shift, bilingual support for our merchants.',
        language: 'fr',
        questions: [
          question('Tell me about a difficult customer.', { evaluationCriteria: 'Empathy and resolution', answerMode: AnswerMode.SPEECH }),
          question('Why this role?'),
        ],
        options: {
          interviewerName: 'Milo',
          instructions: 'Keep it friendly.',
          companyOverview: 'Acme Payments.',
          jobOverview: 'Level 1 support.',
          deadline: '2030-06-01T00:00:00.000Z',
          maxRetakes: 0,
          video: true,
          interviewType: 'BEHAVIORAL',
          questionCount: null,
          heymiloTemplateId: null,
        },
      }),
    );

    expect(sim.writes()).toEqual([
      {
        request: 'POST /api/v2/postings',
        body: {
          title: 'Support Agent (FR)',
          description: 'Night shift, bilingual support for our merchants.',
          language: 'fr',
          workflow: [
            {
              type: 'web_interview',
              config: { video: true, interview_type: 'behavioral' },
              questions: [
                { modality: 'voice', text: 'Tell me about a difficult customer.', evaluation_criteria: 'Empathy and resolution' },
                { modality: 'voice', text: 'Why this role?' },
              ],
            },
          ],
          interviewer_name: 'Milo',
          instructions: 'Keep it friendly.',
          company_overview: 'Acme Payments.',
          job_overview: 'Level 1 support.',
          deadline: '2030-06-01T00:00:00.000Z',
          max_retakes: 0,
        },
      },
    ]);
    expect(created).toMatchObject({
      name: 'Support Agent (FR)',
      description: 'Night shift, bilingual support for our merchants.',
      language: 'fr',
      status: 'active',
      inviteUrl: 'https://candidates.heymilo.io/acme/support-agent-fr',
    });
    expect(created.raw).toMatchObject({
      interviewer_name: 'Milo',
      max_retakes: 0,
      deadline: Date.parse('2030-06-01T00:00:00Z') / 1000,
      workflow: [{ type: 'web_interview', order: 1, config: { video_enabled: true, interview_type: 'behavioral', question_count: 2 } }],
    });
    expect((await adapter.getTemplates([created.locator])).results).toEqual([created]);
  });

  it('questionCount without questions → config.num_questions', async () => {
    await adapter.createTemplate!(template({ options: { questionCount: 8, interviewType: 'TECHNICAL' } }));
    expect(sim.writes().map((w) => w.body)).toEqual([
      { title: 'Staff Data Engineer', workflow: [{ type: 'web_interview', config: { interview_type: 'technical', num_questions: 8 } }] },
    ]);
  });

  it('heymiloTemplateId: interview_template_id and no workflow; the blueprint is cloned', async () => {
    const it = dataset.interviewTemplates[0];
    const blueprint = dataset.posting(it.posting_id)!.posting;
    const created = await adapter.createTemplate!(template({ name: 'Backend Engineer II', options: { heymiloTemplateId: it.id, interviewerName: 'Ada' } }));

    expect(sim.writes().map((w) => w.body)).toEqual([{ title: 'Backend Engineer II', interview_template_id: it.id, interviewer_name: 'Ada' }]);
    expect(created.name).toBe('Backend Engineer II');
    expect(created.description).toBe(blueprint.description);
    expect(created.raw).toMatchObject({ workflow: blueprint.workflow, interviewer_name: 'Ada' });
    expect((await adapter.getTemplates([created.locator])).results).toEqual([created]);
  });

  it('an unknown heymiloTemplateId → NOT_FOUND naming it, after exactly one POST', async () => {
    const error = await rejection(adapter.createTemplate!(template({ options: { heymiloTemplateId: 'IT_nope' } })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toContain('"IT_nope"');
    expect(error.extensions.provider).toBe(Provider.HEYMILO);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
  });

  const long = (n: number) => 'x'.repeat(n);
  it.each<[string, Partial<NewTemplate>, string]>([
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a name under 3 characters', { name: 'QA' }, 'input.name'],
    ['a name of 2 characters that are 4 UTF-16 units', { name: '😀😀' }, 'input.name'],
    ['a name over 200 characters', { name: long(201) }, 'input.name'],
    ['a description over 50,000 characters', { description: long(50_001) }, 'input.description'],
    ['an upper-case language', { language: 'EN' }, 'input.language'],
    ['a 3-letter language', { language: 'fra' }, 'input.language'],
    ['a regional language', { language: 'en-US' }, 'input.language'],
    ['skills', { skills: [{ name: 'SQL', description: null }] }, 'input.skills'],
    ['a blank question', { questions: [question('ok'), question('  ')] }, 'input.questions[1].text'],
    ['a question time limit', { questions: [question('q', { timeLimitSeconds: 120 })] }, 'input.questions[0].timeLimitSeconds'],
    ['a written answer', { questions: [question('q', { answerMode: AnswerMode.TEXT })] }, 'input.questions[0].answerMode'],
    ['maxRetakes 6', { options: { maxRetakes: 6 } }, 'input.heymilo.maxRetakes'],
    ['maxRetakes -1', { options: { maxRetakes: -1 } }, 'input.heymilo.maxRetakes'],
    ['maxRetakes 1.5', { options: { maxRetakes: 1.5 } }, 'input.heymilo.maxRetakes'],
    ['questionCount 0', { options: { questionCount: 0 } }, 'input.heymilo.questionCount'],
    ['questionCount 26', { options: { questionCount: 26 } }, 'input.heymilo.questionCount'],
    ['questionCount with questions', { questions: [question('q')], options: { questionCount: 5 } }, 'input.heymilo.questionCount'],
    ['an unreadable deadline', { options: { deadline: 'next friday' } }, 'input.heymilo.deadline'],
    ['a deadline on a day that does not exist', { options: { deadline: '2030-02-30T00:00:00Z' } }, 'input.heymilo.deadline'],
    ['an unknown interviewType', { options: { interviewType: 'casual' } }, 'input.heymilo.interviewType'],
    ['a blank interviewerName', { options: { interviewerName: ' ' } }, 'input.heymilo.interviewerName'],
    ['an option HeyMilo does not have', { options: { voiceId: 'v1' } }, 'input.heymilo'],
    ['heymiloTemplateId with questions', { questions: [question('q')], options: { heymiloTemplateId: 'IT_x' } }, 'input.questions'],
    ['heymiloTemplateId with video', { options: { heymiloTemplateId: 'IT_x', video: false } }, 'input.heymilo.video'],
    ['heymiloTemplateId with interviewType', { options: { heymiloTemplateId: 'IT_x', interviewType: 'GENERAL' } }, 'input.heymilo.interviewType'],
    ['heymiloTemplateId with questionCount', { options: { heymiloTemplateId: 'IT_x', questionCount: 3 } }, 'input.heymilo.questionCount'],
  ])('refuses %s before calling HeyMilo', async (_case, overrides, field) => {
    const error = await rejection(adapter.createTemplate!(template(overrides)));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions).toMatchObject({ field, provider: Provider.HEYMILO });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(sim.totalCalls()).toBe(0);
  });

  it('explains each refusal', async () => {
    const message = async (overrides: Partial<NewTemplate>) => (await rejection(adapter.createTemplate!(template(overrides)))).message;
    expect(await message({ name: 'QA' })).toBe('input.name: HeyMilo takes 3 to 200 characters (got 2).');
    expect(await message({ language: 'EN' })).toBe('input.language: HeyMilo takes an ISO 639-1 code of two lower-case letters, e.g. "fr" (got "EN").');
    expect(await message({ skills: [{ name: 'SQL', description: null }] })).toBe(
      'input.skills: not supported by HeyMilo (describe them in description or as questions).',
    );
    expect(await message({ questions: [question('q', { timeLimitSeconds: 60 })] })).toBe(
      'input.questions[0].timeLimitSeconds: not supported by HeyMilo (HeyMilo paces its voice interview itself).',
    );
    expect(await message({ options: { maxRetakes: 6 } })).toBe('input.heymilo.maxRetakes: HeyMilo takes 0 to 5 retakes.');
    expect(await message({ options: { heymiloTemplateId: 'IT_x', video: true } })).toBe(
      'input.heymilo.video: cannot be combined with heymilo.heymiloTemplateId (HeyMilo copies the workflow and its questions from the template).',
    );
    expect(sim.totalCalls()).toBe(0);
  });

  it('a 500 → VENDOR_UNAVAILABLE with outcomeUnknown, after exactly one POST (never retried)', async () => {
    sim.configure({ errorRate: 1 });
    const before = dataset.postings.length;
    const error = await rejection(adapter.createTemplate!(template()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect((error as VendorError).outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
    expect(dataset.postings.length).toBe(before);
  });

  it('a 429 → VENDOR_RATE_LIMITED, not retried', async () => {
    sim.configure({ rateLimitNext: 1, rateLimitRetryAfterSeconds: 7 });
    const error = await rejection(adapter.createTemplate!(template()));
    expect(error.code).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(error.extensions.retryAfterSeconds).toBe(7);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
  });
});

/* ============================================================================ inviteCandidate */

describe('inviteCandidate', () => {
  it('one POST {name, email}; returns the new interview as the posting’s candidate list shows it', async () => {
    const postingId = activePosting();
    const invited = await adapter.inviteCandidate!(invitation());

    expect(sim.writes()).toEqual([
      { request: `POST /api/v2/postings/${postingId}/candidates`, body: { name: 'Grace Hopper', email: 'grace.hopper@example.com' } },
    ]);
    expect(sim.calls()).toEqual({ [INGEST]: 1 });

    const record = dataset.interview(invited.locator)!;
    expect(invited).toEqual<Interview>({
      kind: 'Interview',
      provider: Provider.HEYMILO,
      locator: record.interviewId,
      providerId: record.interviewId,
      createdAt: iso(record.createdAt),
      updatedAt: null,
      raw: record.candidate,
      status: InterviewStatus.INVITED,
      statusRaw: 'pending',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.HEYMILO, providerId: record.candidateId, name: 'Grace Hopper', email: 'grace.hopper@example.com' },
      templateLocator: postingId,
      templateName: null,
      inviteUrl: `https://candidates.heymilo.io/acme/i/${record.interviewId}`,
      invitedAt: iso(record.createdAt),
      startedAt: null,
      completedAt: null,
      timeNotes: [],
    });
    expect(invited.locator).toMatch(/^int_[a-z0-9]{16}$/);
    expect(invited.candidate.providerId).toMatch(/^cand_[a-z0-9]{12}$/);
    expect(record.personIndex).toBe(HEYMILO_API_INVITEE);

    // Read-after-write: the posting's candidate list shows exactly this interview first …
    sim.resetCalls();
    const list = await adapter.listInterviews({ first: 1, after: null, templateLocator: postingId });
    expect(list.edges.map((e) => e.node)).toEqual([invited]);
    // … and getInterviews finds it by its locator (`/data` says only `not_ready` until it is done).
    const got = await adapter.getInterviews([invited.locator]);
    expect(got.results[0]).toMatchObject({
      locator: invited.locator,
      templateLocator: postingId,
      status: InterviewStatus.UNKNOWN,
      statusRaw: 'not_ready',
      candidate: invited.candidate,
    });
    expect(sim.calls()).toEqual({ [CANDIDATES]: 1, [DATA]: 1 });
  });

  it('sends the phone and metadata', async () => {
    const postingId = activePosting();
    const invited = await adapter.inviteCandidate!(
      invitation({
        candidate: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+33612345678' },
        options: {
          metadata: [
            { key: 'ats_stage', value: 'phone_screen' },
            { key: 'external_id', value: 'candidate_xyz' },
          ],
        },
      }),
    );
    expect(sim.writes()).toEqual([
      {
        request: `POST /api/v2/postings/${postingId}/candidates`,
        body: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone_number: '+33612345678',
          metadata: { ats_stage: 'phone_screen', external_id: 'candidate_xyz' },
        },
      },
    ]);
    expect(invited.raw).toMatchObject({ metadata: { ats_stage: 'phone_screen', external_id: 'candidate_xyz' } });
  });

  it('a person HeyMilo knows keeps their candidate_id (shared across postings)', async () => {
    const known = dataset.postings.find((p) => p.posting.name === 'customer-success-manager')!.interviews[0];
    const invited = await adapter.inviteCandidate!(invitation({ candidate: { name: known.candidate.name, email: known.candidate.email, phone: null } }));
    expect(invited.candidate.providerId).toBe(known.candidateId);
    expect(invited.templateLocator).toBe(activePosting());
  });

  it('invites into a template created through the adapter', async () => {
    const created = await adapter.createTemplate!(template({ name: 'Night Nurse' }));
    const invited = await adapter.inviteCandidate!(invitation({ templateLocator: created.locator }));
    expect(invited.templateLocator).toBe(created.locator);
    expect(invited.raw).toMatchObject({ workflow: { steps: [{ step_id: 'agent_vi_001', status: 'not_started' }] } });
    const list = await adapter.listInterviews({ first: 10, after: null, templateLocator: created.locator });
    expect(list.edges.map((e) => e.node.locator)).toEqual([invited.locator]);
  });

  it('an invited candidate goes on like any other: the simulator can complete the interview', async () => {
    const invited = await adapter.inviteCandidate!(invitation({ candidate: { name: 'Linus', email: 'linus@example.com', phone: null } }));
    await sim.simulateCompletion(invited.locator);
    const got = await adapter.getInterviews([invited.locator]);
    expect(got.results[0]).toMatchObject({ locator: invited.locator, status: InterviewStatus.COMPLETED, statusRaw: 'completed' });
    expect(got.related?.reports?.[0].report).toMatchObject({ interviewLocator: invited.locator });
  });

  it('is not idempotent at HeyMilo: the same invitation twice makes two interviews', async () => {
    const a = await adapter.inviteCandidate!(invitation({ candidate: { name: 'Twice', email: 'twice@example.com', phone: null } }));
    const b = await adapter.inviteCandidate!(invitation({ candidate: { name: 'Twice', email: 'twice@example.com', phone: null } }));
    expect(a.locator).not.toBe(b.locator);
    expect(b.candidate.providerId).toBe(a.candidate.providerId);
  });

  const pairs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  it.each<[string, Partial<NewInvitation>, string]>([
    ['a blank name', { candidate: { name: '  ', email: 'a@example.com', phone: null } }, 'input.candidate.name'],
    ['a national phone number', { candidate: { name: 'A', email: 'a@example.com', phone: '0612345678' } }, 'input.candidate.phone'],
    ['a phone with a 0 country code', { candidate: { name: 'A', email: 'a@example.com', phone: '+0612345678' } }, 'input.candidate.phone'],
    ['a phone with spaces', { candidate: { name: 'A', email: 'a@example.com', phone: '+33 6 12 34 56 78' } }, 'input.candidate.phone'],
    ['sendEmail true', { sendEmail: true }, 'input.sendEmail'],
    ['sendEmail false', { sendEmail: false }, 'input.sendEmail'],
    ['expiresAt', { expiresAt: '2030-01-01T00:00:00Z' }, 'input.expiresAt'],
    ['51 metadata keys', { options: { metadata: pairs(51) } }, 'input.heymilo.metadata'],
    ['a metadata key over 40 characters', { options: { metadata: [{ key: 'k'.repeat(41), value: 'v' }] } }, 'input.heymilo.metadata[0].key'],
    ['an empty metadata key', { options: { metadata: [{ key: '', value: 'v' }] } }, 'input.heymilo.metadata[0].key'],
    ['a metadata value over 500 characters', { options: { metadata: [{ key: 'k', value: 'v'.repeat(501) }] } }, 'input.heymilo.metadata[0].value'],
    [
      'a duplicate metadata key',
      {
        options: {
          metadata: [
            { key: 'a', value: '1' },
            { key: 'b', value: '2' },
            { key: 'a', value: '3' },
          ],
        },
      },
      'input.heymilo.metadata[2].key',
    ],
    ['an option HeyMilo does not have', { options: { data: { x: 1 } } }, 'input.heymilo'],
  ])('refuses %s before calling HeyMilo', async (_case, overrides, field) => {
    const error = await rejection(adapter.inviteCandidate!(invitation(overrides)));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions).toMatchObject({ field, provider: Provider.HEYMILO });
    expect(sim.totalCalls()).toBe(0);
  });

  it('explains each refusal', async () => {
    const message = async (overrides: Partial<NewInvitation>) => (await rejection(adapter.inviteCandidate!(invitation(overrides)))).message;
    expect(await message({ candidate: { name: 'A', email: 'a@example.com', phone: '0612345678' } })).toBe(
      'input.candidate.phone: HeyMilo takes phone numbers in E.164 format, e.g. +12065551234.',
    );
    expect(await message({ sendEmail: false })).toBe('input.sendEmail: not supported by HeyMilo (HeyMilo emails candidates as its posting is set up to).');
    expect(await message({ expiresAt: '2030-01-01T00:00:00Z' })).toBe(
      "input.expiresAt: not supported by HeyMilo (HeyMilo invitations end at the posting's deadline: set heymilo.deadline when creating the template).",
    );
    expect(await message({ options: { metadata: pairs(51) } })).toBe('input.heymilo.metadata: HeyMilo takes at most 50 metadata keys.');
    expect(
      await message({
        options: {
          metadata: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        },
      }),
    ).toBe('input.heymilo.metadata[1].key: duplicate metadata key "a".');
    expect(sim.totalCalls()).toBe(0);
  });

  it.each(['', '../pst_x', 'pst x', 'a/b', 'x'.repeat(200)])('a locator that cannot be a posting (%j) → NOT_FOUND without a call', async (locator) => {
    const error = await rejection(adapter.inviteCandidate!(invitation({ templateLocator: locator })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toMatch(/^HeyMilo has no interview template \(posting\) "/);
    expect(sim.totalCalls()).toBe(0);
  });

  it('an unknown posting → NOT_FOUND naming it, after exactly one POST', async () => {
    const error = await rejection(adapter.inviteCandidate!(invitation({ templateLocator: 'pst_doesnotexist' })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toBe('HeyMilo has no interview template (posting) "pst_doesnotexist".');
    expect(error.extensions.provider).toBe(Provider.HEYMILO);
    expect(sim.calls()).toEqual({ [INGEST]: 1 });
  });

  it("HeyMilo's 422 → VENDOR_VALIDATION_FAILED with its message and fields; nothing created", async () => {
    const postingId = activePosting();
    const before = dataset.posting(postingId)!.interviews.length;
    const error = await rejection(adapter.inviteCandidate!(invitation({ candidate: { name: 'A', email: 'not-an-email', phone: null } })));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions).toMatchObject({
      provider: Provider.HEYMILO,
      vendorMessage: 'email: value is not a valid email address: An email address must have an @-sign.',
      fields: [{ field: 'email', message: 'value is not a valid email address: An email address must have an @-sign.' }],
    });
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(error.message).toBe('HEYMILO rejected the request: email: value is not a valid email address: An email address must have an @-sign.');
    expect(sim.calls()).toEqual({ [INGEST]: 1 });
    expect(dataset.posting(postingId)!.interviews.length).toBe(before);
  });

  it('a 500 → VENDOR_UNAVAILABLE with outcomeUnknown, after exactly one POST (never retried)', async () => {
    sim.configure({ errorRate: 1 });
    const error = await rejection(adapter.inviteCandidate!(invitation()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [INGEST]: 1 });
  });

  it('a timeout → VENDOR_TIMEOUT with outcomeUnknown, not retried', async () => {
    const slow = newAdapter({ timeoutMs: 100 });
    sim.configure({ latencyMs: 400 });
    const error = await rejection(slow.inviteCandidate!(invitation()));
    sim.configure({ latencyMs: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_TIMEOUT);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [INGEST]: 1 });
  });

  it('a wrong key → VENDOR_AUTH_FAILED (nothing was created, so no outcomeUnknown)', async () => {
    const error = await rejection(newAdapter({ apiKey: 'wrong' }).inviteCandidate!(invitation()));
    expect(error.code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [INGEST]: 1 });
  });
});

/* ============================================================================ the simulator */

describe("the simulator's write routes speak HeyMilo", () => {
  const post = async (path: string, body: unknown, headers: Record<string, string> = { 'X-API-KEY': API_KEY }) => {
    const response = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const posting = activePosting;

  it('401 without the key', async () => {
    const answer = await post('/api/v2/postings', { title: 'Any title', workflow: [] }, {});
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it('201 receipts carry the full objects the GET routes return', async () => {
    const created = await post('/api/v2/postings', { title: 'Receipt Check', workflow: [{ type: 'web_interview' }] });
    expect(created.status).toBe(201);
    const data = created.body.data as { id: string; posting: unknown; urls: unknown; status: string; created_at: number; object: string };
    expect(data).toMatchObject({ object: 'posting', status: 'active', urls: { candidate_url: 'https://candidates.heymilo.io/acme/receipt-check' } });
    const getJson = async (path: string) => (await (await fetch(`${sim.url}${path}`, { headers: { 'X-API-KEY': API_KEY } })).json()) as { data: unknown };
    const got = await getJson(`/api/v2/postings/${data.id}`);
    expect(got).toEqual({ data: data.posting, meta: {} });

    const ingested = await post(`/api/v2/postings/${data.id}/candidates`, { name: 'Jane Doe', email: 'jane.doe@example.com' });
    expect(ingested.status).toBe(201);
    const receipt = ingested.body.data as { interview_id: string; interview_url: string; posting_id: string; candidate: { status: string } };
    expect(receipt).toMatchObject({ object: 'candidate', posting_id: data.id, interview_url: `https://candidates.heymilo.io/acme/i/${receipt.interview_id}` });
    expect(receipt.candidate.status).toBe('pending');
    const list = await getJson(`/api/v2/postings/${data.id}/candidates`);
    expect(list.data).toEqual([receipt.candidate]);
    const interviewData = await getJson(`/api/v2/interviews/${receipt.interview_id}/data`);
    expect(interviewData.data).toMatchObject({ status: 'not_ready', web_interview: null, email: 'jane.doe@example.com' });
  });

  it('422 FastAPI bodies for missing, mistyped and out-of-range fields', async () => {
    const missing = await post('/api/v2/postings', { workflow: [] });
    expect(missing).toEqual({ status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'title'], msg: 'Field required', input: { workflow: [] } }] } });

    const ranges = await post('/api/v2/postings', {
      title: 'ab',
      max_retakes: 9,
      workflow: [{ type: 'web_interview', config: { num_questions: 30 }, questions: [{ modality: 'voice' }] }],
    });
    expect(ranges.status).toBe(422);
    expect((ranges.body.detail as Array<{ type: string; loc: unknown[] }>).map((d) => [d.type, d.loc])).toEqual([
      ['string_too_short', ['body', 'title']],
      ['less_than_equal', ['body', 'max_retakes']],
      ['less_than_equal', ['body', 'workflow', 0, 'config', 'num_questions']],
      ['missing', ['body', 'workflow', 0, 'questions', 0, 'text']],
    ]);

    const badStep = await post('/api/v2/postings', { title: 'Bad step', workflow: [{ type: 'phone_screen' }] });
    expect(badStep.status).toBe(422);
    expect((badStep.body.detail as Array<{ type: string }>)[0].type).toBe('union_tag_invalid');
  });

  it('422 from the model validator: both or neither of workflow and interview_template_id', async () => {
    const both = await post('/api/v2/postings', { title: 'Both', workflow: [], interview_template_id: dataset.interviewTemplates[0].id });
    expect(both.status).toBe(422);
    expect(both.body.detail).toEqual([
      expect.objectContaining({
        type: 'value_error',
        loc: ['body'],
        msg: 'Value error, workflow and interview_template_id are mutually exclusive: provide one or the other',
      }),
    ]);
    const neither = await post('/api/v2/postings', { title: 'Neither' });
    expect(neither.status).toBe(422);
    expect(neither.body.detail).toEqual([
      expect.objectContaining({ type: 'value_error', loc: ['body'], msg: 'Value error, workflow is required unless interview_template_id is provided' }),
    ]);
  });

  it('400 validation_error (APIError with errors[]) for limits the spec states in prose', async () => {
    const deadline = await post('/api/v2/postings', { title: 'Deadline', workflow: [], deadline: '2030-02-30' });
    expect(deadline).toEqual({
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          code: 'validation_error',
          message: "deadline must be an ISO 8601 datetime (got '2030-02-30')",
          param: 'deadline',
          errors: [{ code: 'invalid_param', message: "deadline must be an ISO 8601 datetime (got '2030-02-30')", param: 'deadline' }],
        },
      },
    });
    const phone = await post(`/api/v2/postings/${posting()}/candidates`, { name: 'A', email: 'a@example.com', phone_number: '0612345678' });
    expect(phone.status).toBe(400);
    expect(phone.body).toMatchObject({ error: { code: 'validation_error', param: 'phone_number' } });
    const metadata = await post(`/api/v2/postings/${posting()}/candidates`, {
      name: 'A',
      email: 'a@example.com',
      metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
    });
    expect(metadata.status).toBe(400);
    expect(metadata.body).toMatchObject({ error: { code: 'validation_error', message: 'metadata can have at most 50 keys (got 51)', param: 'metadata' } });
  });

  it('ingest: 422 for a missing name and email, checked before the posting; 404 resource_missing for an unknown posting', async () => {
    const missing = await post('/api/v2/postings/pst_nope/candidates', {});
    expect(missing.status).toBe(422);
    expect((missing.body.detail as Array<{ loc: unknown[] }>).map((d) => d.loc)).toEqual([
      ['body', 'name'],
      ['body', 'email'],
    ]);
    const unknown = await post('/api/v2/postings/pst_nope/candidates', { name: 'A', email: 'a@example.com' });
    expect(unknown).toEqual({
      status: 404,
      body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such posting: 'pst_nope'", param: 'posting_id' } },
    });
  });

  it('create: 404 resource_missing for an unknown interview template', async () => {
    const unknown = await post('/api/v2/postings', { title: 'Clone', interview_template_id: 'IT_nope' });
    expect(unknown).toEqual({
      status: 404,
      body: {
        error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such interview template: 'IT_nope'", param: 'interview_template_id' },
      },
    });
  });
});
