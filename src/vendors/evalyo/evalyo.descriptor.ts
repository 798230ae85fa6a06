import type { Provider } from '../../domain/provider';
import type { VendorDescriptor } from '../vendor-adapter';

/** The provider name of evalyo (GraphQL enum value, upper-case slug). */
export const EVALYO: Provider = 'EVALYO';

/**
 * ASSUMPTION (base URL; REFERENCE.md §4.1): the docs print paths only. The recruiter app is on
 * `app.evalyo.fr` and the API paths sit beside its own routes, hence the default; set
 * `EVALYO_BASE_URL` once Evalyo confirms the host.
 */
export const evalyoDescriptor: VendorDescriptor = {
  provider: EVALYO,
  displayName: 'Evalyo',
  defaultBaseUrl: 'https://app.evalyo.fr',
  docsUrl: 'https://evalyo.fr/en/docs',
  docNotes: {
    credential: '`Authorization: Bearer`; needs `interviews:read`, `candidates:read`, `jobs:read`',
    baseUrl: "the host is not in Evalyo's public docs: check yours",
    rateLimit: 'it depends on the plan: 500 Starter, 2000 Pro, 5000 Business',
  },
  capabilities: {
    // `page` (1-based) + `pageSize` (≤ 100); the list envelope carries a total.
    pagination: 'OFFSET',
    listInterviews: true,
    // Jobs are the templates (`GET /api/v1/jobs`).
    listTemplates: true,
    // No webhook is documented: the gateway polls (identity sync via discoverInterviews).
    webhooks: false,
    createTemplates: false,
    inviteCandidates: true,
    // Evaluation criteria carry a score and its maximum (simulator-defined shape, see evalyo.raw.ts).
    numericScorecard: true,
    // Per key, by plan: Starter 500/min (10 req/s) … Business 5000/min. The gateway cannot read
    // the plan, so it advertises the smallest documented budget.
    rateLimitPerMinute: 500,
  },
};
