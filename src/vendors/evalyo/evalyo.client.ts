/**
 * Keys carry scopes fixed at creation: `interviews:read`, `candidates:read` (emails of
 * interviews), `jobs:read`, and `candidates:write` / `interviews:write` for inviteCandidate. A key
 * lacking a scope gets 403, mapped like a 401 to VENDOR_AUTH_FAILED: an operator must issue a key
 * with the right scopes. Writes are never retried: Evalyo documents no idempotency.
 */
import { ErrorCode } from '../../errors/error-code';
import { VendorError } from '../../errors/vendor.error';
import { type VendorHttpClient, vendorHttpClient, type VendorRejection } from '../kit/http/vendor-http-client';
import type { ProviderHealth } from '../kit/http/provider-health';
import { type DriftSink, IGNORE_DRIFT, toldDrift, type WithRaw } from '../kit/schema-drift';
import type { VendorAdapterDeps } from '../vendor-adapter';
import {
  evalyoCandidateListSchema,
  evalyoCandidateResponseSchema,
  evalyoCreatedInterviewResponseSchema,
  evalyoErrorBodySchema,
  evalyoInterviewDetailResponseSchema,
  evalyoInterviewListSchema,
  evalyoJobListSchema,
  evalyoJobResponseSchema,
  evalyoReportResponseSchema,
  type EvalyoNewCandidate,
  type EvalyoNewInterview,
  type EvalyoPage,
  type RawEvalyoCandidate,
  type RawEvalyoCreatedInterview,
  type RawEvalyoInterview,
  type RawEvalyoInterviewDetail,
  type RawEvalyoJob,
  type RawEvalyoReport,
} from './evalyo.raw';
import { EVALYO } from './evalyo.descriptor';

/** Largest `pageSize` Evalyo accepts (default 20). */
export const EVALYO_MAX_PAGE_SIZE = 100;

/** Route names for metrics/logs: templated, so ids never become label values (they match the simulator's counters). */
export const EVALYO_ROUTES = {
  listJobs: 'GET /api/v1/jobs',
  getJob: 'GET /api/v1/jobs/:id',
  listInterviews: 'GET /api/v1/interviews',
  getInterview: 'GET /api/v1/interviews/:id',
  listCandidates: 'GET /api/v1/candidates',
  getCandidate: 'GET /api/v1/candidates/:id',
  getReport: 'GET /api/v1/reports/:reportId',
  createCandidate: 'POST /api/v1/candidates',
  createInterview: 'POST /api/v1/interviews',
} as const;

/** `page` is 1-based; `pageSize` 1–100. */
export interface EvalyoPageQuery {
  page: number;
  pageSize: number;
}

export interface EvalyoJobQuery extends EvalyoPageQuery {
  /** `DRAFT | ACTIVE | PAUSED | CLOSED`. */
  status?: string | null;
  department?: string | null;
  /** `ONSITE | REMOTE | HYBRID`. */
  workMode?: string | null;
}

export interface EvalyoInterviewQuery extends EvalyoPageQuery {
  /** A vendor status word, upper case (`COMPLETED`). */
  status?: string | null;
  jobId?: string | null;
  campaignId?: string | null;
}

export interface EvalyoCandidateQuery extends EvalyoPageQuery {
  /** Name or email. */
  search?: string | null;
  jobId?: string | null;
  /** Sent comma-separated. */
  tags?: readonly string[] | null;
}

/** What `POST /api/v1/candidates` did: created the candidate, or found its email taken (409). */
export type EvalyoCandidateCreation = { created: RawEvalyoCandidate } | { exists: true };

/** Single-object reads answer null on 404. */
export class EvalyoClient {
  readonly http: VendorHttpClient;
  private readonly drift: DriftSink;

  constructor(options: VendorAdapterDeps) {
    this.drift = options.drift ?? IGNORE_DRIFT;
    this.http = vendorHttpClient(options, {
      provider: EVALYO,
      authHeaders: { authorization: `Bearer ${options.apiKey}` },
      describeError: describeEvalyoError,
      rejection: evalyoRejection,
    });
  }

  health(): ProviderHealth {
    return this.http.health.snapshot();
  }

  async listJobs(query: EvalyoJobQuery): Promise<EvalyoPage<WithRaw<RawEvalyoJob>>> {
    return this.toldPage(
      await this.http.getJson('/api/v1/jobs', evalyoJobListSchema, {
        route: EVALYO_ROUTES.listJobs,
        query: { page: query.page, pageSize: query.pageSize, status: query.status, department: query.department, workMode: query.workMode },
      }),
    );
  }

  async getJob(jobId: string): Promise<WithRaw<RawEvalyoJob> | null> {
    return toldDrift(
      await this.http.getJson(`/api/v1/jobs/${encodeURIComponent(jobId)}`, evalyoJobResponseSchema, {
        route: EVALYO_ROUTES.getJob,
        notFoundAsNull: true,
      }),
      this.drift,
    );
  }

  /** `GET /api/v1/interviews`: one page of interviews (list fields only: no evaluation or transcript). */
  async listInterviews(query: EvalyoInterviewQuery): Promise<EvalyoPage<WithRaw<RawEvalyoInterview>>> {
    return this.toldPage(
      await this.http.getJson('/api/v1/interviews', evalyoInterviewListSchema, {
        route: EVALYO_ROUTES.listInterviews,
        query: { page: query.page, pageSize: query.pageSize, status: query.status, jobId: query.jobId, campaignId: query.campaignId },
      }),
    );
  }

