/**
 * Xobin AI-interview webhooks ("Workflows", set up per AI interview in the dashboard; REFERENCE.md
 * §3.3, §6 note 37). The payloads are flat JSON with no event name, so the event is told by shape:
 *
 * | event (Xobin's name)      | recognised by                                           | stage | carries                               | occurredAt     | dedupeKey |
 * |---------------------------|---------------------------------------------------------|-------|---------------------------------------|----------------|-----------|
 * | `AI Interview Start`      | `invite_status` "Started"                               | 2     | IN_PROGRESS Interview + ref           | null (no time in the payload) | type‹response_id› |
 * | `AI Interview Submission` | `invite_status` "Completed" — or an unknown word on an object carrying evaluation fields (score, summary, skills, …) | 4 | Interview + Report + ref | `completed_date` | type‹response_id›‹completed_date›‹score› |
 *
 * - The submission IS the report object, so it is read by the REST schema and normalizers and
 *   equals what `GET /ai-interviews/report/{response_id}` gives.
 * - A start carries no time and a response starts once, so its key is the response alone; a
 *   submission's key adds completion time and score, so a re-evaluated report is new.
 * - `Pending` (never sent) and an assessment-webhook envelope (`{event, timestamp, data}`: Xobin's
 *   non-AI product) are refused as unknown events.
 * - Objects keep the payload as `raw`, since a payload cannot be fetched again.
 */
import { InterviewStatus } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { identityRefOf } from '../kit/identity-ref';
import type { VendorWebhook } from '../vendor-roles';
import { type DriftSink, IGNORE_DRIFT, tellDrift } from '../kit/schema-drift';
import { readWebhookPayload, webhookDedupeKey, webhookObject } from '../kit/webhook-input';
import type { WebhookEvent } from '../vendor-adapter';
import { xobinLocator } from './xobin.ids';
import { mapXobinStatus, normalizeXobinInterview, normalizeXobinReport, parseXobinCompletedDate } from './xobin.normalize';
import { xobinReportSchema, xobinWebhookEventSchema } from './xobin.raw';

/** The webhooks of a Xobin adapter: the parser alone (its events carry whole objects, no amendments). */
export function xobinWebhook(drift: DriftSink = IGNORE_DRIFT): VendorWebhook {
  return { parseWebhook: (body) => parseXobinWebhook(body, drift) };
}

/** Xobin's names for its two AI-interview workflows, used as `WebhookEvent.type`. */
export const XOBIN_WEBHOOK_START = 'AI Interview Start';
export const XOBIN_WEBHOOK_SUBMISSION = 'AI Interview Submission';
export const XOBIN_WEBHOOK_EVENTS = [XOBIN_WEBHOOK_START, XOBIN_WEBHOOK_SUBMISSION] as const;
export type XobinWebhookEventType = (typeof XOBIN_WEBHOOK_EVENTS)[number];

export const XOBIN_WEBHOOK_STAGES: Readonly<Record<XobinWebhookEventType, number>> = {
  [XOBIN_WEBHOOK_START]: 2,
  [XOBIN_WEBHOOK_SUBMISSION]: 4,
};

export function parseXobinWebhook(body: unknown, drift: DriftSink = IGNORE_DRIFT): WebhookEvent {
  const named = webhookObject('xobin', body).event;
  if (typeof named === 'string') throw new BadUserInputError(`unknown xobin webhook event "${named}"`);
  const raw = readWebhookPayload('xobin', xobinReportSchema, body);
  // The status word tells the event: unlike on the REST path, it must be readable.
  readWebhookPayload('xobin', xobinWebhookEventSchema, body);
  tellDrift(raw, body, drift);
  const status = mapXobinStatus(raw.invite_status);

  if (status === InterviewStatus.IN_PROGRESS) {
    const interview = normalizeXobinInterview(raw, null, body);
    return {
      type: XOBIN_WEBHOOK_START,
      dedupeKey: webhookDedupeKey(XOBIN_WEBHOOK_START, raw.response_id),
      interviewLocator: interview.locator,
      occurredAt: null,
      stage: XOBIN_WEBHOOK_STAGES[XOBIN_WEBHOOK_START],
      interview,
      refs: [identityRefOf(interview)],
    };
  }

  const report = status === InterviewStatus.INVITED ? null : normalizeXobinReport(raw, body);
  if (!report) throw new BadUserInputError(`unknown xobin webhook event (invite_status "${raw.invite_status}" without a report)`);
  const interview = normalizeXobinInterview(raw, null, body);
  return {
    type: XOBIN_WEBHOOK_SUBMISSION,
    dedupeKey: webhookDedupeKey(XOBIN_WEBHOOK_SUBMISSION, raw.response_id, raw.completed_date, raw.score),
    interviewLocator: xobinLocator(raw.response_id),
    occurredAt: parseXobinCompletedDate(raw.completed_date),
    stage: XOBIN_WEBHOOK_STAGES[XOBIN_WEBHOOK_SUBMISSION],
    interview,
    report,
    refs: [identityRefOf(interview)],
  };
}
