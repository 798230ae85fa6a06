import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/**
 * Freshness said out loud: a response that read the read model or the identity index (the
 * cross-vendor feeds, `candidate`, `candidates`) carries `extensions.indexIncomplete: [<provider>…]`
 * while any of those vendors' first whole sync pass has not finished — the lists may still miss
 * some of their interviews. Absent once every configured vendor is indexed.
 */
export function indexFreshnessPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.readsIndex || response.body.kind !== 'single') return;
          const incomplete = await contextValue.indexProgress.incomplete();
          if (incomplete.length === 0) return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, indexIncomplete: incomplete };
        },
      };
    },
  };
}
