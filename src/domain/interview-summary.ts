import { normaliseEmail } from './email';
import { InterviewStatus, type Interview, type InterviewTemplate, type Report, ScoreScale } from './model';
import type { Provider } from './provider';

/**
 * Enough to order and filter cross-vendor feeds without asking a vendor. Times are epoch ms
 * (compact: 100,000 of these are held in memory); null when the vendor gave none.
 */
export interface InterviewSummary {
  provider: Provider;
  locator: string;
  /** Normalised (trimmed, lower-case). */
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

/** Templates are few: tens per vendor. */
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

/** Report facts come from `withReport`. */
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
 * The vendor's `updatedAt` picks the newer sighting, so a list page fetched before a webhook landed
 * never overwrites it; nulls in the newer are filled from the older.
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
    // "No report" was said of the former state: once the interview moves, ask the vendor again.
    result.reportAbsent = null;
  }
  return result;
}

export function sameSummary(a: InterviewSummary, b: InterviewSummary): boolean {
  for (const key of Object.keys(a) as Array<keyof InterviewSummary>) if (a[key] !== b[key]) return false;
  return true;
}
