/**
 * Compiles an index's mapping JSON into lookup tables used on every write and query:
 * field path → field info (type, multi-fields, format) and object path → dynamic setting.
 * The mapping JSON itself stays the source of truth (it is what `GET _mapping` returns).
 */
import { DEFAULT_DATE_FORMAT } from '../mapping/dates';

/** How a field's values are stored and compared. */
export type ValueKind = 'keyword' | 'text' | 'long' | 'double' | 'date' | 'boolean' | 'none';

export interface FieldInfo {
  readonly kind: 'field';
  readonly path: string;
  readonly type: string;
  readonly valueKind: ValueKind;
  readonly subFields: readonly FieldInfo[];
  readonly ignoreAbove: number | undefined;
  readonly format: string;
  readonly coerce: boolean;
  readonly ignoreMalformed: boolean;
  readonly nullValue: unknown;
}

export interface ObjectInfo {
  readonly kind: 'object';
  readonly path: string;
  readonly type: 'object' | 'nested';
  readonly dynamic: string | undefined;
  readonly enabled: boolean;
  readonly children: Map<string, FieldInfo | ObjectInfo>;
}

export interface DynamicTemplate {
  readonly name: string;
  readonly matchMappingType: string[] | undefined;
  readonly match: string[] | undefined;
  readonly unmatch: string[] | undefined;
  readonly pathMatch: string[] | undefined;
  readonly pathUnmatch: string[] | undefined;
  readonly matchPattern: string | undefined;
  readonly mapping: Record<string, unknown>;
}

const KINDS: Record<string, ValueKind> = {
  keyword: 'keyword', constant_keyword: 'keyword', wildcard: 'keyword', version: 'keyword', ip: 'keyword',
  text: 'text', match_only_text: 'text', search_as_you_type: 'text',
  long: 'long', integer: 'long', short: 'long', byte: 'long', unsigned_long: 'long', token_count: 'long',
  double: 'double', float: 'double', half_float: 'double', scaled_float: 'double',
  date: 'date', date_nanos: 'date',
  boolean: 'boolean',
  binary: 'none', geo_point: 'none', geo_shape: 'none', point: 'none', shape: 'none', flattened: 'none',
  dense_vector: 'none', sparse_vector: 'none', rank_feature: 'none', rank_features: 'none', histogram: 'none',
  completion: 'none', alias: 'none', percolator: 'none', join: 'none', semantic_text: 'none', aggregate_metric_double: 'none',
  integer_range: 'none', float_range: 'none', long_range: 'none', double_range: 'none', date_range: 'none', ip_range: 'none',
  annotated_text: 'none', murmur3: 'none', counted_keyword: 'none', passthrough: 'none',
};

/** True when Elasticsearch knows `type` (object types included). */
export function isKnownType(type: string): boolean {
  return type === 'object' || type === 'nested' || type in KINDS;
}

type Json = Record<string, unknown>;

function asObj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function strList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function compileField(path: string, def: Json): FieldInfo {
  const type = String(def.type);
  const subFields: FieldInfo[] = [];
  const fields = asObj(def.fields);
  if (fields) {
    for (const [name, sub] of Object.entries(fields)) {
      const s = asObj(sub);
      if (s && typeof s.type === 'string') subFields.push(compileField(`${path}.${name}`, s));
    }
  }
  return {
    kind: 'field',
    path,
    type,
    valueKind: KINDS[type] ?? 'none',
    subFields,
    ignoreAbove: typeof def.ignore_above === 'number' ? def.ignore_above : undefined,
    format: typeof def.format === 'string' ? def.format : DEFAULT_DATE_FORMAT,
    coerce: def.coerce !== false,
    ignoreMalformed: def.ignore_malformed === true,
    nullValue: def.null_value,
  };
}

function compileObject(path: string, def: Json, fields: Map<string, FieldInfo>, objects: Map<string, ObjectInfo>): ObjectInfo {
  const children = new Map<string, FieldInfo | ObjectInfo>();
  const info: ObjectInfo = {
    kind: 'object',
    path,
    type: def.type === 'nested' ? 'nested' : 'object',
    dynamic: def.dynamic === undefined ? undefined : String(def.dynamic),
    enabled: def.enabled !== false && def.enabled !== 'false',
    children,
  };
  objects.set(path, info);
  const props = asObj(def.properties) ?? {};
  for (const [name, raw] of Object.entries(props)) {
    const child = asObj(raw) ?? {};
    const childPath = path === '' ? name : `${path}.${name}`;
    if (child.type === undefined || child.type === 'object' || child.type === 'nested') {
      children.set(name, compileObject(childPath, child, fields, objects));
    } else {
      const f = compileField(childPath, child);
      children.set(name, f);
      fields.set(childPath, f);
      for (const s of f.subFields) fields.set(s.path, s);
    }
  }
  return info;
}

/** Lookup tables for one mapping. */
export class CompiledMapping {
  readonly root: ObjectInfo;
  readonly fields = new Map<string, FieldInfo>();
  readonly objects = new Map<string, ObjectInfo>();
  readonly dateDetection: boolean;
  readonly numericDetection: boolean;
  readonly dynamicDateFormats: string[];
  readonly dynamicTemplates: DynamicTemplate[];
  readonly totalFieldsLimit: number;

  constructor(readonly json: Json, settings: Record<string, string> = {}) {
    this.root = compileObject('', json, this.fields, this.objects);
    this.dateDetection = json.date_detection !== false;
    this.numericDetection = json.numeric_detection === true;
    this.dynamicDateFormats = strList(json.dynamic_date_formats) ?? ['strict_date_optional_time', 'yyyy/MM/dd HH:mm:ss Z||yyyy/MM/dd Z'];
    this.dynamicTemplates = [];
    const templates = Array.isArray(json.dynamic_templates) ? json.dynamic_templates : [];
    for (const entry of templates) {
      const e = asObj(entry);
      if (!e) continue;
      for (const [name, raw] of Object.entries(e)) {
        const t = asObj(raw) ?? {};
        this.dynamicTemplates.push({
          name,
          matchMappingType: strList(t.match_mapping_type),
          match: strList(t.match),
          unmatch: strList(t.unmatch),
          pathMatch: strList(t.path_match),
          pathUnmatch: strList(t.path_unmatch),
          matchPattern: typeof t.match_pattern === 'string' ? t.match_pattern : undefined,
          mapping: asObj(t.mapping) ?? {},
        });
      }
    }
    this.totalFieldsLimit = Number(settings['index.mapping.total_fields.limit'] ?? 1000);
  }

  /** Number of mapped fields and objects, as counted for `index.mapping.total_fields.limit`. */
  get totalFields(): number {
    let n = 0;
    for (const f of this.fields.values()) if (!f.path.includes('.') || !this.fields.has(f.path.slice(0, f.path.lastIndexOf('.')))) n++;
    return n + this.objects.size - 1;
  }

  /** The effective `dynamic` setting for fields under object `path`. */
  dynamicFor(path: string): string {
    let p: string | undefined = path;
    for (;;) {
      const o = this.objects.get(p);
      if (o?.dynamic !== undefined) return o.dynamic;
      if (p === '') return 'true';
      const dot = p.lastIndexOf('.');
      p = dot === -1 ? '' : p.slice(0, dot);
    }
  }
}
