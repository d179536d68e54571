import type { Client } from '@elastic/elasticsearch';
import { isPlainObject, parseJson, type JsonValue } from '../chain';
import { VerifyError } from './verify-error';

/**
 * Runs a `_search` and returns the raw response body: verification parses stored documents
 * itself, losslessly (the client's JSON.parse would round big integers and change signatures).
 * @throws VerifyError `ERR_VERIFY_STORE` when the store is unreachable or answers an error.
 */
export async function searchRaw(client: Client, params: Record<string, unknown>, what: string): Promise<Buffer> {
  let res: { statusCode?: number | null; body: unknown };
  try {
    res = (await client.search(params, { asStream: true, meta: true })) as unknown as { statusCode?: number | null; body: unknown };
  } catch (err) {
    throw storeError(what, err);
  }
  const body = await readAll(res.body as AsyncIterable<Buffer>, what);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw new VerifyError('ERR_VERIFY_STORE', `${what}: the store answered ${status}: ${reasonOf(body)}`);
  return body;
}

/** Parses a raw search body losslessly and returns its hits (never throws on odd content). */
export function hitsOf(body: Buffer): JsonValue[] {
  const root = parseJson(body.toString('utf8'), { maxDepth: 200 });
  const hits = isPlainObject(root) && isPlainObject(root.hits) ? root.hits.hits : undefined;
  return Array.isArray(hits) ? hits : [];
}

/** A client failure as `ERR_VERIFY_STORE`, with the store's error type and reason when it answered. */
export function storeError(what: string, err: unknown): VerifyError {
  if (err instanceof VerifyError) return err;
  const e = err as { meta?: { statusCode?: number; body?: unknown }; name?: string; message?: string };
  const status = e.meta?.statusCode;
  // Transport errors (refused, timeout) carry meta with status 0 or none: name them instead.
  const detail = typeof status === 'number' && status > 0 ? `the store answered ${status}: ${reasonOf(e.meta?.body)}` : `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  return new VerifyError('ERR_VERIFY_STORE', `${what}: ${detail}`, { cause: err });
}

async function readAll(stream: AsyncIterable<Buffer>, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  } catch (err) {
    throw storeError(what, err);
  }
  return Buffer.concat(chunks);
}

function reasonOf(body: unknown): string {
  let v: unknown = body;
  if (Buffer.isBuffer(v)) v = v.toString('utf8');
  if (typeof v === 'string') {
    const text = v;
    try {
      v = JSON.parse(text);
    } catch {
      return text.slice(0, 200);
    }
  }
  const err = (v as { error?: unknown } | null)?.error;
  if (typeof err === 'string') return err.slice(0, 200);
  const o = err as { type?: unknown; reason?: unknown } | undefined;
  return o ? `${String(o.type)}: ${String(o.reason)}`.slice(0, 300) : 'no reason given';
}
