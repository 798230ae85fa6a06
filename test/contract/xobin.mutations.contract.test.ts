/**
 * Xobin's write path against the Xobin simulator on port 0: `inviteCandidate` →
 * `POST /ai-interviews/invite`. Pins the exact request body, the returned Interview, that the read
 * path finds what was written, every pre-call refusal (no request at all), and how Xobin's
 * refusals and failures come back (typed, never retried). Also pins the simulator's own invite
 * behaviour, since the adapter is only as good as it.
 */
import type { NewInvitation } from '../../src/domain/commands';
import { ExternalIdKind, InterviewStatus, type Interview } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { createSimulator, sandboxOptions, type XobinSimulator } from '../../src/vendors/xobin/sandbox/xobin.simulator';
import { createXobinAdapter, type XobinAdapter } from '../../src/vendors/xobin/xobin.adapter';
import { describeVendorContract } from '../support/vendor-contract';
import { rejection } from '../support/contract-helpers';
import quotaBody from '../fixtures/vendors/xobin/error.403.limit-exceed.json';

const API_KEY = 'xobin_mutations_test_key';
const INVITE = 'POST /ai-interviews/invite';
const REPORT = 'GET /ai-interviews/report/:response_id';
const INVITED = 'GET /ai-interviews/invited/:ai_interview_id';

let sim: XobinSimulator;
let adapter: XobinAdapter;
const { newAdapter } = describeVendorContract({
  simulator: () => createSimulator({ apiKey: API_KEY, port: 0 }),
  createAdapter: (deps, s) => createXobinAdapter({ ...deps, options: sandboxOptions(s) }),
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
  },
  reset: (s) => {
    s.exhaustInvites(false);
  },
});

/** A minimal valid invitation to AI interview 206 (Customer Support Specialist). */
function invitation(overrides: Partial<Omit<NewInvitation, 'candidate'>> & { candidate?: Partial<NewInvitation['candidate']> } = {}): NewInvitation {
  const { candidate, ...rest } = overrides;
  return {
    templateLocator: '206',
    candidate: { name: 'Alex Tanaka', email: 'alex.tanaka@example.com', phone: null, ...candidate },
    sendEmail: null,
    expiresAt: null,
    options: null,
    ...rest,
  };
}

/** The response id the simulator hands out next (Xobin's ids only grow). */
const nextResponseId = () => Math.max(...sim.dataset.responses.map((r) => r.responseId)) + 1;

const invite = (input: NewInvitation, target: XobinAdapter = adapter) => target.inviteCandidate(input);

