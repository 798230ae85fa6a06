import type { GraphQLFormattedError } from 'graphql';
import { request } from 'undici';

export interface GraphqlBody<T> {
  data: T | null;
  errors?: GraphQLFormattedError[];
}

/** One GraphQL POST over real HTTP to `url` (the endpoint itself, e.g. `<address>/graphql`); the parsed body. */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<GraphqlBody<T>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return (await response.body.json()) as GraphqlBody<T>;
}
