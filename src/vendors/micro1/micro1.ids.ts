/**
 * micro1 has no session-level id to GET, so a session is named by template and candidate
 * (REFERENCE.md §6.23). Malformed ids parse as null, which reads answer null without a call.
 */

import type { EntityKind } from '../../domain/model';
import { opaqueIdProblem, type VendorIdGrammar } from '../../domain/vendor-ids';

/** micro1 ids are UUIDs or short alphanumerics, so `~` never occurs inside one (and it is URL-safe). */
const SEP = '~';

/** The micro1 ids a locator of each kind joins with `~`, as micro1 names them. */
const PARTS: Record<EntityKind, readonly string[]> = {
  InterviewTemplate: ['interview_id'],
  Interview: ['interview_id', 'candidate_id'],
  Report: ['interview_id', 'candidate_id', 'report_id'],
};

/**
 * micro1 documents its ids only as strings (UUIDs in its examples, a short `candidate_id` and
 * `report_id` too), so each id of a locator gets the default check; the `~` between them is ours.
 */
export const micro1Ids: VendorIdGrammar = {
  check(kind, locator) {
    const names = PARTS[kind];
    const parts = locator.split(SEP);
    if (parts.length !== names.length) return `a micro1 ${kind} is named by ${names.map((n) => `<${n}>`).join(SEP)}`;
    for (const [i, part] of parts.entries()) {
      const problem = opaqueIdProblem(part, `its ${names[i]}`);
      if (problem) return problem;
    }
    return null;
  },
};

export interface Micro1SessionKey {
  interviewId: string;
  candidateId: string;
}

export interface Micro1ReportKey extends Micro1SessionKey {
  reportId: string;
}

/** `${interview_id}~${candidate_id}`: locator and providerId of an Interview (session). */
export function sessionLocator(interviewId: string, candidateId: string): string {
  return `${interviewId}${SEP}${candidateId}`;
}

/** `${interview_id}~${candidate_id}~${report_id}`: locator of a Report. */
export function reportLocator(interviewId: string, candidateId: string, reportId: string): string {
  return `${interviewId}${SEP}${candidateId}${SEP}${reportId}`;
}

export function parseSessionLocator(locator: string): Micro1SessionKey | null {
  const parts = typeof locator === 'string' ? locator.split(SEP) : [];
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) return null;
  return { interviewId: parts[0], candidateId: parts[1] };
}

export function parseReportLocator(locator: string): Micro1ReportKey | null {
  const parts = typeof locator === 'string' ? locator.split(SEP) : [];
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  return { interviewId: parts[0], candidateId: parts[1], reportId: parts[2] };
}

/** Template locators are the bare `interview_id`; a composite or empty string cannot be one. */
export function isTemplateLocator(locator: string): boolean {
  return typeof locator === 'string' && locator.length > 0 && !locator.includes(SEP);
}

/** Session keys grouped by template id: micro1 filters invites and reports per template. */
export function groupByTemplate(sessions: Iterable<Micro1SessionKey>): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const { interviewId, candidateId } of sessions) {
    const set = groups.get(interviewId) ?? new Set<string>();
    set.add(candidateId);
    groups.set(interviewId, set);
  }
  return groups;
}

/** Valid session locators grouped by template id (malformed ones are dropped: they answer null). */
export function groupSessions(locators: readonly string[]): Map<string, Set<string>> {
  return groupByTemplate(locators.map(parseSessionLocator).filter((key): key is Micro1SessionKey => key !== null));
}
