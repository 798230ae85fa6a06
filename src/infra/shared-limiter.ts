/**
 * N points per window for each key, counted by rate-limiter-flexible: in Redis, so every replica
 * spends one budget, or in this process without Redis. While Redis cannot answer (the guard of its
 * connection: a short timeout, then a breaker), this process counts alone, so a Redis outage costs
 * the budget's precision, never a request.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisConnection } from './redis-connection';

export interface LimiterVerdict {
  allowed: boolean;
  /** Points left in the current window. */
  remaining: number;
  /** Until the window ends (or the block is lifted), in ms. */
  msBeforeNext: number;
  /** Points consumed in the current window, this one included. */
  consumed: number;
  /** Whether Redis counted it (false: this process alone). */
  shared: boolean;
}

export interface SharedLimiterOptions {
  /** Redis key prefix, e.g. `ig:vendor:v1:<tenant>:<provider>:<scope>`. */
  keyPrefix: string;
  points: number;
  windowSeconds: number;
  /** Null: this process only. */
  redis: RedisConnection | null;
  /** Keys past their budget are refused here until the window ends, without asking Redis again. */
  remember?: boolean;
  /** Told each time Redis could not answer (the local count served instead). */
  onRedisError?: (error: unknown) => void;
}

export class SharedLimiter {
  private readonly local: RateLimiterMemory;
  private shared: RateLimiterRedis | null = null;

  constructor(private readonly options: SharedLimiterOptions) {
    this.local = new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.windowSeconds });
  }

  get points(): number {
    return this.options.points;
  }

  async consume(key: string, points = 1): Promise<LimiterVerdict> {
    // Settled inside: an over-budget answer is an answer, not a Redis failure for the guard to count.
    const { value, shared } = await this.counted((limiter) => settle(limiter.consume(key, points)));
    return verdict(value, shared);
  }

  /** The current window without spending from it. */
  async peek(key: string): Promise<LimiterVerdict> {
    const { value, shared } = await this.counted((limiter) => limiter.get(key));
    return this.seen(value, shared);
  }

  /** `operation` on the Redis limiter when Redis answers, else on this process's. */
  private async counted<T>(operation: (limiter: RateLimiterRedis | RateLimiterMemory) => Promise<T>): Promise<{ value: T; shared: boolean }> {
    const { redis } = this.options;
    if (redis) {
      try {
        return { value: await redis.run((client) => operation(this.redisLimiter(client))), shared: true };
      } catch (error) {
        this.options.onRedisError?.(error);
      }
    }
    return { value: await operation(this.local), shared: false };
  }

  private seen(res: RateLimiterRes | null, shared: boolean): LimiterVerdict {
    if (!res) return { allowed: true, remaining: this.options.points, msBeforeNext: 0, consumed: 0, shared };
    return { allowed: res.remainingPoints > 0, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext, consumed: res.consumedPoints, shared };
  }

  private redisLimiter(client: unknown): RateLimiterRedis {
    this.shared ??= new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: this.options.keyPrefix,
      points: this.options.points,
      duration: this.options.windowSeconds,
      ...(this.options.remember ? { inMemoryBlockOnConsumed: this.options.points + 1 } : {}),
    });
    return this.shared;
  }
}

/** rate-limiter-flexible rejects with its result when over budget, and with an Error when the store failed. */
async function settle(consumed: Promise<RateLimiterRes>): Promise<{ res: RateLimiterRes; allowed: boolean }> {
  try {
    return { res: await consumed, allowed: true };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return { res: outcome, allowed: false };
    throw outcome;
  }
}

function verdict({ res, allowed }: { res: RateLimiterRes; allowed: boolean }, shared: boolean): LimiterVerdict {
  return { allowed, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext, consumed: res.consumedPoints, shared };
}
