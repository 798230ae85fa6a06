/**
 * A loopback simulator of Evalyo's public API v1 (REFERENCE.md §4, seed 002, evalyo.fr/en/docs).
 * Faithful where the docs speak:
 * - `Authorization: Bearer <key>` with scopes: 401 for an unknown key, 403 for a key lacking the
 *   route's scope; error body `{ error: { code, message } }` on every HTTP ≥ 400;
 * - `pageSize` max 100 (beyond → 400 VALIDATION_ERROR); `X-RateLimit-*` per key and minute
 *   (Starter plan: 500);
 * - `POST /api/v1/candidates` per evalyo.fr/en/docs/endpoints/candidates (email unique,
 *   case-insensitively → 409 CONFLICT), `POST /api/v1/interviews` per seed 002 (`sendInvite` false
 *   → DRAFT, `expiresAt` default +7 days, 422 JOB_CLOSED, 402 INSUFFICIENT_CREDITS). No
 *   idempotency: the same body twice creates two interviews.
 * Where the docs are silent (response bodies) the shapes are the assumption `evalyo.raw.ts`
 * documents; recording URLs are signed per response for 24 h, as the FAQ's `recordingUrl`.
 * `simulateCompletion` (`POST /__sim/complete/:id`) finishes an interview as the agent's
 * `/finalize` would; Evalyo documents no webhooks, so none are sent.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATA_EPOCH } from '../../kit/sandbox/data/people';
import { groupIndex } from '../../kit/sandbox/data/list-index';
import { startSimServer, type VendorErrorStyle } from '../../kit/sandbox/sim-server';
import type { Simulator, SimulatorOptions, WebhookDelivery } from '../../kit/sandbox/simulator';
import {
  completeEvalyoInterview,
  createEvalyoDataset,
  EVALYO_ALL_SCOPES,
  EVALYO_APP,
  EVALYO_DEFAULT_SEED,
  EVALYO_STATUS_WORDS,
  interviewRow,
  type EvalyoDataset,
  type EvalyoInterviewRecord,
  type EvalyoStatusWord,
  type SimCandidate,
  type SimInterviewDetail,
  type SimReport,
  type SimTurn,
} from './evalyo.data';
import { EVALYO } from '../evalyo.descriptor';

export { createEvalyoDataset, type EvalyoDataset } from './evalyo.data';

export const EVALYO_SIM_DEFAULT_PAGE_SIZE = 20;
export const EVALYO_SIM_MAX_PAGE_SIZE = 100;
/** Starter plan budget per key and minute. */
export const EVALYO_SIM_RATE_LIMIT = 500;

/** The chassis options plus Evalyo specifics. */
export interface EvalyoSimulatorOptions extends SimulatorOptions {
  /** More accepted keys, each with its scopes (the main `apiKey` has every scope). */
  scopedKeys?: Readonly<Record<string, readonly string[]>>;
  /** Lifetime of signed recording URLs, in seconds from the response (default 86400: the FAQ's 24 h). */
  signedUrlTtlSeconds?: number;
  /** Requests per key and minute reported in `X-RateLimit-Limit` (default 500). */
  rateLimitPerMinute?: number;
  /** Answer 429 once a key spends its per-minute budget (default false: headers only, so tests can page freely). */
  enforceRateLimit?: boolean;
}

/** A running Evalyo simulator: the chassis handle plus its data set and test switches. */
export interface EvalyoSimulator extends Simulator {
  /** The data set served, in served order (tests compute expectations from it). */
  readonly dataset: EvalyoDataset;
  /** `status` dropped and `createdAt` sent as epoch seconds. */
  driftInterviews(on: boolean): void;
  /** 402 INSUFFICIENT_CREDITS after validation, before creating anything; not reset by `resetCalls()`. */
  exhaustCredits(on: boolean): void;
  /**
   * Finishes an INVITED or IN_PROGRESS interview as Evalyo's agent does (`completeEvalyoInterview`),
   * ended at `at` (ms, default now). Evalyo sends no webhooks, so there are none to report: the
   * gateway sees the change when it reads the interview again. Throws for an unknown id and for a
   * DRAFT, COMPLETED, CANCELLED or EXPIRED interview.
   */
  simulateCompletion(interviewId: string, options?: { at?: number }): Promise<WebhookDelivery[]>;
}

const ERROR_CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  402: 'INSUFFICIENT_CREDITS',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** `{ error: { code, message } }`; the code is a machine-readable constant (evalyo.fr/en/docs/errors). */
export const evalyoErrorStyle: VendorErrorStyle = {
  body(status: number, message: string) {
    return errorBody(ERROR_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message);
  },
};

