import { crc32 } from 'node:zlib';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { DurableAppender, LockHeldError, acquireProcessLock, ensureDir, quickFs, type ProcessLock } from '../durable-fs';
import { bulkPayloadBytes } from './bulk-payload';
import { ChainsError } from './chains-error';
import type { BulkItem } from './ports';

/** A signed batch whose iterations are consumed; it stays until delivered (or discarded). */
export interface OutboxRecord {
  readonly seq: number;
  readonly firstIteration: number;
  readonly count: number;
  /** Hash of the batch's last log: the previous hash of the next iteration. */
  readonly lastHash: string;
  /** The bulk request body (NDJSON action + document lines). Never contains a key. */
  readonly payload: string;
}

export interface OutboxState {
  /** Complete records, not discarded, in order (done ones included: they carry head history). */
  readonly records: readonly (OutboxRecord & { done: boolean })[];
}

/*
 * File format, one file per chain ({outbox_dir}/{customer}/{chain}.outbox), append-only:
 *   R {"seq","first_iteration","count","last_hash","bytes","crc"}\n<payload: bytes>\n   a record
 *   D {"seq"}\n                                                                         delivered
 *   X {"seq"}\n                                                                         discarded
 * A record is complete when its payload and CRC check; a torn record at the end (crash during
 * the append) was never sent and is cut off when the file is opened.
 */
const MAX_FILE_BEFORE_TRUNCATE = 64 * 1024 * 1024;
/** Room left in front of an encoded payload for its record header (at most ~230 bytes). */
const HEADER_ROOM = 256;
const NEWLINE = Buffer.from('\n');

