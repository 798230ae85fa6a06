import type { Provider } from '../../domain/provider';
import type { VendorDescriptor } from '../vendor-adapter';
import { XOBIN_AI_INTERVIEW_IDS_OPTION, xobinIds } from './xobin.ids';

// Defined beside the id parser, which names the variable in its errors.
export { XOBIN_AI_INTERVIEW_IDS_ENV, XOBIN_AI_INTERVIEW_IDS_OPTION } from './xobin.ids';

/** The provider name of xobin (GraphQL enum value, upper-case slug). */
export const XOBIN: Provider = 'XOBIN';

/** REFERENCE.md §3.1. */
export const xobinDescriptor: VendorDescriptor = {
  provider: XOBIN,
  displayName: 'Xobin',
  defaultBaseUrl: 'https://app.xobin.com/api/v2',
  docsUrl: 'https://app.xobin.com/api/docs/',
  docNotes: { credential: '`apiKey` header' },
  ids: xobinIds,
  capabilities: {
    // `GET /ai-interviews/invited/{id}` answers the whole list as a bare array.
    pagination: 'NONE',
    // Per configured AI interview (there is no global list, and no list of AI interviews).
    listInterviews: true,
    // No endpoint lists AI interviews: the gateway only knows the ids it is configured with.
    listTemplates: false,
    // "AI Interview Start" / "AI Interview Submission" workflows, set up in the dashboard.
    webhooks: true,
    createTemplates: false,
    inviteCandidates: true,
    // `score` and per-skill scores are integers, but Xobin documents no scale (scaleKnown false).
    numericScorecard: true,
    // The auth page has a rate-limiting section whose values are not published.
    rateLimitPerMinute: null,
  },
  options: [
    {
      name: XOBIN_AI_INTERVIEW_IDS_OPTION,
      description: 'Comma-separated Xobin ai_interview_id values the gateway lists and syncs (Xobin has no endpoint listing them).',
    },
  ],
};
