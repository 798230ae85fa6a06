import type { ApolloServerPlugin } from '@apollo/server';
import { encodeGlobalId } from '../../domain/global-id';
import type { EntityKind } from '../../domain/model';
import type { GraphQLContext } from '../context';

const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityKind>(['Interview', 'Report', 'InterviewTemplate']);

/** Responses served entirely fresh carry no `stale` extension. */
export function staleResponsePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const served = contextValue.loaders?.staleServed() ?? [];
          if (served.length === 0 || response.body.kind !== 'single') return;
          contextValue.dependencies?.refuse('stale');
          const stale = served.map(({ provider, type, key, code, staleSince }) => ({
            provider,
            type,
            ...(ENTITY_TYPES.has(type) ? { id: encodeGlobalId(provider, type as EntityKind, key) } : { arguments: key }),
            code,
            staleSince,
          }));
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale };
        },
      };
    },
  };
}
