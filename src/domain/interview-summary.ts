import { normaliseEmail } from './email';
import { InterviewStatus, type Interview, type InterviewTemplate, type Report, ScoreScale } from './model';
import type { Provider } from './provider';

/**
 * What the read model keeps of one interview: enough to place it in every cross-vendor feed
 * (order, filters) without asking a vendor. Times are epoch milliseconds (compact: 100,000 of
 * these are held in memory); null when the vendor gave none. The whole objects are loaded through
 * the loaders once a page is chosen.
 */
export interface InterviewSummary {
  provider: Provider;
  locator: string;
  /** Normalised email (trimmed, lower-case); null when the vendor showed none. */
  email: string | null;
  templateLocator: string | null;
  status: InterviewStatus;
  invitedAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  /** The vendor's own `updatedAt` (never the gateway's clock). */
  updatedAt: number | null;
  /** The latest report, once the gateway has seen it; null before. */
  reportLocator: string | null;
  /** When the report says the interview was completed (else the interview's completedAt). */
  reportCompletedAt: number | null;
  /** The report's overall score on 0–100, when it has one with a known scale. */
  score: number | null;
  scoreScale: ScoreScale | null;
  /** True once the vendor said this interview has no report (yet); null when not asked. */
  reportAbsent: true | null;
}

/** What the read model keeps of one interview template (templates are few: tens per vendor). */
export interface TemplateSummary {
  provider: Provider;
  locator: string;
  createdAt: number | null;
}

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** The summary of an interview as the vendor describes it (report facts come from `withReport`). */
export function summaryOfInterview(interview: Interview): InterviewSummary {
  return {
    provider: interview.provider,
    locator: interview.locator,
    email: normaliseEmail(interview.candidate.email),
    templateLocator: interview.templateLocator,
    status: interview.status,
    invitedAt: ms(interview.invitedAt),
    startedAt: ms(interview.startedAt),
    completedAt: ms(interview.completedAt),
    updatedAt: ms(interview.updatedAt),
    reportLocator: null,
    reportCompletedAt: null,
    score: null,
    scoreScale: null,
    reportAbsent: null,
  };
}

/** A summary known only by its report (the interview itself not seen yet). */
export function summaryOfReportOnly(provider: Provider, interviewLocator: string): InterviewSummary {
  return {
    provider,
    locator: interviewLocator,
    email: null,
    templateLocator: null,
    status: InterviewStatus.UNKNOWN,
    invitedAt: null,
    startedAt: null,
    completedAt: null,
    updatedAt: null,
    reportLocator: null,
    reportCompletedAt: null,
    score: null,
    scoreScale: null,
    reportAbsent: null,
  };
}

/** `summary` with the facts of its latest report, or with the vendor's word that it has none. */
export function withReport(summary: InterviewSummary, report: Report | null): InterviewSummary {
  if (report === null) return { ...summary, reportAbsent: true };
  const score = report.score;
  return {
    ...summary,
    reportAbsent: null,
    reportLocator: report.locator,
    reportCompletedAt: ms(report.completedAt) ?? summary.completedAt,
    score: score && score.scale !== ScoreScale.UNKNOWN ? score.value : null,
    scoreScale: score ? score.scale : null,
  };
}

export function summaryOfTemplate(template: InterviewTemplate): TemplateSummary {
  return { provider: template.provider, locator: template.locator, createdAt: ms(template.createdAt) };
}

/**
 * Two sightings of one interview made one. The vendor's `updatedAt` decides which description is
 * newer: an older one (a list page fetched before a webhook landed) never overwrites a newer one.
 * Whatever the newer one lacks (null) is kept from the older: a later sighting without a field
 * never erases a known one. Report facts are kept unless the newer sighting names a report.
 */
export function mergeSummaries(previous: InterviewSummary | null, next: InterviewSummary): InterviewSummary {
  if (!previous) return next;
  const older = previous.updatedAt !== null && next.updatedAt !== null && next.updatedAt < previous.updatedAt;
  const [base, over] = older ? [next, previous] : [previous, next];
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(over)) if (value !== null) merged[key] = value;
  const result = merged as unknown as InterviewSummary;
  // An UNKNOWN status (a report seen before its interview) never hides a known one.
  if (over.status === InterviewStatus.UNKNOWN && base.status !== InterviewStatus.UNKNOWN) result.status = base.status;
  // Report facts travel together: a newer report replaces all of them (its score may be null).
  const reportFrom = next.reportLocator !== null ? next : previous.reportLocator !== null ? previous : null;
  if (reportFrom) {
    result.reportLocator = reportFrom.reportLocator;
    result.reportCompletedAt = reportFrom.reportCompletedAt;
    result.score = reportFrom.score;
    result.scoreScale = reportFrom.scoreScale;
    result.reportAbsent = null;
  } else if (result.status !== previous.status && next.reportAbsent === null) {
    // "No report" was said of the interview in its former state: once it moves (say, it is
    // completed), the vendor has to be asked again.
    result.reportAbsent = null;
  }
  return result;
}

/** True when the two describe the interview identically (nothing to write). */
export function sameSummary(a: InterviewSummary, b: InterviewSummary): boolean {
  for (const key of Object.keys(a) as Array<keyof InterviewSummary>) if (a[key] !== b[key]) return false;
  return true;
}
