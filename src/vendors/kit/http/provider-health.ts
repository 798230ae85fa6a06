import type { ErrorCode } from '../../../errors/error-code';
import type { ResilienceSnapshot } from './vendor-resilience';

/** Health of one vendor as this gateway instance has seen it. Timestamps are ISO-8601. */
export interface ProviderHealth {
  /**
   * `UP` until a call fails; `DEGRADED` after a failure; `DOWN` after 5 failures in a row or
   * while the circuit breaker is open (calls fail fast without reaching the vendor).
   */
  status: 'UP' | 'DEGRADED' | 'DOWN';
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: ErrorCode | null;
  consecutiveFailures: number;
  /** The circuit breaker: CLOSED (calls go through), OPEN (failing fast), HALF_OPEN (one probe). */
  breaker: ResilienceSnapshot['breaker'];
  /** Requests left of the vendor's per-minute budget; null when it has none. */
  rateLimitRemaining: number | null;
  rateLimitPerMinute: number | null;
  /** Calls to the vendor in flight, and waiting for a slot (concurrency cap). */
  inFlight: number;
  queued: number;
}

/** Consecutive failures after which a vendor is reported DOWN (matches the breaker default). */
export const DOWN_AFTER_FAILURES = 5;

type CallRecord = Pick<ProviderHealth, 'lastSuccessAt' | 'lastErrorAt' | 'lastErrorCode' | 'consecutiveFailures'>;

const NO_POLICIES: ResilienceSnapshot = { breaker: 'CLOSED', rateLimitRemaining: null, rateLimitPerMinute: null, inFlight: 0, queued: 0 };

/** Tracks call outcomes for one vendor; cheap enough to call on every response (times are formatted when read). */
export class ProviderHealthTracker {
  private lastSuccess: Date | null = null;
  private lastError: Date | null = null;
  private lastErrorCode: ErrorCode | null = null;
  private consecutiveFailures = 0;

  constructor(
    /** The vendor's policies (breaker, rate limit), read at snapshot time. */
    private readonly policies: () => ResilienceSnapshot = () => NO_POLICIES,
    private readonly now: () => Date = () => new Date(),
  ) {}

  recordSuccess(): void {
    this.lastSuccess = this.now();
    this.consecutiveFailures = 0;
  }

  recordFailure(code: ErrorCode): void {
    this.lastError = this.now();
    this.lastErrorCode = code;
    this.consecutiveFailures += 1;
  }

  snapshot(): ProviderHealth {
    const policies = this.policies();
    const failures = this.consecutiveFailures;
    const status =
      policies.breaker === 'OPEN' || failures >= DOWN_AFTER_FAILURES ? 'DOWN' : failures > 0 || policies.breaker === 'HALF_OPEN' ? 'DEGRADED' : 'UP';
    const record: CallRecord = {
      lastSuccessAt: this.lastSuccess?.toISOString() ?? null,
      lastErrorAt: this.lastError?.toISOString() ?? null,
      lastErrorCode: this.lastErrorCode,
      consecutiveFailures: failures,
    };
    return { ...record, status, ...policies };
  }
}
