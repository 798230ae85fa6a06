/**
 * What a failed vendor call leaves in a batch answer (`BatchResult`): the Error of the keys it was
 * for, while the other keys keep their answers. The error is passed on as thrown: the vendor
 * clients throw typed errors already, and a batch never fails as a whole for one key.
 */

/** A thrown value as the Error of a batch slot: itself when it is an Error, else an Error carrying its text. */
export function asSlotError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** A settled vendor call as a batch slot: its value, or the Error it failed with (see asSlotError). */
export function settledOrError<T>(outcome: PromiseSettledResult<T>): T | Error {
  return outcome.status === 'fulfilled' ? outcome.value : asSlotError(outcome.reason);
}
