import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getNamedType,
  getOperationAST,
  getVariableValues,
  type GraphQLSchema,
  type ValidationContext,
  isLeafType,
  NoSchemaIntrospectionCustomRule,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { Config } from '../../config/config';
import { MAX_PAGE_SIZE } from '../common/cursor';

/**
 * The query limits, for Apollo (validation rules, parse options, plugin) and for graphql-ws
 * (`checkSocketOperation`). Every refusal is a 400 GRAPHQL_VALIDATION_FAILED whose message names
 * the limit, the value found and the limit's value (tokens: GRAPHQL_PARSE_FAILED while parsing).
 *
 * Depth, aliases and directives are graphql-armor's rules; the cost is computed after validation
 * with the request's variables (graphql-query-complexity), so `first: $n` costs what `first: 100`
 * does. Introspection is not counted (GraphiQL's query is deep by nature). Field suggestions are
 * blocked when introspection is off, so the schema cannot be guessed through them.
 */
export function queryLimits(graphql: Config['graphql']) {
  const { limits } = graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...refuse('Query is too deep: depth', limits.maxDepth) },
    // Every alias counts: armor lets `__typename` aliases through by default, and 200 of them are as many fields.
    maxAliases: { n: limits.maxAliases, allowList: [], ...refuse('Too many aliases:', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...refuse('Too many directives:', limits.maxDirectives) },
    // Counted by the parser instead (see parseOptions): armor's plugin turns a syntax error into a 500.
    maxTokens: { enabled: false },
    // Counted with the variables instead (costLimit): armor's sees neither variables nor page bounds.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !graphql.introspection },
  }).protect();
  const parseOptions = { maxTokens: limits.maxTokens };
  // Apollo adds its own refusal of introspection when it is off; graphql-ws needs graphql's.
  const tooCostly = costLimit(limits.maxCost);
  const socketRules = [...specifiedRules, ...(graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule]), ...armor.validationRules];
  const costPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const refusal = tooCostly.refusal(schema, document, request.operationName, request.variables);
          if (refusal) throw new GraphQLError(refusal, { extensions: { code: VALIDATION_FAILED, http: { status: 400 } } });
        },
      };
    },
  };
  return {
    ...armor,
    plugins: [...armor.plugins, costPlugin],
    parseOptions,
    /**
     * graphql-ws runs operations outside Apollo: the same limits, as its `onSubscribe` hook
     * (execution arguments to run, or the errors to answer with).
     */
    checkSocketOperation(schema: GraphQLSchema, payload: SocketPayload): ExecutionArgs | readonly GraphQLError[] {
      // The codes Apollo gives the same refusals over HTTP.
      let document: DocumentNode;
      try {
        document = parse(payload.query, parseOptions);
      } catch (error) {
        return [new GraphQLError(error instanceof Error ? error.message : 'Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const errors = validate(schema, document, socketRules);
      if (errors.length > 0) {
        // armor hides suggestions from Apollo's answers only (the same mask).
        const message = (e: GraphQLError) => (graphql.introspection ? e.message : e.message.replace(/Did you mean ".+"/g, '[Suggestion hidden]'));
        return errors.map((e) => new GraphQLError(message(e), { nodes: e.nodes, extensions: { code: VALIDATION_FAILED } }));
      }
      const refusal = tooCostly.refusal(schema, document, payload.operationName, payload.variables);
      if (refusal) return [new GraphQLError(refusal, { extensions: { code: VALIDATION_FAILED } })];
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
    },
  };
}

interface SocketPayload {
  query: string;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>> | null;
}

/** armor's message is `… limit of N exceeded, found M.`, behind a misleading "Syntax Error:". */
function refuse(what: string, limit: number) {
  return {
    propagateOnRejection: false as const,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        context?.reportError(new GraphQLError(`${what} ${found ?? 'more'} exceeds the limit of ${limit}.`));
      },
    ],
  };
}

/** graphql-armor's weights, so GRAPHQL_MAX_COST keeps its meaning. */
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const NESTING_FACTOR = 1.5;

/**
 * An object costs 2 plus 1.5 × its selections, a scalar 1; a list with a page size (`first`, or
 * `last`) costs that many times its item, the size taken as the resolver will (its default when
 * not given) and bounded by 1–MAX_PAGE_SIZE: a `first` out of range is the resolver's to refuse,
 * with BAD_USER_INPUT naming the argument, not a reason to call the query too costly.
 */
const pagedCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return 0;
  if (isLeafType(getNamedType(field.type))) return SCALAR_COST;
  return (OBJECT_COST + NESTING_FACTOR * childComplexity) * pageSize(args);
};

function pageSize(args: Record<string, unknown>): number {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 1;
  return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
}

const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

/**
 * `refusal` says why an operation is too costly, or null. Variables that do not coerce are
 * execution's to refuse (BAD_USER_INPUT). The cost of an operation without variables is kept per
 * parsed operation (Apollo reuses a query's parsed document), so a repeated query is counted once.
 */
function costLimit(maxCost: number) {
  const fixedCost = new WeakMap<OperationDefinitionNode, number>();
  const cost = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number => {
    try {
      return getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators: [pagedCost] });
    } catch {
      // Over its node budget (fragments spread into each other many times over): too costly by any count.
      return Number.POSITIVE_INFINITY;
    }
  };
  return {
    refusal(
      schema: GraphQLSchema,
      document: DocumentNode,
      operationName: string | null | undefined,
      variables: Readonly<Record<string, unknown>> | null | undefined,
    ): string | null {
      const operation = getOperationAST(document, operationName);
      if (!operation) return null;
      let found: number;
      if (!operation.variableDefinitions?.length) {
        found = fixedCost.get(operation) ?? cost(schema, document, operation, {});
        fixedCost.set(operation, found);
      } else {
        const coerced = getVariableValues(schema, operation.variableDefinitions, variables ?? {});
        if (coerced.errors) return null;
        // As sent: getComplexity coerces them itself, and an enum's internal value is not a valid input.
        found = cost(schema, document, operation, variables ?? {});
      }
      if (found <= maxCost) return null;
      return `Query is too costly: ${Number.isFinite(found) ? `cost ${Math.ceil(found)}` : 'its cost'} exceeds the limit of ${maxCost}.`;
    },
  };
}