export class ChainOutbox {
  private seq = 0;
  private pending = new Set<number>();
  /**
   * Appender operations run one at a time: the chain writer appends the next batch's record while
   * it marks the previous one delivered (pipelined commits), and an append's rollback truncates
   * to the size it saw before — an overlapping write would be cut off with it.
   */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly appender: DurableAppender,
    private readonly lock: ProcessLock,
  ) {}

  /**
   * Opens (creating) a chain's outbox and reads its state, holding the chain's owner lock
   * ({chain}.lock beside it) until {@link close}: one writer per chain, also across processes —
   * two Signet processes on one chain would sign the same iterations (a fork that the 409 check
   * of lib/store only catches after the fact).
   * @throws ChainsError ERR_CHAINS_BLOCKED when another live process holds the chain.
   */
  static async open(dir: string, customer: string, chainName: string): Promise<{ outbox: ChainOutbox; state: OutboxState }> {
    const folder = path.join(dir, customer);
    let lock: ProcessLock | null = null;
    try {
      await ensureDir(folder); // 0700, and fsyncs the parents it creates
      lock = await acquireProcessLock(path.join(folder, `${chainName}.lock`));
      const file = path.join(folder, `${chainName}.outbox`);
      // The appender fsyncs the directory on its first sync when it creates the file, so a new
      // chain's outbox survives a crash together with its first record. The lock makes this
      // process the file's only writer.
      const outbox = new ChainOutbox(file, await DurableAppender.open(file, { mode: 0o600, soleWriter: true, fs: quickFs }), lock);
      const state = await outbox.load(await fsp.readFile(file));
      return { outbox, state };
    } catch (err) {
      await lock?.release().catch(() => undefined);
      if (err instanceof ChainsError) throw err;
      if (err instanceof LockHeldError) {
        // The holder's pid, not the lock's path: the answer goes to shippers.
        throw new ChainsError('ERR_CHAINS_BLOCKED', `chain ${chainName} is written by another Signet process on this machine (process ${err.holder} holds its lock); one writer per chain: stop the other process or give each instance its own chains`, err);
      }
      throw new ChainsError('ERR_CHAINS_OUTBOX', `cannot open the outbox of chain ${chainName}: ${(err as Error).message}`, err);
    }
  }

  private async load(buf: Buffer): Promise<OutboxState> {
    const records: (OutboxRecord & { done: boolean })[] = [];
    const byseq = new Map<number, OutboxRecord & { done: boolean }>();
    let pos = 0;
    let good = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const line = buf.toString('utf8', pos, nl);
      const kind = line.slice(0, 2);
      let meta: Record<string, unknown>;
      try {
        meta = JSON.parse(line.slice(2)) as Record<string, unknown>;
      } catch {
        break; // torn or garbage: everything from here on was never acknowledged
      }
      if (kind === 'R ') {
        const bytes = meta.bytes;
        if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) break;
        const start = nl + 1;
        if (start + bytes + 1 > buf.length || buf[start + bytes] !== 0x0a) break;
        const payloadBuf = buf.subarray(start, start + bytes);
        if (crc32(payloadBuf) !== meta.crc) break;
        const rec = { seq: meta.seq as number, firstIteration: meta.first_iteration as number, count: meta.count as number, lastHash: meta.last_hash as string, payload: payloadBuf.toString('utf8'), done: false };
        records.push(rec);
        byseq.set(rec.seq, rec);
        this.seq = Math.max(this.seq, rec.seq);
        pos = start + bytes + 1;
      } else if (kind === 'D ' || kind === 'X ') {
        const rec = byseq.get(meta.seq as number);
        if (rec !== undefined) {
          if (kind === 'D ') rec.done = true;
          else records.splice(records.indexOf(rec), 1);
        }
        pos = nl + 1;
      } else {
        break;
      }
      good = pos;
    }
    if (good < buf.length) await this.appender.truncate(good);
    for (const r of records) if (!r.done) this.pending.add(r.seq);
    return { records };
  }

  /** Appends a record durably (fdatasync) and returns its sequence number. */
  async append(rec: Omit<OutboxRecord, 'seq'>): Promise<number> {
    const payload = Buffer.from(rec.payload, 'utf8');
    return this.appendRecord(rec, payload, 0, payload.length);
  }

  /**
   * Appends the record of a batch of `items` (payload: their bulk body, as `toBulkPayload` writes
   * it) durably, and returns its sequence number with the body's bytes — the very `_bulk` request
   * body to send, encoded once for both.
   */
  async appendItems(rec: Omit<OutboxRecord, 'seq' | 'payload'>, items: readonly BulkItem[]): Promise<{ seq: number; body: Buffer }> {
    const buf = bulkPayloadBytes(items, HEADER_ROOM, 1);
    const end = buf.length - 1;
    const seq = await this.appendRecord(rec, buf, HEADER_ROOM, end);
    return { seq, body: buf.subarray(HEADER_ROOM, end) };
  }

  /** Appends the record whose payload is `buf[start, end)`, in place when `buf` has room around it. */
  private async appendRecord(rec: Omit<OutboxRecord, 'seq' | 'payload'>, buf: Buffer, start: number, end: number): Promise<number> {
    const seq = this.seq + 1;
    const payload = buf.subarray(start, end);
    const header = Buffer.from(`R ${JSON.stringify({ seq, first_iteration: rec.firstIteration, count: rec.count, last_hash: rec.lastHash, bytes: payload.length, crc: crc32(payload) })}\n`);
    let data: Buffer;
    if (header.length <= start && end < buf.length) {
      header.copy(buf, start - header.length);
      buf[end] = 0x0a;
      data = buf.subarray(start - header.length, end + 1);
    } else {
      data = Buffer.concat([header, payload, NEWLINE]);
    }
    // Pending before the write: a markDone() of the previous record meanwhile must not see an
    // empty outbox and truncate this record away.
    this.pending.add(seq);
    try {
      // append() rolls a partial write back, so the file stays a sequence of whole records.
      await this.exclusive(() => this.appender.append(data));
    } catch (err) {
      this.pending.delete(seq);
      throw new ChainsError('ERR_CHAINS_OUTBOX', `cannot write the outbox ${path.basename(this.file)}: ${(err as Error).message}`, err);
    }
    this.seq = seq;
    return seq;
  }

  /**
   * Marks a record delivered. Not synced: if the mark is lost in a crash, the record is simply
   * delivered again (creates with deterministic ids answer "already stored"). When nothing is
   * pending any more and the file has grown large, truncates it instead — only if the key file
   * already covers every record (`keyFileCovers`): recovery marks records before it saves the
   * key file, and an outbox emptied then would lose the head the key file does not hold yet.
   */
  async markDone(seq: number, keyFileCovers = true): Promise<void> {
    this.pending.delete(seq);
    // The appender knows the size (sole writer): no fstat.
    if (keyFileCovers && this.pending.size === 0 && (await this.appender.size()) > MAX_FILE_BEFORE_TRUNCATE) {
      // Checked again in the queue: an append that became pending meanwhile is queued before
      // this truncate and must not be cut away with it.
      const truncated = await this.exclusive(async () => {
        if (this.pending.size !== 0 || (await this.appender.size()) <= MAX_FILE_BEFORE_TRUNCATE) return false;
        await this.appender.truncate(0);
        return true;
      }).catch((err: unknown) => {
        throw new ChainsError('ERR_CHAINS_OUTBOX', `cannot write the outbox ${path.basename(this.file)}: ${(err as Error).message}`, err);
      });
      if (truncated) return;
    }
    await this.writeMark('D', seq, false);
  }

  /**
   * Marks a record discarded, durably, before the caller rolls its head back: a discard lost in a
   * crash would replay iterations that are about to be signed again.
   */
  async markDiscarded(seq: number): Promise<void> {
    await this.writeMark('X', seq, true);
    this.pending.delete(seq);
  }

  /** Records still waiting for delivery. */
  pendingCount(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    await this.exclusive(() => this.appender.close());
    await this.lock.release();
  }

  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async writeMark(kind: 'D' | 'X', seq: number, sync: boolean): Promise<void> {
    const line = Buffer.from(`${kind} ${JSON.stringify({ seq })}\n`);
    try {
      await this.exclusive(() => (sync ? this.appender.append(line) : this.appender.write(line)));
    } catch (err) {
      throw new ChainsError('ERR_CHAINS_OUTBOX', `cannot write the outbox ${path.basename(this.file)}: ${(err as Error).message}`, err);
    }
  }
}
