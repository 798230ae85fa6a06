import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endSpan, type Tracing } from '../observability/tracing';

const TRACED = /^\/(graphql|webhooks)(\/|$)/;

/** Spans are named by route template, never the URL: a webhook path holds a secret. */
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
