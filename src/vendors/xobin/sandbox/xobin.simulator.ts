/**
 * A loopback simulator of Xobin's AI Interviews API, faithful to seed 001 and REFERENCE.md §3:
 * - auth `apiKey`; every error body is Xobin's ad-hoc `{error: '<message>'}`;
 * - a report while unfinished is the reduced object (ids, names, email, `Pending` / `Started`);
 *   by `custom_field_id` it adds that field (seed 001: "only included … if it was set during
 *   invite creation and the report is fetched using custom_field_id");
 * - `interview_recording` only with `is_downloadable=true` (also `1`): seed 001 says the flag
 *   "includes downloadable URLs", and Xobin documents no other recording URL;
 * - the invitee list is a bare array in invite order, no pagination;
 * - `POST /ai-interviews/invite` per ai-interviews/ai-interview-invite.html; the 403
 *   `limit_exceed` answer is the docs'. No idempotency (Xobin documents none): the same invite
 *   twice makes two responses;
 * - webhooks are the docs' flat bodies, unsigned, as Xobin documents no signature.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSimServer, type VendorErrorStyle } from '../../kit/sandbox/sim-server';
import type { WebhookDelivery, Simulator, SimulatorOptions } from '../../kit/sandbox/simulator';
import {
  completeXobinResponse,
  createXobinDataset,
  startXobinResponse,
  XOBIN_DEFAULT_SEED,
  type XobinDataset,
  type XobinNewInvite,
  type XobinResponseRecord,
  type XobinStatusWord,
} from './xobin.data';
import { xobinWebhookBody, type XobinSimWebhookEvent } from './xobin.webhooks';
import { WebhookSender } from '../../kit/sandbox/webhook-sender';
import { XOBIN } from '../xobin.descriptor';

export { createXobinDataset, type XobinDataset } from './xobin.data';
export { XOBIN_SIM_WEBHOOK_EVENTS, type XobinSimWebhookEvent } from './xobin.webhooks';

export type { WebhookDelivery } from '../../kit/sandbox/simulator';

/** The chassis options plus Xobin specifics. */
export interface XobinSimulatorOptions extends SimulatorOptions {
  /** Lifetime of signed recording URLs, in seconds from the moment of the response (default 3600). */
  signedUrlTtlSeconds?: number;
}

/** A running Xobin simulator: the chassis handle plus its data set and test switches. */
export interface XobinSimulator extends Simulator {
  readonly dataset: XobinDataset;
  /** `score` as a string and `response_id` dropped: what a breaking vendor change looks like. */
  driftReports(on: boolean): void;
  /** Xobin's documented 403 `limit_exceed`, after validation, before anything is created. */
  exhaustInvites(on: boolean): void;
  /** Test hook: a new invite to `aiInterviewId` (next response id, end of its list); see XobinDataset.addResponse. */
  addResponse(aiInterviewId: number, status?: XobinStatusWord): XobinResponseRecord;
  /** Where webhooks are POSTed (JSON); null (the default) switches delivery off. */
  deliverWebhooks(targetUrl: string | null): void;
  /** Throws for an unknown response, a start of a `Pending` one, or a submission before `Completed`. */
  webhookPayload(event: XobinSimWebhookEvent, responseId: number): Record<string, unknown>;
  /** Resolves to the target's HTTP status; rejects when delivery is off, the body cannot be built, or the target is unreachable. */
  emitWebhook(event: XobinSimWebhookEvent, responseId: number): Promise<number>;
  /**
   * Before each webhook the report and invitee row change as Xobin's would, so REST agrees with
   * every webhook when it arrives. An unreachable target is recorded as status 0 and the sequence
   * goes on.
   */
  simulateCompletion(responseId: number, options?: { startedAt?: number }): Promise<WebhookDelivery[]>;
}

/** Xobin's ad-hoc error body; 401 always says the key is wrong. */
export const xobinErrorStyle: VendorErrorStyle = {
  body(status: number, message: string) {
    return { error: status === 401 ? 'Invalid API key' : message };
  },
};

