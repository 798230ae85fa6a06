/** Vendor paths, JSON and words stay inside `src/vendors/<vendor>/`; the rest sees only this and the domain model. */
import type { Logger } from 'pino';
import type { Tracing } from '../observability/tracing';
import type { NewInvitation, NewTemplate } from '../domain/commands';
import type { CandidateAccount, Interview, InterviewStatus, InterviewTemplate, Report } from '../domain/model';
import type { IdentityRef } from '../domain/identity-ref';
import type { VendorDescriptor } from '../domain/vendor-descriptor';
import type { ProviderHealth } from './kit/http/provider-health';
import type { VendorCallObserver } from './kit/http/vendor-http-client';
import type { VendorCoordination } from './kit/http/vendor-coordination';
import type { ResilienceSettings } from './kit/http/vendor-resilience';
import type { DriftSink } from './kit/schema-drift';
import type { Simulator, SimulatorOptions } from './kit/sandbox/simulator';
import type { ReportAmendment } from '../domain/report-amendment';

// The static facts live in the domain (config reads them without importing vendor code); re-exported for the vendors.
export type { IdentityRef } from '../domain/identity-ref';
export type { ProviderCapabilities, VendorDescriptor, VendorOption } from '../domain/vendor-descriptor';

export interface ListArgs {
  /** How many items to return (1–100); fewer only at the end of the list. */
  first: number;
  /** An edge cursor this adapter returned before, or null for the start. */
  after: string | null;
}

export interface InterviewListArgs extends ListArgs {
  status?: InterviewStatus | null;
  templateLocator?: string | null;
}

export interface Edge<T> {
  node: T;
  /** Adapter-level cursor: passing it as `after` continues right after this node. */
  cursor: string;
}

/**
 * Learned as a side effect of a call (e.g. micro1 reports fetched to derive statuses): the loaders
 * prime them, so they cost no further call. A null report means the interview has none yet.
 */
export interface Related {
  interviews?: Interview[];
  templates?: InterviewTemplate[];
  reports?: Array<{ interviewLocator: string; report: Report | null }>;
}

export interface ListResult<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  related?: Related;
}

/**
 * As DataLoader's: `results[i]` answers `locators[i]` with the object, `null` when the vendor has
 * none (for reports: none yet), or an Error for that key alone.
 */
export interface BatchResult<T> {
  results: Array<T | null | Error>;
  related?: Related;
}

export interface VendorAdapter {
  readonly descriptor: VendorDescriptor;
  /** Short stable hash of the credential in use; part of every cache key. */
  readonly credentialScope: string;
  health(): ProviderHealth;

  listTemplates(args: ListArgs): Promise<ListResult<InterviewTemplate>>;
  getTemplates(locators: readonly string[]): Promise<BatchResult<InterviewTemplate>>;

  listInterviews(args: InterviewListArgs): Promise<ListResult<Interview>>;
  getInterviews(locators: readonly string[]): Promise<BatchResult<Interview>>;

  /** The latest report of each interview (by interview locator). */
  getReportsForInterviews(interviewLocators: readonly string[]): Promise<BatchResult<Report>>;
  /** Reports by their own locator. */
  getReports(reportLocators: readonly string[]): Promise<BatchResult<Report>>;

  /**
   * Required of a vendor whose interviews name their candidate by id only (`candidate.deferred`):
   * each account (name, email) by the vendor's candidate id, read only when a field needs it, so
   * an interview costs no profile call of its own. `results[i]` answers `candidateIds[i]`; null
   * when the vendor has no such candidate (e.g. deleted).
   */
  getCandidates?(candidateIds: readonly string[]): Promise<BatchResult<CandidateAccount>>;

  /**
   * No vendor can list "all interviews of an email", so the gateway indexes email → interviews
   * from these pages. A page costs a bounded number of vendor calls; `resume` continues a pass,
   * the last page's `checkpoint` starts the next.
   */
  discoverInterviews(args: DiscoveryArgs): Promise<DiscoveryPage>;

  /** Pure. Absent for vendors without webhooks. */
  parseWebhook?(body: unknown): WebhookEvent;
  /** Null when the vendor has no such report (yet). */
  locateReport?(amendment: ReportAmendment): Promise<LocatedReport | null>;

  /**
   * Never retried. Input is checked against the vendor's documented limits before any call.
   * Returns what the answer and the input tell, with no extra read.
   */
  createTemplate?(input: NewTemplate): Promise<InterviewTemplate>;

