/**
 * A loopback simulator of the HeyMilo Public API v2, faithful to its OpenAPI document and
 * REFERENCE.md §2:
 * - auth `X-API-KEY` (also `Authorization: Bearer <key>`, which the spec accepts);
 * - `limit` 1–100 (default 20; else 422 FastAPI `{detail:[…]}`), `starting_after` unknown → 400;
 *   `created_after` / `created_before` inclusive, ISO-8601 (naive = UTC) or epoch seconds;
 * - `/data` answers `status: 'not_ready'` until the candidate has finished;
 * - recording URLs signed per response with `Expires=<unix seconds>`;
 * - writes per `heymilo.writes.ts`, not idempotent (a repeated ingest makes a second interview),
 *   as at HeyMilo; webhooks unsigned, as HeyMilo documents none.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSimServer, type VendorErrorStyle } from '../../kit/sandbox/sim-server';
import type { WebhookDelivery, Simulator, SimulatorOptions } from '../../kit/sandbox/simulator';
import {
  createHeymiloDataset,
  planHeymiloCompletion,
  type HeymiloDataset,
  type HeymiloInterviewRecord,
  type SimCandidate,
  type SimInterviewData,
} from './heymilo.data';
import { heymiloReplay, heymiloWebhookBody, type HeymiloSimWebhookEvent, type HeymiloWebhookBody } from './heymilo.webhooks';
import {
  apiError,
  buildCreatedPosting,
  buildIngestedInterview,
  checkCreatePosting,
  checkIngestCandidate,
  createdPostingBody,
  ingestedCandidateBody,
  type CreatePostingBody,
} from './heymilo.writes';
import type { components } from '../heymilo.openapi';
import { SeededRandom } from '../../kit/sandbox/data/random';
import { positionIndex } from '../../kit/sandbox/data/list-index';
import { WebhookSender } from '../../kit/sandbox/webhook-sender';
import { HEYMILO } from '../heymilo.descriptor';

export { HEYMILO_SIM_WEBHOOK_EVENTS, type HeymiloSimWebhookEvent, type HeymiloWebhookBody } from './heymilo.webhooks';

export type { WebhookDelivery } from '../../kit/sandbox/simulator';

/** The chassis options plus HeyMilo specifics. */
export interface HeymiloSimulatorOptions extends SimulatorOptions {
  /** Lifetime of signed recording URLs, in seconds from the moment of the response (default 3600). */
  signedUrlTtlSeconds?: number;
}

