/**
 * `npm run bench` keeps working: one tiny run (no vendor latency, 1 s of load, one cold sample)
 * makes a full table without errors. No timing is asserted — speed is measured by the benchmark
 * itself, not by tests — only what must hold on any machine: every cell has a number, no request
 * failed, Q0 (no vendor), Q1 and Q2 make exactly the fewest vendor calls the vendors allow, and
 * batching and caching make Q2 cost fewer cold vendor calls than the naive peer.
 */
import { BENCH_HEADER, runBench } from '../../bench/run';

it('runs every peer on every query and fills the table', async () => {
  const rows = await runBench({ latencies: [0], seconds: 1, connections: 2, coldSamples: 1, queries: [] });
  expect(rows.map((r) => r[1])).toEqual(['Q0 __typename', 'Q1 report + scorecard', 'Q2 50 interviews', 'Q3 candidate × 4 vendors']);
  for (const row of rows) {
    expect(row).toHaveLength(BENCH_HEADER.length);
    for (const cell of row.slice(2)) expect(Number.isFinite(Number(cell))).toBe(true);
    expect(row[BENCH_HEADER.indexOf('errors')]).toBe('0');
  }
  const column = (name: string) => BENCH_HEADER.indexOf(name);
  for (const row of rows.slice(0, 3)) expect(row[column('cold calls ours')]).toBe(row[column('cold calls min')]);
  const q2 = rows[2];
  expect(Number(q2[BENCH_HEADER.indexOf('cold calls ours')])).toBeLessThan(Number(q2[BENCH_HEADER.indexOf('cold calls naive')]));
}, 120_000);
