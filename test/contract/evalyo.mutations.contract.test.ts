/**
 * Evalyo's write path against the Evalyo simulator on port 0: `inviteCandidate` finds or creates
 * the candidate (`POST /api/v1/candidates`, on 409 `GET /api/v1/candidates?search=`), then
 * creates the interview (`POST /api/v1/interviews`). Pins the exact requests (routes, queries,
 * JSON bodies), the returned Interview, read-after-write through the read path, validation
 * before any call, and the mapping of Evalyo's refusals. Also pins the simulator's own write
 * routes, since the adapter is only as right as it. Expectations come from the simulator's data
 * set, never from the code under test.
 */
import pino from 'pino';
import type { NewInvitation } from '../../src/domain/commands';
import { InterviewStatus, type Interview } from '../../src/domain/model';
import { Provider } from '../support/providers';
import { ErrorCode } from '../../src/errors/error-code';
import { interviewRow, type EvalyoDataset, type SimCandidate, type SimJob } from '../../src/vendors/evalyo/sandbox/evalyo.data';
import { createSimulator, type EvalyoSimulator } from '../../src/vendors/evalyo/sandbox/evalyo.simulator';
import { evalyo } from '../../src/vendors/evalyo';
import { createEvalyoAdapter, type EvalyoAdapter } from '../../src/vendors/evalyo/evalyo.adapter';
import type { VendorCallObserver } from '../../src/vendors/kit/http/vendor-http-client';
import { describeVendorContract } from '../support/vendor-contract';
import { rejection } from '../support/contract-helpers';

const API_KEY = 'evk_live_mutations_contract_key';
/** A valid key created without `candidates:write`. */
const READ_ONLY_KEY = 'evk_live_read_only';
const POST_CANDIDATES = 'POST /api/v1/candidates';
const SEARCH_CANDIDATES = 'GET /api/v1/candidates';
const POST_INTERVIEWS = 'POST /api/v1/interviews';
const INTERVIEW = 'GET /api/v1/interviews/:id';
const CANDIDATE = 'GET /api/v1/candidates/:id';
/** Far enough ahead for any run; sent back as `toISOString()`. */
const EXPIRES_AT = '2099-03-01T09:30:00Z';

let sim: EvalyoSimulator;
let adapter: EvalyoAdapter;
let dataset: EvalyoDataset;
const { newAdapter } = describeVendorContract({
  simulator: () =>
    createSimulator({
      apiKey: API_KEY,
      port: 0,
      scopedKeys: { [READ_ONLY_KEY]: ['interviews:read', 'interviews:write', 'candidates:read', 'jobs:read'] },
    }),
  createAdapter: createEvalyoAdapter,
  ready: (c) => {
    sim = c.sim;
    adapter = c.adapter;
    dataset = sim.dataset;
  },
  reset: (s) => {
    s.exhaustCredits(false);
  },
});

// ------------------------------------------------------------------ inputs and expectations

const jobOf = (status: SimJob['status']) => dataset.jobs.find((j) => j.status === status)!;
/** A campaign (with its stage and config) the ACTIVE job's interviews use. */
const campaignOfActiveJob = () => dataset.interviews.map((r) => r.detail).find((d) => d.jobId === jobOf('ACTIVE').id && d.campaignId !== null)!;
let counter = 0;
/** An email no candidate has yet. */
const freshEmail = () => `new.candidate.${(counter += 1)}.${Date.now()}@example.com`;

function invitation(overrides: Partial<Omit<NewInvitation, 'candidate'>> & { candidate?: Partial<NewInvitation['candidate']> } = {}): NewInvitation {
  const { candidate, ...rest } = overrides;
  return {
    templateLocator: jobOf('ACTIVE').id,
    sendEmail: null,
    expiresAt: null,
    options: null,
    ...rest,
    candidate: { name: 'Ada Lovelace', email: freshEmail(), phone: null, ...candidate },
  };
}

