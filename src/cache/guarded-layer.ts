/** While the breaker is open the layer fails at once, which the cache turns into misses and L1-only writes. */
import type { Keyv } from 'cacheable';
import { DEFAULT_GUARD, redisGuard, type GuardOptions } from '../infra/redis-guard';

export { DEFAULT_GUARD, type GuardOptions };

const GUARDED = new Set(['get', 'getMany', 'getRaw', 'getManyRaw', 'set', 'setMany', 'has', 'hasMany', 'delete', 'deleteMany', 'clear']);

export interface GuardedLayer {
  keyv: Keyv;
  available(): boolean;
}

/**
 * Operations before `firstConnect` settles wait for it before their timeout starts: opening a socket
 * on a busy host is not a slow Redis, and must not trip a fresh instance's breaker.
 */
export function guardLayer(layer: Keyv, options: GuardOptions = DEFAULT_GUARD, firstConnect?: Promise<void>): GuardedLayer {
  const guard = redisGuard(options);
  let connecting: Promise<void> | null = firstConnect ?? null;
  void connecting?.finally(() => (connecting = null));
  const keyv = new Proxy(layer, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !GUARDED.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const run = () => guard.execute(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        return connecting ? connecting.then(run) : run();
      };
    },
  });
  return { keyv, available: guard.available };
}
