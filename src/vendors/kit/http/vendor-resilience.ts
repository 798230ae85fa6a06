/**
 * One instance per vendor client:
 *
 *   call ─▶ retry (reads only) ─▶ circuit breaker ─▶ concurrency cap ─▶ rate limit ─▶ attempt
 *
 * - A call, retries and waits included, never takes longer than `timeoutMs`.
 * - Reads only are retried: a repeated write may create a second session. A retry is not made when
 *   it would not fit the budget, nor after a `Retry-After` longer than `backoffMaxMs`: the client
 *   gets VENDOR_RATE_LIMITED with `retryAfterSeconds` at once instead of a request held that long.
 * - The breaker counts only the vendor's failures (5xx, timeouts, connection errors): a 4xx, a
 *   refusal or a 429 is the vendor working as documented. While open, nothing is sent, so no
 *   `outcomeUnknown`.
 * - Rate limit: the vendor's documented budget per minute (HeyMilo 300, Evalyo by plan), a window
 *   of 60 s; a call that cannot get a token within its budget fails without calling the vendor.
 * - Shared (vendor-coordination.ts): with Redis, the budget is one for every replica, a breaker
 *   opened by one holds the others' open, and a pause the vendor asked for (`pause`) is kept by all.
 */
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  type IDisposable,
  CountBreaker,
  DelegateBackoff,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IBreaker,
} from 'cockatiel';
import type { Provider } from '../../../domain/provider';
import { ErrorCode } from '../../../errors/error-code';
import { VendorError, type VendorErrorCode } from '../../../errors/vendor.error';
import { currentRequest } from '../../../observability/request-context';
import { VendorCoordination } from './vendor-coordination';

export interface ResilienceSettings {
  /** Most retries of one read (ARCHITECTURE §7: 2). 0 turns retries off. */
  maxRetries: number;
  /** First backoff step in ms; each retry doubles it (jittered), up to `backoffMaxMs`, the longest wait before a retry (a longer `Retry-After` is not waited for). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  breaker: {
    /** Opens after this many failures in a row. */
    consecutiveFailures: number;
    /** … or when more than this fraction (0–1, exclusive) of the last `minimumCalls` calls failed. */
    failureRate: number;
    minimumCalls: number;
    /** How long it stays open before a probe, in ms. */
    halfOpenAfterMs: number;
  };
  /** Calls in flight to this vendor at most; more wait in a queue of at most `maxQueued`. */
  maxConcurrent: number;
  maxQueued: number;
  /** The vendor's request budget per minute (per API key); null: unlimited. */
  rateLimitPerMinute: number | null;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  maxRetries: 2,
  backoffBaseMs: 100,
  backoffMaxMs: 2_000,
  breaker: { consecutiveFailures: 5, failureRate: 0.5, minimumCalls: 20, halfOpenAfterMs: 30_000 },
  maxConcurrent: 32,
  maxQueued: 1_000,
  rateLimitPerMinute: null,
};

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** What `providers { health }` shows of the policies. */
export interface ResilienceSnapshot {
  breaker: BreakerState;
  /** Requests left in the current minute's budget, as this replica last saw it; null when unlimited. */
  rateLimitRemaining: number | null;
  rateLimitPerMinute: number | null;
  inFlight: number;
  queued: number;
}

/** What an attempt is told: how long it may take, in ms. */
export interface Attempt {
  timeoutMs: number;
}

/** Share of the rate budget background work leaves to requests (the sync waits rather than spend it). */
export const BACKGROUND_RESERVE = 0.25;
/** Background calls waiting for their lane (a sync step queues at most a batch of ~100). */
const BACKGROUND_QUEUE = 100_000;

/** Upstream errors that mean the vendor is failing (they count against the breaker). */
const VENDOR_FAILURES = new Set<ErrorCode>([ErrorCode.VENDOR_UNAVAILABLE, ErrorCode.VENDOR_TIMEOUT]);

/** HTTP statuses a read is retried on (ARCHITECTURE §7). */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** An attempt shorter than this is not worth starting, in ms. */
const MIN_ATTEMPT_MS = 50;

/** The longest pause a vendor's headers can impose, in ms (a wrong or hostile header must not silence a vendor for hours). */
const MAX_PAUSE_MS = 10 * 60_000;

