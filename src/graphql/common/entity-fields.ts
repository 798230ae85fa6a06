import { encodeGlobalId } from '../../domain/global-id';
import type { Entity } from '../../domain/model';
import { rawKey } from '../../loaders/create-loaders';
import type { GraphQLContext } from '../context';

/** Global id of any entity. */
export function globalIdOf(entity: Entity): string {
  return encodeGlobalId(entity.provider, entity.kind, entity.locator);
}

/**
 * The vendor payload behind an entity: what this request fetched, or (for cached objects) a
 * fresh, uncached fetch. Opt-in, so only queries asking for `raw` pay for it.
 */
export function rawOf(entity: Entity, ctx: GraphQLContext): unknown {
  if (entity.raw !== undefined) return entity.raw;
  return ctx.loaders.rawByEntity.load(rawKey(entity.kind, entity.provider, entity.locator));
}

export const RAW_DESCRIPTION =
  "What the vendor sent for this object, unmodified (opt-in: not cached, so asking for it on a cached object costs a vendor call). Shapes differ per vendor and may change without notice.";
