import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Credentials travel in headers, never cookies, so `Access-Control-Allow-Credentials` stays off. */
export async function registerCors(server: FastifyInstance, options: { origins: readonly string[]; apiKeyHeader: string }): Promise<void> {
  const { origins } = options;
  // No origin allowed: the plugin would add nothing to any answer (a preflight is a 404 either way),
  // yet run on every request.
  if (origins.length === 0) return;
  await server.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'authorization',
      options.apiKeyHeader,
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'apollographql-client-name',
      'apollographql-client-version',
      'traceparent',
      'tracestate',
    ],
    credentials: false,
    maxAge: 600,
  });
}
