/**
 * Waiting and latency bounds that hold on a loaded CI host (two cores shared by several jest
 * workers) and still fail when the behaviour breaks:
 * - wait for the event itself (`eventually`), never for a fixed sleep that a slow host outlasts;
 * - bound a latency by what the behaviour promises (a configured timeout, or "no wait at all") plus
 *   `slack` measured on this host, now (`baselineMs`), never by an absolute figure a busy host
 *   exceeds on its own.
 */

/**
 * Resolves once `condition` holds, checking every `everyMs`. `timeoutMs` is a deadline for a test
 * that would otherwise hang (the failure names `what`), not a latency bound.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 10_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** `run`'s wall time in ms, with its result. */
export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** The median of `samples` (ms): one slow sample (a GC pause, a busy neighbour) does not move it. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The median wall time of `run` over `samples` runs, in ms, after one untimed run (which pays for
 * loading code and opening connections): what a healthy round trip costs on this host right now.
 */
export async function baselineMs(run: () => Promise<unknown>, samples = 5): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) times.push((await timed(run)).ms);
  return median(times);
}

/**
 * What a latency may take beyond its promise on this host: `factor` × a measured healthy round trip
 * (a loaded host slows both alike), at least `floorMs`, at most `capMs`. A single request can still
 * meet a pause the baseline did not (a GC, a busy neighbour): bound one request with a floor
 * relative to what it promises (half its timeout), or bound the median of several. Set the cap below
 * what a regression would add (a timeout waited twice, a wait for Redis), so the bound catches it
 * however loaded the host.
 */
export function slack(
  baseline: number,
  { factor = 5, floorMs = 50, capMs = Number.POSITIVE_INFINITY }: { factor?: number; floorMs?: number; capMs?: number } = {},
): number {
  return Math.min(capMs, Math.max(floorMs, factor * baseline));
}