/** A running HeyMilo simulator: the chassis handle plus its data set and test switches. */
export interface HeymiloSimulator extends Simulator {
  readonly dataset: HeymiloDataset;
  /** `score` as a string and `interview_id` dropped: what a breaking vendor change looks like. */
  driftData(on: boolean): void;
  /** Where webhooks are POSTed (JSON); null (the default) switches delivery off. */
  deliverWebhooks(targetUrl: string | null): void;
  /** Throws when the interview has not reached that event (e.g. `report_available` before results). */
  webhookPayload(event: HeymiloSimWebhookEvent, interviewId: string, options?: { at?: number }): HeymiloWebhookBody;
  /** Resolves to the target's HTTP status; rejects when delivery is off, the body cannot be built, or the target is unreachable. */
  emitWebhook(event: HeymiloSimWebhookEvent, interviewId: string, options?: { at?: number }): Promise<number>;
  /**
   * Before each webhook the list row and `/data` change as HeyMilo's would, so REST agrees with
   * every webhook when it arrives. An unreachable target is recorded as status 0 and the sequence
   * goes on. Postings created through the API have no scripted answers, so their interviews cannot
   * be completed.
   */
  simulateCompletion(interviewId: string, options?: { at?: number }): Promise<WebhookDelivery[]>;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** HeyMilo's `APIErrorResponse` wording per status. */
export const heymiloErrorStyle: VendorErrorStyle = {
  body(status: number, message: string) {
    if (status === 401) return apiError('authentication_error', 'invalid_api_key', message);
    if (status === 404) return apiError('invalid_request_error', 'resource_missing', message);
    if (status === 429) return apiError('rate_limit_error', 'rate_limit_exceeded', message);
    if (status === 503) return apiError('api_error', 'service_unavailable', message);
    if (status >= 500) return apiError('api_error', 'internal_error', message);
    return apiError('invalid_request_error', 'invalid_request', message);
  },
};

/** Starts the simulator on 127.0.0.1 (`port` 0 picks a free one). The `SimulatorModule` entry point. */
export async function createSimulator(options: HeymiloSimulatorOptions): Promise<HeymiloSimulator> {
  const dataset = createHeymiloDataset(options.seed, options.extraInterviews);
  const ttl = options.signedUrlTtlSeconds ?? 3600;
  let drift = false;
  // Ids of objects created through the API: HeyMilo's style, from their own sequence (the seeded data is untouched).
  const writeIds = new SeededRandom(((options.seed ?? 2026) ^ 0x5eed_1d5) >>> 0);
  /** Where each interview sits in its posting's candidate list (`starting_after` without a scan). */
  const candidatePositions = positionIndex((i: HeymiloInterviewRecord) => i.interviewId);

  const routes = (app: FastifyInstance) => {
    app.get('/api/v2/postings', async (request, reply) => {
      const query = queryOf(request);
      const limit = parseLimit(query.limit, reply);
      if (limit === undefined) return reply;
      const search = query.search?.toLowerCase();
      const all = dataset.postings.map((p) => p.posting);
      const matching = search ? all.filter((p) => p.title.toLowerCase().includes(search)) : all;
      const start = startAfter(all, (p) => p.id, query.starting_after, reply);
      if (start === undefined) return reply;
      const rest = matching.filter((p) => all.indexOf(p) >= start);
      return listBody(rest.slice(0, limit), rest.length > limit, matching.length, '/api/v2/postings');
    });

    app.get('/api/v2/postings/:posting_id', async (request, reply) => {
      const { posting_id } = request.params as { posting_id: string };
      const record = dataset.posting(posting_id);
      if (!record) return missing(reply, 'posting', posting_id, 'posting_id');
      return { data: record.posting, meta: {} };
    });

    app.get('/api/v2/postings/:posting_id/candidates', async (request, reply) => {
      const { posting_id } = request.params as { posting_id: string };
      const record = dataset.posting(posting_id);
      if (!record) return missing(reply, 'posting', posting_id, 'posting_id');
      const query = queryOf(request);
      const limit = parseLimit(query.limit, reply);
      if (limit === undefined) return reply;
      const after = parseBound(query.created_after, 'created_after', reply);
      if (after === undefined) return reply;
      const before = parseBound(query.created_before, 'created_before', reply);
      if (before === undefined) return reply;
      if (after !== null && before !== null && before < after) {
        return reply
          .code(400)
          .send(apiError('invalid_request_error', 'invalid_date_range', 'created_before must not be earlier than created_after.', 'created_before'));
      }
      const all = record.interviews;
      const inRange = (i: (typeof all)[number]) => (after === null || i.createdAt >= after) && (before === null || i.createdAt <= before);
      const start = startAfter(all, (i) => i.interviewId, query.starting_after, reply, candidatePositions);
      if (start === undefined) return reply;
      const now = nowSeconds();
      const url = `/api/v2/postings/${posting_id}/candidates`;
      if (after === null && before === null) {
        // No date range: a slice (large data sets are not scanned per page).
        const page = all.slice(start, start + limit).map((i) => signCandidate(i.candidate, now + ttl));
        return listBody(page, all.length - start > limit, all.length, url);
      }
      const rest = all.slice(start).filter(inRange);
      const page = rest.slice(0, limit).map((i) => signCandidate(i.candidate, now + ttl));
      return listBody(page, rest.length > limit, all.filter(inRange).length, url);
    });

    app.post('/api/v2/postings', async (request, reply) => {
      const refusal = checkCreatePosting(request.body, dataset);
      if (refusal) return reply.code(refusal.status).send(refusal.body);
      const posting = buildCreatedPosting(request.body as CreatePostingBody, dataset, writeIds, nowSeconds());
      dataset.addPosting(posting);
      return reply.code(201).send(createdPostingBody(posting));
    });

    app.post('/api/v2/postings/:posting_id/candidates', async (request, reply) => {
      const { posting_id } = request.params as { posting_id: string };
      const refusal = checkIngestCandidate(request.body);
      if (refusal) return reply.code(refusal.status).send(refusal.body);
      const record = dataset.posting(posting_id);
      if (!record) return missing(reply, 'posting', posting_id, 'posting_id');
      const interview = buildIngestedInterview(
        request.body as components['schemas']['CandidateIngestRequest'],
        record.posting,
        dataset,
        writeIds,
        nowSeconds(),
      );
      dataset.addInterview(interview);
      return reply.code(201).send(ingestedCandidateBody(interview));
    });

    app.get('/api/v2/interviews/:interview_id/data', async (request, reply) => {
      const { interview_id } = request.params as { interview_id: string };
      const record = dataset.interview(interview_id);
      if (!record) return missing(reply, 'interview', interview_id, 'interview_id');
      const data: Record<string, unknown> = { ...signData(record.data, nowSeconds() + ttl) };
      if (drift) {
        data.score = String(data.score ?? 0);
        delete data.interview_id;
      }
      return { data, meta: {} };
    });
  };

  const simulator = await startSimServer({
    provider: HEYMILO,
    options,
    errorStyle: heymiloErrorStyle,
    authenticate(request, apiKey) {
      const header = request.headers['x-api-key'];
      if (typeof header === 'string' && header === apiKey) return true;
      const authorization = request.headers.authorization;
      return typeof authorization === 'string' && authorization === `Bearer ${apiKey}`;
    },
    routes,
  });

  const webhooks = new WebhookSender('HeyMilo-Webhooks (simulator)');
  const closeServer = simulator.close;
  const recordOf = (interviewId: string) => {
    const record = dataset.interview(interviewId);
    if (!record) throw new Error(`HeyMilo simulator: no interview ${interviewId}`);
    return record;
  };
  const payload = (event: HeymiloSimWebhookEvent, interviewId: string, options: { at?: number } = {}): HeymiloWebhookBody => {
    const record = recordOf(interviewId);
    const replay = heymiloReplay(record, event);
    return heymiloWebhookBody(record, event, {
      ...replay,
      occurredAt: options.at !== undefined ? Math.floor(options.at / 1000) : replay.occurredAt,
      data: event === 'report_available' ? signData(record.data, nowSeconds() + ttl) : undefined,
    });
  };
  const deliver = async (body: HeymiloWebhookBody, deliveries: WebhookDelivery[]) => {
    if (!webhooks.on) return;
    let status = 0;
    try {
      status = await webhooks.post(body);
    } catch {
      // A vendor would retry later; the simulated interview goes on.
    }
    deliveries.push({ event: body.event_type, body, status });
  };

  return Object.assign(simulator, {
    dataset,
    driftData(on: boolean) {
      drift = on;
    },
    deliverWebhooks(targetUrl: string | null) {
      webhooks.target = targetUrl;
    },
    webhookPayload: payload,
    async emitWebhook(event: HeymiloSimWebhookEvent, interviewId: string, options?: { at?: number }): Promise<number> {
      if (!webhooks.on) throw new Error('HeyMilo simulator: webhook delivery is off (call deliverWebhooks(url) first)');
      return webhooks.post(payload(event, interviewId, options));
    },
    async simulateCompletion(interviewId: string, options: { at?: number } = {}): Promise<WebhookDelivery[]> {
      const record = recordOf(interviewId);
      const wasStatus = record.status;
      const finishedAt = Math.floor((options.at ?? Math.max(Date.now(), (record.createdAt + 3600) * 1000)) / 1000);
      const plan = planHeymiloCompletion(dataset, interviewId, finishedAt);
      const deliveries: WebhookDelivery[] = [];
      if (wasStatus === 'pending') {
        plan.markStarted();
        await deliver(heymiloWebhookBody(record, 'interview_started', { occurredAt: plan.startedAt }), deliveries);
      }
      if (wasStatus === 'pending' || wasStatus === 'in_progress') {
        plan.markFinished();
        await deliver(heymiloWebhookBody(record, 'interview_completed', { occurredAt: plan.finishedAt }), deliveries);
      }
      plan.markEvaluated();
      await deliver(
        heymiloWebhookBody(record, 'report_available', { occurredAt: plan.evaluatedAt, data: signData(record.data, nowSeconds() + ttl) }),
        deliveries,
      );
      return deliveries;
    },
    async close() {
      await webhooks.close();
      await closeServer();
    },
  });
}

/* ------------------------------------------------------------------------- request parsing */

type Query = Record<string, string | undefined>;

/** Query values as single strings (FastAPI takes the last of repeated scalar parameters). */
function queryOf(request: FastifyRequest): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? String(value[value.length - 1]) : value === undefined ? undefined : String(value);
  }
  return out;
}

