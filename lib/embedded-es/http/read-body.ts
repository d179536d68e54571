/**
 * Reads a request body within `http.max_content_length` (checked on the declared length first,
 * then while streaming) and inflates gzip/deflate bodies, whose inflated size is bounded by the
 * same limit so a small compressed body cannot expand without bound.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export type BodyResult =
  | { kind: 'ok'; body: Buffer | undefined }
  | { kind: 'too_large' }
  | { kind: 'bad_encoding'; reason: string }
  | { kind: 'aborted' };

export async function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return { kind: 'too_large' };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > max) return { kind: 'too_large' };
      chunks.push(buf);
    }
  } catch {
    // The client went away mid-body: nothing to answer.
    return { kind: 'aborted' };
  }
  if (size === 0) return { kind: 'ok', body: undefined };
  let body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  // Stored documents may be slices of this buffer: give it its own exact-size memory so a small
  // body never pins a larger socket or pool buffer.
  if (body.buffer.byteLength !== body.length) {
    const own = Buffer.allocUnsafeSlow(body.length);
    body.copy(own);
    body = own;
  }
  const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') body = await gunzip(body, { maxOutputLength: max });
    else if (encoding === 'deflate') body = await inflate(body, { maxOutputLength: max });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too_large' };
    return { kind: 'bad_encoding', reason: (err as Error).message };
  }
  return { kind: 'ok', body };
}
