import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/**
 * Judges whether the response may be cached whole (the response cache stores it when Fastify sends
 * it): only a query's single, error-free result with no extensions. Plugins that add an extension
 * after an await (e.g. `indexIncomplete`) refuse it themselves.
 */
export function responseVerdictPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, operationName }) {
          const dependencies = contextValue.dependencies;
          if (!dependencies) return;
          dependencies.settled = true;
          dependencies.operationName = operationName ?? null;
          if (operation?.operation !== 'query') dependencies.refuse(operation ? operation.operation : 'no operation');
          if (response.http.status !== undefined && response.http.status !== 200) dependencies.refuse('status');
          if (response.body.kind !== 'single') {
            dependencies.refuse('incremental delivery');
            return;
          }
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 0) dependencies.refuse('errors');
          if (result.extensions && Object.keys(result.extensions).length > 0) dependencies.refuse('extensions');
        },
      };
    },
  };
}
