/**
 * The write-ahead log: one append-only file per generation, one frame per request.
 *
 * Group commit: frames appended while an fsync is in flight are written and synced together by
 * the next cycle, so N concurrent requests cost one fdatasync, and a request is acknowledged only
 * after the cycle holding its frame completed. After any I/O error the log refuses further
 * writes: a partial frame may sit at the tail, and appending after it would hide later
 * acknowledged frames from replay.
 */
import { promises as fsp } from 'node:fs';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { frame } from './frame';
import { walPath } from './fs-utils';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class Wal {
  private queue: Buffer[] = [];
  private waiters: Waiter[] = [];
  private flushing = false;
  private failure: unknown;
  private closed = false;

  private constructor(
    private readonly fh: fsp.FileHandle,
    readonly gen: number,
    public size: number,
  ) {}

  /** Opens (or creates) generation `gen` in `dir` for appending. */
  static async open(dir: string, gen: number): Promise<Wal> {
    const file = walPath(dir, gen);
    const fh = await fsp.open(file, 'a');
    const { size } = await fh.stat();
    return new Wal(fh, gen, size);
  }

  /** The error that stopped the log, if any. */
  get failed(): unknown {
    return this.failure;
  }

  /** Appends one frame; resolves once it is on disk. */
  append(payload: Buffer[]): Promise<void> {
    if (this.failure !== undefined || this.closed) return Promise.reject(this.unavailable());
    const parts = frame(payload);
    this.queue.push(...parts);
    for (const p of parts) this.size += p.length;
    return this.wait();
  }

  /** Resolves when everything appended so far is durable. */
  barrier(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.unavailable());
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return this.wait();
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.barrier().catch(() => undefined);
    this.closed = true;
    await this.fh.close();
  }

  private wait(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    void this.cycle();
    return p;
  }

  private unavailable(): EmbeddedEsError {
    return new EmbeddedEsError(
      'ERR_EMBEDDED_ES_IO',
      { status: 503, type: 'unavailable_shards_exception', reason: 'the write-ahead log is unavailable after an I/O error' },
      { cause: this.failure },
    );
  }

  private async cycle(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    while (this.queue.length > 0 || this.waiters.length > 0) {
      const bufs = this.queue;
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      try {
        if (this.failure !== undefined) throw this.failure;
        if (bufs.length > 0) {
          let total = 0;
          for (const b of bufs) total += b.length;
          const { bytesWritten } = await this.fh.writev(bufs);
          if (bytesWritten < total) {
            const rest = Buffer.concat(bufs).subarray(bytesWritten);
            let off = 0;
            while (off < rest.length) off += (await this.fh.write(rest, off)).bytesWritten;
          }
          await this.fh.datasync();
        }
        for (const w of waiters) w.resolve();
      } catch (err) {
        this.failure ??= err;
        const e = this.unavailable();
        for (const w of waiters) w.reject(e);
      }
    }
    this.flushing = false;
  }
}
