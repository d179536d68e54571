import type { Client } from '@elastic/elasticsearch';
import { bulkBody, type BulkOperation } from './bulk-body';
import { classifyRequestError, type RequestFailure } from './classify-request-error';

/** One item of a bulk response, as far as delivery needs it. */
export interface BulkItemResult {
  readonly status: unknown;
  readonly error: unknown;
}

export type BulkAnswer =
  | { readonly ok: true; readonly items: readonly BulkItemResult[] }
  | { readonly ok: false; readonly failure: RequestFailure };

// Only what classification needs: keeps the response small for large batches (Beats do the same).
const FILTER_PATH = 'items.*.status,items.*.error';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * ONE `POST /_bulk` with the given operations, sent as raw NDJSON text through the transport
 * (`client.bulk` would serialize the documents itself). Never throws: a failed request comes
 * back classified (`not_written` / `uncertain` / `rejected`), a 2xx as per-item results in
 * request order. A 2xx whose items cannot be matched to the request is `uncertain`. `encoded`:
 * `bulkBody(ops)`'s bytes, when the caller has them already.
 */
export async function sendBulk(client: Client, ops: readonly BulkOperation[], encoded?: Buffer): Promise<BulkAnswer> {
  let body: unknown;
  try {
    body = await client.transport.request({ method: 'POST', path: '/_bulk', querystring: { filter_path: FILTER_PATH }, bulkBody: encoded ?? bulkBody(ops) }, { maxRetries: 0 });
  } catch (err) {
    return { ok: false, failure: classifyRequestError(err) };
  }
  const items = isRecord(body) ? body.items : undefined;
  if (!Array.isArray(items) || items.length !== ops.length) {
    return { ok: false, failure: { kind: 'uncertain', status: null, error: { type: 'invalid_response', reason: `the bulk response holds ${Array.isArray(items) ? items.length : 'no'} items for ${ops.length} operations` } } };
  }
  return {
    ok: true,
    items: items.map((it: unknown) => {
      const result = isRecord(it) ? Object.values(it)[0] : undefined;
      return isRecord(result) ? { status: result.status, error: result.error } : { status: undefined, error: undefined };
    }),
  };
}
