/** N concurrent misses for one key make one vendor call. Never module-level: tests and tenants get their own. */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  join<T>(key: string): Promise<T> | undefined {
    return this.inFlight.get(key) as Promise<T> | undefined;
  }

  /** The caller must settle it; the promise never causes an unhandled rejection by itself. */
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
