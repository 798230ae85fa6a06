/**
 * The shared cache layer (Redis) behind the Redis guard (`infra/redis-guard.ts`: timeout +
 * breaker): while it is open the layer's operations fail at once, which the cache turns into
 * misses and L1-only writes.
 */
import type { Keyv } from 'cacheable';
import { DEFAULT_GUARD, redisGuard, type GuardOptions } from '../infra/redis-guard';

export { DEFAULT_GUARD, type GuardOptions };

/** The Keyv methods the two-layer cache calls on its secondary layer: each goes through the guard. */
const GUARDED = new Set(['get', 'getMany', 'getRaw', 'getManyRaw', 'set', 'setMany', 'has', 'hasMany', 'delete', 'deleteMany', 'clear']);

export interface GuardedLayer {
  keyv: Keyv;
  /** False while the layer is skipped. */
  available(): boolean;
}

/**
 * `layer` behind the guard. `firstConnect`, when given, settles once the layer's first connection
 * attempt has (connected, failed, or given up): operations that arrive before then wait for it
 * before their own timeout starts — opening a socket on a busy host is not a slow Redis, and must
 * not trip the breaker of a fresh instance (as `RedisConnection` does for the stores).
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
