import { encodeGlobalId } from '../../domain/global-id';
import type { Entity, TimeNote } from '../../domain/model';
import type { GraphQLContext } from '../context';

export function globalIdOf(entity: Entity): string {
  return encodeGlobalId(entity.provider, entity.kind, entity.locator);
}

/** Cached objects have none, so it is fetched fresh: only queries asking for `raw` pay for it. */
export function rawOf(entity: Entity, ctx: GraphQLContext): unknown {
  // Raw is never cached, so neither is a response showing it.
  ctx.dependencies.refuse('raw');
  if (entity.raw !== undefined) return entity.raw;
  return ctx.loaders.rawByEntity.load({ kind: entity.kind, provider: entity.provider, locator: entity.locator });
}

export const RAW_DESCRIPTION =
  'What the vendor sent for this object, unmodified: the webhook payload it was built from, else a fresh fetch (opt-in: a fetched payload is not cached, so asking for it on a cached object costs a vendor call). Shapes differ per vendor and may change without notice; whatever the model has no field for (or could not read) is here.';

export const TIME_NOTES_DESCRIPTION =
  "The times of this object that are not simply an instant the vendor gave (read as UTC without a zone, day only, or derived by the gateway), each with its vendor source. Empty when every time is the vendor's own.";

/** Absent on objects cached before time notes existed. */
export function timeNotesOf(entity: Entity): TimeNote[] {
  return entity.timeNotes ?? [];
}
