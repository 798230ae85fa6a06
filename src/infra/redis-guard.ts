/**
 * A timeout and a circuit breaker (cockatiel) around Redis operations, so a slow or dead Redis
 * costs a request at most `timeoutMs` once, then nothing: after `failures` failed or slow
 * operations in a row every operation fails at once, and every `probeAfterMs` one operation tries
 * Redis again; the first that succeeds closes the breaker. Nothing to restart by hand. Used by
 * the cache's Redis layer and by the gateway's own Redis structures (index, webhooks, idempotency).
 */
import { setMaxListeners } from 'node:events';
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, timeout, TimeoutStrategy, wrap } from 'cockatiel';

export interface GuardOptions {
  /** Longest a Redis operation may take before it counts as failed, in ms. */
  timeoutMs: number;
  /** Failed or slow operations in a row that open the breaker. */
  failures: number;
  /** How long the breaker stays open before one operation probes Redis, in ms. */
  probeAfterMs: number;
  /** Told when the breaker opens (false) and closes again (true). */
  onChange?: (available: boolean) => void;
}

export const DEFAULT_GUARD: GuardOptions = {
  timeoutMs: 250,
  failures: 3,
  probeAfterMs: 1_000,
};

export interface RedisGuard {
  /** Runs `operation` under the timeout and breaker; rejects at once while the breaker is open. */
  execute<T>(operation: () => Promise<T>): Promise<T>;
  /** False while the breaker is open (Redis is being skipped). */
  available(): boolean;
}

/**
 * The parent signal of every guarded operation. Cockatiel's timeout listens on the caller's signal
 * while an operation runs (and stops when it ends); without one it uses a single signal of its
 * own with Node's default cap of 10 listeners, so 11 concurrent Redis operations printed a
 * MaxListenersExceededWarning. This one is never aborted and has no cap: its listeners are
 * bounded by the operations in flight.
 */
const NEVER_ABORTED = new AbortController().signal;
setMaxListeners(0, NEVER_ABORTED);

export function redisGuard(options: GuardOptions = DEFAULT_GUARD): RedisGuard {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.probeAfterMs,
    breaker: new ConsecutiveBreaker(options.failures),
  });
  breaker.onBreak(() => options.onChange?.(false));
  breaker.onReset(() => options.onChange?.(true));
  const policy = wrap(breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  return {
    execute: (operation) => policy.execute(() => operation(), NEVER_ABORTED),
    available: () => breaker.state !== CircuitState.Open,
  };
}
