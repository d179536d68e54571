import path from 'node:path';
import {
  DurableAppender,
  ensureChildDir,
  ensureDir,
  errnoCode,
  lstatRegularFile,
  moveFileNoClobber,
  openAtomicWriter,
  withPathLock,
  type DurableFs,
} from '../durable-fs';
import { ChunkedSink } from './chunked-sink';
import { absolutePath, type DlqContext } from './dlq-context';
import { DlqError, wrapIo } from './dlq-error';
import { parseRelPath, withSuffix } from './dlq-names';
import { scanFile } from './scan-file';

/** What a recovery run did with one DLQ file. */
export interface SettleOutcome {
  /** Physical line numbers (as `read` returns them) of the entries that are now in Elasticsearch. */
  readonly recoveredLines: readonly number[];
  /** The file size the recovery read (`read().size`): the guard against a file that changed since. */
  readonly expectedSize: number;
}

export interface SettleResult {
  /** `moved`: everything recovered, file moved; `rewritten`: recovered lines moved out; `unchanged`: nothing recovered. */
  readonly action: 'moved' | 'rewritten' | 'unchanged';
  /** Where the recovered lines are now, relative to the recovered folder. */
  readonly recoveredRelPath?: string;
  readonly recoveredEntries: number;
  readonly remainingEntries: number;
}

/** Enough suffixes for any realistic number of same-named recoveries; beyond that something is wrong. */
const MAX_SUFFIX = 10_000;

/**
 * Settles a signed DLQ file after a recovery run (the re-indexing itself is the caller's job):
 * - every line recovered, no bad or torn line → the file moves to
 *   `{dlqRecoveredDir}/{customer}/{name}` (or `{stem}.N.ndjson` when taken: never overwrites);
 * - otherwise the recovered lines are appended (durably) to `{dlqRecoveredDir}/{customer}/{name}`
 *   and THEN the DLQ file is atomically rewritten with the remaining lines (entries not
 *   recovered, bad and torn lines byte for byte). A crash between the two leaves recovered
 *   lines in both places: the next recovery re-sends them and Elasticsearch answers "already
 *   stored" (deterministic ids), so nothing is lost or duplicated.
 * Size check: when the file's size is not `expectedSize` (another writer appended), nothing is
 * changed. The per-file lock keeps this process's appends out; another process could still
 * append in the instant between the last check and the rename (one writer per DLQ folder).
 * @throws {DlqError} `ERR_DLQ_CHANGED`, `ERR_DLQ_NOT_FOUND`, `ERR_DLQ_INVALID_NAME` (not a signed
 * DLQ file), `ERR_DLQ_INVALID_ENTRY` (a line number that is not a complete entry), `ERR_DLQ_IO`.
 */
export async function settleFile(ctx: DlqContext, relPath: string, outcome: SettleOutcome): Promise<SettleResult> {
  const loc = parseRelPath(relPath);
  if (loc.kind !== 'signed' || loc.customer === null) {
    throw new DlqError('ERR_DLQ_INVALID_NAME', `only signed dead letter queue files can be settled, not ${relPath}`);
  }
  const customer = loc.customer;
  const recovered = recoveredSet(outcome);
  const file = absolutePath(ctx, loc);
  const fs = ctx.fs;

  return withPathLock(file, async () => {
    try {
      await assertSize(fs, file, relPath, outcome.expectedSize);
      let entries = 0, others = 0;
      const entryLines = new Set<number>();
      await scanFile(fs, file, false, (line) => {
        if (line.cls === 'entry') {
          entries++;
          entryLines.add(line.raw.no);
        } else {
          others++;
        }
      });
      for (const n of recovered) {
        if (!entryLines.has(n)) throw new DlqError('ERR_DLQ_INVALID_ENTRY', `line ${n} of ${relPath} is not a complete dead letter queue entry`);
      }
      if (recovered.size === 0) return { action: 'unchanged', recoveredEntries: 0, remainingEntries: entries };

      const recoveredDir = await ensureRecoveredDir(ctx, customer);
      if (recovered.size === entries && others === 0) {
        await assertSize(fs, file, relPath, outcome.expectedSize);
        const name = await moveWithSuffix(fs, file, recoveredDir, loc.name);
        return { action: 'moved', recoveredRelPath: `${customer}/${name}`, recoveredEntries: entries, remainingEntries: 0 };
      }
      await splitFile(fs, file, relPath, path.join(recoveredDir, loc.name), recovered, outcome.expectedSize);
      return { action: 'rewritten', recoveredRelPath: `${customer}/${loc.name}`, recoveredEntries: recovered.size, remainingEntries: entries - recovered.size };
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw new DlqError('ERR_DLQ_NOT_FOUND', `dead letter queue file ${relPath} does not exist`, { cause: err });
      throw wrapIo(err, `cannot settle dead letter queue file ${relPath}`, 'existing');
    }
  });
}

