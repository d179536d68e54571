import type { DurableFileHandle } from '../durable-fs';

/** One physical line of an NDJSON file. */
export interface RawLine {
  /** 1-based physical line number (blank lines count, so numbers match `sed -n Np`). */
  readonly no: number;
  /** The line's bytes without the `\n` (empty when `overlong`). */
  readonly bytes: Buffer;
  /** False for a last line that ends without `\n` (a torn write). */
  readonly terminated: boolean;
  /** True when the line exceeded `maxLineBytes`: its bytes were not kept. */
  readonly overlong: boolean;
  /** True when this is the last non-blank line of the file. */
  readonly last: boolean;
}

export interface ReadLinesOptions {
  chunkSize?: number;
  /** Longer lines are reported as overlong instead of held in memory (default 256 MiB). */
  maxLineBytes?: number;
}

const NL = 0x0a;

/**
 * Streams the NON-BLANK lines of an open file in bounded memory (files can be large), with a
 * one-line look-ahead so that the last one is flagged: a torn tail is recognized while reading.
 */
export async function* readLines(handle: DurableFileHandle, options: ReadLinesOptions = {}): AsyncGenerator<RawLine> {
  let pending: Omit<RawLine, 'last'> | null = null;
  for await (const line of physicalLines(handle, options)) {
    if (isBlank(line.bytes) && !line.overlong) continue;
    if (pending !== null) yield { ...pending, last: false };
    pending = line;
  }
  if (pending !== null) yield { ...pending, last: true };
}

async function* physicalLines(handle: DurableFileHandle, options: ReadLinesOptions): AsyncGenerator<Omit<RawLine, 'last'>> {
  const chunkSize = options.chunkSize ?? 1 << 16;
  const maxLineBytes = options.maxLineBytes ?? 256 * 1024 * 1024;
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  let no = 0;
  let position = 0;
  const take = (piece: Buffer): void => {
    if (overlong) return;
    if (length + piece.length > maxLineBytes) {
      overlong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const emit = (terminated: boolean): Omit<RawLine, 'last'> => {
    const line = { no: ++no, bytes: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length), terminated, overlong };
    parts = [];
    length = 0;
    overlong = false;
    return line;
  };
  for (;;) {
    // A fresh buffer per read: emitted lines may reference it.
    const chunk = Buffer.allocUnsafe(chunkSize);
    const { bytesRead } = await handle.read(chunk, 0, chunkSize, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      if (nl === -1 || nl >= bytesRead) break;
      take(chunk.subarray(start, nl));
      yield emit(true);
      start = nl + 1;
    }
    if (start < bytesRead) take(chunk.subarray(start, bytesRead));
  }
  if (length > 0 || overlong) yield emit(false);
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}
