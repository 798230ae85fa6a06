/**
 * Scanning 25,000 rows per request costs milliseconds at large seeds. Each index is rebuilt when
 * its list changed length or head: the lists only grow, and a row's indexed field never changes.
 */

interface Built<I> {
  length: number;
  head: unknown;
  index: I;
}

function cached<T, I>(build: (list: readonly T[]) => I): (list: readonly T[]) => I {
  const byList = new WeakMap<readonly T[], Built<I>>();
  return (list) => {
    let built = byList.get(list);
    if (!built || built.length !== list.length || built.head !== list[0]) {
      built = { length: list.length, head: list[0], index: build(list) };
      byList.set(list, built);
    }
    return built.index;
  };
}

/** Rows of a list grouped by `key`, each group in list order. */
export function groupIndex<T>(key: (item: T) => string): (list: readonly T[]) => ReadonlyMap<string, readonly T[]> {
  return cached((list: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of list) {
      const k = key(item);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  });
}

/** The position of each row of a list by `key` (the first, should a key repeat). */
export function positionIndex<T>(key: (item: T) => string): (list: readonly T[]) => ReadonlyMap<string, number> {
  return cached((list: readonly T[]) => {
    const positions = new Map<string, number>();
    list.forEach((item, i) => {
      const k = key(item);
      if (!positions.has(k)) positions.set(k, i);
    });
    return positions;
  });
}
