import { createHash } from 'node:crypto';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { stableJson } from '../../infra/stable-json';
import type { FeedPosition } from '../../readmodel/feed-order';
import { decodeCursor, encodeCursor } from './cursor-codec';

/** A cursor of another list, other filters or another tenant is refused, never silently reinterpreted. */
export function feedSignature(list: string, tenantId: string, args: unknown): string {
  return createHash('sha256').update(stableJson({ list, tenantId, args })).digest('base64url').slice(0, 16);
}

export function encodeFeedCursor(signature: string, position: FeedPosition): string {
  return encodeCursor(['feed', signature, position.key, position.id]);
}

export function decodeFeedCursor(cursor: string | null | undefined, signature: string): FeedPosition | null {
  if (cursor === null || cursor === undefined) return null;
  const parsed = decodeCursor(cursor);
  if (parsed?.length !== 4 || parsed[0] !== 'feed' || typeof parsed[2] !== 'string' || typeof parsed[3] !== 'string') {
    throw new BadUserInputError('Invalid cursor: pass an `endCursor` or edge `cursor` this API returned.', { argument: 'after' });
  }
  if (parsed[1] !== signature) {
    throw new BadUserInputError('Invalid cursor: it belongs to another list (a different field, order or filters). Page with the same arguments.', {
      argument: 'after',
    });
  }
  return { key: parsed[2], id: parsed[3] };
}
