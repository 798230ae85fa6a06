import { createClient } from '@keyv/redis';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { DEFAULT_GUARD, redisGuard, STORE_GUARD, type GuardOptions, type RedisGuard } from './redis-guard';

export type RedisClient = ReturnType<typeof createClient>;

const READY_TIMEOUT_MS = 1000;

/**
 * No offline queue: commands fail at once while disconnected instead of piling up, and every
 * operation runs under the guard, so a dead Redis is a quick failure and a stalled one a bounded delay.
 */
export class RedisConnection {
  private readonly client: RedisClient;
  private readonly guard: RedisGuard;
  private connecting: Promise<void> | null = null;
  /** Undefined before the first attempt, pending during it, null after it. */
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
   * Operations during the very first connection attempt wait for it before their guard's timeout
   * starts: opening a socket on a busy host must not count as a slow Redis and trip the breaker.
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

/** From a URL: the store's own, closed with it; a shared connection is closed by the app. */
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
