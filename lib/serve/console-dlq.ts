import type { Client } from '@elastic/elasticsearch';
import type { ConsoleDlqService } from '../auth';
import type { StorePort } from '../chains';
import { fileVersion, type Dlq, type DlqFileInfo } from '../dlq';
import { DlqRecoveryError, describeDlq } from '../dlq-recovery';
import type { DlqFileDto } from '../shared';
import { toEntryDtos } from './console-dlq-entries';
import { createRecoveryRunner } from './console-dlq-recovery';

function toFileDto(f: DlqFileInfo): DlqFileDto {
  return {
    relPath: f.relPath,
    customer: f.customer,
    dataStream: f.dataStream,
    date: f.date,
    entries: f.entries,
    errorTypes: { ...f.errorTypes },
    badLines: f.badLines,
    tornTail: f.tornTail,
    bytes: f.bytes,
    modified: new Date(f.mtimeMs).toISOString(),
    version: fileVersion({ size: f.bytes, mtimeMs: f.mtimeMs }),
  };
}

/**
 * The console's DLQ page over the same library as `signet dlq list|recover`: describeDlq, paged
 * reads of one file (lib/dlq `read`, searched server-side), archiving into El Proxy's
 * `archive_dlq` folder next to the file (reference §7.2: the convention for files an operator
 * sets aside; they stay on disk, are listed as archived, and no longer make the DLQ non-empty),
 * and background recoveries (console-dlq-recovery.ts), one at a time in this process.
 */
export function createConsoleDlqService(deps: { dlq: Dlq; client: Client; store: Pick<StorePort, 'deliver' | 'ping'> }): ConsoleDlqService & { idle(): Promise<void> } {
  const runner = createRecoveryRunner(deps);
  return {
    async describe() {
      const o = await describeDlq(deps.dlq);
      return { signed: o.signed.map(toFileDto), rejected: o.rejected.map(toFileDto), archivedFiles: o.archived.length, unknownEntries: o.unknown.length, totals: { ...o.totals } };
    },
    async entries(q) {
      const page = await deps.dlq.read(q.file, { offset: q.page * q.size, limit: q.size, ...(q.q === undefined ? {} : { match: q.q }) });
      return { relPath: page.relPath, kind: page.kind, version: fileVersion({ size: page.size, mtimeMs: page.mtimeMs }), total: page.total, page: q.page, size: q.size, tornTail: page.tornTail, entries: toEntryDtos(page) };
    },
    async archive(input) {
      // A running recovery may be reading the file; moving it away now would fail that run.
      if (runner.current()?.state === 'running') throw new DlqRecoveryError('ERR_DLQ_RECOVERY_BUSY', 'a recovery is running; archive the file after it has finished');
      const moved = await deps.dlq.archive(input.file, input.version);
      return { relPath: input.file, archivedTo: moved.relPath };
    },
    startRecovery: (files, o) => runner.start(files, o),
    recoveryStatus: async () => ({ job: runner.current() }),
    idle: () => runner.idle(),
  };
}
