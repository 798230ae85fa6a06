import type { Provider } from '../../domain/provider';
import type { VendorDescriptor } from '../vendor-adapter';
import { micro1Ids } from './micro1.ids';

/** The provider name of micro1 (GraphQL enum value, upper-case slug). */
export const MICRO1: Provider = 'MICRO1';

/** Static facts about micro1's AI Recruiter public API (REFERENCE.md §1.1). */
export const micro1Descriptor: VendorDescriptor = {
  provider: MICRO1,
  displayName: 'micro1',
  defaultBaseUrl: 'https://public.api.micro1.ai',
  docsUrl: 'https://ai-recruiter.micro1.ai/api-reference',
  docNotes: { credential: '`x-api-key` header' },
  ids: micro1Ids,
  capabilities: {
    // page/limit with no total: a short page ends a list.
    pagination: 'OFFSET',
    listInterviews: true,
    listTemplates: true,
    webhooks: true,
    createTemplates: true,
    inviteCandidates: true,
    // Scorecard ratings are labels (Junior/Senior, CEFR, "Great answer"), mapped to ordinal points.
    numericScorecard: false,
    // micro1 documents no rate limit and sends no rate-limit headers.
    rateLimitPerMinute: null,
  },
};
