import type { Interview, Report } from '../domain/model';
import type { Provider } from '../domain/provider';

/** INTERVIEW_UPDATED: an interview's state changed (a webhook said so). Never carries `raw`. */
export interface InterviewUpdatedPayload {
  interview: Interview;
}

/** REPORT_READY: a report became available. `candidateEmail` is normalised, null if unknown. */
export interface ReportReadyPayload {
  provider: Provider;
  candidateEmail: string | null;
  report: Report;
}