/** The newest interview of the data set (what a successful POST just added). */
const newest = () => dataset.interviews[0];
const candidateName = (c: SimCandidate) => [c.firstName, c.lastName].filter(Boolean).join(' ');
const withoutRaw = ({ raw: _raw, ...rest }: Interview) => rest;
/** As a read returns it: the candidate named by id only, its profile read when a field needs it. */
const asRead = (interview: Interview) => ({
  ...withoutRaw(interview),
  candidate: { provider: Provider.EVALYO, providerId: interview.candidate.providerId, name: null, email: null, deferred: true },
});

/** The Interview the adapter must return for the interview the simulator just created. */
function expectedInterview(candidate: SimCandidate): Interview {
  const { detail } = newest();
  return {
    kind: 'Interview',
    provider: Provider.EVALYO,
    locator: detail.id,
    providerId: detail.id,
    createdAt: detail.createdAt,
    updatedAt: detail.updatedAt,
    raw: interviewRow(detail),
    status: InterviewStatus.INVITED,
    statusRaw: detail.status,
    decision: null,
    decisionRaw: null,
    candidate: { provider: Provider.EVALYO, providerId: candidate.id, name: candidateName(candidate), email: candidate.email },
    templateLocator: detail.jobId,
    templateName: null,
    inviteUrl: detail.inviteUrl,
    invitedAt: detail.status === 'DRAFT' ? null : detail.createdAt,
    startedAt: null,
    completedAt: null,
  };
}

/** An adapter that tells `onCall` about every finished vendor call (to change knobs between two calls of one invitation). */
function observedAdapter(onCall: VendorCallObserver): EvalyoAdapter {
  const built = createEvalyoAdapter({
    apiKey: API_KEY,
    baseUrl: sim.url,
    timeoutMs: 5000,
    connectTimeoutMs: 1000,
    logger: pino({ level: 'silent' }),
    observer: onCall,
  });
  afterCleanups.push(() => built.close());
  return built;
}
const afterCleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(afterCleanups.splice(0).map((close) => close()));
});

// ------------------------------------------------------------------ capabilities

describe('capabilities', () => {
  it('invites candidates but creates no templates (jobs/configs are out of scope)', () => {
    expect(evalyo.descriptor.capabilities.inviteCandidates).toBe(true);
    expect(evalyo.descriptor.capabilities.createTemplates).toBe(false);
    expect(typeof adapter.inviteCandidate).toBe('function');
    expect(adapter.createTemplate).toBeUndefined();
  });
});

// ------------------------------------------------------------------ inviteCandidate

