import { execute, lexicographicSortSchema, parse, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_BANNER = [
  '# ------------------------------------------------------------------------------',
  '# GENERATED FILE — do not edit. Emitted from the type-graphql resolvers by',
  '# `npm run schema:emit`; a test fails when it is out of date.',
  '# ------------------------------------------------------------------------------',
].join('\n');

/** The reviewed artifact in `schema/schema.graphql`. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${SCHEMA_BANNER}\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Exactly what `_service { sdl }` answers a router. */
export async function printSubgraphSdl(subgraph: GraphQLSchema): Promise<string> {
  const result = await execute({ schema: subgraph, document: parse('{ _service { sdl } }') });
  const sdl = (result.data as { _service?: { sdl?: unknown } } | null | undefined)?._service?.sdl;
  if (result.errors?.length || typeof sdl !== 'string') throw new Error(`_service { sdl } failed: ${result.errors?.[0]?.message ?? 'no sdl'}`);
  return `${SCHEMA_BANNER}\n\n${sdl}\n`;
}
