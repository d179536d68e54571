import path from 'node:path';
import { FLAGS, errnoCode, nodeFs, type DurableFileHandle, type DurableFs } from './fs-seam';
import { fsyncDir } from './fsync-dir';
import { toBytes, writeAll } from './write-all';

export interface AppendOptions {
  /** Mode of the file when this call creates it (default 0o600). */
  mode?: number;
  fs?: DurableFs;
  /**
   * Nobody else writes the file while this appender has it open (the caller holds a lock, as
   * the chain outbox does): its size is kept in memory instead of an fstat before every write.
   */
  soleWriter?: boolean;
}

/**
 * An append-only file kept open (O_APPEND, never following a symlink). `append` resolves only
 * once the bytes are on disk (fdatasync), and the first sync after opening the file also fsyncs
 * the directory, so the file's name survives a power loss too — also when the file already
 * existed: an earlier appender may have created it and failed (its append rolled back) or died
 * before its own directory fsync.
 *
 * A failed append is rolled back as far as the OS lets us: the file is truncated to its size
 * before the write, so a partial write (ENOSPC halfway) does not leave half a record behind.
 */
export class DurableAppender {
  readonly path: string;
  /** True when `open` created the file. */
  readonly created: boolean;
  readonly #handle: DurableFileHandle;
  readonly #fs: DurableFs;
  #dirSynced: boolean;
  #closed = false;
  /** The size when this appender is the file's only writer and knows it; null → fstat. */
  #knownSize: number | null = null;
  readonly #soleWriter: boolean;

  private constructor(p: string, handle: DurableFileHandle, created: boolean, fs: DurableFs, soleWriter: boolean) {
    this.path = p;
    this.#handle = handle;
    this.created = created;
    this.#fs = fs;
    this.#dirSynced = false;
    this.#soleWriter = soleWriter;
  }

  /**
   * Opens `p` for appending, creating it with `mode` when absent.
   * @throws system errors as they are (ELOOP for a symlink, ENOENT for a missing directory, ...).
   */
  static async open(p: string, options: AppendOptions = {}): Promise<DurableAppender> {
    const fs = options.fs ?? nodeFs;
    const mode = options.mode ?? 0o600;
    try {
      const handle = await fs.open(p, FLAGS.appendCreateExclusive, mode);
      try {
        await handle.chmod(mode);
      } catch (err) {
        await handle.close().catch(() => undefined);
        throw err;
      }
      return new DurableAppender(p, handle, true, fs, options.soleWriter === true);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
    return new DurableAppender(p, await fs.open(p, FLAGS.appendExisting), false, fs, options.soleWriter === true);
  }

  /** Current size in bytes (fstat, or the tracked size of a sole writer after its first fstat). */
  async size(): Promise<number> {
    if (this.#knownSize !== null) return this.#knownSize;
    const size = (await this.#handle.stat()).size;
    if (this.#soleWriter) this.#knownSize = size;
    return size;
  }

  /** The file's last byte, or null when it is empty (used to detect a torn last line). */
  async lastByte(): Promise<number | null> {
    const size = await this.size();
    if (size === 0) return null;
    const buf = Buffer.alloc(1);
    const { bytesRead } = await this.#handle.read(buf, 0, 1, size - 1);
    return bytesRead === 1 ? (buf[0] as number) : null;
  }

  /** Writes without syncing (callers batching several writes call {@link sync} once). Rolled back on failure. */
  async write(data: Uint8Array | string): Promise<void> {
    this.#assertOpen();
    const bytes = toBytes(data);
    const before = await this.size();
    try {
      await writeAll(this.#handle, bytes, null);
    } catch (err) {
      await this.#rollback(before);
      throw err;
    }
    this.#grown(before, bytes.length);
  }

  /** fdatasync, plus a one-time directory fsync after opening (see the class comment). */
  async sync(): Promise<void> {
    this.#assertOpen();
    await this.#handle.datasync();
    if (!this.#dirSynced) {
      await fsyncDir(path.dirname(this.path), this.#fs);
      this.#dirSynced = true;
    }
  }

  /**
   * Appends `data` and waits until it is durable. On any failure (write or sync) the file is
   * truncated back to its previous size (best effort) and the error is rethrown.
   */
  async append(data: Uint8Array | string): Promise<void> {
    this.#assertOpen();
    const bytes = toBytes(data);
    const before = await this.size();
    try {
      await writeAll(this.#handle, bytes, null);
      this.#grown(before, bytes.length);
      await this.sync();
    } catch (err) {
      await this.#rollback(before);
      throw err;
    }
  }

  /** Truncates to `length` and syncs (used to undo a batch that a later step could not finish). */
  async truncate(length: number): Promise<void> {
    this.#assertOpen();
    this.#knownSize = null; // unknown until the truncate is known to have happened
    await this.#handle.truncate(length);
    if (this.#soleWriter) this.#knownSize = length;
    await this.#handle.datasync();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }

  async #rollback(length: number): Promise<void> {
    // After a failed fsync the page cache may or may not hold the bytes (Linux may drop the
    // error state); cutting them off is the only way to keep "rejected" meaning "not written".
    this.#knownSize = null;
    try {
      await this.#handle.truncate(length);
      if (this.#soleWriter) this.#knownSize = length;
      await this.#handle.datasync();
    } catch {
      // Best effort: a reader still detects a torn tail (and the next write asks fstat).
    }
  }

  #grown(before: number, bytes: number): void {
    if (this.#knownSize !== null) this.#knownSize = before + bytes;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`appender for ${this.path} is closed`);
  }
}

/**
 * Appends `data` to `path` (created with `mode` when absent) and resolves once it is durable.
 * @throws system errors as they are (ENOSPC, EIO, ...); the file keeps its previous size then.
 * @example await appendDurable('/var/dlq/acme/x-2024-01-01.ndjson', '{"a":1}\n')
 */
export async function appendDurable(p: string, data: Uint8Array | string, options: AppendOptions = {}): Promise<void> {
  const appender = await DurableAppender.open(p, options);
  try {
    await appender.append(data);
  } finally {
    await appender.close();
  }
}
