/**
 * What the replicas serving one vendor account share, so N replicas behave towards the vendor as one:
 *
 * - **the request budget** (the vendor's N a minute, per API key): one rate-limiter-flexible
 *   window in Redis for every replica;
 * - **the breaker**: a replica whose breaker opens says so (`…:breaker`, until it would probe
 *   again); the others hold theirs open until then, and a successful probe anywhere lifts it;
 * - **a pause the vendor asked for** (`Retry-After` on a 429, Evalyo's `X-RateLimit-Remaining: 0`
 *   until `X-RateLimit-Reset`): every replica waits it out instead of each earning its own 429.
 *
 * The breaker and the pause are read at most every `STATE_REFRESH_MS` (one MGET), so what one replica
 * learns reaches the others within that. Without Redis (or while it cannot answer) all of it is this
 * process's, as with one replica.
 */
import type { RedisClient, RedisConnection } from '../../../infra/redis-connection';
import { type LimiterVerdict, SharedLimiter } from '../../../infra/shared-limiter';

/** How stale the shared breaker and pause may be when a call starts, in ms. */
export const STATE_REFRESH_MS = 500;

export interface SharedVendorState {
  /** Another replica's breaker is open until then (epoch ms); null: none known. */
  breakerOpenUntil: number | null;
  /** No call before then (epoch ms): the vendor asked for a pause; null: none. */
  pausedUntil: number | null;
}

export interface VendorCoordinationOptions {
  /** `ig:vendor:v1:<tenant>:<provider>:<account scope>`. */
  key: string;
  /** Null: this process only. */
  redis: RedisConnection | null;
  /** The vendor's budget per minute; null: unlimited. */
  budgetPerMinute: number | null;
  /** The budget's window (default 60 s: the vendors document theirs per minute); the budget is prorated. */
  windowSeconds?: number;
  /** Told when Redis could not answer (the local view served instead). */
  onRedisError?: (error: unknown) => void;
  now?: () => number;
}

const NOTHING: SharedVendorState = { breakerOpenUntil: null, pausedUntil: null };

export class VendorCoordination {
  /** Null when the vendor has no budget. */
  readonly budget: SharedLimiter | null;
  /** This replica's name in what it announces, so it does not follow itself. */
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  private readonly now: () => number;
  private localPause: number | null = null;
  private known: SharedVendorState = NOTHING;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<SharedVendorState> | null = null;

  constructor(private readonly options: VendorCoordinationOptions) {
    this.now = options.now ?? Date.now;
    const windowSeconds = options.windowSeconds ?? 60;
    this.budget = options.budgetPerMinute
      ? new SharedLimiter({
          keyPrefix: `${options.key}:budget`,
          points: Math.max(1, Math.floor((options.budgetPerMinute * windowSeconds) / 60)),
          windowSeconds,
          redis: options.redis,
          onRedisError: options.onRedisError,
        })
      : null;
  }

  /** Whether another replica can hear of this one (Redis configured). */
  get shared(): boolean {
    return this.options.redis !== null;
  }

  /** One request's worth of the budget; `allowed: true` with no budget. */
  take(): Promise<LimiterVerdict> {
    if (!this.budget) return Promise.resolve({ allowed: true, remaining: Number.POSITIVE_INFINITY, msBeforeNext: 0, consumed: 0, shared: false });
    return this.budget.consume('calls');
  }

  /** What is left of the budget without spending any; null with no budget. */
  left(): Promise<LimiterVerdict | null> {
    return this.budget ? this.budget.peek('calls') : Promise.resolve(null);
  }

  /** The shared breaker and pause, at most `STATE_REFRESH_MS` old; this process's pause included. */
  async state(): Promise<SharedVendorState> {
    const { redis } = this.options;
    if (redis && this.now() - this.readAt >= STATE_REFRESH_MS) {
      this.reading ??= this.read(redis).finally(() => {
        this.reading = null;
      });
      await this.reading;
    }
    const pausedUntil = Math.max(this.localPause ?? 0, this.known.pausedUntil ?? 0);
    return { breakerOpenUntil: this.known.breakerOpenUntil, pausedUntil: pausedUntil > this.now() ? pausedUntil : null };
  }

  /** No call to this vendor account before `until` (epoch ms), on any replica. */
  async pause(until: number): Promise<void> {
    const ms = Math.ceil(until - this.now());
    if (ms <= 0) return;
    this.localPause = Math.max(this.localPause ?? 0, until);
    await this.write((client) => client.set(`${this.options.key}:pause`, String(until), { PX: ms }));
  }

  /** This replica's breaker opened: the others hold theirs open until `until`. */
  async breakerOpened(until: number): Promise<void> {
    const ms = Math.ceil(until - this.now());
    if (ms <= 0) return;
    await this.write((client) => client.set(`${this.options.key}:breaker`, `${this.origin} ${until}`, { PX: ms }));
  }

  /** A probe got through: the vendor answers again, for every replica. */
  async breakerClosed(): Promise<void> {
    this.known = { ...this.known, breakerOpenUntil: null };
    await this.write((client) => client.del(`${this.options.key}:breaker`));
  }

  private async read(redis: RedisConnection): Promise<SharedVendorState> {
    try {
      const [breaker, pause] = await redis.run((client) => client.mGet([`${this.options.key}:breaker`, `${this.options.key}:pause`]));
      this.known = { breakerOpenUntil: this.othersBreaker(breaker), pausedUntil: epoch(pause) };
    } catch (error) {
      // Unknown is not "closed": what was last heard holds until it expires by itself.
      this.options.onRedisError?.(error);
    }
    this.readAt = this.now();
    return this.known;
  }

  private othersBreaker(value: string | null | undefined): number | null {
    if (!value) return null;
    const [origin, until] = value.split(' ');
    return origin === this.origin ? null : epoch(until);
  }

  private async write(operation: (client: RedisClient) => Promise<unknown>): Promise<void> {
    const { redis } = this.options;
    if (!redis) return;
    try {
      await redis.run(operation);
    } catch (error) {
      this.options.onRedisError?.(error);
    }
  }
}

function epoch(value: string | null | undefined): number | null {
  const n = Number(value);
  return value && Number.isFinite(n) ? n : null;
}
