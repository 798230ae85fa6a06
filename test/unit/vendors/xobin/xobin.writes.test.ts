import type { NewInvitation } from '../../../../src/domain/commands';
import { ExternalIdKind, InterviewStatus } from '../../../../src/domain/model';
import { Provider } from '../../../support/providers';
import { ErrorCode } from '../../../../src/errors/error-code';
import { xobinRejection } from '../../../../src/vendors/xobin/xobin.client';
import { buildXobinInvite, formatXobinDateTime, parseIsoDateTime } from '../../../../src/vendors/xobin/xobin.writes';
import { normalizeXobinInvitation } from '../../../../src/vendors/xobin/xobin.normalize';
import { xobinInviteAnswerSchema } from '../../../../src/vendors/xobin/xobin.raw';
import quotaBody from '../../../fixtures/vendors/xobin/error.403.limit-exceed.json';
import { thrown } from '../../../support/contract-helpers';

function invitation(overrides: Partial<NewInvitation> = {}): NewInvitation {
  return {
    templateLocator: '305',
    candidate: { name: 'alex tanaka', email: 'alex@example.com', phone: null },
    sendEmail: null,
    expiresAt: null,
    options: null,
    ...overrides,
  };
}

describe('buildXobinInvite', () => {
  it('builds the docs’ example request', () => {
    const plan = buildXobinInvite(
      invitation({ sendEmail: false, expiresAt: '2025-07-20T20:30:00Z', options: { startsAt: '2025-07-18T10:00:00Z', customFieldId: 'CAND-2025-001' } }),
    );
    expect(plan).toEqual({
      aiInterviewId: 305,
      body: {
        candidate_name: 'alex tanaka',
        candidate_email: 'alex@example.com',
        ai_interview_id: 305,
        invite_format: 'getlink',
        start_date: '2025-07-18 10:00',
        expiry_date: '2025-07-20 20:30',
        custom_field_id: 'CAND-2025-001',
      },
    });
    // The docs' key order.
    expect(Object.keys(plan.body)).toEqual([
      'candidate_name',
      'candidate_email',
      'ai_interview_id',
      'invite_format',
      'start_date',
      'expiry_date',
      'custom_field_id',
    ]);
  });

  it('sendEmail true or null → sendlink; absent options leave their keys out', () => {
    for (const sendEmail of [true, null]) {
      expect(buildXobinInvite(invitation({ sendEmail })).body).toEqual({
        candidate_name: 'alex tanaka',
        candidate_email: 'alex@example.com',
        ai_interview_id: 305,
        invite_format: 'sendlink',
      });
    }
  });

  it('refuses what Xobin cannot take, naming the field', () => {
    const cases: Array<[NewInvitation, string]> = [
      [invitation({ candidate: { name: 'a', email: 'a@b.co', phone: '+33612345678' } }), 'input.candidate.phone'],
      [invitation({ expiresAt: '2025-07-20 20:30' }), 'input.expiresAt'],
      [invitation({ options: { startsAt: 'soon' } }), 'input.xobin.startsAt'],
      [invitation({ expiresAt: '2025-07-20T20:30:00Z', options: { startsAt: '2025-07-20T20:30:00Z' } }), 'input.xobin.startsAt'],
      [invitation({ options: { customFieldId: '' } }), 'input.xobin.customFieldId'],
    ];
    for (const [input, field] of cases) {
      const error = thrown(() => buildXobinInvite(input));
      expect([error.code, error.extensions.field]).toEqual([ErrorCode.BAD_USER_INPUT, field]);
    }
  });

  it('a locator that is no ai_interview_id → NOT_FOUND naming it', () => {
    const error = thrown(() => buildXobinInvite(invitation({ templateLocator: 'job-305' })));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toBe('Xobin has no AI interview (interview template) with id "job-305".');
  });
});

describe('invite dates', () => {
  it('reads ISO-8601 with a zone: Z, offsets, fractions, lower-case t/z', () => {
    expect(parseIsoDateTime('2025-07-18T10:00:00Z')).toBe(Date.UTC(2025, 6, 18, 10, 0));
    expect(parseIsoDateTime('2025-07-18T12:00+02:00')).toBe(Date.UTC(2025, 6, 18, 10, 0));
    expect(parseIsoDateTime('2025-07-18T05:30:00.5-04:30')).toBe(Date.UTC(2025, 6, 18, 10, 0, 0, 500));
    expect(parseIsoDateTime('2025-07-18t10:00:00z')).toBe(Date.UTC(2025, 6, 18, 10, 0));
  });

  it('refuses anything else rather than guessing', () => {
    for (const value of [
      '2025-07-18',
      '2025-07-18T10:00:00',
      '2025-07-18 10:00',
      '2025-02-29T10:00:00Z',
      '2025-07-18T24:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-07-18T10:00:00+25:00',
      'Fri, 18 Jul 2025 10:00:00 GMT',
      '',
    ]) {
      expect(parseIsoDateTime(value)).toBeNull();
    }
    expect(parseIsoDateTime('2024-02-29T10:00:00Z')).toBe(Date.UTC(2024, 1, 29, 10, 0));
  });

  it('formats as Xobin reads them: YYYY-MM-DD HH:MM in GMT, seconds dropped', () => {
    expect(formatXobinDateTime(Date.UTC(2025, 6, 16, 23, 59, 59, 999))).toBe('2025-07-16 23:59');
    expect(formatXobinDateTime(Date.UTC(2025, 0, 2, 3, 4))).toBe('2025-01-02 03:04');
  });
});

