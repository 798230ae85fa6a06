/** Fills null/undefined fields of `next` from `previous`, one level deep: missing knowledge never erases. */
export function mergeKnown<T extends object>(previous: T | null, next: T): T {
  if (!previous) return next;
  const merged: Record<string, unknown> = { ...(previous as Record<string, unknown>) };
  for (const [key, value] of Object.entries(next)) {
    const before = merged[key];
    if (value === null || value === undefined) continue;
    merged[key] =
      typeof value === 'object' && !Array.isArray(value) && before && typeof before === 'object' && !Array.isArray(before)
        ? mergeKnown(before as object, value as object)
        : value;
  }
  return merged as T;
}

export function withoutRaw<T>(value: T): T {
  if (typeof value !== 'object' || value === null || !('raw' in value)) return value;
  const { raw: _raw, ...rest } = value as T & { raw?: unknown };
  return rest as T;
}
