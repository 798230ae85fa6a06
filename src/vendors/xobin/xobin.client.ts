/** Each field Xobin sent in another shape is told to the drift sink here, once per object read. */
import type { ProviderHealth } from '../kit/http/provider-health';
import { type VendorHttpClient, vendorHttpClient, type VendorRejection } from '../kit/http/vendor-http-client';
import { type DriftSink, IGNORE_DRIFT, toldDrift, type WithRaw } from '../kit/schema-drift';
import type { VendorAdapterDeps } from '../vendor-adapter';
import {
  type RawXobinInviteAnswer,
  type RawXobinInvitee,
  type RawXobinReport,
  type XobinInviteRequest,
  xobinErrorSchema,
  xobinInviteAnswerReadSchema,
  xobinInviteeListSchema,
  xobinReportReadSchema,
} from './xobin.raw';
import { XOBIN } from './xobin.descriptor';

/** Route names for metrics and logs: templated, so ids never become label values. */
export const XOBIN_ROUTES = {
  report: 'GET /ai-interviews/report/{response_id}',
  reportByCustomField: 'GET /ai-interviews/report?custom_field_id',
  invited: 'GET /ai-interviews/invited/{ai_interview_id}',
  invite: 'POST /ai-interviews/invite',
} as const;

/** Ids are integers, validated by the adapter before calling; single-object reads answer null on 404. */
export class XobinClient {
  private readonly http: VendorHttpClient;
  private readonly drift: DriftSink;

  constructor(options: VendorAdapterDeps) {
    this.drift = options.drift ?? IGNORE_DRIFT;
    this.http = vendorHttpClient(options, {
      provider: XOBIN,
      authHeaders: { apiKey: options.apiKey },
      describeError: describeXobinError,
      rejection: xobinRejection,
    });
  }

  health(): ProviderHealth {
    return this.http.health.snapshot();
  }

  /** Always asks for the downloadable recording URLs: the only recording URLs the API hands out. Null on 404. */
  async getReport(responseId: number): Promise<WithRaw<RawXobinReport> | null> {
    const read = await this.http.getJson(`/ai-interviews/report/${responseId}`, xobinReportReadSchema, {
      query: { is_downloadable: true },
      route: XOBIN_ROUTES.report,
      notFoundAsNull: true,
    });
    return toldDrift(read, this.drift);
  }

  /** The answer then echoes `custom_field_id`. Null on 404. */
  async getReportByCustomField(customFieldId: string): Promise<WithRaw<RawXobinReport> | null> {
    const read = await this.http.getJson('/ai-interviews/report', xobinReportReadSchema, {
      query: { custom_field_id: customFieldId, is_downloadable: true },
      route: XOBIN_ROUTES.reportByCustomField,
      notFoundAsNull: true,
    });
    return toldDrift(read, this.drift);
  }

  /** No pagination; rows carry no email or name. Null when the AI interview is unknown (404). */
  async listInvited(aiInterviewId: number): Promise<Array<WithRaw<RawXobinInvitee>> | null> {
    const rows = await this.http.getJson(`/ai-interviews/invited/${aiInterviewId}`, xobinInviteeListSchema, {
      route: XOBIN_ROUTES.invited,
      notFoundAsNull: true,
    });
    for (const row of rows ?? []) toldDrift(row, this.drift);
    return rows;
  }

  /** Never retried: Xobin documents no idempotency, a repeat makes a second response. */
  async invite(body: XobinInviteRequest): Promise<WithRaw<RawXobinInviteAnswer>> {
    return toldDrift(await this.http.postJson('/ai-interviews/invite', body, xobinInviteAnswerReadSchema, { route: XOBIN_ROUTES.invite }), this.drift);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** `{error}` or the quota's `{message, error: 'limit_exceed'}`. */
export function describeXobinError(status: number, body: unknown): string | undefined {
  const parsed = xobinErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message } = parsed.data;
  return message ? `${status} ${error}: ${message}` : `${status} ${error}`;
}

/** Statuses at which Xobin's `{error}` body means "your input is wrong" (docs: validation errors). */
const VALIDATION_STATUSES = new Set([400, 409, 422]);

/**
 * The quota body is documented with HTTP 403 ("Invites Exhausted…"); any other 403 stays
 * VENDOR_AUTH_FAILED. When a body has both, `message` is the text and `error` its code. Xobin
 * names no fields in its errors.
 */
export function xobinRejection(status: number, body: unknown): VendorRejection | undefined {
  const parsed = xobinErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message } = parsed.data;
  if (error.trim().toLowerCase() === 'limit_exceed') return { kind: 'quota', message: message ?? error, vendorCode: error };
  if (!VALIDATION_STATUSES.has(status)) return undefined;
  return message ? { kind: 'invalid', message, vendorCode: error } : { kind: 'invalid', message: error };
}
