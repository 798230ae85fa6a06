/**
 * Every feed is a total order (sort key, then `<PROVIDER>|<locator>`); keys compare as bytes, so
 * one encoding serves the B-trees and Redis's lexicographic sorted sets alike.
 */
import type { InterviewSummary, TemplateSummary } from '../domain/interview-summary';
import { InterviewStatus, ScoreScale } from '../domain/model';
import type { Provider } from '../domain/provider';

export enum FeedOrder {
  UPDATED = 'u',
  COMPLETED = 'c',
  INVITED = 'i',
  REPORT_COMPLETED = 'rc',
  SCORE = 'rs',
  TEMPLATE_CREATED = 'tc',
}

export const INTERVIEW_ORDERS = [FeedOrder.UPDATED, FeedOrder.COMPLETED, FeedOrder.INVITED] as const;
export const REPORT_ORDERS = [FeedOrder.REPORT_COMPLETED, FeedOrder.SCORE] as const;

/** Newest first: larger times give smaller keys. Past this, times are clamped (year 5138). */
const TIME_CEILING = 99_999_999_999_999;
/** Sorts after every time key: items without a value for the order come last. */
const NONE = '~';

export function timeKey(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NONE;
  const clamped = Math.min(TIME_CEILING, Math.max(0, Math.round(ms)));
  return String(TIME_CEILING - clamped).padStart(14, '0');
}

/** PERCENT scores first (only they compare across vendors), then other reports by completion. */
export function scoreKey(summary: InterviewSummary): string {
  const completed = timeKey(summary.reportCompletedAt);
  if (summary.scoreScale === ScoreScale.PERCENT && summary.score !== null) {
    const hundredths = Math.min(10_000, Math.max(0, Math.round(summary.score * 100)));
    return `0${String(10_000 - hundredths).padStart(5, '0')}${completed}`;
  }
  return `1${completed}`;
}

export function scoreFloorKey(min: number): string {
  const hundredths = Math.min(10_000, Math.max(0, Math.round(min * 100)));
  return `0${String(10_000 - hundredths + 1).padStart(5, '0')}`;
}

/** Null when not in that feed (no report yet). */
export function sortKey(summary: InterviewSummary, order: FeedOrder): string | null {
  switch (order) {
    case FeedOrder.UPDATED:
      return timeKey(summary.updatedAt);
    case FeedOrder.COMPLETED:
      return timeKey(summary.completedAt);
    case FeedOrder.INVITED:
      return timeKey(summary.invitedAt);
    case FeedOrder.REPORT_COMPLETED:
      return summary.reportLocator === null ? null : timeKey(summary.reportCompletedAt);
    case FeedOrder.SCORE:
      return summary.reportLocator === null ? null : scoreKey(summary);
    default:
      return null;
  }
}

export function templateKey(template: TemplateSummary): string {
  return timeKey(template.createdAt);
}

export function summaryId(item: { provider: Provider; locator: string }): string {
  return `${item.provider}|${item.locator}`;
}

export function parseSummaryId(id: string): { provider: Provider; locator: string } {
  const bar = id.indexOf('|');
  return { provider: id.slice(0, bar) as Provider, locator: id.slice(bar + 1) };
}

/** Per provider, per status and per template only: cross-vendor pages merge the per-provider indexes. */
export function indexEntriesOf(summary: InterviewSummary): Array<{ index: string; key: string }> {
  const out: Array<{ index: string; key: string }> = [];
  const partitions = [providerPartition(summary.provider), statusPartition(summary.provider, summary.status)];
  const template = summary.templateLocator === null ? null : templatePartition(summary.provider, summary.templateLocator);
  if (template) partitions.push(template);
  for (const order of INTERVIEW_ORDERS) {
    const key = sortKey(summary, order) as string;
    for (const partition of partitions) out.push({ index: indexName(order, partition), key });
  }
  if (awaitsReport(summary)) out.push({ index: reportBacklogIndex(summary.provider), key: timeKey(summary.completedAt) });
  for (const order of REPORT_ORDERS) {
    const key = sortKey(summary, order);
    if (key === null) continue;
    out.push({ index: indexName(order, providerPartition(summary.provider)), key });
    if (template) out.push({ index: indexName(order, template), key });
  }
  return out;
}

/** The sync fetches these, so the `reports` feed holds every completed report. */
export function awaitsReport(summary: InterviewSummary): boolean {
  return summary.status === InterviewStatus.COMPLETED && summary.reportLocator === null && summary.reportAbsent === null;
}

export function reportBacklogIndex(provider: Provider): string {
  return `backlog:${provider}`;
}

export function templateIndex(provider: Provider): string {
  return indexName(FeedOrder.TEMPLATE_CREATED, providerPartition(provider));
}

export function indexName(order: FeedOrder, partition: string): string {
  return `${order}:${partition}`;
}

export function providerPartition(provider: Provider): string {
  return `p:${provider}`;
}

export function statusPartition(provider: Provider, status: InterviewStatus): string {
  return `s:${provider}:${status}`;
}

export function templatePartition(provider: Provider, templateLocator: string): string {
  return `t:${provider}:${templateLocator}`;
}

/** The next page starts strictly after it. */
export interface FeedPosition {
  key: string;
  id: string;
}

export function positionBefore(a: FeedPosition, b: FeedPosition): boolean {
  return a.key !== b.key ? a.key < b.key : a.id < b.id;
}
