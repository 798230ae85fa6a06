/**
 * Typed HeyMilo Public API v2 calls over the shared VendorHttpClient (timeouts, status → typed
 * error, zod parsing). Only paths and parameters live here; no mapping.
 */
import { Provider } from '../../domain/provider';
import { VendorHttpClient } from '../http/vendor-http-client';
import type { ProviderHealth } from '../http/provider-health';
import {
  heymiloApiErrorSchema,
  heymiloCandidateListResponseSchema,
  heymiloInterviewDataResponseSchema,
  heymiloPostingListResponseSchema,
  heymiloPostingResponseSchema,
  heymiloValidationErrorSchema,
  type RawHeymiloCandidateList,
  type RawHeymiloInterviewData,
  type RawHeymiloPosting,
  type RawHeymiloPostingList,
} from './heymilo.raw';
import type { VendorAdapterDeps } from '../vendor-adapter';

/** Largest `limit` HeyMilo accepts on its lists (1–100, default 20). */
export const HEYMILO_MAX_LIMIT = 100;

/** Route names for metrics/logs: templated, so ids never become label values. */
export const HEYMILO_ROUTES = {
  listPostings: 'GET /api/v2/postings',
  getPosting: 'GET /api/v2/postings/{posting_id}',
  listCandidates: 'GET /api/v2/postings/{posting_id}/candidates',
  interviewData: 'GET /api/v2/interviews/{interview_id}/data',
} as const;

/** Cursor page request: `limit` 1–100; `startingAfter` = id of the last item already seen. */
export interface HeymiloPageParams {
  limit: number;
  startingAfter?: string | null;
}

/** A candidates page; the date bounds filter on the candidate's `created_at` (ingestion time). */
export interface HeymiloCandidatePageParams extends HeymiloPageParams {
  /** Inclusive lower bound on `created_at`: ISO-8601 or Unix seconds (as a string). */
  createdAfter?: string | null;
  /** Inclusive upper bound on `created_at`. */
  createdBefore?: string | null;
}

/**
 * One method per HeyMilo endpoint the adapter reads. Authenticates with `X-API-KEY`; ids are
 * `encodeURIComponent`-ed into paths; single-object reads answer null on 404.
 */
export class HeymiloClient {
  private readonly http: VendorHttpClient;

  constructor(options: VendorAdapterDeps) {
    this.http = new VendorHttpClient({
      provider: Provider.HEYMILO,
      baseUrl: options.baseUrl,
      authHeaders: { 'X-API-KEY': options.apiKey },
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      logger: options.logger,
      observer: options.observer,
      describeError: describeHeymiloError,
    });
  }

  health(): ProviderHealth {
    return this.http.health.snapshot();
  }

  /** `GET /api/v2/postings`: postings in the vendor's order. */
  listPostings(params: HeymiloPageParams): Promise<RawHeymiloPostingList> {
    return this.http.getJson('/api/v2/postings', heymiloPostingListResponseSchema, {
      query: { limit: params.limit, starting_after: params.startingAfter },
      route: HEYMILO_ROUTES.listPostings,
    });
  }

  /** `GET /api/v2/postings/{posting_id}`; null on 404. */
  async getPosting(postingId: string): Promise<RawHeymiloPosting | null> {
    const body = await this.http.getJson(`/api/v2/postings/${encodeURIComponent(postingId)}`, heymiloPostingResponseSchema, {
      route: HEYMILO_ROUTES.getPosting,
      notFoundAsNull: true,
    });
    return body?.data ?? null;
  }

  /** `GET /api/v2/postings/{posting_id}/candidates`: one page of interviews; null when the posting does not exist. */
  listCandidates(postingId: string, params: HeymiloCandidatePageParams): Promise<RawHeymiloCandidateList | null> {
    return this.http.getJson(`/api/v2/postings/${encodeURIComponent(postingId)}/candidates`, heymiloCandidateListResponseSchema, {
      query: {
        limit: params.limit,
        starting_after: params.startingAfter,
        created_after: params.createdAfter,
        created_before: params.createdBefore,
      },
      route: HEYMILO_ROUTES.listCandidates,
      notFoundAsNull: true,
    });
  }

  /** `GET /api/v2/interviews/{interview_id}/data`; null on 404. Status `not_ready` until the candidate finishes. */
  async getInterviewData(interviewId: string): Promise<RawHeymiloInterviewData | null> {
    const body = await this.http.getJson(`/api/v2/interviews/${encodeURIComponent(interviewId)}/data`, heymiloInterviewDataResponseSchema, {
      route: HEYMILO_ROUTES.interviewData,
      notFoundAsNull: true,
    });
    return body?.data ?? null;
  }

  /** Releases pooled connections. */
  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * A one-line description of a HeyMilo error body, for the log only: `{error:{type,code,message}}`
 * (400/401/404/429) or FastAPI's `{detail:[{loc,msg,type}]}` (422). Undefined for anything else.
 */
export function describeHeymiloError(status: number, body: unknown): string | undefined {
  const api = heymiloApiErrorSchema.safeParse(body);
  if (api.success) {
    const { type, code, message, param } = api.data.error;
    const head = [type, code].filter(Boolean).join('/');
    return `${status} ${head}${message ? `: ${message}` : ''}${param ? ` (param ${param})` : ''}`.trim();
  }
  const validation = heymiloValidationErrorSchema.safeParse(body);
  if (validation.success) {
    const parts = validation.data.detail.map((d) => `${(d.loc ?? []).join('.')}: ${d.msg ?? d.type ?? 'invalid'}`);
    return `${status} validation error: ${parts.join('; ')}`;
  }
  return undefined;
}
