/**
 * Paging policy lives in micro1.reads.ts, except the `*All` helpers (a short page ends the list).
 * Writes are never retried: micro1 documents no idempotency, a repeated invite is a second session.
 */
import { ErrorCode } from '../../errors/error-code';
import { VendorError } from '../../errors/vendor.error';
import type { Logger } from 'pino';
import { type VendorHttpClient, vendorHttpClient, safeVendorMessage, type VendorRejection } from '../kit/http/vendor-http-client';
import {
  isMicro1Refusal,
  micro1CreateInterviewAnswerSchema,
  micro1ErrorBodySchema,
  micro1InviteAnswerSchema,
  micro1InterviewListSchema,
  micro1InviteListSchema,
  micro1RecordingSchema,
  micro1ReportListSchema,
  type Micro1CreateInterviewRequest,
  type Micro1CreatedInterview,
  type Micro1Interview,
  type Micro1Invite,
  type Micro1InviteRequest,
  type Micro1InviteResult,
  type Micro1ListedReport,
  type Micro1Recording,
} from './micro1.raw';
import type { WithRaw } from '../kit/schema-drift';
import type { VendorAdapterDeps } from '../vendor-adapter';
import { MICRO1 } from './micro1.descriptor';

/** micro1's largest page; bigger `limit`s are capped by the vendor. */
export const MICRO1_MAX_LIMIT = 100;

/** micro1 sends no total, so a vendor that never sends a short page would be paged forever; past this it is a bad response. */
export const MICRO1_MAX_PAGES = 200;

export function endlessListError(route: string): VendorError {
  return new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, MICRO1, {
    detail: { route, reason: `no short page after ${MICRO1_MAX_PAGES} pages` },
  });
}

/** Route names (metrics/logs) — the vendor's paths, without query strings. */
export const MICRO1_ROUTES = {
  interviews: 'GET /interviews',
  invites: 'GET /interview/invites',
  reports: 'GET /interview/reports',
  recording: 'GET /interview/recording',
  createInterview: 'POST /interview',
  invite: 'POST /interview/invite',
} as const;

/** Filters shared by the invite and report lists. `page` is 1-based; `limit` is 1–100. */
export interface Micro1ListQuery {
  page: number;
  limit: number;
  interviewId?: string | null;
  candidateId?: string | null;
  keyword?: string | null;
}

/** Filters for the `*All` helpers (they page with limit 100 until a short page). */
export type Micro1FilterQuery = Omit<Micro1ListQuery, 'page' | 'limit'>;

/** Bodies are `{status:false, message}` (400/401/403/404) or `{status:false}` (500). */
export function describeMicro1Error(_status: number, body: unknown): string | undefined {
  const parsed = micro1ErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.message ?? undefined;
}

/**
 * micro1 sends no machine-readable code or field list and documents no quota answer. 401/403 and
 * other statuses are left to the HTTP client: auth failures or API disagreements, not refusals.
 */
export function micro1Rejection(status: number, body: unknown): VendorRejection | undefined {
  if (status !== 400 && status !== 402 && status !== 409 && status !== 422) return undefined;
  const parsed = micro1ErrorBodySchema.safeParse(body);
  return { kind: status === 402 ? 'quota' : 'invalid', message: parsed.success ? (parsed.data.message ?? null) : null };
}

export class Micro1Client {
  readonly http: VendorHttpClient;
  private readonly logger: Logger;

  constructor(options: VendorAdapterDeps) {
    this.logger = options.logger;
    this.http = vendorHttpClient(options, {
      provider: MICRO1,
      authHeaders: { 'x-api-key': options.apiKey },
      describeError: describeMicro1Error,
      rejection: micro1Rejection,
    });
  }

  async listInterviews(page: number, limit: number, keyword?: string | null): Promise<Array<WithRaw<Micro1Interview>>> {
    const body = await this.http.getJson('/interviews', micro1InterviewListSchema, {
      route: MICRO1_ROUTES.interviews,
      query: { page, limit, keyword },
    });
    return body.data;
  }

