import type { Logger } from 'pino';
import {
  type InterviewSummary,
  mergeSummaries,
  summaryOfInterview,
  summaryOfReportOnly,
  summaryOfTemplate,
  type TemplateSummary,
  withReport,
} from '../domain/interview-summary';
import { normaliseEmail } from '../domain/email';
import { InterviewStatus, ScoreScale } from '../domain/model';
import type { Provider } from '../domain/provider';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';
import type { IdentityRef, Related } from '../vendors/vendor-adapter';
import {
  FeedOrder,
  type FeedPosition,
  indexName,
  positionBefore,
  providerPartition,
  reportBacklogIndex,
  scoreFloorKey,
  sortKey,
  statusPartition,
  summaryId,
  templateIndex,
  templatePartition,
  timeKey,
} from './feed-order';
import type { ReadModelStore, ScannedEntry } from './read-model-store';

/** Times in epoch ms; `email` normalised. */
export interface InterviewFeedQuery {
  providers: readonly Provider[];
  order: FeedOrder.UPDATED | FeedOrder.COMPLETED | FeedOrder.INVITED;
  status: InterviewStatus | null;
  template: { provider: Provider; locator: string } | null;
  updatedAfter: number | null;
  updatedBefore: number | null;
  email: string | null;
  first: number;
  after: FeedPosition | null;
}

export interface ReportFeedQuery {
  providers: readonly Provider[];
  order: FeedOrder.REPORT_COMPLETED | FeedOrder.SCORE;
  template: { provider: Provider; locator: string } | null;
  completedAfter: number | null;
  /** Only PERCENT scores at or above this (0–100); other scales never match. */
  minScore: number | null;
  first: number;
  after: FeedPosition | null;
}

export interface TemplateFeedQuery {
  providers: readonly Provider[];
  first: number;
  after: FeedPosition | null;
}

export interface FeedItem<T> {
  position: FeedPosition;
  value: T;
}

export interface FeedPage<T> {
  items: Array<FeedItem<T>>;
  hasNext: boolean;
  /** Null unless the indexes know it without reading them. */
  total: number | null;
}

interface Plan<T> {
  indexes: string[];
  after: FeedPosition | null;
  /** Entries at or past this key cannot match; null: read to the end. */
  stopKey: string | null;
  /** What the index does not decide by itself; null: every entry matches. */
  filter: ((value: T) => boolean) | null;
  first: number;
}

/** Sorts after every id, so a range starts after all items of its key. */
const AFTER_EVERY_ID = '\uffff|';

const CHUNK = 64;

/** Lets cross-vendor feeds page in one order with one cursor without asking a vendor. */
export class ReadModel {
  constructor(
    readonly store: ReadModelStore,
    private readonly logger: Logger,
  ) {}

  /** Strict (a store failure throws): the sync relies on it. */
  async record(provider: Provider, related: Related, refs: readonly IdentityRef[] = []): Promise<void> {
    const byId = new Map<string, InterviewSummary>();
    const add = (summary: InterviewSummary) => {
      const id = summaryId(summary);
      byId.set(id, mergeSummaries(byId.get(id) ?? null, summary));
    };
    for (const ref of refs) add({ ...summaryOfReportOnly(provider, ref.locator), email: normaliseEmail(ref.email) });
    for (const interview of related.interviews ?? []) add(summaryOfInterview(interview));
    for (const { interviewLocator, report } of related.reports ?? []) add(withReport(summaryOfReportOnly(provider, interviewLocator), report));
    const templates = (related.templates ?? []).map(summaryOfTemplate);
    await Promise.all([byId.size > 0 ? this.store.upsert([...byId.values()], mergeSummaries) : undefined, this.store.upsertTemplates(templates)]);
  }

  /** Never fails: what cannot be written is caught up by the next sync. */
  async learn(provider: Provider, related: Related): Promise<void> {
    try {
      await this.record(provider, related);
    } catch (error) {
      this.logger.warn({ err: error, provider }, 'read model: could not record what was read');
    }
  }

