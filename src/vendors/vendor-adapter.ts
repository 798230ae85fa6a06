/**
 * The one interface every vendor implements. The GraphQL layer and the loaders see only this and
 * the domain model; vendor paths, JSON and words stay inside `src/vendors/<vendor>/`.
 */
import type { Logger } from 'pino';
import type { Tracing } from '../observability/tracing';
import type { NewInvitation, NewTemplate } from '../domain/commands';
import type { Interview, InterviewStatus, InterviewTemplate, Report } from '../domain/model';
import type { IdentityRef } from '../domain/identity-ref';
import type { VendorDescriptor } from '../domain/vendor-descriptor';
import type { ProviderHealth } from './kit/http/provider-health';
import type { VendorCallObserver } from './kit/http/vendor-http-client';
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
 * Objects an adapter learned as a side effect of a call (e.g. micro1 reports fetched to derive
 * interview statuses). The loaders prime and cache them, so they cost no further vendor call.
 * `reports` pairs an interview locator with its report, or null when it has none yet.
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
 * A batch answer. Contract (as DataLoader's): `results.length === locators.length` and
 * `results[i]` answers `locators[i]`: the object, `null` when the vendor has no such object
 * (or, for reports, none yet), or an Error (a GatewayError subclass) for that key alone.
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
   * One page of the identity sync: interviews created since the last completed pass, with the
   * candidate's email, so the gateway can index email → interviews (no vendor can list "all
   * interviews of an email"). Resumable: each page returns a `resume` token to continue the pass
   * from (null when the pass is complete) and, on the last page, the `checkpoint` the next pass
   * starts from. A page costs a bounded number of vendor calls (one list page, plus whatever the
   * vendor needs to learn the emails of the new interviews on it).
   */
  discoverInterviews(args: DiscoveryArgs): Promise<DiscoveryPage>;

  /**
   * Reads one inbound webhook delivery (the parsed JSON body) into domain terms. Pure: no I/O,
   * no clock. Throws BadUserInputError with a clear message for a body that is not this
   * vendor's webhook shape or names an event type the vendor does not document. Absent for
   * vendors without webhooks (`capabilities.webhooks` false).
   */
  parseWebhook?(body: unknown): WebhookEvent;
  /**
   * Finds the report an amendment names by the vendor's report id (a vendor call); null when the
   * vendor has no such report (yet). Adapters whose webhooks carry no amendments omit it.
   */
  locateReport?(amendment: ReportAmendment): Promise<LocatedReport | null>;

  /**
   * Creates an interview template at the vendor (one POST; never retried). Validates `input`
   * against the vendor's documented limits first and throws BadUserInputError naming the field
   * (`input.skills`, `input.micro1.codingLanguage`) without calling the vendor. Returns the
   * template as far as the vendor's answer and the input tell (no extra read). Absent when the
   * vendor's API cannot create templates (`capabilities.createTemplates` false).
   */
  createTemplate?(input: NewTemplate): Promise<InterviewTemplate>;

  /**
   * Invites one candidate: exactly one new vendor session (never retried; a vendor that needs a
   * candidate record first may find or create it). Validates like `createTemplate`. Returns the
   * new Interview with its invite URL, status INVITED and the candidate's email. A refused write
   * is a VendorError VENDOR_VALIDATION_FAILED / VENDOR_QUOTA_EXCEEDED; an unknown template is
   * NOT_FOUND. Errors of writes whose fate is unknown carry `outcomeUnknown`.
   */
  inviteCandidate?(input: NewInvitation): Promise<Interview>;
}

/**
 * What an inbound webhook delivery says. The gateway stores it (deduplicated by `dedupeKey`),
 * then applies it: full objects are written through to the cache, partial ones invalidate the
 * cached copies, refs go to the identity index, and an event is published. Per interview,
 * deliveries are ordered by (`occurredAt`, `stage`): one older than what was already applied
 * is acknowledged and ignored.
 */
export interface WebhookEvent {
  /** The vendor's event name, e.g. `interview_report.created`. */
  type: string;
  /**
   * Same delivery, or the vendor's retry of it → same key; different events → different keys.
   * Built from what the payload identifies (event type + object ids + its own timestamp), since
   * no vendor sends a delivery id.
   */
  dedupeKey: string;
  /** The interview the event is about (its locator at this provider); null when it is about none. */
  interviewLocator: string | null;
  /** When the vendor says it happened (ISO-8601); null when the payload has no time. */
  occurredAt: string | null;
  /**
   * How far in the interview's life the event is: 0 informational, 1 invited, 2 started,
   * 3 completed, 4 report ready. Orders events that carry no time (or the same time).
   */
  stage: number;
  /** The Interview, when the payload carries enough to build it whole. */
  interview?: Interview;
  /** The Report, when the payload carries it whole (`interviewLocator` is its interview). */
  report?: Report;
  /** Who was interviewed where, for the identity index. */
  refs?: IdentityRef[];
  /**
   * True when the payload only notifies (e.g. a recording became available): the cached
   * interview and report are dropped so the next read fetches them fresh.
   */
  invalidate?: boolean;
  /**
   * A part of a report the payload carries without naming its interview: the service finds the
   * report (`VendorAdapter.locateReport`) and applies it, or holds it until the report arrives.
   */
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

/**
 * The vendor's own settings blocks of the mutations (`input.<slug>`), as GraphQL input types. The
 * GraphQL layer adds each as a field of the mutation's input; the adapter receives the block as
 * `options` of the command and checks it with its own schema.
 */
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
