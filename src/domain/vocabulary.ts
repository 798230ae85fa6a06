/**
 * Vendor words (status words, speaker roles, rating labels) drift in case and spacing
 * ("Great Answer" vs "Great answer", "Interviewer" vs "interviewer"). Every match on a vendor
 * word goes through here, so they all drift-proof the same way.
 */

/** Trimmed, inner whitespace collapsed, lower-case; '' for null/undefined. */
export function normaliseWord(word: string | null | undefined): string {
  return (word ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A lookup from a vendor's words to one of our values; keys are matched with normaliseWord.
 * Returns `fallback` for a word it does not know (normalisers pass the UNKNOWN member).
 */
export function vocabulary<T>(entries: Readonly<Record<string, T>>, fallback: T): (word: string | null | undefined) => T {
  const table = new Map(Object.entries(entries).map(([word, value]) => [normaliseWord(word), value]));
  return (word) => table.get(normaliseWord(word)) ?? fallback;
}
