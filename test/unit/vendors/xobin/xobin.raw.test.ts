import pino from 'pino';
import { Provider } from '../../../support/providers';
import { xobin } from '../../../../src/vendors/xobin';
import { createXobinAdapter } from '../../../../src/vendors/xobin/xobin.adapter';
import { parseXobinAiInterviewIds } from '../../../../src/vendors/xobin/xobin.ids';
import { decodeXobinInterviewCursor, encodeXobinInterviewCursor } from '../../../../src/vendors/xobin/xobin.reads';
import { describeXobinError } from '../../../../src/vendors/xobin/xobin.client';
import { xobinInviteeListSchema, xobinReportSchema } from '../../../../src/vendors/xobin/xobin.raw';
import { ErrorCode } from '../../../../src/errors/error-code';
import { GatewayError } from '../../../../src/errors/gateway.error';
import completedSketch from '../../../fixtures/vendors/xobin/report.completed.seed001.json';
import pendingSketch from '../../../fixtures/vendors/xobin/report.pending.seed001.json';
import completedFixture from '../../../fixtures/vendors/xobin/report.completed.json';
import pendingFixture from '../../../fixtures/vendors/xobin/report.pending.json';
import invitedFixture from '../../../fixtures/vendors/xobin/invited.docs-example.json';
import error401 from '../../../fixtures/vendors/xobin/error.401.json';
import error403 from '../../../fixtures/vendors/xobin/error.403.limit-exceed.json';

/**
 * Checks `value` against seed 001's type sketch (`"integer"`, `"float"`, `"string"`, nested
 * objects, one-item arrays): same keys, values of the sketched types. `interview_recording`'s keys
 * are session timestamps in practice (the docs' note), not the sketch's `session1`/`session2`.
 */
function conforms(sketch: unknown, value: unknown, path = '$'): string[] {
  if (sketch === 'integer') return Number.isInteger(value) ? [] : [`${path}: not an integer`];
  if (sketch === 'float') return typeof value === 'number' ? [] : [`${path}: not a number`];
  if (sketch === 'string') return typeof value === 'string' ? [] : [`${path}: not a string`];
  if (Array.isArray(sketch)) {
    return Array.isArray(value) ? value.flatMap((item, i) => conforms(sketch[0], item, `${path}[${i}]`)) : [`${path}: not an array`];
  }
  const s = sketch as Record<string, unknown>;
  const v = value as Record<string, unknown>;
  if (path === '$.interview_recording') return Object.entries(v).flatMap(([key, url]) => conforms('string', url, `${path}.${key}`));
  const keys = (o: object) => Object.keys(o).sort();
  const problems = JSON.stringify(keys(s)) === JSON.stringify(keys(v)) ? [] : [`${path}: keys ${keys(v).join(',')} ≠ ${keys(s).join(',')}`];
  return [...problems, ...Object.keys(s).flatMap((key) => (key in v ? conforms(s[key], v[key], `${path}.${key}`) : []))];
}

/** The keys a zod object schema declares, recursively (object and array-of-object fields). */
function declaredKeys(schema: unknown, prefix = ''): string[] {
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown } }).def ?? {};
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'catch') return declaredKeys(def.innerType, prefix);
  if (def.type === 'array') return declaredKeys(def.element, `${prefix}[]`);
  if (def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([key, field]) => [`${prefix}${key}`, ...declaredKeys(field, `${prefix}${key}.`)]);
}

function sketchKeys(sketch: unknown, prefix = ''): string[] {
  if (Array.isArray(sketch)) return sketchKeys(sketch[0], `${prefix}[]`);
  if (typeof sketch !== 'object' || sketch === null) return [];
  return Object.entries(sketch).flatMap(([key, value]) =>
    // The recording map's keys are data (session keys), not fields.
    key === 'interview_recording' ? [`${prefix}${key}`] : [`${prefix}${key}`, ...sketchKeys(value, `${prefix}${key}.`)],
  );
}

describe('seed 001 (the documented report, both shapes)', () => {
  it('every field of both sketches is declared by the report schema (none silently stripped)', () => {
    const declared = new Set(declaredKeys(xobinReportSchema));
    // Nested fields are walked too (the check would be vacuous otherwise).
    expect(sketchKeys(completedSketch)).toHaveLength(28);
    expect(declared.has('conversation.[]timestamp') && declared.has('skill_wise_scores.nice_to_haves.[]skill_name')).toBe(true);
    expect(sketchKeys(completedSketch).filter((k) => !declared.has(k))).toEqual([]);
    expect(sketchKeys(pendingSketch).filter((k) => !declared.has(k))).toEqual([]);
  });

  it('the sketches themselves are type descriptions, not payloads: they do not parse', () => {
    expect(xobinReportSchema.safeParse(completedSketch).success).toBe(false);
    expect(xobinReportSchema.safeParse(pendingSketch).success).toBe(false);
  });

  it('the instantiated fixtures follow the sketches exactly (keys and types)', () => {
    expect(conforms(completedSketch, completedFixture)).toEqual([]);
    expect(conforms(pendingSketch, pendingFixture)).toEqual([]);
  });
});

