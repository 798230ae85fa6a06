import { type VendorHttpClient, vendorHttpClient, type VendorRejection } from '../kit/http/vendor-http-client';
import type { ProviderHealth } from '../kit/http/provider-health';
import {
  type HeymiloCandidateIngestRequest,
  type HeymiloCreatePostingRequest,
  heymiloApiErrorSchema,
  heymiloCandidateListResponseSchema,
  heymiloCreatePostingResponseSchema,
  heymiloIngestCandidateResponseSchema,
  heymiloInterviewDataResponseSchema,
  heymiloPostingListResponseSchema,
  heymiloPostingResponseSchema,
  heymiloValidationErrorSchema,
  type RawHeymiloCandidateList,
  type RawHeymiloCreatedPosting,
  type RawHeymiloIngestedCandidate,
  type RawHeymiloInterviewData,
  type RawHeymiloPosting,
  type RawHeymiloPostingList,
} from './heymilo.raw';
import { type DriftSink, IGNORE_DRIFT, toldDrift, type WithRaw } from '../kit/schema-drift';
import type { VendorAdapterDeps } from '../vendor-adapter';
import { HEYMILO } from './heymilo.descriptor';

/** Largest `limit` HeyMilo accepts on its lists (1–100, default 20). */
export const HEYMILO_MAX_LIMIT = 100;

/** Route names for metrics/logs: templated, so ids never become label values. */
export const HEYMILO_ROUTES = {
  listPostings: 'GET /api/v2/postings',
  getPosting: 'GET /api/v2/postings/{posting_id}',
  listCandidates: 'GET /api/v2/postings/{posting_id}/candidates',
  interviewData: 'GET /api/v2/interviews/{interview_id}/data',
  createPosting: 'POST /api/v2/postings',
  ingestCandidate: 'POST /api/v2/postings/{posting_id}/candidates',
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

/** Single-object reads answer null on 404; writes throw NOT_FOUND on 404. */
export class HeymiloClient {
  private readonly http: VendorHttpClient;
  private readonly drift: DriftSink;

  constructor(options: VendorAdapterDeps) {
    this.drift = options.drift ?? IGNORE_DRIFT;
    this.http = vendorHttpClient(options, {
      provider: HEYMILO,
      authHeaders: { 'X-API-KEY': options.apiKey },
      describeError: describeHeymiloError,
      rejection: heymiloRejection,
    });
  }

  health(): ProviderHealth {
    return this.http.health.snapshot();
  }

  async listPostings(params: HeymiloPageParams): Promise<RawHeymiloPostingList> {
    const page = await this.http.getJson('/api/v2/postings', heymiloPostingListResponseSchema, {
      query: { limit: params.limit, starting_after: params.startingAfter },
      route: HEYMILO_ROUTES.listPostings,
    });
    for (const item of page.data) toldDrift(item, this.drift);
    return page;
  }

  async getPosting(postingId: string): Promise<WithRaw<RawHeymiloPosting> | null> {
    const body = await this.http.getJson(`/api/v2/postings/${encodeURIComponent(postingId)}`, heymiloPostingResponseSchema, {
      route: HEYMILO_ROUTES.getPosting,
      notFoundAsNull: true,
    });
    return toldDrift(body?.data ?? null, this.drift);
  }

  /** `GET /api/v2/postings/{posting_id}/candidates`: one page of interviews; null when the posting does not exist. */
  async listCandidates(postingId: string, params: HeymiloCandidatePageParams): Promise<RawHeymiloCandidateList | null> {
    const page = await this.http.getJson(`/api/v2/postings/${encodeURIComponent(postingId)}/candidates`, heymiloCandidateListResponseSchema, {
      query: {
        limit: params.limit,
        starting_after: params.startingAfter,
        created_after: params.createdAfter,
        created_before: params.createdBefore,
      },
      route: HEYMILO_ROUTES.listCandidates,
      notFoundAsNull: true,
    });
    for (const item of page?.data ?? []) toldDrift(item, this.drift);
    return page;
  }

  /** `GET /api/v2/interviews/{interview_id}/data`; null on 404. Status `not_ready` until the candidate finishes. */
  async getInterviewData(interviewId: string): Promise<WithRaw<RawHeymiloInterviewData> | null> {
    const body = await this.http.getJson(`/api/v2/interviews/${encodeURIComponent(interviewId)}/data`, heymiloInterviewDataResponseSchema, {
      route: HEYMILO_ROUTES.interviewData,
      notFoundAsNull: true,
    });
    return toldDrift(body?.data ?? null, this.drift);
  }

  /** Never retried. */
  async createPosting(body: HeymiloCreatePostingRequest): Promise<WithRaw<RawHeymiloCreatedPosting>> {
    const answer = await this.http.postJson('/api/v2/postings', body, heymiloCreatePostingResponseSchema, { route: HEYMILO_ROUTES.createPosting });
    return toldDrift(answer.data, this.drift);
  }

  /** Never retried; one new interview per call. */
  async ingestCandidate(postingId: string, body: HeymiloCandidateIngestRequest): Promise<WithRaw<RawHeymiloIngestedCandidate>> {
    const answer = await this.http.postJson(`/api/v2/postings/${encodeURIComponent(postingId)}/candidates`, body, heymiloIngestCandidateResponseSchema, {
      route: HEYMILO_ROUTES.ingestCandidate,
    });
    return toldDrift(answer.data, this.drift);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** `{error:{type,code,message}}` (400/401/404/429) or FastAPI's `{detail:[{loc,msg,type}]}` (422). */
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

/**
 * `APIErrorResponse` or FastAPI's 422 `{detail:[…]}` (`loc` minus the leading `body`, joined with
 * `.`). HeyMilo documents no quota error, so every refusal is `invalid`. A 403 is left to the HTTP
 * client: the credential, not the input, is the problem.
 */
export function heymiloRejection(status: number, body: unknown): VendorRejection | undefined {
  if (status === 403) return undefined;
  const api = heymiloApiErrorSchema.safeParse(body);
  if (api.success) {
    const { code, message, param, errors } = api.data.error;
    const listed = (errors ?? []).flatMap((e) => (e.param ? [{ field: e.param, message: e.message ?? e.code ?? '' }] : []));
    const fields = listed.length > 0 ? listed : param ? [{ field: param, message: message ?? '' }] : [];
    return { kind: 'invalid', message: message ?? null, vendorCode: code ?? null, fields };
  }
  const validation = heymiloValidationErrorSchema.safeParse(body);
  if (validation.success) {
    const fields = validation.data.detail.map((d) => {
      const loc = (d.loc ?? []).map(String);
      const path = (loc[0] === 'body' ? loc.slice(1) : loc).join('.');
      return { field: path, message: d.msg ?? d.type ?? 'invalid' };
    });
    const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
    return { kind: 'invalid', message: message || null, fields: fields.filter((f) => f.field.length > 0) };
  }
  return undefined;
}
