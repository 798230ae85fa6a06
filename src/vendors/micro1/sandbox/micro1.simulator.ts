/**
 * A loopback simulator of micro1's API (REFERENCE.md §1, `micro1.openapi.yml`), faithful where the
 * gateway can notice:
 * - `x-api-key`; 401 `{status:false, message}`; successes enveloped as `{status:true, message, data}`;
 * - lists `page`/`limit` (defaults 1 and 10, `limit` capped at 100), no total; 400 for unreadable
 *   paging params; the CORS headers micro1 declares;
 * - GET /interview/recording answers the recording service's own `{status, video_url}` (not
 *   enveloped), 404 for an unknown report;
 * - POST /interview and /interview/invite per `micro1.writes.ts`; no idempotency: a re-invite is a
 *   second session with its own candidate_id;
 * - webhooks unsigned, as micro1 documents none.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSimServer } from '../../kit/sandbox/sim-server';
import type { WebhookDelivery, Simulator, SimulatorOptions } from '../../kit/sandbox/simulator';
import {
  addMicro1Report,
  buildMicro1SessionReport,
  createMicro1Dataset,
  findMicro1Invite,
  MICRO1_DEFAULT_SEED,
  type Micro1Dataset,
  type SimInvite,
  type SimReport,
} from './micro1.data';
import { groupIndex } from '../../kit/sandbox/data/list-index';
import {
  latestMicro1Report,
  micro1ReportEventBody,
  micro1WebhookBody,
  msOf,
  sittingMs,
  type Micro1ReportEvent,
  type Micro1SimWebhookEvent,
  type Micro1WebhookBody,
  type Micro1WebhookOptions,
} from './micro1.webhooks';
import { WebhookSender } from '../../kit/sandbox/webhook-sender';
import { createMicro1Interview, inviteMicro1Candidates, type Micro1WriteAnswer } from './micro1.writes';
import { MICRO1 } from '../micro1.descriptor';

export { createMicro1Dataset, type Micro1Dataset } from './micro1.data';
export { MICRO1_SIM_WEBHOOK_EVENTS, type Micro1SimWebhookEvent, type Micro1WebhookBody } from './micro1.webhooks';

export type { WebhookDelivery } from '../../kit/sandbox/simulator';

/** micro1's largest page. */
export const MICRO1_SIM_MAX_LIMIT = 100;
export const MICRO1_SIM_DEFAULT_LIMIT = 10;

export interface Micro1Simulator extends Simulator {
  /** The data set served, in served order (tests compute expectations from it). */
  readonly dataset: Micro1Dataset;
  /** `ai_match_score` sent as a string and `report_id` dropped. */
  driftReports(on: boolean): void;
  /** Every request filtered by this `interview_id` answers 500 `{status:false}`; null switches it off. */
  failInterview(interviewId: string | null): void;
  /** Every API request answers HTTP 200 `{status:false, message}` (micro1's failure-in-a-success). */
  envelopeFailure(on: boolean): void;
  /** As micro1 does for a refusal its documented limits do not explain; null switches it off. */
  refuseWrites(message: string | null): void;
  /** Where webhooks are POSTed (JSON); null (the default) switches delivery off. */
  deliverWebhooks(targetUrl: string | null): void;
  /** The body micro1 would send for `event` about the data-set object `id` (see `micro1.webhooks.ts` for what `id` names). */
  webhookPayload(event: Micro1SimWebhookEvent, id: string, options?: Micro1WebhookOptions): Micro1WebhookBody;
  /** Resolves to the target's HTTP status; rejects when delivery is off, the id is unknown, or the target is unreachable. */
  emitWebhook(event: Micro1SimWebhookEvent, id: string, options?: Micro1WebhookOptions): Promise<number>;
  /**
   * Sends, in micro1's order, `interview.started`, `interview.completed`, the recording events
   * (webcam when recorded), `proctoring_score.completed`, then adds the report and sends
   * `interview_report.created`. An unreachable target is recorded as status 0 and the sequence
   * goes on; the data set changes whether delivery is on or not.
   */
  simulateCompletion(sessionLocator: string, options?: { at?: number }): Promise<WebhookDelivery[]>;
}

type Query = Record<string, string | string[] | undefined>;

class BadParam extends Error {}