describe('inviteCandidate: the request', () => {
  it('minimal input → exactly one POST with the four required keys; sendEmail null → sendlink', async () => {
    await invite(invitation());
    expect(sim.writes()).toEqual([
      {
        request: INVITE,
        body: { candidate_name: 'Alex Tanaka', candidate_email: 'alex.tanaka@example.com', ai_interview_id: 206, invite_format: 'sendlink' },
      },
    ]);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('every option: getlink, GMT dates to the minute (offsets converted, seconds dropped), trimmed custom_field_id', async () => {
    await invite(
      invitation({
        templateLocator: '305',
        sendEmail: false,
        expiresAt: '2099-07-20T20:30:45.123Z',
        options: { startsAt: '2099-07-18T12:00:59+02:00', customFieldId: '  CAND-2025-001 ' },
      }),
    );
    expect(sim.writes()).toEqual([
      {
        request: INVITE,
        body: {
          candidate_name: 'Alex Tanaka',
          candidate_email: 'alex.tanaka@example.com',
          ai_interview_id: 305,
          invite_format: 'getlink',
          start_date: '2099-07-18 10:00',
          expiry_date: '2099-07-20 20:30',
          custom_field_id: 'CAND-2025-001',
        },
      },
    ]);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('sendEmail true → sendlink; null options fields are left out', async () => {
    await invite(invitation({ sendEmail: true, options: { startsAt: null, customFieldId: null } }));
    expect(sim.writes().map((w) => w.body)).toEqual([
      { candidate_name: 'Alex Tanaka', candidate_email: 'alex.tanaka@example.com', ai_interview_id: 206, invite_format: 'sendlink' },
    ]);
  });
});

describe('inviteCandidate: the answer', () => {
  it('is the new response as an INVITED Interview with its invite link, built from the answer and the input', async () => {
    const responseId = nextResponseId();
    const interview = await invite(invitation({ options: { customFieldId: 'ATS-NEW-1' } }));
    const record = sim.dataset.response(responseId)!;
    expect(record).toBeDefined();
    const raw = {
      email: 'alex.tanaka@example.com',
      ai_interview_id: 206,
      ai_interview_name: 'Customer Support Specialist',
      response_id: responseId,
      invite_link: record.invite!.link,
      name: 'Alex Tanaka',
      status: 'Pending',
      custom_field_id: 'ATS-NEW-1',
    };
    expect(interview).toEqual<Interview>({
      kind: 'Interview',
      provider: Provider.XOBIN,
      locator: String(responseId),
      providerId: String(responseId),
      createdAt: null,
      updatedAt: null,
      raw,
      status: InterviewStatus.INVITED,
      statusRaw: 'Pending',
      decision: null,
      decisionRaw: null,
      // Xobin's invite answer carries no candidate_id.
      candidate: { provider: Provider.XOBIN, providerId: null, name: 'Alex Tanaka', email: 'alex.tanaka@example.com' },
      templateLocator: '206',
      templateName: 'Customer Support Specialist',
      inviteUrl: record.invite!.link,
      invitedAt: null,
      startedAt: null,
      completedAt: null,
      externalIds: [{ kind: ExternalIdKind.CUSTOM, id: 'ATS-NEW-1', source: 'custom_field_id' }],
    });
    expect(interview.inviteUrl).toMatch(/^https:\/\/app\.xobin\.com\//);
  });

  it('read-after-write: getInterviews finds it by the returned locator (one report call), its AI interview lists it last', async () => {
    const interview = await invite(invitation({ candidate: { name: 'Río Müller', email: 'Rio.Muller@Example.com' }, options: { customFieldId: 'ATS-RAW-1' } }));
    sim.resetCalls();

    const found = await adapter.getInterviews([interview.locator]);
    expect(sim.calls()).toEqual({ [REPORT]: 1 });
    const read = found.results[0] as Interview;
    expect(read).toMatchObject({
      locator: interview.locator,
      providerId: interview.providerId,
      status: InterviewStatus.INVITED,
      statusRaw: 'Pending',
      templateLocator: '206',
      templateName: 'Customer Support Specialist',
      candidate: { provider: Provider.XOBIN, name: 'Río Müller', email: 'Rio.Muller@Example.com' },
    });
    expect(read.candidate.providerId).toBe(String(sim.dataset.response(Number(interview.locator))!.candidateId));
    // A Pending response has no report yet.
    expect(found.related?.reports).toEqual([{ interviewLocator: interview.locator, report: null }]);

    const rows = await adapter.client.listInvited(206);
    expect(rows!.at(-1)?.parsed).toMatchObject({ response_id: Number(interview.locator), invite_status: 'Pending', ai_interview_id: 206 });
    const byField = await adapter.client.getReportByCustomField('ATS-RAW-1');
    expect(byField?.parsed).toMatchObject({ response_id: Number(interview.locator), custom_field_id: 'ATS-RAW-1', invite_status: 'Pending' });

    // The template is still served (configured; its name from a report of its responses).
    const templates = await adapter.getTemplates([interview.templateLocator!]);
    expect(templates.results[0]).toMatchObject({ locator: '206', name: 'Customer Support Specialist' });
  });

  it('the interview list of its template ends with it', async () => {
    const interview = await invite(invitation({ templateLocator: '318' }));
    const size = sim.dataset.aiInterview(318)!.responses.length;
    const last = await adapter.listInterviews({ first: 1, after: `318:${size - 2}`, templateLocator: '318' });
    expect(last.edges.map((e) => e.node.locator)).toEqual([interview.locator]);
    expect(last.hasNextPage).toBe(false);
  });

  it('not idempotent, as Xobin documents none: the same invite twice makes two responses (two POSTs)', async () => {
    const first = await invite(invitation({ templateLocator: '211' }));
    const second = await invite(invitation({ templateLocator: '211' }));
    expect(second.locator).not.toBe(first.locator);
    expect(Number(second.locator)).toBe(Number(first.locator) + 1);
    expect(sim.calls()).toEqual({ [INVITE]: 2 });
    // Same email → same candidate at Xobin.
    expect(sim.dataset.response(Number(second.locator))!.candidateId).toBe(sim.dataset.response(Number(first.locator))!.candidateId);
  });
});

describe('inviteCandidate: refused before any call', () => {
  const cases: Array<[string, NewInvitation, string, RegExp]> = [
    ['a phone number', invitation({ candidate: { phone: '+33612345678' } }), 'input.candidate.phone', /not supported by Xobin/],
    ['a blank name', invitation({ candidate: { name: '  ' } }), 'input.candidate.name', /requires the candidate name/],
    ['an empty email', invitation({ candidate: { email: '' } }), 'input.candidate.email', /requires the candidate email/],
    ['an unreadable expiresAt', invitation({ expiresAt: 'next tuesday' }), 'input.expiresAt', /ISO-8601/],
    ['an impossible expiresAt', invitation({ expiresAt: '2099-02-30T10:00:00Z' }), 'input.expiresAt', /ISO-8601/],
    ['an expiresAt without a zone', invitation({ expiresAt: '2099-07-20T20:30:00' }), 'input.expiresAt', /ISO-8601/],
    ['a date-only startsAt', invitation({ options: { startsAt: '2099-07-18' } }), 'input.xobin.startsAt', /ISO-8601/],
    [
      'startsAt after expiresAt',
      invitation({ expiresAt: '2099-07-18T10:00:00Z', options: { startsAt: '2099-07-19T10:00:00Z' } }),
      'input.xobin.startsAt',
      /must be before expiresAt/,
    ],
    [
      'startsAt in the same minute as expiresAt',
      invitation({ expiresAt: '2099-07-20T20:30:59Z', options: { startsAt: '2099-07-20T20:30:01Z' } }),
      'input.xobin.startsAt',
      /2099-07-20 20:30 GMT is not before 2099-07-20 20:30 GMT/,
    ],
    ['a blank customFieldId', invitation({ options: { customFieldId: '   ' } }), 'input.xobin.customFieldId', /must not be blank/],
    ['a non-string customFieldId', invitation({ options: { customFieldId: 42 } }), 'input.xobin.customFieldId', /string/],
    ['an unknown option', invitation({ options: { language: 'fr' } }), 'input.xobin', /language/],
  ];

  it.each(cases)('%s → BAD_USER_INPUT on its field, no request', async (_name, input, field, message) => {
    const error = await rejection(invite(input));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.field).toBe(field);
    expect(error.extensions.provider).toBe(Provider.XOBIN);
    expect(error.message).toMatch(message);
    expect(sim.totalCalls()).toBe(0);
  });

  it.each(['abc', '07', '-1', '6.5', '', '99999999999999999'])('template locator %j → NOT_FOUND naming it, no request', async (locator) => {
    const error = await rejection(invite(invitation({ templateLocator: locator })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toContain(`"${locator}"`);
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('inviteCandidate: Xobin says no', () => {
  it('an unknown ai_interview_id: Xobin’s 404 → NOT_FOUND naming the template (one POST)', async () => {
    const error = await rejection(invite(invitation({ templateLocator: '999' })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toBe('Xobin has no AI interview (interview template) with id "999".');
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('its validation (an expiry in the past, which only Xobin can judge) → VENDOR_VALIDATION_FAILED with its message, nothing created', async () => {
    const before = sim.dataset.responses.length;
    const error = await rejection(invite(invitation({ expiresAt: '2020-01-01T00:00:00Z' })));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions).toMatchObject({ provider: Provider.XOBIN, vendorMessage: 'expiry_date must be in the future' });
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(error.message).toBe('XOBIN rejected the request: expiry_date must be in the future');
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
    expect(sim.dataset.responses.length).toBe(before);
  });

  it('invites exhausted: 403 limit_exceed → VENDOR_QUOTA_EXCEEDED with its message and code (one POST)', async () => {
    sim.exhaustInvites(true);
    const before = sim.dataset.responses.length;
    const error = await rejection(invite(invitation()));
    expect(error.code).toBe(ErrorCode.VENDOR_QUOTA_EXCEEDED);
    expect(error.extensions).toMatchObject({
      provider: Provider.XOBIN,
      vendorMessage: 'Invites Exhausted. Please contact support.',
      vendorCode: 'limit_exceed',
    });
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
    expect(sim.dataset.responses.length).toBe(before);
    // A refusal is the account's problem, not a vendor failure.
    expect(adapter.health()).toMatchObject({ status: 'UP', consecutiveFailures: 0 });
  });

  it('a wrong key → VENDOR_AUTH_FAILED (one POST)', async () => {
    const wrong = newAdapter({ apiKey: 'wrong' });
    const error = await rejection(invite(invitation(), wrong));
    expect(error.code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(sim.calls()).toEqual({ [INVITE]: 1 });
  });

  it('a 500 → VENDOR_UNAVAILABLE with outcomeUnknown, not retried (exactly one POST)', async () => {
    sim.configure({ errorRate: 1 });
    try {
      const error = await rejection(invite(invitation()));
      expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
      expect(error.extensions.outcomeUnknown).toBe(true);
      expect(sim.calls()).toEqual({ [INVITE]: 1 });
    } finally {
      sim.configure({ errorRate: 0 });
    }
  });

  it('a hanging vendor → VENDOR_TIMEOUT with outcomeUnknown, not retried', async () => {
    const impatient = newAdapter({ timeoutMs: 200 });
    sim.configure({ hang: true });
    try {
      const error = await rejection(invite(invitation(), impatient));
      expect(error.code).toBe(ErrorCode.VENDOR_TIMEOUT);
      expect(error.extensions.outcomeUnknown).toBe(true);
      expect(sim.calls()).toEqual({ [INVITE]: 1 });
    } finally {
      sim.configure({ hang: false });
    }
  });
});

describe('the simulator’s invite speaks Xobin', () => {
  const post = (body: unknown) =>
    fetch(`${sim.url}/ai-interviews/invite`, { method: 'POST', headers: { apiKey: API_KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const valid = { candidate_name: 'Alex Tanaka', candidate_email: 'alex@example.com', ai_interview_id: 305, invite_format: 'getlink' };

  it('answers every key of the docs’ sketch, in order', async () => {
    const response = await post({ ...valid, start_date: '2099-07-18 10:00', expiry_date: '2099-07-20 20:30', custom_field_id: 'CAND-2025-001' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['email', 'ai_interview_id', 'ai_interview_name', 'response_id', 'invite_link', 'name', 'status', 'custom_field_id']);
    expect(body).toMatchObject({ email: 'alex@example.com', ai_interview_id: 305, name: 'Alex Tanaka', status: 'Pending', custom_field_id: 'CAND-2025-001' });
    const record = sim.dataset.response(body.response_id as number)!;
    expect(record.invite).toEqual({ link: body.invite_link, format: 'getlink', startDate: '2099-07-18 10:00', expiryDate: '2099-07-20 20:30' });
  });

  it('400 {error} for each documented validation failure', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...valid, candidate_name: undefined }, /candidate_name is required/],
      [{ ...valid, candidate_name: ' ' }, /candidate_name is required/],
      [{ ...valid, candidate_email: undefined }, /candidate_email is required/],
      [{ ...valid, candidate_email: 'not-an-email' }, /Invalid candidate_email/],
      [{ ...valid, ai_interview_id: undefined }, /ai_interview_id is required/],
      [{ ...valid, ai_interview_id: '305' }, /ai_interview_id must be an integer/],
      [{ ...valid, invite_format: 'sms' }, /invite_format must be/],
      [{ ...valid, invite_format: undefined }, /invite_format must be/],
      [{ ...valid, start_date: '2099-07-18T10:00:00Z' }, /Invalid start_date format/],
      [{ ...valid, expiry_date: '2099-02-30 10:00' }, /Invalid expiry_date format/],
      [{ ...valid, start_date: '2099-07-20 10:00', expiry_date: '2099-07-20 10:00' }, /expiry_date must be after start_date/],
      [{ ...valid, expiry_date: '2020-01-01 00:00' }, /expiry_date must be in the future/],
      [{ ...valid, custom_field_id: 7 }, /custom_field_id must be a string/],
    ];
    for (const [body, message] of bad) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error: string };
      expect(Object.keys(answer)).toEqual(['error']);
      expect(answer.error).toMatch(message);
    }
  });

  it('404 {error} for an unknown ai_interview_id; 403 limit_exceed (the docs’ body) while invites are exhausted', async () => {
    const unknown = await post({ ...valid, ai_interview_id: 1 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
    sim.exhaustInvites(true);
    const exhausted = await post(valid);
    expect(exhausted.status).toBe(403);
    expect(await exhausted.json()).toEqual(quotaBody);
  });

  it('logs the write for tests and counts it; GETs are not writes', async () => {
    await post(valid);
    await fetch(`${sim.url}/ai-interviews/invited/305`, { headers: { apiKey: API_KEY } });
    expect(sim.writes()).toEqual([{ request: INVITE, body: valid }]);
    expect(sim.calls()).toEqual({ [INVITE]: 1, [INVITED]: 1 });
  });
});
