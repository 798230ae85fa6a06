import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/** Until a vendor's first whole sync pass ends, lists read from the index may miss its interviews: say so. */
export function indexFreshnessPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.readsIndex || response.body.kind !== 'single') return;
          const incomplete = await contextValue.indexProgress.incomplete();
          if (incomplete.length === 0) return;
          // Complete later: an answer saying so must not be served from the response cache then.
          contextValue.dependencies?.refuse('index incomplete');
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, indexIncomplete: incomplete };
        },
      };
    },
  };
}
