import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { chainIndexPattern, chainName, entryFromDocument, nameComponentProblem, type ChainIdentity } from '../chain';
import { openAtomicWriter, type AtomicWriter } from '../durable-fs';
import { ExportError } from './export-error';
import { readChainPages } from './read-chain-pages';
import { requestRawText } from './search-raw-text';

export interface ExportLogsOptions {
  readonly chain: ChainIdentity;
  readonly outputFile: string;
  /** Inclusive lower bound on `@timestamp`. */
  readonly from?: Date;
  /** Exclusive upper bound on `@timestamp`. */
  readonly to?: Date;
  /** Documents per search page (El Proxy's `--batch-size`, default 500). */
  readonly batchSize?: number;
  /** Called after each page with the logs written so far and the number expected (a count taken at the start). */
  readonly onProgress?: (exported: number, expected: number) => void;
}

export interface ExportLogsResult {
  readonly outputFile: string;
  readonly chain: string;
  readonly logs: number;
  readonly bytes: number;
  readonly firstIteration: number | null;
  readonly lastIteration: number | null;
  /** Documents with an `ES_BLOCKCHAIN.iteration` that is not a non-negative integer (damaged): not exported. */
  readonly skipped: number;
}

export const DEFAULT_EXPORT_BATCH_SIZE = 500;
export const MAX_EXPORT_BATCH_SIZE = 10_000;

/**
 * Writes the signed logs of one blockchain to an NDJSON file (El Proxy's `export-logs`), one
 * stored document per line in iteration order across all the chain's data streams, each
 * exactly as Elasticsearch stores it (numbers keep their spelling; a raw line break between
 * JSON tokens becomes a space to keep one line per log). `from`/`to` select on `@timestamp`
 * (from inclusive, to exclusive).
 *
 * The file appears complete or not at all: it is written under a temporary name in the same
 * folder, synced, then renamed over `outputFile` (mode 0600: signed logs are sensitive).
 * @throws {ExportError} `ERR_EXPORT_INPUT` (bad name, batch size, empty range, output path),
 * `ERR_EXPORT_NOT_FOUND`, `ERR_EXPORT_STORE`, `ERR_EXPORT_IO`. Nothing is written on failure.
 * @example await exportLogs(client, { chain: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, outputFile: 'acme.ndjson' })
 */
export async function exportLogs(client: Client, options: ExportLogsOptions): Promise<ExportLogsResult> {
  const { chain, from, to } = options;
  for (const part of ['module', 'customer', 'retention', 'tag'] as const) {
    const problem = nameComponentProblem(chain[part]);
    if (problem !== null) throw new ExportError('ERR_EXPORT_INPUT', `${part === 'customer' ? 'tenant' : part} ${problem} (got ${JSON.stringify(String(chain[part]).slice(0, 70))})`);
  }
  const pageSize = options.batchSize ?? DEFAULT_EXPORT_BATCH_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_EXPORT_BATCH_SIZE) throw new ExportError('ERR_EXPORT_INPUT', `batch size must be an integer from 1 to ${MAX_EXPORT_BATCH_SIZE}`);
  if (from !== undefined && to !== undefined && from.getTime() >= to.getTime()) throw new ExportError('ERR_EXPORT_INPUT', `--from (${from.toISOString()}) must be earlier than --to (${to.toISOString()})`);
  const outputFile = path.resolve(options.outputFile);
  await assertOutputPath(outputFile);

  const range: Record<string, string> = {};
  if (from !== undefined) range.gte = from.toISOString();
  if (to !== undefined) range.lt = to.toISOString();
  // Only signed logs: a document without an iteration would sort last with a sentinel value, which
  // is also what a store compares `search_after` against; leaving such documents out keeps paging exact.
  const clauses: Record<string, unknown>[] = [{ exists: { field: 'ES_BLOCKCHAIN.iteration' } }];
  if (Object.keys(range).length > 0) clauses.push({ range: { '@timestamp': range } });
  const filter = { bool: { filter: clauses } };

  const expected = options.onProgress === undefined ? 0 : await countLogs(client, chainIndexPattern(chain), filter);
  let writer: AtomicWriter;
  try {
    writer = await openAtomicWriter(outputFile, { mode: 0o600 });
  } catch (err) {
    throw ioError(outputFile, err);
  }
  let logs = 0, bytes = 0, skipped = 0;
  let firstIteration: number | null = null, lastIteration: number | null = null;
  try {
    for await (const page of readChainPages(client, { pattern: chainIndexPattern(chain), pageSize, filter })) {
      let out = '';
      for (const hit of page) {
        const entry = entryFromDocument(hit.source);
        if ('problem' in entry) {
          skipped++;
          continue;
        }
        firstIteration ??= entry.entry.iteration;
        lastIteration = entry.entry.iteration;
        out += (/[\r\n]/.test(hit.sourceText) ? hit.sourceText.replace(/[\r\n]/g, ' ') : hit.sourceText) + '\n';
        logs++;
      }
      const data = Buffer.from(out, 'utf8');
      bytes += data.length;
      await writeOrFail(writer, data, outputFile);
      options.onProgress?.(logs, Math.max(expected, logs));
    }
    await commitOrFail(writer, outputFile);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return { outputFile, chain: chainName(chain), logs, bytes, firstIteration, lastIteration, skipped };
}

/** For progress only: a failure (or a count the store cannot give) just means no estimate. */
async function countLogs(client: Client, pattern: string, query: Record<string, unknown>): Promise<number> {
  const res = await requestRawText(client, 'POST', `/${pattern}/_count`, JSON.stringify({ query }), { allow_no_indices: 'true', ignore_unavailable: 'true' }).catch(() => null);
  if (res === null || res.status !== 200) return 0;
  try {
    const n = (JSON.parse(res.text) as { count?: unknown }).count;
    return typeof n === 'number' && Number.isSafeInteger(n) ? n : 0;
  } catch {
    return 0;
  }
}

async function assertOutputPath(file: string): Promise<void> {
  const dir = path.dirname(file);
  const dirSt = await fs.stat(dir).catch(() => null);
  if (dirSt === null || !dirSt.isDirectory()) throw new ExportError('ERR_EXPORT_INPUT', `output folder ${dir} does not exist`);
  const st = await fs.lstat(file).catch(() => null);
  if (st !== null && !st.isFile()) throw new ExportError('ERR_EXPORT_INPUT', `${file} exists and is not a regular file`);
}

async function writeOrFail(writer: AtomicWriter, data: Buffer, file: string): Promise<void> {
  try {
    await writer.write(data);
  } catch (err) {
    throw ioError(file, err);
  }
}

async function commitOrFail(writer: AtomicWriter, file: string): Promise<void> {
  try {
    await writer.commit();
  } catch (err) {
    throw ioError(file, err);
  }
}

function ioError(file: string, err: unknown): ExportError {
  const code = (err as NodeJS.ErrnoException).code;
  return new ExportError('ERR_EXPORT_IO', `cannot write ${file}${code === undefined ? '' : ` (${code})`}`, { cause: err });
}
