import type { InterviewSummary, TemplateSummary } from '../domain/interview-summary';
import type { FeedPosition } from './feed-order';

/** One index entry read in order, with the summary it stands for. */
export interface ScannedEntry<T> {
  key: string;
  id: string;
  value: T;
}

/**
 * Where the read model lives: summaries by id plus ordered indexes over them (see
 * `feed-order.ts` for names and keys). Two implementations: in memory (one instance; B-trees) and
 * Redis (shared by every instance of a tenant; lexicographic sorted sets). Both only ever seek to a
 * position and read forward, so any page costs the same as the first.
 */
export interface ReadModelStore {
  /**
   * Merges sightings into the stored summaries (`merge(previous, next)` decides what is kept) and
   * moves them in every index at once. Concurrent writers of one summary never leave it in an index
   * it no longer belongs to.
   */
  upsert(summaries: readonly InterviewSummary[], merge: (previous: InterviewSummary | null, next: InterviewSummary) => InterviewSummary): Promise<void>;
  upsertTemplates(templates: readonly TemplateSummary[]): Promise<void>;
  /** Up to `limit` entries of `index` strictly after `after` (from the start when null), in order. */
  scan(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<InterviewSummary>>>;
  /** The same over the template index of a provider. */
  scanTemplates(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<TemplateSummary>>>;
  /** Entries in an index (0 when it does not exist). */
  count(index: string): Promise<number>;
  /** Summaries of the interviews of one normalised email (a person has few). */
  byEmail(email: string): Promise<InterviewSummary[]>;
  /** Summaries by id (`<PROVIDER>|<locator>`); null where unknown. */
  get(ids: readonly string[]): Promise<Array<InterviewSummary | null>>;
  /** Interviews held (for `/metrics` and the benchmark). */
  size(): Promise<number>;
  close(): Promise<void>;
}
