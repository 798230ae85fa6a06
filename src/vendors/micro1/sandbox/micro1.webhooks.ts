/**
 * The webhook bodies the micro1 simulator sends (REFERENCE.md §1.3, the docs' event examples).
 * - `interview_report.created`: the report exactly as GET /interview/reports lists it (the docs:
 *   the webhook sends the same object); `interview.completed` has the recording event's fields,
 *   being documented as the same trigger.
 * - `interview.started`: `date_started` is `at`, else the report's completion minus the sitting
 *   (last transcript offset + 1 minute), else the invite's creation + 1 hour.
 * - `applicant.*`: the data set models no jobs, so the candidate's first invite stands in for the
 *   application (stable ids derived from template and candidate); `resume_score` is micro1's
 *   string spelling ("80.25"; none yet on `applicant.created`).
 */
import { createHash } from 'node:crypto';
import { naiveUtc, type Micro1Dataset, type SimInvite, type SimReport } from './micro1.data';

/** Every event micro1's `CreateWebhookRequest` documents. */
export const MICRO1_SIM_WEBHOOK_EVENTS = [
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
export type Micro1SimWebhookEvent = (typeof MICRO1_SIM_WEBHOOK_EVENTS)[number];

export interface Micro1WebhookBody {
  event: Micro1SimWebhookEvent;
  data: Record<string, unknown>;
}

export interface Micro1WebhookOptions {
  /** `interview.started` only: when the sitting started (ms). */
  at?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The body micro1 would POST for `event` about the data-set object `id` (see the file comment). Throws for an unknown id. */
export function micro1WebhookBody(dataset: Micro1Dataset, event: Micro1SimWebhookEvent, id: string, options: Micro1WebhookOptions = {}): Micro1WebhookBody {
  switch (event) {
    case 'interview.started':
      return { event, data: startedData(dataset, id, options.at) };
    case 'applicant.created':
    case 'applicant.updated':
    case 'applicant.completed':
    case 'applicant.invited':
      return { event, data: applicantData(dataset, event, id) };
    default:
      return micro1ReportEventBody(event, reportOf(dataset, id));
  }
}

/** The events that are about one report. */
export type Micro1ReportEvent = Exclude<Micro1SimWebhookEvent, 'interview.started' | `applicant.${string}`>;

/** The body of a report event about `report` (which need not be in the data set yet). */
export function micro1ReportEventBody(event: Micro1ReportEvent, report: SimReport): Micro1WebhookBody {
  switch (event) {
    case 'interview_report.created':
      return { event, data: { ...report } };
    case 'interview_recording.completed':
    case 'interview.completed':
      return {
        event,
        data: {
          report_id: report.report_id,
          candidate_id: report.candidate_id,
          interview_recording_url: report.interview_recording_url,
          interview_recording_player_url: report.interview_recording_player_url,
        },
      };
    case 'interview_webcam_recording.completed':
      if (!report.interview_webcam_recording_url) throw new Error(`micro1 report ${report.report_id} has no webcam recording`);
      return {
        event,
        data: {
          report_id: report.report_id,
          candidate_id: report.candidate_id,
          interview_webcam_recording_url: report.interview_webcam_recording_url,
          interview_webcam_recording_player_url: report.interview_webcam_recording_player_url ?? null,
        },
      };
    case 'proctoring_score.completed':
      return { event, data: { report_id: report.report_id, candidate_id: report.candidate_id, proctoring_score: report.proctoring_score } };
  }
}

/** The latest report of a session, or null. */
export function latestMicro1Report(dataset: Micro1Dataset, interviewId: string, candidateId: string): SimReport | null {
  // Reports are listed newest first.
  return dataset.reports.find((r) => r.interview_id === interviewId && r.candidate_id === candidateId) ?? null;
}

/** How long a reported sitting lasted: its last transcript offset plus a minute. */
export function sittingMs(report: SimReport): number {
  const last = report.interview_transcript.reduce((max, t) => Math.max(max, t.timestamp), 0);
  return (last + 60) * 1000;
}

function reportOf(dataset: Micro1Dataset, reportId: string): SimReport {
  const report = dataset.reports.find((r) => r.report_id === reportId);
  if (!report) throw new Error(`no micro1 report ${reportId} in the data set`);
  return report;
}

function startedData(dataset: Micro1Dataset, session: string, at: number | undefined): Record<string, unknown> {
  const [interviewId, candidateId] = session.split('~');
  const invite = dataset.invites.find((i) => i.interview_id === interviewId && i.candidate_id === candidateId);
  if (!invite) throw new Error(`no micro1 session ${session} in the data set`);
  const report = latestMicro1Report(dataset, interviewId, candidateId);
  const started = at ?? (report ? msOf(report.date_created) - sittingMs(report) : msOf(invite.date_created) + HOUR);
  return {
    candidate_id: invite.candidate_id,
    candidate_name: invite.candidate_name,
    candidate_email_id: invite.candidate_email_id,
    // The data set models no jobs.
    job_id: null,
    job_name: null,
    ats_job_id: report?.ats_job_id ?? null,
    ats_job_application_id: report?.ats_job_application_id ?? null,
    interview_id: invite.interview_id,
    interview_name: invite.interview_name,
    date_started: naiveUtc(started),
  };
}

const APPLICANT_STAGE: Record<'applicant.created' | 'applicant.updated' | 'applicant.completed' | 'applicant.invited', string> = {
  'applicant.created': 'applied',
  'applicant.completed': 'resume_scored',
  'applicant.updated': 'screening',
  'applicant.invited': 'interview_invited',
};

function applicantData(dataset: Micro1Dataset, event: keyof typeof APPLICANT_STAGE, candidateId: string): Record<string, unknown> {
  const candidate = dataset.candidates.find((c) => c.candidateId === candidateId);
  // Invites are listed newest first: the last one is the candidate's first.
  const invite: SimInvite | undefined = dataset.invites.filter((i) => i.candidate_id === candidateId).pop();
  if (!candidate || !invite) throw new Error(`no micro1 candidate ${candidateId} with an invite in the data set`);
  const report = latestMicro1Report(dataset, invite.interview_id, candidateId);
  const applicationId = uuidOf(`application:${invite.interview_id}:${candidateId}`);
  const invited = msOf(invite.date_created);
  const created = invited - 24 * HOUR;
  const modified = {
    'applicant.created': created,
    'applicant.completed': created + 10 * MINUTE,
    'applicant.updated': created + 2 * HOUR,
    'applicant.invited': invited,
  }[event];
  const score = (5000 + (createHash('sha256').update(applicationId).digest().readUInt16BE(0) % 4999)) / 100;
  return {
    resume_score: event === 'applicant.created' ? null : score.toFixed(2),
    ats_job_application_id: report?.ats_job_application_id ?? null,
    ats_job_id: report?.ats_job_id ?? null,
    micro1_job_id: uuidOf(`job:${invite.interview_id}`),
    email_id: candidate.email,
    micro1_job_application_id: applicationId,
    candidate_id: candidateId,
    candidate_name: candidate.name,
    job_name: invite.interview_name,
    stage: APPLICANT_STAGE[event],
    date_created: naiveUtc(created),
    date_modified: naiveUtc(modified),
    resume_url: `https://micro1.ai/resumes/${applicationId}.pdf`,
  };
}

/** A stable UUID-shaped id from a text. */
function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A naive `YYYY-MM-DD HH:MM:SS` (UTC) as ms. */
export function msOf(naive: string): number {
  return Date.parse(`${naive.replace(' ', 'T')}Z`);
}
