/**
 * The ingest processors the store executes: set, remove, rename, lowercase, uppercase, trim,
 * append, convert, fail, drop and pipeline. Failures use Elasticsearch's types and reasons
 * (`fail_processor_exception` is a 500, argument problems are 400 `illegal_argument_exception`).
 */
import { esError, type EmbeddedEsError } from '../errors/embedded-es-error';
import { illegalArgument } from '../errors/es-errors';
import { JsonNumber, nodesEqual, type JsonNode } from '../json/json-node';
import { IngestDocument } from './ingest-document';

export type Json = Record<string, unknown>;

/** Thrown by the `drop` processor to stop the pipeline and discard the document. */
export class DropDocument extends Error {}

export interface ProcessorContext {
  runPipeline(id: string, doc: IngestDocument): void;
}

function javaType(v: JsonNode | undefined): string {
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'java.lang.Integer' : 'java.lang.Double';
  if (v instanceof JsonNumber) return v.isFloat ? 'java.lang.Double' : 'java.lang.Long';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  if (v instanceof Map) return 'java.util.LinkedHashMap';
  return 'null';
}

function fields(cfg: Json): string[] {
  const f = cfg.field;
  return Array.isArray(f) ? f.map(String) : [String(f)];
}

function changeCase(doc: IngestDocument, cfg: Json, fn: (s: string) => string): void {
  const field = String(cfg.field);
  const target = cfg.target_field === undefined ? field : String(cfg.target_field);
  const v = doc.get(field);
  if (v === undefined || v === null) {
    if (cfg.ignore_missing === true) return;
    throw illegalArgument(v === null ? `field [${field}] is null, cannot process it.` : `field [${field}] not present as part of path [${field}]`);
  }
  if (Array.isArray(v)) {
    doc.set(target, v.map((x) => {
      if (typeof x !== 'string') throw illegalArgument(`value [${String(x)}] of type [${javaType(x)}] cannot be cast to [java.lang.String]`);
      return fn(x);
    }));
    return;
  }
  if (typeof v !== 'string') throw illegalArgument(`field [${field}] of type [${javaType(v)}] cannot be cast to [java.lang.String]`);
  doc.set(target, fn(v));
}

function convert(v: JsonNode, type: string, field: string): JsonNode {
  const text = typeof v === 'string' ? v.trim() : v instanceof JsonNumber ? v.text : String(v);
  switch (type) {
    case 'integer': case 'long': {
      if (!/^[+-]?\d+$/.test(text)) throw illegalArgument(`unable to convert [${text}] to ${type}`);
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : new JsonNumber(text.replace(/^\+/, ''));
    }
    case 'float': case 'double': {
      const n = Number(text);
      if (text === '' || Number.isNaN(n)) throw illegalArgument(`unable to convert [${text}] to ${type}`);
      return n;
    }
    case 'boolean':
      if (/^true$/i.test(text)) return true;
      if (/^false$/i.test(text)) return false;
      throw illegalArgument(`[${text}] is not a boolean value, cannot convert to boolean`);
    case 'string':
      return text;
    case 'auto':
      if (/^[+-]?\d+$/.test(text)) return Number(text);
      if (text !== '' && !Number.isNaN(Number(text))) return Number(text);
      if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
      return v;
    default:
      throw illegalArgument(`type [${type}] not supported, cannot convert field [${field}]`);
  }
}