  async awaitingReports(provider: Provider, after: FeedPosition | null, limit: number): Promise<Array<{ position: FeedPosition; locator: string }>> {
    const entries = await this.store.scan(reportBacklogIndex(provider), after, limit);
    return entries.map((e) => ({ position: { key: e.key, id: e.id }, locator: e.value.locator }));
  }

  /** A store failure is INDEX_UNAVAILABLE. */
  async interviews(q: InterviewFeedQuery): Promise<FeedPage<InterviewSummary>> {
    return this.answer(() => this.interviewPage(q));
  }

  async reports(q: ReportFeedQuery): Promise<FeedPage<InterviewSummary>> {
    return this.answer(() => this.reportPage(q));
  }

  async templates(q: TemplateFeedQuery): Promise<FeedPage<TemplateSummary>> {
    return this.answer(() => {
      const indexes = q.providers.map((p) => templateIndex(p));
      return this.read({ indexes, after: q.after, stopKey: null, filter: null, first: q.first }, (i) => this.store.scanTemplates(...i), true);
    });
  }

  private async answer<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      this.logger.warn({ err: error }, 'read model unavailable');
      throw new GatewayError(ErrorCode.INDEX_UNAVAILABLE, 'The read model behind the cross-vendor feeds is unavailable; try again shortly.');
    }
  }

  private async interviewPage(q: InterviewFeedQuery): Promise<FeedPage<InterviewSummary>> {
    const order = q.order;
    const residual: Array<(s: InterviewSummary) => boolean> = [];
    let after = q.after;
    let stopKey: string | null = null;
    if (q.updatedBefore !== null) {
      if (order === FeedOrder.UPDATED) after = later(after, { key: timeKey(q.updatedBefore), id: AFTER_EVERY_ID });
      const before = q.updatedBefore;
      if (order !== FeedOrder.UPDATED) residual.push((s) => s.updatedAt !== null && s.updatedAt < before);
    }
    if (q.updatedAfter !== null) {
      const since = q.updatedAfter;
      if (order === FeedOrder.UPDATED) stopKey = `${timeKey(since)}\uffff`;
      else residual.push((s) => s.updatedAt !== null && s.updatedAt >= since);
    }
    if (q.email !== null) {
      const email = q.email;
      const status = q.status;
      const template = q.template;
      return this.small(await this.store.byEmail(email), order, after, q.first, (s) => {
        if (!q.providers.includes(s.provider)) return false;
        if (status !== null && s.status !== status) return false;
        if (template && (s.provider !== template.provider || s.templateLocator !== template.locator)) return false;
        return residual.every((f) => f(s)) && (stopKey === null || (sortKey(s, order) as string) < stopKey);
      });
    }
    let indexes: string[];
    if (q.template) {
      indexes = q.providers.includes(q.template.provider) ? [indexName(order, templatePartition(q.template.provider, q.template.locator))] : [];
      const status = q.status;
      if (status !== null) residual.push((s) => s.status === status);
    } else if (q.status !== null) {
      const status = q.status;
      indexes = q.providers.map((p) => indexName(order, statusPartition(p, status)));
    } else {
      indexes = q.providers.map((p) => indexName(order, providerPartition(p)));
    }
    const filter = residual.length === 0 ? null : (s: InterviewSummary) => residual.every((f) => f(s));
    return this.read(
      { indexes, after, stopKey, filter, first: q.first },
      (i) => this.store.scan(...i),
      q.updatedBefore === null && q.updatedAfter === null && filter === null,
    );
  }

  private async reportPage(q: ReportFeedQuery): Promise<FeedPage<InterviewSummary>> {
    const order = q.order;
    const residual: Array<(s: InterviewSummary) => boolean> = [];
    let stopKey: string | null = null;
    if (q.minScore !== null) {
      const min = q.minScore;
      if (order === FeedOrder.SCORE) stopKey = scoreFloorKey(min);
      else residual.push((s) => s.scoreScale === ScoreScale.PERCENT && s.score !== null && s.score >= min);
    }
    if (q.completedAfter !== null) {
      const since = q.completedAfter;
      if (order === FeedOrder.REPORT_COMPLETED) stopKey = `${timeKey(since)}\uffff`;
      else residual.push((s) => s.reportCompletedAt !== null && s.reportCompletedAt >= since);
    }
    const indexes = q.template
      ? q.providers.includes(q.template.provider)
        ? [indexName(order, templatePartition(q.template.provider, q.template.locator))]
        : []
      : q.providers.map((p) => indexName(order, providerPartition(p)));
    const filter = residual.length === 0 ? null : (s: InterviewSummary) => residual.every((f) => f(s));
    return this.read({ indexes, after: q.after, stopKey, filter, first: q.first }, (i) => this.store.scan(...i), stopKey === null && filter === null);
  }

  private async read<T>(
    plan: Plan<T>,
    scan: (args: [string, FeedPosition | null, number]) => Promise<Array<ScannedEntry<T>>>,
    countable: boolean,
  ): Promise<FeedPage<T>> {
    const chunk = plan.filter ? Math.max(CHUNK, plan.first * 2) : plan.first + 1;
    const readers = plan.indexes.map((index) => new IndexReader(index, plan.after, chunk, scan));
    const [items, total] = await Promise.all([
      (async () => {
        const out: Array<FeedItem<T>> = [];
        while (out.length <= plan.first) {
          const heads = await Promise.all(readers.map((r) => r.peek()));
          let best = -1;
          for (let i = 0; i < heads.length; i += 1) {
            const head = heads[i];
            if (head && (best < 0 || positionBefore(head, heads[best] as FeedPosition))) best = i;
          }
          if (best < 0) break;
          const entry = readers[best].take();
          if (plan.stopKey !== null && entry.key >= plan.stopKey) {
            readers[best].end();
            continue;
          }
          if (plan.filter && !plan.filter(entry.value)) continue;
          out.push({ position: { key: entry.key, id: entry.id }, value: entry.value });
        }
        return out;
      })(),
      countable ? Promise.all(plan.indexes.map((i) => this.store.count(i))).then((counts) => counts.reduce((a, b) => a + b, 0)) : Promise.resolve(null),
    ]);
    return { items: items.slice(0, plan.first), hasNext: items.length > plan.first, total };
  }

  /** A feed small enough to sort whole (one person's interviews). */
  private small(
    summaries: InterviewSummary[],
    order: FeedOrder,
    after: FeedPosition | null,
    first: number,
    match: (s: InterviewSummary) => boolean,
  ): FeedPage<InterviewSummary> {
    const all = summaries
      .filter(match)
      .map((value) => ({ position: { key: sortKey(value, order) as string, id: summaryId(value) }, value }))
      .sort((a, b) => (positionBefore(a.position, b.position) ? -1 : 1));
    const rest = after ? all.filter((item) => positionBefore(after, item.position)) : all;
    return { items: rest.slice(0, first), hasNext: rest.length > first, total: all.length };
  }
}

function later(a: FeedPosition | null, b: FeedPosition): FeedPosition {
  return a === null || positionBefore(a, b) ? b : a;
}

class IndexReader<T> {
  private buffer: Array<ScannedEntry<T>> = [];
  private at = 0;
  private done = false;

  constructor(
    private readonly index: string,
    private position: FeedPosition | null,
    private readonly chunk: number,
    private readonly scan: (args: [string, FeedPosition | null, number]) => Promise<Array<ScannedEntry<T>>>,
  ) {}

  async peek(): Promise<ScannedEntry<T> | null> {
    if (this.at < this.buffer.length) return this.buffer[this.at];
    if (this.done) return null;
    this.buffer = await this.scan([this.index, this.position, this.chunk]);
    this.at = 0;
    if (this.buffer.length < this.chunk) this.done = true;
    if (this.buffer.length === 0) return null;
    const last = this.buffer[this.buffer.length - 1];
    this.position = { key: last.key, id: last.id };
    return this.buffer[0];
  }

  take(): ScannedEntry<T> {
    return this.buffer[this.at++];
  }

  end(): void {
    this.buffer = [];
    this.at = 0;
    this.done = true;
  }
}
