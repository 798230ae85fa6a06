/**
 * The micro1 write path against the micro1 simulator on port 0: the exact POST bodies sent (the
 * simulator's write log), the exact domain objects returned, read-after-write through the
 * existing read methods, every pre-call validation (no vendor call), and vendor refusals and
 * failures mapped to their codes with no retry. Expected ids come from the simulator's data set.
 */
import { request } from 'undici';
import { AnswerMode, type NewInvitation, type NewTemplate, type NewTemplateQuestion } from '../../src/domain/commands';
import { InterviewStatus, type Interview, type InterviewTemplate } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import type { SimInterview, SimInvite } from '../../src/vendors/micro1/sandbox/micro1.data';
import { createSimulator, type Micro1Simulator } from '../../src/vendors/micro1/sandbox/micro1.simulator';
import { createMicro1Adapter, type Micro1Adapter } from '../../src/vendors/micro1/micro1.adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { rejection } from '../support/contract-helpers';

const API_KEY = 'micro1-mutations-key';
const CREATE = 'POST /interview';
const INVITE = 'POST /interview/invite';

let sim: Micro1Simulator;
let adapter: Micro1Adapter;
const { newAdapter } = describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY }),
  createAdapter: createMicro1Adapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
  },
  reset: (s) => {
    s.envelopeFailure(false);
    s.refuseWrites(null);
  },
});

// ------------------------------------------------------------------ inputs and expectations

let counter = 0;
/** A name no other test uses, so the new template is found in the data set by it. */
const uniqueName = (label: string) => `${label} #${(counter += 1)}`;

const question = (overrides: Partial<NewTemplateQuestion> = {}): NewTemplateQuestion => ({
  text: 'What are your strengths?',
  timeLimitSeconds: null,
  answerMode: null,
  evaluationCriteria: null,
  ...overrides,
});

const templateInput = (overrides: Partial<NewTemplate> = {}): NewTemplate => ({
  name: uniqueName('Platform Engineer'),
  description: null,
  language: null,
  skills: [],
  questions: [],
  options: null,
  ...overrides,
});

const invitationInput = (overrides: Partial<NewInvitation> = {}): NewInvitation => ({
  templateLocator: sim.dataset.templates[0].interview_id,
  candidate: { name: 'Ada Lovelace', email: `ada.${(counter += 1)}@example.com`, phone: null },
  sendEmail: null,
  expiresAt: null,
  options: null,
  ...overrides,
});

