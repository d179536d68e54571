import type { DurableFs } from '../durable-fs';
import type { RejectedLine, SignedLine } from './parse-lines';
import { scanFile } from './scan-file';

/** Counts of one DLQ file, from reading it line by line. */
export interface FileStats {
  /** Lines that are complete, valid entries. */
  readonly entries: number;
  /** Invalid lines before the last one (a torn line that later appends closed, an edit gone wrong...). */
  readonly badLines: number;
  /** The last line has no `\n` or does not parse: a write cut short by a crash. Reported, never dropped. */
  readonly tornTail: boolean;
  /** Entries per `el_error.type` (signed files) or per `reason` (rejected logs); entries without an error are not counted here. */
  readonly errorTypes: Record<string, number>;
}

/** Distinct keys kept in `errorTypes`; the rest are summed under `(other)` (reasons can be attacker-influenced). */
const MAX_ERROR_KEYS = 200;

/** Streams the file once (bounded memory) and counts entries, bad lines, torn tail and error types. */
export async function fileStats(fs: DurableFs, file: string, rejectedLines: boolean): Promise<FileStats> {
  let entries = 0, badLines = 0, tornTail = false;
  const errorTypes: Record<string, number> = Object.create(null) as Record<string, number>;
  let keys = 0;
  const count = (key: string): void => {
    if (errorTypes[key] === undefined) {
      if (keys >= MAX_ERROR_KEYS) key = '(other)';
      else keys++;
    }
    errorTypes[key] = (errorTypes[key] ?? 0) + 1;
  };
  await scanFile(fs, file, rejectedLines, (line) => {
    if (line.cls === 'bad') badLines++;
    else if (line.cls === 'torn') tornTail = true;
    else if (line.result?.ok === true) {
      entries++;
      if (rejectedLines) count((line.result.value as RejectedLine).reason);
      else {
        const e = (line.result.value as SignedLine).elError;
        if (e !== null) count(e.type);
      }
    }
  });
  return { entries, badLines, tornTail, errorTypes: { ...errorTypes } };
}
