import type { FastifyInstance } from 'fastify';
import type { Cache } from '../cache/cache';
import type { Provider } from '../domain/provider';
import type { VendorRegistry } from '../vendors/vendor-registry';

/** Whether the read model is complete enough to take traffic (see `/readyz`). */
export interface IndexReadiness {
  /** Configured vendors whose first whole sync pass has not finished (any tenant); empty when all have. */
  incomplete: Provider[];
  /** True while `/readyz` should still wait for them (the sync runs and its wait has not run out). */
  waiting: boolean;
}

/**
 * `/healthz`: the process is alive (always 200 while it serves HTTP).
 * `/readyz`: ready for traffic (the schema is built before the server listens). While the
 * background sync runs its first whole pass, 503 with `status: "indexing"` and `indexIncomplete`
 * (the cross-vendor feeds would miss interviews), for at most `READY_INDEX_WAIT_SECONDS`; after
 * that 200 with `indexIncomplete` still listed. A Redis or vendor outage does not make the
 * instance unready — it still serves from memory and the other vendors, and taking every instance
 * out of rotation would turn a degradation into an outage — so it answers 200 with
 * `status: "degraded"` and the details in the body.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { cache: Cache; registries: () => readonly VendorRegistry[]; index: () => Promise<IndexReadiness | null> },
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const index = await deps.index();
    const cache = await deps.cache.status();
    // Per vendor over every tenant: configured anywhere, and the worst health (no tenant is named:
    // this route answers without authentication).
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
