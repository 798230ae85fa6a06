/**
 * HeyMilo inbound webhooks (REFERENCE.md §2.3, §6 note 37). HeyMilo documents the event types
 * (its schema description also names `candidate_ingested`) and says the JSON carries "candidate
 * info, interview details and scores", but publishes no payload schema. ASSUMPTION (the simulator
 * sends exactly this; the parser is tolerant around it):
 *
 * ```
 * {
 *   "event_type": "interview_completed",        // required
 *   "occurred_at": 1779893100,                   // Unix seconds (alias `timestamp`); optional
 *   "interview_id": "int_…",                     // required: the Interview locator
 *   "posting_id": "pst_…",
 *   "status": "evaluating",                      // the candidate status word at that moment
 *   "score": null,                               // 0–100 once scored
 *   "candidate": { "candidate_id": "cand_…", "name": "…", "email": "…" },
 *   "interview_url": "…", "created_at": 1779000000, "interviewed_at": 1779893000,
 *   "shortlisted": false, "dismissed": false,
 *   "workflow": { "steps": […], "all_complete": true, "last_activity_at": 1779893100 },
 *   "data": { …GET /api/v2/interviews/{id}/data object… }   // report_available only, optional
 * }
 * ```
 * i.e. the candidate-list row with the identity grouped under `candidate` (also read at the top
 * level). Only `event_type` and `interview_id` must be readable.
 *
 * | event                 | stage | Interview                                        | Report / invalidate                         |
 * |-----------------------|-------|--------------------------------------------------|---------------------------------------------|
 * | `candidate_ingested`  | 1     | INVITED                                          | –                                           |
 * | `interview_started`   | 2     | IN_PROGRESS; startedAt from the workflow, else `occurred_at` | –                               |
 * | `interview_completed` | 3     | PROCESSING (`evaluating`) or COMPLETED (+decision) per `status`; anything else → PROCESSING; completedAt falls back to `occurred_at` | – |
 * | `report_available`    | 4     | with `data`: from `data` (+ the row fields)       | with `data`: the Report (written through); without it (or `data` not ready): `invalidate: true`, so the next read fetches `/data` |
 *
 * - The event fixes the lifecycle status (the `status` word stays in `statusRaw`); other fields are
 *   read as the REST normalizer reads the row, so a webhook Interview equals the next list read.
 * - dedupeKey = `event_type|interview_id|occurred_at|status|score`: no delivery id; a retry repeats
 *   the payload, while a re-scored report is a new event.
 * - Objects keep the payload as `raw`, since a payload cannot be fetched again.
 */
import { InterviewStatus, type Interview } from '../../domain/model';
import { fromEpochSeconds } from '../../domain/time';
import { identityRefOf } from '../kit/identity-ref';
import type { VendorWebhook } from '../vendor-roles';
import { type DriftSink, IGNORE_DRIFT, tellDrift } from '../kit/schema-drift';
import { nonEmpty } from '../kit/values';
import { invalidWebhook, readWebhookPayload, webhookDedupeKey, webhookEventType, webhookObject } from '../kit/webhook-input';
import type { IdentityRef, WebhookEvent } from '../vendor-adapter';
import { mapHeymiloStatus, normalizeHeymiloCandidate, normalizeHeymiloReport } from './heymilo.normalize';
import { type HeymiloWebhookPayload, type RawHeymiloCandidate, type RawHeymiloInterviewData, heymiloWebhookSchema } from './heymilo.raw';

/** The webhooks of a HeyMilo adapter: the parser alone (no HeyMilo event names a report by an id of its own). */
export function heymiloWebhook(drift: DriftSink = IGNORE_DRIFT): VendorWebhook {
  return { parseWebhook: (body) => parseHeymiloWebhook(body, drift) };
}

/** The event types HeyMilo names (the first three documented; `candidate_ingested` in its schema description). */
export const HEYMILO_WEBHOOK_EVENTS = ['candidate_ingested', 'interview_started', 'interview_completed', 'report_available'] as const;
export type HeymiloWebhookEventType = (typeof HEYMILO_WEBHOOK_EVENTS)[number];

export const HEYMILO_WEBHOOK_STAGES: Readonly<Record<HeymiloWebhookEventType, number>> = {
  candidate_ingested: 1,
  interview_started: 2,
  interview_completed: 3,
  report_available: 4,
};

