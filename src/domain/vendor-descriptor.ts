/** Plain data, so config need not import vendor code. */
import type { Provider } from './provider';
import type { VendorIdGrammar } from './vendor-ids';

export interface ProviderCapabilities {
  /** How the vendor pages lists: `OFFSET` (page/limit), `CURSOR` (starting_after) or `NONE`. */
  pagination: 'OFFSET' | 'CURSOR' | 'NONE';
  /** Possibly per template. */
  listInterviews: boolean;
  listTemplates: boolean;
  webhooks: boolean;
  createTemplates: boolean;
  inviteCandidates: boolean;
  /** False: scorecard items carry labels only. */
  numericScorecard: boolean;
  /** Null when undocumented. */
  rateLimitPerMinute: number | null;
}

/** Read from `<SLUG>_<name>`; reaches the adapter as a string, which the adapter validates. */
export interface VendorOption {
  /** Upper-case suffix of the variable name, e.g. `AI_INTERVIEW_IDS`. */
  name: string;
  description: string;
  /** Used when the variable is unset; without one the option is simply absent. */
  default?: string;
}

/** For the generated configuration docs (`npm run docs:vendors`). */
export interface VendorDocNotes {
  /** How the key is sent and what it needs, e.g. "`x-api-key` header". */
  credential: string;
  /** A word on the API address, e.g. that it is not published. */
  baseUrl?: string;
  /** A word on the rate limit, e.g. that it depends on the plan. */
  rateLimit?: string;
}

export interface VendorDescriptor {
  provider: Provider;
  displayName: string;
  /** Production API base URL; `<SLUG>_BASE_URL` overrides it. */
  defaultBaseUrl: string;
  docsUrl: string;
  capabilities: ProviderCapabilities;
  options?: readonly VendorOption[];
  docNotes: VendorDocNotes;
  /** What its ids look like, checked before any call; absent: the default check (vendor-ids.ts: at most 128 URL-safe characters). */
  ids?: VendorIdGrammar;
}
