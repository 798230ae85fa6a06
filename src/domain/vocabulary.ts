/** Vendor words drift in case and spacing ("Great Answer" vs "Great answer"): every match goes through here. */

/** Trimmed, inner whitespace collapsed, lower-case; '' for null/undefined. */
export function normaliseWord(word: string | null | undefined): string {
  return (word ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Unknown words give `fallback` (normalisers pass the UNKNOWN member). */
export function vocabulary<T>(entries: Readonly<Record<string, T>>, fallback: T): (word: string | null | undefined) => T {
  const table = new Map(Object.entries(entries).map(([word, value]) => [normaliseWord(word), value]));
  return (word) => table.get(normaliseWord(word)) ?? fallback;
}
