/**
 * A part of a report that a vendor pushes on its own, without naming the interview (micro1's
 * recording, webcam and proctoring events carry `report_id` and `candidate_id`, no `interview_id`).
 * The webhook service finds the report and applies the part; while the report is not known yet
 * the part is held and applied when the report arrives.
 */
import type { Recording, Report, Score } from './model';

export interface ReportAmendment {
  /** The vendor's id of the report (`Report.providerId`). */
  reportProviderId: string;
  /** The vendor's candidate id, when the event sends one (narrows the search for the report). */
  candidateProviderId: string | null;
  /** Recordings the event makes available; each replaces the report's recording of its kind. */
  recordings?: Recording[];
  /** The integrity score the event carries (violations stay the report's). */
  integrityScore?: Score;
}

/** `report` with `amendments` applied in order (later ones win). Pure. */
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
