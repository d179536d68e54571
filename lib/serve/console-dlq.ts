import type { Client } from '@elastic/elasticsearch';
import type { ConsoleDlqService } from '../auth';
import type { StorePort } from '../chains';
import type { Dlq, DlqFileInfo } from '../dlq';
import { describeDlq, recoverDlq } from '../dlq-recovery';
import type { DlqFileDto } from '../shared';

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
  };
}

/**
 * The console's DLQ page over the same library as `signet dlq list|recover`: describeDlq and
 * recoverDlq on the service's own DLQ, client and store. Recoveries run one at a time in this
 * process (a second request waits for the first), so two clicks never recover a file twice at once.
 */
export function createConsoleDlqService(deps: { dlq: Dlq; client: Client; store: Pick<StorePort, 'deliver' | 'ping'> }): ConsoleDlqService {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async describe() {
      const o = await describeDlq(deps.dlq);
      return { signed: o.signed.map(toFileDto), rejected: o.rejected.map(toFileDto), archivedFiles: o.archived.length, unknownEntries: o.unknown.length, totals: { ...o.totals } };
    },
    recover(files) {
      const run = queue.then(async () => {
        const r = await recoverDlq({ dlq: deps.dlq, client: deps.client, store: deps.store, ...(files === undefined ? {} : { files }) });
        return {
          files: r.files.map((f) => ({ relPath: f.relPath, dataStream: f.dataStream, entries: f.entries, recovered: f.recovered, alreadyStored: f.alreadyStored, failedCount: f.failedCount, action: f.action })),
          totals: { ...r.totals },
          rejected: { ...r.rejected },
          stoppedBy: r.stoppedBy,
          notAttempted: [...r.notAttempted],
          complete: r.complete,
        };
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
