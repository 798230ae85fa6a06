/**
 * The fewest vendor calls the vendors' APIs allow for a page of interviews with their reports
 * (candidate, report, scorecard), or for one person across the vendors, worked out from a
 * simulator's data: what "calls = minimum" (ARCHITECTURE.md §6) means, computed the same way by
 * the upstream-calls test and `npm run bench`.
 */
import type { IdentityRef } from '../domain/identity-ref';
import type { Provider } from '../domain/provider';
import type { HeymiloDataset } from '../vendors/heymilo/sandbox/heymilo.data';
import { MICRO1 } from '../vendors/micro1/micro1.descriptor';
import type { Micro1Dataset } from '../vendors/micro1/sandbox/micro1.data';

/**
 * micro1: one invites page, plus the reports of the templates on that page (a lone session of a
 * template: one call with both ids; several: the template's reports, 100 a page). Candidates
 * come with the invites and scorecards with the reports: no further call.
 */
export function micro1ListMinimum(data: Micro1Dataset, first: number): { invites: number; reports: number; templates: number; total: number } {
  const byTemplate = new Map<string, number>();
  for (const invite of data.invites.slice(0, first)) byTemplate.set(invite.interview_id, (byTemplate.get(invite.interview_id) ?? 0) + 1);
  let reports = 0;
  for (const [templateId, sessions] of byTemplate) {
    const count = data.reports.filter((r) => r.interview_id === templateId).length;
    reports += sessions === 1 ? 1 : Math.floor(count / 100) + 1;
  }
  return { invites: 1, reports, templates: byTemplate.size, total: 1 + reports };
}

/**
 * HeyMilo: the postings list, one candidates page per posting walked to collect `first`, and one
 * `/data` per finished interview on the page (HeyMilo has no batch endpoint; unfinished ones are
 * known from the list to have no report yet).
 */
export function heymiloListMinimum(data: HeymiloDataset, first: number): { postings: number; candidatePages: number; data: number; total: number } {
  let need = first;
  let candidatePages = 0;
  for (const posting of data.postings) {
    if (need === 0) break;
    candidatePages += 1;
    need -= Math.min(need, posting.interviews.length);
  }
  const finished = data.interviews.slice(0, first).filter((i) => i.ready).length;
  return { postings: 1, candidatePages, data: finished, total: 1 + candidatePages + finished };
}

/**
 * One person's interviews with each report's score (`candidate(email)`), from the identity index's
 * refs of that email: one call per interview — its detail, `/data` or report, which also answers
 * its report — except a finished micro1 session, whose invite and report are two lists; all in
 * parallel. No candidate profile: the index already has the person's email and name.
 */
export function candidateMinimum(refs: ReadonlyArray<IdentityRef & { provider: Provider }>, micro1: Micro1Dataset): number {
  const reported = new Set(micro1.reports.map((r) => `${r.interview_id}~${r.candidate_id}`));
  return refs.reduce((n, ref) => n + (ref.provider === MICRO1 && reported.has(ref.locator) ? 2 : 1), 0);
}
