/**
 * Typed calls to Xobin's AI Interviews API over the shared VendorHttpClient (timeouts, status →
 * typed error, zod parsing). Only paths and parameters live here; no mapping. Every object comes
 * back parsed and as sent (`WithRaw`), and each field Xobin sent in another shape is told to the
 * drift sink here, once per object read.
 */
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

/**
 * One method per Xobin endpoint the adapter uses. Authenticates with the `apiKey` header; ids
 * are integers (the adapter validates them before calling); single-object reads answer null on 404.
 * The one write (`invite`) is never retried, and Xobin's refusals become typed errors through
 * `xobinRejection`.
 */
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

  /**
   * `GET /ai-interviews/report/<response_id>?is_downloadable=true`: the full report once the
   * interview is completed, else the reduced object with `invite_status`. Always asks for the
   * downloadable recording URLs (the only recording URLs the API hands out). Null on 404.
   */
  async getReport(responseId: number): Promise<WithRaw<RawXobinReport> | null> {
    const read = await this.http.getJson(`/ai-interviews/report/${responseId}`, xobinReportReadSchema, {
      query: { is_downloadable: true },
      route: XOBIN_ROUTES.report,
      notFoundAsNull: true,
    });
    return toldDrift(read, this.drift);
  }

  /**
   * `GET /ai-interviews/report?custom_field_id=<id>&is_downloadable=true`: the report of the
   * response invited with that caller-chosen id (the answer then echoes `custom_field_id`). Null on 404.
   */
  async getReportByCustomField(customFieldId: string): Promise<WithRaw<RawXobinReport> | null> {
    const read = await this.http.getJson('/ai-interviews/report', xobinReportReadSchema, {
      query: { custom_field_id: customFieldId, is_downloadable: true },
      route: XOBIN_ROUTES.reportByCustomField,
      notFoundAsNull: true,
    });
    return toldDrift(read, this.drift);
  }

  /**
   * `GET /ai-interviews/invited/<ai_interview_id>`: every invitee of one AI interview, as a bare
   * array (no pagination; rows carry no email or name). Null when the AI interview is unknown (404).
   */
  async listInvited(aiInterviewId: number): Promise<Array<WithRaw<RawXobinInvitee>> | null> {
    const rows = await this.http.getJson(`/ai-interviews/invited/${aiInterviewId}`, xobinInviteeListSchema, {
      route: XOBIN_ROUTES.invited,
      notFoundAsNull: true,
    });
    for (const row of rows ?? []) toldDrift(row, this.drift);
    return rows;
  }

  /**
   * `POST /ai-interviews/invite`: one new response (a candidate attempt) of one AI interview, with
   * its invite link. Never retried (Xobin documents no idempotency: a repeat makes a second
   * response). 404 (unknown `ai_interview_id`) throws NotFoundError; 400/422 and the 403 quota
   * body are typed refusals (see xobinRejection).
   */
  async invite(body: XobinInviteRequest): Promise<WithRaw<RawXobinInviteAnswer>> {
    return toldDrift(await this.http.postJson('/ai-interviews/invite', body, xobinInviteAnswerReadSchema, { route: XOBIN_ROUTES.invite }), this.drift);
  }

  /** Releases pooled connections. */
  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * A one-line description of a Xobin error body, for the log only: `{error}` or the quota's
 * `{message, error: 'limit_exceed'}`. Undefined for anything else.
 */
export function describeXobinError(status: number, body: unknown): string | undefined {
  const parsed = xobinErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message } = parsed.data;
  return message ? `${status} ${error}: ${message}` : `${status} ${error}`;
}

/** Statuses at which Xobin's `{error}` body means "your input is wrong" (docs: validation errors). */
const VALIDATION_STATUSES = new Set([400, 409, 422]);

/**
 * Reads a refused write:
 * - `{message, error: 'limit_exceed'}` (documented with HTTP 403: "Invites Exhausted…") → quota,
 *   vendorCode `limit_exceed`, the message as the vendor's words;
 * - `{error: '<message>'}` at 400/409/422 → invalid, the `error` text as the vendor's words (when
 *   the body also has a `message`, that is the text and `error` its code);
 * - anything else → undefined: the client's status mapping applies, so a 403 that is not the quota
 *   stays VENDOR_AUTH_FAILED. Xobin names no fields in its errors, so `fields` is never set.
 */
export function xobinRejection(status: number, body: unknown): VendorRejection | undefined {
  const parsed = xobinErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message } = parsed.data;
  if (error.trim().toLowerCase() === 'limit_exceed') return { kind: 'quota', message: message ?? error, vendorCode: error };
  if (!VALIDATION_STATUSES.has(status)) return undefined;
  return message ? { kind: 'invalid', message, vendorCode: error } : { kind: 'invalid', message: error };
}
