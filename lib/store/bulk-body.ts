/** One `create` operation of a bulk request. */
export interface BulkOperation {
  readonly index: string;
  readonly id: string;
  readonly pipeline: string | null;
  readonly docText: string;
}

/**
 * The NDJSON body of a `_bulk` request, as UTF-8 bytes: per operation, the action line
 * `{"create":{"_index","_id"[,"pipeline"]}}` and the document text exactly as given — the client
 * never parses or re-serializes it, so numbers such as `9007199254740993` or `1.50` reach
 * Elasticsearch byte for byte.
 *
 * NDJSON needs one line per document: a raw CR or LF can only be whitespace between tokens in
 * valid JSON (inside strings they are escaped), so it is turned into a space, which changes no
 * member and no value (lib/chain writes signed documents on one line already).
 *
 * Encoded line by line into one buffer: concatenating the text first and encoding it afterwards
 * (which the transport did for a string body, twice: length, then bytes) flattens a rope of
 * thousands of strings and cost about 4× more per log (`npm run bench:ingest`).
 */
export function bulkBody(ops: readonly BulkOperation[]): Buffer {
  const lines: string[] = new Array<string>(ops.length);
  let size = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as BulkOperation;
    const meta = op.pipeline === null ? { _index: op.index, _id: op.id } : { _index: op.index, _id: op.id, pipeline: op.pipeline };
    const doc = /[\r\n]/.test(op.docText) ? op.docText.replace(/[\r\n]/g, ' ') : op.docText;
    const line = `${JSON.stringify({ create: meta })}\n${doc}\n`;
    lines[i] = line;
    size += Buffer.byteLength(line);
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const line of lines) at += out.write(line, at);
  return out;
}