  /** `GET /api/v1/interviews/:id`: the detail with evaluation, transcript and audioUrl; null on 404. */
  async getInterview(interviewId: string): Promise<WithRaw<RawEvalyoInterviewDetail> | null> {
    return toldDrift(
      await this.http.getJson(`/api/v1/interviews/${encodeURIComponent(interviewId)}`, evalyoInterviewDetailResponseSchema, {
        route: EVALYO_ROUTES.getInterview,
        notFoundAsNull: true,
      }),
      this.drift,
    );
  }

  async listCandidates(query: EvalyoCandidateQuery): Promise<EvalyoPage<RawEvalyoCandidate>> {
    const page = await this.http.getJson('/api/v1/candidates', evalyoCandidateListSchema, {
      route: EVALYO_ROUTES.listCandidates,
      query: {
        page: query.page,
        pageSize: query.pageSize,
        search: query.search,
        jobId: query.jobId,
        tags: query.tags && query.tags.length > 0 ? query.tags.join(',') : null,
      },
    });
    // Candidates only feed the unified candidate account (no raw of their own).
    return { ...page, data: this.toldPage(page).data.map((c) => c.parsed) };
  }

  /** `GET /api/v1/candidates/:id`; null on 404 (deleted candidates). */
  async getCandidate(candidateId: string): Promise<RawEvalyoCandidate | null> {
    const read = await this.http.getJson(`/api/v1/candidates/${encodeURIComponent(candidateId)}`, evalyoCandidateResponseSchema, {
      route: EVALYO_ROUTES.getCandidate,
      notFoundAsNull: true,
    });
    return toldDrift(read, this.drift)?.parsed ?? null;
  }

  /** The adapter reads reports from the interview detail instead: same evaluation, plus the transcript, one scope fewer. */
  async getReport(reportId: string): Promise<WithRaw<RawEvalyoReport> | null> {
    return toldDrift(
      await this.http.getJson(`/api/v1/reports/${encodeURIComponent(reportId)}`, evalyoReportResponseSchema, {
        route: EVALYO_ROUTES.getReport,
        notFoundAsNull: true,
      }),
      this.drift,
    );
  }

  /** Evalyo emails are unique: its 409 for a taken email is `{ exists: true }`, so the caller looks the candidate up. */
  async createCandidate(body: EvalyoNewCandidate): Promise<EvalyoCandidateCreation> {
    try {
      const created = toldDrift(
        await this.http.postJson('/api/v1/candidates', body, evalyoCandidateResponseSchema, { route: EVALYO_ROUTES.createCandidate }),
        this.drift,
      );
      return { created: created.parsed };
    } catch (error) {
      if (isConflict(error)) return { exists: true };
      throw error;
    }
  }

  /** Unless `sendInvite` is false, Evalyo emails the invitation. Never retried. */
  async createInterview(body: EvalyoNewInterview): Promise<WithRaw<RawEvalyoCreatedInterview>> {
    return toldDrift(
      await this.http.postJson('/api/v1/interviews', body, evalyoCreatedInterviewResponseSchema, { route: EVALYO_ROUTES.createInterview }),
      this.drift,
    );
  }

  /** Each item of `page`, after telling the drift sink of its fields in another shape. */
  private toldPage<P extends object>(page: EvalyoPage<WithRaw<P>>): EvalyoPage<WithRaw<P>> {
    for (const item of page.data) toldDrift(item, this.drift);
    return page;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** E.g. `403 FORBIDDEN: missing scope candidates:read`. */
export function describeEvalyoError(status: number, body: unknown): string | undefined {
  const parsed = evalyoErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data.error;
  return `${status} ${code ?? 'ERROR'}${message ? `: ${message}` : ''}`;
}

/** evalyo.fr/en/docs/errors: these refuse a write as invalid whatever the HTTP status they come with. */
const EVALYO_INVALID_CODES = new Set(['JOB_CLOSED', 'CANDIDATE_NOT_IN_CAMPAIGN', 'INTERVIEW_ALREADY_COMPLETED', 'TEST_ALREADY_ASSIGNED']);

/**
 * 402 or `INSUFFICIENT_CREDITS` is quota (the FAQ: interviews spend credits). A 403 stays an auth
 * failure, other 4xx a disagreement about the API. Evalyo's error body names no fields.
 */
export function evalyoRejection(status: number, body: unknown): VendorRejection | undefined {
  const parsed = evalyoErrorBodySchema.safeParse(body);
  const code = parsed.success && typeof parsed.data.error.code === 'string' && parsed.data.error.code.trim() ? parsed.data.error.code.trim() : null;
  const message = parsed.success ? (parsed.data.error.message ?? null) : null;
  const word = code?.toUpperCase() ?? null;
  if (status === 402 || word === 'INSUFFICIENT_CREDITS') return { kind: 'quota', message, vendorCode: code };
  if (status === 400 || status === 409 || status === 422 || (word !== null && EVALYO_INVALID_CODES.has(word))) {
    return { kind: 'invalid', message, vendorCode: code };
  }
  return undefined;
}

/**
 * The HTTP client keeps the status only in the error's private `detail`; the status, not Evalyo's
 * `code` word, is what the docs promise for a taken email.
 */
function isConflict(error: unknown): boolean {
  return error instanceof VendorError && error.code === ErrorCode.VENDOR_VALIDATION_FAILED && error.detail?.status === 409;
}
