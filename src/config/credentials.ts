import { sha256Hex } from '../infra/secret';

/** A tenant id: it goes into every cache key, Redis key and channel name. */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Shortest webhook URL token accepted: guessing it must be hopeless. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 16;

export const MIN_CLIENT_KEY_LENGTH = 16;

/** A plain key is hashed; `sha256:<64 hex>` is already the digest of a key kept elsewhere. Null: not a key. */
export function clientKeyDigest(configured: string): string | null {
  const text = configured.trim();
  const prehashed = /^sha256:([0-9a-fA-F]{64})$/.exec(text);
  if (prehashed) return prehashed[1].toLowerCase();
  if (text.length < MIN_CLIENT_KEY_LENGTH || /[\s,]/.test(text)) return null;
  return sha256Hex(text);
}