describe('inviteCandidate: a new email', () => {
  it('creates the candidate, then the interview: 2 calls with the exact bodies', async () => {
    const campaign = campaignOfActiveJob();
    const input = invitation({
      candidate: { name: '  Ada   Augusta King  ', phone: '+33612345678' },
      sendEmail: true,
      expiresAt: EXPIRES_AT,
      options: { campaignId: campaign.campaignId, stageId: campaign.stageId, configId: campaign.configId, locale: 'en' },
    });
    const interview = await adapter.inviteCandidate(input);

    const candidate = dataset.candidateByEmail(input.candidate.email)!;
    expect(candidate.personIndex).toBeNull();
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
    expect(sim.writes()).toEqual([
      { request: POST_CANDIDATES, body: { email: input.candidate.email, firstName: 'Ada', lastName: 'Augusta King', phone: '+33612345678', locale: 'en' } },
      {
        request: POST_INTERVIEWS,
        body: {
          candidateId: candidate.candidate.id,
          jobId: jobOf('ACTIVE').id,
          campaignId: campaign.campaignId,
          stageId: campaign.stageId,
          configId: campaign.configId,
          expiresAt: '2099-03-01T09:30:00.000Z',
          sendInvite: true,
        },
      },
    ]);

    expect(candidate.candidate).toMatchObject({ firstName: 'Ada', lastName: 'Augusta King', phone: '+33612345678', locale: 'en' });
    expect(newest().detail).toMatchObject({
      candidateId: candidate.candidate.id,
      status: 'INVITED',
      expiresAt: '2099-03-01T09:30:00.000Z',
      campaignId: campaign.campaignId,
    });
    expect(interview).toEqual(expectedInterview(candidate.candidate));
    expect(interview.inviteUrl).toMatch(/^https:\/\/app\.evalyo\.fr\/interview\/\w+$/);
  });

  it('sends only what is set: no phone, locale, options, expiry or sendInvite; a one-word name is a firstName', async () => {
    const input = invitation({ candidate: { name: 'Cher' } });
    const interview = await adapter.inviteCandidate(input);
    const candidate = dataset.candidateByEmail(input.candidate.email)!.candidate;
    expect(sim.writes()).toEqual([
      { request: POST_CANDIDATES, body: { email: input.candidate.email, firstName: 'Cher' } },
      { request: POST_INTERVIEWS, body: { candidateId: candidate.id, jobId: jobOf('ACTIVE').id } },
    ]);
    // Evalyo's defaults: locale fr, invitation sent, expiry 7 days after creation.
    expect(candidate.locale).toBe('fr');
    expect(Date.parse(newest().detail.expiresAt) - Date.parse(newest().detail.createdAt)).toBe(7 * 86_400_000);
    expect(interview).toEqual(expectedInterview(candidate));
    expect(interview.candidate.name).toBe('Cher');
  });

  it('read-after-write: getInterviews, listInterviews and the INVITED filter find it by its locator', async () => {
    const input = invitation({ candidate: { name: 'Grace Hopper' } });
    const interview = await adapter.inviteCandidate(input);
    sim.resetCalls();

    const [fetched] = (await adapter.getInterviews([interview.locator])).results as Interview[];
    expect(sim.calls()).toEqual({ [INTERVIEW]: 1 });
    expect(withoutRaw(fetched)).toEqual(asRead(interview));
    sim.resetCalls();
    expect((await adapter.getCandidates([interview.candidate.providerId!])).results).toEqual([
      { provider: Provider.EVALYO, providerId: interview.candidate.providerId, name: 'Grace Hopper', email: input.candidate.email },
    ]);
    expect(sim.calls()).toEqual({ [CANDIDATE]: 1 });

    const [listed] = (await adapter.listInterviews({ first: 1, after: null })).edges;
    expect(withoutRaw(listed.node)).toEqual(asRead(interview));
    const [invited] = (await adapter.listInterviews({ first: 1, after: null, status: InterviewStatus.INVITED, templateLocator: interview.templateLocator }))
      .edges;
    expect(invited.node.locator).toBe(interview.locator);
    // The template the interview names is the job it was created for.
    const [template] = (await adapter.getTemplates([interview.templateLocator!])).results;
    expect(template).toMatchObject({ locator: jobOf('ACTIVE').id, providerId: jobOf('ACTIVE').id });
  });
});