  async listInvites(query: Micro1ListQuery): Promise<Array<WithRaw<Micro1Invite>>> {
    const body = await this.http.getJson('/interview/invites', micro1InviteListSchema, {
      route: MICRO1_ROUTES.invites,
      query: listQuery(query),
    });
    return body.data;
  }

  /** Each report's ids and dates are read with the page; the rest when its `parsed` is first read. */
  async listReports(query: Micro1ListQuery): Promise<Micro1ListedReport[]> {
    const body = await this.http.getJson('/interview/reports', micro1ReportListSchema, {
      route: MICRO1_ROUTES.reports,
      query: listQuery(query),
    });
    return body.data;
  }

  listAllInvites(filter: Micro1FilterQuery): Promise<Array<WithRaw<Micro1Invite>>> {
    return pageAll(MICRO1_ROUTES.invites, (page, limit) => this.listInvites({ ...filter, page, limit }));
  }

  listAllReports(filter: Micro1FilterQuery): Promise<Micro1ListedReport[]> {
    return pageAll(MICRO1_ROUTES.reports, (page, limit) => this.listReports({ ...filter, page, limit }));
  }

  /** Null on 404 (unknown report) or `status:false` (no recording yet). */
  async getRecording(query: { reportId: string; candidateId?: string | null; sessionId?: string | null }): Promise<Micro1Recording | null> {
    const body = await this.http.getJson('/interview/recording', micro1RecordingSchema, {
      route: MICRO1_ROUTES.recording,
      query: { report_id: query.reportId, candidate_id: query.candidateId, session_id: query.sessionId },
      notFoundAsNull: true,
    });
    return body?.status && body.video_url ? body : null;
  }

  /** A 200 `{status:false, message}` is a refusal (VENDOR_VALIDATION_FAILED), like a 400. */
  async createInterview(request: Micro1CreateInterviewRequest): Promise<WithRaw<Micro1CreatedInterview>> {
    const route = MICRO1_ROUTES.createInterview;
    const answer = await this.http.postJson('/interview', request, micro1CreateInterviewAnswerSchema, { route });
    if (isMicro1Refusal(answer)) throw this.refusedOnSuccess(route, answer.message);
    return answer.data;
  }

  /** POST /interview/invite: invites candidates to an interview. One call, never retried; refusals as in createInterview. */
  async inviteCandidates(request: Micro1InviteRequest): Promise<WithRaw<Micro1InviteResult>> {
    const route = MICRO1_ROUTES.invite;
    const answer = await this.http.postJson('/interview/invite', request, micro1InviteAnswerSchema, { route });
    if (isMicro1Refusal(answer)) throw this.refusedOnSuccess(route, answer.message);
    return answer.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private refusedOnSuccess(route: string, message: string | null | undefined): VendorError {
    const error = refusedOnSuccessError(route, message);
    this.logger.info({ provider: MICRO1, code: error.code, detail: error.detail }, 'vendor refused a write');
    return error;
  }
}

/** micro1 said no and created nothing, so it reads exactly like a 400 refusal. */
function refusedOnSuccessError(route: string, message: string | null | undefined): VendorError {
  const vendorMessage = safeVendorMessage(message);
  return new VendorError(ErrorCode.VENDOR_VALIDATION_FAILED, MICRO1, {
    detail: { route, status: 200, vendorMessage: message ?? null, reason: 'status:false on an HTTP success' },
    message: vendorMessage ? `${MICRO1} rejected the request: ${vendorMessage}` : undefined,
    extensions: vendorMessage ? { vendorMessage } : {},
  });
}

function listQuery(query: Micro1ListQuery) {
  return {
    page: query.page,
    limit: query.limit,
    interview_id: query.interviewId,
    candidate_id: query.candidateId,
    keyword: query.keyword,
  };
}

/** Pages with the largest limit until micro1 returns a short page (it sends no total). */
export async function pageAll<T>(route: string, fetchPage: (page: number, limit: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page += 1) {
    if (page > MICRO1_MAX_PAGES) throw endlessListError(route);
    const items = await fetchPage(page, MICRO1_MAX_LIMIT);
    all.push(...items);
    if (items.length < MICRO1_MAX_LIMIT) return all;
  }
}
