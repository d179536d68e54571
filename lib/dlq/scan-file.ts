import { FLAGS, type DurableFs } from '../durable-fs';
import { parseRejectedLine, parseSignedLine, type LineResult } from './parse-lines';
import { readLines, type RawLine } from './read-lines';

/**
 * What a line turned out to be. `torn` is a last line without `\n` or that does not parse;
 * `unchecked` a line the caller did not ask to parse.
 */
export type LineClass = 'entry' | 'bad' | 'torn' | 'unchecked';

export interface ClassifiedLine {
  readonly raw: RawLine;
  readonly cls: LineClass;
  /** Why the line is bad or torn. */
  readonly problem?: string;
  /** The parsed line when `cls === 'entry'` and parsing was requested. */
  readonly result?: LineResult<unknown>;
}

/** Parses a line of the given flavour. */
export function parseLine(bytes: Uint8Array, rejectedLines: boolean): LineResult<unknown> {
  return rejectedLines ? parseRejectedLine(bytes) : parseSignedLine(bytes);
}

/**
 * Streams a DLQ file's non-blank lines, each classified. `wantParse(index)` (index among
 * non-blank lines) says whether the caller needs the line parsed; lines it does not need are
 * still parsed when that is the only way to classify them (every line for counts, the last one
 * for the torn-tail check). `onLine` may be async (writers apply back-pressure).
 */
export async function scanFile(
  fs: DurableFs,
  file: string,
  rejectedLines: boolean,
  onLine: (line: ClassifiedLine, index: number) => void | Promise<void>,
  wantParse: (index: number) => boolean = () => true,
): Promise<void> {
  const handle = await fs.open(file, FLAGS.readOnly);
  try {
    let index = 0;
    for await (const raw of readLines(handle)) {
      const i = index++;
      if (!wantParse(i) && !raw.last) {
        await onLine({ raw, cls: 'unchecked' }, i);
        continue;
      }
      await onLine(classify(raw, rejectedLines), i);
    }
  } finally {
    await handle.close();
  }
}

/** Classifies one raw line (what scanFile does for the lines it parses). */
export function classify(raw: RawLine, rejectedLines: boolean): ClassifiedLine {
  if (raw.overlong) return { raw, cls: raw.last ? 'torn' : 'bad', problem: 'line too long to read' };
  const result = parseLine(raw.bytes, rejectedLines);
  if (!result.ok) return { raw, cls: raw.last ? 'torn' : 'bad', problem: raw.last && !raw.terminated ? `torn last line (no newline): ${result.problem}` : result.problem };
  if (!raw.terminated) return { raw, cls: 'torn', problem: 'torn last line (no newline)' };
  return { raw, cls: 'entry', result };
}
