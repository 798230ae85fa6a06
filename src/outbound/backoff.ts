/** Each pause is the schedule's ±20 %: replicas and endpoints that failed together do not retry together. */
const JITTER = 0.2;

/**
 * When attempt `attempts + 1` (1-based: `attempts` have been made) may run, epoch ms; null when
 * the schedule is used up. The default schedule (5 s, 5 min, 30 min, 2 h, 5 h, then 10 h three times)
 * spans about 37 hours over 9 attempts, and at least 30 hours whatever the jitter draws.
 */
export function nextAttemptAt(scheduleSeconds: readonly number[], attempts: number, nowMs: number, random: () => number = Math.random): number | null {
  const pause = scheduleSeconds[attempts - 1];
  if (pause === undefined) return null;
  return nowMs + Math.round(pause * 1000 * (1 + JITTER * (2 * random() - 1)));
}
