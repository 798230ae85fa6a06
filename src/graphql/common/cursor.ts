import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Provider } from '../../domain/provider';
import type { ListResult } from '../../vendors/vendor-adapter';
import type { ProviderConnectionValue } from './connection.type';
import { decodeCursor, encodeCursor } from './cursor-codec';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Wraps the adapter's cursor with its list's name, so a cursor from one list is refused by another. */
export function encodeListCursor(list: string, provider: Provider, adapterCursor: string): string {
  return encodeCursor([list, provider, adapterCursor]);
}

export function decodeListCursor(cursor: string | null | undefined, list: string, provider: Provider): string | null {
  if (cursor === null || cursor === undefined) return null;
  const parsed = decodeCursor(cursor);
  if (!parsed) throw new BadUserInputError('Invalid cursor: pass an `endCursor` or edge `cursor` this API returned.');
  if (parsed.length !== 3 || parsed[0] !== list || parsed[1] !== provider || typeof parsed[2] !== 'string') {
    throw new BadUserInputError('Invalid cursor: it does not belong to this list (different field or provider).');
  }
  return parsed[2];
}

export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE} (got ${first}).`, { argument: 'first' });
  }
  return first;
}

/** No total: the vendors do not say. */
export function toConnection<T>(list: string, provider: Provider, page: ListResult<T>, after: string | null | undefined): ProviderConnectionValue<T> {
  const edges = page.edges.map((edge) => ({ cursor: encodeListCursor(list, provider, edge.cursor), provider, node: edge.node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: null,
  };
}
