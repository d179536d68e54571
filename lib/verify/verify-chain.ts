import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { acknowledgeBlockchainId, chainIndexPattern, chainName, decodeCorruptionId, ErrorCode, WarningCode, wipeKey, type ChainIdentity } from '../chain';
import { chainExists, countLogs } from './chain-queries';
import { checkAcknowledgements } from './check-acknowledgements';
import { createCheckPool } from './check-pool';
import { planRun, type RunPlan } from './plan-run';
import { nextHistoryDays } from './plan-start';
import { readAcknowledgements } from './read-acknowledgements';
import { toReportEntries } from './report-entries';
import type { ReportWarning, VerificationReport } from './report';
import { scanChain, type ScanResult } from './scan-chain';
import { sealKey } from './seal-key';
import { readStateHistory, writeStateHistory } from './state-history';
import { throwIfCancelled, VerifyError } from './verify-error';

export interface VerifyChainOptions {
  readonly client: Client;
  readonly chain: ChainIdentity;
  /** The iteration-0 key (not modified; the caller wipes it). */
  readonly key0: Uint8Array;
  /** The chain's retention in days (null: never deleted). */
  readonly retentionDays: number | null;
  readonly stateHistoryDir: string;
  /** The bundled check worker (dist/cli/verify-check-worker.cjs); null checks on this thread. */
  readonly workerFile: string | null;
  readonly batchSize?: number;
  readonly concurrentBatches?: number;
  readonly skipIterationsBefore?: number;
  readonly indexingDelaySeconds?: number;
  readonly incremental?: boolean;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Cancels the run (the console's Cancel): checked between pages and steps, it ends the run with
   * VerifyError `ERR_VERIFY_CANCELLED` before the state history is touched.
   */
  readonly signal?: AbortSignal;
}

interface RunOutcome {
  plan: RunPlan;
  scan: ScanResult | null;
  entries: ReturnType<typeof toReportEntries>;
  ackMs: number;
  scanMs: number;
  notEvaluated: number;
}

/**
 * Verifies one chain end to end (reference §8): plans the start from the state history, reads
 * and checks the logs, judges the acknowledgements, repeats while a gap may still be indexing
 * (`--elasticsearch-indexing-delay`), and — when no unacknowledged error remains — updates the
 * state history. Returns the report; tampering is in it, never thrown.
 *
 * @throws VerifyError `ERR_VERIFY_UNKNOWN_CHAIN` (no data stream and no history),
 *   `ERR_VERIFY_WRONG_KEY`, `ERR_VERIFY_STORE`, `ERR_VERIFY_IO` (state history),
 *   `ERR_VERIFY_CANCELLED` (`signal` fired).
 * @example const report = await verifyChain({ client, chain, key0, retentionDays: 180, stateHistoryDir, workerFile: null });
 */
export async function verifyChain(o: VerifyChainOptions): Promise<VerificationReport> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => cancellableSleep(ms, o.signal));
  const name = chainName(o.chain);
  const pattern = chainIndexPattern(o.chain);
  const ackId = acknowledgeBlockchainId(o.chain);
  const startedMs = now();
  const history = readStateHistory(o.stateHistoryDir, name);
  if (!(await chainExists(o.client, pattern)) && history === null) {
    throw new VerifyError('ERR_VERIFY_UNKNOWN_CHAIN', `unknown chain ${name}: no data stream matches ${pattern} and there is no state history for it`);
  }
  const concurrent = o.concurrentBatches ?? 2;
  const deadline = startedMs + (o.indexingDelaySeconds ?? 60) * 1000;
  let outcome: RunOutcome;
  for (;;) {
    outcome = await runOnce(o, { pattern, ackId, history, concurrent, nowMs: now() });
    // Reference §8.2: a gap followed by a log signed within the indexing delay may still be
    // filling in; repeat the whole verification until the delay has passed.
    const recent = recentGap(outcome, now() - (o.indexingDelaySeconds ?? 60) * 1000);
    if (!recent || now() >= deadline) break;
    if (outcome.scan?.lastKey) wipeKey(outcome.scan.lastKey);
    await sleep(Math.min(2000, deadline - now()));
    throwIfCancelled(o.signal);
  }
  const { plan, scan, entries } = outcome;
  const finishedMs = now();
  const warnings: ReportWarning[] = [...plan.warnings];
  if (scan && scan.sequence.duplicateIterations.length > 0) {
    const its = scan.sequence.duplicateIterations;
    warnings.push({ code: WarningCode.DuplicateLogFound, message: `The blockchain contains duplicate logs, on iterations: [${its.slice(0, 100).join(', ')}${its.length > 100 ? ', …' : ''}]`, iterations: its.slice(0, 10_000) });
  }
  const errorsTotal = entries.errors.length;
  const status = errorsTotal > 0 ? 'critical' : warnings.length > 0 ? 'warning' : 'ok';
  const mode = plan.kind === 'scan' ? plan.mode : 'full';
  const verifiedFrom = plan.kind === 'scan' ? plan.start : null;
  // nextIteration is one past the last iteration seen or required (a missing tail included).
  const verifiedTo = scan && verifiedFrom !== null && scan.sequence.nextIteration > verifiedFrom ? scan.sequence.nextIteration - 1 : null;
  const finishedAt = new Date(finishedMs).toISOString();
  let updated = false;
  const lastKey = scan?.lastKey ?? null;
  try {
    throwIfCancelled(o.signal);
    if (errorsTotal === 0) {
      const fresh = scan?.days ?? {};
      const advanced = scan && scan.lastIteration !== null && scan.lastHash !== null;
      const lastVerified = advanced ? { iteration: scan.lastIteration as number, hash: scan.lastHash as string } : (history?.last_verified ?? null);
      const checkpoint = advanced && lastKey !== null ? sealKey(o.key0, lastKey, name, scan.lastIteration as number) : advanced ? null : (history?.key_checkpoint ?? null);
      writeStateHistory(o.stateHistoryDir, {
        version: 1,
        chain: name,
        updated_at: finishedAt,
        last_full_verification_at: mode === 'full' ? finishedAt : (history?.last_full_verification_at ?? null),
        last_verified: lastVerified,
        key_checkpoint: checkpoint,
        days: nextHistoryDays(mode === 'incremental' || scan === null ? (history?.days ?? {}) : {}, fresh, finishedMs, o.retentionDays),
      });
      updated = true;
    }
  } finally {
    if (lastKey !== null) wipeKey(lastKey);
  }
  return {
    report_version: 1,
    report_id: `${name}-${new Date(startedMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`,
    chain: name,
    identity: { ...o.chain },
    started_at: new Date(startedMs).toISOString(),
    finished_at: finishedAt,
    duration_ms: finishedMs - startedMs,
    mode,
    incremental_fallback: plan.fallback,
    verified_from: verifiedFrom,
    verified_to: verifiedTo,
    logs_checked: scan?.sequence.checked ?? 0,
    last_full_verification_at: mode === 'full' ? (errorsTotal === 0 ? finishedAt : (history?.last_full_verification_at ?? null)) : (history?.last_full_verification_at ?? null),
    status,
    exit_status: status === 'critical' ? 2 : status === 'warning' ? 1 : 0,
    warnings,
    errors: entries.errors.slice(0, 10_000),
    errors_total: errorsTotal,
    acknowledged: entries.acknowledged.slice(0, 10_000),
    acknowledgements_not_evaluated: outcome.notEvaluated,
    unplaced_documents: scan?.unplaced ?? [],
    unplaced_total: scan?.unplacedTotal ?? 0,
    state_history_updated: updated,
    timings_ms: { read_and_check: outcome.scanMs, acknowledgements: outcome.ackMs },
  };
}

