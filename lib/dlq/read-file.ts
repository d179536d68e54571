import { errnoCode, lstatRegularFile } from '../durable-fs';
import type { JsonObject, JsonValue } from '../chain';
import { absolutePath, type DlqContext } from './dlq-context';
import { DlqError, wrapIo } from './dlq-error';
import { parseRelPath, type DlqFileKind } from './dlq-names';
import type { DlqElError } from './format-lines';
import type { RejectedLine, SignedLine } from './parse-lines';
import { classify, scanFile, type ClassifiedLine } from './scan-file';

export interface DlqReadOptions {
  /** Index of the first non-blank line to return (default 0). */
  offset?: number;
  /** How many lines to return (default 100, at most 10 000). */
  limit?: number;
  /**
   * Only lines whose text contains this (case-insensitive; the document, the error, a bad line's
   * bytes): `offset`, `limit` and `total` then count matching lines. Lines are matched on their
   * raw text, and only the page's matches are parsed.
   */
  match?: string;
}

/** Fields every returned line has. A bad or torn line has `bad` (why) and `rawText` instead of parsed fields. */
interface LineView {
  /** 1-based physical line number: what `settle` takes in `recoveredLines`. */
  readonly line: number;
  readonly bad?: string;
  /** A bad line's text (invalid UTF-8 replaced, cut at 64 KiB) so an operator can see it. */
  readonly rawText?: string;
}

export interface DlqEntryView extends LineView {
  /** The signed log, parsed losslessly (lib/chain: big integers and `1.50` kept as written). */
  readonly document?: JsonObject;
  /** The signed log's exact text in the file (what a recovery re-indexes). */
  readonly documentText?: string;
  readonly elError: DlqElError | null;
}

export interface RejectedEntryView extends LineView {
  readonly log?: JsonValue;
  readonly logText?: string;
  readonly logFormat?: 'json' | 'text';
  readonly reason?: string;
  readonly receivedAt?: string;
  readonly remote?: string | null;
}

interface ReadMeta {
  readonly relPath: string;
  readonly kind: DlqFileKind;
  /** Number of non-blank lines (entries, bad lines and a torn tail); with `match`, of matching lines. */
  readonly total: number;
  readonly tornTail: boolean;
  /** File size when read: pass it to `settle` as `expectedSize`. */
  readonly size: number;
  /** Modification time when read (with `size`, the file's version: lib/dlq fileVersion). */
  readonly mtimeMs: number;
}

export type DlqReadResult =
  | (ReadMeta & { readonly format: 'dlq'; readonly entries: DlqEntryView[] })
  | (ReadMeta & { readonly format: 'rejected'; readonly entries: RejectedEntryView[] });

const MAX_LIMIT = 10_000;
const RAW_TEXT_MAX = 64 * 1024;
const LENIENT = new TextDecoder('utf-8');

/**
 * Reads one page of a DLQ file (streaming: only the page is parsed in full, plus the last line
 * for the torn-tail check).
 * @throws {DlqError} `ERR_DLQ_INVALID_NAME` for a relPath outside the naming rules,
 * `ERR_DLQ_NOT_FOUND`, `ERR_DLQ_CORRUPT_SEGMENT` (not a regular file), `ERR_DLQ_IO`.
 * @throws {RangeError} for a bad offset/limit.
 */
export async function readFile(ctx: DlqContext, relPath: string, options: DlqReadOptions = {}): Promise<DlqReadResult> {
  const loc = parseRelPath(relPath);
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 100;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError('offset must be a non-negative integer');
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  const match = options.match === undefined || options.match === '' ? null : options.match.toLowerCase();
  const file = absolutePath(ctx, loc);
  const views: LineView[] = [];
  let total = 0, tornTail = false, size: number, mtimeMs: number;
  try {
    const st = await lstatRegularFile(file, ctx.fs);
    if (st === null) throw notFound(relPath);
    size = st.size;
    mtimeMs = st.mtimeMs;
    const view = (line: ClassifiedLine) => views.push(loc.rejectedLines ? rejectedView(line) : dlqView(line));
    if (match === null) {
      await scanFile(
        ctx.fs,
        file,
        loc.rejectedLines,
        (line, i) => {
          total++;
          if (line.cls === 'torn') tornTail = true;
          if (i >= offset && i < offset + limit) view(line);
        },
        (i) => i >= offset && i < offset + limit,
      );
    } else {
      await scanFile(
        ctx.fs,
        file,
        loc.rejectedLines,
        (line) => {
          if (line.cls === 'torn') tornTail = true;
          if (!LENIENT.decode(line.raw.bytes).toLowerCase().includes(match)) return;
          const i = total++;
          if (i >= offset && i < offset + limit) view(line.cls === 'unchecked' ? classify(line.raw, loc.rejectedLines) : line);
        },
        () => false,
      );
    }
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw notFound(relPath);
    throw wrapIo(err, `cannot read dead letter queue file ${relPath}`, 'existing');
  }
  const meta = { relPath: loc.relPath, kind: loc.kind, total, tornTail, size, mtimeMs };
  return loc.rejectedLines
    ? { ...meta, format: 'rejected', entries: views as RejectedEntryView[] }
    : { ...meta, format: 'dlq', entries: views as DlqEntryView[] };
}

function dlqView(line: ClassifiedLine): DlqEntryView {
  if (line.result?.ok !== true) return { line: line.raw.no, elError: null, ...badFields(line) };
  const v = line.result.value as SignedLine;
  return { line: line.raw.no, document: v.document, documentText: v.documentText, elError: v.elError };
}

function rejectedView(line: ClassifiedLine): RejectedEntryView {
  if (line.result?.ok !== true) return { line: line.raw.no, ...badFields(line) };
  const v = line.result.value as RejectedLine;
  return { line: line.raw.no, log: v.log, logText: v.logText, logFormat: v.logFormat, reason: v.reason, receivedAt: v.receivedAt, remote: v.remote };
}

function badFields(line: ClassifiedLine): { bad: string; rawText: string } {
  const bytes = line.raw.bytes;
  const cut = bytes.length > RAW_TEXT_MAX;
  const rawText = LENIENT.decode(cut ? bytes.subarray(0, RAW_TEXT_MAX) : bytes) + (cut ? '…' : '');
  return { bad: line.problem ?? 'unreadable line', rawText };
}

function notFound(relPath: string): DlqError {
  return new DlqError('ERR_DLQ_NOT_FOUND', `dead letter queue file ${relPath} does not exist`);
}
