/**
 * Durable persistence for the store: recovery at start-up (latest snapshot, then every later WAL
 * generation in order, truncating a torn tail), group-committed appends, and compaction
 * (snapshot + new WAL generation) at start-up when the log is large and in the background when
 * it grows past a threshold.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { LockHeldError, acquireProcessLock, type ProcessLock } from '../../durable-fs';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import type { Persistence, Store } from '../state/store';
import type { EmbeddedEsLogger } from '../types';
import { scanFrames } from './frame';
import { fsyncDir, listGenerations, snapshotPath, walPath } from './fs-utils';
import { decodeOps, encodeOps } from './op-codec';
import type { Op } from './ops';
import { replaySnapshot, writeSnapshot } from './snapshot';
import { Wal } from './wal';

export interface DiskStorageOptions {
  dataDir: string;
  compactThresholdBytes: number;
  /** Replayed WAL bytes above which start-up writes a fresh snapshot. */
  startupCompactBytes: number;
  logger: EmbeddedEsLogger | undefined;
  /** How long to wait for a lock held by a live process (0 = refuse at once). */
  lockWaitMs?: number;
}

const LOCK = 'store.lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the directory's owner lock; a lock left by a dead process (kill -9) is taken over. A lock
 * held by a live process is waited for up to `waitMs`: after a SIGKILL of `signet serve`, its
 * store child needs a moment to notice and exit, and the new one must not fail meanwhile.
 */
async function lockDir(dir: string, waitMs: number): Promise<ProcessLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await acquireProcessLock(path.join(dir, LOCK));
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      if (Date.now() >= deadline) {
        throw new EmbeddedEsError('ERR_EMBEDDED_ES_IO', {
          status: 500,
          type: 'lock_obtain_failed_exception',
          reason: `data directory [${dir}] is in use by process ${err.holder}${waitMs > 0 ? ` (still after waiting ${Math.round(waitMs / 1000)} s)` : ''}`,
        });
      }
    }
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}

export class DiskStorage implements Persistence {
  private compacting: Promise<void> | undefined;

  private constructor(
    private readonly store: Store,
    private readonly opts: DiskStorageOptions,
    private wal: Wal,
    private readonly lock: ProcessLock,
  ) {}

  /** Recovers `store` from `opts.dataDir` and opens the log for appending. */
  static async open(store: Store, opts: DiskStorageOptions): Promise<DiskStorage> {
    const dir = opts.dataDir;
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const lock = await lockDir(dir, opts.lockWaitMs ?? 0);
    try {
      return await DiskStorage.recover(store, opts, lock);
    } catch (err) {
      await lock.release().catch(() => undefined);
      throw err;
    }
  }

  private static async recover(store: Store, opts: DiskStorageOptions, lock: ProcessLock): Promise<DiskStorage> {
    const dir = opts.dataDir;
    for (const name of await fsp.readdir(dir)) {
      if (name.endsWith('.tmp')) await fsp.rm(path.join(dir, name), { force: true });
    }
    const snaps = await listGenerations(dir, 'snapshot', '.snap');
    const snapGen = snaps[snaps.length - 1] ?? 0;
    const apply = (op: Op): void => store.apply(op, false);
    let docs = 0;
    if (snapGen > 0) docs = await replaySnapshot(dir, snapGen, apply);
    const wals = (await listGenerations(dir, 'wal', '.log')).filter((g) => g >= snapGen);
    let walBytes = 0;
    for (let i = 0; i < wals.length; i++) {
      const gen = wals[i] as number;
      const file = walPath(dir, gen);
      const buf = await fsp.readFile(file);
      const scan = scanFrames(buf);
      for (const payload of scan.payloads) for (const op of decodeOps(payload)) apply(op);
      walBytes += scan.validEnd;
      if (scan.damaged) {
        if (i < wals.length - 1) {
          throw new EmbeddedEsError('ERR_EMBEDDED_ES_CORRUPT', {
            status: 500,
            type: 'corrupt_state_exception',
            reason: `write-ahead log [${file}] is damaged at byte ${scan.validEnd} but is not the last generation`,
          });
        }
        // A torn tail: the request that wrote it was never acknowledged.
        const fh = await fsp.open(file, 'r+');
        try {
          await fh.truncate(scan.validEnd);
          await fh.sync();
        } finally {
          await fh.close();
        }
        opts.logger?.warn?.('truncated torn write-ahead log tail', { file, validBytes: scan.validEnd, droppedBytes: buf.length - scan.validEnd });
      }
    }
    const gen = Math.max(snapGen, wals[wals.length - 1] ?? 0, 1);
    const storage = new DiskStorage(store, opts, await Wal.open(dir, gen), lock);
    opts.logger?.info?.('embedded store recovered', { snapshotGen: snapGen, walGenerations: wals.length, walBytes, snapshotDocs: docs });
    if (walBytes > opts.startupCompactBytes || wals.length > 1) await storage.compact();
    return storage;
  }

  append(ops: Op[]): Promise<void> {
    const done = this.wal.append(encodeOps(ops));
    if (this.wal.size > this.opts.compactThresholdBytes && !this.compacting) {
      this.compacting = this.compact()
        .catch((err: unknown) => this.opts.logger?.error?.('compaction failed', { error: String(err) }))
        .finally(() => { this.compacting = undefined; });
    }
    return done;
  }

  barrier(): Promise<void> {
    return this.wal.barrier();
  }

  /** Writes a snapshot of the current state and drops older generations. */
  async compact(): Promise<void> {
    const dir = this.opts.dataDir;
    const old = this.wal;
    const gen = old.gen + 1;
    const next = await Wal.open(dir, gen);
    // Switch and capture in the same tick: ops before the switch are in the old log and in the capture.
    this.wal = next;
    const ops = this.store.captureSnapshot();
    await old.close();
    const bytes = await writeSnapshot(dir, gen, ops);
    for (const g of await listGenerations(dir, 'wal', '.log')) if (g < gen) await fsp.rm(walPath(dir, g), { force: true });
    for (const g of await listGenerations(dir, 'snapshot', '.snap')) if (g < gen) await fsp.rm(snapshotPath(dir, g), { force: true });
    await fsyncDir(dir);
    this.opts.logger?.info?.('embedded store compacted', { generation: gen, snapshotBytes: bytes });
  }

  /** Waits for a running compaction, flushes the log and releases the directory. */
  async close(): Promise<void> {
    await this.compacting;
    await this.wal.close();
    await this.lock.release();
  }
}
