/**
 * The micro1 reads over a stub client that answers like micro1 (each call parses a fresh body with
 * the real list schemas): a template's report page carries reports of sessions the read did not
 * ask for. Those are indexed by their ids and dates only; a report is parsed in full, normalised
 * and its drift told when, and only when, a read serves it.
 */
import { InterviewStatus, type Report } from '../../../../src/domain/model';
import type { Micro1Client, Micro1FilterQuery, Micro1ListQuery } from '../../../../src/vendors/micro1/micro1.client';
import { normalizeReport } from '../../../../src/vendors/micro1/micro1.normalize';
import { micro1InviteListSchema, micro1ReportListSchema, micro1ReportSchema } from '../../../../src/vendors/micro1/micro1.raw';
import { micro1Reads } from '../../../../src/vendors/micro1/micro1.reads';
import specInvites from '../../../fixtures/vendors/micro1/invites.openapi-example.json';
import specReports from '../../../fixtures/vendors/micro1/reports.openapi-example.json';

const TEMPLATE = 'tpl-1';
const invite = (candidate: string, created: string) => ({
  ...specInvites.data[0],
  interview_id: TEMPLATE,
  candidate_id: candidate,
  candidate_email_id: `${candidate}@example.com`,
  date_created: created,
});
const report = (candidate: string, id: string, created: string, extra: Record<string, unknown> = {}) => ({
  ...specReports.data[0],
  interview_id: TEMPLATE,
  candidate_id: candidate,
  report_id: id,
  date_created: created,
  report_date: created.slice(0, 10),
  ...extra,
});

// On the invites page: a (reported), c (no report), then b, whose reports are on the template's report page.
const INVITES = [invite('cand-a', '2024-01-01 10:00:00'), invite('cand-c', '2024-01-02 10:00:00'), invite('cand-b', '2024-01-03 10:00:00')];
const REPORT_A = report('cand-a', 'rep-a', '2024-01-05 10:00:00');
// b re-took the interview; the newer report drifted: a score sent as a string and an evaluation list sent as text.
const REPORT_B_OLD = report('cand-b', 'rep-b1', '2024-01-06 10:00:00');
const REPORT_B = report('cand-b', 'rep-b2', '2024-01-09 10:00:00', { ai_match_score: '91', technical_skills_evaluation: 'strong React skills' });
const REPORTS = [REPORT_A, REPORT_B, REPORT_B_OLD];

function stubClient() {
  const calls: string[] = [];
  const page = <T>(rows: T[], p: number, limit: number) => rows.slice((p - 1) * limit, p * limit);
  const client = {
    async listInvites(q: Micro1ListQuery) {
      calls.push(`invites ${q.page}/${q.limit}`);
      return micro1InviteListSchema.parse({ status: true, data: page(INVITES, q.page, q.limit) }).data;
    },
    async listAllReports(q: Micro1FilterQuery) {
      calls.push(`reports ${q.interviewId ?? '*'}/${q.candidateId ?? '*'}`);
      const rows = REPORTS.filter((r) => (!q.interviewId || r.interview_id === q.interviewId) && (!q.candidateId || r.candidate_id === q.candidateId));
      return micro1ReportListSchema.parse({ status: true, data: rows }).data;
    },
  };
  return { client: client as unknown as Micro1Client, calls };
}

describe('micro1 reads: reports a read did not ask for', () => {
  let fullParses: jest.SpyInstance;
  beforeEach(() => {
    fullParses = jest.spyOn(micro1ReportSchema, 'parse');
  });
  afterEach(() => fullParses.mockRestore());

  it('a list page parses in full, normalises and tells the drift of its own sessions’ reports only', async () => {
    const { client, calls } = stubClient();
    const drift: string[] = [];
    const reads = micro1Reads(client, (field) => drift.push(field));

    const page = await reads.listInterviews({ first: 2, after: null });

    expect(page.edges.map((e) => [e.node.locator, e.node.status])).toEqual([
      [`${TEMPLATE}~cand-a`, InterviewStatus.COMPLETED],
      [`${TEMPLATE}~cand-c`, InterviewStatus.INVITED],
    ]);
    expect(page.related?.reports?.map((r) => [r.interviewLocator, r.report?.providerId ?? null])).toEqual([
      [`${TEMPLATE}~cand-a`, 'rep-a'],
      [`${TEMPLATE}~cand-c`, null],
    ]);
    // The template's whole report page was read (b's two reports included) ...
    expect(calls).toEqual(['invites 1/2', `reports ${TEMPLATE}/*`]);
    // ... but only a's report was parsed in full, and b's drift is not told for a report nobody was served.
    expect(fullParses).toHaveBeenCalledTimes(1);
    expect(drift).toEqual([]);
  });

  it('the report a page skipped is served whole and validated when a later read asks for it, its drift told then', async () => {
    const { client } = stubClient();
    const drift: string[] = [];
    const reads = micro1Reads(client, (field) => drift.push(field));
    await reads.listInterviews({ first: 2, after: null });
    expect(drift).toEqual([]);

    const { results, related } = await reads.getReports([`${TEMPLATE}~cand-b~rep-b2`]);
    const served = results[0] as Report;

    // Exactly what an eager parse would have made of it: honest numbers, drift degrading the two fields only.
    expect(served).toEqual(normalizeReport(micro1ReportSchema.parse(REPORT_B), REPORT_B));
    expect(served.score).toBeNull();
    expect(served.scorecard?.items.map((i) => i.category)).not.toContain('TECHNICAL_SKILL');
    expect(served.transcript).toHaveLength(REPORT_B.interview_transcript.length);
    expect(served.raw).toBe(REPORT_B);
    expect(drift.sort()).toEqual(['ai_match_score', 'technical_skills_evaluation']);
    // The session's latest report (the same one) travels as related, built once: its drift is told once.
    expect(related?.reports?.[0]?.report).toBe(served);
  });

  it('a session’s latest report is picked by date among the page’s reports, then parsed alone', async () => {
    const { client } = stubClient();
    const reads = micro1Reads(client, () => undefined);
    const { results } = await reads.getReportsForInterviews([`${TEMPLATE}~cand-b`, `${TEMPLATE}~cand-a`]);
    expect((results as Array<Report | null>).map((r) => r?.providerId ?? null)).toEqual(['rep-b2', 'rep-a']);
    expect(fullParses).toHaveBeenCalledTimes(2);
  });

  it('a report without its ids still fails the whole page, as before', () => {
    const broken = { ...REPORT_B_OLD, report_id: '' };
    expect(micro1ReportListSchema.safeParse({ status: true, data: [REPORT_A, broken] }).success).toBe(false);
    expect(micro1ReportListSchema.safeParse({ status: true, data: [REPORT_A, { ...REPORT_B_OLD, candidate_id: 7 }] }).success).toBe(false);
  });
});
