import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endSpan, type Tracing } from '../observability/tracing';

/** Routes whose requests are traced: the API and the vendors' webhooks (not probes, metrics or GraphiQL assets). */
const TRACED = /^\/(graphql|webhooks)(\/|$)/;

/**
 * A server span per traced request, named by method and route template (`POST /graphql`,
 * `POST /webhooks/:provider/:token`: never the URL, whose webhook path holds a secret), ended
 * with the response status when the response is sent. `start` is called by the app's
 * `onRequest` hook, which puts the span into the request context.
 */
export function registerRequestTracing(server: FastifyInstance, tracing: Tracing): { start(request: FastifyRequest): Span | undefined } {
  const spans = new WeakMap<FastifyRequest, Span>();
  server.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      endSpan(span, reply.statusCode >= 500 ? { code: `HTTP_${reply.statusCode}` } : null);
    }
    done();
  });
  return {
    start: (request) => {
      const route = request.routeOptions.url;
      // A WebSocket upgrade lives as long as the socket: no request span for subscriptions.
      if (!route || !TRACED.test(route) || request.headers.upgrade) return undefined;
      const span = tracing.startRequest(`${request.method} ${route}`, request.headers, {
        'http.request.method': request.method,
        'http.route': route,
        'interview_graph.request_id': request.id,
      });
      spans.set(request, span);
      return span;
    },
  };
}
