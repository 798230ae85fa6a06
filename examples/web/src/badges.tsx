import type { InterviewStatus, Provider, Recommendation } from './gql/graphql';
import { PROVIDER_NAMES, RECOMMENDATION_NAMES, STATUS_NAMES } from './format';

export function VendorBadge({ provider }: { provider: Provider }) {
  return <span className={`badge vendor vendor-${provider.toLowerCase()}`}>{PROVIDER_NAMES[provider]}</span>;
}

export function StatusBadge({ status }: { status: InterviewStatus }) {
  return <span className={`badge status status-${status.toLowerCase()}`}>{STATUS_NAMES[status]}</span>;
}

export function RecommendationBadge({ recommendation }: { recommendation: Recommendation }) {
  return <span className={`badge rec rec-${recommendation.toLowerCase()}`}>{RECOMMENDATION_NAMES[recommendation]}</span>;
}
