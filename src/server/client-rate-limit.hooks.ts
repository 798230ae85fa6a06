/**
 * Per-client request budget on `/graphql`: N requests a minute per API key or JWT subject
 * (`Principal.scope`), per IP for open access, counted in Redis so the replicas behind a load
 * balancer share it. Past it: 429 with `Retry-After` and the GraphQL error shape, before parsing
 * and before the response cache (a hit is a request too).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { clientOf } from '../auth/principal';
import { ErrorCode } from '../errors/error-code';
import type { RedisConnection } from '../infra/redis-connection';
import { SharedLimiter } from '../infra/shared-limiter';
import { oncePer } from '../observability/once-per';

export interface ClientRateLimitOptions {
  perMinute: number;
  redis: RedisConnection | null;
  logger: Logger;
  onLimited?: () => void;
}

export function clientRateLimit(options: ClientRateLimitOptions) {
  const warnRedis = oncePer(10_000);
  const limiter = new SharedLimiter({
    keyPrefix: 'ig:client-rate:v1',
    points: options.perMinute,
    windowSeconds: 60,
    redis: options.redis,
    // A flood is refused here until its window ends, without a Redis round trip per request.
    remember: true,
    onRedisError: (error) => {
      if (!warnRedis()) return;
      options.logger.warn({ err: error }, 'Redis did not answer: client rate limits are counted per replica until it does');
    },
  });

  return async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const principal = request.principal;
    // A WebSocket upgrade authenticates later (connection_init); its limits are the connection caps.
    if (!principal) return undefined;
    const verdict = await limiter.consume(clientOf(principal, request.ip));
    if (verdict.allowed) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));
    options.onLimited?.();
    request.log.info({ client: principal.via === 'open' ? 'ip' : principal.clientId, retryAfterSeconds }, 'request refused: client rate limit');
    return reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .type('application/json; charset=utf-8')
      .send({
        errors: [
          {
            message: `Too many requests: this client's budget of ${options.perMinute} requests a minute is spent; retry in ${retryAfterSeconds} s.`,
            extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds },
          },
        ],
      });
  };
}
