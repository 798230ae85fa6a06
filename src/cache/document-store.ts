import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/**
 * Heap a parsed document holds per token (its Token, Location and node objects), in bytes: measured
 * on Node 20 with graphql 16 (≈145 for a document of one-line comments, each comment a token).
 */
const BYTES_PER_TOKEN = 160;

/** A document whose estimate is over this share of the budget is parsed every time instead. */
const MAX_ENTRY_SHARE = 1 / 8;

/**
 * Apollo's parsed-document cache bounded by the heap its documents hold. Apollo's default sizes an
 * entry by its JSON, which leaves out the source text every `loc` keeps alive and the token chain
 * (comments included, which the token limit does not count): a 1 MB comment weighed a few bytes.
 */
export function createDocumentStore(maxBytes: number): InMemoryLRUCache<DocumentNode> | null {
  if (maxBytes === 0) return null;
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    maxEntrySize: Math.max(1, Math.floor(maxBytes * MAX_ENTRY_SHARE)),
    sizeCalculation: documentBytes,
  });
}

/** Estimated heap held by a parsed document: its source (one byte per character at least) and its tokens. */
export function documentBytes(document: DocumentNode): number {
  const loc = document.loc;
  if (!loc) return Buffer.byteLength(JSON.stringify(document));
  let tokens = 0;
  for (let token: typeof loc.startToken | null = loc.startToken; token; token = token.next) tokens += 1;
  return loc.source.body.length + tokens * BYTES_PER_TOKEN;
}