/** Runs one processor of `type` with `cfg` on `doc`. */
export function runProcessor(type: string, cfg: Json, doc: IngestDocument, ctx: ProcessorContext): void {
  switch (type) {
    case 'set': {
      const field = doc.render(String(cfg.field));
      if (cfg.override === false && doc.has(field) && doc.get(field) !== null) return;
      let value: JsonNode;
      if (cfg.copy_from !== undefined) {
        const src = doc.get(String(cfg.copy_from));
        if (src === undefined) throw illegalArgument(`field [${String(cfg.copy_from)}] not present as part of path [${String(cfg.copy_from)}]`);
        value = IngestDocument.copy(src);
      } else value = doc.value(cfg.value);
      if (cfg.ignore_empty_value === true && (value === null || value === '')) return;
      if (!doc.set(field, value)) throw illegalArgument(`cannot set [${field}] with parent object of type [java.lang.String]`);
      return;
    }
    case 'remove': {
      const keep = cfg.keep === undefined ? undefined : (Array.isArray(cfg.keep) ? cfg.keep : [cfg.keep]).map(String);
      if (keep) {
        for (const k of [...doc.source.keys()]) if (!keep.some((x) => x === k || x.startsWith(`${k}.`))) doc.source.delete(k);
        return;
      }
      for (const f of fields(cfg)) {
        const field = doc.render(f);
        if (!doc.remove(field) && cfg.ignore_missing !== true) throw illegalArgument(`field [${field}] not present as part of path [${field}]`);
      }
      return;
    }
    case 'rename': {
      const field = doc.render(String(cfg.field));
      const target = doc.render(String(cfg.target_field));
      if (!doc.has(field)) {
        if (cfg.ignore_missing === true) return;
        throw illegalArgument(`field [${field}] doesn't exist`);
      }
      if (doc.has(target) && cfg.override !== true) throw illegalArgument(`field [${target}] already exists`);
      const v = doc.get(field) as JsonNode;
      doc.remove(field);
      doc.set(target, v);
      return;
    }
    case 'lowercase':
      return changeCase(doc, cfg, (s) => s.toLowerCase());
    case 'uppercase':
      return changeCase(doc, cfg, (s) => s.toUpperCase());
    case 'trim':
      return changeCase(doc, cfg, (s) => s.trim());
    case 'append': {
      const field = doc.render(String(cfg.field));
      const add = doc.value(cfg.value);
      const values = Array.isArray(add) ? add : [add];
      const cur = doc.get(field);
      const list: JsonNode[] = cur === undefined ? [] : Array.isArray(cur) ? [...cur] : [cur];
      for (const v of values) {
        if (cfg.allow_duplicates === false && list.some((x) => nodesEqual(x, v))) continue;
        list.push(v);
      }
      doc.set(field, list);
      return;
    }
    case 'convert': {
      const field = String(cfg.field);
      const target = cfg.target_field === undefined ? field : String(cfg.target_field);
      const v = doc.get(field);
      if (v === undefined || v === null) {
        if (cfg.ignore_missing === true) return;
        throw illegalArgument(`field [${field}] not present as part of path [${field}]`);
      }
      doc.set(target, Array.isArray(v) ? v.map((x) => convert(x, String(cfg.type), field)) : convert(v, String(cfg.type), field));
      return;
    }
    case 'fail':
      throw esError({ status: 500, type: 'fail_processor_exception', reason: doc.render(String(cfg.message)) });
    case 'drop':
      throw new DropDocument();
    case 'pipeline':
      ctx.runPipeline(doc.render(String(cfg.name)), doc);
      return;
    default:
      throw illegalArgument(`No processor type exists with name [${type}]`);
  }
}

const REQUIRED: Record<string, string[]> = {
  set: ['field'], remove: [], rename: ['field', 'target_field'], lowercase: ['field'], uppercase: ['field'], trim: ['field'],
  append: ['field', 'value'], convert: ['field', 'type'], fail: ['message'], drop: [], pipeline: ['name'],
};

/** Validates one processor definition as `PUT _ingest/pipeline` does. */
export function validateProcessor(type: string, cfg: unknown): EmbeddedEsError | undefined {
  const required = REQUIRED[type];
  if (!required) {
    return esError({ status: 400, type: 'parse_exception', reason: `No processor type exists with name [${type}]`, metadata: { processor_type: type } });
  }
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) {
    return esError({ status: 400, type: 'parse_exception', reason: `[${type}] processor configuration must be an object`, metadata: { processor_type: type } });
  }
  const c = cfg as Json;
  for (const r of required) {
    if (c[r] === undefined) return esError({ status: 400, type: 'parse_exception', reason: `[${r}] required property is missing`, metadata: { processor_type: type, property_name: r } });
  }
  if (type === 'set' && c.value === undefined && c.copy_from === undefined) {
    return esError({ status: 400, type: 'parse_exception', reason: '[value] required property is missing', metadata: { processor_type: type, property_name: 'value' } });
  }
  if (type === 'remove' && c.field === undefined && c.keep === undefined) {
    return esError({ status: 400, type: 'parse_exception', reason: '[field] required property is missing', metadata: { processor_type: type, property_name: 'field' } });
  }
  if (c.if !== undefined && typeof c.if !== 'string') {
    return esError({ status: 400, type: 'parse_exception', reason: '[if] must be a string', metadata: { processor_type: type } });
  }
  return undefined;
}
