import type { Provider } from '../../domain/provider';
import type { VendorDescriptor } from '../vendor-adapter';

/** The provider name of heymilo (GraphQL enum value, upper-case slug). */
export const HEYMILO: Provider = 'HEYMILO';

/** 300 requests per minute per key; scorecard questions on a 1–10 scale the docs contradict (heymilo.scores.ts). */
export const heymiloDescriptor: VendorDescriptor = {
  provider: HEYMILO,
  displayName: 'HeyMilo',
  defaultBaseUrl: 'https://api.heymilo.ai',
  docsUrl: 'https://docs.heymilo.ai',
  docNotes: { credential: '`X-API-KEY` header' },
  capabilities: {
    pagination: 'CURSOR',
    listInterviews: true,
    listTemplates: true,
    webhooks: true,
    createTemplates: true,
    inviteCandidates: true,
    numericScorecard: true,
    rateLimitPerMinute: 300,
  },
};
