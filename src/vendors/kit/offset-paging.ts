/** Pages are planned so plain forward paging costs exactly one vendor call per page. */

/** An item of a vendor list with its 0-based position in that list. */
export interface Positioned<T> {
  item: T;
  offset: number;
}

export interface ListWindow<T> {
  /** Items from the requested offset on, in list order (may run past the requested count). */
  items: Array<Positioned<T>>;
  /** True when nothing follows the last item read. */
  exhausted: boolean;
}

/** One vendor request: 1-based `page` of `size` items. */
export interface PageRequest {
  page: number;
  size: number;
}

/** A page as read from the vendor, and whether it is the list's last. */
export interface FetchedPage<T> {
  items: T[];
  last: boolean;
}

/** One page when some size in `[count, maxSize]` holds both ends (always for aligned offsets), else two pages of `count`. */
export function planWindow(offset: number, count: number, maxSize: number): PageRequest[] {
  for (let size = count; size <= maxSize; size += 1) {
    const page = Math.floor(offset / size);
    if (page === Math.floor((offset + count - 1) / size)) return [{ page: page + 1, size }];
  }
  const page = Math.floor(offset / count) + 1;
  return [
    { page, size: count },
    { page: page + 1, size: count },
  ];
}

/** The page containing `from` that reaches furthest past it, so each further call brings the most new items. */
export function planContinuation(from: number, minSize: number, maxSize: number): PageRequest {
  let best = { page: Math.floor(from / maxSize) + 1, size: maxSize };
  let bestEnd = best.page * best.size;
  for (let size = maxSize - 1; size >= Math.max(1, minSize); size -= 1) {
    const page = Math.floor(from / size) + 1;
    const end = page * size;
    if (end > bestEnd) {
      best = { page, size };
      bestEnd = end;
    }
  }
  return best;
}

/** Reads the planned pages of a window from `offset` on, stopping early at the list's last page. */
export async function readWindow<T>(
  fetchPage: (page: number, size: number) => Promise<FetchedPage<T>>,
  offset: number,
  plan: readonly PageRequest[],
): Promise<ListWindow<T>> {
  const items: Array<Positioned<T>> = [];
  for (const { page, size } of plan) {
    const got = await fetchPage(page, size);
    const start = (page - 1) * size;
    got.items.slice(0, size).forEach((item, i) => {
      if (start + i >= offset) items.push({ item, offset: start + i });
    });
    if (got.last) return { items, exhausted: true };
  }
  return { items, exhausted: false };
}

/** For vendors whose only end-of-list signal is a short page (micro1: no total, no has_more). */
export function shortPageIsLast<T>(items: T[], size: number): FetchedPage<T> {
  return { items, last: items.length < size };
}
