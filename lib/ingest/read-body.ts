import { collectBody, inflateBody, type BodyBuffer } from '../http';
import type { BodyTicket } from './inflight-budget';
import { IngestError } from './ingest-error';

export interface BodyLimits {
  /** Most bytes accepted, both on the wire and after decompression (`web_server.max_body_bytes`). */
  readonly maxBytes: number;
  /** The request's share of the in-flight bound (inflight-budget.ts): the memory the body takes, as it grows. */
  readonly ticket?: BodyTicket;
}

/**
 * Reads a request body into memory within `maxBytes`, refusing early on a too-large
 * Content-Length, and decompresses `Content-Encoding: gzip` (Logstash `http_compression`) or
 * `deflate` with the same bound on the output, so a gzip bomb costs at most `maxBytes`. The body
 * is copied into one buffer (lib/http `collectBody`), so its chunking cannot multiply its cost,
 * and the ticket is charged for the memory held — the inflated body included, as it grows.
 *
 * @throws {IngestError} ERR_INGEST_TOO_LARGE (413), ERR_INGEST_UNSUPPORTED_ENCODING (415),
 *   ERR_INGEST_MALFORMED (400) for a corrupt compressed body or a body cut off by the client,
 *   ERR_INGEST_QUEUE_FULL (429) when the bytes do not fit in `limits.ticket`'s budget.
 */
export async function readBody(
  body: AsyncIterable<Uint8Array> | null,
  headers: { contentLength?: string | null; contentEncoding?: string | null },
  limits: BodyLimits,
): Promise<Buffer> {
  const encoding = (headers.contentEncoding ?? 'identity').trim().toLowerCase();
  if (!['identity', '', 'gzip', 'x-gzip', 'deflate'].includes(encoding)) {
    throw new IngestError('ERR_INGEST_UNSUPPORTED_ENCODING', `unsupported Content-Encoding "${encoding}" (use gzip or none)`);
  }
  const declared = headers.contentLength == null ? NaN : Number(headers.contentLength);
  if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const ticket = limits.ticket;
  const charge = ticket === undefined ? undefined : (bytes: number) => ticket.take(bytes);

  let raw: BodyBuffer;
  try {
    raw = await collectBody(body ?? [], { maxBytes: limits.maxBytes, expected: Number.isSafeInteger(declared) ? declared : null, charge, tooLarge: () => tooLarge(limits.maxBytes) });
  } catch (err) {
    if (err instanceof IngestError) throw err;
    // The stream failed: the client closed the connection mid-body (Node's "aborted", a web
    // stream's "terminated"). Nothing was read or changed; no one may be left to answer, but
    // it is the client's doing, not an internal error worth a stack trace in the log.
    throw new IngestError('ERR_INGEST_MALFORMED', 'the request body ended early (the client closed the connection)', err);
  }
  if (encoding === 'identity' || encoding === '') return raw.bytes();
  let inflated: BodyBuffer;
  try {
    // Charged as the output grows: the compressed and the inflated body are both held meanwhile.
    inflated = await inflateBody(raw.bytes(), encoding === 'deflate' ? 'deflate' : 'gzip', { maxBytes: limits.maxBytes, charge, tooLarge: () => new IngestError('ERR_INGEST_TOO_LARGE', `the decompressed body exceeds ${limits.maxBytes} bytes`) });
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('ERR_INGEST_MALFORMED', `the ${encoding} body cannot be decompressed`, err);
  }
  // From here on the request holds the inflated body, not the compressed one.
  ticket?.give(raw.capacity);
  return inflated.bytes();
}

function tooLarge(max: number): IngestError {
  return new IngestError('ERR_INGEST_TOO_LARGE', `the request body exceeds ${max} bytes (web_server.max_body_bytes)`);
}
