import { gunzipSync, inflateSync } from 'node:zlib';
import type { Client } from '@elastic/elasticsearch';
import { ExportError } from './export-error';

/**
 * Sends a request with a body given as TEXT and returns the response body as text, both
 * untouched by the client's JSON (de)serializer: stored documents keep their exact number
 * spellings (`9007199254740993`, `1.50`), and `search_after` values go back exactly as received.
 * @returns the status and the body text (errors included: the caller decides).
 * @throws {ExportError} `ERR_EXPORT_STORE` when Elasticsearch cannot be reached.
 */
export async function requestRawText(client: Client, method: string, path: string, body: string | undefined, querystring?: Record<string, string>): Promise<{ status: number; text: string }> {
  try {
    const res = (await client.transport.request(
      { method, path, ...(body === undefined ? {} : { body }), ...(querystring ? { querystring } : {}) },
      { asStream: true, meta: true },
    )) as unknown as { statusCode?: number | null; headers?: Record<string, unknown>; body: AsyncIterable<Buffer | string> };
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    let raw = Buffer.concat(chunks);
    // asStream skips the client's decompression: undo a compressed answer ourselves.
    const encoding = String(res.headers?.['content-encoding'] ?? '').toLowerCase();
    if (encoding.includes('gzip')) raw = gunzipSync(raw);
    else if (encoding.includes('deflate')) raw = inflateSync(raw);
    return { status: res.statusCode ?? 0, text: raw.toString('utf8') };
  } catch (err) {
    throw new ExportError('ERR_EXPORT_STORE', `Elasticsearch is not reachable: ${(err as Error).message}`, { cause: err });
  }
}

/** `type: reason` of an Elasticsearch error body, for one-line messages. */
export function errorReason(text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { type?: unknown; reason?: unknown } | string }).error;
    if (typeof e === 'string') return e.slice(0, 300);
    if (e !== undefined) return `${String(e.type)}: ${String(e.reason)}`.slice(0, 300);
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 200) || 'no reason given';
}