/** `limit` as FastAPI validates it; undefined when a 422 has been sent. */
function parseLimit(value: string | undefined, reply: FastifyReply): number | undefined {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^[+-]?\d+$/.test(value.trim())) {
    void reply.code(422).send(validationError('limit', 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', value));
    return undefined;
  }
  const limit = Number(value);
  if (limit < 1) {
    void reply.code(422).send(validationError('limit', 'greater_than_equal', 'Input should be greater than or equal to 1', value, { ge: 1 }));
    return undefined;
  }
  if (limit > MAX_LIMIT) {
    void reply.code(422).send(validationError('limit', 'less_than_equal', `Input should be less than or equal to ${MAX_LIMIT}`, value, { le: MAX_LIMIT }));
    return undefined;
  }
  return limit;
}

/** Index of the first item after `startingAfter`; undefined when a 400 has been sent. `positions` looks it up without a scan. */
function startAfter<T>(
  items: readonly T[],
  id: (item: T) => string,
  startingAfter: string | undefined,
  reply: FastifyReply,
  positions?: (items: readonly T[]) => ReadonlyMap<string, number>,
): number | undefined {
  if (startingAfter === undefined || startingAfter === '') return 0;
  const index = positions ? (positions(items).get(startingAfter) ?? -1) : items.findIndex((item) => id(item) === startingAfter);
  if (index < 0) {
    void reply
      .code(400)
      .send(
        apiError(
          'invalid_request_error',
          'invalid_starting_after',
          `starting_after '${startingAfter}' does not match any object in this list.`,
          'starting_after',
        ),
      );
    return undefined;
  }
  return index + 1;
}

/** Null when absent; undefined when a 400 has been sent. */
function parseBound(value: string | undefined, param: string, reply: FastifyReply): number | null | undefined {
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : /T|\s\d/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : `${trimmed}T00:00:00Z`;
  const millis = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(zoned) : Number.NaN;
  if (Number.isNaN(millis)) {
    void reply.code(400).send(apiError('invalid_request_error', 'invalid_date', `${param} must be an ISO-8601 datetime or Unix epoch seconds.`, param));
    return undefined;
  }
  return millis / 1000;
}

/* ------------------------------------------------------------------------- bodies */

function validationError(param: string, type: string, msg: string, input: string, ctx?: Record<string, number>) {
  return { detail: [{ type, loc: ['query', param], msg, input, ...(ctx ? { ctx } : {}) }] };
}

function missing(reply: FastifyReply, kind: string, id: string, param: string) {
  return reply.code(404).send(apiError('invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, param));
}

function listBody<T>(data: T[], hasMore: boolean, totalCount: number, url: string) {
  return { data, pagination: { has_more: hasMore, total_count: totalCount, url } };
}

/* ------------------------------------------------------------------------- signed URLs */

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** CloudFront-style signature: `Expires` (Unix seconds), `Signature`, `Key-Pair-Id`. */
function sign(url: string | null | undefined, expires: number): string | null {
  if (!url) return url ?? null;
  const signature = createHash('sha256').update(`${url}|${expires}`).digest('base64url').slice(0, 43);
  return `${url}?Expires=${expires}&Signature=${signature}&Key-Pair-Id=K2HEYMILOSIM01`;
}

function signCandidate(candidate: SimCandidate, expires: number): SimCandidate {
  const web = candidate.agent_summary?.web_interview;
  if (!web) return candidate;
  return {
    ...candidate,
    agent_summary: {
      ...candidate.agent_summary,
      web_interview: { ...web, audio_recording_link: sign(web.audio_recording_link, expires), video_recording_link: sign(web.video_recording_link, expires) },
    },
  };
}

function signData(data: SimInterviewData, expires: number): SimInterviewData {
  const web = data.web_interview;
  if (!web) return data;
  return {
    ...data,
    web_interview: { ...web, audio_recording_url: sign(web.audio_recording_url, expires), video_recording_url: sign(web.video_recording_url, expires) },
  };
}
