/**
 * The webhook bodies the Xobin simulator sends for its two AI-interview workflows, as Xobin's
 * "AI Interview Workflows" page shows them (REFERENCE.md §3.3): flat JSON, no event name, keys in
 * alphabetical order like the docs' samples.
 * - "AI Interview Start": exactly `{ai_interview_id, ai_interview_name, candidate_email,
 *   candidate_id, candidate_name, invite_status: "Started", response_id}`;
 * - "AI Interview Submission": the completed report (the same fields
 *   `GET /ai-interviews/report/{response_id}` answers) plus `interview_recording` (session key →
 *   URL, signed as the API signs them), `invite_status: "Completed"`.
 */
import type { XobinResponseRecord } from './xobin.data';

export const XOBIN_SIM_WEBHOOK_EVENTS = ['AI Interview Start', 'AI Interview Submission'] as const;
export type XobinSimWebhookEvent = (typeof XOBIN_SIM_WEBHOOK_EVENTS)[number];

/**
 * The body of `event` about `record`. A start can be sent for any response that has started
 * (it reports `Started` whatever the response's status now); a submission only once it is
 * `Completed`. `sign` turns the stored recording URLs into the signed ones the API would give.
 */
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
