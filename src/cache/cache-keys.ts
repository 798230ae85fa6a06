import type { Provider } from '../domain/provider';

/** Bump when the cached shape changes: old entries then simply stop being read. */
export const CACHE_SCHEMA_VERSION = 3;

/** Tenant and credential scope in every key: two tenants, or two API keys of one, never share an entry. */
export class CacheKeys {
  private readonly prefix: string;

  constructor(tenantId: string, version: number = CACHE_SCHEMA_VERSION) {
    this.prefix = `ig:v${version}:${tenantId}`;
  }

  entity(provider: Provider, credentialScope: string, kind: string, locator: string): string {
    return `${this.prefix}:${provider}:${credentialScope}:${kind}:${locator}`;
  }
}