/** Starts the simulator on 127.0.0.1 (`port` 0 picks a free one). The `SimulatorModule` entry point. */
export async function createSimulator(options: XobinSimulatorOptions): Promise<XobinSimulator> {
  const dataset = createXobinDataset(options.seed ?? XOBIN_DEFAULT_SEED, options.extraInterviews);
  const ttl = options.signedUrlTtlSeconds ?? 3600;
  let drift = false;
  let invitesExhausted = false;

  const reportBody = (record: XobinResponseRecord, query: Query, withCustomField: boolean): Record<string, unknown> => {
    const body: Record<string, unknown> = { ...record.report };
    if (withCustomField && record.customFieldId) insertAfter(body, 'response_id', 'custom_field_id', record.customFieldId);
    if (isTrue(query.is_downloadable) && record.status === 'Completed') {
      const expires = Math.floor(Date.now() / 1000) + ttl;
      insertAfter(body, 'report_link', 'interview_recording', signAll(record.recordings, expires));
    }
    if (drift) {
      body.score = String(body.score ?? 0);
      delete body.response_id;
    }
    return body;
  };

  const routes = (app: FastifyInstance) => {
    app.get('/ai-interviews/report/:response_id', async (request, reply) => {
      const id = integerParam((request.params as { response_id: string }).response_id, 'response_id', reply);
      if (id === undefined) return reply;
      const record = dataset.response(id);
      if (!record) return reply.code(404).send({ error: `No AI interview response found with response_id ${id}` });
      return reportBody(record, queryOf(request), false);
    });

    app.get('/ai-interviews/report', async (request, reply) => {
      const query = queryOf(request);
      const customFieldId = query.custom_field_id?.trim();
      if (!customFieldId) return reply.code(400).send({ error: 'Either response_id or custom_field_id is required' });
      const record = dataset.byCustomField(customFieldId);
      if (!record) return reply.code(404).send({ error: `No AI interview response found with custom_field_id ${customFieldId}` });
      return reportBody(record, query, true);
    });

    app.get('/ai-interviews/invited/:ai_interview_id', async (request, reply) => {
      const id = integerParam((request.params as { ai_interview_id: string }).ai_interview_id, 'ai_interview_id', reply);
      if (id === undefined) return reply;
      const record = dataset.aiInterview(id);
      if (!record) return reply.code(404).send({ error: `No AI interview found with ai_interview_id ${id}` });
      return record.responses.map((r) => r.invitee);
    });

    app.post('/ai-interviews/invite', async (request, reply) => {
      const checked = readInvite(request.body, Date.now());
      if (typeof checked === 'string') return reply.code(400).send({ error: checked });
      if (!dataset.aiInterview(checked.aiInterviewId)) {
        return reply.code(404).send({ error: `No AI interview found with ai_interview_id ${checked.aiInterviewId}` });
      }
      if (invitesExhausted) return reply.code(403).send({ message: 'Invites Exhausted. Please contact support.', error: 'limit_exceed' });
      const record = dataset.invite(checked, Date.now());
      if (!record?.invite) return reply.code(404).send({ error: `No AI interview found with ai_interview_id ${checked.aiInterviewId}` });
      return {
        email: record.email,
        ai_interview_id: record.aiInterviewId,
        ai_interview_name: record.report.ai_interview_name,
        response_id: record.responseId,
        invite_link: record.invite.link,
        name: record.name,
        status: record.status,
        custom_field_id: record.customFieldId,
      };
    });
  };

  const simulator = await startSimServer({
    provider: XOBIN,
    options,
    errorStyle: xobinErrorStyle,
    authenticate(request, apiKey) {
      // Node lower-cases header names: `apiKey` arrives as `apikey`.
      const header = request.headers.apikey;
      return typeof header === 'string' && header === apiKey;
    },
    routes,
  });

  const webhooks = new WebhookSender('Xobin-Workflows (simulator)');
  const closeServer = simulator.close;
  const sign = (recordings: Record<string, string>) => signAll(recordings, Math.floor(Date.now() / 1000) + ttl);
  const payload = (event: XobinSimWebhookEvent, responseId: number) => {
    const record = dataset.response(responseId);
    if (!record) throw new Error(`Xobin simulator: no response ${responseId}`);
    return xobinWebhookBody(record, event, sign);
  };
  const deliver = async (event: XobinSimWebhookEvent, body: Record<string, unknown>, deliveries: WebhookDelivery[]) => {
    if (!webhooks.on) return;
    let status = 0;
    try {
      status = await webhooks.post(body);
    } catch {
      // A vendor would retry later; the simulated response goes on.
    }
    deliveries.push({ event, body, status });
  };

  return Object.assign(simulator, {
    dataset,
    driftReports(on: boolean) {
      drift = on;
    },
    exhaustInvites(on: boolean) {
      invitesExhausted = on;
    },
    addResponse: (aiInterviewId: number, status?: XobinStatusWord) => dataset.addResponse(aiInterviewId, status),
    deliverWebhooks(targetUrl: string | null) {
      webhooks.target = targetUrl;
    },
    webhookPayload: payload,
    async emitWebhook(event: XobinSimWebhookEvent, responseId: number): Promise<number> {
      if (!webhooks.on) throw new Error('Xobin simulator: webhook delivery is off (call deliverWebhooks(url) first)');
      return webhooks.post(payload(event, responseId));
    },
    async simulateCompletion(responseId: number, options: { startedAt?: number } = {}): Promise<WebhookDelivery[]> {
      const record = dataset.response(responseId);
      if (!record) throw new Error(`Xobin simulator: no response ${responseId}`);
      if (record.status === 'Completed') throw new Error(`Xobin simulator: response ${responseId} is already Completed`);
      const deliveries: WebhookDelivery[] = [];
      if (record.status === 'Pending') {
        startXobinResponse(dataset, responseId, options.startedAt ?? Math.max(Date.now(), record.invitedAt + 60_000));
        await deliver('AI Interview Start', xobinWebhookBody(record, 'AI Interview Start', sign), deliveries);
      }
      completeXobinResponse(dataset, responseId);
      await deliver('AI Interview Submission', xobinWebhookBody(record, 'AI Interview Submission', sign), deliveries);
      return deliveries;
    },
    async close() {
      await webhooks.close();
      await closeServer();
    },
  });
}

