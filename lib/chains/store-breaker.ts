import type { StorePort } from './ports';

/** After a "not indexed" delivery, commits probe the store first for this long. */
export const BREAKER_MS = 5000;

/**
 * Keeps a store known to be down from consuming keys (README.md, step 5): for BREAKER_MS after a
 * delivery the store did not take, a commit first pings it and is refused unless it answers.
 */
export class StoreBreaker {
  private downAt = 0;

  constructor(
    private readonly store: StorePort,
    private readonly now: () => number,
  ) {}

  /** The store did not take a delivery. */
  trip(): void {
    this.downAt = this.now();
  }

  /** The store took a delivery. */
  reset(): void {
    this.downAt = 0;
  }

  /** Whether a commit may be signed now (pings the store while the breaker is open). */
  async allows(): Promise<boolean> {
    if (this.downAt === 0 || this.now() - this.downAt >= BREAKER_MS) return true;
    return this.store.ping().catch(() => false);
  }
}
