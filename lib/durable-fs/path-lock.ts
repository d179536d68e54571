/**
 * In-process serialization per key (an absolute path): the DLQ's torn-tail check + append, and
 * the key store's read-compare-replace, must not interleave with another call on the same file.
 * Process-wide on purpose, so two store instances over the same directory share it. Other
 * processes are not covered (one writer per chain, SPEC §2; the DLQ's `expectedSize` guard).
 */
const tails = new Map<string, Promise<void>>();

/** Runs `fn` after every earlier `withPathLock(key, …)` call has settled. */
export async function withPathLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
