import type { InterviewSummary, TemplateSummary } from '../domain/interview-summary';
import type { FeedPosition } from './feed-order';

export interface ScannedEntry<T> {
  key: string;
  id: string;
  value: T;
}

/** Only seeks and reads forward, so any page costs the same as the first. */
export interface ReadModelStore {
  /** Concurrent writers of one summary never leave it in an index it no longer belongs to. */
  upsert(summaries: readonly InterviewSummary[], merge: (previous: InterviewSummary | null, next: InterviewSummary) => InterviewSummary): Promise<void>;
  upsertTemplates(templates: readonly TemplateSummary[]): Promise<void>;
  /** Strictly after `after`; from the start when null. */
  scan(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<InterviewSummary>>>;
  scanTemplates(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<TemplateSummary>>>;
  count(index: string): Promise<number>;
  byEmail(email: string): Promise<InterviewSummary[]>;
  get(ids: readonly string[]): Promise<Array<InterviewSummary | null>>;
  size(): Promise<number>;
  close(): Promise<void>;
}
