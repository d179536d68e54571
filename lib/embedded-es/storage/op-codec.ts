/**
 * Binary encoding of op groups (one WAL frame or one snapshot frame):
 * `[u32 header bytes][header lines: one JSON per op][blob]`. Document sources live in the blob
 * and are referenced by `b` (offset) and `n` (length). When a request's sources are slices of
 * its body (a `_bulk`), the body region is logged as is: no per-document copy, and the bytes on
 * disk are exactly the bytes received.
 */
import { EmbeddedEsError } from '../errors/embedded-es-error';
import type { Op } from './ops';

interface Region {
  ab: ArrayBufferLike;
  start: number;
  end: number;
}

/** The common body region of the ops' raw sources, when they share one and it is dense. */
function regionOf(ops: readonly Op[]): Region | undefined {
  let region: Region | undefined;
  let used = 0;
  for (const op of ops) {
    if (op.o !== 'doc') continue;
    const b = op.rec.source;
    if (!region) region = { ab: b.buffer, start: b.byteOffset, end: b.byteOffset + b.length };
    else if (region.ab !== b.buffer) return undefined;
    else {
      region.start = Math.min(region.start, b.byteOffset);
      region.end = Math.max(region.end, b.byteOffset + b.length);
    }
    used += b.length;
  }
  if (!region || region.end - region.start > 2 * used + 65_536) return undefined;
  return region;
}

/** Encodes ops into the parts of one frame payload. */
export function encodeOps(ops: readonly Op[]): Buffer[] {
  const region = regionOf(ops);
  const regionLen = region ? region.end - region.start : 0;
  const extras: Buffer[] = [];
  let extrasLen = 0;
  const lines: string[] = [];
  for (const op of ops) {
    if (op.o === 'doc') {
      const r = op.rec;
      let b: number;
      const src = r.source;
      const n = src.length;
      if (region && src.buffer === region.ab) b = src.byteOffset - region.start;
      else {
        b = regionLen + extrasLen;
        extras.push(src);
        extrasLen += n;
      }
      const routing = r.routing === undefined ? '' : `,"r":${JSON.stringify(r.routing)}`;
      lines.push(`{"o":"doc","x":${JSON.stringify(op.index)},"i":${JSON.stringify(r.id)},"v":${r.version},"s":${r.seqNo},"p":${r.primaryTerm}${routing},"b":${b},"n":${n}}`);
    } else if (op.o === 'del') {
      lines.push(JSON.stringify({ o: 'del', x: op.index, i: op.id, v: op.version, s: op.seqNo }));
    } else lines.push(JSON.stringify(op));
  }
  const headers = lines.join('\n');
  const hlen = Buffer.byteLength(headers);
  const head = Buffer.allocUnsafe(4 + hlen);
  head.writeUInt32LE(hlen, 0);
  head.write(headers, 4);
  const parts: Buffer[] = [head];
  if (region) parts.push(Buffer.from(region.ab as ArrayBuffer, region.start, regionLen));
  if (extras.length > 0) {
    const blob = Buffer.allocUnsafe(extrasLen);
    let off = 0;
    for (const e of extras) off += e.copy(blob, off);
    parts.push(blob);
  }
  return parts;
}

function corrupt(reason: string): EmbeddedEsError {
  return new EmbeddedEsError('ERR_EMBEDDED_ES_CORRUPT', { status: 500, type: 'corrupt_state_exception', reason });
}

/**
 * Decodes one frame payload back into ops.
 * @param copySources copy the frame's sources out of `payload` (WAL frames: the file buffer also
 *   holds superseded documents and should not stay pinned); snapshot frames are all live data.
 */
export function decodeOps(payload: Buffer, copySources = true): Op[] {
  if (payload.length < 4) throw corrupt('op group shorter than its header');
  const hlen = payload.readUInt32LE(0);
  if (4 + hlen > payload.length) throw corrupt('op group header longer than the frame');
  const blobStart = 4 + hlen;
  const view = payload.subarray(blobStart);
  const blob = copySources ? Buffer.from(view) : view;
  const ops: Op[] = [];
  for (const line of payload.toString('utf8', 4, blobStart).split('\n')) {
    if (line === '') continue;
    const h = JSON.parse(line) as Record<string, unknown>;
    if (h.o === 'doc') {
      const start = Number(h.b);
      const end = start + Number(h.n);
      if (end > blob.length) throw corrupt('document source outside its frame');
      ops.push({
        o: 'doc',
        index: String(h.x),
        rec: {
          id: String(h.i),
          source: blob.subarray(start, end),
          version: Number(h.v),
          seqNo: Number(h.s),
          primaryTerm: Number(h.p),
          routing: h.r === undefined ? undefined : String(h.r),
        },
      });
    } else if (h.o === 'del') {
      ops.push({ o: 'del', index: String(h.x), id: String(h.i), version: Number(h.v), seqNo: Number(h.s) });
    } else ops.push(h as unknown as Op);
  }
  return ops;
}
