import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_BANNER = [
  '# ------------------------------------------------------------------------------',
  '# GENERATED FILE — do not edit. Emitted from the type-graphql resolvers by',
  '# `npm run schema:emit`; a test fails when it is out of date.',
  '# ------------------------------------------------------------------------------',
].join('\n');

/** Sorted SDL with the banner: the reviewed artifact in `schema/schema.graphql`. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${SCHEMA_BANNER}\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
