import type { Provider } from '../domain/provider';

/**
 * Loader key for an entity: `<PROVIDER>|<locator>`. DataLoader keys must be primitives to be
 * de-duplicated, so refs travel as these strings.
 */
export type RefKey = string;

export function refKey(provider: Provider, locator: string): RefKey {
  return `${provider}|${locator}`;
}

export function parseRefKey(key: RefKey): { provider: Provider; locator: string } {
  const bar = key.indexOf('|');
  return { provider: key.slice(0, bar) as Provider, locator: key.slice(bar + 1) };
}
