import { nameComponentProblem } from '../chain';
import { DlqError } from './dlq-error';

/** Folder (inside a customer folder, or inside `.rejected`) of manually archived files: El Proxy's `{archive_dlq}` convention. */
export const ARCHIVE_DIR = 'archive_dlq';
/** Folder of the `rejected` area. The leading dot keeps it out of the customer namespace (customer names never start with a dot). */
export const REJECTED_DIR = '.rejected';
const REJECTED_STEM = 'rejected';
const EXT = '.ndjson';
/** Longest data stream name: file names must stay under NAME_MAX (255) with `-YYYY-MM-DD.NNNNNN.ndjson`. */
const DATA_STREAM_MAX = 200;

/** `YYYY-MM-DD` of `d` in UTC: the date part of DLQ file names. @throws {TypeError} for an invalid Date. */
export function utcDate(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new TypeError('now() must return a valid Date');
  return d.toISOString().slice(0, 10);
}

/** Why `customer` cannot name a DLQ folder (lib/chain's name-component rule), or null. */
export function customerProblem(customer: unknown): string | null {
  const p = nameComponentProblem(customer);
  return p === null ? null : `customer ${p}`;
}

/** Why `dataStream` cannot name a DLQ file, or null: dash-joined name components, each valid (SPEC §3). */
export function dataStreamProblem(dataStream: unknown): string | null {
  if (typeof dataStream !== 'string') return 'data stream must be a string';
  if (dataStream.length > DATA_STREAM_MAX) return `data stream must be at most ${DATA_STREAM_MAX} characters`;
  for (const part of dataStream.split('-')) {
    const p = nameComponentProblem(part);
    if (p !== null) return `data stream component ${JSON.stringify(part.slice(0, 70))} ${p}`;
  }
  return null;
}

/** @throws {DlqError} `ERR_DLQ_INVALID_NAME` naming the problem. */
export function assertDlqNames(customer: unknown, dataStream: unknown): void {
  const problem = customerProblem(customer) ?? dataStreamProblem(dataStream);
  if (problem !== null) throw new DlqError('ERR_DLQ_INVALID_NAME', `invalid dead letter queue name: ${problem}`);
}

export function signedFileName(dataStream: string, date: string): string {
  return `${dataStream}-${date}${EXT}`;
}

export function rejectedFileName(date: string): string {
  return `${REJECTED_STEM}-${date}${EXT}`;
}

/** `name` with a numeric suffix before `.ndjson` (`x-2024-01-01.ndjson` → `x-2024-01-01.2.ndjson`): the no-overwrite rename. */
export function withSuffix(name: string, n: number): string {
  return n === 0 ? name : `${name.slice(0, -EXT.length)}.${n}${EXT}`;
}

export interface ParsedFileName {
  /** Data stream, or `null` for a rejected-area file. */
  readonly dataStream: string | null;
  readonly date: string;
  /** The no-overwrite suffix (0 when none). */
  readonly suffix: number;
}

const FILE_NAME = /^(.+)-(\d{4}-\d{2}-\d{2})(?:\.([1-9]\d{0,5}))?\.ndjson$/;

/**
 * Parses a DLQ file name. `rejected` selects the rejected area's naming (`rejected-DATE.ndjson`);
 * `allowSuffix` accepts the `.N` suffix that archiving/recovery adds on a name clash.
 */
export function parseFileName(name: string, options: { rejected: boolean; allowSuffix: boolean }): ParsedFileName | null {
  const m = FILE_NAME.exec(name);
  if (m === null) return null;
  const [, stem, date, suffix] = m as unknown as [string, string, string, string | undefined];
  if (!isCalendarDate(date)) return null;
  if (suffix !== undefined && !options.allowSuffix) return null;
  const n = suffix === undefined ? 0 : Number(suffix);
  if (options.rejected) return stem === REJECTED_STEM ? { dataStream: null, date, suffix: n } : null;
  return dataStreamProblem(stem) === null ? { dataStream: stem, date, suffix: n } : null;
}

function isCalendarDate(date: string): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
}

export type DlqFileKind = 'signed' | 'rejected' | 'archived';

/** Where a DLQ file lives, derived from a relPath that follows the naming rules. */
export interface DlqLocation {
  readonly kind: DlqFileKind;
  /** Customer, or null for the rejected area (and files archived from it). */
  readonly customer: string | null;
  readonly dataStream: string | null;
  readonly date: string;
  readonly name: string;
  /** `/`-separated path relative to the DLQ folder. */
  readonly relPath: string;
  /** The folders from the DLQ root to the file (e.g. `['acme']`, `['acme', 'archive_dlq']`). */
  readonly dirs: readonly string[];
  /** True when the lines are rejected-area lines (`rejected`, or archived from `.rejected`). */
  readonly rejectedLines: boolean;
}

/**
 * Parses a relPath given by a caller (HTTP request, CLI): only the shapes the DLQ itself
 * creates are accepted, so no `..`, absolute path, extra level or foreign file can be reached.
 *   `{customer}/{dataStream}-{date}.ndjson`              signed
 *   `{customer}/archive_dlq/{dataStream}-{date}[.N].ndjson` archived
 *   `.rejected/rejected-{date}.ndjson`                   rejected
 *   `.rejected/archive_dlq/rejected-{date}[.N].ndjson`   archived (from the rejected area)
 * @throws {DlqError} `ERR_DLQ_INVALID_NAME`.
 */
export function parseRelPath(relPath: unknown): DlqLocation {
  const loc = typeof relPath === 'string' ? locate(relPath) : null;
  if (loc === null) {
    const shown = typeof relPath === 'string' ? JSON.stringify(relPath.slice(0, 120)) : typeof relPath;
    throw new DlqError('ERR_DLQ_INVALID_NAME', `not a dead letter queue file path: ${shown}`);
  }
  return loc;
}

function locate(relPath: string): DlqLocation | null {
  const parts = relPath.split('/');
  const [top, second, third] = parts;
  if (top === undefined || second === undefined || parts.length > 3) return null;
  const rejected = top === REJECTED_DIR;
  if (!rejected && customerProblem(top) !== null) return null;
  const customer = rejected ? null : top;
  if (parts.length === 2) {
    const f = parseFileName(second, { rejected, allowSuffix: false });
    if (f === null) return null;
    return { kind: rejected ? 'rejected' : 'signed', customer, dataStream: f.dataStream, date: f.date, name: second, relPath, dirs: [top], rejectedLines: rejected };
  }
  if (second !== ARCHIVE_DIR || third === undefined) return null;
  const f = parseFileName(third, { rejected, allowSuffix: true });
  if (f === null) return null;
  return { kind: 'archived', customer, dataStream: f.dataStream, date: f.date, name: third, relPath, dirs: [top, ARCHIVE_DIR], rejectedLines: rejected };
}
