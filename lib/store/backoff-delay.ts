/** Longest wait between two attempts, whatever the base and the attempt number. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Exponential back-off before retry number `retry` (0 = the first retry): `base × 2^retry`,
 * capped at {@link MAX_BACKOFF_MS}. `failure_sleep_ms_between_retries` is the base (El Proxy's
 * docs call it both "fixed" and "exponential back-off"; SPEC §6 settles on the latter).
 * @example backoffDelay(500, 0) // 500; backoffDelay(500, 3) // 4000
 */
export function backoffDelay(baseMs: number, retry: number): number {
  if (baseMs <= 0) return 0;
  return Math.min(baseMs * 2 ** Math.min(retry, 30), MAX_BACKOFF_MS);
}
