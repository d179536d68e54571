/** Response bodies of successful single-document writes (also the shape of bulk items). */
import type { WriteResult } from './write-document';

export const SHARDS_OK = { total: 2, successful: 1, failed: 0 };
export const SHARDS_NOOP = { total: 0, successful: 0, failed: 0 };

export function writeResultBody(r: WriteResult, forcedRefresh = false): Record<string, unknown> {
  const body: Record<string, unknown> = {
    _index: r.index,
    _id: r.id,
    _version: r.version,
    result: r.result,
  };
  if (forcedRefresh && r.result !== 'noop') body.forced_refresh = true;
  body._shards = r.result === 'noop' ? SHARDS_NOOP : SHARDS_OK;
  body._seq_no = r.seqNo;
  body._primary_term = r.primaryTerm;
  return body;
}

/** A bulk item for a successful write, rendered straight to JSON (the hot path of `_bulk`). */
export function bulkItemJson(action: string, r: WriteResult): string {
  const shards = r.result === 'noop' ? '{"total":0,"successful":0,"failed":0}' : '{"total":2,"successful":1,"failed":0}';
  return `{"${action}":{"_index":${JSON.stringify(r.index)},"_id":${JSON.stringify(r.id)},"_version":${r.version},"result":"${r.result}","_shards":${shards},"_seq_no":${r.seqNo},"_primary_term":${r.primaryTerm},"status":${r.status}}}`;
}
