/**
 * The one cursor encoding of the API: a JSON array, base64url-encoded. Each list puts its own
 * name first, so a cursor of one list is refused by another, and checks the rest itself.
 */

/** Longest cursor accepted: the longest this API makes (a merge position per vendor) is well under it. */
const MAX_CURSOR_LENGTH = 2_048;

export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The parts of a cursor, or null when it cannot be one this API made (too long, not a JSON array). */
export function decodeCursor(cursor: string): unknown[] | null {
  if (cursor.length > MAX_CURSOR_LENGTH) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
