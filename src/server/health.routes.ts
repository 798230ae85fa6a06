import type { FastifyInstance } from 'fastify';
import type { Cache } from '../cache/cache';
import type { VendorRegistry } from '../vendors/vendor-registry';

/**
 * `/healthz`: the process is alive (always 200 while it serves HTTP).
 * `/readyz`: ready for traffic — the schema is built and, when Redis is configured, it answers.
 * A vendor outage does not make the gateway unready (it still serves the other vendors); it is
 * reported in the body so operators see it.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { cache: Cache; registry: VendorRegistry }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const cache = await deps.cache.status();
    const vendors = Object.fromEntries(
      deps.registry.descriptors.map((d) => [d.provider, { mode: deps.registry.mode(d.provider), health: deps.registry.tryGet(d.provider)?.health().status ?? null }]),
    );
    const ready = cache.redisReachable !== false;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', cache, vendors });
  });
}
