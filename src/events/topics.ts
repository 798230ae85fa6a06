import type { Interview, Report } from '../domain/model';
import type { Provider } from '../domain/provider';

/** Never carries `raw`. */
export interface InterviewUpdatedPayload {
  interview: Interview;
}

/** `candidateEmail` is normalised. */
export interface ReportReadyPayload {
  provider: Provider;
  candidateEmail: string | null;
  report: Report;
}
