/**
 * The contract every read-model store keeps, run against the in-memory store (unit) and the
 * Redis store (integration, real Redis): feeds page in the documented total order under every
 * order and filter, with page sizes that do and do not divide the feed, after summaries moved
 * (status, times, reports changed) — checked against a reference written from the documented
 * semantics, not from the key encoding.
 */
import pino from 'pino';
import { type InterviewSummary, mergeSummaries } from '../../src/domain/interview-summary';
import { InterviewStatus, ScoreScale } from '../../src/domain/model';
import { Provider } from './providers';
import { SeededRandom } from '../../src/vendors/kit/sandbox/data/random';
import { FeedOrder, type FeedPosition } from '../../src/readmodel/feed-order';
import { type FeedPage, type InterviewFeedQuery, ReadModel, type ReportFeedQuery } from '../../src/readmodel/read-model';
import type { ReadModelStore } from '../../src/readmodel/read-model-store';

const PROVIDERS = [Provider.MICRO1, Provider.HEYMILO, Provider.XOBIN, Provider.EVALYO];
const STATUSES = [InterviewStatus.INVITED, InterviewStatus.IN_PROGRESS, InterviewStatus.COMPLETED, InterviewStatus.EXPIRED];
const BASE = Date.parse('2026-05-01T00:00:00Z');

/** A deterministic population: times with ties and gaps, a few templates and people, mixed score scales. */
export function population(count: number, seed = 7): InterviewSummary[] {
  const random = new SeededRandom(seed);
  // Few distinct instants, so ties on the sort key are common.
  const time = () => (random.next() < 0.15 ? null : BASE + random.int(0, 40) * 3_600_000);
  return Array.from({ length: count }, (_, i) => {
    const provider = random.pick(PROVIDERS);
    const status = random.pick(STATUSES);
    const reported = status === InterviewStatus.COMPLETED && random.next() < 0.85;
    const scale = random.pick([ScoreScale.PERCENT, ScoreScale.PERCENT, ScoreScale.ORDINAL, ScoreScale.UNKNOWN, null]);
    return {
      provider,
      locator: `loc-${String(i).padStart(4, '0')}${random.next() < 0.3 ? '|x' : ''}`,
      email: `person${random.int(0, count / 4)}@example.com`,
      templateLocator: `tpl-${random.int(0, 3)}`,
      status,
      invitedAt: time(),
      startedAt: null,
      completedAt: status === InterviewStatus.COMPLETED ? time() : null,
      updatedAt: time(),
      reportLocator: reported ? `r-${i}` : null,
      reportCompletedAt: reported ? time() : null,
      score: reported && scale !== null && scale !== ScoreScale.UNKNOWN ? random.int(0, 100) + (random.next() < 0.3 ? 0.5 : 0) : null,
      scoreScale: reported ? scale : null,
      reportAbsent: null,
    };
  });
}

const id = (s: InterviewSummary) => `${s.provider}|${s.locator}`;

/** Newest first, absent last, ties by id — the documented order, written independently of the keys. */
function byTime(value: (s: InterviewSummary) => number | null) {
  return (a: InterviewSummary, b: InterviewSummary): number => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return vb - va;
    }
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  };
}

function byScore(a: InterviewSummary, b: InterviewSummary): number {
  const comparable = (s: InterviewSummary) => s.scoreScale === ScoreScale.PERCENT && s.score !== null;
  if (comparable(a) !== comparable(b)) return comparable(a) ? -1 : 1;
  if (comparable(a) && a.score !== b.score) return (b.score as number) - (a.score as number);
  return byTime((s) => s.reportCompletedAt)(a, b);
}

async function pageAll<T>(first: number, read: (after: FeedPosition | null) => Promise<FeedPage<T>>): Promise<{ values: T[]; total: number | null }> {
  const values: T[] = [];
  let after: FeedPosition | null = null;
  let total: number | null = null;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = await read(after);
    if (guard === 0) total = page.total;
    values.push(...page.items.map((i) => i.value));
    if (!page.hasNext) return { values, total };
    expect(page.items).toHaveLength(first);
    after = page.items[page.items.length - 1].position;
  }
  throw new Error('endless feed');
}

