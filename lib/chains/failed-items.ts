import { ChainsError } from './chains-error';
import { RollBack, type Fate } from './commit-types';
import { itemFates, type ItemErrors } from './item-fates';
import type { BulkItem, ChainsMetricsPort, DeliveryResult, DlqPort } from './ports';

export interface FailedItemsDeps {
  readonly dlq: DlqPort;
  readonly metrics: ChainsMetricsPort;
  readonly customer: string;
  readonly chain: string;
}

/**
 * A chain's delivered items without a final outcome, on their way to the DLQ (README.md, step 4).
 * When the DLQ cannot take them: a commit of which nothing was written is rolled back (RollBack);
 * otherwise its record is *stuck* — iterations consumed and partly stored — until `retryStuck`
 * moves the items; a recovered record is never rolled back (it may have been sent before a crash).
 */
export class FailedItems {
  private stuck: { seqs: number[]; items: BulkItem[]; error: ItemErrors } | null = null;

  constructor(private readonly deps: FailedItemsDeps) {}

  get isStuck(): boolean {
    return this.stuck !== null;
  }

  /** Each item's fate after a delivery, the failed ones written to the DLQ first. */
  async settle(items: BulkItem[], result: Exclude<DeliveryResult, { outcome: 'not_indexed' }>, seqs: number[], origin: 'commit' | 'recovery'): Promise<Fate[]> {
    const { fates, failed } = itemFates(items, result);
    if (failed.size === 0) return fates;
    const failedItems = items.filter((it) => failed.has(it.id));
    try {
      await this.append(failedItems, failed);
    } catch (err) {
      if (origin === 'recovery') throw this.waiting(err);
      if (result.outcome === 'done' && fates.every((f) => f === 'dlq')) {
        throw new RollBack(new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); nothing was stored, send the batch again`, err));
      }
      this.stuck = { seqs, items: failedItems, error: failed };
      throw this.waiting(err);
    }
    return fates;
  }

  /** Moves the stuck items to the DLQ; returns the outbox records they belong to (now delivered). */
  async retryStuck(): Promise<number[]> {
    const stuck = this.stuck;
    if (stuck === null) return [];
    try {
      await this.append(stuck.items, stuck.error);
    } catch (err) {
      throw this.waiting(err);
    }
    this.stuck = null;
    this.deps.metrics.logsProcessed('dlq', stuck.items.length);
    return stuck.seqs;
  }

  private waiting(err: unknown): ChainsError {
    return new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); chain ${this.deps.chain} waits until it can`, err);
  }

  /** One append per data stream (the DLQ's files are per stream). */
  private async append(items: readonly BulkItem[], errors: ItemErrors): Promise<void> {
    const byStream = new Map<string, BulkItem[]>();
    for (const it of items) {
      const group = byStream.get(it.index);
      if (group === undefined) byStream.set(it.index, [it]);
      else group.push(it);
    }
    for (const [stream, group] of byStream) {
      await this.deps.dlq.append(this.deps.customer, stream, group.map((it) => ({ documentText: it.docText, error: errors.get(it.id) ?? null })));
    }
  }
}