describe('Xobin zod schemas', () => {
  it('accept both report shapes and keep unknown fields', () => {
    const body = { ...structuredClone(completedFixture), brand_new_field: { nested: true } };
    const parsed = xobinReportSchema.parse(body) as Record<string, unknown>;
    expect(parsed.brand_new_field).toEqual({ nested: true });
    expect(parsed.custom_field_id).toBe('CAND-2025-001');
    expect(xobinReportSchema.parse(structuredClone(pendingFixture))).toEqual(pendingFixture);
  });

  it('accept the documented invitee list', () => {
    const rows = xobinInviteeListSchema.parse(structuredClone(invitedFixture));
    expect(rows.map((r) => r.parsed)).toEqual(invitedFixture);
    expect(rows.map((r) => r.raw)).toEqual(invitedFixture);
  });

  it.each([
    ['response_id missing', (d: Record<string, unknown>) => delete d.response_id],
    ['response_id as a string', (d: Record<string, unknown>) => (d.response_id = '7421')],
    ['response_id not an integer', (d: Record<string, unknown>) => (d.response_id = 7421.5)],
  ])('reject a report whose naming id is unreadable: %s', (_name, mutate) => {
    const body = structuredClone(completedFixture) as Record<string, unknown>;
    mutate(body);
    expect(xobinReportSchema.safeParse(body).success).toBe(false);
  });

  it.each([
    ['score as a string', 'score', (d: Record<string, unknown>) => (d.score = '72')],
    ['invite_status as a number', 'invite_status', (d: Record<string, unknown>) => (d.invite_status = 3)],
    ['integrity_score as a string', 'integrity_score', (d: Record<string, unknown>) => (d.integrity_score = '8.5')],
    ['ai_interview_id as a string', 'ai_interview_id', (d: Record<string, unknown>) => (d.ai_interview_id = '305')],
    [
      'a conversation timestamp as a string',
      'conversation',
      (d: Record<string, unknown>) => ((d.conversation as Array<Record<string, unknown>>)[0].timestamp = '1752833703712'),
    ],
    [
      'a skill score as a string',
      'skill_wise_scores',
      (d: Record<string, unknown>) => ((d.skill_wise_scores as Record<string, Array<Record<string, unknown>>>).must_haves[0].score = 'eight'),
    ],
    ['the recording map as a list', 'interview_recording', (d: Record<string, unknown>) => (d.interview_recording = ['https://example.com/a.webm'])],
  ])('degrade drift to that one field: %s', (_name, field, mutate) => {
    const body = structuredClone(completedFixture) as Record<string, unknown>;
    mutate(body);
    const parsed = xobinReportSchema.parse(body) as Record<string, unknown>;
    expect(parsed[field]).toBeNull();
    // Every other field as sent.
    const { [field]: _drifted, ...rest } = body;
    expect(parsed).toMatchObject(rest);
  });

  it('reject an invitee list wrapped in an envelope, or a row without response_id', () => {
    expect(xobinInviteeListSchema.safeParse({ data: invitedFixture }).success).toBe(false);
    expect(xobinInviteeListSchema.safeParse([{ ...invitedFixture[0], response_id: undefined }]).success).toBe(false);
    expect(xobinInviteeListSchema.safeParse([{ ...invitedFixture[0], ai_interview_id: 'x' }]).success).toBe(false);
  });
});

describe('describeXobinError', () => {
  it('reads {error} and the quota body', () => {
    expect(describeXobinError(401, error401)).toBe('401 Invalid API key');
    expect(describeXobinError(403, error403)).toBe('403 limit_exceed: Invites Exhausted. Please contact support.');
  });

  it('gives up on anything else', () => {
    expect(describeXobinError(500, 'Internal Server Error')).toBeUndefined();
    expect(describeXobinError(500, { message: 'boom' })).toBeUndefined();
  });
});

describe('XOBIN_AI_INTERVIEW_IDS', () => {
  it('parses comma-separated ids in order, spaces and empty items ignored, duplicates dropped', () => {
    expect(parseXobinAiInterviewIds('206,211, 305 ,318,')).toEqual([206, 211, 305, 318]);
    expect(parseXobinAiInterviewIds('211,206,211')).toEqual([211, 206]);
    expect(parseXobinAiInterviewIds(undefined)).toEqual([]);
  });

  it.each(['abc', '206,x', '206;211', '0', '-5', '2.5', '007', ',', ' '])('refuses %j naming the variable', (value) => {
    expect(() => parseXobinAiInterviewIds(value)).toThrow(/^XOBIN_AI_INTERVIEW_IDS must be a comma-separated list of Xobin ai_interview_id values/);
  });

  it('the adapter fails fast at construction', () => {
    const deps = { apiKey: 'k', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000, connectTimeoutMs: 100, logger: pino({ level: 'silent' }) };
    expect(() => createXobinAdapter({ ...deps, options: { AI_INTERVIEW_IDS: '206,abc' } })).toThrow('XOBIN_AI_INTERVIEW_IDS');
    const adapter = createXobinAdapter({ ...deps, options: { AI_INTERVIEW_IDS: '206, 211' } });
    expect(adapter.aiInterviewIds).toEqual([206, 211]);
    return adapter.close();
  });
});

describe('registry entry', () => {
  it('describes Xobin and its option', () => {
    expect(xobin.descriptor).toMatchObject({
      provider: Provider.XOBIN,
      displayName: 'Xobin',
      defaultBaseUrl: 'https://app.xobin.com/api/v2',
      capabilities: {
        pagination: 'NONE',
        listInterviews: true,
        listTemplates: false,
        webhooks: true,
        createTemplates: false,
        inviteCandidates: true,
        numericScorecard: true,
        rateLimitPerMinute: null,
      },
      options: [{ name: 'AI_INTERVIEW_IDS', description: expect.stringContaining('ai_interview_id') }],
    });
  });
});

describe('interview cursors', () => {
  it('round-trip', () => {
    expect(decodeXobinInterviewCursor(encodeXobinInterviewCursor(211, 17))).toEqual({ aiInterviewId: 211, offset: 17 });
  });

  it.each(['', '211', '211:', ':3', '211:-1', 'a:1', '0:1', '211:1:2', '211:1e3'])('refuse %j as BAD_USER_INPUT', (cursor) => {
    let error: unknown;
    try {
      decodeXobinInterviewCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error instanceof GatewayError && error.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
