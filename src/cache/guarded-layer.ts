/**
 * The shared cache layer (Redis) behind a timeout and a circuit breaker (cockatiel), so a slow
 * or dead Redis costs a request at most `timeoutMs` once, then nothing: after `failures` failed
 * or slow operations in a row the layer is skipped (its operations fail at once, which the cache
 * turns into misses and L1-only writes) and every `probeAfterMs` one operation tries Redis
 * again; the first that succeeds brings the layer back. Nothing to restart by hand.
 */
import { circuitBreaker, ConsecutiveBreaker, handleAll, timeout, TimeoutStrategy, wrap, CircuitState, type IPolicy } from 'cockatiel';
import type { Keyv } from 'cacheable';

export interface GuardOptions {
  /** Longest a Redis operation may take before it counts as failed, in ms. */
  timeoutMs: number;
  /** Failed or slow operations in a row that take the layer out. */
  failures: number;
  /** How long the layer stays out before one operation probes Redis, in ms. */
  probeAfterMs: number;
  /** Told when the layer goes out (false) and comes back (true). */
  onChange?: (available: boolean) => void;
}

export const DEFAULT_GUARD: GuardOptions = { timeoutMs: 250, failures: 3, probeAfterMs: 1_000 };

/** The Keyv methods the two-layer cache calls on its secondary layer: each goes through the guard. */
const GUARDED = new Set(['get', 'getMany', 'getRaw', 'getManyRaw', 'set', 'setMany', 'has', 'hasMany', 'delete', 'deleteMany', 'clear']);

export interface GuardedLayer {
  keyv: Keyv;
  /** False while the layer is skipped. */
  available(): boolean;
}

export function guardLayer(layer: Keyv, options: GuardOptions = DEFAULT_GUARD): GuardedLayer {
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: options.probeAfterMs, breaker: new ConsecutiveBreaker(options.failures) });
  breaker.onBreak(() => options.onChange?.(false));
  breaker.onReset(() => options.onChange?.(true));
  const policy: IPolicy = wrap(breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  const keyv = new Proxy(layer, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !GUARDED.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => policy.execute(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
  return { keyv, available: () => breaker.state !== CircuitState.Open };
}
