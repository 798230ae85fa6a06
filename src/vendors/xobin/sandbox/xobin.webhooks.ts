/**
 * As Xobin's "AI Interview Workflows" page shows them (REFERENCE.md §3.3): flat JSON, no event
 * name, keys in alphabetical order like the docs' samples.
 */
import type { XobinResponseRecord } from './xobin.data';

export const XOBIN_SIM_WEBHOOK_EVENTS = ['AI Interview Start', 'AI Interview Submission'] as const;
export type XobinSimWebhookEvent = (typeof XOBIN_SIM_WEBHOOK_EVENTS)[number];

/** A start reports `Started` whatever the response's status now. */
export function xobinWebhookBody(
  record: XobinResponseRecord,
  event: XobinSimWebhookEvent,
  sign: (recordings: Record<string, string>) => Record<string, string>,
): Record<string, unknown> {
  const report = record.report;
  if (event === 'AI Interview Start') {
    if (record.status === 'Pending') throw new Error(`Xobin response ${record.responseId} has not started`);
    return {
      ai_interview_id: report.ai_interview_id,
      ai_interview_name: report.ai_interview_name,
      candidate_email: report.candidate_email,
      candidate_id: report.candidate_id,
      candidate_name: report.candidate_name,
      invite_status: 'Started',
      response_id: report.response_id,
    };
  }
  if (record.status !== 'Completed') throw new Error(`Xobin response ${record.responseId} is not completed`);
  const body: Record<string, unknown> = { ...report, interview_recording: sign(record.recordings) };
  return Object.fromEntries(
    Object.keys(body)
      .sort()
      .map((key) => [key, body[key]]),
  );
}
