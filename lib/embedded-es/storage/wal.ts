/**
 * The write-ahead log: one append-only file per generation, one frame per request.
 *
 * Frames are written synchronously, in order, as they are appended (a page-cache copy), and
 * made durable by fdatasync on libuv's thread pool. Up to MAX_SYNCS_IN_FLIGHT syncs overlap:
 * a sync that starts while others run covers every frame written so far, so a request waits
 * for one sync after its own write instead of for the cycles queued before it. Frames appended
 * while that many syncs run wait together for the next one (group commit). Requests are
 * acknowledged in the order they were written, each only once every sync up to its own
 * succeeded. After any I/O error the log refuses further writes and acknowledges nothing
 * written after the failure: a partial frame may sit at the tail, and appending after it would
 * hide later acknowledged frames from replay; after a failed fdatasync Linux may have dropped
 * the dirty pages and a later sync may report success for them.
 */
import { promises as fsp, writeSync, writevSync } from 'node:fs';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { frame } from './frame';
import { walPath } from './fs-utils';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export type DataSync = (fh: fsp.FileHandle) => Promise<void>;

/** One fdatasync and the requests whose frames it covers (the frames written before it began). */
interface Sync {
  waiters: Waiter[];
  /** True once it succeeded (a failure stops the log instead). */
  done: boolean;
}

/**
 * Why several syncs at once: the store's event loop takes each sync's answer only between
 * requests it is processing, so one sync at a time made every cycle as long as that wait
 * (10–12 ms for 0.3 MB whose fdatasync alone takes 0.6 ms here), and the log, not the CPU,
 * set the store's rate when clients sent few requests at a time. Kept below libuv's four
 * pool threads so other file-system calls are not starved.
 */
export const MAX_SYNCS_IN_FLIGHT = 3;

export class Wal {
  /** Requests written but not yet covered by a started sync. */
  private unsynced: Waiter[] = [];
  /** Syncs started and not yet acknowledged, oldest first. */
  private syncs: Sync[] = [];
  private failure: unknown;
  private closed = false;

  private constructor(
    private readonly fh: fsp.FileHandle,
    readonly gen: number,
    public size: number,
    private readonly datasync: DataSync,
  ) {}

  /**
   * Opens (or creates) generation `gen` in `dir` for appending. `datasync` is a seam for tests
   * (the order and failures of the syncs); the default is the file's fdatasync.
   */
  static async open(dir: string, gen: number, datasync: DataSync = (fh) => fh.datasync()): Promise<Wal> {
    const file = walPath(dir, gen);
    // 0600: the log holds every stored document, as the DLQ and the outbox do.
    const fh = await fsp.open(file, 'a', 0o600);
    const { size } = await fh.stat();
    return new Wal(fh, gen, size, datasync);
  }

  /** The error that stopped the log, if any. */
  get failed(): unknown {
    return this.failure;
  }

  /** Appends one frame; resolves once it is on disk. */
  append(payload: Buffer[]): Promise<void> {
    if (this.failure !== undefined || this.closed) return Promise.reject(this.unavailable());
    const parts = frame(payload);
    let total = 0;
    for (const p of parts) total += p.length;
    try {
      writeAll(this.fh.fd, parts, total);
    } catch (err) {
      this.fail(err);
      return Promise.reject(this.unavailable());
    }
    this.size += total;
    const done = new Promise<void>((resolve, reject) => this.unsynced.push({ resolve, reject }));
    this.startSync();
    return done;
  }

  /** Resolves when everything appended so far is durable. */
  barrier(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.unavailable());
    if (this.unsynced.length === 0 && this.syncs.length === 0) return Promise.resolve();
    // Nothing written since the latest sync began: it covers everything, so wait for it instead
    // of issuing another fdatasync (a request with no operations calls this under load).
    const last = this.unsynced.length === 0 ? this.syncs[this.syncs.length - 1] : undefined;
    const done = new Promise<void>((resolve, reject) => (last?.waiters ?? this.unsynced).push({ resolve, reject }));
    this.startSync();
    return done;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.barrier().catch(() => undefined);
    this.closed = true;
    await this.fh.close();
  }

  private unavailable(): EmbeddedEsError {
    return new EmbeddedEsError(
      'ERR_EMBEDDED_ES_IO',
      { status: 503, type: 'unavailable_shards_exception', reason: 'the write-ahead log is unavailable after an I/O error' },
      { cause: this.failure },
    );
  }

  /** Starts a sync for the frames written so far, unless enough are running (the next takes them). */
  private startSync(): void {
    if (this.unsynced.length === 0 || this.syncs.length >= MAX_SYNCS_IN_FLIGHT || this.failure !== undefined) return;
    const sync: Sync = { waiters: this.unsynced, done: false };
    this.unsynced = [];
    this.syncs.push(sync);
    this.datasync(this.fh).then(
      () => {
        sync.done = true;
        this.settle();
      },
      (err: unknown) => {
        this.fail(err);
        this.settle();
      },
    );
  }

  /**
   * Acknowledges the syncs done, in order. After a failure nothing still waiting is acknowledged,
   * not even frames written before it whose sync has not answered yet (their outcome is unknown:
   * the client is told to send again).
   */
  private settle(): void {
    if (this.failure !== undefined) {
      for (const s of this.syncs.splice(0)) this.rejectAll(s.waiters);
      this.rejectAll(this.unsynced.splice(0));
      return;
    }
    while (this.syncs.length > 0 && (this.syncs[0] as Sync).done) {
      for (const w of (this.syncs.shift() as Sync).waiters) w.resolve();
    }
    this.startSync();
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    this.rejectAll(this.unsynced.splice(0));
  }

  private rejectAll(waiters: Waiter[]): void {
    const e = this.unavailable();
    for (const w of waiters) w.reject(e);
  }
}

/** Writes every part at the file's end (append mode), retrying short writes. */
function writeAll(fd: number, parts: Buffer[], total: number): void {
  const written = writevSync(fd, parts);
  if (written >= total) return;
  const rest = Buffer.concat(parts).subarray(written);
  let off = 0;
  while (off < rest.length) off += writeSync(fd, rest, off);
}