export async function createSimulator(options: SimulatorOptions): Promise<Micro1Simulator> {
  const dataset = createMicro1Dataset(options.seed ?? MICRO1_DEFAULT_SEED, options.extraInterviews);
  const invitesBy: SessionIndexes<SimInvite> = { candidate: groupIndex((i) => i.candidate_id), interview: groupIndex((i) => i.interview_id) };
  const reportsBy: SessionIndexes<SimReport> = { candidate: groupIndex((r) => r.candidate_id), interview: groupIndex((r) => r.interview_id) };
  const recordings = new Map(dataset.reports.map((r) => [r.report_id, r]));
  const state = { drift: false, failInterviewId: null as string | null, envelopeFailure: false, refuseWrites: null as string | null };

  const routes = (app: FastifyInstance) => {
    // Misbehaviour switches run after the chassis (auth, knobs) has let the request through.
    app.addHook('preHandler', async (request, reply) => {
      if (request.url.startsWith('/__sim/')) return undefined;
      if (state.envelopeFailure) {
        return reply.code(200).send({ status: false, message: 'Something went wrong, please try again later' });
      }
      if (state.refuseWrites !== null && request.method === 'POST') {
        return reply.code(400).send({ status: false, message: state.refuseWrites });
      }
      const interviewId = single((request.query as Query).interview_id);
      if (state.failInterviewId !== null && interviewId === state.failInterviewId) {
        return reply.code(500).send({ status: false });
      }
      return undefined;
    });

    app.get('/interviews', async (request, reply) =>
      list(request, reply, 'Interviews fetched successfully', (q) =>
        dataset.templates.filter((t) => matchesKeyword(q.keyword, [t.interview_name, ...t.skills.map((s) => s.name)])),
      ),
    );

    app.get('/interview/invites', async (request, reply) =>
      list(request, reply, 'Candidate invites fetched successfully', (q) =>
        sessionRows(dataset.invites, q, invitesBy, (i) => matchesKeyword(q.keyword, [i.candidate_name, i.candidate_email_id, i.interview_name])),
      ),
    );

    app.get('/interview/reports', async (request, reply) =>
      list(
        request,
        reply,
        'Reports fetched successfully',
        (q) =>
          sessionRows(dataset.reports, q, reportsBy, (r) => matchesKeyword(q.keyword, [r.candidate_name, r.candidate_email_id, r.interview_name, r.report_id])),
        (r) => (state.drift ? drifted(r) : r),
      ),
    );

    const answer = (reply: FastifyReply, { status, body }: Micro1WriteAnswer) => reply.code(status).send(body);
    app.post('/interview', async (request, reply) => answer(reply, createMicro1Interview(dataset, request.body, Date.now())));
    app.post('/interview/invite', async (request, reply) => answer(reply, inviteMicro1Candidates(dataset, request.body, Date.now())));

    app.get('/interview/recording', async (request, reply) => {
      const query = request.query as Query;
      const reportId = single(query.report_id);
      if (!reportId) return reply.code(400).send({ status: false, message: 'report_id is required' });
      const report = recordings.get(reportId);
      const candidateId = single(query.candidate_id);
      if (!report || (candidateId !== undefined && candidateId !== report.candidate_id)) {
        return reply.code(404).send({ status: false, message: 'Report not found' });
      }
      return reply.send({ status: true, video_url: report.interview_recording_url });
    });
  };

  const simulator = await startSimServer({
    provider: MICRO1,
    options,
    authenticate: (request, apiKey) => single(request.headers['x-api-key']) === apiKey,
    errorStyle: {
      // micro1: `{status:false, message}`; its 500 carries no message.
      body: (status, message) => (status === 500 ? { status: false } : { status: false, message }),
    },
    headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
    routes,
  });

  const webhooks = new WebhookSender('micro1-webhooks (simulator)');
  const closeServer = simulator.close;

  /** Sends one body when delivery is on; records an unreachable target as status 0. */
  const deliver = async (body: Micro1WebhookBody, deliveries: WebhookDelivery[]) => {
    if (!webhooks.on) return;
    let status = 0;
    try {
      status = await webhooks.post(body);
    } catch {
      // A vendor would retry later; the simulated session goes on.
    }
    deliveries.push({ event: body.event, body, status });
  };

  return Object.assign(simulator, {
    dataset,
    driftReports(on: boolean) {
      state.drift = on;
    },
    failInterview(interviewId: string | null) {
      state.failInterviewId = interviewId;
    },
    envelopeFailure(on: boolean) {
      state.envelopeFailure = on;
    },
    refuseWrites(message: string | null) {
      state.refuseWrites = message;
    },
    deliverWebhooks(targetUrl: string | null) {
      webhooks.target = targetUrl;
    },
    webhookPayload: (event: Micro1SimWebhookEvent, id: string, options?: Micro1WebhookOptions) => micro1WebhookBody(dataset, event, id, options),
    async emitWebhook(event: Micro1SimWebhookEvent, id: string, options?: Micro1WebhookOptions): Promise<number> {
      if (!webhooks.on) throw new Error('micro1 simulator: webhook delivery is off (call deliverWebhooks(url) first)');
      return webhooks.post(micro1WebhookBody(dataset, event, id, options));
    },
    async simulateCompletion(sessionLocator: string, options: { at?: number } = {}): Promise<WebhookDelivery[]> {
      const [interviewId, candidateId] = sessionLocator.split('~');
      const invite = findMicro1Invite(dataset, interviewId ?? '', candidateId ?? '');
      if (!invite) throw new Error(`micro1 simulator: no session ${sessionLocator}`);
      if (latestMicro1Report(dataset, invite.interview_id, invite.candidate_id))
        throw new Error(`micro1 simulator: session ${sessionLocator} already has a report`);
      // Whole seconds: micro1's dates have no sub-second part.
      const finished = Math.floor((options.at ?? Math.max(Date.now(), msOf(invite.date_created) + 60 * 60 * 1000)) / 1000) * 1000;
      const report = buildMicro1SessionReport(dataset, invite.interview_id, invite.candidate_id, finished);
      const deliveries: WebhookDelivery[] = [];
      await deliver(micro1WebhookBody(dataset, 'interview.started', sessionLocator, { at: finished - sittingMs(report) }), deliveries);
      const fragments: Micro1ReportEvent[] = ['interview.completed', 'interview_recording.completed'];
      if (report.interview_webcam_recording_url) fragments.push('interview_webcam_recording.completed');
      fragments.push('proctoring_score.completed');
      for (const event of fragments) await deliver(micro1ReportEventBody(event, report), deliveries);
      addMicro1Report(dataset, report);
      recordings.set(report.report_id, report);
      await deliver(micro1ReportEventBody('interview_report.created', report), deliveries);
      return deliveries;
    },
    async close() {
      await webhooks.close();
      await closeServer();
    },
  });
}

