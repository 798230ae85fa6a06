/**
 * A timeout and a circuit breaker (cockatiel) around Redis operations, so a slow or dead Redis
 * costs a request at most `timeoutMs` (of time the process could hear the answer) once, then
 * nothing: after `failures` failed or slow operations in a row every operation fails at once, and
 * every `probeAfterMs` one operation tries Redis again; the first that succeeds closes the
 * breaker. Nothing to restart by hand. Used by the cache's Redis layer and by the gateway's own
 * Redis structures (index, webhooks, idempotency).
 */
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, TaskCancelledError } from 'cockatiel';

export interface GuardOptions {
  /** Longest a Redis operation may take before it counts as failed, in ms of time the process was free to hear it. */
  timeoutMs: number;
  /** Failed or slow operations in a row that open the breaker. */
  failures: number;
  /** How long the breaker stays open before one operation probes Redis, in ms. */
  probeAfterMs: number;
  /** Told when the breaker opens (false) and closes again (true). */
  onChange?: (available: boolean) => void;
}

/** The cache's guard: Redis is an optional layer there, so a slow one is skipped soon. */
export const DEFAULT_GUARD: GuardOptions = {
  timeoutMs: 250,
  failures: 3,
  probeAfterMs: 1_000,
};

/**
 * The guard of the gateway's own stores (identity index, read model, webhook store, idempotency
 * keys): there Redis is the source of truth, not a layer to skip — a refused operation is a feed
 * answering INDEX_UNAVAILABLE, a sync pass failed, a webhook answered 503. A Redis that stalls
 * for a few hundred ms (a slow command from another client, a fork for a snapshot, a starved
 * host) is a delay, not an outage: an operation may take 500 ms, and only 5 such in a row open
 * the breaker. The identity index is also read on the request path, so a Redis slower than that
 * is still skipped rather than slowing every request. A Redis that refuses connections fails at once.
 */
export const STORE_GUARD: GuardOptions = {
  timeoutMs: 500,
  failures: 5,
  probeAfterMs: 1_000,
};

export interface RedisGuard {
  /** Runs `operation` under the timeout and breaker; rejects at once while the breaker is open. */
  execute<T>(operation: () => Promise<T>): Promise<T>;
  /** False while the breaker is open (Redis is being skipped). */
  available(): boolean;
}

/** Slack before a late timer counts as a stalled event loop, in ms. */
const STALL_SLACK_MS = 20;

/** Longest a guarded operation waits in all, stalls given back included, as a multiple of `timeoutMs`. */
const MAX_WAIT_FACTOR = 4;

/**
 * `operation`, failed with cockatiel's TaskCancelledError when Redis has not answered within `ms`
 * of time the process was free to hear it. On a starved CPU (a GC pause, a long synchronous
 * task, another process on the core) the timer fires late, together with a reply that may have
 * been waiting in the socket all along; a plain timeout, run first in the timers phase, would
 * call that reply slow, and three of them open the breaker on a healthy Redis. So when the timer
 * fires, pending I/O is heard first (setImmediate runs after the poll phase), and the time the
 * timer was late is given back, up to MAX_WAIT_FACTOR × `ms` in all.
 */
function withinLoopTime<T>(operation: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = performance.now() + MAX_WAIT_FACTOR * ms;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    /** The first outcome wins (the answer or the timeout); the other is dropped with its timers. */
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      outcome();
    };
    const arm = (wait: number) => {
      const due = performance.now() + wait;
      timer = setTimeout(() => {
        const late = performance.now() - due;
        immediate = setImmediate(() => {
          if (settled) return;
          const left = deadline - performance.now();
          if (late > STALL_SLACK_MS && left > 0) return arm(Math.min(late, left));
          finish(() => reject(new TaskCancelledError(`Redis did not answer within ${ms} ms`)));
        });
      }, wait);
    };
    arm(ms);
    operation().then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

export function redisGuard(options: GuardOptions = DEFAULT_GUARD): RedisGuard {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.probeAfterMs,
    breaker: new ConsecutiveBreaker(options.failures),
  });
  breaker.onBreak(() => options.onChange?.(false));
  breaker.onReset(() => options.onChange?.(true));
  return {
    execute: (operation) => breaker.execute(() => withinLoopTime(operation, options.timeoutMs)),
    available: () => breaker.state !== CircuitState.Open,
  };
}
