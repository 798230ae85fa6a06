import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../../config/config';

/**
 * The per-operation limits for Apollo Server, from config. graphql-armor checks depth, aliases,
 * directives and cost while validating, so an operation over a limit never reaches a resolver or
 * a vendor and answers 400 GRAPHQL_VALIDATION_FAILED naming the limit; introspection is not
 * counted (GraphiQL's query is deep by nature). The token limit is graphql-js's own `maxTokens`
 * parse option (a 400 GRAPHQL_PARSE_FAILED), checked before anything else is built. Batched HTTP
 * requests are off; field suggestions ("Did you mean …?") are blocked when introspection is off,
 * so the schema cannot be guessed through them.
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