// ------------------------------------------------------------------ helpers

interface ListQuery {
  page: number;
  limit: number;
  keyword: string | undefined;
  interviewId: string | undefined;
  candidateId: string | undefined;
}

/** The rows of a session list indexed by candidate and by interview (see `sessionRows`). */
interface SessionIndexes<T> {
  candidate: (list: readonly T[]) => ReadonlyMap<string, readonly T[]>;
  interview: (list: readonly T[]) => ReadonlyMap<string, readonly T[]>;
}

/** Narrowed by an index so a large data set is not scanned per request (only a keyword search scans). */
function sessionRows<T extends { interview_id: string; candidate_id: string }>(
  rows: readonly T[],
  q: ListQuery,
  by: SessionIndexes<T>,
  keyword: (row: T) => boolean,
): readonly T[] {
  let pool = rows;
  let interviewId = q.interviewId;
  let candidateId = q.candidateId;
  if (candidateId !== undefined) {
    pool = by.candidate(rows).get(candidateId) ?? [];
    candidateId = undefined;
  } else if (interviewId !== undefined) {
    pool = by.interview(rows).get(interviewId) ?? [];
    interviewId = undefined;
  }
  if (interviewId === undefined && candidateId === undefined && !q.keyword) return pool;
  return pool.filter(
    (row) => (interviewId === undefined || row.interview_id === interviewId) && (candidateId === undefined || row.candidate_id === candidateId) && keyword(row),
  );
}

/** A list answer: the page of what `select` matched (not copied), each row shaped by `present`. */
function list<T, U = T>(request: FastifyRequest, reply: FastifyReply, message: string, select: (q: ListQuery) => readonly T[], present?: (row: T) => U) {
  let query: ListQuery;
  try {
    query = readListQuery(request.query as Query);
  } catch (error) {
    if (error instanceof BadParam) return reply.code(400).send({ status: false, message: error.message });
    throw error;
  }
  const all = select(query);
  const start = (query.page - 1) * query.limit;
  const page = all.slice(start, start + query.limit);
  return reply.send({ status: true, message, data: present ? page.map(present) : page });
}

function readListQuery(query: Query): ListQuery {
  return {
    page: positiveInt(query.page, 'page', 1),
    limit: Math.min(MICRO1_SIM_MAX_LIMIT, positiveInt(query.limit, 'limit', MICRO1_SIM_DEFAULT_LIMIT)),
    keyword: single(query.keyword)?.trim() || undefined,
    interviewId: single(query.interview_id),
    candidateId: single(query.candidate_id),
  };
}

function positiveInt(value: string | string[] | undefined, name: string, fallback: number): number {
  const text = single(value);
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new BadParam(`${name} must be a positive integer`);
  return Number(text);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function matchesKeyword(keyword: string | undefined, fields: Array<string | null | undefined>): boolean {
  if (!keyword) return true;
  const wanted = keyword.toLowerCase();
  return fields.some((f) => typeof f === 'string' && f.toLowerCase().includes(wanted));
}

function drifted(report: SimReport): Record<string, unknown> {
  const { report_id: _dropped, ...rest } = report;
  return { ...rest, ai_match_score: String(report.ai_match_score) };
}
