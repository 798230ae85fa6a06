/**
 * Static facts about a vendor, read before (or without) any adapter: config checks its variables
 * against them and `providers` shows them. Plain data, so config need not import vendor code.
 */
import type { Provider } from './provider';

/** What a vendor can do, shown in `providers { capabilities }`. */
export interface ProviderCapabilities {
  /** How the vendor pages lists: `OFFSET` (page/limit), `CURSOR` (starting_after) or `NONE`. */
  pagination: 'OFFSET' | 'CURSOR' | 'NONE';
  /** The vendor can list interview sessions (possibly per template). */
  listInterviews: boolean;
  /** The vendor can list interview templates (micro1 interviews, HeyMilo postings, …). */
  listTemplates: boolean;
  /** The vendor sends webhooks the gateway can receive. */
  webhooks: boolean;
  /** `createInterviewTemplate` works for this vendor (its API can create templates). */
  createTemplates: boolean;
  /** `inviteCandidate` works for this vendor. */
  inviteCandidates: boolean;
  /** Scorecard items carry numbers on a documented scale (false: labels only). */
  numericScorecard: boolean;
  /** Documented request budget, e.g. 300 per minute; null when undocumented. */
  rateLimitPerMinute: number | null;
}

/**
 * A vendor-specific setting, read from `<SLUG>_<name>` (e.g. `XOBIN_AI_INTERVIEW_IDS`). Values
 * reach the adapter as strings in `VendorAdapterDeps.options`; the adapter validates them.
 */
export interface VendorOption {
  /** Upper-case suffix of the variable name, e.g. `AI_INTERVIEW_IDS`. */
  name: string;
  description: string;
  /** Used when the variable is unset; without one the option is simply absent. */
  default?: string;
}

/** What the configuration docs say of a vendor beyond its descriptor's facts (`npm run docs:vendors`). */
export interface VendorDocNotes {
  /** How the key is sent and what it needs, e.g. "`x-api-key` header". */
  credential: string;
  /** A word on the API address, e.g. that it is not published. */
  baseUrl?: string;
  /** A word on the rate limit, e.g. that it depends on the plan. */
  rateLimit?: string;
}

/** Static facts about a vendor, cheap to import (config reads these before any adapter exists). */
export interface VendorDescriptor {
  provider: Provider;
  displayName: string;
  /** Production API base URL; `<SLUG>_BASE_URL` overrides it. */
  defaultBaseUrl: string;
  docsUrl: string;
  capabilities: ProviderCapabilities;
  /** Vendor-specific settings beyond key and base URL. */
  options?: readonly VendorOption[];
  docNotes: VendorDocNotes;
}
