/**
 * Typed calls to Evalyo's public API v1 over the shared VendorHttpClient (timeouts, status → typed
 * error, zod parsing). Only paths, parameters and envelopes live here; paging policy lives in the
 * adapter, mapping in the normaliser.
 *
 * Auth: `Authorization: Bearer <key>`. Keys carry scopes fixed at creation; the adapter needs
 * `interviews:read`, `candidates:read` (emails of interviews) and `jobs:read`; `reports:read`
 * only for `getReport`. A valid key lacking a scope gets 403, which the HTTP client maps to
 * VENDOR_AUTH_FAILED like a 401: an operator must issue a key with the right scopes.
 */
import { Provider } from '../../domain/provider';
import { VendorHttpClient } from '../http/vendor-http-client';
import type { ProviderHealth } from '../http/provider-health';
import type { VendorAdapterDeps } from '../vendor-adapter';
import {
  evalyoCandidateListSchema,
  evalyoCandidateResponseSchema,
  evalyoErrorBodySchema,
  evalyoInterviewDetailResponseSchema,
  evalyoInterviewListSchema,
  evalyoJobListSchema,
  evalyoJobResponseSchema,
  evalyoReportResponseSchema,
  type EvalyoPage,
  type RawEvalyoCandidate,
  type RawEvalyoInterview,
  type RawEvalyoInterviewDetail,
  type RawEvalyoJob,
  type RawEvalyoReport,
} from './evalyo.raw';

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

/**
 * One method per Evalyo endpoint the gateway reads. Ids are `encodeURIComponent`-ed into paths;
 * single-object reads answer null on 404.
 */
export class EvalyoClient {
  readonly http: VendorHttpClient;

  constructor(options: VendorAdapterDeps) {
    this.http = new VendorHttpClient({
      provider: Provider.EVALYO,
      baseUrl: options.baseUrl,
      authHeaders: { authorization: `Bearer ${options.apiKey}` },
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      logger: options.logger,
      observer: options.observer,
      describeError: describeEvalyoError,
    });
  }

  health(): ProviderHealth {
    return this.http.health.snapshot();
  }

  /** `GET /api/v1/jobs`: one page of jobs. */
  listJobs(query: EvalyoJobQuery): Promise<EvalyoPage<RawEvalyoJob>> {
    return this.http.getJson('/api/v1/jobs', evalyoJobListSchema, {
      route: EVALYO_ROUTES.listJobs,
      query: { page: query.page, pageSize: query.pageSize, status: query.status, department: query.department, workMode: query.workMode },
    });
  }

  /** `GET /api/v1/jobs/:id`; null on 404. */
  getJob(jobId: string): Promise<RawEvalyoJob | null> {
    return this.http.getJson(`/api/v1/jobs/${encodeURIComponent(jobId)}`, evalyoJobResponseSchema, {
      route: EVALYO_ROUTES.getJob,
      notFoundAsNull: true,
    });
  }

  /** `GET /api/v1/interviews`: one page of interviews (list fields only: no evaluation or transcript). */
  listInterviews(query: EvalyoInterviewQuery): Promise<EvalyoPage<RawEvalyoInterview>> {
    return this.http.getJson('/api/v1/interviews', evalyoInterviewListSchema, {
      route: EVALYO_ROUTES.listInterviews,
      query: { page: query.page, pageSize: query.pageSize, status: query.status, jobId: query.jobId, campaignId: query.campaignId },
    });
  }

  /** `GET /api/v1/interviews/:id`: the detail with evaluation, transcript and audioUrl; null on 404. */
  getInterview(interviewId: string): Promise<RawEvalyoInterviewDetail | null> {
    return this.http.getJson(`/api/v1/interviews/${encodeURIComponent(interviewId)}`, evalyoInterviewDetailResponseSchema, {
      route: EVALYO_ROUTES.getInterview,
      notFoundAsNull: true,
    });
  }

  /** `GET /api/v1/candidates`: one page of candidates. */
  listCandidates(query: EvalyoCandidateQuery): Promise<EvalyoPage<RawEvalyoCandidate>> {
    return this.http.getJson('/api/v1/candidates', evalyoCandidateListSchema, {
      route: EVALYO_ROUTES.listCandidates,
      query: {
        page: query.page,
        pageSize: query.pageSize,
        search: query.search,
        jobId: query.jobId,
        tags: query.tags && query.tags.length > 0 ? query.tags.join(',') : null,
      },
    });
  }

  /** `GET /api/v1/candidates/:id`; null on 404 (deleted candidates). */
  getCandidate(candidateId: string): Promise<RawEvalyoCandidate | null> {
    return this.http.getJson(`/api/v1/candidates/${encodeURIComponent(candidateId)}`, evalyoCandidateResponseSchema, {
      route: EVALYO_ROUTES.getCandidate,
      notFoundAsNull: true,
    });
  }

  /**
   * `GET /api/v1/reports/:reportId` (needs `reports:read`); null on 404. The adapter reads reports
   * from the interview detail instead (same evaluation, plus the transcript, one scope fewer).
   */
  getReport(reportId: string): Promise<RawEvalyoReport | null> {
    return this.http.getJson(`/api/v1/reports/${encodeURIComponent(reportId)}`, evalyoReportResponseSchema, {
      route: EVALYO_ROUTES.getReport,
      notFoundAsNull: true,
    });
  }

  /** Releases pooled connections. */
  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * A one-line description of an Evalyo error body `{ error: { code, message } }`, for the log
 * only (e.g. `403 FORBIDDEN: missing scope candidates:read`). Undefined for anything else.
 */
export function describeEvalyoError(status: number, body: unknown): string | undefined {
  const parsed = evalyoErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data.error;
  return `${status} ${code ?? 'ERROR'}${message ? `: ${message}` : ''}`;
}
