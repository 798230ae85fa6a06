import { createHash, hash, timingSafeEqual } from 'node:crypto';

/** One-shot `hash` (Node ≥ 20.12): a quarter of `createHash`'s cost on short texts (the response cache hashes on every lookup). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Constant-time; hashing first makes the lengths equal. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}