/** The scope each route needs (evalyo.fr/en/docs/authentication). */
const ROUTE_SCOPES: Record<string, string> = {
  'GET /api/v1/interviews': 'interviews:read',
  'GET /api/v1/interviews/:id': 'interviews:read',
  'POST /api/v1/interviews': 'interviews:write',
  'GET /api/v1/candidates': 'candidates:read',
  'POST /api/v1/candidates': 'candidates:write',
  'GET /api/v1/candidates/:id': 'candidates:read',
  'GET /api/v1/jobs': 'jobs:read',
  'GET /api/v1/jobs/:id': 'jobs:read',
  'GET /api/v1/reports/:reportId': 'reports:read',
};

type Query = Record<string, string | string[] | undefined>;

class BadParam extends Error {}

/** Starts the simulator on 127.0.0.1 (`port` 0 picks a free one). The `SimulatorModule` entry point. */
export async function createSimulator(options: EvalyoSimulatorOptions): Promise<EvalyoSimulator> {
  const dataset = createEvalyoDataset(options.seed ?? EVALYO_DEFAULT_SEED, options.extraInterviews);
  const ttl = options.signedUrlTtlSeconds ?? 86_400;
  const limit = options.rateLimitPerMinute ?? EVALYO_SIM_RATE_LIMIT;
  const keys = new Map<string, ReadonlySet<string>>([
    ...Object.entries(options.scopedKeys ?? {}).map(([key, scopes]) => [key, new Set(scopes)] as const),
    [options.apiKey, new Set<string>(EVALYO_ALL_SCOPES)],
  ]);
  const state = { drift: false, noCredits: false, clock: DATA_EPOCH };
  /** Creation time of a new candidate: now, but after the previous creation (ids and order stay distinct), as interviews do. */
  const nextCreation = () => {
    state.clock = Math.max(Date.now(), state.clock + 1000);
    return state.clock;
  };
  const budgets = new Map<string, { minute: number; used: number }>();
  const statusIndex = () => groupIndex((r: EvalyoInterviewRecord) => r.detail.status);
  // Rebuilt after a completion: the index assumes a row's status never changes.
  let interviewsByStatus = statusIndex();
  const interviewsByJob = groupIndex((r: EvalyoInterviewRecord) => r.detail.jobId);

  const budgetOf = (key: string, now: number) => {
    const minute = Math.floor(now / 60_000);
    let budget = budgets.get(key);
    if (!budget || budget.minute !== minute) {
      budget = { minute, used: 0 };
      budgets.set(key, budget);
    }
    return budget;
  };

  const routes = (app: FastifyInstance) => {
    // Runs after the chassis let the request through (auth and knobs).
    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/__sim/')) return undefined;
      const now = Date.now();
      const budget = budgetOf(bearer(request) ?? '', now);
      budget.used += 1;
      if (options.enforceRateLimit && budget.used > limit) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(((budget.minute + 1) * 60_000 - now) / 1000))));
        return reply.code(429).send(evalyoErrorStyle.body(429, `Rate limit of ${limit} requests per minute reached.`));
      }
      return undefined;
    });

    app.addHook('preHandler', async (request, reply) => {
      const scope = ROUTE_SCOPES[`${request.method} ${request.routeOptions.url}`];
      const granted = keys.get(bearer(request) ?? '');
      if (scope && granted && !granted.has(scope)) {
        return reply.code(403).send(errorBody('FORBIDDEN', `This API key lacks the '${scope}' scope required for this resource.`));
      }
      return undefined;
    });

    // Every answer, the chassis' errors included, says where the key stands.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/__sim/')) return payload;
      const now = Date.now();
      const budget = budgetOf(bearer(request) ?? '', now);
      // A simulator that does not enforce its budget never says it is spent: the gateway would pause.
      let remaining = Math.max(options.enforceRateLimit ? 0 : 1, limit - budget.used);
      let reset = (budget.minute + 1) * 60;
      if (reply.statusCode === 429) {
        remaining = 0;
        const retryAfter = Number(reply.getHeader('retry-after'));
        // Out of budget until the pause it asked for ends (the chassis knob's is shorter than the minute).
        if (Number.isFinite(retryAfter)) reset = Math.ceil(now / 1000) + retryAfter;
      }
      reply.header('x-ratelimit-limit', String(limit));
      reply.header('x-ratelimit-remaining', String(remaining));
      reply.header('x-ratelimit-reset', String(reset));
      return payload;
    });

    app.get('/api/v1/interviews', async (request, reply) =>
      list(
        request,
        reply,
        (q) => {
          let status = q.status === undefined ? undefined : statusWord(q.status);
          let jobId = q.jobId;
          // Narrowed by an index first, so a large data set is not scanned per page.
          let pool: readonly EvalyoInterviewRecord[] = dataset.interviews;
          if (status !== undefined) {
            pool = interviewsByStatus(dataset.interviews).get(status) ?? [];
            status = undefined;
          } else if (jobId !== undefined) {
            pool = interviewsByJob(dataset.interviews).get(jobId) ?? [];
            jobId = undefined;
          }
          if (status === undefined && jobId === undefined && q.campaignId === undefined) return pool;
          return pool.filter(
            ({ detail: d }) =>
              (status === undefined || d.status === status) &&
              (jobId === undefined || d.jobId === jobId) &&
              (q.campaignId === undefined || d.campaignId === q.campaignId),
          );
        },
        // Only the page's rows are shaped (large seeds: tens of thousands of interviews).
        (r) => drifted(interviewRow(r.detail)),
      ),
    );

    app.get('/api/v1/interviews/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const record = dataset.interview(id);
      if (!record) return notFound(reply, 'Interview', id);
      return { data: drifted(signDetail(record.detail, nowSeconds() + ttl)) };
    });

    app.post('/api/v1/interviews', async (request, reply) => {
      const body = objectBody(request);
      const candidateId = typeof body.candidateId === 'string' ? body.candidateId : undefined;
      const jobId = typeof body.jobId === 'string' ? body.jobId : undefined;
      if (!candidateId || !jobId) return reply.code(400).send(errorBody('VALIDATION_ERROR', 'candidateId and jobId are required.'));
      const mistyped = mistypedField(body, ['campaignId', 'stageId', 'configId'], ['sendInvite']);
      if (mistyped) return reply.code(400).send(errorBody('VALIDATION_ERROR', mistyped));
      const candidate = dataset.candidate(candidateId);
      if (!candidate) return notFound(reply, 'Candidate', candidateId);
      const job = dataset.job(jobId);
      if (!job) return notFound(reply, 'Job', jobId);
      if (job.status === 'CLOSED') return reply.code(422).send(errorBody('JOB_CLOSED', 'The job is closed and no interview can be created for it.'));
      const created = Math.max(Date.now(), state.clock + 1000);
      let expires = created + 7 * 86_400_000;
      if (body.expiresAt !== undefined) {
        const parsed = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : Number.NaN;
        if (Number.isNaN(parsed) || parsed <= created) {
          return reply.code(422).send(errorBody('VALIDATION_ERROR', 'expiresAt must be an ISO 8601 date in the future.'));
        }
        expires = parsed;
      }
      if (state.noCredits) {
        return reply
          .code(402)
          .send(errorBody('INSUFFICIENT_CREDITS', 'Your organization has no interview credits left. Top up your plan to create interviews.'));
      }
      state.clock = created;
      const id = `c${createHash('sha256').update(`${candidateId}|${jobId}|${created}`).digest('hex').slice(0, 24)}`;
      const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
      const detail: SimInterviewDetail = {
        id,
        candidateId,
        jobId,
        campaignId: text(body.campaignId),
        stageId: text(body.stageId),
        configId: text(body.configId),
        status: body.sendInvite === false ? 'DRAFT' : 'INVITED',
        expiresAt: new Date(expires).toISOString(),
        inviteUrl: `${EVALYO_APP}/interview/${id.slice(1)}`,
        createdAt: new Date(created).toISOString(),
        updatedAt: new Date(created).toISOString(),
        startedAt: null,
        endedAt: null,
        reportId: null,
        evaluation: null,
        transcript: [],
        audioUrl: null,
      };
      dataset.add({ detail, personIndex: candidate.personIndex, report: null, shuffledTranscript: false });
      return reply.code(201).send({ data: interviewRow(detail) });
    });

    app.get('/api/v1/reports/:reportId', async (request, reply) => {
      const { reportId } = request.params as { reportId: string };
      const report = dataset.report(reportId);
      if (!report) return notFound(reply, 'Report', reportId);
      return { data: signReport(report, nowSeconds() + ttl) };
    });

    app.get('/api/v1/candidates', async (request, reply) =>
      list(request, reply, (q) => {
        const search = q.search?.toLowerCase();
        const tags =
          q.tags
            ?.split(',')
            .map((t) => t.trim())
            .filter(Boolean) ?? [];
        const ofJob = q.jobId === undefined ? null : new Set((interviewsByJob(dataset.interviews).get(q.jobId) ?? []).map((r) => r.detail.candidateId));
        if (!search && ofJob === null && tags.length === 0) return dataset.allCandidates();
        return dataset
          .allCandidates()
          .filter(
            (c) =>
              (!search || [c.firstName, c.lastName].filter(Boolean).join(' ').toLowerCase().includes(search) || c.email.toLowerCase().includes(search)) &&
              (ofJob === null || ofJob.has(c.id)) &&
              (tags.length === 0 || tags.some((t) => c.tags.includes(t))),
          );
      }),
    );

    app.post('/api/v1/candidates', async (request, reply) => {
      const body = objectBody(request);
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      if (email.length === 0) return reply.code(422).send(errorBody('VALIDATION_ERROR', 'email is required.'));
      if (!EMAIL.test(email)) return reply.code(422).send(errorBody('VALIDATION_ERROR', 'email must be a valid email address.'));
      const mistyped = mistypedField(body, ['firstName', 'lastName', 'phone', 'locale', 'cvUrl', 'source'], []);
      if (mistyped) return reply.code(422).send(errorBody('VALIDATION_ERROR', mistyped));
      if (body.tags !== undefined && (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string'))) {
        return reply.code(422).send(errorBody('VALIDATION_ERROR', 'tags must be an array of strings.'));
      }
      if (typeof body.locale === 'string' && !LOCALE.test(body.locale)) {
        return reply.code(422).send(errorBody('VALIDATION_ERROR', 'locale must be a language code such as fr or en.'));
      }
      if (dataset.candidateByEmail(email)) return reply.code(409).send(errorBody('CONFLICT', 'A candidate with this email already exists.'));
      const created = nextCreation();
      const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
      const candidate: SimCandidate = {
        id: `c${createHash('sha256').update(`${email.toLowerCase()}|${created}`).digest('hex').slice(0, 24)}`,
        email,
        firstName: text(body.firstName),
        lastName: text(body.lastName),
        phone: text(body.phone),
        locale: text(body.locale) ?? 'fr',
        cvUrl: text(body.cvUrl),
        tags: Array.isArray(body.tags) ? (body.tags as string[]) : [],
        source: text(body.source),
        createdAt: new Date(created).toISOString(),
        updatedAt: new Date(created).toISOString(),
      };
      dataset.addCandidate(candidate);
      return reply.code(201).send({ data: candidate });
    });

    app.get('/api/v1/candidates/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const record = dataset.candidate(id);
      if (!record) return notFound(reply, 'Candidate', id);
      return { data: record.candidate };
    });

    app.get('/api/v1/jobs', async (request, reply) =>
      list(request, reply, (q) => {
        const status = q.status === undefined ? undefined : oneOf(q.status, ['DRAFT', 'ACTIVE', 'PAUSED', 'CLOSED'], 'status');
        const workMode = q.workMode === undefined ? undefined : oneOf(q.workMode, ['ONSITE', 'REMOTE', 'HYBRID'], 'workMode');
        return dataset.jobs.filter(
          (j) =>
            (status === undefined || j.status === status) &&
            (workMode === undefined || j.workMode === workMode) &&
            (q.department === undefined || j.department.toLowerCase() === q.department.toLowerCase()),
        );
      }),
    );

    app.get('/api/v1/jobs/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = dataset.job(id);
      if (!job) return notFound(reply, 'Job', id);
      return { data: job };
    });
  };

  const drifted = <T extends { status: string; createdAt: string }>(item: T): Record<string, unknown> => {
    if (!state.drift) return item;
    const { status: _dropped, ...rest } = item;
    return { ...rest, createdAt: Math.floor(Date.parse(item.createdAt) / 1000) };
  };

  const simulator = await startSimServer({
    provider: EVALYO,
    options,
    errorStyle: evalyoErrorStyle,
    authenticate: (request) => {
      const key = bearer(request);
      return key !== null && keys.has(key);
    },
    routes,
  });

  return Object.assign(simulator, {
    dataset,
    driftInterviews(on: boolean) {
      state.drift = on;
    },
    exhaustCredits(on: boolean) {
      state.noCredits = on;
    },
    async simulateCompletion(interviewId: string, options: { at?: number } = {}): Promise<WebhookDelivery[]> {
      completeEvalyoInterview(dataset, interviewId, options.at ?? Date.now());
      interviewsByStatus = statusIndex();
      return [];
    },
  });
}

