/**
 * True at most once per `intervalMs`: for a warning that every request or vendor call would repeat
 * while a dependency (Redis) cannot answer.
 */
export function oncePer(intervalMs: number): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}
