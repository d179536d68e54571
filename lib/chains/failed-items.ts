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
  /** `items`: those not in the DLQ yet; `count`: every failed item of the records (the metric). */
  private stuck: { seqs: number[]; items: BulkItem[]; error: ItemErrors; count: number } | null = null;

  constructor(private readonly deps: FailedItemsDeps) {}

  get isStuck(): boolean {
    return this.stuck !== null;
  }

  /** Each item's fate after a delivery, the failed ones written to the DLQ first. */
  async settle(items: BulkItem[], result: Exclude<DeliveryResult, { outcome: 'not_indexed' }>, seqs: number[], origin: 'commit' | 'recovery'): Promise<Fate[]> {
    const { fates, failed } = itemFates(items, result);
    if (failed.size === 0) return fates;
    const failedItems = items.filter((it) => failed.has(it.id));
    const missed = await this.append(failedItems, failed);
    if (missed === null) return fates;
    if (origin === 'recovery') throw this.waiting(missed.err);
    // Roll back only when nothing at all was stored: not in Elasticsearch, and not one data
    // stream's lines in the DLQ either (those iterations would otherwise be signed twice).
    if (result.outcome === 'done' && fates.every((f) => f === 'dlq') && missed.left.length === failedItems.length) {
      throw new RollBack(new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(missed.err as Error).message}); nothing was stored, send the batch again`, missed.err));
    }
    this.stuck = { seqs, items: missed.left, error: failed, count: failedItems.length };
    throw this.waiting(missed.err);
  }

  /** Moves the stuck items to the DLQ; returns the outbox records they belong to (now delivered). */
  async retryStuck(): Promise<number[]> {
    const stuck = this.stuck;
    if (stuck === null) return [];
    const missed = await this.append(stuck.items, stuck.error);
    if (missed !== null) {
      // The streams written now are not written again at the next retry.
      this.stuck = { ...stuck, items: missed.left };
      throw this.waiting(missed.err);
    }
    this.stuck = null;
    this.deps.metrics.logsProcessed('dlq', stuck.count);
    return stuck.seqs;
  }

  private waiting(err: unknown): ChainsError {
    return new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); chain ${this.deps.chain} waits until it can`, err);
  }

  /**
   * One append per data stream (the DLQ's files are per stream; each append is all or nothing).
   * Returns null when every stream was written, else the items of the streams that were not and
   * the error — the streams before the failing one are in the DLQ.
   */
  private async append(items: readonly BulkItem[], errors: ItemErrors): Promise<{ left: BulkItem[]; err: unknown } | null> {
    const byStream = new Map<string, BulkItem[]>();
    for (const it of items) {
      const group = byStream.get(it.index);
      if (group === undefined) byStream.set(it.index, [it]);
      else group.push(it);
    }
    const groups = [...byStream.entries()];
    for (let i = 0; i < groups.length; i++) {
      const [stream, group] = groups[i] as [string, BulkItem[]];
      try {
        await this.deps.dlq.append(this.deps.customer, stream, group.map((it) => ({ documentText: it.docText, error: errors.get(it.id) ?? null })));
      } catch (err) {
        return { left: groups.slice(i).flatMap(([, g]) => g), err };
      }
    }
    return null;
  }
}
