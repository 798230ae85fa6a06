/**
 * Shares one in-flight vendor fetch per cache key across concurrent requests of this instance, so
 * N simultaneous misses for one key make one vendor call. Entries live only while the fetch runs.
 * One instance per app (never module-level: tests and tenants get their own).
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The running fetch for `key`, if any. */
  join<T>(key: string): Promise<T> | undefined {
    return this.inFlight.get(key) as Promise<T> | undefined;
  }

  /**
   * Registers a fetch for `key` that the caller will settle. Other callers `join` it until then.
   * The returned promise never causes an unhandled rejection by itself.
   */
  lead<T>(key: string): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined);
    this.inFlight.set(key, promise);
    const settle = () => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    };
    return {
      promise,
      resolve: (value) => {
        settle();
        resolve(value);
      },
      reject: (error) => {
        settle();
        reject(error);
      },
    };
  }

  /** Runs `fn` once for concurrent callers of the same key. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.join<T>(key);
    if (running) return running;
    const flight = this.lead<T>(key);
    try {
      const value = await fn();
      flight.resolve(value);
      return value;
    } catch (error) {
      flight.reject(error);
      throw error;
    }
  }

  get size(): number {
    return this.inFlight.size;
  }
}
