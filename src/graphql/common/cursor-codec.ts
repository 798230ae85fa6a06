/** Each list puts its own name first, so a cursor of one list is refused by another. */

/** The longest this API makes (a merge position per vendor) is well under it. */
const MAX_CURSOR_LENGTH = 2_048;

export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | null {
  if (cursor.length > MAX_CURSOR_LENGTH) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
