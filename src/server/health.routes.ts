import type { FastifyInstance } from 'fastify';
import type { Cache } from '../cache/cache';
import type { Provider } from '../domain/provider';
import type { VendorRegistry } from '../vendors/vendor-registry';

export interface IndexReadiness {
  /** Vendors whose first whole sync pass has not finished, in any tenant. */
  incomplete: Provider[];
  waiting: boolean;
}

/**
 * `/readyz` is 503 during the first sync pass (feeds would miss interviews), for a bounded wait. A
 * Redis or vendor outage stays 200 "degraded": pulling every instance would turn it into an outage.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { cache: Cache; registries: () => readonly VendorRegistry[]; index: () => Promise<IndexReadiness | null> },
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const index = await deps.index();
    const cache = await deps.cache.status();
    // Over every tenant, none named: this route answers without authentication.
    const registries = deps.registries();
    const vendors = Object.fromEntries(
      registries[0].descriptors.map((d) => {
        const modes = registries.map((r) => r.mode(d.provider));
        const health = registries.map((r) => r.tryGet(d.provider)?.health().status).filter((h) => h !== undefined);
        return [d.provider, { mode: modes.find((m) => m !== 'NOT_CONFIGURED') ?? 'NOT_CONFIGURED', health: worst(health) }];
      }),
    );
    const indexIncomplete = index && index.incomplete.length > 0 ? { indexIncomplete: index.incomplete } : {};
    if (index?.waiting) return reply.code(503).send({ status: 'indexing', ...indexIncomplete, cache, vendors });
    const degraded = cache.redisReachable === false || cache.redisInUse === false || Object.values(vendors).some((v) => v.health === 'DOWN');
    return reply.code(200).send({ status: degraded ? 'degraded' : 'ready', ...indexIncomplete, cache, vendors });
  });
}

const ORDER = ['UP', 'DEGRADED', 'DOWN'];

function worst(statuses: readonly string[]): string | null {
  return statuses.reduce<string | null>((acc, s) => (acc === null || ORDER.indexOf(s) > ORDER.indexOf(acc) ? s : acc), null);
}
