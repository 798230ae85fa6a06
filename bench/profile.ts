/**
 * `npm run bench:profile -- Q2 [cold]`: one query's warm path under load (or, with `cold`, the
 * gateway without its cache), with V8's CPU profiler on, written to
 * `bench/profiles/<query>[-cold].cpuprofile` (open it in Chrome DevTools or speedscope).
 * BENCH_LATENCIES (first value), BENCH_SECONDS and BENCH_CONNECTIONS as for `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startSandbox } from '../src/sandbox/start-sandbox';
import { VENDORS } from '../src/vendors/vendors';
import { benchOptions, benchQueries, gateway, load, post } from './run';

async function main(): Promise<void> {
  const options = benchOptions(process.env);
  const which = process.argv[2] ?? 'Q2';
  const cold = process.argv[3] === 'cold';
  const sandbox = await startSandbox(VENDORS, { seed: 42, knobs: { latencyMs: options.latencies[0] ?? 0 } });
  const ours = await gateway(sandbox, 'ours');
  const measured = cold ? await gateway(sandbox, 'ours-uncached') : ours;
  try {
    const query = (await benchQueries(ours, sandbox)).find((q) => q.name.startsWith(which));
    if (!query) throw new Error(`no query ${which}`);
    const run = () => load(measured.url, query.query, options);
    await post(measured.url, query.query);
    await run();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    mkdirSync('bench/profiles', { recursive: true });
    const file = `bench/profiles/${which}${cold ? '-cold' : ''}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`${query.name}: ${result.rps} rps; profile in ${file}\n`);
  } finally {
    if (measured !== ours) await measured.close();
    await ours.close();
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