function recoveredSet(outcome: SettleOutcome): Set<number> {
  if (typeof outcome !== 'object' || outcome === null) throw new TypeError('outcome must be an object');
  if (!Number.isSafeInteger(outcome.expectedSize) || outcome.expectedSize < 0) throw new RangeError('expectedSize must be a non-negative integer');
  if (!Array.isArray(outcome.recoveredLines)) throw new TypeError('recoveredLines must be an array');
  for (const n of outcome.recoveredLines) {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('recoveredLines must hold positive integers');
  }
  return new Set(outcome.recoveredLines);
}

async function assertSize(fs: DurableFs, file: string, relPath: string, expected: number): Promise<void> {
  const st = await lstatRegularFile(file, fs);
  if (st === null) throw new DlqError('ERR_DLQ_NOT_FOUND', `dead letter queue file ${relPath} does not exist`);
  if (st.size !== expected) {
    throw new DlqError('ERR_DLQ_CHANGED', `dead letter queue file ${relPath} changed since it was read (${st.size} bytes, expected ${expected}); read it again`);
  }
}

async function ensureRecoveredDir(ctx: DlqContext, customer: string): Promise<string> {
  await ensureDir(ctx.dlqRecoveredDir, { fs: ctx.fs, mode: 0o700 });
  return ensureChildDir(ctx.dlqRecoveredDir, customer, { fs: ctx.fs, mode: 0o700 });
}

/** Moves `file` into `dir` as `name`, or `name` with the first free numeric suffix. Returns the name used. */
export async function moveWithSuffix(fs: DurableFs, file: string, dir: string, name: string): Promise<string> {
  for (let n = 0; n <= MAX_SUFFIX; n++) {
    const candidate = withSuffix(name, n);
    try {
      await moveFileNoClobber(file, path.join(dir, candidate), fs);
      return candidate;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
  }
  throw new DlqError('ERR_DLQ_IO', `no free name for ${name} in ${dir}`);
}

/** Recovered lines → appended to `recoveredFile` (synced first); the rest → atomic rewrite of `file`. */
async function splitFile(fs: DurableFs, file: string, relPath: string, recoveredFile: string, recovered: Set<number>, expectedSize: number): Promise<void> {
  await withPathLock(recoveredFile, async () => {
    const appender = await DurableAppender.open(recoveredFile, { fs, mode: 0o600 });
    const startSize = await appender.size();
    const writer = await openAtomicWriter(file, { fs, mode: 0o600 });
    try {
      const toRecovered = new ChunkedSink((d) => appender.write(d));
      const toKept = new ChunkedSink((d) => writer.write(d));
      const last = await appender.lastByte();
      if (last !== null && last !== 0x0a) await toRecovered.push(new Uint8Array(0), true);
      await scanFile(
        fs,
        file,
        false,
        async (line) => {
          if (recovered.has(line.raw.no)) await toRecovered.push(line.raw.bytes, true);
          else await toKept.push(line.raw.bytes, line.raw.terminated);
        },
        () => false,
      );
      await toRecovered.flush();
      await toKept.flush();
      await assertSize(fs, file, relPath, expectedSize);
      await appender.sync();
      await writer.commit();
    } catch (err) {
      await writer.abort();
      // Undo the recovered-file append unless the DLQ file was already replaced (then the
      // recovered lines must stay findable).
      const st = await lstatRegularFile(file, fs).catch(() => null);
      if (st !== null && st.size === expectedSize) await appender.truncate(startSize).catch(() => undefined);
      throw err;
    } finally {
      await appender.close().catch(() => undefined);
    }
  });
}
