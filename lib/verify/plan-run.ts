import type { Client } from '@elastic/elasticsearch';
import { checkEntries, deriveKey, nextKey, wipeKey, WarningCode } from '../chain';
import { edgeIteration, logsAt } from './chain-queries';
import { planFromHistory } from './plan-start';
import { openKey } from './seal-key';
import type { ReportWarning } from './report';
import type { StateHistory } from './state-history';

/** Where a run starts and what it must find (from the state history, reference §8.3). */
export type RunPlan =
  | {
      kind: 'scan';
      mode: 'full' | 'incremental';
      start: number;
      previousHash: string | null | undefined;
      endIteration?: number;
      /** key[start] when already at hand (incremental); the scan wipes it. */
      startKey?: Uint8Array;
      warnings: ReportWarning[];
      fallback: string | null;
    }
  | { kind: 'empty'; corruption: boolean; warnings: ReportWarning[]; fallback: string | null };

export interface PlanRunOptions {
  readonly client: Client;
  readonly pattern: string;
  /** The chain's name (binds the sealed key checkpoint). */
  readonly chain: string;
  readonly key0: Uint8Array;
  readonly history: StateHistory | null;
  readonly nowMs: number;
  readonly retentionDays: number | null;
  readonly skipIterationsBefore: number;
  readonly incremental: boolean;
}

/**
 * Decides the run: incremental from the recorded boundary when it is intact, else a full run
 * from the first expected iteration (history "must exist" / "may exist") or, with no history,
 * from the first log found. Emits the retention warnings of reference §8.4.
 */
export async function planRun(o: PlanRunOptions): Promise<RunPlan> {
  let fallback: string | null = null;
  if (o.incremental) {
    const lv = o.history?.last_verified ?? null;
    if (lv === null) fallback = 'no verified boundary in the state history (first verification)';
    else {
      const b = await checkBoundary(o, lv.iteration, lv.hash);
      if ('startKey' in b) return { kind: 'scan', mode: 'incremental', start: lv.iteration + 1, previousHash: lv.hash, startKey: b.startKey, warnings: [], fallback: null };
      fallback = b.problem;
    }
  }
  const skip = o.skipIterationsBefore;
  const warnings: ReportWarning[] = [];
  const hs = o.history ? planFromHistory(o.history.days, o.nowMs, o.retentionDays) : ({ kind: 'none' } as const);
  if (hs.kind === 'must') {
    // --skip-iterations-before is retention-aware: ignored when retention already passed it.
    const start = Math.max(hs.iteration, skip);
    const lastVerified = o.history?.last_verified?.iteration;
    const endIteration = lastVerified !== undefined && lastVerified >= start ? lastVerified : start;
    if ((await edgeIteration(o.client, o.pattern, { order: 'asc' })) === null) return { kind: 'empty', corruption: true, warnings, fallback };
    return { kind: 'scan', mode: 'full', start, previousHash: start === 0 ? null : undefined, endIteration, warnings, fallback };
  }
  if (hs.kind === 'may') {
    const from = Math.max(hs.iteration, skip);
    const first = await edgeIteration(o.client, o.pattern, { order: 'asc', gte: skip });
    if (first === null || (await edgeIteration(o.client, o.pattern, { order: 'asc', gte: from })) === null) {
      warnings.push({ code: WarningCode.EmptyBlockchain, message: `No logs from iteration ${from} on: the history's last day (${hs.day}) is older than the retention and nothing was indexed since.` });
      return { kind: 'empty', corruption: false, warnings, fallback };
    }
    if (first > from) {
      warnings.push({ code: WarningCode.UntrustedFirstIterationInsufficientInfo, message: `The state history is older than the retention (last day ${hs.day}); the first log found (${first}) cannot be confirmed as the first expected one. Verify more often than the retention.` });
      return { kind: 'scan', mode: 'full', start: first, previousHash: first === 0 ? null : undefined, warnings, fallback };
    }
    const start = (await edgeIteration(o.client, o.pattern, { order: 'asc', gte: from })) as number;
    return { kind: 'scan', mode: 'full', start, previousHash: start === 0 ? null : undefined, warnings, fallback };
  }
  const first = await edgeIteration(o.client, o.pattern, { order: 'asc', gte: skip });
  if (first === null) {
    warnings.push({ code: WarningCode.UnknownFirstIteration, message: 'The blockchain is empty and there is no state history: a new chain, or all logs were deleted before any successful verification.' });
    return { kind: 'empty', corruption: false, warnings, fallback };
  }
  if (first > skip) {
    warnings.push({ code: WarningCode.UntrustedFirstIterationNoStateHistory, message: `The first log found has iteration ${first}, not ${skip}, and there is no state history to confirm it. Investigate, then re-run: the warning disappears after the first successful run.` });
  }
  return { kind: 'scan', mode: 'full', start: first, previousHash: first === 0 ? null : undefined, warnings, fallback };
}

/**
 * Checks that the recorded boundary log is still there, unchanged (its MAC verifies and its hash
 * is the recorded one). Returns key[iteration + 1] to continue from, or why it cannot anchor an
 * incremental run. key[iteration] comes from the sealed checkpoint when it opens (else it is
 * derived from key[0]); either way the boundary log's MAC proves it right.
 */
async function checkBoundary(o: PlanRunOptions, iteration: number, hash: string): Promise<{ startKey: Uint8Array } | { problem: string }> {
  const logs = await logsAt(o.client, o.pattern, iteration);
  if (logs.length === 0) return { problem: `the boundary log ${iteration} recorded in the state history is missing` };
  const cp = o.history?.key_checkpoint;
  const sealed = cp && cp.iteration === iteration ? openKey(o.key0, cp, o.chain) : null;
  const ok = (key: Uint8Array): boolean => checkEntries(logs, { key, iteration }).some((c) => c.status === 'ok' && c.storedHash === hash);
  for (const key of sealed ? [sealed, null] : [null]) {
    const k = key ?? deriveKey(o.key0, iteration);
    try {
      if (ok(k)) return { startKey: nextKey(k) };
    } finally {
      wipeKey(k);
    }
  }
  return { problem: `the boundary log ${iteration} changed since the last verification (hash or content differs)` };
}
