import type { EntityKind } from '../domain/model';
import type { Provider } from '../domain/provider';

/** One vendor object, by provider and its locator there: what loaders and the entity store are keyed by. */
export interface EntityRef {
  provider: Provider;
  locator: string;
}

/** A ref to a whole entity of one kind: the key of `rawByEntity`. */
export interface KindRef extends EntityRef {
  kind: EntityKind;
}

export function entityRef(provider: Provider, locator: string): EntityRef {
  return { provider, locator };
}

/**
 * `<PROVIDER>|<locator>`: the DataLoader `cacheKeyFn` of object keys (DataLoader de-duplicates by
 * identity otherwise, and two requests for one object would be two vendor lookups).
 */
export function refKey(ref: EntityRef): string {
  return `${ref.provider}|${ref.locator}`;
}

/** `<kind>|<PROVIDER>|<locator>`. */
export function kindRefKey(ref: KindRef): string {
  return `${ref.kind}|${refKey(ref)}`;
}
