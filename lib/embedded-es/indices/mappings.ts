/**
 * Mapping input normalization and merging, with Elasticsearch's validation errors:
 * unknown types (`No handler for type [x] declared on field [y]`), type changes
 * (`mapper [f] cannot be changed from type [long] to [keyword]`) and object/field clashes.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument } from '../errors/es-errors';
import { isKnownType } from '../mapping/compile-mapping';
import type { Json } from '../state/metadata';

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mapperParsing(reason: string): Error {
  return esError({ status: 400, type: 'mapper_parsing_exception', reason });
}

function normalizeProps(props: Json, prefix: string): Json {
  const out: Json = {};
  for (const [rawName, rawDef] of Object.entries(props)) {
    if (!isObj(rawDef)) throw mapperParsing(`Expected map for property [fields] on field [${rawName}] but got a class java.lang.String`);
    const parts = rawName.split('.');
    // `subfield.text3` is `subfield: {properties: {text3}}`.
    let def: Json = normalizeField(rawDef, prefix === '' ? rawName : `${prefix}.${rawName}`);
    for (let i = parts.length - 1; i > 0; i--) def = { properties: { [parts[i] as string]: def } };
    const name = parts[0] as string;
    out[name] = isObj(out[name]) ? mergeMappings(out[name] as Json, def, 'override') : def;
  }
  return out;
}

function normalizeField(def: Json, path: string): Json {
  const out: Json = { ...def };
  if (out.type !== undefined) {
    const type = String(out.type);
    if (!isKnownType(type)) throw mapperParsing(`No handler for type [${type}] declared on field [${path.split('.').pop()}]`);
  }
  if (isObj(out.properties)) out.properties = normalizeProps(out.properties, path);
  if (isObj(out.fields)) {
    for (const [sub, subDef] of Object.entries(out.fields)) {
      if (isObj(subDef) && subDef.type !== undefined && !isKnownType(String(subDef.type))) {
        throw mapperParsing(`No handler for type [${String(subDef.type)}] declared on field [${sub}]`);
      }
    }
  }
  return out;
}

/** Validates and normalizes a mapping body (also unwraps a `_doc` type level). */
export function normalizeMapping(input: unknown): Json {
  if (input === undefined || input === null) return {};
  if (!isObj(input)) throw mapperParsing('Failed to parse mapping: mapping must be an object');
  let m: Json = input;
  const keys = Object.keys(m);
  if (keys.length === 1 && keys[0] === '_doc' && isObj(m._doc)) m = m._doc;
  const out: Json = { ...m };
  if (out.properties !== undefined) {
    if (!isObj(out.properties)) throw mapperParsing('Failed to parse mapping: properties must be an object');
    out.properties = normalizeProps(out.properties, '');
  }
  return out;
}

function typeOf(def: Json): string {
  return def.type === undefined ? (isObj(def.properties) ? 'object' : 'object') : String(def.type);
}

/**
 * Merges `update` into `base`. `'error'` mode (PUT _mapping) rejects type changes;
 * `'override'` mode (template composition) lets later definitions win.
 */
export function mergeMappings(base: Json, update: Json, mode: 'error' | 'override', path = ''): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(update)) {
    if (k !== 'properties') {
      out[k] = v;
      continue;
    }
    const props: Json = { ...(isObj(base.properties) ? base.properties : {}) };
    for (const [name, def] of Object.entries(isObj(v) ? v : {})) {
      const full = path === '' ? name : `${path}.${name}`;
      const existing = props[name];
      if (!isObj(existing) || !isObj(def)) {
        props[name] = def;
        continue;
      }
      const before = typeOf(existing);
      const after = typeOf(def);
      const beforeObj = before === 'object' || before === 'nested';
      const afterObj = after === 'object' || after === 'nested';
      if (mode === 'error') {
        if (beforeObj && !afterObj) throw illegalArgument(`can't merge a non object mapping [${full}] with an object mapping`);
        if (!beforeObj && afterObj) throw illegalArgument(`can't merge a non object mapping [${full}] with an object mapping`);
        if (!beforeObj && before !== after) throw illegalArgument(`mapper [${full}] cannot be changed from type [${before}] to [${after}]`);
      }
      if (beforeObj && afterObj) props[name] = mergeMappings(existing, def, mode, full);
      else if (mode === 'error') {
        const merged: Json = { ...existing, ...def };
        if (isObj(existing.fields) && isObj(def.fields)) merged.fields = { ...existing.fields, ...def.fields };
        props[name] = merged;
      } else props[name] = def;
    }
    out.properties = props;
  }
  return out;
}