// ------------------------------------------------------------------ request parsing

/** The key of `Authorization: Bearer <key>` (scheme case-insensitive); null without one. */
function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
}

interface ListQuery {
  page: number;
  pageSize: number;
  status?: string;
  jobId?: string;
  campaignId?: string;
  search?: string;
  tags?: string;
  department?: string;
  workMode?: string;
}

/** `select`'s items are not copied; `present` shapes only the page's. */
function list<T, U = T>(request: FastifyRequest, reply: FastifyReply, select: (q: ListQuery) => readonly T[], present?: (item: T) => U) {
  try {
    const raw = request.query as Query;
    const query: ListQuery = {
      page: integer(raw.page, 'page', 1, 1, Number.MAX_SAFE_INTEGER),
      pageSize: integer(raw.pageSize, 'pageSize', EVALYO_SIM_DEFAULT_PAGE_SIZE, 1, EVALYO_SIM_MAX_PAGE_SIZE),
    };
    for (const name of ['status', 'jobId', 'campaignId', 'search', 'tags', 'department', 'workMode'] as const) {
      const value = single(raw[name])?.trim();
      if (value) query[name] = value;
    }
    const all = select(query);
    const start = (query.page - 1) * query.pageSize;
    const page = all.slice(start, start + query.pageSize);
    return reply.send({
      data: present ? page.map(present) : page,
      pagination: { page: query.page, pageSize: query.pageSize, total: all.length, totalPages: Math.ceil(all.length / query.pageSize) },
    });
  } catch (error) {
    if (error instanceof BadParam) return reply.code(400).send(errorBody('VALIDATION_ERROR', error.message));
    throw error;
  }
}

