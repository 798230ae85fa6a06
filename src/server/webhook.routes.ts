import type { FastifyInstance } from 'fastify';
import { parseProvider, type Provider } from '../domain/provider';
import type { WebhookRouter } from '../webhooks/webhook-router';

/** In bytes. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * 200 only once the delivery is stored; 422 for a payload the vendor's parser refuses; 503 with
 * Retry-After when it cannot be stored in time (Redis down past the budget, or the line full).
 */
export function registerWebhookRoutes(
  app: FastifyInstance,
  service: WebhookRouter,
  options: { onOutcome?: (provider: Provider | 'UNKNOWN', result: string) => void } = {},
): void {
  void app.register(async (scope) => {
    // Vendors send JSON; anything else (text/plain included) is 415, not parsed as a string.
    scope.removeContentTypeParser('text/plain');
    scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      const code = status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 400 ? 'MALFORMED_JSON' : 'INTERNAL_SERVER_ERROR';
      const message =
        status === 413
          ? `The body is over ${WEBHOOK_BODY_LIMIT} bytes.`
          : status === 415
            ? 'Send the webhook as application/json.'
            : status === 400
              ? 'The body is not valid JSON.'
              : 'The webhook could not be processed.';
      request.log.warn({ code, err: status >= 500 ? error : undefined }, 'webhook refused');
      options.onOutcome?.(parseProvider((request.params as { provider?: string }).provider ?? '') ?? 'UNKNOWN', code);
      return reply.code(status >= 400 && status < 600 ? status : 500).send({ error: { code, message } });
    });

    scope.post<{ Params: { provider: string; token: string } }>('/webhooks/:provider/:token', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (request, reply) => {
      const provider = parseProvider(request.params.provider);
      if (!provider) {
        options.onOutcome?.('UNKNOWN', 'NOT_FOUND');
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Unknown provider "${request.params.provider.slice(0, 40)}".` } });
      }
      const outcome = await service.handle(provider, request.params.token, request.body);
      options.onOutcome?.(provider, 'result' in outcome.body ? outcome.body.result : outcome.body.error.code);
      if (outcome.retryAfterSeconds !== undefined) void reply.header('retry-after', String(outcome.retryAfterSeconds));
      return reply.code(outcome.status).send(outcome.body);
    });
  });
}
