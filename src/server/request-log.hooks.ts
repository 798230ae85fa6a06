import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type RequestContext, withRequestContext } from '../observability/request-context';

/**
 * One `info` line per request, when it is answered: method, URL (webhook tokens redacted by the
 * logger's serializer), status, `responseTime` in ms, and for GraphQL the operation, tenant, client,
 * vendor calls and error codes. Fastify's own two lines are off; the arrival is logged at `debug`.
 * Every line of the request carries its `reqId`, which the caller may send as `x-request-id`.
 */
export function registerRequestLog(server: FastifyInstance, options: { span?: (request: FastifyRequest) => Span | undefined } = {}): void {
  // The context lives in AsyncLocalStorage for the handlers; the response hook may run outside it.
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  server.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const context: RequestContext = { requestId: request.id, vendorCalls: 0, span: options.span?.(request) };
    contexts.set(request, context);
    request.log.debug({ req: request }, 'incoming request');
    withRequestContext(context, done);
  });
  server.addHook('onResponse', (request, reply, done) => {
    const context = contexts.get(request);
    const operations = context?.operations ?? [];
    request.log.info(
      {
        req: request,
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...(operations.length === 1 ? operations[0] : operations.length > 1 ? { operations } : {}),
        ...(operations.length > 0 || context?.vendorCalls ? { vendorCalls: context?.vendorCalls ?? 0 } : {}),
      },
      'request completed',
    );
    done();
  });
}