describe('inviteCandidate: an existing email', () => {
  /** A seeded candidate (a person of the pool) of the data set. */
  const seeded = () => dataset.candidates[5].candidate;

  it('409 on create → one search by email → the interview for that candidate: 3 calls, exact requests', async () => {
    const existing = seeded();
    const typed = existing.email.toUpperCase();
    const input = invitation({ candidate: { name: candidateName(existing), email: typed, phone: '+33700000000' } });
    const interview = await adapter.inviteCandidate(input);

    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [SEARCH_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
    expect(sim.requests()).toEqual([POST_CANDIDATES, `GET /api/v1/candidates?page=1&pageSize=100&search=${encodeURIComponent(typed)}`, POST_INTERVIEWS]);
    expect(sim.writes()).toEqual([
      { request: POST_CANDIDATES, body: { email: typed, firstName: existing.firstName, lastName: existing.lastName, phone: '+33700000000' } },
      { request: POST_INTERVIEWS, body: { candidateId: existing.id, jobId: jobOf('ACTIVE').id } },
    ]);
    // The existing record is what the read path shows (its email as Evalyo stores it), and it is unchanged.
    expect(dataset.candidate(existing.id)!.candidate).toEqual(existing);
    expect(interview).toEqual(expectedInterview(existing));
    expect(interview.candidate.email).toBe(existing.email);

    sim.resetCalls();
    const [fetched] = (await adapter.getInterviews([interview.locator])).results as Interview[];
    expect(withoutRaw(fetched)).toEqual(asRead(interview));
    const [account] = (await adapter.getCandidates([existing.id])).results;
    expect(account).toEqual(interview.candidate);
  });

  it('sendEmail false → sendInvite false: a DRAFT, INVITED with statusRaw DRAFT and no invitedAt', async () => {
    const existing = seeded();
    const interview = await adapter.inviteCandidate(invitation({ candidate: { name: candidateName(existing), email: existing.email }, sendEmail: false }));
    expect(sim.writes()[1]).toEqual({ request: POST_INTERVIEWS, body: { candidateId: existing.id, jobId: jobOf('ACTIVE').id, sendInvite: false } });
    expect(newest().detail.status).toBe('DRAFT');
    expect(interview).toEqual(expectedInterview(existing));
    expect([interview.status, interview.statusRaw, interview.invitedAt]).toEqual([InterviewStatus.INVITED, 'DRAFT', null]);
  });

  it('a candidate created by an earlier invitation is found again; each invitation is a new interview', async () => {
    const input = invitation({ candidate: { name: 'Katherine Johnson' } });
    const first = await adapter.inviteCandidate(input);
    sim.resetCalls();
    const second = await adapter.inviteCandidate(input);
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [SEARCH_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
    expect(second.locator).not.toBe(first.locator);
    expect(second.candidate).toEqual(first.candidate);
    expect(dataset.interviews.slice(0, 2).map((r) => r.detail.id)).toEqual([second.locator, first.locator]);
  });
});

describe('inviteCandidate: validation before any call', () => {
  it.each<[string, Parameters<typeof invitation>[0], string, RegExp]>([
    ['a phone without +', { candidate: { phone: '0612345678' } }, 'input.candidate.phone', /E\.164/],
    ['a phone with spaces', { candidate: { phone: '+33 6 12 34 56 78' } }, 'input.candidate.phone', /E\.164/],
    ['a phone too short', { candidate: { phone: '+331234' } }, 'input.candidate.phone', /E\.164/],
    ['a blank email', { candidate: { email: '   ' } }, 'input.candidate.email', /required/],
    ['an unreadable expiresAt', { expiresAt: 'next friday' }, 'input.expiresAt', /ISO-8601/],
    ['an expiresAt without a zone', { expiresAt: '2099-01-01T10:00:00' }, 'input.expiresAt', /ISO-8601/],
    ['a past expiresAt', { expiresAt: '2020-01-01T00:00:00Z' }, 'input.expiresAt', /future/],
    ['a locale that is not a code', { options: { locale: 'french' } }, 'input.evalyo.locale', /language code/],
    ['an upper-case locale', { options: { locale: 'FR' } }, 'input.evalyo.locale', /language code/],
    ['a campaignId that is no Evalyo id', { options: { campaignId: '../campaigns' } }, 'input.evalyo.campaignId', /Evalyo id/],
    ['a configId that is no Evalyo id', { options: { configId: 'a b' } }, 'input.evalyo.configId', /Evalyo id/],
    ['an option Evalyo does not have', { options: { language: 'fr' } }, 'input.evalyo', /language/],
  ])('%s → BAD_USER_INPUT on the field, no call', async (_name, overrides, field, message) => {
    const error = await rejection(adapter.inviteCandidate(invitation(overrides)));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.field).toBe(field);
    expect(error.extensions.provider).toBe(Provider.EVALYO);
    expect(error.message).toMatch(message);
    expect(sim.totalCalls()).toBe(0);
  });

  it.each([
    ['empty', ''],
    ['a path', '../jobs'],
    ['a slash', 'a/b'],
    ['too long', 'x'.repeat(200)],
  ])('a template locator that cannot be an Evalyo job (%s) → NOT_FOUND, no call, not echoed', async (_name, locator) => {
    const error = await rejection(adapter.inviteCandidate(invitation({ templateLocator: locator })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.extensions.provider).toBe(Provider.EVALYO);
    expect(error.message).toMatch(/job .*template/);
    if (locator) expect(error.message).not.toContain(locator);
    expect(sim.totalCalls()).toBe(0);
  });
});

describe('inviteCandidate: Evalyo refuses', () => {
  it('an unknown job (404) → NOT_FOUND naming the job; one interview POST, no retry', async () => {
    const error = await rejection(adapter.inviteCandidate(invitation({ templateLocator: 'cnojob0000000000000000000' })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toContain("job 'cnojob0000000000000000000'");
    expect(error.message).toMatch(/template/);
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
  });

  it('a CLOSED job → VENDOR_VALIDATION_FAILED with Evalyo’s message and code JOB_CLOSED; nothing created', async () => {
    const before = dataset.interviews.length;
    const error = await rejection(adapter.inviteCandidate(invitation({ templateLocator: jobOf('CLOSED').id })));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions).toMatchObject({
      provider: Provider.EVALYO,
      vendorMessage: 'The job is closed and no interview can be created for it.',
      vendorCode: 'JOB_CLOSED',
    });
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(error.message).toContain('The job is closed');
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
    expect(dataset.interviews).toHaveLength(before);
  });

  it('out of credits (402) → VENDOR_QUOTA_EXCEEDED with code INSUFFICIENT_CREDITS; one interview POST', async () => {
    sim.exhaustCredits(true);
    const error = await rejection(adapter.inviteCandidate(invitation()));
    expect(error.code).toBe(ErrorCode.VENDOR_QUOTA_EXCEEDED);
    expect(error.extensions).toMatchObject({ vendorCode: 'INSUFFICIENT_CREDITS', vendorMessage: expect.stringContaining('no interview credits left') });
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
  });

  it('an email Evalyo refuses (422 on the candidate) → VENDOR_VALIDATION_FAILED with its message; no interview POST', async () => {
    const error = await rejection(adapter.inviteCandidate(invitation({ candidate: { email: 'not-an-email' } })));
    expect(error.code).toBe(ErrorCode.VENDOR_VALIDATION_FAILED);
    expect(error.extensions).toMatchObject({ vendorMessage: 'email must be a valid email address.', vendorCode: 'VALIDATION_ERROR' });
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1 });
  });

  it('a 500 on the interview POST → VENDOR_UNAVAILABLE with outcomeUnknown; exactly one interview POST (no retry)', async () => {
    const observed = observedAdapter((call) => {
      // The candidate step went through: the interview POST is the one that fails.
      if (call.route === POST_CANDIDATES) sim.configure({ errorRate: 1 });
    });
    const error = await rejection(observed.inviteCandidate(invitation()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBe(true);
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [POST_INTERVIEWS]: 1 });
    expect(sim.writes().map((w) => w.request)).toEqual([POST_CANDIDATES]);
  });

  it('a 500 on the candidate POST → VENDOR_UNAVAILABLE without outcomeUnknown (nothing was invited); no interview POST', async () => {
    sim.configure({ errorRate: 1 });
    const error = await rejection(adapter.inviteCandidate(invitation()));
    sim.configure({ errorRate: 0 });
    expect(error.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(error.extensions.outcomeUnknown).toBeUndefined();
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1 });
  });

  it('a 500 on the search after a 409 → VENDOR_UNAVAILABLE without outcomeUnknown; no interview POST', async () => {
    const existing = dataset.candidates[7].candidate;
    const observed = observedAdapter((call) => {
      if (call.route === POST_CANDIDATES) sim.configure({ errorRate: 1 });
    });
    const error = await rejection(observed.inviteCandidate(invitation({ candidate: { email: existing.email } })));
    sim.configure({ errorRate: 0 });
    expect([error.code, error.extensions.outcomeUnknown]).toEqual([ErrorCode.VENDOR_UNAVAILABLE, undefined]);
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1, [SEARCH_CANDIDATES]: 1 });
  });

  it('a key without candidates:write (403) → VENDOR_AUTH_FAILED; no interview POST', async () => {
    const readOnly = newAdapter({ apiKey: READ_ONLY_KEY });
    const error = await rejection(readOnly.inviteCandidate(invitation()));
    expect(error.code).toBe(ErrorCode.VENDOR_AUTH_FAILED);
    expect(sim.calls()).toEqual({ [POST_CANDIDATES]: 1 });
  });
});

