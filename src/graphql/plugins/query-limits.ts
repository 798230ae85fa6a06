import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../../config/config';

/**
 * Introspection is not counted (GraphiQL's query is deep by nature). Field suggestions are blocked
 * when introspection is off, so the schema cannot be guessed through them.
 */
export function queryLimits(graphql: Config['graphql']) {
  const { limits } = graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Counted by the parser instead (see parseOptions): armor's plugin turns a syntax error into a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true },
    blockFieldSuggestion: { enabled: !graphql.introspection },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: limits.maxTokens } };
}
