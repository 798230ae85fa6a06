import type { Interview } from './model';

/**
 * The time an interview is ordered by in merged, newest-first views: when it was created or the
 * candidate invited, else the earliest activity the vendor reports (some vendors date neither
 * the invite nor the session: Xobin). Null when the vendor gives no time at all.
 */
export function interviewSortTime(interview: Interview): string | null {
  return interview.invitedAt ?? interview.createdAt ?? interview.startedAt ?? interview.completedAt ?? interview.updatedAt;
}
