/** A slow or dead Redis costs a request at most `timeoutMs` once, then nothing until a probe finds it back. */
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, TaskCancelledError } from 'cockatiel';

export interface GuardOptions {
  /** In ms of time the process was free to hear the answer. */
  timeoutMs: number;
  /** In a row; null: no breaker (every operation waits its full timeout, see `webhookGuard`). */
  failures: number | null;
  /** In ms. */
  probeAfterMs: number;
  onChange?: (available: boolean) => void;
}

/** The cache's: Redis is an optional layer there, so a slow one is skipped soon. */
export const DEFAULT_GUARD: GuardOptions = {
  timeoutMs: 250,
  failures: 3,
  probeAfterMs: 1_000,
};

/**
 * The stores': there Redis is the source of truth, and a stall of a few hundred ms (a snapshot fork,
 * a slow command) is a delay, not an outage. Still bounded: the index is read on the request path.
 */
export const STORE_GUARD: GuardOptions = {
  timeoutMs: 500,
  failures: 5,
  probeAfterMs: 1_000,
};

/**
 * The response cache's reads of the invalidation log, made before every lookup: a healthy Redis
 * answers in about a millisecond, and a slow one must not delay requests that can simply execute.
 */
export const LEDGER_GUARD: GuardOptions = {
  timeoutMs: 50,
  failures: 3,
  probeAfterMs: 1_000,
};

/**
 * The vendor budgets, breakers and pauses the replicas share, read on the way to every vendor call:
 * a Redis slower than this is skipped (the replica counts alone) rather than added to the call.
 */
export const VENDOR_GUARD: GuardOptions = {
  timeoutMs: 100,
  failures: 3,
  probeAfterMs: 1_000,
};

/**
 * The webhook store's: its writes stand between a vendor that may never retry and a lost event, so a
 * stalled Redis is waited for up to the whole budget, and there is no breaker: a run of slow or failed
 * operations does not refuse the next delivery; only an outage that outlasts the budget does.
 */
export function webhookGuard(timeoutMs: number): GuardOptions {
  return { timeoutMs, failures: null, probeAfterMs: 1_000 };
}

export interface RedisGuard {
  execute<T>(operation: () => Promise<T>): Promise<T>;
  available(): boolean;
}

/** Slack before a late timer counts as a stalled event loop, in ms. */
const STALL_SLACK_MS = 20;

/** Total wait, stalls given back included, as a multiple of `timeoutMs`. */
const MAX_WAIT_FACTOR = 4;

/**
 * On a starved CPU the timer fires late, with the reply already waiting in the socket; a plain
 * timeout would call it slow and open the breaker on a healthy Redis. So pending I/O is heard first
 * (setImmediate runs after the poll phase) and the timer's lateness is given back.
 */
function withinLoopTime<T>(operation: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = performance.now() + MAX_WAIT_FACTOR * ms;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
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
  if (options.failures === null) return { execute: (operation) => withinLoopTime(operation, options.timeoutMs), available: () => true };
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