function integer(value: string | string[] | undefined, name: string, fallback: number, min: number, max: number): number {
  const text = single(value)?.trim();
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BadParam(`${name} must be an integer between ${min} and ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}.`);
  }
  return Number(text);
}

/** An interview status word in either case (the FAQ writes them lower case). */
function statusWord(value: string): EvalyoStatusWord {
  return oneOf(value, EVALYO_STATUS_WORDS, 'status');
}

function oneOf<W extends string>(value: string, words: readonly W[], name: string): W {
  const upper = value.toUpperCase() as W;
  if (!words.includes(upper)) throw new BadParam(`${name} must be one of ${words.join(' | ')}.`);
  return upper;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

// ------------------------------------------------------------------ bodies

/** Deliberately loose (Evalyo's own validation is not documented beyond "valid email"). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A candidate locale: `fr`, `en`, `fr-CA`… */
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** The JSON body when it is an object, else `{}` (its required fields are then missing). */
function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** "<field> must be a string|boolean." for the first optional field sent with another type; null when all fit. */
function mistypedField(body: Record<string, unknown>, strings: readonly string[], booleans: readonly string[]): string | null {
  for (const name of strings) if (body[name] !== undefined && body[name] !== null && typeof body[name] !== 'string') return `${name} must be a string.`;
  for (const name of booleans) if (body[name] !== undefined && body[name] !== null && typeof body[name] !== 'boolean') return `${name} must be a boolean.`;
  return null;
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function notFound(reply: FastifyReply, kind: string, id: string) {
  return reply.code(404).send(errorBody('NOT_FOUND', `${kind} '${id}' not found.`));
}

// ------------------------------------------------------------------ signed URLs

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** S3 query-string signature (the FAQ: private buckets, signed access): `Expires` is UNIX seconds. */
function sign(url: string | null, expires: number): string | null {
  if (!url) return url;
  const signature = createHash('sha256').update(`${url}|${expires}`).digest('base64url').slice(0, 27);
  return `${url}?AWSAccessKeyId=AKIAEVALYOSIM0000001&Expires=${expires}&Signature=${signature}`;
}

function signDetail(detail: SimInterviewDetail, expires: number): SimInterviewDetail {
  return {
    ...detail,
    audioUrl: sign(detail.audioUrl, expires),
    transcript: detail.transcript.map((turn): SimTurn => ({ ...turn, audioUrl: sign(turn.audioUrl, expires) })),
  };
}

function signReport(report: SimReport, expires: number): SimReport {
  return { ...report, recordingUrl: sign(report.recordingUrl, expires) ?? report.recordingUrl };
}