/** Throws BadUserInputError on a `data` object about another interview, too. */
export function parseHeymiloWebhook(body: unknown, drift: DriftSink = IGNORE_DRIFT): WebhookEvent {
  const type = webhookEventType('heymilo', webhookObject('heymilo', body), 'event_type', HEYMILO_WEBHOOK_EVENTS);
  const payload = readWebhookPayload('heymilo', heymiloWebhookSchema, body);
  tellDrift(payload, body, drift);
  if (payload.data && payload.data.interview_id !== payload.interview_id) {
    throw invalidWebhook('heymilo', `"data.interview_id" ("${payload.data.interview_id}") does not match "interview_id" ("${payload.interview_id}")`);
  }

  const occurredSeconds = payload.occurred_at ?? payload.timestamp ?? null;
  const base = {
    type,
    dedupeKey: webhookDedupeKey(type, payload.interview_id, occurredSeconds, payload.status ?? payload.data?.status, payload.score ?? payload.data?.score),
    interviewLocator: payload.interview_id,
    occurredAt: fromEpochSeconds(occurredSeconds),
    stage: HEYMILO_WEBHOOK_STAGES[type],
  };

  if (type === 'report_available') {
    const report = payload.data ? normalizeHeymiloReport(payload.data, (body as { data?: unknown }).data) : null;
    if (!payload.data || !report) return { ...base, refs: [envelopeRef(payload)], invalidate: true };
    const interview = interviewFromData(payload, payload.data, body);
    return { ...base, interview, report, refs: [identityRefOf(interview)] };
  }

  const interview = interviewFromEvent(type, payload, base.occurredAt, body);
  return { ...base, interview, refs: [identityRefOf(interview)] };
}

// ------------------------------------------------------------------ interviews

/** The payload's row fields as the REST normalizer's input (`status` as given, `posting_id` '' when absent). */
function rowOf(payload: HeymiloWebhookPayload, status: string, data?: RawHeymiloInterviewData): RawHeymiloCandidate {
  return {
    interview_id: payload.interview_id,
    posting_id: payload.posting_id ?? data?.posting_id ?? '',
    candidate_id: payload.candidate?.candidate_id ?? payload.candidate_id ?? data?.candidate_id ?? null,
    name: payload.candidate?.name ?? payload.name ?? data?.name ?? null,
    email: payload.candidate?.email ?? payload.email ?? data?.email ?? null,
    status,
    score: payload.score ?? data?.score ?? null,
    workflow: payload.workflow ?? data?.workflow ?? null,
    interview_url: payload.interview_url ?? data?.interview_url ?? null,
    created_at: payload.created_at ?? data?.created_at ?? null,
    interviewed_at: payload.interviewed_at ?? data?.interviewed_at ?? null,
    shortlisted: payload.shortlisted ?? data?.shortlisted ?? null,
    dismissed: payload.dismissed ?? data?.dismissed ?? null,
  };
}

/** The Interview an `candidate_ingested` / `interview_started` / `interview_completed` event describes. */
function interviewFromEvent(
  type: Exclude<HeymiloWebhookEventType, 'report_available'>,
  payload: HeymiloWebhookPayload,
  occurredAt: string | null,
  body: unknown,
): Interview {
  const word = payload.status ?? null;
  const row = normalizeHeymiloCandidate(rowOf(payload, word ?? ''), body);
  const interview: Interview = {
    ...row,
    templateLocator: nonEmpty(payload.posting_id),
    statusRaw: word,
    updatedAt: row.updatedAt ?? occurredAt,
  };
  switch (type) {
    case 'candidate_ingested':
      return { ...interview, status: InterviewStatus.INVITED, decision: null, decisionRaw: null };
    case 'interview_started':
      return { ...interview, status: InterviewStatus.IN_PROGRESS, decision: null, decisionRaw: null, startedAt: row.startedAt ?? occurredAt };
    case 'interview_completed': {
      const mapped = mapHeymiloStatus(word, { shortlisted: payload.shortlisted, dismissed: payload.dismissed });
      const settled = mapped.status === InterviewStatus.PROCESSING || mapped.status === InterviewStatus.COMPLETED;
      return {
        ...interview,
        ...(settled ? mapped : { status: InterviewStatus.PROCESSING, statusRaw: word, decision: null, decisionRaw: null }),
        completedAt: row.completedAt ?? occurredAt,
      };
    }
  }
}

/** `report_available` with the `/data` object: the Interview as `/data` says (status from `data.status`), with the row fields the envelope adds. */
function interviewFromData(payload: HeymiloWebhookPayload, data: RawHeymiloInterviewData, body: unknown): Interview {
  const interview = normalizeHeymiloCandidate(rowOf(payload, data.status ?? '', data), body);
  return { ...interview, templateLocator: nonEmpty(payload.posting_id ?? data.posting_id) };
}

// ------------------------------------------------------------------ helpers

/** A ref from the envelope alone (no Interview built): created_at, else null. */
function envelopeRef(payload: HeymiloWebhookPayload): IdentityRef {
  return {
    locator: payload.interview_id,
    email: nonEmpty(payload.candidate?.email ?? payload.email),
    name: nonEmpty(payload.candidate?.name ?? payload.name),
    candidateProviderId: nonEmpty(payload.candidate?.candidate_id ?? payload.candidate_id),
    createdAt: fromEpochSeconds(payload.created_at),
  };
}
