/**
 * `npm run bench` keeps working: one tiny run (no vendor latency, 1 s of load, one cold sample)
 * makes a full table without errors. No timing is asserted — speed is measured by the benchmark
 * itself, not by tests — only what must hold on any machine: every cell has a number, no request
 * failed, Q0 (no vendor), Q1, Q2 and Q3 make exactly the fewest vendor calls the vendors allow, and
 * batching and caching make Q2 cost fewer cold vendor calls than the naive peer.
 */
import { printFeedBench, runFeedBench } from '../../bench/feeds';
import { BENCH_HEADER, mixedWorkload, runBench } from '../../bench/run';

it('runs every peer on every query and fills the table', async () => {
  const rows = await runBench({ latencies: [0], seconds: 1, connections: 2, coldSamples: 1, queries: [] });
  expect(rows.map((r) => r[1])).toEqual(['Q0 __typename', 'Q1 report + scorecard', 'Q2 50 interviews', 'Q3 candidate × 4 vendors']);
  for (const row of rows) {
    expect(row).toHaveLength(BENCH_HEADER.length);
    const notNumbers = BENCH_HEADER.filter((_, i) => i >= 2 && !Number.isFinite(Number(row[i])));
    expect({ query: row[1], notNumbers }).toEqual({ query: row[1], notNumbers: [] });
    expect(row[BENCH_HEADER.indexOf('errors')]).toBe('0');
  }
  const column = (name: string) => BENCH_HEADER.indexOf(name);
  for (const row of rows) expect(row[column('cold calls ours')]).toBe(row[column('cold calls min')]);
  const q2 = rows[2];
  expect(Number(q2[BENCH_HEADER.indexOf('cold calls ours')])).toBeLessThan(Number(q2[BENCH_HEADER.indexOf('cold calls naive')]));
}, 240_000);

it('the mixed row: reads served from the response cache while webhooks rename what they read, and no read shows a name older than an acknowledged webhook', async () => {
  const mixed = await mixedWorkload({ latencies: [0], seconds: 1, connections: 4, coldSamples: 1, queries: [] });
  expect(mixed.errors).toBe(0);
  expect(mixed.webhooks).toBeGreaterThan(0);
  expect(mixed.hits).toBeGreaterThan(0);
  expect(mixed.hits).toBeLessThan(mixed.reads);
  expect(mixed.staleReads).toBe(0);
}, 60_000);

it('`npm run bench:feeds` keeps working: a small run fills every row, with no failed request', async () => {
  const result = await runFeedBench({ interviews: 200, samples: 2, latencyMs: 0, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  expect(result.interviews).toBeGreaterThan(1000); // the simulators' own data plus the 200
  expect(Object.values(result.sync.calls).every((n) => n > 0)).toBe(true);
  // Jest runs without --expose-gc: the heap figure is then not measured rather than noise.
  expect(result.heapMbPer100k).toBeNull();
  expect(result.redis?.mbPer100k).toBeGreaterThan(0);
  // Two stores × two feeds × two pages × warm and cold, none with a failed request.
  expect(result.latency).toHaveLength(16);
  for (const cell of result.latency) {
    expect(Number.isFinite(cell.p50)).toBe(true);
    expect(cell.errors).toBe(0);
  }
  expect(printFeedBench(result)).toContain('| redis | reports SCORE_DESC | 50 |');
}, 240_000);
