/** Display helpers: the unified model's values as a recruiter reads them. */
import type { InterviewStatus, Provider, Recommendation, ScoreScale } from './gql/graphql';

export const PROVIDER_NAMES: Record<Provider, string> = { MICRO1: 'micro1', HEYMILO: 'HeyMilo', XOBIN: 'Xobin', EVALYO: 'Evalyo' };

export const STATUS_NAMES: Record<InterviewStatus, string> = {
  INVITED: 'Invited',
  IN_PROGRESS: 'In progress',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  EXPIRED: 'Expired',
  CANCELLED: 'Cancelled',
  UNKNOWN: 'Unknown',
};

export const RECOMMENDATION_NAMES: Record<Recommendation, string> = {
  STRONG_YES: 'Strong yes',
  YES: 'Yes',
  NO_DECISION: 'No decision',
  NO: 'No',
  DEFINITELY_NO: 'Definitely no',
};

/** A score as its vendor means it: a percentage only when the scale is documented, else the label or raw figure. */
export function formatScore(score: { value?: number | null; label?: string | null; scale: ScoreScale } | null | undefined): string {
  if (!score) return '—';
  if (score.scale === 'PERCENT' && score.value != null) return `${Math.round(score.value)}%`;
  if (score.label) return score.label;
  if (score.value != null) return String(Math.round(score.value * 10) / 10);
  return '—';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function candidateHref(email: string): string {
  return `#/candidate/${encodeURIComponent(email)}`;
}
