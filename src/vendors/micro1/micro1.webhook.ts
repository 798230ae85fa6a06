/**
 * micro1 inbound webhooks (REFERENCE.md §1.3, §6 notes 37–38). Every delivery is `{event, data}`,
 * one event type per subscription, no delivery id, no signature. (`‹x›`: the payload's value.)
 *
 * | event                                  | stage | interviewLocator            | carries                          | dedupeKey                                                         | occurredAt |
 * |----------------------------------------|-------|-----------------------------|----------------------------------|-------------------------------------------------------------------|------------|
 * | `interview_report.created`             | 4     | `interview_id~candidate_id` | Report + COMPLETED Interview + ref | type‹report_id›‹date_modified›                                  | `date_created` (else `date_modified`, `report_date`) |
 * | `interview.started`                    | 2     | `interview_id~candidate_id` | IN_PROGRESS Interview + ref      | type‹interview_id›‹candidate_id›‹date_started›                    | `date_started` |
 * | `interview.completed`                  | 3     | only if `interview_id` sent | amendment (screen recording), else invalidate | type‹report_id›‹interview_id›‹candidate_id›          | null |
 * | `interview_recording.completed`        | 3     | only if `interview_id` sent | amendment: SCREEN recording + player URL | type‹report_id›                                            | null |
 * | `interview_webcam_recording.completed` | 3     | only if `interview_id` sent | amendment: WEBCAM recording + player URL | type‹report_id›                                            | null |
 * | `proctoring_score.completed`           | 4     | only if `interview_id` sent | amendment: integrity score (UNKNOWN scale) | type‹report_id›‹proctoring_score›                        | null |
 * | `applicant.created` / `.updated` / `.completed` | 0 | null                  | nothing (stored for audit)       | type‹application›‹candidate_id›‹date_modified or date_created›‹stage›‹resume_score› | `date_created` (created) / `date_modified` (others) |
 * | `applicant.invited`                    | 1     | null                        | nothing (stored for audit)       | as the other applicant events                                | `date_modified`, else `date_created` |
 *
 * - Recording, webcam and proctoring events send `report_id` and `candidate_id` but not the
 *   `interview_id` a locator needs, so they become amendments found through `locateReport`;
 *   `interview.completed` is documented as the same trigger as `interview_recording.completed`.
 * - Applicant events concern micro1's ATS-side application, which the model has no object for;
 *   its ATS ids reach the graph through the report and `interview.started` events.
 * - No delivery id: a key is the type, the object's ids and the fields that change when micro1
 *   has news, so a retry gives the same key. Recording URLs are left out: they are time-limited
 *   and may be re-signed on a retry.
 * - Times are naive `YYYY-MM-DD HH:MM:SS`, read as UTC (REFERENCE.md §6.18) and noted.
 */
import { InterviewStatus, type Interview } from '../../domain/model';
import type { ReportAmendment } from '../../domain/report-amendment';
import { scoreOnUnknownScale } from '../../domain/score';
import { fromNaiveUtc } from '../../domain/time';
import { identityRefOf } from '../kit/identity-ref';
import type { VendorWebhook } from '../vendor-roles';
import { type DriftSink, IGNORE_DRIFT } from '../kit/schema-drift';
import { nonEmpty } from '../kit/values';
import { invalidWebhook, readWebhookPayload, webhookDedupeKey, webhookEventType, webhookObject } from '../kit/webhook-input';
import type { LocatedReport, WebhookEvent } from '../vendor-adapter';
import type { Micro1Client } from './micro1.client';
import { reportLocator, sessionLocator } from './micro1.ids';
import { micro1ExternalIds, naiveTimeNotes, normalizeRecordings, normalizeReport, reportCompletion } from './micro1.normalize';
import {
  type Micro1ApplicantEvent,
  type Micro1InterviewStarted,
  type Micro1RecordingCompleted,
  type Micro1Report,
  micro1ApplicantEventSchema,
  micro1InterviewCompletedSchema,
  micro1InterviewStartedSchema,
  micro1ProctoringScoreSchema,
  micro1RecordingCompletedSchema,
  micro1ReportSchema,
  micro1WebhookEnvelopeSchema,
} from './micro1.raw';
import { MICRO1 } from './micro1.descriptor';

/** The webhooks of a micro1 adapter: the parser, and the report lookup its amendments need (a call over `client`). */
export function micro1Webhook(client: Micro1Client, drift: DriftSink): Required<VendorWebhook> {
  return {
    parseWebhook: (body) => parseMicro1Webhook(body, drift),
    locateReport: (amendment) => locateReport(client, amendment),
  };
}

/** Every event `CreateWebhookRequest.event` documents, in the vendor's order. */
export const MICRO1_WEBHOOK_EVENTS = [
  'interview_report.created',
  'interview_recording.completed',
  'interview_webcam_recording.completed',
  'proctoring_score.completed',
  'applicant.completed',
  'applicant.created',
  'applicant.updated',
  'applicant.invited',
  'interview.started',
  'interview.completed',
] as const;
export type Micro1WebhookEventType = (typeof MICRO1_WEBHOOK_EVENTS)[number];

