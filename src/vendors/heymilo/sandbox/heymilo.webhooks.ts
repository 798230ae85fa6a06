/**
 * The webhook bodies the HeyMilo simulator sends: the ASSUMPTION `heymilo.webhook.ts` documents
 * (HeyMilo publishes no schema). `report_available` adds the signed `/data` object, which a real
 * payload may well not carry; the parser then invalidates instead.
 */
import type { HeymiloInterviewRecord, SimInterviewData } from './heymilo.data';

export const HEYMILO_SIM_WEBHOOK_EVENTS = ['candidate_ingested', 'interview_started', 'interview_completed', 'report_available'] as const;
export type HeymiloSimWebhookEvent = (typeof HEYMILO_SIM_WEBHOOK_EVENTS)[number];

export interface HeymiloWebhookBody {
  event_type: HeymiloSimWebhookEvent;
  occurred_at: number;
  posting_id: string;
  interview_id: string;
  status: string;
  score: number | null;
  candidate: { candidate_id: string | null; name: string; email: string };
  interview_url: string | null;
  created_at: number | null;
  interviewed_at: number | null;
  shortlisted: boolean;
  dismissed: boolean;
  workflow: unknown;
  data?: SimInterviewData;
}

export interface HeymiloWebhookBodyOptions {
  /** `occurred_at` in Unix seconds. */
  occurredAt: number;
  /** The status word to report; default the interview's current one. */
  status?: string;
  /** The workflow to report; default the interview's current one. */
  workflow?: unknown;
  /** `interviewed_at` to report; default the interview's current one. */
  interviewedAt?: number | null;
  /** `report_available`: the `/data` object as sent (signed URLs). */
  data?: SimInterviewData;
}

/** The body HeyMilo would POST for `event` about `record`, as the record is now. */
export function heymiloWebhookBody(record: HeymiloInterviewRecord, event: HeymiloSimWebhookEvent, options: HeymiloWebhookBodyOptions): HeymiloWebhookBody {
  const row = record.candidate;
  const status = options.status ?? row.status;
  const early = event === 'candidate_ingested' || event === 'interview_started';
  return {
    event_type: event,
    occurred_at: options.occurredAt,
    posting_id: row.posting_id,
    interview_id: row.interview_id,
    status,
    score: early ? null : (row.score ?? null),
    candidate: { candidate_id: row.candidate_id ?? null, name: row.name, email: row.email },
    interview_url: row.interview_url ?? null,
    created_at: row.created_at ?? null,
    interviewed_at: options.interviewedAt !== undefined ? options.interviewedAt : (row.interviewed_at ?? null),
    shortlisted: early ? false : (row.shortlisted ?? false),
    dismissed: early ? false : (row.dismissed ?? false),
    workflow: options.workflow !== undefined ? options.workflow : (row.workflow ?? null),
    ...(event === 'report_available' && options.data ? { data: options.data } : {}),
  };
}

/** What a re-sent event reports, as of when it happened. */
export interface HeymiloReplay {
  status: string;
  /** Unix seconds. */
  occurredAt: number;
  workflow?: unknown;
  interviewedAt?: number | null;
}

/**
 * The row as of that event, as far as the data set tells (it keeps no history). `interview_started`
 * is dated at the first step's last change: the latest instant HeyMilo dates for the start.
 */
export function heymiloReplay(record: HeymiloInterviewRecord, event: HeymiloSimWebhookEvent): HeymiloReplay {
  const row = record.candidate;
  const created = row.created_at ?? record.createdAt;
  const steps = [...(row.workflow?.steps ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const lastActivity = row.workflow?.last_activity_at ?? row.interviewed_at ?? created;
  const untouched = (step: (typeof steps)[number]) => ({
    ...step,
    status: 'not_started',
    started: false,
    completed: false,
    knocked_out: false,
    last_updated_at: null,
  });
  switch (event) {
    case 'candidate_ingested':
      return {
        status: 'pending',
        occurredAt: created,
        interviewedAt: null,
        workflow: { steps: steps.map(untouched), all_complete: false, last_activity_at: null },
      };
    case 'interview_started': {
      if (record.status === 'pending' || steps.length === 0) throw new Error(`HeyMilo interview ${record.interviewId} has not started`);
      const at = steps[0].last_updated_at ?? created;
      const [first, ...rest] = steps;
      return {
        status: 'in_progress',
        occurredAt: at,
        interviewedAt: null,
        workflow: {
          steps: [{ ...first, status: 'in_progress', started: true, completed: false, knocked_out: false, last_updated_at: at }, ...rest.map(untouched)],
          all_complete: false,
          last_activity_at: at,
        },
      };
    }
    case 'interview_completed':
      if (record.status === 'pending' || record.status === 'in_progress') throw new Error(`HeyMilo interview ${record.interviewId} is not completed`);
      return { status: row.status, occurredAt: lastActivity };
    case 'report_available':
      if (!record.ready) throw new Error(`HeyMilo interview ${record.interviewId} has no report yet`);
      return { status: row.status, occurredAt: lastActivity + 120 };
  }
}