export function describeReadModelStore(name: string, create: () => Promise<ReadModelStore>): void {
  describe(`read model store: ${name}`, () => {
    let store: ReadModelStore;
    let model: ReadModel;
    let current: Map<string, InterviewSummary>;

    beforeAll(async () => {
      store = await create();
      model = new ReadModel(store, pino({ level: 'silent' }));
      const first = population(400);
      await store.upsert(first.slice(0, 250), mergeSummaries);
      await store.upsert(first.slice(250), mergeSummaries);
      // Then a second sighting of a third of them: newer status and times, some reports arriving.
      const random = new SeededRandom(99);
      const moved = first
        .filter(() => random.next() < 0.33)
        .map((s) => {
          const completed = random.next() < 0.5;
          return {
            ...s,
            status: completed ? InterviewStatus.COMPLETED : s.status,
            completedAt: completed ? BASE + random.int(41, 60) * 3_600_000 : s.completedAt,
            updatedAt: BASE + random.int(41, 60) * 3_600_000,
            reportLocator: completed ? `r2-${s.locator}` : s.reportLocator,
            reportCompletedAt: completed ? BASE + random.int(41, 60) * 3_600_000 : s.reportCompletedAt,
            score: completed ? random.int(0, 100) : s.score,
            scoreScale: completed ? ScoreScale.PERCENT : s.scoreScale,
          };
        });
      // Also an older sighting that must not win (a list page fetched before a webhook).
      const stale = moved.slice(0, 10).map((s) => ({ ...s, status: InterviewStatus.INVITED, updatedAt: BASE }));
      await store.upsert(moved, mergeSummaries);
      await store.upsert(stale, mergeSummaries);
      current = new Map(first.map((s) => [id(s), s]));
      for (const s of moved) current.set(id(s), mergeSummaries(current.get(id(s)) ?? null, s));
    }, 30_000);
    afterAll(() => store.close());

    const all = () => [...current.values()];

    it('holds every interview once, with the newer of two sightings', async () => {
      expect(await store.size()).toBe(400);
      const sample = all().slice(0, 20);
      expect(await store.get(sample.map(id))).toEqual(sample);
    });

    it.each([
      ['UPDATED', FeedOrder.UPDATED, (s: InterviewSummary) => s.updatedAt],
      ['COMPLETED', FeedOrder.COMPLETED, (s: InterviewSummary) => s.completedAt],
      ['INVITED', FeedOrder.INVITED, (s: InterviewSummary) => s.invitedAt],
    ] as const)('interview feed by %s: total order, every page size, every filter', async (_name, order, value) => {
      const query = (over: Partial<InterviewFeedQuery>) => ({
        providers: PROVIDERS,
        order,
        status: null,
        template: null,
        updatedAfter: null,
        updatedBefore: null,
        email: null,
        first: 10,
        after: null,
        ...over,
      });
      const cases: Array<[Partial<InterviewFeedQuery>, (s: InterviewSummary) => boolean, boolean]> = [
        [{}, () => true, true],
        [{ providers: [Provider.XOBIN, Provider.MICRO1] }, (s) => s.provider === Provider.XOBIN || s.provider === Provider.MICRO1, true],
        [{ status: InterviewStatus.COMPLETED }, (s) => s.status === InterviewStatus.COMPLETED, true],
        [
          { template: { provider: Provider.HEYMILO, locator: 'tpl-2' }, status: InterviewStatus.INVITED },
          (s) => s.provider === Provider.HEYMILO && s.templateLocator === 'tpl-2' && s.status === InterviewStatus.INVITED,
          false,
        ],
        [{ template: { provider: Provider.HEYMILO, locator: 'tpl-2' } }, (s) => s.provider === Provider.HEYMILO && s.templateLocator === 'tpl-2', true],
        [{ updatedAfter: BASE + 20 * 3_600_000 }, (s) => s.updatedAt !== null && s.updatedAt >= BASE + 20 * 3_600_000, false],
        [
          { updatedBefore: BASE + 20 * 3_600_000, updatedAfter: BASE + 5 * 3_600_000 },
          (s) => s.updatedAt !== null && s.updatedAt < BASE + 20 * 3_600_000 && s.updatedAt >= BASE + 5 * 3_600_000,
          false,
        ],
        [{ email: 'person3@example.com' }, (s) => s.email === 'person3@example.com', true],
      ];
      for (const [over, keep, countable] of cases) {
        const expected = all().filter(keep).sort(byTime(value)).map(id);
        for (const first of [1, 7, 100]) {
          if (first === 1 && expected.length > 150) continue;
          const { values, total } = await pageAll(first, (after) => model.interviews(query({ ...over, first, after })));
          expect(values.map(id)).toEqual(expected);
          expect(total).toBe(countable ? expected.length : null);
        }
      }
    });

    it('report feeds: completion order, and comparable scores first by value then every other scale by completion', async () => {
      const reported = all().filter((s) => s.reportLocator !== null);
      const query = (over: Partial<ReportFeedQuery>): ReportFeedQuery => ({
        providers: PROVIDERS,
        order: FeedOrder.REPORT_COMPLETED,
        template: null,
        completedAfter: null,
        minScore: null,
        first: 9,
        after: null,
        ...over,
      });
      const byCompletion = await pageAll(9, (after) => model.reports(query({ after })));
      expect(byCompletion.values.map(id)).toEqual([...reported].sort(byTime((s) => s.reportCompletedAt)).map(id));
      expect(byCompletion.total).toBe(reported.length);

      const byScoreFeed = await pageAll(9, (after) => model.reports(query({ order: FeedOrder.SCORE, after })));
      expect(byScoreFeed.values.map(id)).toEqual([...reported].sort(byScore).map(id));

      const min = (s: InterviewSummary) => s.scoreScale === ScoreScale.PERCENT && s.score !== null && s.score >= 50.5;
      const above = await pageAll(9, (after) => model.reports(query({ order: FeedOrder.SCORE, minScore: 50.5, after })));
      expect(above.values.map(id)).toEqual(reported.filter(min).sort(byScore).map(id));
      const aboveByTime = await pageAll(9, (after) => model.reports(query({ minScore: 50.5, after })));
      expect(aboveByTime.values.map(id)).toEqual(
        reported
          .filter(min)
          .sort(byTime((s) => s.reportCompletedAt))
          .map(id),
      );

      const since = BASE + 30 * 3_600_000;
      const recent = await pageAll(9, (after) => model.reports(query({ completedAfter: since, providers: [Provider.EVALYO, Provider.HEYMILO], after })));
      expect(recent.values.map(id)).toEqual(
        reported
          .filter((s) => (s.provider === Provider.EVALYO || s.provider === Provider.HEYMILO) && s.reportCompletedAt !== null && s.reportCompletedAt >= since)
          .sort(byTime((s) => s.reportCompletedAt))
          .map(id),
      );
    });

    it('keeps the report backlog: completed interviews without a report, until the vendor answers', async () => {
      const waiting = all().filter((s) => s.status === InterviewStatus.COMPLETED && s.reportLocator === null && s.reportAbsent === null);
      expect(waiting.length).toBeGreaterThan(0);
      const provider = waiting[0].provider;
      const backlog = await model.awaitingReports(provider, null, 1000);
      expect(backlog.map((b) => b.locator).sort()).toEqual(
        waiting
          .filter((s) => s.provider === provider)
          .map((s) => s.locator)
          .sort(),
      );
      // The vendor says it has none: out of the backlog, still in the interview feeds, not in the report feeds.
      await model.record(provider, { reports: [{ interviewLocator: waiting[0].locator, report: null }] });
      expect((await model.awaitingReports(provider, null, 1000)).map((b) => b.locator)).not.toContain(waiting[0].locator);
      const [stored] = await store.get([id(waiting[0])]);
      expect(stored).toMatchObject({ status: InterviewStatus.COMPLETED, reportAbsent: true, reportLocator: null });
    });
  });
}
