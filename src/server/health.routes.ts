import type { FastifyInstance } from 'fastify';
import type { Cache } from '../cache/cache';
import type { VendorRegistry } from '../vendors/vendor-registry';

/**
 * `/healthz`: the process is alive (always 200 while it serves HTTP).
 * `/readyz`: ready for traffic (the schema is built before the server listens). A Redis or vendor
 * outage does not make the instance unready — it still serves from memory and the other vendors,
 * and taking every instance out of rotation would turn a degradation into an outage — so it
 * answers 200 with `status: "degraded"` and the details in the body.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { cache: Cache; registry: VendorRegistry }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const cache = await deps.cache.status();
    const vendors = Object.fromEntries(
      deps.registry.descriptors.map((d) => [d.provider, { mode: deps.registry.mode(d.provider), health: deps.registry.tryGet(d.provider)?.health().status ?? null }]),
    );
    const degraded = cache.redisReachable === false || cache.redisInUse === false || Object.values(vendors).some((v) => v.health === 'DOWN');
    return reply.code(200).send({ status: degraded ? 'degraded' : 'ready', cache, vendors });
  });
}
