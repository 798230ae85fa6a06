import type { FastifyInstance } from 'fastify';
import { bearerToken } from '../auth/authenticator';
import { sameSecret } from '../infra/secret';
import type { GatewayMetrics } from '../observability/metrics';

/**
 * `GET /metrics`: the Prometheus text exposition (prom-client). Open by default, like the health
 * probes (it names tenants and providers, never a secret); with METRICS_TOKEN set, a scrape must
 * send `Authorization: Bearer <token>` (401 otherwise).
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: GatewayMetrics, options: { token: string | null }): void {
  app.get('/metrics', async (request, reply) => {
    if (options.token !== null) {
      const bearer = bearerToken(request.headers.authorization);
      if (bearer === undefined || !sameSecret(bearer, options.token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: { code: 'UNAUTHENTICATED', message: 'Send the metrics token as Authorization: Bearer <token>.' } });
      }
    }
    return reply.type(metrics.contentType).send(await metrics.render());
  });
}
