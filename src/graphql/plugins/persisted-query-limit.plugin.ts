import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/**
 * A query longer than `maxBytes` sent to be registered runs as usual but is not kept: the answer
 * says so in `extensions.persistedQuery`, and the hash alone keeps answering PERSISTED_QUERY_NOT_FOUND,
 * on which APQ clients send the full query (the protocol's fallback). Refusing the request would
 * instead break clients that register every query.
 */
export function persistedQueryLimitPlugin(maxBytes: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let notKept = false;
      return {
        async didResolveSource(request) {
          if (!request.metrics.persistedQueryRegister || request.source.length <= maxBytes) return;
          // Read by Apollo after this hook: it registers the query only while this is true.
          request.metrics.persistedQueryRegister = false;
          notKept = true;
        },
        async willSendResponse({ response }) {
          if (!notKept || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            persistedQuery: { registered: false, code: 'PERSISTED_QUERY_TOO_LARGE', maxBytes },
          };
        },
      };
    },
  };
}
