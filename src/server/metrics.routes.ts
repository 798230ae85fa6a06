import type { FastifyInstance } from 'fastify';
import { bearerToken } from '../auth/authenticator';
import { sameSecret } from '../infra/secret';
import type { GatewayMetrics } from '../observability/metrics';

/** Open unless METRICS_TOKEN is set: it names tenants and providers, never a secret. */
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
