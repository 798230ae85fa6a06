/** A batch never fails as a whole for one key: a failed call leaves its Error for the keys it was for. */

/** A thrown value as the Error of a batch slot: itself when it is an Error, else an Error carrying its text. */
export function asSlotError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** A settled vendor call as a batch slot: its value, or the Error it failed with (see asSlotError). */
function settledOrError<T>(outcome: PromiseSettledResult<T>): T | Error {
  return outcome.status === 'fulfilled' ? outcome.value : asSlotError(outcome.reason);
}

/** Keys that cannot name a vendor object are the caller's to leave out, so they cost no call. */
export async function fetchEach<K, T>(keys: readonly K[], fetch: (key: K) => Promise<T>): Promise<Map<K, T | Error>> {
  const distinct = [...new Set(keys)];
  const settled = await Promise.allSettled(distinct.map(fetch));
  return new Map(distinct.map((key, i) => [key, settledOrError(settled[i])]));
}

/** Null when not fetched (not a vendor id) or the vendor has nothing. */
export function answerEach<T, R>(
  locators: readonly string[],
  fetched: ReadonlyMap<string, T | null | Error>,
  build: (value: T) => R | null,
): Array<R | null | Error> {
  return locators.map((locator) => {
    const value = fetched.get(locator);
    if (value === undefined || value === null) return null;
    return value instanceof Error ? value : build(value);
  });
}