/** The `SimulatorModule` hook sandbox mode calls: Xobin cannot list AI interviews, so the adapter is told them. */
export function sandboxOptions(simulator: Simulator): Record<string, string> {
  if (!isXobinSimulator(simulator)) throw new Error('sandboxOptions needs the Xobin simulator');
  return { AI_INTERVIEW_IDS: simulator.dataset.aiInterviews.map((a) => a.id).join(',') };
}

function isXobinSimulator(simulator: Simulator): simulator is XobinSimulator {
  return (simulator as Partial<XobinSimulator>).dataset?.aiInterviews !== undefined && simulator.provider === XOBIN;
}

/* ------------------------------------------------------------------------- request parsing */

type Query = Record<string, string | undefined>;

function queryOf(request: FastifyRequest): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? String(value[value.length - 1]) : value === undefined ? undefined : String(value);
  }
  return out;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', '1'].includes(value.trim().toLowerCase());
}

/** A path id as an integer; undefined when a 400 has been sent. */
function integerParam(value: string, name: string, reply: FastifyReply): number | undefined {
  if (!/^\d{1,15}$/.test(value)) {
    void reply.code(400).send({ error: `${name} must be an integer` });
    return undefined;
  }
  return Number(value);
}

/** Xobin's invite date format: `YYYY-MM-DD HH:MM`, GMT. */
const INVITE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** An invite date as Unix ms; null when it is not a real date in that format. */
function inviteDate(value: string): number | null {
  const match = INVITE_DATE.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** A loose email check, as a web form would make it. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The new invite, or the message of the 400 to answer. */
function readInvite(body: unknown, now: number): XobinNewInvite | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Request body must be a JSON object';
  const b = body as Record<string, unknown>;
  const present = (key: string) => b[key] !== undefined && b[key] !== null && b[key] !== '';
  if (typeof b.candidate_name !== 'string' || b.candidate_name.trim() === '') return 'candidate_name is required';
  if (typeof b.candidate_email !== 'string' || b.candidate_email.trim() === '') return 'candidate_email is required';
  if (!EMAIL.test(b.candidate_email.trim())) return `Invalid candidate_email: ${b.candidate_email}`;
  if (!present('ai_interview_id')) return 'ai_interview_id is required';
  if (typeof b.ai_interview_id !== 'number' || !Number.isInteger(b.ai_interview_id) || b.ai_interview_id < 1) return 'ai_interview_id must be an integer';
  if (b.invite_format !== 'getlink' && b.invite_format !== 'sendlink') return "invite_format must be either 'getlink' or 'sendlink'";
  const dates: Record<'start_date' | 'expiry_date', number | null> = { start_date: null, expiry_date: null };
  for (const key of ['start_date', 'expiry_date'] as const) {
    if (!present(key)) continue;
    const value = b[key];
    const ms = typeof value === 'string' ? inviteDate(value) : null;
    if (ms === null) return `Invalid ${key} format. Use YYYY-MM-DD HH:MM (GMT)`;
    dates[key] = ms;
  }
  if (dates.start_date !== null && dates.expiry_date !== null && dates.expiry_date <= dates.start_date) return 'expiry_date must be after start_date';
  if (dates.expiry_date !== null && dates.expiry_date <= now) return 'expiry_date must be in the future';
  if (present('custom_field_id') && typeof b.custom_field_id !== 'string') return 'custom_field_id must be a string';
  return {
    aiInterviewId: b.ai_interview_id,
    name: b.candidate_name,
    email: b.candidate_email,
    format: b.invite_format,
    startDate: dates.start_date === null ? null : (b.start_date as string),
    expiryDate: dates.expiry_date === null ? null : (b.expiry_date as string),
    customFieldId: present('custom_field_id') ? (b.custom_field_id as string) : null,
  };
}

/* ------------------------------------------------------------------------- bodies */

/** Inserts `key` right after `after` (JSON key order as the docs show it), or at the end. */
function insertAfter(body: Record<string, unknown>, after: string, key: string, value: unknown): void {
  const entries = Object.entries(body);
  const at = entries.findIndex(([k]) => k === after);
  entries.splice(at < 0 ? entries.length : at + 1, 0, [key, value]);
  for (const k of Object.keys(body)) delete body[k];
  Object.assign(body, Object.fromEntries(entries));
}

/** CloudFront-style signature: `Expires` (Unix seconds), `Signature`, `Key-Pair-Id`. */
function signAll(recordings: Record<string, string>, expires: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(recordings).map(([key, url]) => {
      const signature = createHash('sha256').update(`${url}|${expires}`).digest('base64url').slice(0, 43);
      return [key, `${url}?Expires=${expires}&Signature=${signature}&Key-Pair-Id=K3XOBINSIM01`];
    }),
  );
}