  /**
   * Exactly one new vendor session, never retried (a vendor may first find or create a candidate
   * record). Errors of writes whose fate is unknown carry `outcomeUnknown`.
   */
  inviteCandidate?(input: NewInvitation): Promise<Interview>;
}

/**
 * Stored deduplicated by `dedupeKey`, then applied. Per interview, deliveries are ordered by
 * (`occurredAt`, `stage`): one older than what was already applied is acknowledged and ignored.
 */
export interface WebhookEvent {
  /** The vendor's event name, e.g. `interview_report.created`. */
  type: string;
  /** The vendor's retry of a delivery gives the same key; no vendor sends a delivery id. */
  dedupeKey: string;
  /** The interview the event is about (its locator at this provider); null when it is about none. */
  interviewLocator: string | null;
  /** When the vendor says it happened (ISO-8601); null when the payload has no time. */
  occurredAt: string | null;
  /** 0 informational, 1 invited, 2 started, 3 completed, 4 report ready: orders events with no (or the same) time. */
  stage: number;
  /** The Interview, when the payload carries enough to build it whole. */
  interview?: Interview;
  /** The Report, when the payload carries it whole (`interviewLocator` is its interview). */
  report?: Report;
  /** Who was interviewed where, for the identity index. */
  refs?: IdentityRef[];
  /** The payload only notifies (e.g. a recording became available): the cached copies are dropped. */
  invalidate?: boolean;
  /** Carried without naming its interview: the service finds the report or holds the part until it arrives. */
  amendment?: ReportAmendment;
}

/** Where a report the vendor named only by its own id lives in the unified model. */
export interface LocatedReport {
  interviewLocator: string;
  reportLocator: string;
}

export interface DiscoveryArgs {
  /** From the previous completed pass (adapter-defined, e.g. a timestamp); null: from the start. */
  checkpoint: string | null;
  /** From the previous page of this pass; null: start the pass. */
  resume: string | null;
}

export interface DiscoveryPage {
  refs: IdentityRef[];
  /** Continue this pass from here; null when the pass is complete. */
  resume: string | null;
  /** Set on the last page of a pass: where the next pass starts. */
  checkpoint: string | null;
  /** Objects fetched on the way (cached and primed like any other `related`). */
  related?: Related;
}

/** What an adapter factory receives: its own config slice plus injected infrastructure. */
export interface VendorAdapterDeps {
  apiKey: string;
  baseUrl: string;
  /** Values of the descriptor's `options`, by option name (absent when unset and no default). */
  options?: Readonly<Record<string, string>>;
  /** Total budget of one call, retries included, in ms. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Retries, breaker, concurrency cap and rate limit for this vendor (default DEFAULT_RESILIENCE). */
  resilience?: ResilienceSettings;
  /** What the replicas serving this vendor account share (budget, breaker, pauses); default: this process alone. */
  coordination?: VendorCoordination;
  logger: Logger;
  observer?: VendorCallObserver;
  /** A span per vendor call when tracing is on. */
  tracing?: Tracing | null;
  /** Told of payload sub-objects the adapter could not read (see `kit/schema-drift.ts`); default: ignored. */
  drift?: DriftSink;
}

/** A simulator of the vendor's API on loopback (`src/vendors/<vendor>/sandbox/`, built on `kit/sandbox/`). */
export interface SimulatorModule {
  createSimulator(options: SimulatorOptions): Promise<Simulator>;
  /** Values of the vendor's `options` that point the adapter at this simulator's data. */
  sandboxOptions?(simulator: Simulator): Record<string, string>;
}

/** A GraphQL input type class (type-graphql `@InputType`). */
export type InputClass = new () => object;

/** The adapter receives its block as the command's `options` and checks it with its own schema. */
export interface MutationOptionInputs {
  inviteCandidate?: InputClass;
  createInterviewTemplate?: InputClass;
}

/** One entry of the vendor list (`vendors.ts`): everything the gateway needs to know about a vendor. */
export interface VendorModule {
  descriptor: VendorDescriptor;
  createAdapter(deps: VendorAdapterDeps): VendorAdapter;
  /** Its settings blocks of the mutations; absent: the mutations take none for this vendor. */
  mutationOptions?: MutationOptionInputs;
  /** Loaded lazily (production never loads simulator code); absent: sandbox mode does not serve this vendor. */
  loadSimulator?(): Promise<SimulatorModule>;
}
