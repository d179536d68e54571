import type { Fate, Prepared } from './commit-types';
import type { BulkItem, DeliveryResult } from './ports';

export type ItemErrors = Map<string, { type: string; reason: string }>;

/**
 * Each delivered item's fate: indexed (or already stored), or bound for the DLQ — with the error
 * it goes there with, by item id: the store's error for the item, the transport error of an
 * uncertain delivery, or "no result" when the store's answer left the item out.
 */
export function itemFates(items: readonly BulkItem[], result: Exclude<DeliveryResult, { outcome: 'not_indexed' }>): { fates: Fate[]; failed: ItemErrors } {
  const failed: ItemErrors = new Map();
  const fates = items.map((it, i): Fate => {
    const o = result.outcome === 'done' ? result.items[i] : undefined;
    if (o !== undefined && o.status !== 'failed') return 'indexed';
    failed.set(it.id, o?.status === 'failed' ? o.error : result.outcome === 'done' ? { type: 'unknown', reason: 'no result for this item' } : result.error);
    return 'dlq';
  });
  return { fates, failed };
}

/** Answers every job of delivered commits with its share of the fates (jobs in commit order). */
export function answerJobs(batch: readonly Prepared[], fates: readonly Fate[]): void {
  let offset = 0;
  for (const c of batch) {
    for (const job of c.jobs) {
      let indexed = 0;
      for (let i = offset; i < offset + job.logs.length; i++) if (fates[i] === 'indexed') indexed++;
      offset += job.logs.length;
      job.resolve({ indexed, dlq: job.logs.length - indexed });
    }
  }
}
