import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from './error-code';
import { GatewayError } from './gateway.error';
import { logValue } from '../observability/log-value';

/** Safe to pass through. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface ErrorLogger {
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Untyped errors are masked and logged in full; stack traces and `detail` never reach the client. */
export function createFormatError(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GatewayError) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      // Logged in full by the HTTP client already; at debug here, or one outage logs once per field.
      log.debug({ code: original.code, provider: original.provider, path: formatted.path }, logValue(original.message));
      return { ...formatted, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // Apollo's own 4xx without a code (e.g. an APQ hash that is not the query's): the client's mistake.
    const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
    if (!formatted.path && status !== undefined && status >= 400 && status < 500) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_REQUEST' } };
    }
    log.error({ err: original }, 'unexpected error while executing a GraphQL operation');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
