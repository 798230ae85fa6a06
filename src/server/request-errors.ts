import type { FastifyError, FastifyInstance } from 'fastify';
import { ErrorCode } from '../errors/error-code';

/**
 * What Fastify refuses before GraphQL (413, 415, bad JSON) gets the GraphQL error shape with code
 * `BAD_REQUEST`; anything else escaping a route is a 500, logged in full, shown to nobody.
 */
export function registerRequestErrors(server: FastifyInstance, options: { maxBodyBytes: number }): void {
  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, status }, 'request refused before GraphQL');
      return reply.code(status).send({ errors: [{ message: refusal(error, options.maxBodyBytes), extensions: { code: 'BAD_REQUEST' } }] });
    }
    request.log.error({ err: error }, 'request failed outside GraphQL');
    return reply.code(500).send({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  });
}

function refusal(error: FastifyError, maxBodyBytes: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is over ${maxBodyBytes} bytes.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the operation as application/json (or as a GET with query parameters).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      return 'The request is malformed.';
  }
}
