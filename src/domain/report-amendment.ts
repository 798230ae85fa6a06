/**
 * A report part pushed without naming the interview (micro1's recording and proctoring events carry
 * no `interview_id`); held until the report is known.
 */
import type { Recording, Report, Score } from './model';

export interface ReportAmendment {
  /** `Report.providerId`. */
  reportProviderId: string;
  /** Narrows the search for the report. */
  candidateProviderId: string | null;
  /** Each replaces the report's recording of its kind. */
  recordings?: Recording[];
  /** Violations stay the report's. */
  integrityScore?: Score;
}

/** Later amendments win. */
export function amendReport(report: Report, amendments: readonly ReportAmendment[]): Report {
  let recordings = report.recordings;
  let integrity = report.integrity;
  for (const amendment of amendments) {
    for (const recording of amendment.recordings ?? []) {
      recordings = [...recordings.filter((r) => r.kind !== recording.kind), recording];
    }
    if (amendment.integrityScore) integrity = { score: amendment.integrityScore, violations: integrity?.violations ?? [] };
  }
  return { ...report, recordings, integrity };
}
