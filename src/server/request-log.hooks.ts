import type { Span } from '@opentelemetry/api';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { type RequestContext, withRequestContext } from '../observability/request-context';

/**
 * One `info` line per request, when it is answered (`request completed`, or `request errored` at
 * `error`): method, URL (webhook tokens redacted by the logger's serializer), status, `responseTime`
 * in ms, and for GraphQL the operation, tenant, client, vendor calls and error codes. The arrival is
 * logged at `debug`. Every line of the request carries its `reqId` (the caller's `x-request-id`).
 */
export interface RequestLog {
  /** Fastify's `logController` option: writes Fastify's own request lines as above. */
  controller: LogController;
  /** Opens each request's context (id, vendor-call count, span) and echoes `x-request-id`. */
  register(server: FastifyInstance, options?: { span?: (request: FastifyRequest) => Span | undefined }): void;
}

export function createRequestLog(): RequestLog {
  // The context lives in AsyncLocalStorage for the handlers; Fastify's completion log may run outside it.
  const contexts = new WeakMap<FastifyRequest, RequestContext>();

  class OneLinePerRequest extends LogController {
    override incomingRequest(request: FastifyRequest): void {
      request.log.debug({ req: request }, 'incoming request');
    }

    override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
      // Nothing to build when the line would be dropped (LOG_LEVEL above info): a cached answer costs microseconds.
      if (!(reply.log as Logger).isLevelEnabled(error ? 'error' : 'info')) return;
      const context = contexts.get(request);
      const operations = context?.operations ?? [];
      const fields = {
        req: request,
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...(operations.length === 1 ? operations[0] : operations.length > 1 ? { operations } : {}),
        ...(operations.length > 0 || context?.vendorCalls ? { vendorCalls: context?.vendorCalls ?? 0 } : {}),
      };
      if (error) reply.log.error({ ...fields, err: error }, 'request errored');
      else reply.log.info(fields, 'request completed');
    }
  }

  return {
    controller: new OneLinePerRequest(),
    register(server, options = {}) {
      server.addHook('onRequest', (request, reply, done) => {
        void reply.header('x-request-id', request.id);
        const context: RequestContext = { requestId: request.id, vendorCalls: 0, span: options.span?.(request) };
        contexts.set(request, context);
        withRequestContext(context, done);
      });
    },
  };
}
