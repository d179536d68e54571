/** One `create` operation of a bulk request. */
export interface BulkOperation {
  readonly index: string;
  readonly id: string;
  readonly pipeline: string | null;
  readonly docText: string;
}

/**
 * The NDJSON body of a `_bulk` request: per operation, the action line
 * `{"create":{"_index","_id"[,"pipeline"]}}` and the document text exactly as given — the client
 * never parses or re-serializes it, so numbers such as `9007199254740993` or `1.50` reach
 * Elasticsearch byte for byte.
 *
 * NDJSON needs one line per document: a raw CR or LF can only be whitespace between tokens in
 * valid JSON (inside strings they are escaped), so it is turned into a space, which changes no
 * member and no value (lib/chain writes signed documents on one line already).
 */
export function bulkBody(ops: readonly BulkOperation[]): string {
  let out = '';
  for (const op of ops) {
    const meta = op.pipeline === null ? { _index: op.index, _id: op.id } : { _index: op.index, _id: op.id, pipeline: op.pipeline };
    const doc = /[\r\n]/.test(op.docText) ? op.docText.replace(/[\r\n]/g, ' ') : op.docText;
    out += `${JSON.stringify({ create: meta })}\n${doc}\n`;
  }
  return out;
}