/** Stage per event (see the table above). */
export const MICRO1_WEBHOOK_STAGES: Readonly<Record<Micro1WebhookEventType, number>> = {
  'applicant.created': 0,
  'applicant.updated': 0,
  'applicant.completed': 0,
  'applicant.invited': 1,
  'interview.started': 2,
  'interview.completed': 3,
  'interview_recording.completed': 3,
  'interview_webcam_recording.completed': 3,
  'proctoring_score.completed': 4,
  'interview_report.created': 4,
};

// ------------------------------------------------------------------ parsing

/** A report's fields other than its ids are read tolerantly: another shape goes to `drift` and stays in `raw`. */
export function parseMicro1Webhook(body: unknown, drift: DriftSink = IGNORE_DRIFT): WebhookEvent {
  const type = webhookEventType('micro1', webhookObject('micro1', body), 'event', MICRO1_WEBHOOK_EVENTS);
  const { data } = readWebhookPayload('micro1', micro1WebhookEnvelopeSchema, body);

  switch (type) {
    case 'interview_report.created':
      return reportCreated(readWebhookPayload('micro1', micro1ReportSchema, data, 'data'), data, drift);
    case 'interview.started':
      return interviewStarted(readWebhookPayload('micro1', micro1InterviewStartedSchema, data, 'data'), data);
    case 'interview.completed': {
      const parsed = readWebhookPayload('micro1', micro1InterviewCompletedSchema, data, 'data');
      if (!parsed.report_id && !(parsed.interview_id && parsed.candidate_id)) throw invalidWebhook('micro1', '"data.report_id" is required');
      const event = invalidation(type, parsed, [parsed.report_id, parsed.interview_id, parsed.candidate_id]);
      return parsed.report_id ? { ...event, amendment: mediaAmendment({ ...parsed, report_id: parsed.report_id }) } : event;
    }
    case 'interview_recording.completed':
    case 'interview_webcam_recording.completed': {
      const parsed = readWebhookPayload('micro1', micro1RecordingCompletedSchema, data, 'data');
      return { ...invalidation(type, parsed, [parsed.report_id]), amendment: mediaAmendment(parsed) };
    }
    case 'proctoring_score.completed': {
      const parsed = readWebhookPayload('micro1', micro1ProctoringScoreSchema, data, 'data');
      const amendment: ReportAmendment = { reportProviderId: parsed.report_id, candidateProviderId: parsed.candidate_id ?? null };
      if (typeof parsed.proctoring_score === 'number' && Number.isFinite(parsed.proctoring_score))
        amendment.integrityScore = scoreOnUnknownScale(parsed.proctoring_score);
      return { ...invalidation(type, parsed, [parsed.report_id, parsed.proctoring_score]), amendment };
    }
    case 'applicant.created':
    case 'applicant.updated':
    case 'applicant.completed':
    case 'applicant.invited':
      return applicantEvent(type, readWebhookPayload('micro1', micro1ApplicantEventSchema, data, 'data'));
  }
}

function reportCreated(report: Micro1Report, raw: unknown, drift: DriftSink): WebhookEvent {
  const type = 'interview_report.created';
  const interview = normalizeReportInterview(report, raw);
  return {
    type,
    dedupeKey: webhookDedupeKey(type, report.report_id, report.date_modified),
    interviewLocator: interview.locator,
    occurredAt: fromNaiveUtc(report.date_created) ?? fromNaiveUtc(report.date_modified) ?? fromNaiveUtc(report.report_date),
    stage: MICRO1_WEBHOOK_STAGES[type],
    interview,
    report: normalizeReport(report, raw, drift),
    refs: [identityRefOf(interview)],
  };
}

/** A recording event's recordings (SCREEN and/or WEBCAM, with player URLs) as a report amendment. */
function mediaAmendment(data: Micro1RecordingCompleted): ReportAmendment {
  return { reportProviderId: data.report_id, candidateProviderId: data.candidate_id ?? null, recordings: normalizeRecordings(data) };
}

function interviewStarted(data: Micro1InterviewStarted, raw: unknown): WebhookEvent {
  const type = 'interview.started';
  const interview = normalizeStartedInterview(data, raw);
  return {
    type,
    dedupeKey: webhookDedupeKey(type, data.interview_id, data.candidate_id, data.date_started),
    interviewLocator: interview.locator,
    occurredAt: fromNaiveUtc(data.date_started),
    stage: MICRO1_WEBHOOK_STAGES[type],
    interview,
    refs: [identityRefOf(interview)],
  };
}

