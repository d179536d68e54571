/**
 * NDJSON parsing for `_bulk`, with Elasticsearch's request-level errors (missing final newline,
 * malformed action lines, unknown action parameters such as `_type`). Empty lines are skipped
 * (rsyslog sends a trailing one). Source lines are kept as raw byte ranges plus their text, so a
 * document is decoded once and logged byte for byte.
 */
import { illegalArgument, validationFailed, xContentParse } from '../errors/es-errors';
import { JsonSyntaxError, parseJson } from '../json/parse-json';

export type BulkAction = 'index' | 'create' | 'update' | 'delete';

export interface BulkItem {
  action: BulkAction;
  meta: Record<string, unknown>;
  /** The source line (absent for delete). */
  source?: string;
  bytes?: Buffer;
  line: number;
}

const PARAMS = new Set(['_index', '_id', 'routing', 'if_seq_no', 'if_primary_term', 'version', 'version_type', 'pipeline', 'require_alias',
  'require_data_stream', 'dynamic_templates', 'op_type', 'retry_on_conflict', '_source', 'list_executed_pipelines']);

function token(v: unknown): string {
  if (v === null) return 'VALUE_NULL';
  if (Array.isArray(v)) return 'START_ARRAY';
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return 'VALUE_NUMBER';
  if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return 'START_OBJECT';
}

function parseAction(text: string, line: number, compat: number | undefined): { action: BulkAction; meta: Record<string, unknown> } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    try {
      parseJson(text);
    } catch (err) {
      if (err instanceof JsonSyntaxError) throw xContentParse(err.located);
    }
    throw xContentParse(`[1:1] Malformed action/metadata line [${line}]`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw illegalArgument(`Malformed action/metadata line [${line}], expected START_OBJECT or END_OBJECT but found [${token(v)}]`);
  }
  const keys = Object.keys(v);
  if (keys.length === 0) throw illegalArgument(`Malformed action/metadata line [${line}], expected FIELD_NAME but found [END_OBJECT]`);
  const action = keys[0] as string;
  if (action !== 'index' && action !== 'create' && action !== 'update' && action !== 'delete') {
    throw illegalArgument(`Malformed action/metadata line [${line}], expected field [create], [delete], [index] or [update] but found [${action}]`);
  }
  if (keys.length > 1) throw illegalArgument(`Malformed action/metadata line [${line}], expected END_OBJECT but found [FIELD_NAME]`);
  const meta = (v as Record<string, unknown>)[action];
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw illegalArgument(`Malformed action/metadata line [${line}], expected START_OBJECT but found [${token(meta)}]`);
  }
  for (const k of Object.keys(meta)) {
    if (PARAMS.has(k)) continue;
    if (k === '_type' && compat === 7) continue;
    throw illegalArgument(`Action/metadata line [${line}] contains an unknown parameter [${k}]`);
  }
  return { action, meta: meta as Record<string, unknown> };
}

/** Parses a bulk body into items. @throws request-level 400 errors. */
export function parseBulk(body: Buffer | undefined, compat: number | undefined): BulkItem[] {
  if (!body || body.length === 0) throw validationFailed(['no requests added']);
  if (body[body.length - 1] !== 0x0a) throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
  const items: BulkItem[] = [];
  let pos = 0;
  let line = 0;
  let pending: { action: BulkAction; meta: Record<string, unknown>; line: number } | undefined;
  while (pos < body.length) {
    let end = body.indexOf(0x0a, pos);
    if (end === -1) end = body.length;
    line++;
    let stop = end;
    if (stop > pos && body[stop - 1] === 0x0d) stop--;
    const start = pos;
    pos = end + 1;
    let blank = stop === start;
    if (!blank && body[start] !== 0x7b) {
      blank = true;
      for (let i = start; i < stop; i++) {
        const c = body[i];
        if (c !== 0x20 && c !== 0x09) {
          blank = false;
          break;
        }
      }
    }
    if (blank) continue;
    if (pending) {
      const bytes = body.subarray(start, stop);
      items.push({ action: pending.action, meta: pending.meta, line: pending.line, source: bytes.toString('utf8'), bytes });
      pending = undefined;
      continue;
    }
    const { action, meta } = parseAction(body.toString('utf8', start, stop), line, compat);
    if (action === 'delete') items.push({ action, meta, line });
    else pending = { action, meta, line };
  }
  if (items.length === 0) throw validationFailed(['no requests added']);
  return items;
}
