import { SIGNED_WINDOW_SECS, type Fate } from './commit-types';
import type { ChainsMetricsPort } from './ports';
import { RecentCounter } from './recent-counter';

/**
 * What a chain's deliveries add up to: El Proxy's `processed_logs{result="indexed"|"dlq"}`, the
 * time of the last one, and the logs of the last SIGNED_WINDOW_SECS seconds (the console's rate).
 */
export class DeliveryStats {
  /** When the last delivery ended (ms; 0: none yet). */
  lastCommitMs = 0;
  private readonly recent = new RecentCounter(SIGNED_WINDOW_SECS);

  constructor(
    private readonly metrics: ChainsMetricsPort,
    private readonly now: () => number,
  ) {}

  /** One delivery ended with these fates. */
  record(fates: readonly Fate[]): void {
    this.lastCommitMs = this.now();
    this.recent.add(fates.length, this.lastCommitMs);
    let dlq = 0;
    for (const f of fates) if (f === 'dlq') dlq++;
    this.metrics.logsProcessed('indexed', fates.length - dlq);
    if (dlq > 0) this.metrics.logsProcessed('dlq', dlq);
  }

  /** Logs delivered (indexed or to the DLQ) in the last SIGNED_WINDOW_SECS seconds. */
  signedLastWindow(): number {
    return this.recent.total(this.now());
  }
}