describe('xobinRejection', () => {
  it('the documented quota body → quota, with its message and code', () => {
    expect(xobinRejection(403, quotaBody)).toEqual({ kind: 'quota', message: 'Invites Exhausted. Please contact support.', vendorCode: 'limit_exceed' });
  });

  it('{error} at 400/409/422 → invalid with that text; {message, error} → the message, error as code', () => {
    for (const status of [400, 409, 422])
      expect(xobinRejection(status, { error: 'Invalid candidate_email' })).toEqual({ kind: 'invalid', message: 'Invalid candidate_email' });
    expect(xobinRejection(400, { message: 'Candidate already invited', error: 'duplicate_invite' })).toEqual({
      kind: 'invalid',
      message: 'Candidate already invited',
      vendorCode: 'duplicate_invite',
    });
  });

  it('leaves everything else to the status mapping (a 403 that is not the quota stays an auth failure)', () => {
    expect(xobinRejection(403, { error: 'Forbidden' })).toBeUndefined();
    expect(xobinRejection(405, { error: 'Method not allowed' })).toBeUndefined();
    expect(xobinRejection(400, 'Bad Request')).toBeUndefined();
    expect(xobinRejection(400, { detail: [{ msg: 'x' }] })).toBeUndefined();
  });
});

describe('the invite answer', () => {
  const answer = {
    email: 'alex@example.com',
    ai_interview_id: 305,
    ai_interview_name: 'Senior Data Engineer',
    response_id: 7001,
    invite_link: 'https://app.xobin.com/ai-interview/start/abc',
    name: 'alex tanaka',
    status: 'Pending',
    custom_field_id: 'CAND-2025-001',
  };

  it('parses the docs’ shape, keeping unknown fields; without a readable response_id it fails, another field of another shape degrades', () => {
    expect(xobinInviteAnswerSchema.parse({ ...answer, extra: 1 })).toEqual({ ...answer, extra: 1 });
    expect(xobinInviteAnswerSchema.safeParse({ ...answer, response_id: '7001' }).success).toBe(false);
    expect(xobinInviteAnswerSchema.safeParse({ invite_link: 'x' }).success).toBe(false);
    expect(xobinInviteAnswerSchema.parse({ ...answer, invite_link: { url: 'x' } })).toEqual({ ...answer, invite_link: null });
  });

  it('becomes an INVITED Interview: response_id locator, the input’s candidate, the answer’s link and template', () => {
    const interview = normalizeXobinInvitation(xobinInviteAnswerSchema.parse(answer), { name: 'Alex Tanaka', email: 'Alex@Example.com', aiInterviewId: 305 });
    expect(interview).toEqual({
      kind: 'Interview',
      provider: Provider.XOBIN,
      locator: '7001',
      providerId: '7001',
      createdAt: null,
      updatedAt: null,
      raw: answer,
      status: InterviewStatus.INVITED,
      statusRaw: 'Pending',
      decision: null,
      decisionRaw: null,
      candidate: { provider: Provider.XOBIN, providerId: null, name: 'Alex Tanaka', email: 'Alex@Example.com' },
      templateLocator: '305',
      templateName: 'Senior Data Engineer',
      inviteUrl: 'https://app.xobin.com/ai-interview/start/abc',
      invitedAt: null,
      startedAt: null,
      completedAt: null,
      externalIds: [{ kind: ExternalIdKind.CUSTOM, id: 'CAND-2025-001', source: 'custom_field_id' }],
    });
  });

  it('a custom_field_id the answer does not echo is the one sent (Xobin accepted it); none sent, none', () => {
    const sparse = xobinInviteAnswerSchema.parse({ response_id: 7003 });
    expect(normalizeXobinInvitation(sparse, { name: 'A', email: 'a@example.com', aiInterviewId: 305, customFieldId: 'ATS-9' }).externalIds).toEqual([
      { kind: ExternalIdKind.CUSTOM, id: 'ATS-9', source: 'custom_field_id' },
    ]);
    expect(normalizeXobinInvitation(sparse, { name: 'A', email: 'a@example.com', aiInterviewId: 305 }).externalIds).toEqual([]);
  });

  it('a sparse answer: still INVITED, no status word, the template sent; a candidate_id when Xobin sends one', () => {
    const interview = normalizeXobinInvitation(xobinInviteAnswerSchema.parse({ response_id: 7002, candidate_id: 7100 }), {
      name: 'Alex Tanaka',
      email: 'alex@example.com',
      aiInterviewId: 305,
    });
    expect(interview).toMatchObject({
      locator: '7002',
      status: InterviewStatus.INVITED,
      statusRaw: null,
      templateLocator: '305',
      templateName: null,
      inviteUrl: null,
      candidate: { providerId: '7100', name: 'Alex Tanaka', email: 'alex@example.com' },
    });
  });
});
