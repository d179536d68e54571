/**
 * A tiny subset of Painless update scripts: statements separated by `;` of the forms
 * `ctx._source.a.b = <value>`, `ctx._source.a += <value>`, `ctx._source.remove('a')`,
 * `ctx.op = 'noop'|'delete'`, where a value is a literal or `params.x`. Anything else is a
 * 400 `script_exception`, never a silent no-op.
 */
import { esError } from '../errors/embedded-es-error';
import { fromPlain, numberOf, type JsonNode, type JsonObject } from '../json/json-node';

export interface ScriptOutcome {
  op: 'index' | 'noop' | 'delete';
}

function fail(source: string, why: string): Error {
  return esError({
    status: 400,
    type: 'script_exception',
    reason: 'compile error',
    metadata: { script_stack: [source], script: source, lang: 'painless' },
    causedBy: { type: 'illegal_argument_exception', reason: why },
  });
}

function value(expr: string, params: Record<string, unknown>, source: string): JsonNode {
  const e = expr.trim();
  const p = /^params\.([A-Za-z_][\w.]*)$/.exec(e) ?? /^params\[['"]([^'"]+)['"]\]$/.exec(e);
  if (p) {
    let v: unknown = params;
    for (const k of (p[1] as string).split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
    return fromPlain(v);
  }
  try {
    return fromPlain(JSON.parse(e.replace(/^'(.*)'$/s, (_m, s: string) => JSON.stringify(s))));
  } catch {
    throw fail(source, `unsupported expression [${e}]`);
  }
}

function parent(root: JsonObject, path: string[]): JsonObject {
  let obj = root;
  for (const k of path.slice(0, -1)) {
    let next = obj.get(k);
    if (!(next instanceof Map)) {
      next = new Map();
      obj.set(k, next);
    }
    obj = next;
  }
  return obj;
}

/** Runs `source` on `doc` (mutated in place). */
export function runUpdateScript(source: string, params: Record<string, unknown>, doc: JsonObject): ScriptOutcome {
  let op: ScriptOutcome['op'] = 'index';
  for (const raw of source.split(';')) {
    const stmt = raw.trim();
    if (stmt === '') continue;
    let m = /^ctx\.op\s*=\s*['"](noop|none|delete|index)['"]$/.exec(stmt);
    if (m) {
      op = m[1] === 'delete' ? 'delete' : m[1] === 'index' ? 'index' : 'noop';
      continue;
    }
    m = /^ctx\._source\.remove\(\s*['"]([^'"]+)['"]\s*\)$/.exec(stmt);
    if (m) {
      doc.delete(m[1] as string);
      continue;
    }
    m = /^ctx\._source((?:\.[A-Za-z_@][\w@]*|\[['"][^'"]+['"]\])+)\s*(\+=|=)\s*(.+)$/s.exec(stmt);
    if (!m) throw fail(source, `unsupported statement [${stmt}]`);
    const path = [...(m[1] as string).matchAll(/\.([A-Za-z_@][\w@]*)|\[['"]([^'"]+)['"]\]/g)].map((x) => (x[1] ?? x[2]) as string);
    const obj = parent(doc, path);
    const key = path[path.length - 1] as string;
    const v = value(m[3] as string, params, source);
    if (m[2] === '=') obj.set(key, v);
    else {
      const cur = obj.get(key);
      const a = numberOf(cur);
      const b = numberOf(v);
      if (a !== undefined && b !== undefined) obj.set(key, a + b);
      else if (Array.isArray(cur)) cur.push(v);
      else obj.set(key, `${typeof cur === 'string' ? cur : ''}${typeof v === 'string' ? v : String(numberOf(v) ?? '')}`);
    }
  }
  return { op };
}