export class VendorResilience {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  /** Background calls (no request being served) go through this first: half the concurrency at most. */
  private readonly backgroundLane: BulkheadPolicy;
  private readonly coordination: VendorCoordination;
  /** The budget as last seen: `remaining` until `until` (epoch ms), the whole budget after. */
  private budgetSeen: { remaining: number; until: number } | null = null;
  /** Held while another replica's breaker is open. */
  private following: { handle: IDisposable; until: number; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly provider: Provider,
    private readonly timeoutMs: number,
    private readonly settings: ResilienceSettings = DEFAULT_RESILIENCE,
    coordination?: VendorCoordination,
    private readonly random: () => number = Math.random,
  ) {
    const b = settings.breaker;
    this.coordination = coordination ?? new VendorCoordination({ key: `local:${provider}`, redis: null, budgetPerMinute: settings.rateLimitPerMinute });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof VendorError && VENDOR_FAILURES.has(error.code)),
      {
        halfOpenAfter: b.halfOpenAfterMs,
        breaker: new EitherBreaker(new ConsecutiveBreaker(b.consecutiveFailures), new CountBreaker({ threshold: b.failureRate, size: b.minimumCalls })),
      },
    );
    // Tell the other replicas: opened by our own failures (not held open after theirs), closed by our probe.
    let previous = CircuitState.Closed;
    this.breaker.onStateChange((state) => {
      if (state === CircuitState.Open) void this.coordination.breakerOpened(Date.now() + b.halfOpenAfterMs);
      else if (state === CircuitState.Closed && previous === CircuitState.HalfOpen) void this.coordination.breakerClosed();
      previous = state;
    });
    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
    this.backgroundLane = bulkhead(Math.max(1, Math.floor(settings.maxConcurrent / 2)), BACKGROUND_QUEUE);
  }

  /**
   * The vendor asked for a pause (a 429's `Retry-After`, rate-limit headers at 0): no call before
   * `until` (epoch ms) from any replica. Capped at MAX_PAUSE_MS.
   */
  pause(until: number): Promise<void> {
    return this.coordination.pause(Math.min(until, Date.now() + MAX_PAUSE_MS));
  }

  /** Errors made here (circuit open, budget or queue exhausted, budget spent waiting) sent nothing. */
  async run<T>(kind: 'read' | 'write', route: string, attempt: (a: Attempt) => Promise<T>): Promise<T> {
    // Background work (the identity sync) gets half the concurrency at most and never the last
    // share of the rate budget, so a large account's sync never makes a user's request wait.
    if (currentRequest() === undefined) {
      return this.backgroundLane.execute(async () => {
        await this.backgroundBudget();
        return this.runNow(kind, route, attempt);
      });
    }
    return this.runNow(kind, route, attempt);
  }

  private async runNow<T>(kind: 'read' | 'write', route: string, attempt: (a: Attempt) => Promise<T>): Promise<T> {
    const deadline = performance.now() + this.timeoutMs;
    const once = () => this.guarded(route, deadline, attempt);
    if (kind === 'write' || this.settings.maxRetries === 0) return once();

    let nextDelayMs = 0;
    const policy = retry(
      handleWhen((error) => {
        if (!retryable(error)) return false;
        nextDelayMs = this.delayBefore(error, nextDelayMs);
        // A vendor asking for a long pause gets it from the client (retryAfterSeconds), not from a held request.
        if (nextDelayMs > this.settings.backoffMaxMs) return false;
        // Only when the wait and a useful attempt still fit in the budget.
        return performance.now() + nextDelayMs + MIN_ATTEMPT_MS < deadline;
      }),
      { maxAttempts: this.settings.maxRetries, backoff: new DelegateBackoff(() => nextDelayMs) },
    );
    return policy.execute(once);
  }

  snapshot(): ResilienceSnapshot {
    const limit = this.settings.rateLimitPerMinute;
    const seen = this.budgetSeen;
    return {
      breaker: BREAKER_STATE[this.breaker.state],
      rateLimitRemaining: limit === null ? null : seen && Date.now() < seen.until ? seen.remaining : limit,
      rateLimitPerMinute: this.settings.rateLimitPerMinute,
      inFlight: this.settings.maxConcurrent - this.bulkhead.executionSlots,
      queued: this.settings.maxQueued - this.bulkhead.queueSlots,
    };
  }

  /** Waits (outside any call's timeout) until the budget holds more than the share kept for requests. */
  private async backgroundBudget(): Promise<void> {
    const limit = this.settings.rateLimitPerMinute;
    if (!limit) return;
    const floor = Math.floor(limit * BACKGROUND_RESERVE) + 1;
    for (;;) {
      const left = await this.coordination.left();
      if (!left || left.remaining >= floor) return;
      this.saw(left);
      await sleep(Math.max(20, left.msBeforeNext));
    }
  }

  /** One attempt through breaker, bulkhead and budget, with what is left of the time budget. */
  private async guarded<T>(route: string, deadline: number, attempt: (a: Attempt) => Promise<T>): Promise<T> {
    try {
      await this.follow(route, deadline);
      return await this.breaker.execute(() =>
        this.bulkhead.execute(async () => {
          await this.takeToken(route, deadline);
          const timeoutMs = Math.floor(deadline - performance.now());
          if (timeoutMs < MIN_ATTEMPT_MS) throw this.local(ErrorCode.VENDOR_TIMEOUT, route, 'budget spent waiting for the vendor');
          return attempt({ timeoutMs });
        }),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw this.local(ErrorCode.VENDOR_UNAVAILABLE, route, 'circuit open: recent calls failed', { extensions: { circuitOpen: true } });
      }
      if (error instanceof BulkheadRejectedError) throw this.local(ErrorCode.VENDOR_RATE_LIMITED, route, 'too many calls queued for this vendor');
      throw error;
    }
  }

  private async takeToken(route: string, deadline: number): Promise<void> {
    for (;;) {
      const verdict = await this.coordination.take();
      if (verdict.allowed) {
        if (this.coordination.budget) this.saw(verdict);
        return;
      }
      this.saw(verdict);
      if (performance.now() + verdict.msBeforeNext + MIN_ATTEMPT_MS >= deadline) {
        throw this.local(ErrorCode.VENDOR_RATE_LIMITED, route, `the vendor's budget of ${this.settings.rateLimitPerMinute} requests per minute is spent`, {
          retryAfterSeconds: Math.max(1, Math.ceil(verdict.msBeforeNext / 1000)),
        });
      }
      await sleep(verdict.msBeforeNext);
    }
  }

  private saw(verdict: { remaining: number; msBeforeNext: number }): void {
    this.budgetSeen = { remaining: verdict.remaining, until: Date.now() + verdict.msBeforeNext };
  }

  /**
   * What the other replicas know: their open breaker holds ours open until it would probe again
   * (a successful probe anywhere releases it); a pause the vendor asked for is waited out when it
   * fits the time budget, else the client is told when to come back.
   */
  private async follow(route: string, deadline: number): Promise<void> {
    const state = await this.coordination.state();
    const now = Date.now();
    const openUntil = state.breakerOpenUntil !== null && state.breakerOpenUntil > now ? state.breakerOpenUntil : null;
    if (openUntil !== null && (this.following || this.breaker.state === CircuitState.Closed)) {
      if (!this.following || openUntil > this.following.until) {
        const handle = this.following?.handle ?? this.breaker.isolate();
        if (this.following) clearTimeout(this.following.timer);
        const timer = setTimeout(() => this.unfollow(), openUntil - now);
        timer.unref();
        this.following = { handle, until: openUntil, timer };
      }
    } else if (openUntil === null && this.following) {
      this.unfollow();
    }
    if (state.pausedUntil === null) return;
    const waitMs = state.pausedUntil - now;
    if (waitMs > this.settings.backoffMaxMs || performance.now() + waitMs + MIN_ATTEMPT_MS >= deadline) {
      throw this.local(ErrorCode.VENDOR_RATE_LIMITED, route, 'the vendor asked for a pause', { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
    }
    await sleep(waitMs);
  }

  private unfollow(): void {
    if (!this.following) return;
    clearTimeout(this.following.timer);
    this.following.handle.dispose();
    this.following = null;
  }

  /** The wait before the next retry: the vendor's `Retry-After`, else jittered doubling. */
  private delayBefore(error: unknown, previousMs: number): number {
    const retryAfter = error instanceof VendorError ? error.extensions.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') return retryAfter * 1000;
    const { backoffBaseMs, backoffMaxMs } = this.settings;
    // "Full jitter" over a doubling ceiling (AWS architecture blog): spreads retries of many clients.
    const ceiling = Math.min(backoffMaxMs, Math.max(backoffBaseMs, previousMs * 2));
    return Math.round(backoffBaseMs / 2 + this.random() * (ceiling - backoffBaseMs / 2));
  }

  /** `detail.local`, so it is never retried. */
  private local(
    code: VendorErrorCode,
    route: string,
    reason: string,
    options: { extensions?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ): VendorError {
    const { extensions = {}, retryAfterSeconds } = options;
    return new VendorError(code, this.provider, { detail: { route, reason, local: true, ...extensions }, extensions, retryAfterSeconds });
  }
}

const BREAKER_STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'CLOSED',
  [CircuitState.Open]: 'OPEN',
  [CircuitState.HalfOpen]: 'HALF_OPEN',
  [CircuitState.Isolated]: 'OPEN',
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Whether a failed read is worth another try (see the header). */
function retryable(error: unknown): boolean {
  if (!(error instanceof VendorError)) return false;
  if (error.detail?.local === true) return false; // made here: nothing reached the vendor
  const status = typeof error.detail?.status === 'number' ? error.detail.status : null;
  if (status !== null) return RETRY_STATUSES.has(status);
  // No answer at all: a refused or reset connection is worth one more try; a timeout spent the budget.
  return error.code === ErrorCode.VENDOR_UNAVAILABLE;
}

/** Opens when either breaker would: consecutive failures, or a failure rate over a window. */
class EitherBreaker implements IBreaker {
  constructor(
    private readonly first: IBreaker,
    private readonly second: IBreaker,
  ) {}

  get state(): unknown {
    return [this.first.state, this.second.state];
  }

  set state(value: unknown) {
    const [a, b] = value as [unknown, unknown];
    this.first.state = a;
    this.second.state = b;
  }

  success(state: CircuitState): void {
    this.first.success(state);
    this.second.success(state);
  }

  failure(state: CircuitState): boolean {
    // Both see every failure, so each keeps its own count whichever trips.
    const a = this.first.failure(state);
    const b = this.second.failure(state);
    return a || b;
  }
}
