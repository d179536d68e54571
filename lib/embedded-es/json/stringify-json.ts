/**
 * Response serializer. Besides plain values it writes tree nodes (`Map`, `JsonNumber`) with their
 * original lexemes and splices `RawJson` (stored `_source`) verbatim, so documents leave the store
 * exactly as they arrived. Pretty mode mimics Elasticsearch's (`"key" : value`, `{ }`).
 */
import { parseJson } from './parse-json';
import { JsonNumber, RawJson, RawParts } from './json-node';

function compact(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    case 'object': break;
    default: return 'null';
  }
  if (v instanceof RawJson || v instanceof RawParts) return v.toText();
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ',';
      s += compact(v[i]);
    }
    return s + ']';
  }
  let s = '{';
  let first = true;
  if (v instanceof Map) {
    for (const [k, val] of v) {
      if (val === undefined) continue;
      s += (first ? '' : ',') + JSON.stringify(k) + ':' + compact(val);
      first = false;
    }
    return s + '}';
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const val = o[k];
    if (val === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + compact(val);
    first = false;
  }
  return s + '}';
}

function pretty(v: unknown, indent: string): string {
  if (v instanceof RawJson || v instanceof RawParts) {
    const text = v.toText();
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch {
      return text;
    }
    return pretty(parsed, indent);
  }
  if (v === null || typeof v !== 'object' || v instanceof JsonNumber) return compact(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    return '[\n' + v.map((x) => inner + pretty(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const entries: [string, unknown][] = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
  const parts = entries.filter(([, x]) => x !== undefined).map(([k, x]) => `${inner}${JSON.stringify(k)} : ${pretty(x, inner)}`);
  if (parts.length === 0) return '{ }';
  return '{\n' + parts.join(',\n') + '\n' + indent + '}';
}

/** Serializes a response value; `prettyPrint` adds Elasticsearch-style indentation. */
export function stringifyJson(value: unknown, prettyPrint = false): string {
  return prettyPrint ? pretty(value, '') + '\n' : compact(value);
}
