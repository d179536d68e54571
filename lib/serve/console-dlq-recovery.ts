// Background DLQ recoveries for the console: one at a time per process, progress kept for polling.
import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { StorePort } from '../chains';
import { DlqError, fileVersion, type Dlq } from '../dlq';
import { DlqRecoveryError, recoverDlq, type DlqRecoveryReport } from '../dlq-recovery';
import type { DlqRecoverInput, DlqRecoverReportDto, DlqRecoveryJobDto } from '../shared';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toReportDto(r: DlqRecoveryReport): DlqRecoverReportDto {
  return {
    files: r.files.map((f) => ({ relPath: f.relPath, dataStream: f.dataStream, entries: f.entries, recovered: f.recovered, alreadyStored: f.alreadyStored, failedCount: f.failedCount, action: f.action })),
    totals: { ...r.totals },
    rejected: { ...r.rejected },
    stoppedBy: r.stoppedBy,
    notAttempted: [...r.notAttempted],
    complete: r.complete,
  };
}

export interface RecoveryRunner {
  start(files: DlqRecoverInput['files'], o: { startedBy: string; onFinish?: (job: DlqRecoveryJobDto) => void }): Promise<DlqRecoveryJobDto>;
  /** The running job, or the last one. */
  current(): DlqRecoveryJobDto | null;
  /** Resolves when the running job (if any) has finished (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Background DLQ recoveries for the console, one at a time per process: `start` checks
 * everything that can be checked up front (another run, Elasticsearch reachable, the files exist
 * at the versions listed) and refuses with nothing started; then lib/dlq-recovery runs in the
 * background and its per-batch progress is kept for polling. The last job stays readable.
 */
export function createRecoveryRunner(deps: { dlq: Dlq; client: Client; store: Pick<StorePort, 'deliver' | 'ping'>; now?: () => Date }): RecoveryRunner {
  const now = deps.now ?? (() => new Date());
  let job: Mutable<DlqRecoveryJobDto> | null = null;
  let running: Promise<void> = Promise.resolve();
  let starting = false;
  const snapshot = (): DlqRecoveryJobDto | null => (job === null ? null : { ...job, progress: { ...job.progress } });

  return {
    current: snapshot,
    idle: () => running,
    async start(files, o) {
      if (starting || job?.state === 'running') throw new DlqRecoveryError('ERR_DLQ_RECOVERY_BUSY', `a recovery is already running (started by ${job?.startedBy ?? 'another request'}); wait for it to finish`);
      starting = true;
      try {
        if (!(await deps.store.ping())) throw new DlqRecoveryError('ERR_DLQ_RECOVERY_STORE_UNAVAILABLE', 'Elasticsearch is not reachable; nothing was recovered');
        const signed = (await deps.dlq.list()).files.filter((f) => f.kind === 'signed');
        let targets = signed;
        if (files !== undefined) {
          targets = [];
          for (const want of files) {
            const f = signed.find((s) => s.relPath === want.relPath);
            if (f === undefined) throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `not a signed dead letter queue file (any more): ${want.relPath}; reload the list`);
            if (fileVersion({ size: f.bytes, mtimeMs: f.mtimeMs }) !== want.version) {
              throw new DlqError('ERR_DLQ_CHANGED', `dead letter queue file ${want.relPath} changed since it was listed (it now has ${f.bytes} bytes); nothing was recovered — reload the list and check the file again`);
            }
            targets.push(f);
          }
        }
        const done = new Map<string, number>();
        const current: Mutable<DlqRecoveryJobDto> = {
          id: randomUUID(),
          state: 'running',
          startedBy: o.startedBy,
          startedAt: now().toISOString(),
          finishedAt: null,
          files: files === undefined ? null : files.map((f) => f.relPath),
          progress: { currentFile: null, filesDone: 0, filesTotal: targets.length, entriesDone: 0, entriesTotal: targets.reduce((n, f) => n + f.entries, 0) },
          report: null,
          error: null,
        };
        job = current;
        const run = recoverDlq({
          dlq: deps.dlq,
          client: deps.client,
          store: deps.store,
          ...(files === undefined ? {} : { files: files.map((f) => f.relPath) }),
          onProgress: (p) => {
            if (current.progress.currentFile !== null && current.progress.currentFile !== p.relPath) current.progress = { ...current.progress, filesDone: current.progress.filesDone + 1 };
            done.set(p.relPath, p.done);
            current.progress = { ...current.progress, currentFile: p.relPath, entriesDone: [...done.values()].reduce((a, b) => a + b, 0) };
          },
        });
        running = run.then(
          (report) => {
            current.report = toReportDto(report);
            current.state = 'done';
            current.progress = { ...current.progress, currentFile: null, filesDone: report.files.length };
          },
          (err: unknown) => {
            const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ERR_INTERNAL';
            current.error = { code, message: err instanceof DlqError || err instanceof DlqRecoveryError ? err.message : 'the recovery failed unexpectedly; see the server log' };
            current.state = 'failed';
          },
        ).finally(() => {
          current.finishedAt = now().toISOString();
          o.onFinish?.(snapshot() as DlqRecoveryJobDto);
        });
        return snapshot() as DlqRecoveryJobDto;
      } finally {
        starting = false;
      }
    },
  };
}
