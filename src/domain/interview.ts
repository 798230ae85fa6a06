import type { Interview } from './model';

/** Created or invited, else the earliest activity: some vendors (Xobin) date neither invite nor session. */
export function interviewSortTime(interview: Interview): string | null {
  return interview.invitedAt ?? interview.createdAt ?? interview.startedAt ?? interview.completedAt ?? interview.updatedAt;
}
