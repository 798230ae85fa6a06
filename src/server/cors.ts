import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Credentials travel in headers, never cookies, so `Access-Control-Allow-Credentials` stays off. */
export async function registerCors(server: FastifyInstance, options: { origins: readonly string[]; apiKeyHeader: string }): Promise<void> {
  const { origins } = options;
  await server.register(cors, {
    origin: origins.includes('*') ? '*' : origins.length > 0 ? [...origins] : false,
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
