/**
 * Evalyo's invitation parts that need no simulator: request planning (validation, name split,
 * what is left out), the rejection classifier, the created-interview normaliser, and the
 * find-or-create edge cases a faithful simulator cannot produce (a 409 whose search finds
 * nobody, an unreadable 201 to the candidate POST).
 */
import type { NewInvitation } from '../../../../src/domain/commands';
import { InterviewStatus } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { ErrorCode } from '../../../../src/errors/error-code';
import { NotFoundError } from '../../../../src/errors/not-found.error';
import { VendorError } from '../../../../src/errors/vendor.error';
import { evalyoRejection, type EvalyoClient } from '../../../../src/vendors/evalyo/evalyo.client';
import { inviteEvalyoCandidate, planEvalyoInvitation } from '../../../../src/vendors/evalyo/evalyo.writes';
import { normalizeEvalyoCreatedInterview } from '../../../../src/vendors/evalyo/evalyo.normalize';
import { rejection } from '../../../support/contract-helpers';
import { thrown } from '../../../support/contract-helpers';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const JOB = 'cjob00000000000000000001';

function invitation(overrides: Partial<Omit<NewInvitation, 'candidate'>> & { candidate?: Partial<NewInvitation['candidate']> } = {}): NewInvitation {
  const { candidate, ...rest } = overrides;
  return {
    templateLocator: JOB,
    sendEmail: null,
    expiresAt: null,
    options: null,
    ...rest,
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null, ...candidate },
  };
}