async function runOnce(
  o: VerifyChainOptions,
  c: { pattern: string; ackId: string; history: ReturnType<typeof readStateHistory>; concurrent: number; nowMs: number },
): Promise<RunOutcome> {
  throwIfCancelled(o.signal);
  const plan = await planRun({
    client: o.client,
    pattern: c.pattern,
    chain: chainName(o.chain),
    key0: o.key0,
    history: c.history,
    nowMs: c.nowMs,
    retentionDays: o.retentionDays,
    skipIterationsBefore: o.skipIterationsBefore ?? 0,
    incremental: o.incremental ?? false,
  });
  if (o.signal?.aborted === true && plan.kind === 'scan' && plan.startKey) wipeKey(plan.startKey);
  throwIfCancelled(o.signal);
  const acks = await readAcknowledgements(o.client, c.ackId);
  const watch = new Set<number>();
  for (const a of acks) {
    try {
      const from = decodeCorruptionId(String(a.source.corruption_id)).from_iteration;
      if (from > 0) watch.add(from - 1);
    } catch {
      // judged (and reported) by checkAcknowledgements
    }
  }
  const t0 = Date.now();
  let scan: ScanResult | null = null;
  if (plan.kind === 'scan') {
    const total = await countLogs(o.client, c.pattern, plan.start);
    let done = 0;
    o.onProgress?.(0, total);
    // Starting threads costs more than checking a few pages (a routine incremental run).
    const batch = o.batchSize ?? 500;
    const pool = createCheckPool({ workers: total > 4 * batch ? c.concurrent : 0, workerFile: o.workerFile });
    try {
      scan = await scanChain({
        client: o.client,
        pattern: c.pattern,
        key0: o.key0,
        start: { iteration: plan.start, previousHash: plan.previousHash, acknowledgeBlockchainId: c.ackId },
        ...(plan.startKey ? { startKey: plan.startKey } : {}),
        keepLastKey: true,
        ...(plan.endIteration !== undefined ? { endIteration: plan.endIteration } : {}),
        batchSize: batch,
        concurrentBatches: c.concurrent,
        pool,
        watch,
        onPage: (n) => o.onProgress?.((done += n), Math.max(total, done)),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } finally {
      await pool.close();
    }
    if (scan.sequence.checked > 0 && scan.okCount === 0) {
      if (scan.lastKey) wipeKey(scan.lastKey);
      throw new VerifyError('ERR_VERIFY_WRONG_KEY', `not one of the ${scan.sequence.checked} logs of ${c.pattern} verifies with this key: is it the key file of another chain?`);
    }
  }
  const t1 = Date.now();
  const verdict = checkAcknowledgements({
    acks,
    key0: o.key0,
    acknowledgeBlockchainId: c.ackId,
    verifiedFrom: plan.kind === 'scan' ? plan.start : Number.MAX_SAFE_INTEGER,
    verifiedTo: scan ? maxOf(scan.lastIteration, plan.kind === 'scan' ? (plan.endIteration ?? null) : null) : null,
    hashBefore: scan?.watchedHashes ?? new Map(),
  });
  const entries = toReportEntries({ plan, logErrors: scan?.sequence.errors ?? [], verdict });
  return { plan, scan, entries, ackMs: Date.now() - t1, scanMs: t1 - t0, notEvaluated: verdict.notEvaluated };
}

function recentGap(r: RunOutcome, since: number): boolean {
  if (!r.scan) return false;
  for (const e of r.entries.errors) {
    if (e.code !== ErrorCode.LogBadIteration || e.to_iteration === undefined) continue;
    const ts = r.scan.afterGapTimestamps.get(e.to_iteration + 1);
    if (ts !== undefined && ts > since) return true;
  }
  return false;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** The indexing-delay wait, cut short when the run is cancelled. */
function cancellableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
