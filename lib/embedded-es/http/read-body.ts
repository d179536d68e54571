/**
 * Reads a request body within `http.max_content_length` (checked on the declared length first,
 * then while streaming) and inflates gzip/deflate bodies, whose inflated size is bounded by the
 * same limit so a small compressed body cannot expand without bound. Both go through lib/http's
 * body buffer, so a body's chunking cannot multiply what it costs in memory.
 */
import type { IncomingMessage } from 'node:http';
import { collectBody, inflateBody } from '../../http';

export type BodyResult =
  | { kind: 'ok'; body: Buffer | undefined }
  | { kind: 'too_large' }
  | { kind: 'bad_encoding'; reason: string }
  | { kind: 'aborted' };

class TooLarge extends Error {}

export async function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return { kind: 'too_large' };
  const limits = { maxBytes: max, tooLarge: () => new TooLarge() };
  let body: Buffer;
  try {
    body = (await collectBody(req, { ...limits, expected: Number.isSafeInteger(declared) ? declared : null })).bytes();
  } catch (err) {
    if (err instanceof TooLarge) return { kind: 'too_large' };
    // The client went away mid-body: nothing to answer.
    return { kind: 'aborted' };
  }
  if (body.length === 0) return { kind: 'ok', body: undefined };
  const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') body = (await inflateBody(body, 'gzip', limits)).bytes();
    else if (encoding === 'deflate') body = (await inflateBody(body, 'deflate', limits)).bytes();
  } catch (err) {
    if (err instanceof TooLarge) return { kind: 'too_large' };
    return { kind: 'bad_encoding', reason: (err as Error).message };
  }
  // Stored documents may be slices of this buffer: give it its own exact-size memory so a small
  // body never pins a larger buffer (the spare capacity of a grown one, or a pooled one).
  if (body.buffer.byteLength !== body.length) {
    const own = Buffer.allocUnsafeSlow(body.length);
    body.copy(own);
    body = own;
  }
  return { kind: 'ok', body };
}