describe('planEvalyoInvitation', () => {
  it.each([
    ['Ada Lovelace', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['  Jean   Pierre  de la Tour ', { firstName: 'Jean', lastName: 'Pierre de la Tour' }],
    ['Cher', { firstName: 'Cher' }],
    ['   ', {}],
  ])('splits the name %j into firstName and lastName, leaving empty parts out', (name, parts) => {
    expect(planEvalyoInvitation(invitation({ candidate: { name } }), NOW).candidate).toEqual({ email: 'ada@example.com', ...parts });
  });

  it('sends everything that is set, the expiry as UTC, sendEmail as sendInvite', () => {
    const plan = planEvalyoInvitation(
      invitation({
        candidate: { email: 'Ada@Example.com', phone: '+447911123456' },
        sendEmail: false,
        expiresAt: '2026-12-01T09:00:00+02:00',
        options: { campaignId: 'ccamp', stageId: 'cstage', configId: 'ccfg', locale: 'fr-CA' },
      }),
      NOW,
    );
    expect(plan).toEqual({
      candidate: { email: 'Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+447911123456', locale: 'fr-CA' },
      interview: { jobId: JOB, campaignId: 'ccamp', stageId: 'cstage', configId: 'ccfg', expiresAt: '2026-12-01T07:00:00.000Z', sendInvite: false },
    });
  });

  it('leaves out nulls: null options parse as none, null sendEmail keeps Evalyo’s default', () => {
    expect(planEvalyoInvitation(invitation({ options: { campaignId: null, locale: null } }), NOW).interview).toEqual({ jobId: JOB });
    expect(planEvalyoInvitation(invitation({ sendEmail: true }), NOW).interview).toEqual({ jobId: JOB, sendInvite: true });
  });

  it('refuses an expiry at or before now', () => {
    const at = new Date(NOW).toISOString();
    expect(thrown(() => planEvalyoInvitation(invitation({ expiresAt: at }), NOW)).extensions.field).toBe('input.expiresAt');
    expect(planEvalyoInvitation(invitation({ expiresAt: new Date(NOW + 1000).toISOString() }), NOW).interview.expiresAt).toBe(
      new Date(NOW + 1000).toISOString(),
    );
  });

  it('accepts E.164 phones of 7 to 15 digits only', () => {
    for (const phone of ['+1234567', '+123456789012345']) expect(planEvalyoInvitation(invitation({ candidate: { phone } }), NOW).candidate.phone).toBe(phone);
    for (const phone of ['+123456', '+1234567890123456', '+0612345678', '33612345678', '+33-6-12']) {
      const error = thrown(() => planEvalyoInvitation(invitation({ candidate: { phone } }), NOW));
      expect([error.code, error.extensions.field, error.message]).toEqual([
        ErrorCode.BAD_USER_INPUT,
        'input.candidate.phone',
        'input.candidate.phone: must be an E.164 number such as +33612345678.',
      ]);
    }
  });

  it('reports validation errors before an unusable template', () => {
    const error = thrown(() => planEvalyoInvitation(invitation({ templateLocator: 'a/b', candidate: { phone: '0612' } }), NOW));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    const missing = thrown(() => planEvalyoInvitation(invitation({ templateLocator: 'a/b' }), NOW));
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('names the options block in option errors', () => {
    expect(thrown(() => planEvalyoInvitation(invitation({ options: { stageId: 42 } }), NOW)).extensions.field).toBe('input.evalyo.stageId');
    expect(thrown(() => planEvalyoInvitation(invitation({ options: { locale: 'en_GB' } }), NOW)).message).toBe(
      'input.evalyo.locale: must be a language code such as en, fr or fr-CA.',
    );
  });
});

describe('evalyoRejection', () => {
  const body = (code: string, message = 'words') => ({ error: { code, message } });

  it.each([
    [402, body('PAYMENT_REQUIRED'), { kind: 'quota', message: 'words', vendorCode: 'PAYMENT_REQUIRED' }],
    [400, body('INSUFFICIENT_CREDITS'), { kind: 'quota', message: 'words', vendorCode: 'INSUFFICIENT_CREDITS' }],
    [422, body('JOB_CLOSED'), { kind: 'invalid', message: 'words', vendorCode: 'JOB_CLOSED' }],
    [403, body('CANDIDATE_NOT_IN_CAMPAIGN'), { kind: 'invalid', message: 'words', vendorCode: 'CANDIDATE_NOT_IN_CAMPAIGN' }],
    [409, body('CONFLICT'), { kind: 'invalid', message: 'words', vendorCode: 'CONFLICT' }],
    [400, body('VALIDATION_ERROR'), { kind: 'invalid', message: 'words', vendorCode: 'VALIDATION_ERROR' }],
    [422, 'not json', { kind: 'invalid', message: null, vendorCode: null }],
    [402, { error: { code: '  ' } }, { kind: 'quota', message: null, vendorCode: null }],
  ])('%i %j → %j', (status, payload, expected) => {
    expect(evalyoRejection(status, payload)).toEqual(expected);
  });

  it('leaves other 4xx alone (403 stays an auth failure, 410 a disagreement)', () => {
    expect(evalyoRejection(403, body('FORBIDDEN'))).toBeUndefined();
    expect(evalyoRejection(410, body('GONE'))).toBeUndefined();
  });
});

describe('normalizeEvalyoCreatedInterview', () => {
  const sent = { jobId: JOB, email: 'ada@example.com', name: ' Ada Lovelace ' };

  it('is INVITED whatever Evalyo says; statusRaw null without a word; falls back to what was sent', () => {
    const raw = { id: 'cint1', createdAt: '2026-11-20T10:00:00.000Z' };
    const interview = normalizeEvalyoCreatedInterview(raw, null, sent);
    expect(interview).toMatchObject({
      locator: 'cint1',
      providerId: 'cint1',
      raw,
      status: InterviewStatus.INVITED,
      statusRaw: null,
      candidate: { provider: Provider.EVALYO, providerId: null, name: 'Ada Lovelace', email: 'ada@example.com' },
      templateLocator: JOB,
      inviteUrl: null,
      invitedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(interview.raw).toBe(raw);
  });

  it('prefers the vendor’s candidate record and job', () => {
    const interview = normalizeEvalyoCreatedInterview(
      { id: 'cint2', status: 'DRAFT', candidateId: 'ccand', jobId: 'cotherjob', inviteUrl: 'https://app.evalyo.fr/interview/x' },
      { id: 'ccand', email: 'Ada@Example.com', firstName: 'Augusta', lastName: null },
      sent,
    );
    expect(interview).toMatchObject({
      status: InterviewStatus.INVITED,
      statusRaw: 'DRAFT',
      invitedAt: null,
      candidate: { providerId: 'ccand', name: 'Augusta', email: 'Ada@Example.com' },
      templateLocator: 'cotherjob',
      inviteUrl: 'https://app.evalyo.fr/interview/x',
    });
  });
});

describe('inviteEvalyoCandidate find-or-create edges', () => {
  function fakeClient(parts: Partial<Record<'createCandidate' | 'listCandidates' | 'createInterview', jest.Mock>>) {
    const client = {
      createCandidate: parts.createCandidate ?? jest.fn().mockResolvedValue({ exists: true }),
      listCandidates: parts.listCandidates ?? jest.fn().mockResolvedValue({ data: [] }),
      createInterview:
        parts.createInterview ?? jest.fn().mockResolvedValue({ parsed: { id: 'cint', status: 'INVITED' }, raw: { id: 'cint', status: 'INVITED' } }),
    };
    return { client, adapterClient: client as unknown as EvalyoClient };
  }

  it('picks the exact email among search hits, case-insensitively', async () => {
    const { client, adapterClient } = fakeClient({
      listCandidates: jest.fn().mockResolvedValue({
        data: [
          { id: 'cjoann', email: 'joann@example.com' },
          { id: 'cann', email: 'ANN@example.com' },
        ],
      }),
    });
    const interview = await inviteEvalyoCandidate(adapterClient, invitation({ candidate: { email: 'ann@example.com' } }));
    expect(client.listCandidates).toHaveBeenCalledWith({ page: 1, pageSize: 100, search: 'ann@example.com' });
    expect(client.createInterview).toHaveBeenCalledWith({ candidateId: 'cann', jobId: JOB });
    expect(interview.candidate).toMatchObject({ providerId: 'cann', email: 'ANN@example.com' });
  });

  it('409 but the search finds nobody with the email → VENDOR_BAD_RESPONSE, definite, no interview POST', async () => {
    const { client, adapterClient } = fakeClient({ listCandidates: jest.fn().mockResolvedValue({ data: [{ id: 'cjoann', email: 'joann@example.com' }] }) });
    const error = (await rejection(inviteEvalyoCandidate(adapterClient, invitation({ candidate: { email: 'ann@example.com' } })))) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect([error.code, error.outcomeUnknown, error.extensions.outcomeUnknown]).toEqual([ErrorCode.VENDOR_BAD_RESPONSE, false, undefined]);
    expect(client.createInterview).not.toHaveBeenCalled();
  });

  it('an unknown-outcome failure of the candidate step loses outcomeUnknown and keeps the rest', async () => {
    const original = new VendorError(ErrorCode.VENDOR_TIMEOUT, Provider.EVALYO, { outcomeUnknown: true, detail: { route: 'POST /api/v1/candidates' } });
    const { client, adapterClient } = fakeClient({ createCandidate: jest.fn().mockRejectedValue(original) });
    const error = (await rejection(inviteEvalyoCandidate(adapterClient, invitation()))) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect([error.code, error.message, error.outcomeUnknown, error.detail]).toEqual([ErrorCode.VENDOR_TIMEOUT, original.message, false, original.detail]);
    expect(error.extensions).toEqual({ code: ErrorCode.VENDOR_TIMEOUT, provider: Provider.EVALYO });
    expect(client.createInterview).not.toHaveBeenCalled();
  });

  it('a 404 from the candidate routes is the API disagreeing: VENDOR_BAD_RESPONSE, not NOT_FOUND', async () => {
    const { adapterClient } = fakeClient({ createCandidate: jest.fn().mockRejectedValue(new NotFoundError('EVALYO has no such object', Provider.EVALYO)) });
    const error = await rejection(inviteEvalyoCandidate(adapterClient, invitation()));
    expect(error.code).toBe(ErrorCode.VENDOR_BAD_RESPONSE);
  });

  it('an unknown-outcome failure of the interview POST keeps outcomeUnknown', async () => {
    const original = new VendorError(ErrorCode.VENDOR_UNAVAILABLE, Provider.EVALYO, { outcomeUnknown: true });
    const { adapterClient } = fakeClient({
      createCandidate: jest.fn().mockResolvedValue({ created: { id: 'cnew', email: 'ada@example.com' } }),
      createInterview: jest.fn().mockRejectedValue(original),
    });
    await expect(inviteEvalyoCandidate(adapterClient, invitation())).rejects.toBe(original);
  });
});
