/**
 * micro1 inbound webhooks → WebhookEvent (REFERENCE.md §1.3, seed 000, §6 notes 37–38). Parsing
 * is pure: no I/O, no clock; `locateReport`, which finds the report an amendment names, is the one
 * vendor call here.
 *
 * Every delivery is `{event, data}`, one event type per subscription, no delivery id, no
 * signature. The ten event types of `CreateWebhookRequest.event` are read as follows
 * (`|` joins the parts of a dedupe key; `‹x›` is the payload's own value, empty when absent):
 *
 * | event                                  | stage | interviewLocator            | carries                          | dedupeKey                                                         | occurredAt |
 * |----------------------------------------|-------|-----------------------------|----------------------------------|-------------------------------------------------------------------|------------|
 * | `interview_report.created`             | 4     | `interview_id~candidate_id` | Report + COMPLETED Interview + ref | type‹report_id›‹date_modified›                                  | `date_created` (else `date_modified`, `report_date`) |
 * | `interview.started`                    | 2     | `interview_id~candidate_id` | IN_PROGRESS Interview + ref      | type‹interview_id›‹candidate_id›‹date_started›                    | `date_started` |
 * | `interview.completed`                  | 3     | only if `interview_id` sent | amendment (screen recording), else invalidate | type‹report_id›‹interview_id›‹candidate_id›          | null |
 * | `interview_recording.completed`        | 3     | only if `interview_id` sent | amendment: SCREEN recording + player URL | type‹report_id›                                            | null |
 * | `interview_webcam_recording.completed` | 3     | only if `interview_id` sent | amendment: WEBCAM recording + player URL | type‹report_id›                                            | null |
 * | `proctoring_score.completed`           | 4     | only if `interview_id` sent | amendment: integrity score (UNKNOWN scale) | type‹report_id›‹proctoring_score›                        | null |
 * | `applicant.created` / `.updated` / `.completed` | 0 | null                  | nothing (stored for audit; see below) | type‹application›‹candidate_id›‹date_modified or date_created›‹stage›‹resume_score› | `date_created` (created) / `date_modified` (others) |
 * | `applicant.invited`                    | 1     | null                        | nothing (stored for audit; see below) | as the other applicant events                                | `date_modified`, else `date_created` |
 *
 * Why:
 * - The report object is the whole evaluation, so the report event is written through; the
 *   interview it implies (this candidate finished this interview) is built from the same fields.
 * - Recording, webcam and proctoring events (and `interview.completed`, documented as the same
 *   trigger as `interview_recording.completed`) carry a part of a report: `report_id` and
 *   `candidate_id`, but not the `interview_id` a session locator needs. Each becomes a
 *   ReportAmendment (the recording with its player URL, or the proctoring score): the webhook
 *   service finds the report through `locateReport` (the candidate's reports, by `candidate_id`)
 *   and applies it; a report micro1 has not generated yet gets it when its
 *   `interview_report.created` arrives (the part is held until then).
 * - Stage: recordings (and `interview.completed`) mean the sitting is over (3); the proctoring
 *   score is part of the evaluation, like the report (4).
 * - Applicant events are about a job application (micro1's ATS-side object), not an interview
 *   session: no locator, no refs (a ref needs an interview locator). The unified model has no
 *   application object to put them on: the candidate's name and email, `resume_score` (a
 *   string, scale undocumented) and the ATS ids stay in the stored delivery; the ATS ids reach
 *   the graph as `Interview.externalIds` through the report and `interview.started` events of the
 *   same application. `applicant.invited` is stage 1 to say what it is, though with no locator
 *   the gateway orders nothing by it.
 * - Dedupe keys: micro1 sends no delivery id, so a key is the event type plus the ids that
 *   name the object plus the payload fields that change when micro1 has something new to say
 *   (a modified report, a new proctoring score, an applicant's new stage/score). A retry sends
 *   the same payload, hence the same key. Recording URLs are left out: they are time-limited
 *   and might be re-signed on a retry. The application is named by `micro1_job_application_id`,
 *   else `ats:‹ats_job_application_id›`, else `email:‹email_id›@‹micro1_job_id›`.
 * - Times are micro1's naive `YYYY-MM-DD HH:MM:SS`, read as UTC (REFERENCE.md §6.18) and noted
 *   as such (`timeNotes`); completion as `reportCompletion` reads it.
 * - Objects built from a payload carry it as `raw` (the `data` object, as sent): the gateway
 *   caches it with them, so every field micro1 sent is reachable even where the model has none.
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

/**
 * One micro1 delivery (the parsed JSON body) as a WebhookEvent. Throws BadUserInputError naming
 * the first problem: not an object, no/unknown `event`, no `data` object, a required id missing,
 * or a field of the wrong type. A report's fields other than its ids are read tolerantly: one in
 * another shape is told to `drift` and left in `raw`.
 */
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

/**
 * The report a recording or proctoring webhook names by `report_id`: among the candidate's
 * reports (GET /interview/reports filtered by `candidate_id`, the only id those events send
 * besides the report's). Null without a candidate id, or while micro1 has no such report.
 */
async function locateReport(client: Micro1Client, amendment: ReportAmendment): Promise<LocatedReport | null> {
  if (!amendment.candidateProviderId) return null;
  const reports = await client.listAllReports({ candidateId: amendment.candidateProviderId });
  const match = reports.find((r) => r.parsed.report_id === amendment.reportProviderId)?.parsed;
  return match
    ? {
        interviewLocator: sessionLocator(match.interview_id, match.candidate_id),
        reportLocator: reportLocator(match.interview_id, match.candidate_id, match.report_id),
      }
    : null;
}

// ------------------------------------------------------------------ interviews from webhook payloads

/**
 * The session an `interview_report.created` report evaluates, as a COMPLETED Interview:
 * - locator = providerId = `${interview_id}~${candidate_id}`; candidate, template id and name
 *   from the report;
 * - completedAt as the REST path derives it (reportCompletion: `report_date`, to the second
 *   when `date_created` is that day); updatedAt = the report's `date_modified` (else
 *   `date_created`); both noted (naive, or day only);
 * - statusRaw = the report's record flag (`active`), as the REST path keeps the invite's;
 * - externalIds: `ats_job_id`, `ats_job_application_id`, `job_applicant_id`;
 * - createdAt, invitedAt, startedAt, inviteUrl: the report does not say → null (the invites list
 *   and `interview.started` do);
 * - raw: the payload's `data`, when given.
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

/**
 * `interview.started` as an IN_PROGRESS Interview: startedAt = updatedAt = `date_started` (naive,
 * noted); statusRaw null (micro1 sends no status word, only the event name); invite date and URL
 * unknown → null; not completed → completedAt null; externalIds `job_id`, `ats_job_id`,
 * `ats_job_application_id`; raw: the payload's `data`, when given.
 */
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