// ------------------------------------------------------------------ the simulator's write routes

describe('the simulator speaks Evalyo (writes)', () => {
  const post = (path: string, body: unknown, key = API_KEY) =>
    fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
  const get = async (path: string) => json(await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${API_KEY}` } }));

  it('POST /api/v1/candidates: 201 {data}, cuid-like id, defaults; then listed first, searchable and readable by id', async () => {
    const email = freshEmail();
    const response = await post('/api/v1/candidates', { email, firstName: 'Hedy', lastName: 'Lamarr', tags: ['vivier'], source: 'Referral' });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: SimCandidate };
    expect(data).toEqual({
      id: expect.stringMatching(/^c[0-9a-f]{24}$/),
      email,
      firstName: 'Hedy',
      lastName: 'Lamarr',
      phone: null,
      locale: 'fr',
      cvUrl: null,
      tags: ['vivier'],
      source: 'Referral',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(((await get('/api/v1/candidates?pageSize=1')).data as SimCandidate[])[0]).toEqual(data);
    expect((await get(`/api/v1/candidates?search=${encodeURIComponent(email.toUpperCase())}`)).data).toEqual([data]);
    expect((await get(`/api/v1/candidates/${data.id}`)).data).toEqual(data);
  });

  it('POST /api/v1/candidates: 409 CONFLICT for a taken email (any case), 422 for a missing or malformed one', async () => {
    const taken = dataset.candidates[0].candidate.email.toUpperCase();
    const conflict = await post('/api/v1/candidates', { email: taken });
    expect(conflict.status).toBe(409);
    expect(await json(conflict)).toEqual({ error: { code: 'CONFLICT', message: 'A candidate with this email already exists.' } });
    for (const body of [
      {},
      { email: '' },
      { email: 'nope' },
      { email: freshEmail(), firstName: 3 },
      { email: freshEmail(), locale: 'french' },
      { email: freshEmail(), tags: 'a,b' },
    ]) {
      const refused = await post('/api/v1/candidates', body);
      expect(refused.status).toBe(422);
      expect(await json(refused)).toEqual({ error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
    }
    expect((await post('/api/v1/candidates', { email: freshEmail() }, READ_ONLY_KEY)).status).toBe(403);
  });

  it('POST /api/v1/interviews: 201 with an INVITED list row, then listed first and readable; the same body twice is two interviews', async () => {
    const candidateId = dataset.candidates[2].candidate.id;
    const body = { candidateId, jobId: jobOf('ACTIVE').id };
    const first = (await json(await post('/api/v1/interviews', body))).data as { id: string; status: string; inviteUrl: string };
    const second = (await json(await post('/api/v1/interviews', body))).data as { id: string };
    expect(first.status).toBe('INVITED');
    expect(second.id).not.toBe(first.id);
    expect(((await get('/api/v1/interviews?pageSize=2')).data as Array<{ id: string }>).map((i) => i.id)).toEqual([second.id, first.id]);
    expect(((await get(`/api/v1/interviews/${first.id}`)).data as { inviteUrl: string }).inviteUrl).toBe(first.inviteUrl);
  });

  it('POST /api/v1/interviews: 400 mistyped, 404 unknown candidate or job, 422 JOB_CLOSED, 402 INSUFFICIENT_CREDITS', async () => {
    const candidateId = dataset.candidates[2].candidate.id;
    const active = jobOf('ACTIVE').id;
    const cases: Array<[unknown, number, string]> = [
      [{ candidateId, jobId: active, sendInvite: 'yes' }, 400, 'VALIDATION_ERROR'],
      [{ candidateId, jobId: active, campaignId: 7 }, 400, 'VALIDATION_ERROR'],
      [{ candidateId: 'cnope', jobId: active }, 404, 'NOT_FOUND'],
      [{ candidateId, jobId: 'cnope' }, 404, 'NOT_FOUND'],
      [{ candidateId, jobId: jobOf('CLOSED').id }, 422, 'JOB_CLOSED'],
      [{ candidateId, jobId: active, expiresAt: '2020-01-01T00:00:00Z' }, 422, 'VALIDATION_ERROR'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post('/api/v1/interviews', body);
      expect([response.status, ((await json(response)).error as { code: string }).code]).toEqual([status, code]);
    }
    sim.exhaustCredits(true);
    const broke = await post('/api/v1/interviews', { candidateId, jobId: active });
    expect(broke.status).toBe(402);
    expect(await json(broke)).toEqual({ error: { code: 'INSUFFICIENT_CREDITS', message: expect.any(String) } });
  });
});
