import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics } from '../../observability/metrics';
import { logValue } from '../../observability/log-value';
import { currentRequest, noteOperation } from '../../observability/request-context';
import type { GraphQLContext } from '../context';

/** The span is renamed `query <name>`, as OpenTelemetry's GraphQL conventions name it. */
export function operationLogPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      const codes: string[] = [];
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) codes.push(typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
        },
        async willSendResponse({ operationName, operation, contextValue }) {
          const seconds = (performance.now() - started) / 1000;
          const type = operation?.operation ?? 'unknown';
          metrics.operation(operationName ?? null, type, seconds, codes);
          const request = currentRequest();
          if (request?.span) {
            request.span.updateName(operationName ? `${type} ${operationName}` : type);
            request.span.setAttributes({
              'graphql.operation.type': type,
              ...(operationName ? { 'graphql.operation.name': operationName } : {}),
              ...(contextValue.tenantId ? { 'interview_graph.tenant': contextValue.tenantId } : {}),
              'interview_graph.vendor_calls': request.vendorCalls,
              ...(codes.length > 0 ? { 'interview_graph.error_codes': codes } : {}),
            });
          }
          // On the request's one log line (request-log.hooks.ts).
          noteOperation({
            // The client names its operation: a name of any length is cut.
            operation: operationName ? logValue(operationName) : null,
            type,
            tenant: contextValue.tenantId,
            client: contextValue.principal?.clientId,
            durationMs: Math.round(seconds * 10_000) / 10,
            ...(codes.length > 0 ? { errors: codes } : {}),
          });
        },
      };
    },
  };
}