/** The template the simulator stored under `name` (the one the write created). */
function storedTemplate(name: string): SimInterview {
  const found = sim.dataset.templates.filter((t) => t.interview_name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The sessions the simulator stored for `email` at `interviewId`, newest first. */
const storedInvites = (interviewId: string, email: string): SimInvite[] =>
  sim.dataset.invites.filter((i) => i.interview_id === interviewId && i.candidate_email_id === email);

/** The simulator's invite link for a session (its documented format). */
const inviteUrlOf = (interviewId: string, candidateId: string) => `https://interview.micro1.ai/intro/micro1?uid=${interviewId}&cid=${candidateId}`;

async function rawPost(path: string, body: unknown) {
  const response = await request(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

// ------------------------------------------------------------------ createTemplate

describe('micro1 createTemplate', () => {
  it('sends one POST /interview with every given field in micro1 terms and returns the template from the answer and the input', async () => {
    const input = templateInput({
      language: 'es-la',
      skills: [
        { name: 'React', description: 'Hooks and context' },
        { name: 'Node.js', description: null },
      ],
      questions: [
        question({ text: 'Are you willing to relocate?', timeLimitSeconds: 60, answerMode: AnswerMode.SPEECH }),
        question({ text: 'Describe your last project.', timeLimitSeconds: 240, answerMode: AnswerMode.TEXT }),
        question({ text: 'Any questions for us?' }),
      ],
      options: {
        candidateCanChangeLanguage: true,
        onlyCodingRound: false,
        codingRoundRequired: true,
        codingLanguage: 'CSHARP',
        codingExerciseDetails: 'Focus on recursion.',
        proctoring: false,
      },
    });

    const template = await adapter.createTemplate!(input);

    expect(sim.writes()).toEqual([
      {
        request: CREATE,
        body: {
          interview_name: input.name,
          skills: [{ name: 'React', description: 'Hooks and context' }, { name: 'Node.js' }],
          custom_question_list: [
            { question: 'Are you willing to relocate?', time: 1, type: 'audio' },
            { question: 'Describe your last project.', time: 4, type: 'text' },
            { question: 'Any questions for us?' },
          ],
          interview_language: 'es-la',
          can_change_interview_language: true,
          only_coding_round: false,
          is_coding_round_required: true,
          selected_coding_language: 'csharp',
          coding_exercise_details: 'Focus on recursion.',
          is_proctoring_required: false,
        },
      },
    ]);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });

    const stored = storedTemplate(input.name);
    expect(template).toEqual<InterviewTemplate>({
      kind: 'InterviewTemplate',
      provider: Provider.MICRO1,
      locator: stored.interview_id,
      providerId: stored.interview_id,
      createdAt: null,
      updatedAt: null,
      name: input.name,
      description: null,
      status: null,
      language: 'es-la',
      skills: [
        { name: 'React', description: 'Hooks and context' },
        { name: 'Node.js', description: null },
      ],
      questions: [
        { text: 'Are you willing to relocate?', timeLimitSeconds: 60, type: 'audio' },
        { text: 'Describe your last project.', timeLimitSeconds: 240, type: 'text' },
        { text: 'Any questions for us?', timeLimitSeconds: null, type: null },
      ],
      inviteUrl: stored.invite_url,
      raw: { interview_id: stored.interview_id, invite_url: stored.invite_url },
    });
    expect(stored.interview_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('sends only the name when nothing else is given (micro1 defaults apply)', async () => {
    const input = templateInput();
    const template = await adapter.createTemplate!(input);
    expect(sim.writes()).toEqual([{ request: CREATE, body: { interview_name: input.name } }]);
    expect(template).toMatchObject({ name: input.name, language: null, skills: [], questions: [], locator: storedTemplate(input.name).interview_id });
  });

  it('takes exactly 10 skills and 20 questions', async () => {
    const input = templateInput({
      skills: Array.from({ length: 10 }, (_, i) => ({ name: `Skill ${i}`, description: null })),
      questions: Array.from({ length: 20 }, (_, i) => question({ text: `Question ${i}`, timeLimitSeconds: 120 })),
    });
    await adapter.createTemplate!(input);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
    const body = sim.writes()[0].body as { skills: unknown[]; custom_question_list: Array<{ time: number }> };
    expect(body.skills).toHaveLength(10);
    expect(body.custom_question_list).toHaveLength(20);
    expect(body.custom_question_list.every((q) => q.time === 2)).toBe(true);
  });

  it('read-after-write: getTemplates and listTemplates find the new template by the returned locator', async () => {
    const input = templateInput({
      language: 'fr',
      skills: [{ name: 'Figma', description: 'Design systems' }],
      questions: [question({ text: 'Pourquoi nous ?', timeLimitSeconds: 180, answerMode: AnswerMode.TEXT })],
      options: { codingLanguage: 'PYTHON', codingRoundRequired: true },
    });
    const created = await adapter.createTemplate!(input);

    const { results } = await adapter.getTemplates([created.locator]);
    const read = results[0] as InterviewTemplate;
    const stored = storedTemplate(input.name);
    expect(read).toMatchObject({
      locator: created.locator,
      providerId: created.providerId,
      name: input.name,
      // GET /interviews shows the display name and the time in seconds.
      language: 'French',
      skills: [{ name: 'Figma', description: 'Design systems' }],
      questions: [{ text: 'Pourquoi nous ?', timeLimitSeconds: 180, type: 'text' }],
      inviteUrl: created.inviteUrl,
      status: 'active',
    });
    expect(read.raw).toMatchObject({ selected_coding_language: 'Python', is_coding_round_required: true, is_proctoring_required: true });
    expect(stored.custom_questions).toEqual([{ question: 'Pourquoi nous ?', time: 180, type: 'text' }]);

    // micro1 lists newest first: the new template heads the list.
    const page = await adapter.listTemplates({ first: 1, after: null });
    expect(page.edges[0].node.locator).toBe(created.locator);
  });

  describe('refuses input micro1 cannot take, without calling it', () => {
    const cases: Array<[string, () => NewTemplate, string, RegExp?]> = [
      ['a blank name', () => templateInput({ name: '   ' }), 'input.name'],
      ['a description', () => templateInput({ description: 'About the role' }), 'input.description', /not supported by micro1/],
      ['an unknown language code', () => templateInput({ language: 'english' }), 'input.language', /en, fr, de, .*afb, pt-PT/],
      ['a language code in the wrong case', () => templateInput({ language: 'EN' }), 'input.language'],
      [
        '11 skills',
        () => templateInput({ skills: Array.from({ length: 11 }, (_, i) => ({ name: `S${i}`, description: null })) }),
        'input.skills',
        /at most 10 \(got 11\)/,
      ],
      [
        'a blank skill name',
        () =>
          templateInput({
            skills: [
              { name: 'Go', description: null },
              { name: ' ', description: 'x' },
            ],
          }),
        'input.skills[1].name',
      ],
      ['21 questions', () => templateInput({ questions: Array.from({ length: 21 }, () => question()) }), 'input.questions', /at most 20 \(got 21\)/],
      ['a blank question', () => templateInput({ questions: [question({ text: '' })] }), 'input.questions[0].text'],
      [
        'a 90 s time limit',
        () => templateInput({ questions: [question(), question({ timeLimitSeconds: 90 })] }),
        'input.questions[1].timeLimitSeconds',
        /whole minutes from 1 to 4 \(60, 120, 180 or 240 seconds\)/,
      ],
      ['a 300 s time limit', () => templateInput({ questions: [question({ timeLimitSeconds: 300 })] }), 'input.questions[0].timeLimitSeconds'],
      ['a 30 s time limit', () => templateInput({ questions: [question({ timeLimitSeconds: 30 })] }), 'input.questions[0].timeLimitSeconds'],
      [
        'evaluation criteria',
        () => templateInput({ questions: [question({ evaluationCriteria: 'Mentions tests' })] }),
        'input.questions[0].evaluationCriteria',
        /not supported by micro1/,
      ],
      [
        'an unknown coding language',
        () => templateInput({ options: { codingLanguage: 'COBOL' } }),
        'input.micro1.codingLanguage',
        /USER_CHOICE, JAVASCRIPT, .*TYPESCRIPT/,
      ],
      ['a non-boolean flag', () => templateInput({ options: { proctoring: 'yes' } }), 'input.micro1.proctoring'],
      ['an unknown option', () => templateInput({ options: { interviewer: 'Ava' } }), 'input.micro1'],
    ];
    // Every row gets its 4th column (jest passes `done` in place of a missing one).
    it.each(cases.map(([label, input, field, message]) => [label, input, field, message ?? null] as const))('%s', async (_label, input, field, message) => {
      const error = await rejection(adapter.createTemplate!(input()));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.extensions.field).toBe(field);
      expect(error.extensions.provider).toBe(Provider.MICRO1);
      if (message) expect(error.message).toMatch(message);
      expect(sim.totalCalls()).toBe(0);
    });
  });

  it("a 400 refusal → VENDOR_VALIDATION_FAILED with micro1's message, cleaned; one POST, nothing created", async () => {
    const before = sim.dataset.templates.length;
    sim.refuseWrites('Interview limit reached, see https://micro1.ai/billing?token=abc');
    const error = await rejection(adapter.createTemplate!(templateInput()));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions.vendorMessage).toBe('Interview limit reached, see [url]');
    expect(error.message).toBe('MICRO1 rejected the request: Interview limit reached, see [url]');
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
    expect(sim.dataset.templates).toHaveLength(before);
  });

  it('HTTP 200 {status:false, message} is a refusal too (VENDOR_VALIDATION_FAILED), not a bad response', async () => {
    sim.envelopeFailure(true);
    const error = await rejection(adapter.createTemplate!(templateInput()));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions.vendorMessage).toBe('Something went wrong, please try again later');
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
  });

  it('a 500 → VENDOR_UNAVAILABLE with outcomeUnknown; exactly one POST (no retry)', async () => {
    sim.configure({ errorRate: 1 });
    const error = await rejection(adapter.createTemplate!(templateInput()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [CREATE]: 1 });
  });

  it('a rejected key → VENDOR_AUTH_FAILED, not a validation failure', async () => {
    const error = await rejection(newAdapter({ apiKey: 'wrong' }).createTemplate!(templateInput()));
    expect(error.code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
  });
});

// ------------------------------------------------------------------ inviteCandidate

describe('micro1 inviteCandidate', () => {
  it('sends one POST /interview/invite and returns the new session as the read path locates it', async () => {
    const template = sim.dataset.templates[1];
    const input = invitationInput({ templateLocator: template.interview_id, sendEmail: false, options: { jobApplicationId: 'APP-1234' } });

    const interview = await adapter.inviteCandidate!(input);

    expect(sim.writes()).toEqual([
      {
        request: INVITE,
        body: {
          interview_id: template.interview_id,
          candidates: [{ name: input.candidate.name, email: input.candidate.email }],
          disable_email_notification: true,
          job_application_id: 'APP-1234',
        },
      },
    ]);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });

    const [stored] = storedInvites(template.interview_id, input.candidate.email);
    const locator = `${template.interview_id}~${stored.candidate_id}`;
    const inviteUrl = inviteUrlOf(template.interview_id, stored.candidate_id);
    expect(interview).toEqual<Interview>({
      kind: 'Interview',
      provider: Provider.MICRO1,
      locator,
      providerId: locator,
      createdAt: null,
      updatedAt: null,
      status: InterviewStatus.INVITED,
      statusRaw: null,
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.MICRO1, providerId: stored.candidate_id, name: input.candidate.name, email: input.candidate.email },
      templateLocator: template.interview_id,
      templateName: null,
      inviteUrl,
      invitedAt: null,
      startedAt: null,
      completedAt: null,
      externalIds: [],
      timeNotes: [],
      raw: { invitations: [{ candidate_id: stored.candidate_id, candidate_email: input.candidate.email, invite_url: inviteUrl }] },
    });
  });

  it.each<[boolean | null, Record<string, unknown>]>([
    [true, { disable_email_notification: false }],
    [null, {}],
  ])('sendEmail %s → %j; no options → no job_application_id', async (sendEmail, extra) => {
    const input = invitationInput({ sendEmail });
    await adapter.inviteCandidate!(input);
    expect(sim.writes()).toEqual([
      {
        request: INVITE,
        body: { interview_id: input.templateLocator, candidates: [{ name: input.candidate.name, email: input.candidate.email }], ...extra },
      },
    ]);
  });

  it('read-after-write: getInterviews and listInterviews find the new session by the returned locator', async () => {
    const input = invitationInput();
    const created = await adapter.inviteCandidate!(input);
    sim.resetCalls();

    const { results } = await adapter.getInterviews([created.locator]);
    const [stored] = storedInvites(input.templateLocator, input.candidate.email);
    expect(results[0]).toMatchObject({
      locator: created.locator,
      providerId: created.providerId,
      status: InterviewStatus.INVITED,
      statusRaw: 'active',
      candidate: created.candidate,
      templateLocator: input.templateLocator,
      templateName: sim.dataset.templates[0].interview_name,
      invitedAt: `${stored.date_created.replace(' ', 'T')}.000Z`,
    });
    expect(sim.calls()).toEqual({ 'GET /interview/invites': 1, 'GET /interview/reports': 1 });

    // micro1 lists newest first: the new session heads its template's list.
    const page = await adapter.listInterviews({ first: 1, after: null, templateLocator: input.templateLocator });
    expect(page.edges[0].node.locator).toBe(created.locator);
  });

  it('no idempotency: inviting the same candidate twice makes two sessions, both readable', async () => {
    const input = invitationInput();
    const first = await adapter.inviteCandidate!(input);
    const second = await adapter.inviteCandidate!(input);
    expect(sim.calls()).toEqual({ [INVITE]: 2 });
    expect(second.locator).not.toBe(first.locator);
    expect(storedInvites(input.templateLocator, input.candidate.email)).toHaveLength(2);
    const { results } = await adapter.getInterviews([first.locator, second.locator]);
    expect(results.map((r) => (r as Interview).locator)).toEqual([first.locator, second.locator]);
  });

  it('a candidate micro1 already knows keeps their candidate id at a new interview', async () => {
    const known = sim.dataset.invites[0];
    const other = sim.dataset.templates.find(
      (t) => !sim.dataset.invites.some((i) => i.interview_id === t.interview_id && i.candidate_id === known.candidate_id),
    );
    if (!other) throw new Error('the candidate is invited everywhere');
    const created = await adapter.inviteCandidate!(
      invitationInput({ templateLocator: other.interview_id, candidate: { name: known.candidate_name, email: known.candidate_email_id, phone: null } }),
    );
    expect(created.candidate.providerId).toBe(known.candidate_id);
    expect(created.locator).toBe(`${other.interview_id}~${known.candidate_id}`);
  });

  it('a new session can be completed like a seeded one: the report then shows it COMPLETED', async () => {
    const created = await adapter.inviteCandidate!(invitationInput());
    await sim.simulateCompletion(created.locator);
    const { results } = await adapter.getInterviews([created.locator]);
    expect((results[0] as Interview).status).toBe(InterviewStatus.COMPLETED);
  });

  describe('refuses input micro1 cannot take, without calling it', () => {
    const cases: Array<[string, () => NewInvitation, string]> = [
      ['an expiry', () => invitationInput({ expiresAt: '2030-01-01T00:00:00Z' }), 'input.expiresAt'],
      ['a phone number', () => invitationInput({ candidate: { name: 'Ada', email: 'ada@example.com', phone: '+33612345678' } }), 'input.candidate.phone'],
      ['a blank name', () => invitationInput({ candidate: { name: ' ', email: 'ada@example.com', phone: null } }), 'input.candidate.name'],
      ['a blank email', () => invitationInput({ candidate: { name: 'Ada', email: '', phone: null } }), 'input.candidate.email'],
      ['a blank job application id', () => invitationInput({ options: { jobApplicationId: '  ' } }), 'input.micro1.jobApplicationId'],
      ['an unknown option', () => invitationInput({ options: { candidateId: 'abc' } }), 'input.micro1'],
    ];
    it.each(cases)('%s', async (_label, input, field) => {
      const error = await rejection(adapter.inviteCandidate!(input()));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.extensions.field).toBe(field);
      expect(sim.totalCalls()).toBe(0);
    });
  });

  it.each(['', 'interview~candidate'])('a locator that cannot be a template (%j) → NOT_FOUND without a call', async (templateLocator) => {
    const error = await rejection(adapter.inviteCandidate!(invitationInput({ templateLocator })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toContain(`"${templateLocator}"`);
    expect(sim.totalCalls()).toBe(0);
  });

  it('an unknown interview (micro1 404) → NOT_FOUND naming the template; one POST', async () => {
    const error = await rejection(adapter.inviteCandidate!(invitationInput({ templateLocator: '00000000-0000-4000-8000-000000000000' })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toBe('micro1 has no interview template "00000000-0000-4000-8000-000000000000".');
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('an unknown interview refused with a 400 ("Invalid interview_id") → NOT_FOUND too', async () => {
    sim.refuseWrites('Invalid interview_id');
    const error = await rejection(adapter.inviteCandidate!(invitationInput()));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('micro1 refusing the email (400) → VENDOR_VALIDATION_FAILED with its message; nothing created', async () => {
    const before = sim.dataset.invites.length;
    const error = await rejection(adapter.inviteCandidate!(invitationInput({ candidate: { name: 'Ada', email: 'not-an-email', phone: null } })));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions.vendorMessage).toBe('candidates[0].email is not a valid email');
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
    expect(sim.dataset.invites).toHaveLength(before);
  });

  it('HTTP 200 {status:false, message} → VENDOR_VALIDATION_FAILED', async () => {
    sim.envelopeFailure(true);
    const error = await rejection(adapter.inviteCandidate!(invitationInput()));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions.vendorMessage).toBe('Something went wrong, please try again later');
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('a 500 → VENDOR_UNAVAILABLE with outcomeUnknown; exactly one POST (no retry)', async () => {
    sim.configure({ errorRate: 1 });
    const error = await rejection(adapter.inviteCandidate!(invitationInput()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });
});

// ------------------------------------------------------------------ the simulator's write routes

describe('micro1 simulator write routes', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no interview_name', {}, /interview_name is required/],
    ['11 skills', { interview_name: 'x', skills: Array.from({ length: 11 }, (_, i) => ({ name: `S${i}` })) }, /at most 10 skills/],
    ['a skill without a name', { interview_name: 'x', skills: [{ description: 'y' }] }, /skills\[0\]\.name is required/],
    ['21 questions', { interview_name: 'x', custom_question_list: Array.from({ length: 21 }, () => ({ question: 'q' })) }, /at most 20 custom questions/],
    ['a 5-minute question', { interview_name: 'x', custom_question_list: [{ question: 'q', time: 5 }] }, /between 1 and 4 minutes/],
    ['a 0.5-minute question', { interview_name: 'x', custom_question_list: [{ question: 'q', time: 0.5 }] }, /between 1 and 4 minutes/],
    ['a video question', { interview_name: 'x', custom_question_list: [{ question: 'q', type: 'video' }] }, /audio, text/],
    ['an unknown language', { interview_name: 'x', interview_language: 'English' }, /interview_language must be one of/],
    ['an unknown coding language', { interview_name: 'x', selected_coding_language: 'Python' }, /selected_coding_language must be one of/],
    ['a string flag', { interview_name: 'x', is_proctoring_required: 'true' }, /must be a boolean/],
  ])('POST /interview: 400 {status:false, message} for %s, nothing stored', async (_label, body, message) => {
    const before = sim.dataset.templates.length;
    const answer = await rawPost('/interview', body);
    expect(answer).toEqual({ status: 400, body: { status: false, message: expect.stringMatching(message) } });
    expect(sim.dataset.templates).toHaveLength(before);
  });

  it('POST /interview: question defaults (2 minutes, audio) and micro1 defaults show in the list', async () => {
    const name = uniqueName('Defaults');
    const answer = await rawPost('/interview', { interview_name: name, custom_question_list: [{ question: 'q' }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: true, message: 'Interview created successfully' });
    expect(storedTemplate(name)).toMatchObject({
      custom_questions: [{ question: 'q', time: 120, type: 'audio' }],
      interview_language: 'English',
      selected_coding_language: 'User choice',
      can_change_interview_language: false,
      only_coding_round: false,
      is_coding_round_required: false,
      is_proctoring_required: true,
    });
  });

  it.each<[string, number, Record<string, unknown>, RegExp]>([
    ['no interview_id', 400, { candidates: [{ name: 'a', email: 'a@example.com' }] }, /interview_id is required/],
    ['an unknown interview_id', 404, { interview_id: 'nope', candidates: [{ name: 'a', email: 'a@example.com' }] }, /Interview not found/],
    ['no candidates', 400, { interview_id: '<template>' }, /candidates is required/],
    ['an empty candidate list', 400, { interview_id: '<template>', candidates: [] }, /candidates is required/],
    ['a candidate without a name', 400, { interview_id: '<template>', candidates: [{ email: 'a@example.com' }] }, /candidates\[0\]\.name is required/],
    [
      'a bad email (second candidate)',
      400,
      {
        interview_id: '<template>',
        candidates: [
          { name: 'a', email: 'a@example.com' },
          { name: 'b', email: 'b@' },
        ],
      },
      /candidates\[1\]\.email is not a valid email/,
    ],
  ])('POST /interview/invite: %s → %i {status:false, message}, nothing stored', async (_label, status, body, message) => {
    const before = sim.dataset.invites.length;
    const answer = await rawPost('/interview/invite', {
      ...body,
      ...(body.interview_id === '<template>' ? { interview_id: sim.dataset.templates[0].interview_id } : {}),
    });
    expect(answer).toEqual({ status, body: { status: false, message: expect.stringMatching(message) } });
    expect(sim.dataset.invites).toHaveLength(before);
  });

  it('POST /interview/invite: several candidates, one session each; candidate_id re-sends without a new session', async () => {
    const template = sim.dataset.templates[2];
    const emails = [`x.${(counter += 1)}@example.com`, `y.${(counter += 1)}@example.com`];
    const answer = await rawPost('/interview/invite', {
      interview_id: template.interview_id,
      candidates: emails.map((email) => ({ name: 'N', email })),
    });
    const invitations = (answer.body.data as { invitations: Array<{ candidate_id: string; candidate_email: string; invite_url: string }> }).invitations;
    expect(invitations.map((i) => i.candidate_email)).toEqual(emails);
    for (const [index, email] of emails.entries()) {
      expect(storedInvites(template.interview_id, email).map((i) => i.candidate_id)).toEqual([invitations[index].candidate_id]);
    }
    const before = sim.dataset.invites.length;
    const resent = await rawPost('/interview/invite', { interview_id: template.interview_id, candidate_id: invitations[0].candidate_id });
    expect(resent.body).toEqual({ status: true, message: 'Invitations sent successfully', data: { invitations: [invitations[0]] } });
    expect(sim.dataset.invites).toHaveLength(before);
  });
});
