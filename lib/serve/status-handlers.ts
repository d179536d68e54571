import fs from 'node:fs/promises';
import path from 'node:path';
import type { ChainService } from '../chains';
import type { Dlq } from '../dlq';
import type { KeyStore } from '../keys';
import type { SignetMetrics } from '../metrics';
import type { HttpAnswer } from '../services';

/** Below this share of free space on the data directory's file system, health is "down". */
export const MIN_FREE_DISK_RATIO = 0.05;

export interface StatusDeps {
  readonly dlq: Dlq;
  readonly keys: KeyStore;
  readonly chains: ChainService;
  readonly metrics: SignetMetrics;
  readonly ping: () => Promise<boolean>;
  readonly dataDir: string;
}

const ok = (body: Record<string, unknown> | string, status = 200, headers: Record<string, string> = {}): HttpAnswer => ({ status, headers, body });

/** El Proxy's status endpoints (reference §10) plus Signet's health check. */
export function createStatusHandlers(d: StatusDeps) {
  return {
    /** `{"empty": bool}` — false while any signed or rejected DLQ entry waits for an operator. */
    async dlqStatus(): Promise<HttpAnswer> {
      let s: Awaited<ReturnType<Dlq['status']>>;
      try {
        s = await d.dlq.status();
      } catch (err) {
        // An unreadable DLQ folder is an operator's problem to see (monitoring turns critical),
        // not an internal error: say which folder and why (DlqError messages hold no log content).
        const e = err as { code?: unknown; message?: unknown };
        return ok({ error: { code: typeof e.code === 'string' ? e.code : 'ERR_DLQ_IO', message: String(e.message) } }, 503);
      }
      return ok({ empty: s.empty, signed_files: s.signedFiles, rejected_files: s.rejectedFiles });
    },
    /** `{"empty": bool}` — false while an iteration-0 key backup waits to be moved off the machine. */
    async keysBackupStatus(): Promise<HttpAnswer> {
      const b = await d.keys.backups();
      return ok({ empty: b.length === 0, files: b.length });
    },
    async metrics(): Promise<HttpAnswer> {
      return ok(d.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    },
    /**
     * Readiness: 200 while logs can be accepted ("ok", or "degraded" when something needs an
     * operator: DLQ entries, a key backup, a blocked chain), 503 when the store is unreachable or
     * the disk is nearly full ("down").
     */
    async health(): Promise<HttpAnswer> {
      const [reachable, disk, dlq, backups] = await Promise.all([d.ping().catch(() => false), nearestExisting(d.dataDir).then((f) => (f === null ? null : diskSpace(f.dir))), d.dlq.status().catch(() => null), d.keys.backups().catch(() => null)]);
      const chains = d.chains.status();
      const blocked = chains.filter((c) => c.state === 'blocked');
      const diskOk = disk !== null && disk.freeRatio >= MIN_FREE_DISK_RATIO;
      const problems: string[] = [];
      if (!reachable) problems.push('Elasticsearch is unreachable');
      if (!diskOk) problems.push(disk === null ? 'the data directory cannot be read' : `only ${(disk.freeRatio * 100).toFixed(1)}% of the data disk is free`);
      if (blocked.length > 0) problems.push(`${blocked.length} chain(s) blocked`);
      const capacity = d.chains.capacity();
      if (capacity.max !== null && capacity.chains >= capacity.max) {
        problems.push(`max_blockchains reached (${capacity.chains} of ${capacity.max}): logs of new blockchains go to the rejected area`);
      }
      if (dlq !== null && !dlq.empty) problems.push('the dead letter queue is not empty');
      if (backups !== null && backups.length > 0) problems.push('an iteration-0 key backup waits to be moved off the machine');
      const status = !reachable || !diskOk ? 'down' : problems.length > 0 ? 'degraded' : 'ok';
      return ok(
        {
          status,
          problems,
          store: { reachable },
          disk: disk === null ? null : { free_bytes: disk.free, total_bytes: disk.total, free_ratio: Number(disk.freeRatio.toFixed(4)) },
          dlq: dlq === null ? null : { empty: dlq.empty, signed_files: dlq.signedFiles, rejected_files: dlq.rejectedFiles },
          keys_backup: backups === null ? null : { empty: backups.length === 0 },
          chains: {
            total: chains.length,
            max: capacity.max,
            blocked: blocked.map((c) => ({ name: c.name, reason: c.blockedReason })),
            queued_logs: chains.reduce((n, c) => n + c.queuedLogs, 0),
            outbox_pending: chains.reduce((n, c) => n + c.pendingOutbox, 0),
          },
        },
        status === 'down' ? 503 : 200,
      );
    },
  };
}

/** Free and total bytes of the file system holding `dir`; null when it cannot be read. */
export async function diskSpace(dir: string): Promise<{ free: number; total: number; freeRatio: number } | null> {
  try {
    const s = await fs.statfs(dir);
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    return { free, total, freeRatio: total > 0 ? free / total : 0 };
  } catch {
    return null;
  }
}

/**
 * The nearest folder of `dir` and its ancestors that exists, with its device: a folder made on
 * first use (the key folder before the first chain, the DLQ before its first entry) is not a
 * problem — what counts is the file system it will be on. Null when none can be read.
 */
export async function nearestExisting(dir: string): Promise<{ dir: string; dev: string } | null> {
  for (let d = path.resolve(dir), i = 0; i < 64; d = path.dirname(d), i++) {
    const st = await fs.stat(d).catch(() => null);
    if (st !== null) return { dir: d, dev: String(st.dev) };
    if (path.dirname(d) === d) return null;
  }
  return null;
}
