import type { EntityKind } from '../domain/model';
import type { Provider } from '../domain/provider';

export interface EntityRef {
  provider: Provider;
  locator: string;
}

export interface KindRef extends EntityRef {
  kind: EntityKind;
}

export function entityRef(provider: Provider, locator: string): EntityRef {
  return { provider, locator };
}

/** DataLoader `cacheKeyFn`: without it object keys de-duplicate by identity, and one object costs two lookups. */
export function refKey(ref: EntityRef): string {
  return `${ref.provider}|${ref.locator}`;
}

export function kindRefKey(ref: KindRef): string {
  return `${ref.kind}|${refKey(ref)}`;
}
