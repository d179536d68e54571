import type { Client } from '@elastic/elasticsearch';
import type { StorePort } from '../chains';
import { DlqError, type Dlq, type DlqFileInfo } from '../dlq';
import { chainOfDataStream } from './chain-of-data-stream';
import { prepareEntry, type FileTarget, type PreparedEntry } from './prepare-entry';
import { RunState, StoreStopped, recoverBatch, type EntryFailure } from './recover-batch';

export { MAX_LISTED_FAILURES, type EntryFailure } from './recover-batch';

/** What a recovery did with one signed DLQ file. */
export interface FileRecoveryReport {
  readonly relPath: string;
  readonly dataStream: string;
  /** Complete entries in the file when it was read. */
  readonly entries: number;
  /** Entries indexed now. */
  readonly recovered: number;
  /** Entries Elasticsearch already held (found by `_id` with the same hash, or 409 on create): counted as stored. */
  readonly alreadyStored: number;
  /** Entries that stay in the DLQ (the first {@link MAX_LISTED_FAILURES}); `failedCount` has them all. */
  readonly failures: EntryFailure[];
  readonly failedCount: number;
  /** Invalid lines that are not the last one (kept byte for byte). */
  readonly badLines: number;
  /** The last line is torn (crash mid-write): kept byte for byte, reported. */
  readonly tornTail: boolean;
  /**
   * `moved`: everything recovered, the file is now in the recovered folder; `rewritten`: the
   * recovered lines moved there, the rest (failures, bad and torn lines) stays; `unchanged`:
   * nothing recovered; `changed`: the file grew while being recovered (the service appended), so
   * it was left as it was — the next run finds its logs already stored; `skipped`: not a file of
   * a signed data stream (see `problem`).
   */
  readonly action: 'moved' | 'rewritten' | 'unchanged' | 'changed' | 'skipped';
  /** Where the recovered lines are, relative to the recovered folder. */
  readonly recoveredRelPath: string | null;
  /** Complete entries left in the DLQ file afterwards. */
  readonly remainingEntries: number;
  readonly problem: string | null;
}

/** Lines read per page: each page re-scans the file up to it, so pages are large and batches are cut from them. */
export const READ_PAGE = 10_000;

export interface RecoverFileDeps {
  readonly dlq: Dlq;
  readonly client: Client;
  readonly store: Pick<StorePort, 'deliver'>;
  readonly batchSize: number;
  /** Lines per `dlq.read` page (default {@link READ_PAGE}). */
  readonly readPage?: number;
  readonly onProgress?: (p: { relPath: string; done: number; total: number }) => void;
}

/**
 * Recovers one signed DLQ file: re-indexes its entries in bulk batches, then settles the file
 * (lib/dlq `settle`: moved when every line was recovered, else the recovered lines move out and
 * failures, bad and torn lines stay). When Elasticsearch stops answering mid-file, what was
 * recovered so far is still settled, and the {@link StoreStopped} is returned next to the report.
 */
export async function recoverFile(deps: RecoverFileDeps, file: DlqFileInfo): Promise<{ report: FileRecoveryReport; stopped: StoreStopped | null }> {
  const base = { relPath: file.relPath, dataStream: file.dataStream ?? '', entries: file.entries, recovered: 0, alreadyStored: 0, failures: [] as EntryFailure[], failedCount: 0, badLines: file.badLines, tornTail: file.tornTail, recoveredRelPath: null, remainingEntries: file.entries, problem: null };
  const chain = file.dataStream === null ? { problem: 'not a signed data stream file' } : chainOfDataStream(file.dataStream);
  if ('problem' in chain) return { report: { ...base, action: 'skipped', problem: chain.problem }, stopped: null };
  if (chain.identity.customer !== file.customer) {
    return { report: { ...base, action: 'skipped', problem: `the data stream's customer ${chain.identity.customer} is not the folder's (${String(file.customer)})` }, stopped: null };
  }
  const target: FileTarget = { dataStream: file.dataStream as string, identity: chain.identity };
  const state = new RunState();
  let size: number | null = null;
  let entries = 0, badLines = 0, tornTail = false, changed = false;
  let stopped: StoreStopped | null = null;
  try {
    const readPage = deps.readPage ?? READ_PAGE;
    for (let offset = 0; ; offset += readPage) {
      const page = await deps.dlq.read(file.relPath, { offset, limit: readPage });
      if (page.format !== 'dlq') throw new DlqError('ERR_DLQ_INVALID_NAME', `${file.relPath} is not a signed dead letter queue file`);
      size ??= page.size;
      if (page.size !== size) {
        changed = true;
        break;
      }
      tornTail = page.tornTail;
      const batch: PreparedEntry[] = [];
      for (const view of page.entries) {
        if (view.bad !== undefined || view.document === undefined || view.documentText === undefined) {
          badLines++;
          continue;
        }
        entries++;
        const p = prepareEntry(view.line, view.document, view.documentText, target);
        if ('problem' in p) state.fail(p.line, null, p.problem);
        else batch.push(p);
      }
      for (let i = 0; i < batch.length; i += deps.batchSize) {
        await recoverBatch(deps, target, batch.slice(i, i + deps.batchSize), state);
        deps.onProgress?.({ relPath: file.relPath, done: state.processed, total: file.entries });
      }
      if (page.entries.length < readPage) break;
    }
  } catch (err) {
    if (!(err instanceof StoreStopped)) throw err;
    stopped = err;
  }
  if (tornTail) badLines--;
  const counts = { ...base, entries, recovered: state.recovered, alreadyStored: state.alreadyStored, failures: state.failures, failedCount: state.failedCount, badLines, tornTail };
  if (changed || size === null) return { report: { ...counts, action: changed ? 'changed' : 'unchanged', remainingEntries: entries }, stopped };
  try {
    const settled = await deps.dlq.settle(file.relPath, { recoveredLines: state.recoveredLines, expectedSize: size });
    return { report: { ...counts, action: settled.action, recoveredRelPath: settled.recoveredRelPath ?? null, remainingEntries: settled.remainingEntries }, stopped };
  } catch (err) {
    if (err instanceof DlqError && err.code === 'ERR_DLQ_CHANGED') return { report: { ...counts, action: 'changed', remainingEntries: entries }, stopped };
    throw err;
  }
}
