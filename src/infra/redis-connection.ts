import { createClient } from '@keyv/redis';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { DEFAULT_GUARD, redisGuard, STORE_GUARD, type GuardOptions, type RedisGuard } from './redis-guard';

export type RedisClient = ReturnType<typeof createClient>;

/** How long a call waits for a (re)connecting Redis before failing, in ms. */
const READY_TIMEOUT_MS = 1000;

/**
 * A Redis connection for the gateway's own data structures (identity index, webhook store,
 * idempotency keys, event publishing): no offline queue (commands fail at once while disconnected
 * instead of piling up), reconnects in the background with backoff capped at 500 ms, and every
 * operation (`run`) goes through its Redis guard — the stores' STORE_GUARD, at most 500 ms, and after
 * 5 failed or slow ones in a row none waits at all until a probe finds Redis back (the constructor's
 * default is the cache's stricter 250 ms / 3) — so a dead Redis surfaces as a quick failure the
 * caller turns into its typed error, and a stalled one as a bounded delay.
 */
export class RedisConnection {
  private readonly client: RedisClient;
  private readonly guard: RedisGuard;
  private connecting: Promise<void> | null = null;
  /** The first connection attempt: undefined before it, pending during it, null after it. */
  private firstConnect: Promise<void> | null | undefined;

  constructor(url: string, guard: GuardOptions = DEFAULT_GUARD) {
    this.guard = redisGuard(guard);
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 1000,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 500),
      },
    });
    this.client.on('error', () => undefined); // surfaced by the failing command instead
  }

  /**
   * One operation (any number of commands) on the connected client, under the guard. Operations
   * that arrive during the very first connection attempt wait for it (at most READY_TIMEOUT_MS)
   * before their own 250 ms start: opening a socket on a busy host must not count as a slow Redis
   * and trip the breaker. After that first attempt, reconnecting is inside the 250 ms.
   */
  run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.firstConnect === undefined) {
      // Settles when the client is ready, or at its first error (a refused port fails at once).
      let failed: () => void = () => undefined;
      const error = new Promise<void>((resolve) => {
        failed = resolve;
        this.client.once('error', failed);
      });
      this.firstConnect = Promise.race([this.ready(), error]).then(
        () => undefined,
        () => undefined,
      );
      void this.firstConnect.finally(() => {
        this.client.off('error', failed);
        this.firstConnect = null;
      });
    }
    if (this.firstConnect) return this.firstConnect.then(() => this.guarded(operation));
    return this.guarded(operation);
  }

  private guarded<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    return this.guard
      .execute(async () => operation(await this.ready()))
      .catch((error: unknown) => {
        // The guard's own refusals (timed out, breaker open) say the same as a refused connection.
        // (instanceof, not cockatiel's isTaskCancelledError: that one tests the bulkhead's flag.)
        if (error instanceof BrokenCircuitError || error instanceof TaskCancelledError) throw new Error('Redis is not reachable', { cause: error });
        throw error;
      });
  }

  /** Whether operations are attempted (false while the guard's breaker is open). */
  available(): boolean {
    return this.guard.available();
  }

  private async ready(): Promise<RedisClient> {
    if (this.client.isReady) return this.client;
    if (!this.client.isOpen) {
      this.connecting ??= this.client.connect().then(
        () => undefined,
        () => undefined,
      );
      void this.connecting.finally(() => {
        this.connecting = null;
      });
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.connecting, new Promise((resolve) => (timer = setTimeout(resolve, READY_TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (!this.client.isReady) throw new Error('Redis is not reachable');
    return this.client;
  }

  async close(): Promise<void> {
    try {
      if (this.client.isReady) await this.client.close();
      else if (this.client.isOpen) this.client.destroy();
    } catch {
      // closing a broken connection: nothing to flush
    }
  }
}

/**
 * A store's connection: its own, made from a URL and closed with the store, or one the app shares
 * between stores and tenants (one socket for all; the app closes it after them).
 */
export function storeConnection(
  redis: string | RedisConnection,
  guard: GuardOptions = STORE_GUARD,
): {
  connection: RedisConnection;
  close(): Promise<void>;
} {
  if (typeof redis !== 'string') return { connection: redis, close: async () => undefined };
  const connection = new RedisConnection(redis, guard);
  return { connection, close: () => connection.close() };
}
