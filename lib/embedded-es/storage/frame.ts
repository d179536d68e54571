/**
 * Record framing for the write-ahead log and snapshots: `[u32 length][u32 crc32][payload]`,
 * little-endian. The CRC covers the payload, so a torn or partially written tail (kill -9 in the
 * middle of a write) is detected on replay instead of being parsed as data.
 */
import { crc32 } from 'node:zlib';

export const FRAME_HEADER = 8;
/** Refuse absurd lengths: a corrupt header must not make us allocate gigabytes. */
const MAX_FRAME = 1024 * 1024 * 1024;

/** Frames one payload given as parts (their concatenation is the payload). */
export function frame(parts: readonly Buffer[]): Buffer[] {
  let length = 0;
  let sum = 0;
  for (const p of parts) {
    length += p.length;
    sum = crc32(p, sum);
  }
  const header = Buffer.allocUnsafe(FRAME_HEADER);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(sum, 4);
  return [header, ...parts];
}

export interface FrameScan {
  /** Valid payloads in order. */
  payloads: Buffer[];
  /** Offset just past the last valid frame. */
  validEnd: number;
  /** True when bytes after `validEnd` are not a valid frame (torn tail or corruption). */
  damaged: boolean;
}

/** Reads consecutive frames from `buf`, stopping at the first invalid one. */
export function scanFrames(buf: Buffer): FrameScan {
  const payloads: Buffer[] = [];
  let pos = 0;
  while (pos + FRAME_HEADER <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    if (len > MAX_FRAME || pos + FRAME_HEADER + len > buf.length) break;
    const payload = buf.subarray(pos + FRAME_HEADER, pos + FRAME_HEADER + len);
    if (crc32(payload) !== sum) break;
    payloads.push(payload);
    pos += FRAME_HEADER + len;
  }
  return { payloads, validEnd: pos, damaged: pos < buf.length };
}
