import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'vendors');

/** A recorded vendor payload from `test/fixtures/vendors/<vendor>/<name>`, parsed afresh (callers may mutate it). */
export function vendorFixture<T = Record<string, unknown>>(vendor: 'micro1' | 'heymilo' | 'xobin' | 'evalyo', name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, vendor, name), 'utf8')) as T;
}

let reportCreated: { event: string; data: Record<string, unknown> } | undefined;

/**
 * A made-up micro1 session `i` and its two webhooks, `interview.started` then (later) its
 * `interview_report.created` (the seed 000 report with this session's ids); `id` is the
 * session's global id.
 */
export function micro1Session(i: number) {
  reportCreated ??= vendorFixture<{ event: string; data: Record<string, unknown> }>('micro1', 'webhook.interview-report-created.seed000.json');
  const interviewId = `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`;
  const candidateId = `cand${String(i).padStart(6, '0')}`;
  const email = `load.${i}@example.com`;
  const started = {
    event: 'interview.started',
    data: {
      candidate_id: candidateId,
      candidate_name: `Load ${i}`,
      candidate_email_id: email,
      interview_id: interviewId,
      interview_name: 'Load test interview',
      date_started: '2026-02-01 10:00:00',
    },
  };
  const report = {
    event: 'interview_report.created',
    data: {
      ...reportCreated.data,
      report_id: `rep${String(i).padStart(7, '0')}`,
      interview_id: interviewId,
      candidate_id: candidateId,
      candidate_name: `Load ${i}`,
      candidate_email_id: email,
      date_created: '2026-02-01 10:40:00',
      date_modified: '2026-02-01 10:40:00',
      report_date: '2026-02-01',
    },
  };
  return { id: `micro1:Interview:${interviewId}~${candidateId}`, started, report };
}
