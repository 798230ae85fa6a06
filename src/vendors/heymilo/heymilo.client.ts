/**
 * Typed HeyMilo Public API v2 calls over the shared VendorHttpClient (timeouts, status → typed
 * error, zod parsing; writes never retried). Only paths, parameters and the reading of HeyMilo's
 * error bodies live here; no mapping.
 */
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

/**
 * One method per HeyMilo endpoint the adapter calls. Authenticates with `X-API-KEY`; ids are
 * `encodeURIComponent`-ed into paths; single-object reads answer null on 404, writes throw
 * NOT_FOUND on 404 and VENDOR_VALIDATION_FAILED on a refusal (see heymiloRejection).
 */
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

  /** `GET /api/v2/postings`: postings in the vendor's order. */
  async listPostings(params: HeymiloPageParams): Promise<RawHeymiloPostingList> {
    const page = await this.http.getJson('/api/v2/postings', heymiloPostingListResponseSchema, {
      query: { limit: params.limit, starting_after: params.startingAfter },
      route: HEYMILO_ROUTES.listPostings,
    });
    for (const item of page.data) toldDrift(item, this.drift);
    return page;
  }

  /** `GET /api/v2/postings/{posting_id}`; null on 404. */
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

  /**
   * `POST /api/v2/postings` (201): creates a posting ("interviewer"). Never retried. 404 (an unknown
   * `interview_template_id`) is NotFoundError; 422 is VENDOR_VALIDATION_FAILED.
   */
  async createPosting(body: HeymiloCreatePostingRequest): Promise<WithRaw<RawHeymiloCreatedPosting>> {
    const answer = await this.http.postJson('/api/v2/postings', body, heymiloCreatePostingResponseSchema, { route: HEYMILO_ROUTES.createPosting });
    return toldDrift(answer.data, this.drift);
  }

  /**
   * `POST /api/v2/postings/{posting_id}/candidates` (201): ingests (invites) one candidate, which
   * makes one new interview. Never retried. 404 (no such posting) is NotFoundError; 422 is
   * VENDOR_VALIDATION_FAILED.
   */
  async ingestCandidate(postingId: string, body: HeymiloCandidateIngestRequest): Promise<WithRaw<RawHeymiloIngestedCandidate>> {
    const answer = await this.http.postJson(`/api/v2/postings/${encodeURIComponent(postingId)}/candidates`, body, heymiloIngestCandidateResponseSchema, {
      route: HEYMILO_ROUTES.ingestCandidate,
    });
    return toldDrift(answer.data, this.drift);
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

/**
 * What HeyMilo said when it refused a write (a 4xx other than 401/404/429), for
 * VENDOR_VALIDATION_FAILED:
 * - `APIErrorResponse` `{error:{type, code, message, param?, errors?:[{code, message, param}]}}`:
 *   `message`, `code` as the vendor code, and the fields from `errors[]` (else from `param`);
 * - FastAPI's 422 `{detail:[{loc, msg, type}]}`: one field per entry, `loc` joined with `.` minus
 *   the leading `body` (`["body","workflow",0,"questions",1,"text"]` → `workflow.0.questions.1.text`);
 *   the message lists them as `field: msg`.
 * HeyMilo documents no quota error, so every refusal is `invalid`. Undefined for a 403 (the
 * credential, not the input, is the problem: the HTTP client makes it VENDOR_AUTH_FAILED) and for
 * any other body (the client then falls back to its status-based reading).
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
