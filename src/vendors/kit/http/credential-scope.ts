import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible tag for a vendor credential. Cache keys carry it so two keys
 * (or two tenants) never share a cached object, and rotating a key starts a fresh cache.
 */
export function credentialScope(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('base64url').slice(0, 16);
}
