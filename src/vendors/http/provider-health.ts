import type { ErrorCode } from '../../errors/error-code';

/** Health of one vendor as this gateway instance has seen it. Timestamps are ISO-8601. */
export interface ProviderHealth {
  /** `UP` until a call fails; `DEGRADED` after a failure; `DOWN` after 5 failures in a row. */
  status: 'UP' | 'DEGRADED' | 'DOWN';
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: ErrorCode | null;
  consecutiveFailures: number;
}

/** Consecutive failures after which a vendor is reported DOWN (matches the breaker default). */
export const DOWN_AFTER_FAILURES = 5;

/** Tracks call outcomes for one vendor; cheap enough to call on every response. */
export class ProviderHealthTracker {
  private state: ProviderHealth = {
    status: 'UP',
    lastSuccessAt: null,
    lastErrorAt: null,
    lastErrorCode: null,
    consecutiveFailures: 0,
  };

  constructor(private readonly now: () => Date = () => new Date()) {}

  recordSuccess(): void {
    this.state = { ...this.state, status: 'UP', lastSuccessAt: this.now().toISOString(), consecutiveFailures: 0 };
  }

  recordFailure(code: ErrorCode): void {
    const consecutiveFailures = this.state.consecutiveFailures + 1;
    this.state = {
      ...this.state,
      status: consecutiveFailures >= DOWN_AFTER_FAILURES ? 'DOWN' : 'DEGRADED',
      lastErrorAt: this.now().toISOString(),
      lastErrorCode: code,
      consecutiveFailures,
    };
  }

  snapshot(): ProviderHealth {
    return { ...this.state };
  }
}