/** A notification about part of a report: drop the cached copies (when the session can be named). */
function invalidation(
  type: Micro1WebhookEventType,
  ids: { interview_id?: string | null; candidate_id?: string | null },
  keyParts: Array<string | number | null | undefined>,
): WebhookEvent {
  const locator = ids.interview_id && ids.candidate_id ? sessionLocator(ids.interview_id, ids.candidate_id) : null;
  return {
    type,
    dedupeKey: webhookDedupeKey(type, ...keyParts),
    interviewLocator: locator,
    occurredAt: null,
    stage: MICRO1_WEBHOOK_STAGES[type],
    invalidate: true,
  };
}

function applicantEvent(type: Micro1WebhookEventType, data: Micro1ApplicantEvent): WebhookEvent {
  const application =
    nonEmpty(data.micro1_job_application_id) ??
    (nonEmpty(data.ats_job_application_id) ? `ats:${data.ats_job_application_id}` : null) ??
    (nonEmpty(data.email_id) ? `email:${data.email_id}@${data.micro1_job_id ?? ''}` : null);
  if (application === null) throw invalidWebhook('micro1', '"data.micro1_job_application_id" is required');
  const created = type === 'applicant.created';
  const first = created ? data.date_created : data.date_modified;
  const second = created ? data.date_modified : data.date_created;
  return {
    type,
    dedupeKey: webhookDedupeKey(type, application, data.candidate_id, data.date_modified ?? data.date_created, data.stage, data.resume_score),
    interviewLocator: null,
    occurredAt: fromNaiveUtc(first) ?? fromNaiveUtc(second),
    stage: MICRO1_WEBHOOK_STAGES[type],
  };
}

/** By `candidate_id`, the only id those events send besides the report's. Null while micro1 has no such report. */
async function locateReport(client: Micro1Client, amendment: ReportAmendment): Promise<LocatedReport | null> {
  if (!amendment.candidateProviderId) return null;
  const reports = await client.listAllReports({ candidateId: amendment.candidateProviderId });
  const match = reports.find((r) => r.head.report_id === amendment.reportProviderId)?.head;
  return match
    ? {
        interviewLocator: sessionLocator(match.interview_id, match.candidate_id),
        reportLocator: reportLocator(match.interview_id, match.candidate_id, match.report_id),
      }
    : null;
}

// ------------------------------------------------------------------ interviews from webhook payloads

/**
 * completedAt as the REST path derives it (reportCompletion); createdAt, invitedAt, startedAt and
 * inviteUrl are null: the report does not say (the invites list and `interview.started` do).
 */
export function normalizeReportInterview(report: Micro1Report, raw?: unknown): Interview {
  const locator = sessionLocator(report.interview_id, report.candidate_id);
  const completion = reportCompletion(report);
  const modified = fromNaiveUtc(report.date_modified);
  const updatedAt = modified ?? fromNaiveUtc(report.date_created);
  return {
    kind: 'Interview',
    provider: MICRO1,
    locator,
    providerId: locator,
    createdAt: null,
    updatedAt,
    timeNotes: [...naiveTimeNotes([['updatedAt', updatedAt, modified ? 'date_modified' : 'date_created']]), ...(completion.note ? [completion.note] : [])],
    status: InterviewStatus.COMPLETED,
    statusRaw: report.status ?? null,
    decision: null,
    decisionRaw: null,
    candidate: {
      provider: MICRO1,
      providerId: report.candidate_id,
      name: report.candidate_name ?? null,
      email: report.candidate_email_id ?? null,
    },
    templateLocator: report.interview_id,
    templateName: report.interview_name ?? null,
    inviteUrl: null,
    invitedAt: null,
    startedAt: null,
    completedAt: completion.at,
    externalIds: micro1ExternalIds(report),
    ...(raw === undefined ? {} : { raw }),
  };
}

/** statusRaw null: micro1 sends no status word, only the event name. */
export function normalizeStartedInterview(data: Micro1InterviewStarted, raw?: unknown): Interview {
  const locator = sessionLocator(data.interview_id, data.candidate_id);
  const startedAt = fromNaiveUtc(data.date_started);
  return {
    kind: 'Interview',
    provider: MICRO1,
    locator,
    providerId: locator,
    createdAt: null,
    updatedAt: startedAt,
    timeNotes: naiveTimeNotes([
      ['updatedAt', startedAt, 'date_started'],
      ['startedAt', startedAt, 'date_started'],
    ]),
    status: InterviewStatus.IN_PROGRESS,
    statusRaw: null,
    decision: null,
    decisionRaw: null,
    candidate: {
      provider: MICRO1,
      providerId: data.candidate_id,
      name: data.candidate_name ?? null,
      email: data.candidate_email_id ?? null,
    },
    templateLocator: data.interview_id,
    templateName: data.interview_name ?? null,
    inviteUrl: null,
    invitedAt: null,
    startedAt,
    completedAt: null,
    externalIds: micro1ExternalIds(data),
    ...(raw === undefined ? {} : { raw }),
  };
}

// ------------------------------------------------------------------ helpers
