/**
 * Takes entries from the front of `queue`, oldest first, while their sizes add up to at most
 * `max` — always at least one, so an entry larger than `max` still moves. Used for the jobs of a
 * group commit and for the commits of a delivery.
 */
export function takeBatch<T>(queue: T[], sizeOf: (entry: T) => number, max: number): T[] {
  const taken: T[] = [];
  let n = 0;
  while (queue.length > 0 && (taken.length === 0 || n + sizeOf(queue[0] as T) <= max)) {
    const entry = queue.shift() as T;
    taken.push(entry);
    n += sizeOf(entry);
  }
  return taken;
}
